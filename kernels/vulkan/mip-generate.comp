/* mip-generate.comp: MIP_GENERATE, one level per dispatch (see sl-ops.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-filter.glsl"
#include "common/sl-ops.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlMipGenerateParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { uvec2 texels[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint from_offset;  /* the level above, in texels */
  uint to_offset;    /* the level written */
  uint from_width;
  uint from_height;
  uint width;
  uint height;
} info;

uvec4
texel (uint i)
{
  uvec2 t = dst.texels[i];

  return uvec4 (t.x & 0xffffu, t.x >> 16, t.y & 0xffffu, t.y >> 16);
}

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;
  uvec4 out_texel;

  if (xy.x >= info.width || xy.y >= info.height)
    return;
  if (info.from_width == 2u * info.width && info.from_height == 2u * info.height)
    {
      /* An exact halving: the rounded integer mean, as the CPU computes it. */
      uint top = info.from_offset + 2u * xy.y * info.from_width + 2u * xy.x;
      uint bottom = top + info.from_width;

      out_texel = (texel (top) + texel (top + 1u) + texel (bottom) + texel (bottom + 1u) + 2u) >> 2;
    }
  else
    {
      SlBoxTaps ty = sl_box_taps (xy.y, info.height, info.from_height);
      SlBoxTaps tx = sl_box_taps (xy.x, info.width, info.from_width);
      precise vec4 acc = vec4 (0.0);

      for (int j = 0; j < 3; j++)
        for (int i = 0; i < 3; i++)
          {
            precise float weight = ty.weight[j] * tx.weight[i];

            if (weight == 0.0)
              continue;
            acc += weight * vec4 (texel (info.from_offset + info.from_width * uint (ty.first + j)
                                         + uint (tx.first + i)));
          }
      for (int c = 0; c < 4; c++)
        out_texel[c] = uint (sl_clampf (acc[c] + 0.5, 0.0, 65535.0));
    }
  dst.texels[info.to_offset + xy.y * info.width + xy.x] = uvec2 (out_texel.x | (out_texel.y << 16),
                                                                 out_texel.z | (out_texel.w << 16));
}
