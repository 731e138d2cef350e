/* sl-cpu-bloom.c: BLOOM on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pyramid in scratch memory: per level the bright-passed downsample L, the
 * horizontally blurred T and the result U (blur of L plus the upsampled U of
 * the level below). Each stage is one row-parallel pass.
 */
#include "sl-cpu-private.h"
#include "../common/sl-filter.h"
#include "../common/sl-sample.h"

/* A pixel's four channels in one vector: every sum here is the same per
 * channel, four at a time. */
typedef float   V4f __attribute__ ((vector_size (16)));
typedef int32_t V4i __attribute__ ((vector_size (16)));

#if defined(__clang__) || __GNUC__ >= 12
# define SHUFFLE(a, b, i, j, k, l) __builtin_shufflevector ((a), (b), i, j, k, l)
#else
# define SHUFFLE(a, b, i, j, k, l) __builtin_shuffle ((a), (b), (V4i) { i, j, k, l })
#endif

static inline V4f
load4 (const float *p)
{
  V4f v;

  memcpy (&v, p, sizeof v);
  return v;
}

typedef struct {
  float   *l, *t, *u;
  int32_t  width, height;
} Level;

typedef struct {
  const SlBloomParams *params;
  float               *frame;
  int32_t              width, height;
  Level                levels[SL_BLOOM_MAX_LEVELS];
  /* The pass being run: */
  const float         *from;      /* downsample: the level above */
  int32_t              from_width, from_height;
  bool                 prefilter; /* downsample: from the frame, with the bright pass */
  const Level         *level;     /* blur passes: this level; below: the one under it */
  const Level         *below;
} BloomJob;

static void
down_rows (void *data, uint32_t begin, uint32_t end)
{
  const BloomJob *job = data;
  const Level *level = job->level;
  const float threshold = job->params->threshold, knee = job->params->knee;
  int32_t sw = job->from_width, sh = job->from_height;

  for (uint32_t y = begin; y < end; y++)
    {
      SlBoxTaps ty = sl_box_taps (y, (uint32_t) level->height, (uint32_t) sh);
      float *out = level->l + (size_t) 4 * level->width * y;

      for (int32_t x = 0; x < level->width; x++)
        {
          SlBoxTaps tx = sl_box_taps ((uint32_t) x, (uint32_t) level->width, (uint32_t) sw);
          V4f acc = { 0.0f, 0.0f, 0.0f, 0.0f };

          for (int j = 0; j < 3; j++)
            for (int i = 0; i < 3; i++)
              {
                float weight = ty.weight[j] * tx.weight[i];
                const float *in;
                V4f c;

                if (weight == 0.0f)
                  continue;
                in = job->from + (size_t) 4 * (sw * (ty.first + j) + tx.first + i);
                if (job->prefilter)
                  {
                    float bright[3];

                    sl_bloom_prefilter (threshold, knee, in, bright);
                    c = (V4f) { bright[0], bright[1], bright[2], 0.0f };
                  }
                else
                  c = (V4f) { in[0], in[1], in[2], 0.0f };
                acc += weight * c;
              }
          acc[3] = 0.0f;
          memcpy (out + 4 * x, &acc, sizeof acc);
        }
    }
}

/* [1 4 6 4 1] / 16 with clamped edges. */
static const float binomial[5] = { 1.0f / 16, 4.0f / 16, 6.0f / 16, 4.0f / 16, 1.0f / 16 };

/* sl_image_bilinear(). */
static inline V4f
bilinear4 (const float *pixels, int32_t w, int32_t h, float x, float y)
{
  int32_t x0, y0, xa, xb;
  float fx, fy;
  const float *r0, *r1;
  V4f top, bottom;

  x -= 0.5f;
  y -= 0.5f;
  x0 = sl_floor_to_int (x, -1, w);
  y0 = sl_floor_to_int (y, -1, h);
  fx = sl_clampf (x - (float) x0, 0.0f, 1.0f);
  fy = sl_clampf (y - (float) y0, 0.0f, 1.0f);
  xa = sl_clampi (x0, 0, w - 1);
  xb = sl_clampi (x0 + 1, 0, w - 1);
  r0 = pixels + (size_t) 4 * w * sl_clampi (y0, 0, h - 1);
  r1 = pixels + (size_t) 4 * w * sl_clampi (y0 + 1, 0, h - 1);
  top = load4 (r0 + 4 * xa) + (load4 (r0 + 4 * xb) - load4 (r0 + 4 * xa)) * fx;
  bottom = load4 (r1 + 4 * xa) + (load4 (r1 + 4 * xb) - load4 (r1 + 4 * xa)) * fx;
  return top + (bottom - top) * fy;
}

/* *P's colour plus ADD; its alpha untouched. */
static inline void
add_colour (float *p, V4f add)
{
  V4f v = load4 (p);

  v = SHUFFLE (v + add, v, 0, 1, 2, 7);
  memcpy (p, &v, sizeof v);
}

static void
blur_rows_horizontal (void *data, uint32_t begin, uint32_t end)
{
  const Level *level = ((const BloomJob *) data)->level;
  int32_t w = level->width;

  for (uint32_t y = begin; y < end; y++)
    {
      const float *in = level->l + (size_t) 4 * w * y;
      float *out = level->t + (size_t) 4 * w * y;

      for (int32_t x = 0; x < w; x++)
        {
          V4f acc = { 0.0f, 0.0f, 0.0f, 0.0f };

          for (int k = 0; k < 5; k++)
            acc += binomial[k] * load4 (in + 4 * sl_clampi (x + k - 2, 0, w - 1));
          memcpy (out + 4 * x, &acc, sizeof acc);
        }
    }
}

static void
blur_rows_vertical (void *data, uint32_t begin, uint32_t end)
{
  const BloomJob *job = data;
  const Level *level = job->level, *below = job->below;
  size_t n = (size_t) 4 * level->width;
  float sx = below ? (float) below->width / (float) level->width : 0.0f;
  float sy = below ? (float) below->height / (float) level->height : 0.0f;

  for (uint32_t y = begin; y < end; y++)
    {
      float *out = level->u + n * y;

      for (size_t i = 0; i < n; i++)
        out[i] = 0.0f;
      for (int k = 0; k < 5; k++)
        {
          const float *in = level->t + n * sl_clampi ((int32_t) y + k - 2, 0, level->height - 1);

          for (size_t i = 0; i < n; i++)
            out[i] += binomial[k] * in[i];
        }
      if (below == NULL)
        continue;
      for (int32_t x = 0; x < level->width; x++)
        add_colour (out + 4 * x, bilinear4 (below->u, below->width, below->height,
                                            ((float) x + 0.5f) * sx, ((float) y + 0.5f) * sy));
    }
}

static void
composite_rows (void *data, uint32_t begin, uint32_t end)
{
  const BloomJob *job = data;
  const Level *top = &job->levels[0];
  float sx = (float) top->width / (float) job->width;
  float sy = (float) top->height / (float) job->height;
  float gain = job->params->intensity / (float) job->params->levels;

  for (uint32_t y = begin; y < end; y++)
    {
      float *p = job->frame + (size_t) 4 * job->width * y;

      for (int32_t x = 0; x < job->width; x++)
        add_colour (p + 4 * x, gain * bilinear4 (top->u, top->width, top->height,
                                                 ((float) x + 0.5f) * sx, ((float) y + 0.5f) * sy));
    }
}

SlStatus
sl_cpu_bloom (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlBloomParams *p = params;
  BloomJob job = {
    .params = p,
    .frame = sl_cpu_buffer_floats (buffers->dst),
    .width = (int32_t) buffers->dst->desc.width,
    .height = (int32_t) buffers->dst->desc.height,
  };
  size_t total = 0;
  float *scratch;

  for (uint32_t k = 0; k < p->levels; k++)
    {
      job.levels[k].width = (int32_t) sl_level_size ((uint32_t) job.width, k + 1);
      job.levels[k].height = (int32_t) sl_level_size ((uint32_t) job.height, k + 1);
      total += (size_t) 12 * job.levels[k].width * job.levels[k].height;
    }
  scratch = sl_cpu_scratch (cpu, total);
  if (scratch == NULL)
    return SL_ERROR_OUT_OF_MEMORY;
  for (uint32_t k = 0; k < p->levels; k++)
    {
      size_t n = (size_t) 4 * job.levels[k].width * job.levels[k].height;

      job.levels[k].l = scratch;
      job.levels[k].t = scratch + n;
      job.levels[k].u = scratch + 2 * n;
      scratch += 3 * n;
    }

  for (uint32_t k = 0; k < p->levels; k++)
    {
      job.prefilter = k == 0;
      job.from = k == 0 ? job.frame : job.levels[k - 1].l;
      job.from_width = k == 0 ? job.width : job.levels[k - 1].width;
      job.from_height = k == 0 ? job.height : job.levels[k - 1].height;
      job.level = &job.levels[k];
      sl_cpu_pool_run (cpu->pool, (uint32_t) job.levels[k].height, down_rows, &job);
    }
  for (uint32_t k = p->levels; k-- > 0;)
    {
      job.level = &job.levels[k];
      job.below = k + 1 < p->levels ? &job.levels[k + 1] : NULL;
      sl_cpu_pool_run (cpu->pool, (uint32_t) job.levels[k].height, blur_rows_horizontal, &job);
      sl_cpu_pool_run (cpu->pool, (uint32_t) job.levels[k].height, blur_rows_vertical, &job);
    }
  sl_cpu_pool_run (cpu->pool, (uint32_t) job.height, composite_rows, &job);
  return SL_OK;
}
