/* sl-color.glsl: common/sl-color.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The float sRGB curve, Rec.709 luma and the ordered dither. The table-driven
 * 8-bit encoder and decoder read the backend's SlSrgbTables: sl-tables.glsl.
 */
#ifndef SL_COLOR_GLSL
#define SL_COLOR_GLSL

#include "sl-math.glsl"

precise float
sl_luma709 (float r, float g, float b)
{
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/* The sRGB curve within 1e-5 (see sl-color.h). */
precise float
sl_srgb_encode (float x)
{
  precise float c = sl_clampf (x, 0.0, 1.0);
  precise float q = sqrt (sqrt (c)) - 0.61827252;
  precise float p = -0.062758992;

  p = p * q + 0.078741446;
  p = p * q - 0.12291787;
  p = p * q + 0.68729962;
  p = p * q + 1.2761033;
  p = p * q + 0.41839564;
  return c <= 0.0031308 ? 12.92 * c : p;
}

precise float
sl_bayer4 (uint x, uint y)
{
  uint d = x ^ y;
  uint v = ((d & 1u) << 3) | ((y & 1u) << 2) | (d & 2u) | ((y & 2u) >> 1);

  return (float (v) + 0.5) * (1.0 / 16.0) - 0.5;
}

#endif
