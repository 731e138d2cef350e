/* sl-cpu-draw-card.c: DRAW_CARD on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-card.h"

typedef struct {
  const SlDrawCardParams *params;
  SlTexView               texture;
  float                  *pixels;
  float                  *depth;     /* NULL: no depth output */
  uint32_t                width;
  int32_t                 box[4];
} CardJob;

static void
card_rows (void *data, uint32_t begin, uint32_t end)
{
  const CardJob *job = data;

  for (uint32_t row = begin; row < end; row++)
    {
      uint32_t y = (uint32_t) job->box[1] + row;
      float *p = job->pixels + (size_t) 4 * job->width * y;
      float *depth = job->depth ? job->depth + (size_t) job->width * y : NULL;

      for (int32_t x = job->box[0]; x < job->box[2]; x++)
        {
          float s[4], qz, keep;

          if (sl_card_shade (job->params, &job->texture, (float) x + 0.5f, (float) y + 0.5f, s, &qz) <= 0.0f)
            continue;
          keep = 1.0f - s[3];
          for (int c = 0; c < 4; c++)
            p[4 * x + c] = s[c] + p[4 * x + c] * keep;
          if (depth != NULL && s[3] > 0.5f)
            depth[x] = job->params->depth_scale / qz;
        }
    }
}

SlStatus
sl_cpu_draw_card (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlBufferDesc *tex = &buffers->src->desc;
  CardJob job = {
    .params = params,
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .depth = buffers->aux ? sl_cpu_buffer_floats (buffers->aux) : NULL,
    .width = buffers->dst->desc.width,
  };

  sl_tex_view_init (&job.texture, (const uint16_t *) sl_cpu_buffer_data (buffers->src),
                    tex->width, tex->height, tex->levels);
  sl_card_bounds (params, (float) tex->width, (float) tex->height,
                  buffers->dst->desc.width, buffers->dst->desc.height, job.box);
  if (job.box[2] > job.box[0])
    sl_cpu_pool_run (cpu->pool, (uint32_t) (job.box[3] - job.box[1]), card_rows, &job);
  return SL_OK;
}
