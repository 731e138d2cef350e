/* sl-depth-estimator.h: how far each pixel of a plate is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-image.h"

G_BEGIN_DECLS

/* Relative depth, one float a pixel in rows of width floats: 0 is the
 * nearest thing in the picture, 1 the farthest (the sky). Immutable and
 * atomically reference counted, so any thread may read it.
 *
 * strength says how much parallax the renderer should derive from it
 * (0 flat, 1 as estimated, up to 4 exaggerated); it never changes the
 * values, which stay within 0..1. */
typedef struct _SlDepthMap SlDepthMap;

#define SL_TYPE_DEPTH_MAP (sl_depth_map_get_type ())
GType        sl_depth_map_get_type       (void) G_GNUC_CONST;

/* A grayscale image the user painted or made elsewhere: white is near,
 * black is far (the convention of most depth tools). Colour images are read
 * by their luma; alpha is ignored. */
SlDepthMap  *sl_depth_map_new_from_image (SlImage    *image,
                                          double      strength);
SlDepthMap  *sl_depth_map_ref            (SlDepthMap *self);
void         sl_depth_map_unref          (SlDepthMap *self);
int          sl_depth_map_get_width      (const SlDepthMap *self);
int          sl_depth_map_get_height     (const SlDepthMap *self);
double       sl_depth_map_get_strength   (const SlDepthMap *self);
const float *sl_depth_map_get_data       (const SlDepthMap *self);
/* Bilinear, for a plate whose depth was made at another size. */
SlDepthMap  *sl_depth_map_resize         (SlDepthMap *self,
                                          int         width,
                                          int         height);
/* Opaque gray, white = near: the inverse of sl_depth_map_new_from_image. */
SlImage     *sl_depth_map_to_image       (SlDepthMap *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlDepthMap, sl_depth_map_unref)

#define SL_TYPE_DEPTH_ESTIMATOR (sl_depth_estimator_get_type ())
G_DECLARE_FINAL_TYPE (SlDepthEstimator, sl_depth_estimator, SL, DEPTH_ESTIMATOR, GObject)

/* A monocular estimate from picture cues alone (see docs/depth.md): no
 * network, no weights, the same pixels in, the same depth out. The
 * estimate is made with the longest side at most working-size pixels and
 * brought back to the image's size along the image's own edges.
 * sl_depth_estimator_estimate() keeps no state, so one estimator may serve
 * several threads at once. */
SlDepthEstimator *sl_depth_estimator_new               (void);
int               sl_depth_estimator_get_working_size  (SlDepthEstimator *self);
void              sl_depth_estimator_set_working_size  (SlDepthEstimator *self,
                                                        int               working_size);
SlDepthMap       *sl_depth_estimator_estimate          (SlDepthEstimator *self,
                                                        SlImage          *image,
                                                        double            strength);

G_END_DECLS
