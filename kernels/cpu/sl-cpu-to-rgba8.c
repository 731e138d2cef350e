/* sl-cpu-to-rgba8.c: TO_RGBA8 on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"

typedef struct {
  const SlSrgbTables *srgb;
  const float        *src;
  uint8_t            *dst;
  uint32_t            width;
  int32_t             dither;
} ToRgba8Job;

static void
to_rgba8_rows (void *data, uint32_t begin, uint32_t end)
{
  const ToRgba8Job *job = data;

  for (uint32_t y = begin; y < end; y++)
    {
      const float *s = job->src + (size_t) 4 * job->width * y;
      uint8_t *d = job->dst + (size_t) 4 * job->width * y;

      if (job->dither)
        for (uint32_t x = 0; x < job->width; x++)
          sl_rgba8_from_linear (job->srgb, s + 4 * x, 1, sl_bayer4 (x, y), d + 4 * x);
      else
        for (uint32_t x = 0; x < job->width; x++)
          sl_rgba8_from_linear (job->srgb, s + 4 * x, 0, 0.0f, d + 4 * x);
    }
}

SlStatus
sl_cpu_to_rgba8 (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  ToRgba8Job job = {
    .srgb = &cpu->srgb,
    .src = sl_cpu_buffer_floats (buffers->src),
    .dst = sl_cpu_buffer_data (buffers->dst),
    .width = buffers->dst->desc.width,
    .dither = ((const SlToRgba8Params *) params)->dither != 0,
  };

  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, to_rgba8_rows, &job);
  return SL_OK;
}
