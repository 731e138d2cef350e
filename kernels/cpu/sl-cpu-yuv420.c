/* sl-cpu-yuv420.c: the row-pair core of TO_I420 and TO_NV12 on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same arithmetic as sl_yuv420_block(), reorganised for the vectoriser:
 * a run of pixels is first sRGB-encoded into planar R', G', B' arrays, then
 * luma and chroma are computed from those arrays with unit-stride loops.
 */
#include "sl-cpu-private.h"
#include "../common/sl-yuv.h"

#define RUN 64  /* pixels per run; even */

static void
encode_run (const float *restrict pixels, uint32_t n,
            float *restrict r, float *restrict g, float *restrict b)
{
  for (uint32_t i = 0; i < n; i++)
    {
      r[i] = sl_srgb_encode (pixels[4 * i + 0]);
      g[i] = sl_srgb_encode (pixels[4 * i + 1]);
      b[i] = sl_srgb_encode (pixels[4 * i + 2]);
    }
  /* An odd run ends a row: its last chroma block repeats the edge pixel. */
  if (n % 2)
    {
      r[n] = r[n - 1];
      g[n] = g[n - 1];
      b[n] = b[n - 1];
    }
}

static void
luma_run (const float *restrict r, const float *restrict g, const float *restrict b, uint32_t n,
          uint8_t *restrict luma)
{
  for (uint32_t i = 0; i < n; i++)
    luma[i] = sl_round_u8 (sl_bt709_y (r[i], g[i], b[i]));
}

/* STEP is a constant at each call site (1: I420 planes, 2: NV12 pairs), so
 * the stores have a fixed stride after inlining. */
static inline void
chroma_run (const float (*restrict top)[RUN + 1], const float (*restrict bottom)[RUN + 1], uint32_t n,
            uint8_t *restrict cb, uint8_t *restrict cr, const uint32_t step)
{
  for (uint32_t i = 0; i < n; i++)
    {
      float mr = (top[0][2 * i] + top[0][2 * i + 1] + bottom[0][2 * i] + bottom[0][2 * i + 1]) * 0.25f;
      float mg = (top[1][2 * i] + top[1][2 * i + 1] + bottom[1][2 * i] + bottom[1][2 * i + 1]) * 0.25f;
      float mb = (top[2][2 * i] + top[2][2 * i + 1] + bottom[2][2 * i] + bottom[2][2 * i + 1]) * 0.25f;

      cb[step * i] = sl_round_u8 (sl_bt709_cb (mr, mg, mb));
      cr[step * i] = sl_round_u8 (sl_bt709_cr (mr, mg, mb));
    }
}

void
sl_cpu_yuv420_rows (const float *row0, const float *row1, uint32_t width, const SlCpuYuvRows *out)
{
  float top[3][RUN + 1], bottom[3][RUN + 1];
  bool single = row1 == row0;

  for (uint32_t x = 0; x < width; x += RUN)
    {
      uint32_t n = width - x < RUN ? width - x : RUN;
      uint32_t pairs = (n + 1) / 2;

      encode_run (row0 + 4 * x, n, top[0], top[1], top[2]);
      luma_run (top[0], top[1], top[2], n, out->luma0 + x);
      if (!single)
        {
          encode_run (row1 + 4 * x, n, bottom[0], bottom[1], bottom[2]);
          luma_run (bottom[0], bottom[1], bottom[2], n, out->luma1 + x);
        }
      if (out->interleaved)
        chroma_run ((const float (*)[RUN + 1]) top, single ? (const float (*)[RUN + 1]) top
                                                           : (const float (*)[RUN + 1]) bottom,
                    pairs, out->cb + x, out->cr + x, 2);
      else
        chroma_run ((const float (*)[RUN + 1]) top, single ? (const float (*)[RUN + 1]) top
                                                           : (const float (*)[RUN + 1]) bottom,
                    pairs, out->cb + x / 2, out->cr + x / 2, 1);
    }
}
