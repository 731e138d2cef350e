/* sl-cpu-scale.c: SCALE on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"

typedef struct {
  float   *pixels;
  uint32_t width;
  float    factor[4];
} ScaleJob;

static void
scale_rows (void *data, uint32_t begin, uint32_t end)
{
  const ScaleJob *job = data;
  float r = job->factor[0], g = job->factor[1], b = job->factor[2], a = job->factor[3];

  for (uint32_t y = begin; y < end; y++)
    {
      float *p = job->pixels + (size_t) 4 * job->width * y;

      for (uint32_t x = 0; x < job->width; x++)
        {
          p[4 * x + 0] *= r;
          p[4 * x + 1] *= g;
          p[4 * x + 2] *= b;
          p[4 * x + 3] *= a;
        }
    }
}

SlStatus
sl_cpu_scale (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlScaleParams *p = params;
  ScaleJob job = {
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .width = buffers->dst->desc.width,
    .factor = { p->factor[0], p->factor[1], p->factor[2], p->factor[3] },
  };

  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, scale_rows, &job);
  return SL_OK;
}
