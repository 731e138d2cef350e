/* sl-grade.h: the colour grade ("look") of one pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-color.h"
#include "sl-noise.h"
#include "../sl-ops.h"

/* The largest value a graded channel may take: the largest half float, so the
 * frame still fits a half-float buffer. */
#define SL_MAX_LINEAR 65504.0f

/* Per-op constants, computed once by sl_grade_setup(). Steps whose
 * parameters are neutral are skipped, so a neutral grade is exact. */
typedef struct {
  float   exposure_scale;      /* 2^exposure */
  float   log2_pivot;
  float   inv_gamma[3];
  int32_t do_contrast;
  int32_t do_saturation;
  int32_t do_gamma[3];
  float   centre_x, centre_y;  /* image centre in pixels */
  float   inv_half_diagonal;
  float   vignette_inv_width;
} SlGradeSetup;

static inline SL_KERNEL_FN void
sl_grade_setup (const SlGradeParams *p, uint32_t width, uint32_t height, SlGradeSetup *s)
{
  s->exposure_scale = sl_exp2_fast (p->exposure);
  s->log2_pivot = sl_log2_fast (p->pivot);
  s->do_contrast = p->contrast != 1.0f;
  s->do_saturation = p->saturation != 1.0f;
  for (int c = 0; c < 3; c++)
    {
      s->inv_gamma[c] = 1.0f / p->gamma[c];
      s->do_gamma[c] = p->gamma[c] != 1.0f;
    }
  s->centre_x = 0.5f * (float) width;
  s->centre_y = 0.5f * (float) height;
  s->inv_half_diagonal = 1.0f / sqrtf (s->centre_x * s->centre_x + s->centre_y * s->centre_y);
  s->vignette_inv_width = sl_smoothstep_inv_width (p->vignette_softness);
}

/* The grain hash of row Y, shared by the row's pixels. */
static inline SL_KERNEL_FN uint32_t
sl_grade_row_seed (const SlGradeParams *p, uint32_t y)
{
  return sl_hash3 (y, p->grain_seed, p->frame);
}

/* Contrast in log space around the pivot, for one channel. */
static inline SL_KERNEL_FN float
sl_grade_contrast (const SlGradeParams *p, const SlGradeSetup *s, float c)
{
  float t = p->pivot * sl_exp2_fast (p->contrast * (sl_log2_fast (c) - s->log2_pivot));

  t = c > 0.0f ? t : 0.0f;
  return s->do_contrast ? t : c;
}

static inline SL_KERNEL_FN float
sl_grade_saturate (const SlGradeParams *p, const SlGradeSetup *s, float luma, float c)
{
  float t = sl_clampf (luma + (c - luma) * p->saturation, 0.0f, SL_MAX_LINEAR);

  return s->do_saturation ? t : c;
}

/* Lift, gain and gamma of channel I. */
static inline SL_KERNEL_FN float
sl_grade_lift_gamma_gain (const SlGradeParams *p, const SlGradeSetup *s, int i, float c)
{
  float t = sl_clampf (p->gain[i] * (c + p->lift[i] * (1.0f - c)), 0.0f, SL_MAX_LINEAR);
  float powered = sl_pow_fast (t, s->inv_gamma[i]);

  return s->do_gamma[i] ? powered : t;
}

/* Grades PIXEL (premultiplied RGBA, in place) at column X, row Y, whose row
 * seed is ROW_SEED. Written without data-dependent branches and with the
 * channels spelt out (pixels with no alpha are computed too, then left as they
 * were); the uniform `do_` tests become selects. The CPU backend computes the
 * same four pixels at a time on vectors (cpu/sl-cpu-grade.c); the two must
 * stay in step. */
static inline SL_FORCE_INLINE SL_KERNEL_FN void
sl_grade_pixel (const SlGradeParams *p, const SlGradeSetup *s, uint32_t row_seed,
                int32_t x, int32_t y, float pixel[4])
{
  const float *m = p->white_balance;
  float a = pixel[3], k, r, g, b, r0, g0, b0, l, dx, dy, radius;
  uint32_t h;

  k = s->exposure_scale / sl_maxf (a, 1e-30f);
  r0 = sl_clampf (pixel[0] * k, 0.0f, SL_MAX_LINEAR);
  g0 = sl_clampf (pixel[1] * k, 0.0f, SL_MAX_LINEAR);
  b0 = sl_clampf (pixel[2] * k, 0.0f, SL_MAX_LINEAR);

  r = sl_clampf (m[0] * r0 + m[1] * g0 + m[2] * b0, 0.0f, SL_MAX_LINEAR);
  g = sl_clampf (m[3] * r0 + m[4] * g0 + m[5] * b0, 0.0f, SL_MAX_LINEAR);
  b = sl_clampf (m[6] * r0 + m[7] * g0 + m[8] * b0, 0.0f, SL_MAX_LINEAR);

  r = sl_grade_contrast (p, s, r);
  g = sl_grade_contrast (p, s, g);
  b = sl_grade_contrast (p, s, b);

  l = sl_luma709 (r, g, b);
  r = sl_grade_saturate (p, s, l, r);
  g = sl_grade_saturate (p, s, l, g);
  b = sl_grade_saturate (p, s, l, b);

  r = sl_grade_lift_gamma_gain (p, s, 0, r);
  g = sl_grade_lift_gamma_gain (p, s, 1, g);
  b = sl_grade_lift_gamma_gain (p, s, 2, b);

  dx = ((float) x + 0.5f - s->centre_x) * s->inv_half_diagonal;
  dy = ((float) y + 0.5f - s->centre_y) * s->inv_half_diagonal;
  radius = sqrtf (dx * dx + dy * dy);
  k = sl_maxf (0.0f, 1.0f - p->vignette_amount
                           * sl_smoothstep (p->vignette_radius, s->vignette_inv_width, radius));

  /* Triangular noise from the two 16-bit halves of one hash. */
  h = sl_hash32 ((uint32_t) x ^ row_seed);
  k *= sl_maxf (0.0f, 1.0f + p->grain_amount
                             * ((float) (int32_t) (h & 0xffffu) * (1.0f / 65536.0f)
                                + (float) (int32_t) (h >> 16) * (1.0f / 65536.0f) - 1.0f));

  k *= a;
  pixel[0] = sl_select (a > 0.0f, sl_clampf (r * k, 0.0f, SL_MAX_LINEAR), pixel[0]);
  pixel[1] = sl_select (a > 0.0f, sl_clampf (g * k, 0.0f, SL_MAX_LINEAR), pixel[1]);
  pixel[2] = sl_select (a > 0.0f, sl_clampf (b * k, 0.0f, SL_MAX_LINEAR), pixel[2]);
}
