/* draw-card.comp: DRAW_CARD (see sl-ops.h and common/sl-card.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dispatched over the card's pixel box from sl_card_bounds() on the host, as
 * the CPU visits it.
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-math.glsl"
#include "common/sl-ops.glsl"
#include "common/sl-sample.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlDrawCardParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { uvec2 texels[]; } src;
layout (std430, set = 0, binding = SL_BINDING_AUX) writeonly buffer Aux { float depth[]; } aux;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  ivec4       box;        /* x0, y0, x1, y1 */
  uint        width;
  uint        has_depth;
  SlVkTexView view;
} info;

#define SL_TEXEL(i) src.texels[i]
#define SL_TEX_VIEW info.view
#include "common/sl-card.glsl"

void
main ()
{
  ivec2 xy = ivec2 (gl_GlobalInvocationID.xy) + info.box.xy;
  precise float px = float (xy.x) + 0.5, py = float (xy.y) + 0.5;
  precise vec4 s, pixel;
  precise float qz;
  uint i;

  if (xy.x >= info.box.z || xy.y >= info.box.w)
    return;
  if (sl_card_shade (p, px, py, s, qz) <= 0.0)
    return;
  i = uint (xy.y) * info.width + uint (xy.x);
  pixel = s + dst.px[i] * (1.0 - s.a);
  dst.px[i] = pixel;
  if (info.has_depth != 0u && s.a > 0.5)
    aux.depth[i] = p.depth_scale / qz;
}
