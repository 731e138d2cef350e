/* to-nv12.comp: TO_NV12 (see sl-ops.h and common/sl-yuv.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One invocation per 2x2 block writes its luma and chroma bytes, and no
 * other byte: the destination is bytes (8-bit storage), so neighbouring
 * blocks and the bytes between rows and planes are left alone.
 */
#version 450
#extension GL_EXT_shader_8bit_storage : require

#include "common/sl-bindings.glsl"
#include "common/sl-ops.glsl"
#include "common/sl-yuv.glsl"

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlToNv12Params p; };

layout (std430, set = 0, binding = SL_BINDING_DST) writeonly buffer Dst { uint8_t bytes[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { vec4 px[]; } src;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint width;          /* of the source */
  uint height;
  uint chroma_width;   /* (width + 1) / 2 */
  uint chroma_height;
} info;

void
main ()
{
  uvec2 block = gl_GlobalInvocationID.xy;
  uint x0, x1, y0, y1, cb, cr;
  uvec4 luma;

  if (block.x >= info.chroma_width || block.y >= info.chroma_height)
    return;
  x0 = 2u * block.x;
  y0 = 2u * block.y;
  x1 = min (x0 + 1u, info.width - 1u);
  y1 = min (y0 + 1u, info.height - 1u);
  sl_yuv420_block (src.px[y0 * info.width + x0], src.px[y0 * info.width + x1],
                   src.px[y1 * info.width + x0], src.px[y1 * info.width + x1], luma, cb, cr);

  dst.bytes[p.y_offset + p.y_stride * y0 + x0] = uint8_t (luma[0]);
  if (x1 > x0)
    dst.bytes[p.y_offset + p.y_stride * y0 + x1] = uint8_t (luma[1]);
  if (y1 > y0)
    {
      dst.bytes[p.y_offset + p.y_stride * y1 + x0] = uint8_t (luma[2]);
      if (x1 > x0)
        dst.bytes[p.y_offset + p.y_stride * y1 + x1] = uint8_t (luma[3]);
    }
  dst.bytes[p.uv_offset + p.uv_stride * block.y + 2u * block.x] = uint8_t (cb);
  dst.bytes[p.uv_offset + p.uv_stride * block.y + 2u * block.x + 1u] = uint8_t (cr);
}
