/* sl-yuv.h: BT.709 limited-range YUV from sRGB-encoded R'G'B'
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coefficients are folded at compile time from Kr = 0.2126, Kb = 0.0722 and
 * the limited ranges (Y' 16..235, Cb/Cr 16..240 around 128).
 */
#pragma once

#include "sl-color.h"

#define SL_BT709_KR 0.2126f
#define SL_BT709_KG 0.7152f
#define SL_BT709_KB 0.0722f

/* Y in code values (16..235, unrounded) from R'G'B' in [0, 1]. */
static inline SL_KERNEL_FN float
sl_bt709_y (float r, float g, float b)
{
  return 16.0f + 219.0f * SL_BT709_KR * r + 219.0f * SL_BT709_KG * g + 219.0f * SL_BT709_KB * b;
}

/* Cb and Cr in code values (16..240, unrounded) from R'G'B' in [0, 1]. */
static inline SL_KERNEL_FN float
sl_bt709_cb (float r, float g, float b)
{
  const float s = 224.0f / (2.0f * (1.0f - SL_BT709_KB));

  return 128.0f - s * SL_BT709_KR * r - s * SL_BT709_KG * g + s * (1.0f - SL_BT709_KB) * b;
}

static inline SL_KERNEL_FN float
sl_bt709_cr (float r, float g, float b)
{
  const float s = 224.0f / (2.0f * (1.0f - SL_BT709_KR));

  return 128.0f + s * (1.0f - SL_BT709_KR) * r - s * SL_BT709_KG * g - s * SL_BT709_KB * b;
}

/* V rounded to the nearest byte; V must lie in [0, 255]. */
static inline SL_KERNEL_FN uint8_t
sl_round_u8 (float v)
{
  return (uint8_t) (v + 0.5f);
}

/* One 2x2 block of TO_I420 / TO_NV12 (see SlToI420Params): the premultiplied
 * linear pixels P[0..3] (top left, top right, bottom left, bottom right; an
 * edge block repeats pixels) give four Y bytes and one Cb, Cr pair. The CPU
 * backend computes the same sums in the same order over whole rows. */
static inline SL_KERNEL_FN void
sl_yuv420_block (const float *const p[4], uint8_t y[4], uint8_t *cb, uint8_t *cr)
{
  float r[4], g[4], b[4], mr, mg, mb;

  for (int i = 0; i < 4; i++)
    {
      r[i] = sl_srgb_encode (p[i][0]);
      g[i] = sl_srgb_encode (p[i][1]);
      b[i] = sl_srgb_encode (p[i][2]);
      y[i] = sl_round_u8 (sl_bt709_y (r[i], g[i], b[i]));
    }
  mr = (r[0] + r[1] + r[2] + r[3]) * 0.25f;
  mg = (g[0] + g[1] + g[2] + g[3]) * 0.25f;
  mb = (b[0] + b[1] + b[2] + b[3]) * 0.25f;
  *cb = sl_round_u8 (sl_bt709_cb (mr, mg, mb));
  *cr = sl_round_u8 (sl_bt709_cr (mr, mg, mb));
}
