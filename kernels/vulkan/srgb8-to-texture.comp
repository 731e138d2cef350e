/* srgb8-to-texture.comp: SRGB8_TO_TEXTURE (see sl-ops.h and common/sl-color.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-ops.glsl"
#include "common/sl-tables.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlSrgb8ToTextureParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) writeonly buffer Dst { uvec2 texels[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { uint pixels[]; } src;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint width;
  uint height;
  uint offset;  /* of the level p.level, in texels */
} info;

/* sl_texel_from_srgb8() for one channel */
uint
texel_channel (uint code, float a)
{
  precise float t = sl_srgb.to_texel[code] * a + 0.5;

  return uint (t);
}

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;
  uint i = xy.y * info.width + xy.x;

  if (xy.x < info.width && xy.y < info.height)
    {
      uint rgba = src.pixels[i];
      uint alpha = rgba >> 24;
      float a = float (alpha);

      dst.texels[info.offset + i] = uvec2 (texel_channel (rgba & 0xffu, a) | (texel_channel ((rgba >> 8) & 0xffu, a) << 16),
                                           texel_channel ((rgba >> 16) & 0xffu, a) | (alpha * 257u) << 16);
    }
}
