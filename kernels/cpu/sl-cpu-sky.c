/* sl-cpu-sky.c: SKY on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-sky.h"

typedef struct {
  const SlSkyParams *params;
  SlSkySetup         setup;
  float             *pixels;
  uint32_t           width;
} SkyJob;

/* The plain sky: nothing branches on the pixel, and the row loop
 * vectorises. */
static void
sky_row_plain (const SkyJob *job, uint32_t y)
{
  const SlSkyParams params = *job->params;
  const SlSkySetup setup = job->setup;
  float *p = job->pixels + (size_t) 4 * job->width * y;

  for (int32_t x = 0; x < (int32_t) job->width; x++)
    {
      sl_sky_shade (&params, &setup, (float) x + 0.5f, (float) y + 0.5f, 0, 0, p + 4 * x);
      p[4 * x + 3] = 1.0f;
    }
}

/* With stars or clouds most of a pixel's cost sits behind branches that skip
 * it below the horizon and outside the cloud band. Vectorised, every pixel
 * would pay for all of it (measured: almost three times slower), so here each
 * pixel stays a call and keeps its branches. */
static __attribute__ ((noinline)) void
sky_pixel_detailed (const SlSkyParams *params, const SlSkySetup *setup, int32_t x, int32_t y, float *out)
{
  sl_sky_shade (params, setup, (float) x + 0.5f, (float) y + 0.5f,
                params->star_amount > 0.0f, setup->cloud_amount > 0.0f, out);
  out[3] = 1.0f;
}

static void
sky_rows (void *data, uint32_t begin, uint32_t end)
{
  const SkyJob *job = data;
  bool plain = job->params->star_amount <= 0.0f && job->setup.cloud_amount <= 0.0f;

  for (uint32_t y = begin; y < end; y++)
    if (plain)
      sky_row_plain (job, y);
    else
      for (int32_t x = 0; x < (int32_t) job->width; x++)
        sky_pixel_detailed (job->params, &job->setup, x, (int32_t) y,
                            job->pixels + 4 * ((size_t) job->width * y + (size_t) x));
}

SlStatus
sl_cpu_sky (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  SkyJob job = {
    .params = params,
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .width = buffers->dst->desc.width,
  };

  sl_sky_setup (params, &job.setup);
  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, sky_rows, &job);
  return SL_OK;
}
