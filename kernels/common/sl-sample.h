/* sl-sample.h: texture layout and filtered reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every backend stores a texture's levels one after the other, each tightly
 * packed (sl_texture_level_offset()), so one view describes a texture on any
 * backend: only the base pointer differs.
 */
#pragma once

#include "sl-math.h"
#include "../sl-ops.h"

typedef struct {
  const uint16_t *texels;                   /* level 0, then level 1, ... */
  uint32_t        offset[SL_MAX_LEVELS];    /* of each level, in texels */
  int32_t         width[SL_MAX_LEVELS];
  int32_t         height[SL_MAX_LEVELS];
  float           scale_x[SL_MAX_LEVELS];   /* level-l texels per level-0 texel */
  float           scale_y[SL_MAX_LEVELS];
  int32_t         levels;
  float           width0;
  float           height0;
} SlTexView;

/* Where level LEVEL starts, in pixels from the start of level 0. */
static inline SL_KERNEL_FN size_t
sl_texture_level_offset (uint32_t width, uint32_t height, uint32_t level)
{
  size_t offset = 0;

  for (uint32_t l = 0; l < level; l++)
    offset += (size_t) sl_level_size (width, l) * sl_level_size (height, l);
  return offset;
}

static inline SL_KERNEL_FN void
sl_tex_view_init (SlTexView *view, const uint16_t *texels,
                  uint32_t width, uint32_t height, uint32_t levels)
{
  view->texels = texels;
  view->levels = (int32_t) levels;
  view->width0 = (float) width;
  view->height0 = (float) height;
  for (uint32_t l = 0; l < levels; l++)
    {
      view->offset[l] = (uint32_t) sl_texture_level_offset (width, height, l);
      view->width[l] = (int32_t) sl_level_size (width, l);
      view->height[l] = (int32_t) sl_level_size (height, l);
      view->scale_x[l] = (float) view->width[l] / (float) width;
      view->scale_y[l] = (float) view->height[l] / (float) height;
    }
}

/* Bilinear read of level L at level-0 texel coordinates (u, v), clamped to the
 * edge, as premultiplied floats in [0, 1]. */
static inline SL_FORCE_INLINE SL_KERNEL_FN void
sl_tex_bilinear (const SlTexView *t, int32_t l, float u, float v, float out[4])
{
  int32_t w = t->width[l], h = t->height[l];
  float x = u * t->scale_x[l] - 0.5f;
  float y = v * t->scale_y[l] - 0.5f;
  int32_t x0 = sl_floor_to_int (x, -1, w);
  int32_t y0 = sl_floor_to_int (y, -1, h);
  float fx = sl_clampf (x - (float) x0, 0.0f, 1.0f);
  float fy = sl_clampf (y - (float) y0, 0.0f, 1.0f);
  int32_t xa = sl_clampi (x0, 0, w - 1), xb = sl_clampi (x0 + 1, 0, w - 1);
  const uint16_t *level = t->texels + (size_t) 4 * t->offset[l];
  const uint16_t *r0 = level + (size_t) 4 * w * sl_clampi (y0, 0, h - 1);
  const uint16_t *r1 = level + (size_t) 4 * w * sl_clampi (y0 + 1, 0, h - 1);

  for (int c = 0; c < 4; c++)
    {
      float a = (float) r0[4 * xa + c], b = (float) r0[4 * xb + c];
      float d = (float) r1[4 * xa + c], e = (float) r1[4 * xb + c];
      float top = a + (b - a) * fx;
      float bottom = d + (e - d) * fx;

      out[c] = (top + (bottom - top) * fy) * (1.0f / 65535.0f);
    }
}

/* Trilinear read at level of detail LOD (clamped to the chain). */
static inline SL_FORCE_INLINE SL_KERNEL_FN void
sl_tex_trilinear (const SlTexView *t, float u, float v, float lod, float out[4])
{
  float l = sl_clampf (lod, 0.0f, (float) (t->levels - 1));
  int32_t l0 = sl_floor_to_int (l, 0, t->levels - 1);
  float f = l - (float) l0;

  sl_tex_bilinear (t, l0, u, v, out);
  if (f > 0.0f)
    {
      float next[4];

      sl_tex_bilinear (t, l0 + 1, u, v, next);
      for (int c = 0; c < 4; c++)
        out[c] += (next[c] - out[c]) * f;
    }
}

/* Bilinear read of a W x H float RGBA image at pixel coordinates (x, y)
 * (centres at +0.5), clamped to the edge. */
static inline SL_KERNEL_FN void
sl_image_bilinear (const float *pixels, int32_t w, int32_t h, float x, float y, float out[4])
{
  int32_t x0, y0, xa, xb;
  float fx, fy;
  const float *r0, *r1;

  x -= 0.5f;
  y -= 0.5f;
  x0 = sl_floor_to_int (x, -1, w);
  y0 = sl_floor_to_int (y, -1, h);
  fx = sl_clampf (x - (float) x0, 0.0f, 1.0f);
  fy = sl_clampf (y - (float) y0, 0.0f, 1.0f);
  xa = sl_clampi (x0, 0, w - 1);
  xb = sl_clampi (x0 + 1, 0, w - 1);
  r0 = pixels + (size_t) 4 * w * sl_clampi (y0, 0, h - 1);
  r1 = pixels + (size_t) 4 * w * sl_clampi (y0 + 1, 0, h - 1);
  for (int c = 0; c < 4; c++)
    {
      float top = r0[4 * xa + c] + (r0[4 * xb + c] - r0[4 * xa + c]) * fx;
      float bottom = r1[4 * xa + c] + (r1[4 * xb + c] - r1[4 * xa + c]) * fx;

      out[c] = top + (bottom - top) * fy;
    }
}
