/* sl-cuda-draw-card.cu: DRAW_CARD on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texture is read from global memory with the CPU's own bilinear code
 * rather than through texture objects: hardware filtering weighs texels with
 * 8-bit fractions and would not match the reference.
 */
#include "sl-cuda-private.h"
#include "../common/sl-card.h"

/* One thread per pixel of the card's bounding box, whose top left is
 * (BOX_X, BOX_Y). */
static __global__ void
card_kernel (const __grid_constant__ SlDrawCardParams p, const __grid_constant__ SlTexView texture,
             float4 *pixels, float *depth, uint32_t width, int32_t box_x, int32_t box_y,
             uint32_t box_width, uint32_t box_height)
{
  uint32_t bx = blockIdx.x * blockDim.x + threadIdx.x, by = blockIdx.y * blockDim.y + threadIdx.y;
  uint32_t x = (uint32_t) box_x + bx, y = (uint32_t) box_y + by;
  size_t i = (size_t) width * y + x;
  float s[4], qz, keep;
  float4 d;

  if (bx >= box_width || by >= box_height)
    return;
  if (sl_card_shade (&p, &texture, (float) x + 0.5f, (float) y + 0.5f, s, &qz) <= 0.0f)
    return;
  keep = 1.0f - s[3];
  d = pixels[i];
  d.x = s[0] + d.x * keep;
  d.y = s[1] + d.y * keep;
  d.z = s[2] + d.z * keep;
  d.w = s[3] + d.w * keep;
  pixels[i] = d;
  if (depth != NULL && s[3] > 0.5f)
    depth[i] = p.depth_scale / qz;
}

SlStatus
sl_cuda_draw_card (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlDrawCardParams *p = (const SlDrawCardParams *) params;
  const SlBufferDesc *tex = &buffers->src->desc;
  SlTexView texture;
  int32_t box[4];
  uint32_t box_width, box_height;

  sl_card_bounds (p, (float) tex->width, (float) tex->height,
                  buffers->dst->desc.width, buffers->dst->desc.height, box);
  if (box[2] <= box[0] || box[3] <= box[1])
    return SL_OK;
  box_width = (uint32_t) (box[2] - box[0]);
  box_height = (uint32_t) (box[3] - box[1]);
  sl_tex_view_init (&texture, (const uint16_t *) sl_cuda_buffer_data (buffers->src),
                    tex->width, tex->height, tex->levels);
  card_kernel<<<sl_cuda_grid_2d (box_width, box_height), SL_CUDA_BLOCK_2D, 0,
                sl_cuda_from_backend (backend)->stream>>> (
    *p, texture, sl_cuda_buffer_pixels (buffers->dst),
    buffers->aux != NULL ? (float *) sl_cuda_buffer_data (buffers->aux) : NULL,
    buffers->dst->desc.width, box[0], box[1], box_width, box_height);
  return sl_cuda_check_launch (backend, "draw-card");
}
