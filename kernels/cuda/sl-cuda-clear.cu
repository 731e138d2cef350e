/* sl-cuda-clear.cu: CLEAR on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"

static __global__ void
clear_kernel (float4 *pixels, size_t n, float4 color)
{
  size_t i = (size_t) blockIdx.x * blockDim.x + threadIdx.x;

  if (i < n)
    pixels[i] = color;
}

SlStatus
sl_cuda_clear (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlClearParams *p = (const SlClearParams *) params;
  size_t n = (size_t) buffers->dst->desc.width * buffers->dst->desc.height;

  clear_kernel<<<sl_cuda_grid_1d (n), SL_CUDA_BLOCK_1D, 0, sl_cuda_from_backend (backend)->stream>>> (
    sl_cuda_buffer_pixels (buffers->dst), n, make_float4 (p->color[0], p->color[1], p->color[2], p->color[3]));
  return sl_cuda_check_launch (backend, "clear");
}
