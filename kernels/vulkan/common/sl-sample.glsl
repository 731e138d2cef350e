/* sl-sample.glsl: common/sl-sample.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLSL cannot pass a buffer to a function, so the including shader names its
 * data with macros:
 *  - SL_TEXEL(i): texel i of the texture (all levels, packed as on every
 *    backend) as a uvec2 holding four 16-bit channels;
 *  - SL_TEX_VIEW: an SlVkTexView (below) filled on the host by
 *    sl_tex_view_init(), so the per-level scales are the CPU's own floats;
 *  - SL_IMAGE(i): pixel i of a float RGBA image, as a vec4.
 * Define the ones the shader uses, after declaring the buffers they read,
 * and include this file (again) there.
 */
#ifndef SL_SAMPLE_GLSL
#define SL_SAMPLE_GLSL

#include "sl-math.glsl"

/* SlTexView without its pointer: the same fields in the same order. */
struct SlVkTexView
{
  uint  offset[SL_MAX_LEVELS];
  int   width[SL_MAX_LEVELS];
  int   height[SL_MAX_LEVELS];
  float scale_x[SL_MAX_LEVELS];
  float scale_y[SL_MAX_LEVELS];
  int   levels;
  float width0;
  float height0;
};

#endif

/* Each part is compiled once, where the shader has defined its macro. */
#if defined (SL_TEXEL) && !defined (SL_SAMPLE_TEXEL_GLSL)
#define SL_SAMPLE_TEXEL_GLSL
vec4
sl_texel_channels (uint i)
{
  uvec2 t = SL_TEXEL (i);

  return vec4 (float (t.x & 0xffffu), float (t.x >> 16), float (t.y & 0xffffu), float (t.y >> 16));
}

/* Bilinear read of level L at level-0 texel coordinates (u, v), clamped to
 * the edge, as premultiplied floats in [0, 1]. */
precise vec4
sl_tex_bilinear (int l, float u, float v)
{
  int w = SL_TEX_VIEW.width[l], h = SL_TEX_VIEW.height[l];
  precise float x = u * SL_TEX_VIEW.scale_x[l] - 0.5;
  precise float y = v * SL_TEX_VIEW.scale_y[l] - 0.5;
  int x0 = sl_floor_to_int (x, -1, w);
  int y0 = sl_floor_to_int (y, -1, h);
  precise float fx = sl_clampf (x - float (x0), 0.0, 1.0);
  precise float fy = sl_clampf (y - float (y0), 0.0, 1.0);
  uint xa = uint (sl_clampi (x0, 0, w - 1)), xb = uint (sl_clampi (x0 + 1, 0, w - 1));
  uint r0 = SL_TEX_VIEW.offset[l] + uint (w) * uint (sl_clampi (y0, 0, h - 1));
  uint r1 = SL_TEX_VIEW.offset[l] + uint (w) * uint (sl_clampi (y0 + 1, 0, h - 1));
  precise vec4 a = sl_texel_channels (r0 + xa), b = sl_texel_channels (r0 + xb);
  precise vec4 d = sl_texel_channels (r1 + xa), e = sl_texel_channels (r1 + xb);
  precise vec4 top = a + (b - a) * fx;
  precise vec4 bottom = d + (e - d) * fx;

  /* 1.0f / 65535.0f, as C folds it */
  return (top + (bottom - top) * fy) * 1.52590219e-05;
}

/* Trilinear read at level of detail LOD (clamped to the chain). */
precise vec4
sl_tex_trilinear (float u, float v, float lod)
{
  precise float l = sl_clampf (lod, 0.0, float (SL_TEX_VIEW.levels - 1));
  int l0 = sl_floor_to_int (l, 0, SL_TEX_VIEW.levels - 1);
  precise float f = l - float (l0);
  precise vec4 result = sl_tex_bilinear (l0, u, v);

  if (f > 0.0)
    {
      precise vec4 next = sl_tex_bilinear (l0 + 1, u, v);

      result += (next - result) * f;
    }
  return result;
}
#endif

#if defined (SL_IMAGE) && !defined (SL_SAMPLE_IMAGE_GLSL)
#define SL_SAMPLE_IMAGE_GLSL
/* Bilinear read of a W x H float RGBA image starting at pixel BASE, at pixel
 * coordinates (x, y) (centres at +0.5), clamped to the edge. */
precise vec4
sl_image_bilinear (uint base, int w, int h, float x_in, float y_in)
{
  precise float x = x_in - 0.5, y = y_in - 0.5;
  int x0 = sl_floor_to_int (x, -1, w);
  int y0 = sl_floor_to_int (y, -1, h);
  precise float fx = sl_clampf (x - float (x0), 0.0, 1.0);
  precise float fy = sl_clampf (y - float (y0), 0.0, 1.0);
  uint xa = uint (sl_clampi (x0, 0, w - 1)), xb = uint (sl_clampi (x0 + 1, 0, w - 1));
  uint r0 = base + uint (w) * uint (sl_clampi (y0, 0, h - 1));
  uint r1 = base + uint (w) * uint (sl_clampi (y0 + 1, 0, h - 1));
  precise vec4 top = SL_IMAGE (r0 + xa) + (SL_IMAGE (r0 + xb) - SL_IMAGE (r0 + xa)) * fx;
  precise vec4 bottom = SL_IMAGE (r1 + xa) + (SL_IMAGE (r1 + xb) - SL_IMAGE (r1 + xa)) * fx;

  return top + (bottom - top) * fy;
}
#endif
