/* sl-cpu-blur.c: BLUR on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes through a scratch image: horizontal (src -> scratch), then
 * vertical (scratch -> dst), which also makes dst == src safe. The vertical
 * pass adds whole rows, so its inner loop is a plain vectorisable a += w * b.
 */
#include "sl-cpu-private.h"
#include "../common/sl-filter.h"

#include <stdlib.h>

#define MAX_RADIUS 300  /* ceil (3 * SL_BLUR_MAX_SIGMA) */

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

/* The interior adds one shifted copy of the row per tap, in the same tap
 * order as the edges, so every pixel sums the same way; each pass over the
 * row is a plain vectorisable a += w * b. */
static void
blur_rows_horizontal (void *data, uint32_t begin, uint32_t end)
{
  const BlurJob *job = data;
  int32_t r = job->radius, w = job->width;
  int32_t lo = r < w ? r : w, hi = w - r > lo ? w - r : lo;

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
        {
          int32_t shift = 4 * (k - r);
          float weight = job->kernel[k];

          if (k == 0)
            for (int32_t i = 4 * lo; i < 4 * hi; i++)
              t[i] = weight * s[i + shift];
          else
            for (int32_t i = 4 * lo; i < 4 * hi; i++)
              t[i] += weight * s[i + shift];
        }
    }
}

static void
blur_rows_vertical (void *data, uint32_t begin, uint32_t end)
{
  const BlurJob *job = data;
  size_t n = (size_t) 4 * job->width;
  int32_t r = job->radius;

  for (uint32_t y = begin; y < end; y++)
    {
      float *d = job->dst + n * y;

      for (int32_t k = 0; k <= 2 * r; k++)
        {
          const float *t = job->tmp + n * sl_clampi ((int32_t) y + k - r, 0, job->height - 1);
          float weight = job->kernel[k];

          if (k == 0)
            for (size_t i = 0; i < n; i++)
              d[i] = weight * t[i];
          else
            for (size_t i = 0; i < n; i++)
              d[i] += weight * t[i];
        }
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
