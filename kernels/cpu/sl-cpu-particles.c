/* sl-cpu-particles.c: PARTICLES on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each thread owns a band of rows and draws every particle that reaches into
 * it, in array order, so each pixel sees the same sequence of "over"s whatever
 * the banding.
 */
#include "sl-cpu-private.h"
#include "../common/sl-particle.h"

typedef struct {
  const SlParticlesParams *params;
  const float             *records;
  float                   *pixels;
  int32_t                  width;
  int32_t                  height;
} ParticlesJob;

static void
draw_particle (const ParticlesJob *job, const SlParticle *particle, int32_t y0, int32_t y1)
{
  /* Pixels whose centre lies within the antialiased rim, R' + 0.5. */
  float reach = particle->radius + 0.5f;
  int32_t x0 = sl_floor_to_int (particle->x - reach, -1, job->width);
  int32_t x1 = sl_floor_to_int (particle->x + reach, -1, job->width) + 1;
  int32_t top = sl_floor_to_int (particle->y - reach, -1, job->height);
  int32_t bottom = sl_floor_to_int (particle->y + reach, -1, job->height) + 1;

  x0 = x0 > 0 ? x0 : 0;
  x1 = x1 < job->width ? x1 : job->width;
  y0 = top > y0 ? top : y0;
  y1 = bottom < y1 ? bottom : y1;
  for (int32_t y = y0; y < y1; y++)
    {
      float *p = job->pixels + (size_t) 4 * job->width * y;

      for (int32_t x = x0; x < x1; x++)
        {
          float a = sl_particle_coverage (particle, (float) x + 0.5f, (float) y + 0.5f);
          float keep = 1.0f - a;

          for (int c = 0; c < 3; c++)
            p[4 * x + c] = particle->color[c] * a + p[4 * x + c] * keep;
          p[4 * x + 3] = a + p[4 * x + 3] * keep;
        }
    }
}

static void
particle_rows (void *data, uint32_t begin, uint32_t end)
{
  const ParticlesJob *job = data;

  for (uint32_t i = 0; i < job->params->count; i++)
    {
      SlParticle particle;

      sl_particle_load (job->records + (size_t) SL_PARTICLE_FLOATS * i, job->params->opacity, &particle);
      if (particle.alpha > 0.0f)
        draw_particle (job, &particle, (int32_t) begin, (int32_t) end);
    }
}

SlStatus
sl_cpu_particles (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  ParticlesJob job = {
    .params = params,
    .records = sl_cpu_buffer_floats (buffers->src),
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .width = (int32_t) buffers->dst->desc.width,
    .height = (int32_t) buffers->dst->desc.height,
  };

  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, particle_rows, &job);
  return SL_OK;
}
