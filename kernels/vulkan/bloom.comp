/* bloom.comp: BLOOM, as a chain of dispatches (see sl-ops.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pyramid of sl-cpu-bloom.c in the backend's scratch memory: per level
 * the bright-passed downsample L, the horizontally blurred T and the result
 * U. The host records, in order, a downsample per level, then from the
 * smallest level up a horizontal and a vertical blur (the latter adding the
 * upsampled level below), then the composite into the frame; the info block
 * says which pass a dispatch is and where its images lie.
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-filter.glsl"
#include "common/sl-ops.glsl"

#define PASS_DOWN      0u
#define PASS_BLUR_H    1u
#define PASS_BLUR_V    2u
#define PASS_COMPOSITE 3u

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlBloomParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SCRATCH) buffer Scratch { vec4 px[]; } scratch;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  uint  pass;
  uint  prefilter;     /* PASS_DOWN: read the frame through the bright pass */
  uint  src_offset;    /* in pixels of the scratch memory */
  int   src_width;
  int   src_height;
  uint  dst_offset;
  int   width;         /* of the image written */
  int   height;
  uint  below_offset;  /* PASS_BLUR_V: the finished level below, if any */
  int   below_width;
  int   below_height;
  uint  has_below;
  float sx;            /* below (or level 0) pixels per pixel written */
  float sy;
  float gain;          /* PASS_COMPOSITE: intensity / levels */
} info;

#define SL_IMAGE(i) scratch.px[i]
#include "common/sl-sample.glsl"

/* [1 4 6 4 1] / 16 */
const float binomial[5] = float[5] (0.0625, 0.25, 0.375, 0.25, 0.0625);

precise vec3
down (ivec2 xy)
{
  SlBoxTaps ty = sl_box_taps (uint (xy.y), uint (info.height), uint (info.src_height));
  SlBoxTaps tx = sl_box_taps (uint (xy.x), uint (info.width), uint (info.src_width));
  precise vec3 acc = vec3 (0.0);

  for (int j = 0; j < 3; j++)
    for (int i = 0; i < 3; i++)
      {
        precise float weight = ty.weight[j] * tx.weight[i];
        uint at = uint (info.src_width * (ty.first + j) + tx.first + i);

        if (weight == 0.0)
          continue;
        if (info.prefilter != 0u)
          acc += weight * sl_bloom_prefilter (p.threshold, p.knee, dst.px[at]);
        else
          acc += weight * scratch.px[info.src_offset + at].rgb;
      }
  return acc;
}

void
main ()
{
  ivec2 xy = ivec2 (gl_GlobalInvocationID.xy);
  int w = info.width, h = info.height;
  uint i = uint (xy.y * w + xy.x);
  precise vec4 acc = vec4 (0.0);

  if (xy.x >= w || xy.y >= h)
    return;
  switch (info.pass)
    {
    case PASS_DOWN:
      scratch.px[info.dst_offset + i] = vec4 (down (xy), 0.0);
      break;
    case PASS_BLUR_H:
      for (int k = 0; k < 5; k++)
        acc += binomial[k] * scratch.px[info.src_offset + uint (xy.y * w + sl_clampi (xy.x + k - 2, 0, w - 1))];
      scratch.px[info.dst_offset + i] = acc;
      break;
    case PASS_BLUR_V:
      for (int k = 0; k < 5; k++)
        acc += binomial[k] * scratch.px[info.src_offset + uint (sl_clampi (xy.y + k - 2, 0, h - 1) * w + xy.x)];
      if (info.has_below != 0u)
        acc.rgb += sl_image_bilinear (info.below_offset, info.below_width, info.below_height,
                                      (float (xy.x) + 0.5) * info.sx, (float (xy.y) + 0.5) * info.sy).rgb;
      scratch.px[info.dst_offset + i] = acc;
      break;
    default:
      acc = sl_image_bilinear (info.src_offset, info.src_width, info.src_height,
                               (float (xy.x) + 0.5) * info.sx, (float (xy.y) + 0.5) * info.sy);
      acc.rgb = dst.px[i].rgb + info.gain * acc.rgb;
      dst.px[i].rgb = acc.rgb;
      break;
    }
}
