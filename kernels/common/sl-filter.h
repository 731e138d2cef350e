/* sl-filter.h: filter weights for mips, blur and bloom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-math.h"

/* The exact box filter from a level of S texels to one of N (N <= S < 2N + 2):
 * destination texel I covers [I, I + 1) * S / N source texels, at most three of
 * them, each weighted by its overlap. Computed in integers, so the weights of
 * an even halving are exactly 1/2. */
typedef struct {
  int32_t first;
  float   weight[3];
} SlBoxTaps;

static inline SL_KERNEL_FN SlBoxTaps
sl_box_taps (uint32_t i, uint32_t n, uint32_t s)
{
  uint64_t lo = (uint64_t) i * s, hi = (uint64_t) (i + 1) * s;  /* in 1/N texels */
  SlBoxTaps taps;

  if (s == 2 * n)  /* the common case, without the division */
    {
      taps.first = (int32_t) (2 * i);
      taps.weight[0] = taps.weight[1] = 0.5f;
      taps.weight[2] = 0.0f;
      return taps;
    }
  taps.first = (int32_t) (lo / n);
  for (uint32_t k = 0; k < 3; k++)
    {
      uint64_t a = (uint64_t) (taps.first + k) * n, b = a + n;

      a = a > lo ? a : lo;
      b = b < hi ? b : hi;
      taps.weight[k] = b > a ? (float) (b - a) / (float) s : 0.0f;
    }
  return taps;
}

/* Normalised Gaussian weights WEIGHTS[0..radius] (WEIGHTS[k] for offsets +-k),
 * radius = ceil (3 sigma) (0 for sigma = 0: a copy). WEIGHTS must hold
 * ceil (3 SL_BLUR_MAX_SIGMA) + 1 floats. Returns the radius. */
static inline SL_KERNEL_FN int32_t
sl_gauss_weights (float sigma, float *weights)
{
  int32_t radius = sigma > 0.0f ? (int32_t) ceilf (3.0f * sigma) : 0;
  float sum = 0.0f;

  if (radius == 0)
    {
      weights[0] = 1.0f;
      return 0;
    }
  for (int32_t k = 0; k <= radius; k++)
    {
      weights[k] = expf (-(float) (k * k) / (2.0f * sigma * sigma));
      sum += k == 0 ? weights[k] : 2.0f * weights[k];
    }
  for (int32_t k = 0; k <= radius; k++)
    weights[k] /= sum;
  return radius;
}

/* The bloom bright pass of one pixel (see SlBloomParams): the colour scaled
 * by how far its brightest channel exceeds the threshold, with a soft knee. */
static inline SL_KERNEL_FN void
sl_bloom_prefilter (float threshold, float knee, const float in[4], float out[3])
{
  float b = sl_maxf (in[0], sl_maxf (in[1], in[2]));
  float soft = 0.0f, scale;

  if (knee > 0.0f)
    {
      soft = sl_clampf (b - threshold + knee, 0.0f, 2.0f * knee);
      soft = soft * soft / (4.0f * knee);
    }
  scale = sl_maxf (soft, b - threshold) / sl_maxf (b, 1e-5f);
  for (int c = 0; c < 3; c++)
    out[c] = sl_clampf (in[c], 0.0f, 65504.0f) * sl_clampf (scale, 0.0f, 1.0f);
}
