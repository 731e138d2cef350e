/* sl-cuda-srgb8-to-texture.cu: SRGB8_TO_TEXTURE on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"
#include "../common/sl-sample.h"

static __global__ void
srgb8_kernel (const SlSrgbTables *srgb, const uchar4 *src, ushort4 *dst, uint32_t width, uint32_t height)
{
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  size_t i = (size_t) width * y + x;
  uchar4 s;
  uint8_t in[4];
  uint16_t out[4];

  if (x >= width || y >= height)
    return;
  s = src[i];
  in[0] = s.x;
  in[1] = s.y;
  in[2] = s.z;
  in[3] = s.w;
  sl_texel_from_srgb8 (srgb, in, out);
  dst[i] = make_ushort4 (out[0], out[1], out[2], out[3]);
}

SlStatus
sl_cuda_srgb8_to_texture (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  SlCuda *cuda = sl_cuda_from_backend (backend);
  const SlBufferDesc *desc = &buffers->dst->desc;
  uint32_t level = ((const SlSrgb8ToTextureParams *) params)->level;
  uint32_t width = buffers->src->desc.width, height = buffers->src->desc.height;
  ushort4 *texels = (ushort4 *) sl_cuda_buffer_data (buffers->dst)
                    + sl_texture_level_offset (desc->width, desc->height, level);

  srgb8_kernel<<<sl_cuda_grid_2d (width, height), SL_CUDA_BLOCK_2D, 0, cuda->stream>>> (
    cuda->srgb, (const uchar4 *) sl_cuda_buffer_data (buffers->src), texels, width, height);
  return sl_cuda_check_launch (backend, "srgb8-to-texture");
}
