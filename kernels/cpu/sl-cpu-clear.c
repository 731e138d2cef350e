/* sl-cpu-clear.c: CLEAR on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"

typedef struct {
  float   *pixels;
  uint32_t width;
  float    color[4];
} ClearJob;

static void
clear_rows (void *data, uint32_t begin, uint32_t end)
{
  const ClearJob *job = data;
  float r = job->color[0], g = job->color[1], b = job->color[2], a = job->color[3];

  for (uint32_t y = begin; y < end; y++)
    {
      float *p = job->pixels + (size_t) 4 * job->width * y;

      for (uint32_t x = 0; x < job->width; x++)
        {
          p[4 * x + 0] = r;
          p[4 * x + 1] = g;
          p[4 * x + 2] = b;
          p[4 * x + 3] = a;
        }
    }
}

SlStatus
sl_cpu_clear (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlClearParams *p = params;
  ClearJob job = {
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .width = buffers->dst->desc.width,
    .color = { p->color[0], p->color[1], p->color[2], p->color[3] },
  };

  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, clear_rows, &job);
  return SL_OK;
}
