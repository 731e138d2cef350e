/* sl-cpu-accumulate.c: ACCUMULATE on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"

typedef struct {
  float       *dst;
  const float *src;
  size_t       row_floats;
  float        weight;
} AccumulateJob;

static void
accumulate_rows (void *data, uint32_t begin, uint32_t end)
{
  const AccumulateJob *job = data;

  for (uint32_t y = begin; y < end; y++)
    {
      float *d = job->dst + job->row_floats * y;
      const float *s = job->src + job->row_floats * y;

      for (size_t i = 0; i < job->row_floats; i++)
        d[i] += s[i] * job->weight;
    }
}

SlStatus
sl_cpu_accumulate (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  AccumulateJob job = {
    .dst = sl_cpu_buffer_floats (buffers->dst),
    .src = sl_cpu_buffer_floats (buffers->src),
    .row_floats = (size_t) 4 * buffers->dst->desc.width,
    .weight = ((const SlAccumulateParams *) params)->weight,
  };

  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, accumulate_rows, &job);
  return SL_OK;
}
