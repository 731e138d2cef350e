/* sl-cpu-grade.c: GRADE on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-grade.h"

typedef struct {
  const SlGradeParams *params;
  SlGradeSetup         setup;
  float               *pixels;
  uint32_t             width;
} GradeJob;

static void
grade_rows (void *data, uint32_t begin, uint32_t end)
{
  const GradeJob *job = data;
  /* Local copies: the compiler can see that writing pixels does not change
   * them, keep them in registers and vectorise the row. */
  const SlGradeParams params = *job->params;
  const SlGradeSetup setup = job->setup;

  for (uint32_t y = begin; y < end; y++)
    {
      float *p = job->pixels + (size_t) 4 * job->width * y;
      uint32_t row_seed = sl_grade_row_seed (&params, y);

      for (int32_t x = 0; x < (int32_t) job->width; x++)
        sl_grade_pixel (&params, &setup, row_seed, x, (int32_t) y, p + 4 * x);
    }
}

SlStatus
sl_cpu_grade (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  GradeJob job = {
    .params = params,
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .width = buffers->dst->desc.width,
  };

  sl_grade_setup (params, buffers->dst->desc.width, buffers->dst->desc.height, &job.setup);
  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, grade_rows, &job);
  return SL_OK;
}
