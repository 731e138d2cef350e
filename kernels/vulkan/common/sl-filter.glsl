/* sl-filter.glsl: common/sl-filter.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Gaussian weights of BLUR are computed on the host (sl_gauss_weights(),
 * with the C library's expf, as on the CPU) and handed over in the info block.
 */
#ifndef SL_FILTER_GLSL
#define SL_FILTER_GLSL

#include "sl-math.glsl"

struct SlBoxTaps
{
  int   first;
  float weight[3];
};

/* The exact box filter from S texels to N (see sl-filter.h). The products
 * stay below 2^30 for sizes up to SL_MAX_DIMENSION, so 32-bit integers do. */
SlBoxTaps
sl_box_taps (uint i, uint n, uint s)
{
  uint lo = i * s, hi = (i + 1u) * s;
  SlBoxTaps taps;

  if (s == 2u * n)
    {
      taps.first = int (2u * i);
      taps.weight[0] = 0.5;
      taps.weight[1] = 0.5;
      taps.weight[2] = 0.0;
      return taps;
    }
  taps.first = int (lo / n);
  for (uint k = 0u; k < 3u; k++)
    {
      uint a = (uint (taps.first) + k) * n, b = a + n;

      a = a > lo ? a : lo;
      b = b < hi ? b : hi;
      taps.weight[k] = b > a ? float (b - a) / float (s) : 0.0;
    }
  return taps;
}

/* The bloom bright pass of one pixel (see sl-filter.h). */
precise vec3
sl_bloom_prefilter (float threshold, float knee, vec4 px)
{
  precise float b = sl_maxf (px.r, sl_maxf (px.g, px.b));
  precise float soft = 0.0, scale;
  precise vec3 result;

  if (knee > 0.0)
    {
      soft = sl_clampf (b - threshold + knee, 0.0, 2.0 * knee);
      soft = soft * soft / (4.0 * knee);
    }
  scale = sl_maxf (soft, b - threshold) / sl_maxf (b, 1e-5);
  scale = sl_clampf (scale, 0.0, 1.0);
  for (int c = 0; c < 3; c++)
    result[c] = sl_clampf (px[c], 0.0, 65504.0) * scale;
  return result;
}

#endif
