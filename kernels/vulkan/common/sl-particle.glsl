/* sl-particle.glsl: common/sl-particle.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef SL_PARTICLE_GLSL
#define SL_PARTICLE_GLSL

#include "sl-math.glsl"

struct SlParticle
{
  float x, y;
  float radius;
  float inv_width;
  float alpha;
  float color[3];
};

/* One record (SL_PARTICLE_FLOATS floats) made safe to draw. */
SlParticle
sl_particle_load (float record[8], float opacity)
{
  precise float radius = sl_clampf (record[2], 0.0, float (SL_MAX_DIMENSION));
  precise float r = sl_maxf (radius, 0.5);
  SlParticle p;

  p.x = sl_clampf (record[0], -2.0 * SL_MAX_DIMENSION, 2.0 * SL_MAX_DIMENSION);
  p.y = sl_clampf (record[1], -2.0 * SL_MAX_DIMENSION, 2.0 * SL_MAX_DIMENSION);
  p.radius = r;
  p.inv_width = 1.0 / sl_maxf (sl_clampf (record[7], 0.0, 1.0) * r, 1.0);
  p.alpha = sl_clampf (record[3], 0.0, 1.0) * sl_clampf (opacity, 0.0, 1.0);
  if (radius < 0.5)
    p.alpha *= 4.0 * radius * radius;
  for (int c = 0; c < 3; c++)
    p.color[c] = sl_clampf (record[4 + c], 0.0, 65504.0);
  return p;
}

/* The particle's alpha over the pixel whose centre is (PX, PY). */
precise float
sl_particle_coverage (SlParticle p, float px, float py)
{
  precise float dx = px - p.x, dy = py - p.y;
  precise float t = sl_clampf ((p.radius + 0.5 - sqrt (dx * dx + dy * dy)) * p.inv_width, 0.0, 1.0);

  return t * t * (3.0 - 2.0 * t) * p.alpha;
}

#endif
