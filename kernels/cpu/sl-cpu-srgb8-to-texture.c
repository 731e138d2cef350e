/* sl-cpu-srgb8-to-texture.c: SRGB8_TO_TEXTURE on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-sample.h"

typedef struct {
  const SlSrgbTables *srgb;
  const uint8_t      *src;
  uint16_t           *dst;
  uint32_t            width;
} Srgb8Job;

static void
srgb8_rows (void *data, uint32_t begin, uint32_t end)
{
  const Srgb8Job *job = data;

  for (uint32_t y = begin; y < end; y++)
    {
      const uint8_t *s = job->src + (size_t) 4 * job->width * y;
      uint16_t *d = job->dst + (size_t) 4 * job->width * y;

      for (uint32_t x = 0; x < job->width; x++)
        sl_texel_from_srgb8 (job->srgb, s + 4 * x, d + 4 * x);
    }
}

SlStatus
sl_cpu_srgb8_to_texture (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlBufferDesc *desc = &buffers->dst->desc;
  uint32_t level = ((const SlSrgb8ToTextureParams *) params)->level;
  Srgb8Job job = {
    .srgb = &cpu->srgb,
    .src = sl_cpu_buffer_data (buffers->src),
    .dst = (uint16_t *) sl_cpu_buffer_data (buffers->dst)
           + 4 * sl_texture_level_offset (desc->width, desc->height, level),
    .width = buffers->src->desc.width,
  };

  sl_cpu_pool_run (cpu->pool, buffers->src->desc.height, srgb8_rows, &job);
  return SL_OK;
}
