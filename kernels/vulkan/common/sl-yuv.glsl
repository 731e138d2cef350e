/* sl-yuv.glsl: common/sl-yuv.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coefficients are the floats C folds 219.0f * SL_BT709_KR and the like
 * to, written out (glslang would fold them in double precision).
 */
#ifndef SL_YUV_GLSL
#define SL_YUV_GLSL

#include "sl-color.glsl"

precise float
sl_bt709_y (float r, float g, float b)
{
  return 16.0 + 46.5593987 * r + 156.628799 * g + 15.8118 * b;
}

precise float
sl_bt709_cb (float r, float g, float b)
{
  return 128.0 - 25.6641502 * r - 86.3358459 * g + 112.0 * b;
}

precise float
sl_bt709_cr (float r, float g, float b)
{
  return 128.0 + 112.0 * r - 101.730247 * g - 10.2697487 * b;
}

/* V rounded to the nearest byte; V must lie in [0, 255]. */
uint
sl_round_u8 (float v)
{
  precise float t = v + 0.5;

  return uint (t);
}

/* One 2x2 block (see sl_yuv420_block()): the premultiplied linear pixels top
 * left, top right, bottom left, bottom right (an edge block repeats pixels)
 * give four Y codes and one Cb, Cr pair, with the CPU's sums in its order. */
void
sl_yuv420_block (vec4 p0, vec4 p1, vec4 p2, vec4 p3, out uvec4 y, out uint cb, out uint cr)
{
  precise vec4 r = vec4 (sl_srgb_encode (p0.r), sl_srgb_encode (p1.r), sl_srgb_encode (p2.r), sl_srgb_encode (p3.r));
  precise vec4 g = vec4 (sl_srgb_encode (p0.g), sl_srgb_encode (p1.g), sl_srgb_encode (p2.g), sl_srgb_encode (p3.g));
  precise vec4 b = vec4 (sl_srgb_encode (p0.b), sl_srgb_encode (p1.b), sl_srgb_encode (p2.b), sl_srgb_encode (p3.b));
  precise float mr = (r[0] + r[1] + r[2] + r[3]) * 0.25;
  precise float mg = (g[0] + g[1] + g[2] + g[3]) * 0.25;
  precise float mb = (b[0] + b[1] + b[2] + b[3]) * 0.25;

  for (int i = 0; i < 4; i++)
    y[i] = sl_round_u8 (sl_bt709_y (r[i], g[i], b[i]));
  cb = sl_round_u8 (sl_bt709_cb (mr, mg, mb));
  cr = sl_round_u8 (sl_bt709_cr (mr, mg, mb));
}

#endif
