/* sl-grade.h: a look's grade and glow as the GRADE and BLOOM ops take them
 *
 * docs/lexicon.md defines what each look value means; these functions turn
 * those definitions into the kernels' parameters (kernels/sl-ops.h), so the
 * renderer and its tests agree on one translation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-look.h"
#include "sl-ops.h"

G_BEGIN_DECLS

/* Mid grey: the contrast curve turns about it and keeps it fixed. */
#define SL_GRADE_CONTRAST_PIVOT 0.18

/* The linear Rec. 709 colour of a black body at @kelvin (1000..40000),
 * normalised to luminance 1; below about 1900 K blue lies outside Rec. 709
 * and comes out negative. */
void     sl_grade_black_body_rgb       (double        kelvin,
                                        double        rgb[3]);
/* The white balance matrix (row-major 3×3, diagonal) for a look's
 * temperature and tint: each channel times W(6500 K) / W(kelvin), green also
 * times 2^(−tint / 2), then scaled so that white keeps its luminance.
 * 6500 K and tint 0 give the identity; a lower setting gives a colder
 * picture. */
void     sl_grade_white_balance        (double        kelvin,
                                        double        tint,
                                        double        matrix[9]);
/* The GRADE op's parameters for @look at frame @frame of a project seeded
 * with @seed (the grain's noise follows both). */
void     sl_grade_params_from_look     (const SlLook  *look,
                                        guint32        seed,
                                        guint32        frame,
                                        SlGradeParams *params);
/* Whether @params leave every pixel as it is (a neutral look), so the GRADE
 * op need not run. */
gboolean sl_grade_params_is_identity   (const SlGradeParams *params);
/* The BLOOM op's parameters for @look on a picture @width pixels wide, so
 * the glow keeps its share of the picture at every size. FALSE when the look
 * has no bloom (then the op need not run). */
gboolean sl_grade_bloom_params_from_look (const SlLook  *look,
                                        guint          width,
                                        SlBloomParams *params);

G_END_DECLS
