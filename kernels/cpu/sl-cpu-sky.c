/* sl-cpu-sky.c: SKY on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-sky.h"

#ifdef __SSE2__
# include <emmintrin.h>
#endif

typedef struct {
  const SlSkyParams *params;
  SlSkySetup         setup;
  float             *pixels;
  uint32_t           width;
} SkyJob;

typedef float   V4f __attribute__ ((vector_size (16)));
typedef int32_t V4i __attribute__ ((vector_size (16)));

#if defined(__clang__) || __GNUC__ >= 12
# define SHUFFLE(a, b, i, j, k, l) __builtin_shufflevector ((a), (b), i, j, k, l)
#else
# define SHUFFLE(a, b, i, j, k, l) __builtin_shuffle ((a), (b), (V4i) { i, j, k, l })
#endif

static inline V4f
splat (float x)
{
  return (V4f) { x, x, x, x };
}

/* sl_maxf (): A > B ? A : B, NaN in A giving B, as the SSE instruction does. */
static inline V4f
max4 (V4f a, V4f b)
{
#ifdef __SSE2__
  return (V4f) _mm_max_ps ((__m128) a, (__m128) b);
#else
  V4i m = a > b;

  return (V4f) (((V4i) a & m) | ((V4i) b & ~m));
#endif
}

static inline V4f
min4 (V4f a, V4f b)
{
#ifdef __SSE2__
  return (V4f) _mm_min_ps ((__m128) a, (__m128) b);
#else
  V4i m = a < b;

  return (V4f) (((V4i) a & m) | ((V4i) b & ~m));
#endif
}

static inline V4f
sqrt4 (V4f x)
{
#ifdef __SSE2__
  return (V4f) _mm_sqrt_ps ((__m128) x);
#else
  return (V4f) { sqrtf (x[0]), sqrtf (x[1]), sqrtf (x[2]), sqrtf (x[3]) };
#endif
}

/* sl_sky_shade() without stars and clouds for the four pixels from column X
 * of the row whose centre is PY, each channel in a vector. */
static inline void
sky_plain4 (const SlSkyParams *p, const SlSkySetup *s, int32_t x, float py, V4f out[3])
{
  const float *m = p->ray_matrix;
  V4f px = __builtin_convertvector ((V4i) { x, x + 1, x + 2, x + 3 }, V4f) + 0.5f;
  V4f dx = m[0] * px + m[1] * py + m[2];
  V4f dy = m[3] * px + m[4] * py + m[5];
  V4f dz = m[6] * px + m[7] * py + m[8];
  V4f inv = 1.0f / sqrt4 (max4 (dx * dx + dy * dy + dz * dz, splat (1e-30f)));
  V4f c, a, disc, c8, c64, glow, t, light;

  dx *= inv;
  dy *= inv;
  dz *= inv;
  c = dx * p->sun_dir[0] + dy * p->sun_dir[1] + dz * p->sun_dir[2];
  a = sqrt4 (max4 (2.0f - 2.0f * c, splat (0.0f)));
  disc = min4 (max4 ((p->sun_radius - a) * s->inv_pixel_angle + 0.5f, splat (0.0f)), splat (1.0f));
  c = max4 (c, splat (0.0f));
  c8 = c * c;
  c8 *= c8;
  c8 *= c8;
  c64 = c8 * c8;
  c64 *= c64;
  c64 *= c64;
  glow = p->sun_glow * (0.02f * c8 + 0.1f * c64);
  t = sqrt4 (max4 (dy, splat (0.0f)));
  light = disc + glow;
  for (int ch = 0; ch < 3; ch++)
    {
      /* No star (0) and no cloud (density 0), added and mixed in as there. */
      V4f v = p->horizon[ch] + (p->zenith[ch] - p->horizon[ch]) * t + p->sun_color[ch] * light + 0.0f;

      v = v + (p->cloud_color[ch] - v) * 0.0f;
      out[ch] = min4 (max4 (v, splat (0.0f)), splat (65504.0f));
    }
}

/* The plain sky, four pixels at a time: nothing branches on the pixel. The
 * arithmetic is sl_sky_shade()'s, written out on vectors because GCC's
 * vectoriser makes slow code of its clamps (it does not assume that the
 * CPU's min and max treat NaN as they do; they do, and are used where the
 * CPU has them). */
static void
sky_row_plain (const SkyJob *job, uint32_t y)
{
  const SlSkyParams params = *job->params;
  const SlSkySetup setup = job->setup;
  float *p = job->pixels + (size_t) 4 * job->width * y;
  float py = (float) y + 0.5f;
  int32_t x;

  for (x = 0; x + 4 <= (int32_t) job->width; x += 4)
    {
      V4f c[3], one = splat (1.0f), t0, t1, t2, t3, p0, p1, p2, p3;

      sky_plain4 (&params, &setup, x, py, c);
      /* Channels back into pixels: a 4 x 4 transpose. */
      t0 = SHUFFLE (c[0], c[1], 0, 4, 1, 5);
      t1 = SHUFFLE (c[2], one, 0, 4, 1, 5);
      t2 = SHUFFLE (c[0], c[1], 2, 6, 3, 7);
      t3 = SHUFFLE (c[2], one, 2, 6, 3, 7);
      p0 = SHUFFLE (t0, t1, 0, 1, 4, 5);
      p1 = SHUFFLE (t0, t1, 2, 3, 6, 7);
      p2 = SHUFFLE (t2, t3, 0, 1, 4, 5);
      p3 = SHUFFLE (t2, t3, 2, 3, 6, 7);
      memcpy (p + 4 * x, &p0, sizeof p0);
      memcpy (p + 4 * x + 4, &p1, sizeof p1);
      memcpy (p + 4 * x + 8, &p2, sizeof p2);
      memcpy (p + 4 * x + 12, &p3, sizeof p3);
    }
  for (; x < (int32_t) job->width; x++)
    {
      sl_sky_shade (&params, &setup, (float) x + 0.5f, py, 0, 0, p + 4 * x);
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
