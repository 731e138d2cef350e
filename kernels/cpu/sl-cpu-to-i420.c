/* sl-cpu-to-i420.c: TO_I420 on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass from the float frame to the three planes, a pair of rows per item.
 */
#include "sl-cpu-private.h"

typedef struct {
  const SlToI420Params *params;
  const float          *src;
  uint8_t              *dst;
  uint32_t              width;
  uint32_t              height;
} I420Job;

static void
i420_row_pairs (void *data, uint32_t begin, uint32_t end)
{
  const I420Job *job = data;
  const SlToI420Params *p = job->params;

  for (uint32_t j = begin; j < end; j++)
    {
      uint32_t y0 = 2 * j, y1 = y0 + 1 < job->height ? y0 + 1 : y0;
      SlCpuYuvRows rows = {
        .luma0 = job->dst + p->y_offset + (size_t) p->y_stride * y0,
        .luma1 = job->dst + p->y_offset + (size_t) p->y_stride * y1,
        .cb = job->dst + p->u_offset + (size_t) p->u_stride * j,
        .cr = job->dst + p->v_offset + (size_t) p->v_stride * j,
      };

      sl_cpu_yuv420_rows (job->src + (size_t) 4 * job->width * y0, job->src + (size_t) 4 * job->width * y1,
                          job->width, &rows);
    }
}

SlStatus
sl_cpu_to_i420 (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  I420Job job = {
    .params = params,
    .src = sl_cpu_buffer_floats (buffers->src),
    .dst = sl_cpu_buffer_data (buffers->dst),
    .width = buffers->src->desc.width,
    .height = buffers->src->desc.height,
  };

  sl_cpu_pool_run (cpu->pool, (job.height + 1) / 2, i420_row_pairs, &job);
  return SL_OK;
}
