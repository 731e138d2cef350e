/* sl-cpu-blur.c: BLUR on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes through a scratch image: horizontal (src -> scratch), then
 * vertical (scratch -> dst), which also makes dst == src safe. Both add
 * shifted copies of rows, tap after tap, in registers (sum_taps()).
 */
#include "sl-cpu-private.h"
#include "../common/sl-filter.h"

#include <stdlib.h>

#define MAX_RADIUS 300  /* ceil (3 * SL_BLUR_MAX_SIGMA) */

typedef float V4f __attribute__ ((vector_size (16)));

static inline V4f
splat (float x)
{
  return (V4f) { x, x, x, x };
}

static inline V4f
load4 (const float *p)
{
  V4f v;

  memcpy (&v, p, sizeof v);
  return v;
}

typedef struct {
  const float *src;
  float       *tmp;
  float       *dst;
  int32_t      width;
  int32_t      height;
  int32_t      radius;
  float        kernel[2 * MAX_RADIUS + 1];  /* taps for offsets -radius..radius */
} BlurJob;

/* One output pixel with the source index clamped: the first and last
 * `radius` pixels of a row. */
static void
blur_pixel_clamped (const BlurJob *job, const float *s, float *t, int32_t x)
{
  int32_t r = job->radius, w = job->width;
  float acc[4] = { 0, 0, 0, 0 };

  for (int32_t k = 0; k <= 2 * r; k++)
    {
      const float *in = s + 4 * sl_clampi (x + k - r, 0, w - 1);

      for (int c = 0; c < 4; c++)
        acc[c] += job->kernel[k] * in[c];
    }
  for (int c = 0; c < 4; c++)
    t[4 * x + c] = acc[c];
}

/* OUT[i] = sum over the taps k of WEIGHT[k] * TAP[k][i], for i in [FROM, TO),
 * added in tap order. Eight pixels at a time are summed in registers over all
 * the taps, then stored: each tap costs a load, a multiply and an add per
 * four floats, with no store. */
static void
sum_taps (float *out, const float *const *tap, const float *weight, int32_t n_taps, size_t from, size_t to)
{
  size_t i = from;

  for (; i + 32 <= to; i += 32)
    {
      V4f w = splat (weight[0]), a[8];

      /* Eight independent sums keep the adder busy while each waits for
       * its previous add. */
      a[0] = w * load4 (tap[0] + i);
      a[1] = w * load4 (tap[0] + i + 4);
      a[2] = w * load4 (tap[0] + i + 8);
      a[3] = w * load4 (tap[0] + i + 12);
      a[4] = w * load4 (tap[0] + i + 16);
      a[5] = w * load4 (tap[0] + i + 20);
      a[6] = w * load4 (tap[0] + i + 24);
      a[7] = w * load4 (tap[0] + i + 28);
      for (int32_t k = 1; k < n_taps; k++)
        {
          const float *t = tap[k] + i;

          w = splat (weight[k]);
          a[0] += w * load4 (t);
          a[1] += w * load4 (t + 4);
          a[2] += w * load4 (t + 8);
          a[3] += w * load4 (t + 12);
          a[4] += w * load4 (t + 16);
          a[5] += w * load4 (t + 20);
          a[6] += w * load4 (t + 24);
          a[7] += w * load4 (t + 28);
        }
      memcpy (out + i, a, sizeof a);
    }
  for (; i < to; i++)
    {
      float acc = weight[0] * tap[0][i];

      for (int32_t k = 1; k < n_taps; k++)
        acc += weight[k] * tap[k][i];
      out[i] = acc;
    }
}

/* The interior adds one shifted copy of the row per tap, in the same tap
 * order as the edges, so every pixel sums the same way. */
static void
blur_rows_horizontal (void *data, uint32_t begin, uint32_t end)
{
  const BlurJob *job = data;
  int32_t r = job->radius, w = job->width;
  int32_t lo = r < w ? r : w, hi = w - r > lo ? w - r : lo;
  const float *tap[2 * MAX_RADIUS + 1];

  for (uint32_t y = begin; y < end; y++)
    {
      const float *s = job->src + (size_t) 4 * w * y;
      float *t = job->tmp + (size_t) 4 * w * y;

      for (int32_t x = 0; x < lo; x++)
        blur_pixel_clamped (job, s, t, x);
      for (int32_t x = hi; x < w; x++)
        blur_pixel_clamped (job, s, t, x);
      if (hi <= lo)
        continue;
      for (int32_t k = 0; k <= 2 * r; k++)
        tap[k] = s + 4 * (k - r);
      sum_taps (t, tap, job->kernel, 2 * r + 1, 4 * (size_t) lo, 4 * (size_t) hi);
    }
}

static void
blur_rows_vertical (void *data, uint32_t begin, uint32_t end)
{
  const BlurJob *job = data;
  size_t n = (size_t) 4 * job->width;
  int32_t r = job->radius;
  const float *tap[2 * MAX_RADIUS + 1];

  for (uint32_t y = begin; y < end; y++)
    {
      for (int32_t k = 0; k <= 2 * r; k++)
        tap[k] = job->tmp + n * sl_clampi ((int32_t) y + k - r, 0, job->height - 1);
      sum_taps (job->dst + n * y, tap, job->kernel, 2 * r + 1, 0, n);
    }
}

SlStatus
sl_cpu_blur (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  float weights[MAX_RADIUS + 1];
  uint32_t height = buffers->dst->desc.height;
  BlurJob job = {
    .src = sl_cpu_buffer_floats (buffers->src),
    .dst = sl_cpu_buffer_floats (buffers->dst),
    .width = (int32_t) buffers->dst->desc.width,
    .height = (int32_t) height,
  };

  job.tmp = sl_cpu_scratch (cpu, (size_t) 4 * job.width * height);
  if (job.tmp == NULL)
    return SL_ERROR_OUT_OF_MEMORY;
  job.radius = sl_gauss_weights (((const SlBlurParams *) params)->sigma, weights);
  for (int32_t k = 0; k <= 2 * job.radius; k++)
    job.kernel[k] = weights[abs (k - job.radius)];

  sl_cpu_pool_run (cpu->pool, height, blur_rows_horizontal, &job);
  sl_cpu_pool_run (cpu->pool, height, blur_rows_vertical, &job);
  return SL_OK;
}
