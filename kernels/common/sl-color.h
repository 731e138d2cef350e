/* sl-color.h: the sRGB curve, and Rec.709 luma
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two encoders. The 8-bit one is exact, by table: a backend fills one
 * SlSrgbTables with sl_srgb_tables_init() (on the host, from the exact curve
 * in double) and it equals round (255 * curve (x)) evaluated in double, for
 * every float x. The float one, for the encoder's YUV input, is a polynomial:
 * no table and no branch, so the CPU's compiler can vectorise it and a GPU
 * evaluates it as is.
 */
#pragma once

#include "sl-math.h"

#define SL_SRGB_LUT_SIZE 4096  /* 8-bit encoder buckets: narrower than the
                                  smallest step of the 8-bit curve,
                                  1 / (255 * 12.92) */

typedef struct {
  float   to_linear[256];                 /* exact decode of 8-bit codes */
  float   to_texel[256];                  /* to_linear * 65535 / 255 */
  uint8_t encode8[SL_SRGB_LUT_SIZE + 1];  /* 8-bit code at i / 4096 */
  float   encode8_next[256];              /* smallest x whose code is > v */
} SlSrgbTables;

static inline SL_KERNEL_FN float
sl_luma709 (float r, float g, float b)
{
  return 0.2126f * r + 0.7152f * g + 0.0722f * b;
}

/* The sRGB curve in float for x (any value; clamped to [0, 1]), within 1e-5
 * of the exact curve (a five-hundredth of an 8-bit code). Above the linear
 * toe, with q = x^(1/4), the curve 1.055 q^(5/3) - 0.055 is smooth on
 * [0.2365, 1] and a degree-5 polynomial in q (fitted at Chebyshev nodes)
 * follows it; the fourth root is two square roots. */
static inline SL_KERNEL_FN float
sl_srgb_encode (float x)
{
  float c = sl_clampf (x, 0.0f, 1.0f);
  float q = sqrtf (sqrtf (c)) - 0.61827252f;
  float p = -0.062758992f;

  p = p * q + 0.078741446f;
  p = p * q - 0.12291787f;
  p = p * q + 0.68729962f;
  p = p * q + 1.2761033f;
  p = p * q + 0.41839564f;
  return c <= 0.0031308f ? 12.92f * c : p;
}

/* round (255 * curve (x)) for x (any value; clamped to [0, 1]), exactly. Each
 * bucket of the table holds at most one step of the 8-bit code, so one
 * comparison with the step's threshold finishes the rounding. */
static inline SL_KERNEL_FN uint32_t
sl_srgb_encode8 (const SlSrgbTables *t, float x)
{
  float c = sl_clampf (x, 0.0f, 1.0f);
  uint32_t v = t->encode8[(int32_t) (c * (float) SL_SRGB_LUT_SIZE)];

  return v + (c >= t->encode8_next[v]);
}

/* The exact curves, in double, for building the tables on the host. */
static inline double
sl_srgb_decode_exact (double v)
{
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static inline double
sl_srgb_encode_exact (double x)
{
  return x <= 0.0031308 ? x * 12.92 : 1.055 * pow (x, 1.0 / 2.4) - 0.055;
}

static inline uint32_t
sl_srgb_encode8_exact (float x)
{
  double c = x < 0.0f ? 0.0 : x > 1.0f ? 1.0 : (double) x;

  return (uint32_t) floor (255.0 * sl_srgb_encode_exact (c) + 0.5);
}

static inline void
sl_srgb_tables_init (SlSrgbTables *t)
{
  for (int v = 0; v < 256; v++)
    {
      t->to_linear[v] = (float) sl_srgb_decode_exact (v / 255.0);
      t->to_texel[v] = t->to_linear[v] * 257.0f;
    }

  for (int i = 0; i <= SL_SRGB_LUT_SIZE; i++)
    t->encode8[i] = (uint8_t) sl_srgb_encode8_exact ((float) i / SL_SRGB_LUT_SIZE);

  /* The threshold of each step: start at the exact inverse of the rounding
   * boundary and walk float by float to the first x that rounds up. */
  for (uint32_t v = 0; v < 255; v++)
    {
      float x = (float) sl_srgb_decode_exact ((v + 0.5) / 255.0);

      while (x > 0.0f && sl_srgb_encode8_exact (nextafterf (x, 0.0f)) > v)
        x = nextafterf (x, 0.0f);
      while (sl_srgb_encode8_exact (x) <= v)
        x = nextafterf (x, 2.0f);
      t->encode8_next[v] = x;
    }
  t->encode8_next[255] = 2.0f;
}

/* The 4x4 ordered-dither (Bayer) offset of pixel (X, Y), in (-0.5, 0.5). */
static inline SL_KERNEL_FN float
sl_bayer4 (uint32_t x, uint32_t y)
{
  uint32_t d = x ^ y;
  uint32_t v = ((d & 1u) << 3) | ((y & 1u) << 2) | (d & 2u) | ((y & 2u) >> 1);

  return ((float) v + 0.5f) * (1.0f / 16.0f) - 0.5f;
}

/* One pixel of TO_RGBA8 (see SlToRgba8Params): premultiplied linear IN to
 * straight-alpha sRGB OUT; DITHER is 0 or the sl_bayer4() offset. */
static inline SL_KERNEL_FN void
sl_rgba8_from_linear (const SlSrgbTables *t, const float in[4], int32_t dither, float offset,
                      uint8_t out[4])
{
  float a = sl_clampf (in[3], 0.0f, 1.0f);
  uint32_t a8 = (uint32_t) (a * 255.0f + 0.5f);
  float k;

  if (a8 == 0)
    {
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    }
  k = a < 1.0f ? 1.0f / a : 1.0f;
  for (int c = 0; c < 3; c++)
    out[c] = dither
             ? (uint8_t) sl_clampf (255.0f * sl_srgb_encode (in[c] * k) + offset + 0.5f, 0.0f, 255.0f)
             : (uint8_t) sl_srgb_encode8 (t, in[c] * k);
  out[3] = (uint8_t) a8;
}

/* One texel of SRGB8_TO_TEXTURE: 8-bit sRGB straight alpha IN to premultiplied
 * linear 16-bit OUT. */
static inline SL_KERNEL_FN void
sl_texel_from_srgb8 (const SlSrgbTables *t, const uint8_t in[4], uint16_t out[4])
{
  float a = (float) in[3];

  for (int c = 0; c < 3; c++)
    out[c] = (uint16_t) (t->to_texel[in[c]] * a + 0.5f);
  out[3] = (uint16_t) (in[3] * 257u);
}
