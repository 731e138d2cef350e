/* sl-grade.glsl: common/sl-grade.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef SL_GRADE_GLSL
#define SL_GRADE_GLSL

#include "sl-color.glsl"
#include "sl-noise.glsl"
#include "sl-ops.glsl"

/* SlGradeSetup, filled on the host by sl_grade_setup(). */
struct SlGradeSetup
{
  float exposure_scale;
  float log2_pivot;
  float inv_gamma[3];
  int   do_contrast;
  int   do_saturation;
  int   do_gamma[3];
  float centre_x;
  float centre_y;
  float inv_half_diagonal;
  float vignette_inv_width;
};

uint
sl_grade_row_seed (SlGradeParams p, uint y)
{
  return sl_hash3 (y, p.grain_seed, p.frame);
}

precise float
sl_grade_contrast (SlGradeParams p, SlGradeSetup s, float c)
{
  precise float t = p.pivot * sl_exp2_fast (p.contrast * (sl_log2_fast (c) - s.log2_pivot));

  t = c > 0.0 ? t : 0.0;
  return s.do_contrast != 0 ? t : c;
}

precise float
sl_grade_saturate (SlGradeParams p, SlGradeSetup s, float luma, float c)
{
  precise float t = sl_clampf (luma + (c - luma) * p.saturation, 0.0, SL_MAX_LINEAR);

  return s.do_saturation != 0 ? t : c;
}

precise float
sl_grade_lift_gamma_gain (SlGradeParams p, SlGradeSetup s, int i, float c)
{
  precise float t = sl_clampf (p.gain[i] * (c + p.lift[i] * (1.0 - c)), 0.0, SL_MAX_LINEAR);
  precise float powered = sl_pow_fast (t, s.inv_gamma[i]);

  return s.do_gamma[i] != 0 ? powered : t;
}

/* Grades PIXEL (premultiplied RGBA) at column X, row Y (see sl-grade.h). */
precise vec4
sl_grade_pixel (SlGradeParams p, SlGradeSetup s, uint row_seed, int x, int y, vec4 pixel)
{
  precise float a = pixel.a, k, r, g, b, r0, g0, b0, l, dx, dy, radius;
  precise vec4 result = pixel;
  uint h;

  k = s.exposure_scale / sl_maxf (a, 1e-30);
  r0 = sl_clampf (pixel.r * k, 0.0, SL_MAX_LINEAR);
  g0 = sl_clampf (pixel.g * k, 0.0, SL_MAX_LINEAR);
  b0 = sl_clampf (pixel.b * k, 0.0, SL_MAX_LINEAR);

  r = sl_clampf (p.white_balance[0] * r0 + p.white_balance[1] * g0 + p.white_balance[2] * b0, 0.0, SL_MAX_LINEAR);
  g = sl_clampf (p.white_balance[3] * r0 + p.white_balance[4] * g0 + p.white_balance[5] * b0, 0.0, SL_MAX_LINEAR);
  b = sl_clampf (p.white_balance[6] * r0 + p.white_balance[7] * g0 + p.white_balance[8] * b0, 0.0, SL_MAX_LINEAR);

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

  dx = (float (x) + 0.5 - s.centre_x) * s.inv_half_diagonal;
  dy = (float (y) + 0.5 - s.centre_y) * s.inv_half_diagonal;
  radius = sqrt (dx * dx + dy * dy);
  k = sl_maxf (0.0, 1.0 - p.vignette_amount * sl_smoothstep (p.vignette_radius, s.vignette_inv_width, radius));

  /* Triangular noise from the two 16-bit halves of one hash. */
  h = sl_hash32 (uint (x) ^ row_seed);
  k *= sl_maxf (0.0, 1.0 + p.grain_amount
                           * (float (int (h & 0xffffu)) * (1.0 / 65536.0)
                              + float (int (h >> 16)) * (1.0 / 65536.0) - 1.0));

  k *= a;
  if (a > 0.0)
    {
      result.r = sl_clampf (r * k, 0.0, SL_MAX_LINEAR);
      result.g = sl_clampf (g * k, 0.0, SL_MAX_LINEAR);
      result.b = sl_clampf (b * k, 0.0, SL_MAX_LINEAR);
    }
  return result;
}

#endif
