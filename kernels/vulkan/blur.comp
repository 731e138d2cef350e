/* blur.comp: BLUR, as two dispatches (see sl-ops.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The horizontal pass reads src and writes the backend's scratch image; the
 * vertical pass reads the scratch image and writes dst, so dst may be src.
 * Each output sums its taps in the CPU's order, from the host's weights.
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-math.glsl"
#include "common/sl-ops.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlBlurParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) writeonly buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { vec4 px[]; } src;
layout (std430, set = 0, binding = SL_BINDING_SCRATCH) buffer Scratch { vec4 px[]; } scratch;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  int   width;
  int   height;
  int   radius;
  uint  vertical;
  float kernel[];  /* 2 radius + 1 taps, for offsets -radius..radius */
} info;

void
main ()
{
  ivec2 xy = ivec2 (gl_GlobalInvocationID.xy);
  int w = info.width, h = info.height, r = info.radius;
  precise vec4 acc = vec4 (0.0);

  if (xy.x >= w || xy.y >= h)
    return;
  if (info.vertical != 0u)
    {
      for (int k = 0; k <= 2 * r; k++)
        acc += info.kernel[k] * scratch.px[sl_clampi (xy.y + k - r, 0, h - 1) * w + xy.x];
      dst.px[xy.y * w + xy.x] = acc;
    }
  else
    {
      for (int k = 0; k <= 2 * r; k++)
        acc += info.kernel[k] * src.px[xy.y * w + sl_clampi (xy.x + k - r, 0, w - 1)];
      scratch.px[xy.y * w + xy.x] = acc;
    }
}
