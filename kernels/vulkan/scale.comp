/* scale.comp: SCALE (see sl-ops.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-math.glsl"
#include "common/sl-ops.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlScaleParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { vec4 px[]; } dst;
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
    dst.px[i] *= vec4 (p.factor[0], p.factor[1], p.factor[2], p.factor[3]);
}
