/* sl-cuda-blur.cu: BLUR on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes through scratch memory, horizontal (src -> scratch) then
 * vertical (scratch -> dst), which makes dst == src safe. Each output sums
 * its taps from the left (or the top) as the CPU does, so the sums round
 * the same way.
 */
#include "sl-cuda-private.h"
#include "../common/sl-filter.h"

#define MAX_RADIUS 300  /* ceil (3 * SL_BLUR_MAX_SIGMA) */

/* The weights travel as a kernel argument (1.2 kB, under the 4 kB limit),
 * which every thread of a warp reads at the same index: a broadcast. */
typedef struct {
  float weight[MAX_RADIUS + 1];  /* for offsets +-k */
} BlurWeights;

static __device__ float4
add_weighted (float4 acc, float weight, float4 in)
{
  acc.x += weight * in.x;
  acc.y += weight * in.y;
  acc.z += weight * in.z;
  acc.w += weight * in.w;
  return acc;
}

static __global__ void
blur_horizontal_kernel (const __grid_constant__ BlurWeights w, int32_t radius,
                        const float4 *src, float4 *tmp, int32_t width, int32_t height)
{
  int32_t x = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x), y = (int32_t) (blockIdx.y * blockDim.y + threadIdx.y);
  const float4 *row = src + (size_t) width * y;
  float4 acc = make_float4 (0.0f, 0.0f, 0.0f, 0.0f);

  if (x >= width || y >= height)
    return;
  for (int32_t k = -radius; k <= radius; k++)
    acc = add_weighted (acc, w.weight[k < 0 ? -k : k], row[sl_clampi (x + k, 0, width - 1)]);
  tmp[(size_t) width * y + x] = acc;
}

static __global__ void
blur_vertical_kernel (const __grid_constant__ BlurWeights w, int32_t radius,
                      const float4 *tmp, float4 *dst, int32_t width, int32_t height)
{
  int32_t x = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x), y = (int32_t) (blockIdx.y * blockDim.y + threadIdx.y);
  float4 acc = make_float4 (0.0f, 0.0f, 0.0f, 0.0f);

  if (x >= width || y >= height)
    return;
  for (int32_t k = -radius; k <= radius; k++)
    acc = add_weighted (acc, w.weight[k < 0 ? -k : k], tmp[(size_t) width * sl_clampi (y + k, 0, height - 1) + x]);
  dst[(size_t) width * y + x] = acc;
}

SlStatus
sl_cuda_blur (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  cudaStream_t stream = sl_cuda_from_backend (backend)->stream;
  uint32_t width = buffers->dst->desc.width, height = buffers->dst->desc.height;
  dim3 grid = sl_cuda_grid_2d (width, height);
  BlurWeights weights = { { 0 } };
  int32_t radius;
  void *tmp;
  SlStatus status;

  status = sl_cuda_scratch (backend, (size_t) 16 * width * height, &tmp);
  if (status != SL_OK)
    return status;
  radius = sl_gauss_weights (((const SlBlurParams *) params)->sigma, weights.weight);
  blur_horizontal_kernel<<<grid, SL_CUDA_BLOCK_2D, 0, stream>>> (
    weights, radius, sl_cuda_buffer_pixels (buffers->src), (float4 *) tmp, (int32_t) width, (int32_t) height);
  status = sl_cuda_check_launch (backend, "blur");
  if (status != SL_OK)
    return status;
  blur_vertical_kernel<<<grid, SL_CUDA_BLOCK_2D, 0, stream>>> (
    weights, radius, (const float4 *) tmp, sl_cuda_buffer_pixels (buffers->dst), (int32_t) width, (int32_t) height);
  return sl_cuda_check_launch (backend, "blur");
}
