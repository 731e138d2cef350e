/* sl-cpu-mip-generate.c: MIP_GENERATE on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-filter.h"
#include "../common/sl-sample.h"

typedef struct {
  const uint16_t *from;
  uint16_t       *to;
  uint32_t        from_width, from_height;
  uint32_t        width, height;
} MipJob;

/* An exact halving in both directions: every weight is 1/4, so the float
 * path below computes exactly the rounded integer mean, which this loop gets
 * with integers and vectorises. */
static void
mip_row_halving (const MipJob *job, uint32_t y)
{
  const uint16_t *top = job->from + (size_t) 8 * job->from_width * y;
  const uint16_t *bottom = top + (size_t) 4 * job->from_width;
  uint16_t *out = job->to + (size_t) 4 * job->width * y;

  for (uint32_t i = 0; i < 4 * job->width; i++)
    {
      uint32_t x = 8 * (i / 4) + i % 4;

      out[i] = (uint16_t) ((top[x] + top[x + 4] + bottom[x] + bottom[x + 4] + 2u) >> 2);
    }
}

static void
mip_rows (void *data, uint32_t begin, uint32_t end)
{
  const MipJob *job = data;
  bool halving = job->from_width == 2 * job->width && job->from_height == 2 * job->height;

  for (uint32_t y = begin; y < end; y++)
    {
      if (halving)
        {
          mip_row_halving (job, y);
          continue;
        }
      SlBoxTaps ty = sl_box_taps (y, job->height, job->from_height);
      uint16_t *out = job->to + (size_t) 4 * job->width * y;

      for (uint32_t x = 0; x < job->width; x++)
        {
          SlBoxTaps tx = sl_box_taps (x, job->width, job->from_width);
          float acc[4] = { 0, 0, 0, 0 };

          for (int j = 0; j < 3; j++)
            for (int i = 0; i < 3; i++)
              {
                float weight = ty.weight[j] * tx.weight[i];
                const uint16_t *in;

                if (weight == 0.0f)
                  continue;
                in = job->from + (size_t) 4 * (job->from_width * (uint32_t) (ty.first + j)
                                               + (uint32_t) (tx.first + i));
                for (int c = 0; c < 4; c++)
                  acc[c] += weight * (float) in[c];
              }
          for (int c = 0; c < 4; c++)
            out[4 * x + c] = (uint16_t) sl_clampf (acc[c] + 0.5f, 0.0f, 65535.0f);
        }
    }
}

SlStatus
sl_cpu_mip_generate (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlBufferDesc *desc = &buffers->dst->desc;
  uint16_t *texels = (uint16_t *) sl_cpu_buffer_data (buffers->dst);

  for (uint32_t level = ((const SlMipGenerateParams *) params)->first_level + 1; level < desc->levels; level++)
    {
      MipJob job = {
        .from = texels + 4 * sl_texture_level_offset (desc->width, desc->height, level - 1),
        .to = texels + 4 * sl_texture_level_offset (desc->width, desc->height, level),
        .from_width = sl_level_size (desc->width, level - 1),
        .from_height = sl_level_size (desc->height, level - 1),
        .width = sl_level_size (desc->width, level),
        .height = sl_level_size (desc->height, level),
      };

      sl_cpu_pool_run (cpu->pool, job.height, mip_rows, &job);
    }
  return SL_OK;
}
