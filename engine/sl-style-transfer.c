/* sl-style-transfer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-style-transfer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-procedural.h"
#include "sl-style-transfer.h"

/* How far the look moves toward the style: half way in log terms, so a
 * style steers the picture without flattening the prompt's own look. */
#define STRENGTH 0.5
/* A typical photograph, what the unstyled look is taken to render like. */
#define REFERENCE_LOG_STDDEV 2.0
#define REFERENCE_CHROMA 0.3
/* Mireds the white balance moves per unit of ln (blue / red) of the cast. */
#define MIRED_PER_LOG_RATIO 100.0
/* A flat or wildly coloured style image must not wreck the grade. */
#define MIN_FACTOR 0.6
#define MAX_FACTOR 1.6
#define KMEANS_ITERATIONS 16
#define MAX_SAMPLES 4096

typedef struct {
  double encoded[3];            /* sRGB-encoded 0..1: where k-means works */
  double linear[3];
} Sample;

static double
decode (guint8 value)
{
  double v = value / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static double
distance2 (const double a[3], const double b[3])
{
  double d = 0;

  for (int c = 0; c < 3; c++)
    d += (a[c] - b[c]) * (a[c] - b[c]);
  return d;
}

/* The opaque pixels, or all of them when none is opaque. */
static GArray *
collect_samples (SlImage *image)
{
  g_autoptr(SlImage) small = sl_image_downscale_to_fit (image, SL_STYLE_SAMPLE_SIZE, SL_STYLE_SAMPLE_SIZE);
  int width = sl_image_get_width (small), height = sl_image_get_height (small);
  int stride = sl_image_get_stride (small);
  const guint8 *pixels = sl_image_get_pixels (small);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (Sample));

  for (int pass = 0; pass < 2 && samples->len == 0; pass++)
    for (int y = 0; y < height; y++)
      for (int x = 0; x < width; x++)
        {
          const guint8 *p = pixels + (gsize) y * stride + x * 4;
          Sample s;

          if (pass == 0 && p[3] < 128)
            continue;
          for (int c = 0; c < 3; c++)
            {
              s.encoded[c] = p[c] / 255.0;
              s.linear[c] = decode (p[c]);
            }
          g_array_append_val (samples, s);
        }
  return samples;
}

static void
moments (GArray *samples, SlStyleStats *stats)
{
  double sum[3] = { 0 }, sum2[3] = { 0 }, lsum = 0, lsum2 = 0, chroma = 0;
  guint n = samples->len;

  for (guint i = 0; i < n; i++)
    {
      const Sample *s = &g_array_index (samples, Sample, i);
      double y = sl_procedural_luminance (s->linear), l = log2 (MAX (y, 1e-4)), d2 = 0;

      for (int c = 0; c < 3; c++)
        {
          sum[c] += s->linear[c];
          sum2[c] += s->linear[c] * s->linear[c];
          d2 += (s->linear[c] - y) * (s->linear[c] - y);
        }
      lsum += l;
      lsum2 += l * l;
      chroma += sqrt (d2 / 3) / MAX (y, 0.01);
    }
  for (int c = 0; c < 3; c++)
    {
      stats->mean[c] = sum[c] / n;
      stats->stddev[c] = sqrt (MAX (0.0, sum2[c] / n - stats->mean[c] * stats->mean[c]));
    }
  stats->log_stddev = sqrt (MAX (0.0, lsum2 / n - (lsum / n) * (lsum / n)));
  stats->chroma = chroma / n;
}

/* k-means++ seeding: each next centre is a sample drawn with probability
 * proportional to its squared distance from the centres so far. Returns
 * how many centres there are (fewer than asked when the image has fewer
 * distinct colours). */
static guint
seed_centres (const Sample *points, guint n, guint32 seed, double centres[][3], guint k)
{
  g_autofree double *d2 = g_new (double, n);
  guint count = 1, first = MIN (n - 1, (guint) (sl_procedural_random (seed, 0) * n));

  memcpy (centres[0], points[first].encoded, sizeof centres[0]);
  for (guint i = 0; i < n; i++)
    d2[i] = distance2 (points[i].encoded, centres[0]);
  while (count < k)
    {
      double total = 0, target, acc = 0;
      guint pick = n - 1;

      for (guint i = 0; i < n; i++)
        total += d2[i];
      if (total <= 1e-12)
        break;
      target = sl_procedural_random (seed, count) * total;
      for (guint i = 0; i < n; i++)
        {
          acc += d2[i];
          if (acc > target)
            {
              pick = i;
              break;
            }
        }
      memcpy (centres[count], points[pick].encoded, sizeof centres[0]);
      for (guint i = 0; i < n; i++)
        d2[i] = MIN (d2[i], distance2 (points[i].encoded, centres[count]));
      count++;
    }
  return count;
}

typedef struct {
  double centre[3];
  guint  size;
  guint  order;
} Cluster;

static int
compare_clusters (const void *a, const void *b)
{
  const Cluster *ca = a, *cb = b;

  if (ca->size != cb->size)
    return ca->size > cb->size ? -1 : 1;
  return ca->order < cb->order ? -1 : ca->order > cb->order;
}

/* Lloyd's k-means in sRGB-encoded space (closer to how different colours
 * look than linear light), on at most MAX_SAMPLES evenly spaced samples. */
static void
palette (GArray *samples, guint32 seed, SlStyleStats *stats)
{
  guint step = MAX (1, samples->len / MAX_SAMPLES), n = 0, k;
  g_autofree Sample *points = g_new (Sample, samples->len / step + 1);
  g_autofree guint *label = NULL;
  double centres[SL_LOOK_MAX_PALETTE][3];
  Cluster clusters[SL_LOOK_MAX_PALETTE];

  for (guint i = 0; i < samples->len; i += step)
    points[n++] = g_array_index (samples, Sample, i);
  label = g_new0 (guint, n);
  k = seed_centres (points, n, seed, centres, SL_LOOK_MAX_PALETTE);
  for (guint iteration = 0; iteration < KMEANS_ITERATIONS; iteration++)
    {
      double sum[SL_LOOK_MAX_PALETTE][3] = { { 0 } };
      guint count[SL_LOOK_MAX_PALETTE] = { 0 };

      for (guint i = 0; i < n; i++)
        {
          guint best = 0;

          for (guint j = 1; j < k; j++)
            if (distance2 (points[i].encoded, centres[j]) < distance2 (points[i].encoded, centres[best]))
              best = j;
          label[i] = best;
          count[best]++;
          for (int c = 0; c < 3; c++)
            sum[best][c] += points[i].encoded[c];
        }
      for (guint j = 0; j < k; j++)
        if (count[j] > 0)
          for (int c = 0; c < 3; c++)
            centres[j][c] = sum[j][c] / count[j];
    }
  for (guint j = 0; j < k; j++)
    {
      memcpy (clusters[j].centre, centres[j], sizeof centres[j]);
      clusters[j].size = 0;
      clusters[j].order = j;
    }
  for (guint i = 0; i < n; i++)
    clusters[label[i]].size++;
  qsort (clusters, k, sizeof (Cluster), compare_clusters);
  stats->n_palette = 0;
  for (guint j = 0; j < k; j++)
    {
      if (clusters[j].size == 0)
        continue;
      for (int c = 0; c < 3; c++)
        {
          double v = CLAMP (clusters[j].centre[c], 0.0, 1.0);

          stats->palette[stats->n_palette][c] = v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
        }
      stats->n_palette++;
    }
}

void
sl_style_stats_compute (SlImage      *image,
                        guint32       seed,
                        SlStyleStats *stats)
{
  g_autoptr(GArray) samples = NULL;

  g_return_if_fail (SL_IS_IMAGE (image));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  samples = collect_samples (image);
  moments (samples, stats);
  palette (samples, seed, stats);
}

void
sl_style_transfer_apply (const SlStyleStats *stats,
                         SlLook             *look)
{
  double y = MAX (sl_procedural_luminance (stats->mean), 1e-4), cast[3], shift[3], mired;

  g_return_if_fail (stats != NULL);
  g_return_if_fail (look != NULL);

  /* The cast: each channel's share of the mean against its luminance. */
  for (int c = 0; c < 3; c++)
    cast[c] = MAX (stats->mean[c], 1e-4) / y;

  /* Blue against red is the temperature axis (in mireds, where equal
   * steps look equal), green against magenta the tint axis. */
  mired = 1e6 / look->temperature + MIRED_PER_LOG_RATIO * STRENGTH * log (cast[2] / cast[0]);
  look->temperature = CLAMP (1e6 / MAX (mired, 1e6 / 15000), 1500.0, 15000.0);
  look->tint = CLAMP (look->tint - STRENGTH * 2.0 * log2 (cast[1] / sqrt (cast[0] * cast[2])), -1.0, 1.0);

  /* The gain takes a further share of the cast per channel, which also
   * reaches casts off those two axes; its luminance stays. */
  for (int c = 0; c < 3; c++)
    shift[c] = pow (cast[c], STRENGTH / 2);
  y = sl_procedural_luminance (shift);
  for (int c = 0; c < 3; c++)
    look->gain[c] = CLAMP (look->gain[c] * shift[c] / y, 0.0, 4.0);

  /* The grade's contrast is a power about mid grey, so it scales the
   * spread of log luminance by exactly its value. */
  look->contrast = CLAMP (look->contrast * CLAMP (pow (stats->log_stddev / REFERENCE_LOG_STDDEV, STRENGTH),
                                                  MIN_FACTOR, MAX_FACTOR), 0.25, 3.0);
  /* Saturation scales the distance from grey by exactly its value. */
  look->saturation = CLAMP (look->saturation * CLAMP (pow (stats->chroma / REFERENCE_CHROMA, STRENGTH),
                                                      MIN_FACTOR, MAX_FACTOR), 0.0, 3.0);

  look->n_palette = stats->n_palette;
  memcpy (look->palette, stats->palette, sizeof look->palette);
}
