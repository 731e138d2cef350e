/* sky.comp: SKY (see sl-ops.h and common/sl-sky.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-sky.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlSkyParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) writeonly buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint       width;
  uint       height;
  SlSkySetup setup;
} info;

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;

  if (xy.x < info.width && xy.y < info.height)
    {
      precise float px = float (xy.x) + 0.5, py = float (xy.y) + 0.5;
      vec3 sky = sl_sky_shade (p, info.setup, px, py, p.star_amount > 0.0, info.setup.cloud_amount > 0.0);

      dst.px[xy.y * info.width + xy.x] = vec4 (sky, 1.0);
    }
}
