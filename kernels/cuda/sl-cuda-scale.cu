/* sl-cuda-scale.cu: SCALE on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"

static __global__ void
scale_kernel (float4 *pixels, size_t n, float4 factor)
{
  size_t i = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  float4 p;

  if (i >= n)
    return;
  p = pixels[i];
  p.x *= factor.x;
  p.y *= factor.y;
  p.z *= factor.z;
  p.w *= factor.w;
  pixels[i] = p;
}

SlStatus
sl_cuda_scale (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlScaleParams *p = (const SlScaleParams *) params;
  size_t n = (size_t) buffers->dst->desc.width * buffers->dst->desc.height;

  scale_kernel<<<sl_cuda_grid_1d (n), SL_CUDA_BLOCK_1D, 0, sl_cuda_from_backend (backend)->stream>>> (
    sl_cuda_buffer_pixels (buffers->dst), n, make_float4 (p->factor[0], p->factor[1], p->factor[2], p->factor[3]));
  return sl_cuda_check_launch (backend, "scale");
}
