/* sl-cpu-yuv420.c: the row-pair core of TO_I420 and TO_NV12 on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same arithmetic as sl_yuv420_block(), reorganised for the vectoriser:
 * a run of pixels is first sRGB-encoded into planar R', G', B' arrays, four
 * pixels at a time on vectors, then luma and chroma are computed from those
 * arrays with unit-stride loops.
 */
#include "sl-cpu-private.h"
#include "../common/sl-yuv.h"

#ifdef __SSE2__
# include <emmintrin.h>
#endif

#define RUN 64  /* pixels per run; even */

typedef float   V4f __attribute__ ((vector_size (16)));
typedef int32_t V4i __attribute__ ((vector_size (16)));

#if defined(__clang__) || __GNUC__ >= 12
# define SHUFFLE(a, b, i, j, k, l) __builtin_shufflevector ((a), (b), i, j, k, l)
#else
# define SHUFFLE(a, b, i, j, k, l) __builtin_shuffle ((a), (b), (V4i) { i, j, k, l })
#endif

static inline V4f
splat (float x)
{
  return (V4f) { x, x, x, x };
}

/* sl_srgb_encode() on four values. Written out on vectors because GCC's
 * vectoriser makes slow code of the clamp (it does not assume that the CPU's
 * min and max treat NaN as the clamp does; they do, and are used where the
 * CPU has them). */
static inline V4f
srgb_encode4 (V4f x)
{
  V4f c, q, p;
  V4i linear;

#ifdef __SSE2__
  c = (V4f) _mm_min_ps (_mm_max_ps ((__m128) x, _mm_setzero_ps ()), _mm_set1_ps (1.0f));
  q = (V4f) _mm_sqrt_ps (_mm_sqrt_ps ((__m128) c)) - 0.61827252f;
#else
  for (int i = 0; i < 4; i++)
    c[i] = sl_clampf (x[i], 0.0f, 1.0f);
  for (int i = 0; i < 4; i++)
    q[i] = sqrtf (sqrtf (c[i])) - 0.61827252f;
#endif
  p = splat (-0.062758992f);
  p = p * q + 0.078741446f;
  p = p * q - 0.12291787f;
  p = p * q + 0.68729962f;
  p = p * q + 1.2761033f;
  p = p * q + 0.41839564f;
  linear = c <= 0.0031308f;
  return (V4f) (((V4i) (12.92f * c) & linear) | ((V4i) p & ~linear));
}

static inline void
store4 (float *to, V4f v)
{
  memcpy (to, &v, sizeof v);
}

/* Four pixels at a time, taken apart into channels by a 4 x 4 transpose. */
static void
encode_run (const float *restrict pixels, uint32_t n,
            float *restrict r, float *restrict g, float *restrict b)
{
  uint32_t i;

  for (i = 0; i + 4 <= n; i += 4)
    {
      V4f p0, p1, p2, p3, t0, t1, t2, t3;

      memcpy (&p0, pixels + 4 * i, sizeof p0);
      memcpy (&p1, pixels + 4 * i + 4, sizeof p1);
      memcpy (&p2, pixels + 4 * i + 8, sizeof p2);
      memcpy (&p3, pixels + 4 * i + 12, sizeof p3);
      t0 = SHUFFLE (p0, p1, 0, 4, 1, 5);
      t1 = SHUFFLE (p2, p3, 0, 4, 1, 5);
      t2 = SHUFFLE (p0, p1, 2, 6, 3, 7);
      t3 = SHUFFLE (p2, p3, 2, 6, 3, 7);
      store4 (r + i, srgb_encode4 (SHUFFLE (t0, t1, 0, 1, 4, 5)));
      store4 (g + i, srgb_encode4 (SHUFFLE (t0, t1, 2, 3, 6, 7)));
      store4 (b + i, srgb_encode4 (SHUFFLE (t2, t3, 0, 1, 4, 5)));
    }
  for (; i < n; i++)
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
