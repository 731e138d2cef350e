/* to-rgba8.comp: TO_RGBA8 (see sl-ops.h and common/sl-color.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-ops.glsl"
#include "common/sl-tables.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlToRgba8Params p; };

/* One 32-bit word per pixel: R in the lowest byte, as in memory. */
layout (std430, set = 0, binding = SL_BINDING_DST) writeonly buffer Dst { uint pixels[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { vec4 px[]; } src;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint width;
  uint height;
} info;

/* sl_rgba8_from_linear() */
uint
rgba8_from_linear (vec4 px, bool dither, float offset)
{
  precise float a = sl_clampf (px.a, 0.0, 1.0);
  precise float a255 = a * 255.0 + 0.5;
  uint a8 = uint (a255);
  precise float k;
  uint result = a8 << 24;

  if (a8 == 0u)
    return 0u;
  k = a < 1.0 ? 1.0 / a : 1.0;
  for (int c = 0; c < 3; c++)
    {
      precise float straight = px[c] * k;
      precise float dithered = sl_clampf (255.0 * sl_srgb_encode (straight) + offset + 0.5, 0.0, 255.0);
      uint code = dither ? uint (dithered) : sl_srgb_encode8 (straight);

      result |= code << (8 * c);
    }
  return result;
}

void
main ()
{
  uvec2 xy = gl_GlobalInvocationID.xy;
  uint i = xy.y * info.width + xy.x;

  if (xy.x < info.width && xy.y < info.height)
    dst.pixels[i] = p.dither != 0u ? rgba8_from_linear (src.px[i], true, sl_bayer4 (xy.x, xy.y))
                                   : rgba8_from_linear (src.px[i], false, 0.0);
}
