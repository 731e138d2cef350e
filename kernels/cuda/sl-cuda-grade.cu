/* sl-cuda-grade.cu: GRADE on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"
#include "../common/sl-grade.h"

static __global__ void
grade_kernel (const __grid_constant__ SlGradeParams p, const __grid_constant__ SlGradeSetup s,
              float4 *pixels, uint32_t width, uint32_t height)
{
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  float4 *pixel;
  float v[4];

  if (x >= width || y >= height)
    return;
  pixel = pixels + (size_t) width * y + x;
  v[0] = pixel->x;
  v[1] = pixel->y;
  v[2] = pixel->z;
  v[3] = pixel->w;
  sl_grade_pixel (&p, &s, sl_grade_row_seed (&p, y), (int32_t) x, (int32_t) y, v);
  *pixel = make_float4 (v[0], v[1], v[2], v[3]);
}

SlStatus
sl_cuda_grade (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  uint32_t width = buffers->dst->desc.width, height = buffers->dst->desc.height;
  SlGradeSetup setup;

  /* On the host, by the same code as the CPU's: the per-op constants are the
   * same bits on both. */
  sl_grade_setup ((const SlGradeParams *) params, width, height, &setup);
  grade_kernel<<<sl_cuda_grid_2d (width, height), SL_CUDA_BLOCK_2D, 0, sl_cuda_from_backend (backend)->stream>>> (
    *(const SlGradeParams *) params, setup, sl_cuda_buffer_pixels (buffers->dst), width, height);
  return sl_cuda_check_launch (backend, "grade");
}
