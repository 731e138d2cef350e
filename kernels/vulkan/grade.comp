/* grade.comp: GRADE (see sl-ops.h and common/sl-grade.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-grade.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlGradeParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint         width;
  uint         height;
  SlGradeSetup setup;
} info;

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;
  uint i = xy.y * info.width + xy.x;

  if (xy.x < info.width && xy.y < info.height)
    dst.px[i] = sl_grade_pixel (p, info.setup, sl_grade_row_seed (p, xy.y), int (xy.x), int (xy.y), dst.px[i]);
}
