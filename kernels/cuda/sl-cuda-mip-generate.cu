/* sl-cuda-mip-generate.cu: MIP_GENERATE on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One launch per level, each reading the level above it; the stream runs
 * them in order.
 */
#include "sl-cuda-private.h"
#include "../common/sl-filter.h"
#include "../common/sl-sample.h"

static __global__ void
mip_kernel (const ushort4 *from, ushort4 *to, uint32_t from_width, uint32_t from_height,
            uint32_t width, uint32_t height)
{
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  SlBoxTaps tx, ty;
  float acc[4] = { 0, 0, 0, 0 };

  if (x >= width || y >= height)
    return;
  if (from_width == 2 * width && from_height == 2 * height)
    {
      /* An exact halving: the integer mean, which the weighted sum below
       * equals (as on the CPU). */
      ushort4 a = from[(size_t) from_width * 2 * y + 2 * x], b = from[(size_t) from_width * 2 * y + 2 * x + 1];
      ushort4 c = from[(size_t) from_width * (2 * y + 1) + 2 * x];
      ushort4 d = from[(size_t) from_width * (2 * y + 1) + 2 * x + 1];

      to[(size_t) width * y + x] = make_ushort4 ((uint16_t) ((a.x + b.x + c.x + d.x + 2u) >> 2),
                                                 (uint16_t) ((a.y + b.y + c.y + d.y + 2u) >> 2),
                                                 (uint16_t) ((a.z + b.z + c.z + d.z + 2u) >> 2),
                                                 (uint16_t) ((a.w + b.w + c.w + d.w + 2u) >> 2));
      return;
    }
  ty = sl_box_taps (y, height, from_height);
  tx = sl_box_taps (x, width, from_width);
  for (int j = 0; j < 3; j++)
    for (int i = 0; i < 3; i++)
      {
        float weight = ty.weight[j] * tx.weight[i];
        ushort4 in;

        if (weight == 0.0f)
          continue;
        in = from[(size_t) from_width * (uint32_t) (ty.first + j) + (uint32_t) (tx.first + i)];
        acc[0] += weight * (float) in.x;
        acc[1] += weight * (float) in.y;
        acc[2] += weight * (float) in.z;
        acc[3] += weight * (float) in.w;
      }
  to[(size_t) width * y + x] = make_ushort4 ((uint16_t) sl_clampf (acc[0] + 0.5f, 0.0f, 65535.0f),
                                             (uint16_t) sl_clampf (acc[1] + 0.5f, 0.0f, 65535.0f),
                                             (uint16_t) sl_clampf (acc[2] + 0.5f, 0.0f, 65535.0f),
                                             (uint16_t) sl_clampf (acc[3] + 0.5f, 0.0f, 65535.0f));
}

SlStatus
sl_cuda_mip_generate (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlBufferDesc *desc = &buffers->dst->desc;
  ushort4 *texels = (ushort4 *) sl_cuda_buffer_data (buffers->dst);
  cudaStream_t stream = sl_cuda_from_backend (backend)->stream;

  for (uint32_t level = ((const SlMipGenerateParams *) params)->first_level + 1; level < desc->levels; level++)
    {
      uint32_t width = sl_level_size (desc->width, level), height = sl_level_size (desc->height, level);
      SlStatus status;

      mip_kernel<<<sl_cuda_grid_2d (width, height), SL_CUDA_BLOCK_2D, 0, stream>>> (
        texels + sl_texture_level_offset (desc->width, desc->height, level - 1),
        texels + sl_texture_level_offset (desc->width, desc->height, level),
        sl_level_size (desc->width, level - 1), sl_level_size (desc->height, level - 1), width, height);
      status = sl_cuda_check_launch (backend, "mip-generate");
      if (status != SL_OK)
        return status;
    }
  return SL_OK;
}
