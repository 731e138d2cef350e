/* sl-particle.h: the coverage of one round soft particle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-math.h"
#include "../sl-ops.h"

/* One particle record, read and made safe to draw (see SlParticlesParams). */
typedef struct {
  float x, y;
  float radius;       /* at least half a pixel */
  float inv_width;    /* 1 / width of the soft rim */
  float alpha;        /* alpha * opacity * energy kept for sub-pixel sizes */
  float color[3];     /* straight */
} SlParticle;

static inline SL_KERNEL_FN void
sl_particle_load (const float *record, float opacity, SlParticle *p)
{
  float radius = sl_clampf (record[2], 0.0f, (float) SL_MAX_DIMENSION);
  float r = sl_maxf (radius, 0.5f);

  p->x = sl_clampf (record[0], -2.0f * SL_MAX_DIMENSION, 2.0f * SL_MAX_DIMENSION);
  p->y = sl_clampf (record[1], -2.0f * SL_MAX_DIMENSION, 2.0f * SL_MAX_DIMENSION);
  p->radius = r;
  p->inv_width = 1.0f / sl_maxf (sl_clampf (record[7], 0.0f, 1.0f) * r, 1.0f);
  p->alpha = sl_clampf (record[3], 0.0f, 1.0f) * sl_clampf (opacity, 0.0f, 1.0f);
  if (radius < 0.5f)
    p->alpha *= 4.0f * radius * radius;
  for (int c = 0; c < 3; c++)
    p->color[c] = sl_clampf (record[4 + c], 0.0f, 65504.0f);
}

/* The particle's alpha over the pixel whose centre is (PX, PY). */
static inline SL_KERNEL_FN float
sl_particle_coverage (const SlParticle *p, float px, float py)
{
  float dx = px - p->x, dy = py - p->y;
  float t = sl_clampf ((p->radius + 0.5f - sqrtf (dx * dx + dy * dy)) * p->inv_width, 0.0f, 1.0f);

  return t * t * (3.0f - 2.0f * t) * p->alpha;
}
