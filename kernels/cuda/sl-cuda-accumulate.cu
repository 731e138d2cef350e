/* sl-cuda-accumulate.cu: ACCUMULATE on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"

static __global__ void
accumulate_kernel (float4 *dst, const float4 *src, size_t n, float weight)
{
  size_t i = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  float4 d, s;

  if (i >= n)
    return;
  d = dst[i];
  s = src[i];
  d.x += s.x * weight;
  d.y += s.y * weight;
  d.z += s.z * weight;
  d.w += s.w * weight;
  dst[i] = d;
}

SlStatus
sl_cuda_accumulate (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  size_t n = (size_t) buffers->dst->desc.width * buffers->dst->desc.height;

  accumulate_kernel<<<sl_cuda_grid_1d (n), SL_CUDA_BLOCK_1D, 0, sl_cuda_from_backend (backend)->stream>>> (
    sl_cuda_buffer_pixels (buffers->dst), sl_cuda_buffer_pixels (buffers->src), n,
    ((const SlAccumulateParams *) params)->weight);
  return sl_cuda_check_launch (backend, "accumulate");
}
