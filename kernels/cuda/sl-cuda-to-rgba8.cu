/* sl-cuda-to-rgba8.cu: TO_RGBA8 on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"

static __global__ void
to_rgba8_kernel (const SlSrgbTables *srgb, const float4 *src, uchar4 *dst, uint32_t width, uint32_t height,
                 int32_t dither)
{
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  size_t i = (size_t) width * y + x;
  float4 s;
  float in[4];
  uint8_t out[4];

  if (x >= width || y >= height)
    return;
  s = src[i];
  in[0] = s.x;
  in[1] = s.y;
  in[2] = s.z;
  in[3] = s.w;
  sl_rgba8_from_linear (srgb, in, dither, dither ? sl_bayer4 (x, y) : 0.0f, out);
  dst[i] = make_uchar4 (out[0], out[1], out[2], out[3]);
}

SlStatus
sl_cuda_to_rgba8 (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  SlCuda *cuda = sl_cuda_from_backend (backend);
  uint32_t width = buffers->dst->desc.width, height = buffers->dst->desc.height;

  to_rgba8_kernel<<<sl_cuda_grid_2d (width, height), SL_CUDA_BLOCK_2D, 0, cuda->stream>>> (
    cuda->srgb, sl_cuda_buffer_pixels (buffers->src), (uchar4 *) sl_cuda_buffer_data (buffers->dst),
    width, height, ((const SlToRgba8Params *) params)->dither != 0);
  return sl_cuda_check_launch (backend, "to-rgba8");
}
