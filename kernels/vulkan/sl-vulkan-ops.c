/* sl-vulkan-ops.c: what each op records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The per-op constants that the CPU computes once per op (sl_grade_setup(),
 * sl_sky_setup(), sl_card_bounds(), sl_gauss_weights(), texture views, the
 * bloom pyramid's sizes and scales) are computed here with the same C code
 * and handed to the shader in an info block, so the GPU starts from the
 * CPU's very floats. Each info struct below is mirrored by the `Info` block
 * of its shader, field for field (32-bit scalars, std430).
 */
#include "sl-vulkan-private.h"
#include "../common/sl-card.h"
#include "../common/sl-filter.h"
#include "../common/sl-grade.h"
#include "../common/sl-sky.h"

#include <stdlib.h>

#define MAX_RADIUS 300  /* ceil (3 * SL_BLUR_MAX_SIGMA) */

typedef struct {
  uint32_t width;
  uint32_t height;
} SizeInfo;

typedef struct {
  uint32_t     width;
  uint32_t     height;
  SlGradeSetup setup;
} GradeInfo;

typedef struct {
  uint32_t   width;
  uint32_t   height;
  SlSkySetup setup;
} SkyInfo;

/* SlTexView without its pointer (SlVkTexView in common/sl-sample.glsl). */
typedef struct {
  uint32_t offset[SL_MAX_LEVELS];
  int32_t  width[SL_MAX_LEVELS];
  int32_t  height[SL_MAX_LEVELS];
  float    scale_x[SL_MAX_LEVELS];
  float    scale_y[SL_MAX_LEVELS];
  int32_t  levels;
  float    width0;
  float    height0;
} TexViewInfo;

typedef struct {
  int32_t     box[4];
  uint32_t    width;
  uint32_t    has_depth;
  TexViewInfo view;
} CardInfo;

typedef struct {
  int32_t  width;
  int32_t  height;
  int32_t  radius;
  uint32_t vertical;
  float    kernel[2 * MAX_RADIUS + 1];  /* only 2 radius + 1 are sent */
} BlurInfo;

enum { BLOOM_DOWN, BLOOM_BLUR_H, BLOOM_BLUR_V, BLOOM_COMPOSITE };

typedef struct {
  uint32_t pass;
  uint32_t prefilter;
  uint32_t src_offset;
  int32_t  src_width;
  int32_t  src_height;
  uint32_t dst_offset;
  int32_t  width;
  int32_t  height;
  uint32_t below_offset;
  int32_t  below_width;
  int32_t  below_height;
  uint32_t has_below;
  float    sx;
  float    sy;
  float    gain;
} BloomInfo;

typedef struct {
  uint32_t width;
  uint32_t height;
  uint32_t chroma_width;
  uint32_t chroma_height;
} YuvInfo;

typedef struct {
  uint32_t from_offset;
  uint32_t to_offset;
  uint32_t from_width;
  uint32_t from_height;
  uint32_t width;
  uint32_t height;
} MipInfo;

typedef struct {
  uint32_t width;
  uint32_t height;
  uint32_t offset;
} Srgb8Info;

/* The shaders' info blocks assume C lays these out without padding. */
_Static_assert (sizeof (GradeInfo) == 8 + 14 * 4, "GradeInfo is std430");
_Static_assert (sizeof (SkyInfo) == 8 + 6 * 4, "SkyInfo is std430");
_Static_assert (sizeof (CardInfo) == 24 + (5 * SL_MAX_LEVELS + 3) * 4, "CardInfo is std430");
_Static_assert (sizeof (BloomInfo) == 15 * 4, "BloomInfo is std430");
_Static_assert (offsetof (SlSrgbTables, encode8_next) == 2048 + 4100, "SlSrgbTables is std430");

/* Workgroups to cover N items along one axis. */
static uint32_t
groups (uint32_t n)
{
  return (n + SL_VK_GROUP_SIZE - 1) / SL_VK_GROUP_SIZE;
}

/* The bindings of an op: its buffers, the tables and the scratch memory. */
static void
op_ranges (const SlVulkan *vk, const SlOpBuffers *buffers, SlVkRange ranges[SL_VK_N_BINDINGS])
{
  const SlBuffer *slots[3] = { buffers->dst, buffers->src, buffers->aux };

  for (int i = 0; i < SL_VK_N_BINDINGS; i++)
    ranges[i] = (SlVkRange) { VK_NULL_HANDLE, 0, 0 };
  for (int i = 0; i < 3; i++)
    if (slots[i] != NULL)
      ranges[i] = sl_vk_buffer_range (slots[i]);
  ranges[SL_VK_BINDING_TABLES] = (SlVkRange) { vk->tables.buffer, 0, sizeof (SlSrgbTables) };
  if (vk->scratch_size > 0)
    ranges[SL_VK_BINDING_SCRATCH] = (SlVkRange) { vk->scratch.buffer, 0, vk->scratch_size };
}

/* At least BYTES of scratch memory, replacing a smaller one (which queued
 * work may still use: it is retired, not freed). */
static SlStatus
ensure_scratch (SlVulkan *vk, VkDeviceSize bytes)
{
  SlStatus status;

  if (bytes <= vk->scratch_size)
    return SL_OK;
  if (bytes > vk->properties.limits.maxStorageBufferRange)
    return sl_vk_fail (vk, VK_ERROR_OUT_OF_DEVICE_MEMORY, "scratch memory beyond maxStorageBufferRange");
  sl_vk_allocation_retire (vk, &vk->scratch);
  vk->scratch_size = 0;
  status = sl_vk_allocation_new (vk, bytes, false, &vk->scratch);
  if (status == SL_OK)
    vk->scratch_size = bytes;
  return status;
}

/* The ops that run one dispatch over the destination with only its size as
 * info. */
static SlStatus
run_sized (SlVulkan *vk, SlOp op, const void *params, const SlOpBuffers *buffers, uint32_t width, uint32_t height)
{
  SlVkRange ranges[SL_VK_N_BINDINGS];
  SizeInfo info = { width, height };

  op_ranges (vk, buffers, ranges);
  return sl_vk_dispatch (vk, op, params, &info, sizeof info, ranges, groups (width), groups (height));
}

static SlStatus
run_grade (SlVulkan *vk, const SlGradeParams *p, const SlOpBuffers *buffers)
{
  SlVkRange ranges[SL_VK_N_BINDINGS];
  GradeInfo info = { buffers->dst->desc.width, buffers->dst->desc.height };

  sl_grade_setup (p, info.width, info.height, &info.setup);
  op_ranges (vk, buffers, ranges);
  return sl_vk_dispatch (vk, SL_OP_GRADE, p, &info, sizeof info, ranges, groups (info.width), groups (info.height));
}

static SlStatus
run_sky (SlVulkan *vk, const SlSkyParams *p, const SlOpBuffers *buffers)
{
  SlVkRange ranges[SL_VK_N_BINDINGS];
  SkyInfo info = { buffers->dst->desc.width, buffers->dst->desc.height };

  sl_sky_setup (p, &info.setup);
  op_ranges (vk, buffers, ranges);
  return sl_vk_dispatch (vk, SL_OP_SKY, p, &info, sizeof info, ranges, groups (info.width), groups (info.height));
}

static SlStatus
run_draw_card (SlVulkan *vk, const SlDrawCardParams *p, const SlOpBuffers *buffers)
{
  const SlBufferDesc *tex = &buffers->src->desc;
  SlVkRange ranges[SL_VK_N_BINDINGS];
  CardInfo info = { .width = buffers->dst->desc.width, .has_depth = buffers->aux != NULL };
  /* sl_buffer_new() keeps levels within SL_MAX_LEVELS; the bound tells the
   * compiler so. */
  uint32_t n_levels = tex->levels < SL_MAX_LEVELS ? tex->levels : SL_MAX_LEVELS;
  SlTexView view;

  sl_tex_view_init (&view, NULL, tex->width, tex->height, n_levels);
  for (int l = 0; l < SL_MAX_LEVELS; l++)
    if (l < view.levels)
      {
        info.view.offset[l] = view.offset[l];
        info.view.width[l] = view.width[l];
        info.view.height[l] = view.height[l];
        info.view.scale_x[l] = view.scale_x[l];
        info.view.scale_y[l] = view.scale_y[l];
      }
  info.view.levels = view.levels;
  info.view.width0 = view.width0;
  info.view.height0 = view.height0;
  sl_card_bounds (p, (float) tex->width, (float) tex->height, buffers->dst->desc.width,
                  buffers->dst->desc.height, info.box);
  op_ranges (vk, buffers, ranges);
  return sl_vk_dispatch (vk, SL_OP_DRAW_CARD, p, &info, sizeof info, ranges,
                         groups ((uint32_t) (info.box[2] - info.box[0])),
                         groups ((uint32_t) (info.box[3] - info.box[1])));
}

static SlStatus
run_blur (SlVulkan *vk, const SlBlurParams *p, const SlOpBuffers *buffers)
{
  uint32_t w = buffers->dst->desc.width, h = buffers->dst->desc.height;
  SlVkRange ranges[SL_VK_N_BINDINGS];
  float weights[MAX_RADIUS + 1];
  BlurInfo *info = malloc (sizeof *info);
  size_t info_size;
  SlStatus status;

  if (info == NULL)
    return sl_vk_fail (vk, VK_ERROR_OUT_OF_HOST_MEMORY, "blur");
  info->width = (int32_t) w;
  info->height = (int32_t) h;
  info->radius = sl_gauss_weights (p->sigma, weights);
  for (int32_t k = 0; k <= 2 * info->radius; k++)
    info->kernel[k] = weights[abs (k - info->radius)];
  info_size = offsetof (BlurInfo, kernel) + sizeof (float) * (size_t) (2 * info->radius + 1);

  status = ensure_scratch (vk, (VkDeviceSize) 16 * w * h);
  op_ranges (vk, buffers, ranges);
  for (uint32_t pass = 0; pass < 2 && status == SL_OK; pass++)
    {
      info->vertical = pass;
      status = sl_vk_dispatch (vk, SL_OP_BLUR, p, info, info_size, ranges, groups (w), groups (h));
    }
  free (info);
  return status;
}

/* One image of the bloom pyramid, in pixels of the scratch memory. */
typedef struct {
  uint32_t l, t, u;  /* offsets of the downsample, the horizontal blur, the result */
  int32_t  width, height;
} BloomLevel;

static SlStatus
run_bloom (SlVulkan *vk, const SlBloomParams *p, const SlOpBuffers *buffers)
{
  int32_t w = (int32_t) buffers->dst->desc.width, h = (int32_t) buffers->dst->desc.height;
  BloomLevel levels[SL_BLOOM_MAX_LEVELS];
  SlVkRange ranges[SL_VK_N_BINDINGS];
  /* sl_op_check() keeps levels within SL_BLOOM_MAX_LEVELS; the bound tells
   * the compiler so. */
  uint32_t n = p->levels < SL_BLOOM_MAX_LEVELS ? p->levels : SL_BLOOM_MAX_LEVELS, total = 0;
  SlStatus status;

  for (uint32_t k = 0; k < n; k++)
    {
      BloomLevel *level = &levels[k];
      uint32_t size;

      level->width = (int32_t) sl_level_size ((uint32_t) w, k + 1);
      level->height = (int32_t) sl_level_size ((uint32_t) h, k + 1);
      size = (uint32_t) (level->width * level->height);
      level->l = total;
      level->t = total + size;
      level->u = total + 2 * size;
      total += 3 * size;
    }
  status = ensure_scratch (vk, (VkDeviceSize) 16 * total);
  op_ranges (vk, buffers, ranges);

  for (uint32_t k = 0; k < n && status == SL_OK; k++)
    {
      BloomInfo info = {
        .pass = BLOOM_DOWN,
        .prefilter = k == 0,
        .src_offset = k == 0 ? 0 : levels[k - 1].l,
        .src_width = k == 0 ? w : levels[k - 1].width,
        .src_height = k == 0 ? h : levels[k - 1].height,
        .dst_offset = levels[k].l,
        .width = levels[k].width,
        .height = levels[k].height,
      };

      status = sl_vk_dispatch (vk, SL_OP_BLOOM, p, &info, sizeof info, ranges,
                               groups ((uint32_t) info.width), groups ((uint32_t) info.height));
    }
  for (uint32_t k = n; k-- > 0 && status == SL_OK;)
    {
      const BloomLevel *level = &levels[k], *below = k + 1 < n ? &levels[k + 1] : NULL;
      BloomInfo info = {
        .pass = BLOOM_BLUR_H,
        .src_offset = level->l,
        .dst_offset = level->t,
        .width = level->width,
        .height = level->height,
      };

      status = sl_vk_dispatch (vk, SL_OP_BLOOM, p, &info, sizeof info, ranges,
                               groups ((uint32_t) info.width), groups ((uint32_t) info.height));
      info.pass = BLOOM_BLUR_V;
      info.src_offset = level->t;
      info.dst_offset = level->u;
      if (below != NULL)
        {
          info.has_below = 1;
          info.below_offset = below->u;
          info.below_width = below->width;
          info.below_height = below->height;
          info.sx = (float) below->width / (float) level->width;
          info.sy = (float) below->height / (float) level->height;
        }
      if (status == SL_OK)
        status = sl_vk_dispatch (vk, SL_OP_BLOOM, p, &info, sizeof info, ranges,
                                 groups ((uint32_t) info.width), groups ((uint32_t) info.height));
    }
  if (status == SL_OK)
    {
      BloomInfo info = {
        .pass = BLOOM_COMPOSITE,
        .src_offset = levels[0].u,
        .src_width = levels[0].width,
        .src_height = levels[0].height,
        .width = w,
        .height = h,
        .sx = (float) levels[0].width / (float) w,
        .sy = (float) levels[0].height / (float) h,
        .gain = p->intensity / (float) p->levels,
      };

      status = sl_vk_dispatch (vk, SL_OP_BLOOM, p, &info, sizeof info, ranges, groups ((uint32_t) w),
                               groups ((uint32_t) h));
    }
  return status;
}

static SlStatus
run_yuv (SlVulkan *vk, SlOp op, const void *p, const SlOpBuffers *buffers)
{
  SlVkRange ranges[SL_VK_N_BINDINGS];
  YuvInfo info = { buffers->src->desc.width, buffers->src->desc.height };

  info.chroma_width = (info.width + 1) / 2;
  info.chroma_height = (info.height + 1) / 2;
  op_ranges (vk, buffers, ranges);
  return sl_vk_dispatch (vk, op, p, &info, sizeof info, ranges, groups (info.chroma_width),
                         groups (info.chroma_height));
}

static SlStatus
run_mip_generate (SlVulkan *vk, const SlMipGenerateParams *p, const SlOpBuffers *buffers)
{
  const SlBufferDesc *desc = &buffers->dst->desc;
  SlVkRange ranges[SL_VK_N_BINDINGS];
  SlStatus status = SL_OK;

  op_ranges (vk, buffers, ranges);
  for (uint32_t level = p->first_level + 1; level < desc->levels && status == SL_OK; level++)
    {
      MipInfo info = {
        .from_offset = (uint32_t) sl_texture_level_offset (desc->width, desc->height, level - 1),
        .to_offset = (uint32_t) sl_texture_level_offset (desc->width, desc->height, level),
        .from_width = sl_level_size (desc->width, level - 1),
        .from_height = sl_level_size (desc->height, level - 1),
        .width = sl_level_size (desc->width, level),
        .height = sl_level_size (desc->height, level),
      };

      status = sl_vk_dispatch (vk, SL_OP_MIP_GENERATE, p, &info, sizeof info, ranges, groups (info.width),
                               groups (info.height));
    }
  return status;
}

static SlStatus
run_srgb8_to_texture (SlVulkan *vk, const SlSrgb8ToTextureParams *p, const SlOpBuffers *buffers)
{
  const SlBufferDesc *desc = &buffers->dst->desc;
  SlVkRange ranges[SL_VK_N_BINDINGS];
  Srgb8Info info = {
    .width = buffers->src->desc.width,
    .height = buffers->src->desc.height,
    .offset = (uint32_t) sl_texture_level_offset (desc->width, desc->height, p->level),
  };

  op_ranges (vk, buffers, ranges);
  return sl_vk_dispatch (vk, SL_OP_SRGB8_TO_TEXTURE, p, &info, sizeof info, ranges, groups (info.width),
                         groups (info.height));
}

bool
sl_vk_op_supported (const SlVulkan *vk, SlOp op)
{
  /* The YUV shaders write single bytes. */
  if (op == SL_OP_TO_I420 || op == SL_OP_TO_NV12)
    return vk->has_8bit_storage;
  return true;
}

SlStatus
sl_vk_run_op (SlVulkan *vk, SlOp op, const void *params, const SlOpBuffers *buffers)
{
  const SlBufferDesc *dst = &buffers->dst->desc;

  switch (op)
    {
    case SL_OP_CLEAR:
    case SL_OP_PARTICLES:
    case SL_OP_ACCUMULATE:
    case SL_OP_SCALE:
    case SL_OP_TO_RGBA8:
      return run_sized (vk, op, params, buffers, dst->width, dst->height);
    case SL_OP_DRAW_CARD:
      return run_draw_card (vk, params, buffers);
    case SL_OP_SKY:
      return run_sky (vk, params, buffers);
    case SL_OP_GRADE:
      return run_grade (vk, params, buffers);
    case SL_OP_BLOOM:
      return run_bloom (vk, params, buffers);
    case SL_OP_BLUR:
      return run_blur (vk, params, buffers);
    case SL_OP_TO_I420:
    case SL_OP_TO_NV12:
      return run_yuv (vk, op, params, buffers);
    case SL_OP_MIP_GENERATE:
      return run_mip_generate (vk, params, buffers);
    case SL_OP_SRGB8_TO_TEXTURE:
      return run_srgb8_to_texture (vk, params, buffers);
    default:
      return sl_vk_fail (vk, VK_ERROR_FEATURE_NOT_PRESENT, sl_op_get_name (op));
    }
}
