/* sl-cuda-bloom.cu: BLOOM on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CPU's pyramid in device scratch memory: per level the bright-passed
 * downsample L, the horizontally blurred T and the result U (blur of L plus
 * the upsampled U of the level below). Each stage is one launch; the stream
 * runs them in order. Every sum is made in the CPU's order.
 */
#include "sl-cuda-private.h"
#include "../common/sl-filter.h"
#include "../common/sl-sample.h"

typedef struct {
  float4  *l, *t, *u;
  int32_t  width, height;
} Level;

/* [1 4 6 4 1] / 16 with clamped edges. */
static __device__ const float binomial[5] = { 1.0f / 16, 4.0f / 16, 6.0f / 16, 4.0f / 16, 1.0f / 16 };

/* Level L from the level above it (FROM, FROM_WIDTH x FROM_HEIGHT); from the
 * frame with the bright pass when PREFILTER. */
static __global__ void
down_kernel (Level level, const float4 *from, int32_t from_width, int32_t from_height,
             int32_t prefilter, float threshold, float knee)
{
  int32_t x = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x), y = (int32_t) (blockIdx.y * blockDim.y + threadIdx.y);
  SlBoxTaps tx, ty;
  float acc[3] = { 0, 0, 0 };

  if (x >= level.width || y >= level.height)
    return;
  ty = sl_box_taps ((uint32_t) y, (uint32_t) level.height, (uint32_t) from_height);
  tx = sl_box_taps ((uint32_t) x, (uint32_t) level.width, (uint32_t) from_width);
  for (int j = 0; j < 3; j++)
    for (int i = 0; i < 3; i++)
      {
        float weight = ty.weight[j] * tx.weight[i], c[3];
        float4 v;
        float in[4];

        if (weight == 0.0f)
          continue;
        v = from[(size_t) from_width * (ty.first + j) + tx.first + i];
        in[0] = v.x;
        in[1] = v.y;
        in[2] = v.z;
        in[3] = v.w;
        if (prefilter)
          sl_bloom_prefilter (threshold, knee, in, c);
        else
          c[0] = in[0], c[1] = in[1], c[2] = in[2];
        for (int k = 0; k < 3; k++)
          acc[k] += weight * c[k];
      }
  level.l[(size_t) level.width * y + x] = make_float4 (acc[0], acc[1], acc[2], 0.0f);
}

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
blur_horizontal_kernel (Level level)
{
  int32_t x = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x), y = (int32_t) (blockIdx.y * blockDim.y + threadIdx.y);
  const float4 *in = level.l + (size_t) level.width * y;
  float4 acc = make_float4 (0.0f, 0.0f, 0.0f, 0.0f);

  if (x >= level.width || y >= level.height)
    return;
  for (int k = 0; k < 5; k++)
    acc = add_weighted (acc, binomial[k], in[sl_clampi (x + k - 2, 0, level.width - 1)]);
  level.t[(size_t) level.width * y + x] = acc;
}

/* U of LEVEL: T blurred vertically, plus the upsampled U of BELOW when
 * HAS_BELOW (BELOW is this level's scale relative to it in SX, SY). */
static __global__ void
blur_vertical_kernel (Level level, Level below, int32_t has_below, float sx, float sy)
{
  int32_t x = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x), y = (int32_t) (blockIdx.y * blockDim.y + threadIdx.y);
  float4 acc = make_float4 (0.0f, 0.0f, 0.0f, 0.0f);

  if (x >= level.width || y >= level.height)
    return;
  for (int k = 0; k < 5; k++)
    acc = add_weighted (acc, binomial[k], level.t[(size_t) level.width * sl_clampi (y + k - 2, 0, level.height - 1) + x]);
  if (has_below)
    {
      float up[4];

      sl_image_bilinear ((const float *) below.u, below.width, below.height,
                         ((float) x + 0.5f) * sx, ((float) y + 0.5f) * sy, up);
      acc.x += up[0];
      acc.y += up[1];
      acc.z += up[2];
    }
  level.u[(size_t) level.width * y + x] = acc;
}

static __global__ void
composite_kernel (Level top, float4 *frame, int32_t width, int32_t height, float sx, float sy, float gain)
{
  int32_t x = (int32_t) (blockIdx.x * blockDim.x + threadIdx.x), y = (int32_t) (blockIdx.y * blockDim.y + threadIdx.y);
  float glow[4];
  float4 p;

  if (x >= width || y >= height)
    return;
  sl_image_bilinear ((const float *) top.u, top.width, top.height,
                     ((float) x + 0.5f) * sx, ((float) y + 0.5f) * sy, glow);
  p = frame[(size_t) width * y + x];
  p.x += gain * glow[0];
  p.y += gain * glow[1];
  p.z += gain * glow[2];
  frame[(size_t) width * y + x] = p;
}

static dim3
level_grid (const Level *level)
{
  return sl_cuda_grid_2d ((uint32_t) level->width, (uint32_t) level->height);
}

SlStatus
sl_cuda_bloom (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlBloomParams *p = (const SlBloomParams *) params;
  cudaStream_t stream = sl_cuda_from_backend (backend)->stream;
  float4 *frame = sl_cuda_buffer_pixels (buffers->dst);
  int32_t width = (int32_t) buffers->dst->desc.width, height = (int32_t) buffers->dst->desc.height;
  Level levels[SL_BLOOM_MAX_LEVELS] = { { 0 } };
  size_t total = 0;
  float4 *scratch;
  void *memory;
  SlStatus status;

  for (uint32_t k = 0; k < p->levels; k++)
    {
      levels[k].width = (int32_t) sl_level_size ((uint32_t) width, k + 1);
      levels[k].height = (int32_t) sl_level_size ((uint32_t) height, k + 1);
      total += (size_t) 3 * levels[k].width * levels[k].height;
    }
  status = sl_cuda_scratch (backend, total * sizeof (float4), &memory);
  if (status != SL_OK)
    return status;
  scratch = (float4 *) memory;
  for (uint32_t k = 0; k < p->levels; k++)
    {
      size_t n = (size_t) levels[k].width * levels[k].height;

      levels[k].l = scratch;
      levels[k].t = scratch + n;
      levels[k].u = scratch + 2 * n;
      scratch += 3 * n;
    }

  for (uint32_t k = 0; k < p->levels && status == SL_OK; k++)
    {
      down_kernel<<<level_grid (&levels[k]), SL_CUDA_BLOCK_2D, 0, stream>>> (
        levels[k], k == 0 ? frame : levels[k - 1].l, k == 0 ? width : levels[k - 1].width,
        k == 0 ? height : levels[k - 1].height, k == 0, p->threshold, p->knee);
      status = sl_cuda_check_launch (backend, "bloom");
    }
  for (uint32_t k = p->levels; k-- > 0 && status == SL_OK;)
    {
      bool has_below = k + 1 < p->levels;
      Level below = has_below ? levels[k + 1] : levels[k];
      float sx = has_below ? (float) below.width / (float) levels[k].width : 0.0f;
      float sy = has_below ? (float) below.height / (float) levels[k].height : 0.0f;

      blur_horizontal_kernel<<<level_grid (&levels[k]), SL_CUDA_BLOCK_2D, 0, stream>>> (levels[k]);
      blur_vertical_kernel<<<level_grid (&levels[k]), SL_CUDA_BLOCK_2D, 0, stream>>> (
        levels[k], below, has_below, sx, sy);
      status = sl_cuda_check_launch (backend, "bloom");
    }
  if (status != SL_OK)
    return status;
  composite_kernel<<<sl_cuda_grid_2d ((uint32_t) width, (uint32_t) height), SL_CUDA_BLOCK_2D, 0, stream>>> (
    levels[0], frame, width, height, (float) levels[0].width / (float) width,
    (float) levels[0].height / (float) height, p->intensity / (float) p->levels);
  return sl_cuda_check_launch (backend, "bloom");
}
