/* sl-cuda-sky.cu: SKY on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"
#include "../common/sl-sky.h"

static __global__ void
sky_kernel (const __grid_constant__ SlSkyParams p, const __grid_constant__ SlSkySetup s,
            int32_t stars, int32_t clouds, float4 *pixels, uint32_t width, uint32_t height)
{
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  float out[3];

  if (x >= width || y >= height)
    return;
  sl_sky_shade (&p, &s, (float) x + 0.5f, (float) y + 0.5f, stars, clouds, out);
  pixels[(size_t) width * y + x] = make_float4 (out[0], out[1], out[2], 1.0f);
}

SlStatus
sl_cuda_sky (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlSkyParams *p = (const SlSkyParams *) params;
  uint32_t width = buffers->dst->desc.width, height = buffers->dst->desc.height;
  SlSkySetup setup;

  sl_sky_setup (p, &setup);
  sky_kernel<<<sl_cuda_grid_2d (width, height), SL_CUDA_BLOCK_2D, 0, sl_cuda_from_backend (backend)->stream>>> (
    *p, setup, p->star_amount > 0.0f, setup.cloud_amount > 0.0f, sl_cuda_buffer_pixels (buffers->dst),
    width, height);
  return sl_cuda_check_launch (backend, "sky");
}
