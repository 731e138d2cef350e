/* sl-cpu-grade.c: GRADE on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sl_grade_pixel() (common/sl-grade.h) four pixels at a time: the four are
 * taken apart into a vector per channel, and every step is the per-pixel
 * function's arithmetic, in the same order, on four lanes, so each pixel gets
 * the same bits. The fast exp2 and log2 of common/sl-math.h are spelt out here
 * on vectors: GCC's vectoriser makes slow code of their clamps and selects
 * (it cannot use the CPU's min and max, whose NaN rules it does not assume),
 * and the clamps here use them where the CPU has them. A step whose
 * parameters make it an identity is not run at all: white balance by the
 * identity matrix, contrast and saturation of 1, lift 0 and gain 1 (which
 * leave only the clamp), gamma 1, no vignette, no grain. Each such step
 * computes exactly what it is given (x * 1, x + 0 * y), so skipping it
 * changes no bit.
 */
#include "sl-cpu-private.h"
#include "../common/sl-grade.h"

#ifdef __SSE2__
# include <emmintrin.h>
#endif

typedef float    V4f __attribute__ ((vector_size (16)));
typedef int32_t  V4i __attribute__ ((vector_size (16)));
typedef uint32_t V4u __attribute__ ((vector_size (16)));

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

/* MASK ? A : B, lane by lane (MASK lanes all ones or all zeros). */
static inline V4f
select4 (V4i mask, V4f a, V4f b)
{
  return (V4f) (((V4i) a & mask) | ((V4i) b & ~mask));
}

/* sl_maxf() and sl_minf(): A > B ? A : B and A < B ? A : B, NaN in A giving
 * B, which is what the SSE instructions do. */
static inline V4f
max4 (V4f a, V4f b)
{
#ifdef __SSE2__
  return (V4f) _mm_max_ps ((__m128) a, (__m128) b);
#else
  return select4 (a > b, a, b);
#endif
}

static inline V4f
min4 (V4f a, V4f b)
{
#ifdef __SSE2__
  return (V4f) _mm_min_ps ((__m128) a, (__m128) b);
#else
  return select4 (a < b, a, b);
#endif
}

static inline V4f
clamp4 (V4f x, float lo, float hi)
{
  return min4 (max4 (x, splat (lo)), splat (hi));
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

static inline V4f
to_float4 (V4i x)
{
  return __builtin_convertvector (x, V4f);
}

/* sl_log2_fast(). Its selects are done in the integers: a mantissa in
 * [sqrt(2), 2) halved is the same bits less one in the exponent field, and
 * the exponent plus one converts to the float exponent plus one. The
 * comparison's all-ones mask is -1. */
static inline V4f
log2_4 (V4f x)
{
  V4i bits = (V4i) max4 (x, splat (1.17549435e-38f));
  V4i m_bits = (bits & 0x007fffff) | 0x3f800000;
  V4i big = (V4f) m_bits > splat (1.41421356f);
  V4f e = to_float4 ((V4i) ((V4u) bits >> 23) - 127 - big);
  V4f m = (V4f) (m_bits + (big & -(1 << 23)));
  V4f z, y;

  m -= 1.0f;
  z = m * m;
  y = splat (7.0376836292e-2f);
  y = y * m - 1.1514610310e-1f;
  y = y * m + 1.1676998740e-1f;
  y = y * m - 1.2420140846e-1f;
  y = y * m + 1.4249322787e-1f;
  y = y * m - 1.6668057665e-1f;
  y = y * m + 2.0000714765e-1f;
  y = y * m - 2.4999993993e-1f;
  y = y * m + 3.3333331174e-1f;
  y = y * m * z - 0.5f * z;
  return e + (m + y) * 1.44269504088896341f;
}

/* sl_exp2_fast(); sl_floor_to_int() is the truncation stepped down where it
 * rounded up, the comparison's all-ones mask being -1. Its clamp is left
 * out: x + 0.5 already lies within it. */
static inline V4f
exp2_4 (V4f x)
{
  V4f h, f, z, y;
  V4i i, n;

  x = clamp4 (x, -126.0f, 127.0f);
  h = x + 0.5f;
  i = __builtin_convertvector (h, V4i);
  n = i + (to_float4 (i) > h);
  f = (x - to_float4 (n)) * 0.693147180559945f;
  z = f * f;
  y = splat (1.9875691500e-4f);
  y = y * f + 1.3981999507e-3f;
  y = y * f + 8.3334519073e-3f;
  y = y * f + 4.1665795894e-2f;
  y = y * f + 1.6666665459e-1f;
  y = y * f + 5.0000001201e-1f;
  y = y * z + f + 1.0f;
  return y * (V4f) ((n + 127) << 23);
}

/* X if it is positive, else 1: the lanes whose powers are thrown away get
 * an input whose powers are plain numbers. Zero (a black pixel) would take
 * exp2 to its bottom, and on the way through subnormal floats, which many
 * CPUs handle a hundred times slower. */
static inline V4f
positive_or_one (V4f x)
{
  return select4 (x > 0.0f, x, splat (1.0f));
}

/* sl_pow_fast(). */
static inline V4f
pow4 (V4f x, float y)
{
  return select4 (x > 0.0f, exp2_4 (y * log2_4 (positive_or_one (x))), splat (0.0f));
}

/* sl_hash32(). */
static inline V4u
hash4 (V4u x)
{
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

typedef struct {
  SlGradeParams params;
  SlGradeSetup  setup;
  float        *pixels;
  uint32_t      width;
  /* Which steps are not identities. */
  bool          white_balance, lift_gain, vignette, grain;
} GradeJob;

/* The four channels of four pixels. */
typedef struct {
  V4f r, g, b, a;
} Quad;

/* Four RGBA pixels into a vector per channel, and back: a 4 x 4 transpose,
 * its own inverse. */
static inline void
transpose (V4f *p0, V4f *p1, V4f *p2, V4f *p3)
{
  V4f t0 = SHUFFLE (*p0, *p1, 0, 4, 1, 5), t1 = SHUFFLE (*p2, *p3, 0, 4, 1, 5);
  V4f t2 = SHUFFLE (*p0, *p1, 2, 6, 3, 7), t3 = SHUFFLE (*p2, *p3, 2, 6, 3, 7);

  *p0 = SHUFFLE (t0, t1, 0, 1, 4, 5);
  *p1 = SHUFFLE (t0, t1, 2, 3, 6, 7);
  *p2 = SHUFFLE (t2, t3, 0, 1, 4, 5);
  *p3 = SHUFFLE (t2, t3, 2, 3, 6, 7);
}

/* sl_grade_pixel()'s colour steps, up to its vignette. */
static inline void
grade_colour (const GradeJob *job, Quad *q)
{
  const SlGradeParams *p = &job->params;
  const SlGradeSetup *s = &job->setup;
  V4f k = splat (s->exposure_scale) / max4 (q->a, splat (1e-30f));
  V4f r = clamp4 (q->r * k, 0.0f, SL_MAX_LINEAR);
  V4f g = clamp4 (q->g * k, 0.0f, SL_MAX_LINEAR);
  V4f b = clamp4 (q->b * k, 0.0f, SL_MAX_LINEAR);

  if (job->white_balance)
    {
      const float *m = p->white_balance;
      V4f r0 = r, g0 = g, b0 = b;

      r = clamp4 (m[0] * r0 + m[1] * g0 + m[2] * b0, 0.0f, SL_MAX_LINEAR);
      g = clamp4 (m[3] * r0 + m[4] * g0 + m[5] * b0, 0.0f, SL_MAX_LINEAR);
      b = clamp4 (m[6] * r0 + m[7] * g0 + m[8] * b0, 0.0f, SL_MAX_LINEAR);
    }
  if (s->do_contrast)
    {
      V4f tr = p->pivot * exp2_4 (p->contrast * (log2_4 (positive_or_one (r)) - s->log2_pivot));
      V4f tg = p->pivot * exp2_4 (p->contrast * (log2_4 (positive_or_one (g)) - s->log2_pivot));
      V4f tb = p->pivot * exp2_4 (p->contrast * (log2_4 (positive_or_one (b)) - s->log2_pivot));

      r = select4 (r > 0.0f, tr, splat (0.0f));
      g = select4 (g > 0.0f, tg, splat (0.0f));
      b = select4 (b > 0.0f, tb, splat (0.0f));
    }
  if (s->do_saturation)
    {
      V4f l = 0.2126f * r + 0.7152f * g + 0.0722f * b;

      r = clamp4 (l + (r - l) * p->saturation, 0.0f, SL_MAX_LINEAR);
      g = clamp4 (l + (g - l) * p->saturation, 0.0f, SL_MAX_LINEAR);
      b = clamp4 (l + (b - l) * p->saturation, 0.0f, SL_MAX_LINEAR);
    }
  if (job->lift_gain)
    {
      r = p->gain[0] * (r + p->lift[0] * (1.0f - r));
      g = p->gain[1] * (g + p->lift[1] * (1.0f - g));
      b = p->gain[2] * (b + p->lift[2] * (1.0f - b));
    }
  r = clamp4 (r, 0.0f, SL_MAX_LINEAR);
  g = clamp4 (g, 0.0f, SL_MAX_LINEAR);
  b = clamp4 (b, 0.0f, SL_MAX_LINEAR);
  if (s->do_gamma[0])
    r = pow4 (r, s->inv_gamma[0]);
  if (s->do_gamma[1])
    g = pow4 (g, s->inv_gamma[1]);
  if (s->do_gamma[2])
    b = pow4 (b, s->inv_gamma[2]);
  q->r = r;
  q->g = g;
  q->b = b;
}

/* sl_grade_pixel()'s vignette and grain factors, multiplied, for pixels X to
 * X + 3 of the row at DY from the centre (in half diagonals) whose seed is
 * ROW_SEED. */
static inline V4f
grade_factor (const GradeJob *job, int32_t x, float dy, uint32_t row_seed)
{
  const SlGradeParams *p = &job->params;
  const SlGradeSetup *s = &job->setup;
  V4f xs = to_float4 ((V4i) { x, x + 1, x + 2, x + 3 });
  V4f k = splat (1.0f);

  if (job->vignette)
    {
      V4f dx = (xs + 0.5f - s->centre_x) * s->inv_half_diagonal;
      V4f radius = sqrt4 (dx * dx + dy * dy);
      V4f t = clamp4 ((radius - p->vignette_radius) * s->vignette_inv_width, 0.0f, 1.0f);

      k = max4 (splat (0.0f), 1.0f - p->vignette_amount * (t * t * (3.0f - 2.0f * t)));
    }
  if (job->grain)
    {
      V4u h = hash4 ((V4u) { (uint32_t) x, (uint32_t) x + 1, (uint32_t) x + 2, (uint32_t) x + 3 } ^ row_seed);
      V4f n = to_float4 ((V4i) (h & 0xffffu)) * (1.0f / 65536.0f) + to_float4 ((V4i) (h >> 16)) * (1.0f / 65536.0f)
              - 1.0f;

      k *= max4 (splat (0.0f), 1.0f + p->grain_amount * n);
    }
  return k;
}

/* Grades the four pixels at P, the first at column X. */
static inline void
grade_quad (const GradeJob *job, float *p, int32_t x, float dy, uint32_t row_seed)
{
  V4f p0, p1, p2, p3, k;
  Quad q;

  memcpy (&p0, p, sizeof p0);
  memcpy (&p1, p + 4, sizeof p1);
  memcpy (&p2, p + 8, sizeof p2);
  memcpy (&p3, p + 12, sizeof p3);
  transpose (&p0, &p1, &p2, &p3);
  q = (Quad) { p0, p1, p2, p3 };
  grade_colour (job, &q);
  k = grade_factor (job, x, dy, row_seed) * q.a;
  /* Pixels without alpha keep what they had. */
  p0 = select4 (q.a > 0.0f, clamp4 (q.r * k, 0.0f, SL_MAX_LINEAR), p0);
  p1 = select4 (q.a > 0.0f, clamp4 (q.g * k, 0.0f, SL_MAX_LINEAR), p1);
  p2 = select4 (q.a > 0.0f, clamp4 (q.b * k, 0.0f, SL_MAX_LINEAR), p2);
  transpose (&p0, &p1, &p2, &p3);
  memcpy (p, &p0, sizeof p0);
  memcpy (p + 4, &p1, sizeof p1);
  memcpy (p + 8, &p2, sizeof p2);
  memcpy (p + 12, &p3, sizeof p3);
}

static void
grade_rows (void *data, uint32_t begin, uint32_t end)
{
  const GradeJob *job = data;
  const int32_t width = (int32_t) job->width;

  for (uint32_t y = begin; y < end; y++)
    {
      uint32_t row_seed = sl_grade_row_seed (&job->params, y);
      float dy = ((float) y + 0.5f - job->setup.centre_y) * job->setup.inv_half_diagonal;
      float *p = job->pixels + (size_t) 4 * job->width * y;
      int32_t x;

      for (x = 0; x + 4 <= width; x += 4)
        grade_quad (job, p + 4 * x, x, dy, row_seed);
      if (x < width)
        {
          /* The last one to three pixels, with transparent ones after. */
          float tail[16] = { 0 };

          memcpy (tail, p + 4 * x, sizeof (float) * 4 * (size_t) (width - x));
          grade_quad (job, tail, x, dy, row_seed);
          memcpy (p + 4 * x, tail, sizeof (float) * 4 * (size_t) (width - x));
        }
    }
}

SlStatus
sl_cpu_grade (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlGradeParams *p = params;
  static const float identity[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
  GradeJob job = {
    .params = *p,
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .width = buffers->dst->desc.width,
    .vignette = p->vignette_amount != 0.0f,
    .grain = p->grain_amount != 0.0f,
  };

  for (int i = 0; i < 9; i++)
    job.white_balance |= p->white_balance[i] != identity[i];
  for (int c = 0; c < 3; c++)
    job.lift_gain |= p->lift[c] != 0.0f || p->gain[c] != 1.0f;
  sl_grade_setup (params, buffers->dst->desc.width, buffers->dst->desc.height, &job.setup);
  sl_cpu_pool_run (cpu->pool, buffers->dst->desc.height, grade_rows, &job);
  return SL_OK;
}
