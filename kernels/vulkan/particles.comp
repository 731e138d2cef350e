/* particles.comp: PARTICLES (see sl-ops.h and common/sl-particle.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One invocation per pixel composites every particle that reaches it, in
 * array order, as the CPU does. The workgroup reads the particles a chunk at
 * a time into shared memory, each invocation one particle, and keeps the
 * pixel box each one reaches (the CPU's box), so a pixel only tests the
 * particles of its own chunk.
 */
#version 450

#include "common/sl-bindings.glsl"
#include "common/sl-ops.glsl"
#include "common/sl-particle.glsl"

#define CHUNK (SL_GROUP_SIZE * SL_GROUP_SIZE)

layout (local_size_x = SL_GROUP_SIZE, local_size_y = SL_GROUP_SIZE) in;

layout (push_constant) uniform SlPush { SlParticlesParams p; };

layout (std430, set = 0, binding = SL_BINDING_DST) buffer Dst { vec4 px[]; } dst;
layout (std430, set = 0, binding = SL_BINDING_SRC) readonly buffer Src { float records[]; } src;
layout (std430, set = 0, binding = SL_BINDING_INFO) readonly buffer Info
{
  int width;
  int height;
} info;

shared SlParticle particles[CHUNK];
shared ivec4 boxes[CHUNK];  /* x0, top, x1, bottom; empty where the tile is missed */

/* The particle's pixel box (see sl-cpu-particles.c), clipped to the tile
 * [TILE.xy, TILE.zw). */
ivec4
particle_box (SlParticle particle, ivec4 tile)
{
  precise float reach = particle.radius + 0.5;
  precise float left = particle.x - reach, right = particle.x + reach;
  precise float up = particle.y - reach, down = particle.y + reach;
  int x0 = sl_floor_to_int (left, -1, info.width);
  int x1 = sl_floor_to_int (right, -1, info.width) + 1;
  int top = sl_floor_to_int (up, -1, info.height);
  int bottom = sl_floor_to_int (down, -1, info.height) + 1;

  return ivec4 (max (x0, tile.x), max (top, tile.y), min (x1, tile.z), min (bottom, tile.w));
}

void
main ()
{
  ivec2 xy = ivec2 (gl_GlobalInvocationID.xy);
  ivec2 origin = ivec2 (gl_WorkGroupID.xy) * SL_GROUP_SIZE;
  ivec4 tile = ivec4 (origin, min (origin + SL_GROUP_SIZE, ivec2 (info.width, info.height)));
  bool inside = xy.x < info.width && xy.y < info.height;
  uint index = uint (xy.y) * uint (info.width) + uint (xy.x);
  precise vec4 c = inside ? dst.px[index] : vec4 (0.0);
  precise float px = float (xy.x) + 0.5, py = float (xy.y) + 0.5;

  for (uint base = 0u; base < p.count; base += CHUNK)
    {
      uint i = base + gl_LocalInvocationIndex;
      uint n = min (p.count - base, uint (CHUNK));

      boxes[gl_LocalInvocationIndex] = ivec4 (0);
      if (i < p.count)
        {
          float record[8];

          for (int k = 0; k < SL_PARTICLE_FLOATS; k++)
            record[k] = src.records[SL_PARTICLE_FLOATS * i + k];
          particles[gl_LocalInvocationIndex] = sl_particle_load (record, p.opacity);
          if (particles[gl_LocalInvocationIndex].alpha > 0.0)
            boxes[gl_LocalInvocationIndex] = particle_box (particles[gl_LocalInvocationIndex], tile);
        }
      barrier ();
      for (uint j = 0u; inside && j < n; j++)
        {
          ivec4 box = boxes[j];

          if (xy.x >= box.x && xy.y >= box.y && xy.x < box.z && xy.y < box.w)
            {
              precise float a = sl_particle_coverage (particles[j], px, py);
              precise float keep = 1.0 - a;

              c.r = particles[j].color[0] * a + c.r * keep;
              c.g = particles[j].color[1] * a + c.g * keep;
              c.b = particles[j].color[2] * a + c.b * keep;
              c.a = a + c.a * keep;
            }
        }
      barrier ();
    }
  if (inside)
    dst.px[index] = c;
}
