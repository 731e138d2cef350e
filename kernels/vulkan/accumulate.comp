/* accumulate.comp: ACCUMULATE (see sl-ops.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-math.glsl"
#include "common/sl-ops.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlAccumulateParams p; };

/* dst and src may be the same buffer: each pixel reads and writes only
 * itself. */
layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { vec4 px[]; } src;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint width;
  uint height;
} info;

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;
  uint i = xy.y * info.width + xy.x;

  if (xy.x < info.width && xy.y < info.height)
    {
      precise vec4 sum = dst.px[i] + src.px[i] * p.weight;

      dst.px[i] = sum;
    }
}
