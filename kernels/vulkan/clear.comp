/* clear.comp: CLEAR (see sl-ops.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-math.glsl"
#include "common/sl-ops.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlClearParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) writeonly buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint width;
  uint height;
} info;

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;

  if (xy.x < info.width && xy.y < info.height)
    dst.px[xy.y * info.width + xy.x] = vec4 (p.color[0], p.color[1], p.color[2], p.color[3]);
}
