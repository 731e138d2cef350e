/* sl-cuda-to-i420.cu: TO_I420 on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread per 2x2 block: it encodes the block's pixels once and writes
 * their Y bytes and the block's Cb and Cr.
 */
#include "sl-cuda-private.h"
#include "../common/sl-yuv.h"

static __global__ void
i420_kernel (const __grid_constant__ SlToI420Params p, const float *src, uint8_t *dst,
             uint32_t width, uint32_t height)
{
  uint32_t cx = blockIdx.x * blockDim.x + threadIdx.x, cy = blockIdx.y * blockDim.y + threadIdx.y;
  uint32_t x0 = 2 * cx, y0 = 2 * cy, x1, y1;
  const float *block[4];
  uint8_t luma[4], cb, cr, *y_row0, *y_row1;

  if (x0 >= width || y0 >= height)
    return;
  /* Edge blocks of odd sizes repeat the last column or row. */
  x1 = x0 + 1 < width ? x0 + 1 : x0;
  y1 = y0 + 1 < height ? y0 + 1 : y0;
  block[0] = src + 4 * ((size_t) width * y0 + x0);
  block[1] = src + 4 * ((size_t) width * y0 + x1);
  block[2] = src + 4 * ((size_t) width * y1 + x0);
  block[3] = src + 4 * ((size_t) width * y1 + x1);
  sl_yuv420_block (block, luma, &cb, &cr);

  y_row0 = dst + p.y_offset + (size_t) p.y_stride * y0;
  y_row1 = dst + p.y_offset + (size_t) p.y_stride * y1;
  y_row0[x0] = luma[0];
  y_row0[x1] = luma[1];
  y_row1[x0] = luma[2];
  y_row1[x1] = luma[3];
  dst[p.u_offset + (size_t) p.u_stride * cy + cx] = cb;
  dst[p.v_offset + (size_t) p.v_stride * cy + cx] = cr;
}

SlStatus
sl_cuda_to_i420 (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  uint32_t width = buffers->src->desc.width, height = buffers->src->desc.height;

  i420_kernel<<<sl_cuda_grid_2d ((width + 1) / 2, (height + 1) / 2), SL_CUDA_BLOCK_2D, 0,
                sl_cuda_from_backend (backend)->stream>>> (
    *(const SlToI420Params *) params, (const float *) sl_cuda_buffer_data (buffers->src),
    sl_cuda_buffer_data (buffers->dst), width, height);
  return sl_cuda_check_launch (backend, "to-i420");
}
