/* sl-plate-layers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layering and the filling of hidden parts are explained in
 * docs/depth.md.
 */
#define G_LOG_DOMAIN "sl-plate-layers"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-plate-layers.h"

/* The widest hand-over between two bands, in depth units. Wider would
 * smear near things into far layers; the hand-over only has to hide the
 * seam where the ground crosses from one band into the next. */
#define MAX_SOFTNESS 0.05f
#define QUANTILE_BINS 65536

typedef struct {
  SlImage *image;
  double   depth;
  double   near;
  double   far;
} Layer;

struct _SlPlateLayers
{
  GObject parent_instance;
  guint   n_layers;
  Layer  *layers;
};

G_DEFINE_FINAL_TYPE (SlPlateLayers, sl_plate_layers, G_TYPE_OBJECT)

static void
sl_plate_layers_finalize (GObject *object)
{
  SlPlateLayers *self = SL_PLATE_LAYERS (object);

  for (guint i = 0; i < self->n_layers; i++)
    g_clear_object (&self->layers[i].image);
  g_free (self->layers);
  G_OBJECT_CLASS (sl_plate_layers_parent_class)->finalize (object);
}

static void
sl_plate_layers_class_init (SlPlateLayersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_plate_layers_finalize;
}

static void
sl_plate_layers_init (SlPlateLayers *self)
{
}

/* The bin in [first, last] with the fewest pixels around it: a gap in
 * depth between objects, where a cut splits nothing. Ties go to the bin
 * nearest to preferred. */
static int
emptiest_bin (const guint64 *prefix, int first, int last, int preferred)
{
  const int radius = QUANTILE_BINS / 256;
  guint64 best_count = G_MAXUINT64;
  int best = preferred;

  for (int b = first; b <= last; b++)
    {
      guint64 c = prefix[MIN (b + radius, QUANTILE_BINS)] - prefix[MAX (b - radius, 0)];

      if (c < best_count || (c == best_count && ABS (b - preferred) < ABS (best - preferred)))
        {
          best_count = c;
          best = b;
        }
    }
  return best;
}

/* Where each band starts: bounds[0] is the nearest depth, bounds[n] the
 * farthest. Cuts go near the k/n quantiles of a histogram whose bins are
 * first capped at 1/(2n) of the pixels, so that one large area at a single
 * depth (the sky) takes one band rather than several; each cut then moves,
 * within an eighth of a band's share of pixels, to the emptiest depth, so
 * that it runs between objects rather than through one. A cut is the lower
 * edge of a bin that holds pixels, so every band holds some; bands that
 * would still be empty (a flat plate) are merged. Returns the number of
 * bands. */
static guint
band_bounds (const float *depth, gsize n, guint n_layers, float *bounds)
{
  g_autofree guint *hist = g_new0 (guint, QUANTILE_BINS);
  g_autofree guint64 *prefix = g_new0 (guint64, QUANTILE_BINS + 1);
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;
  guint count = 1, cap = MAX (1, (guint) (n / (2 * n_layers)));
  guint64 total;

  for (gsize i = 0; i < n; i++)
    {
      lo = MIN (lo, depth[i]);
      hi = MAX (hi, depth[i]);
    }
  bounds[0] = lo;
  if (hi <= lo)
    {
      bounds[1] = hi;
      return 1;
    }
  for (gsize i = 0; i < n; i++)
    hist[MIN (QUANTILE_BINS - 1, (int) ((depth[i] - lo) / (hi - lo) * QUANTILE_BINS))]++;
  for (int b = 0; b < QUANTILE_BINS; b++)
    prefix[b + 1] = prefix[b] + MIN (hist[b], cap);
  total = prefix[QUANTILE_BINS];

  for (guint k = 1; k < n_layers; k++)
    {
      double share = (double) total / n_layers;
      int target = 0, first = 0, last = 0, bin;
      float edge;

      /* the bins where the cumulative count reaches k/n, and -/+ 1/8 band */
      while (target < QUANTILE_BINS - 1 && prefix[target + 1] <= share * k)
        target++;
      while (first < QUANTILE_BINS - 1 && prefix[first + 1] <= share * (k - 0.125))
        first++;
      last = target;
      while (last < QUANTILE_BINS - 1 && prefix[last + 1] <= share * (k + 0.125))
        last++;
      bin = emptiest_bin (prefix, first, last, target);
      while (bin < QUANTILE_BINS - 1 && hist[bin] == 0)
        bin++;
      edge = lo + (hi - lo) * bin / QUANTILE_BINS;
      if (edge > bounds[count - 1])
        bounds[count++] = edge;
    }
  bounds[count] = hi;
  return count;
}

/* How much of a pixel at depth d belongs to the bands nearer than
 * boundary k (1 <= k < n). The hand-over lies wholly before the boundary,
 * which sits on a depth that pixels have: pixels at the boundary's own
 * depth belong wholly to the farther band. */
static float
nearer_than (const float *bounds, const float *softness, guint k, float d)
{
  float t = bounds[k], s = softness[k], x;

  if (s <= 0.0f)
    return d < t ? 1.0f : 0.0f;
  x = CLAMP ((d - (t - 2.0f * s)) / (2.0f * s), 0.0f, 1.0f);
  return 1.0f - x * x * (3.0f - 2.0f * x);
}

/* The share of the pixel in bands 0..k. */
static float
coverage (const float *bounds, const float *softness, guint n, int k, float d)
{
  if (k < 0)
    return 0.0f;
  if ((guint) k >= n - 1)
    return 1.0f;
  return nearer_than (bounds, softness, k + 1, d);
}

typedef struct {
  int    width;
  int    height;
  float *value;    /* premultiplied RGBA, 4 floats a pixel */
  float *weight;   /* how much of the pixel is known, 0..1 */
} Level;

static void
pull (const Level *fine, Level *coarse)
{
  coarse->width = (fine->width + 1) / 2;
  coarse->height = (fine->height + 1) / 2;
  coarse->value = g_new0 (float, (gsize) coarse->width * coarse->height * 4);
  coarse->weight = g_new0 (float, (gsize) coarse->width * coarse->height);

  for (int y = 0; y < coarse->height; y++)
    for (int x = 0; x < coarse->width; x++)
      {
        gsize o = (gsize) y * coarse->width + x;
        float sum[4] = { 0 }, wsum = 0.0f;

        for (int j = 0; j < 2; j++)
          for (int i = 0; i < 2; i++)
            {
              int fx = 2 * x + i, fy = 2 * y + j;
              gsize f = (gsize) fy * fine->width + fx;

              if (fx >= fine->width || fy >= fine->height)
                continue;
              for (int c = 0; c < 4; c++)
                sum[c] += fine->weight[f] * fine->value[4 * f + c];
              wsum += fine->weight[f];
            }
        if (wsum > 0.0f)
          for (int c = 0; c < 4; c++)
            coarse->value[4 * o + c] = sum[c] / wsum;
        coarse->weight[o] = MIN (wsum, 1.0f);
      }
}

/* Blends a level's known values over the finished coarser level, read
 * bilinearly so the fill has no blocks. */
static void
push (Level *fine, const Level *coarse)
{
  for (int y = 0; y < fine->height; y++)
    {
      float cy = CLAMP ((y + 0.5f) / 2.0f - 0.5f, 0.0f, coarse->height - 1.0f);
      int y0 = (int) cy, y1 = MIN (y0 + 1, coarse->height - 1);
      float ty = cy - y0;

      for (int x = 0; x < fine->width; x++)
        {
          float cx = CLAMP ((x + 0.5f) / 2.0f - 0.5f, 0.0f, coarse->width - 1.0f);
          int x0 = (int) cx, x1 = MIN (x0 + 1, coarse->width - 1);
          float tx = cx - x0;
          gsize o = (gsize) y * fine->width + x;
          float wt = fine->weight[o];

          for (int c = 0; c < 4; c++)
            {
              const float *v = coarse->value;
              float top = v[4 * ((gsize) y0 * coarse->width + x0) + c] * (1 - tx)
                          + v[4 * ((gsize) y0 * coarse->width + x1) + c] * tx;
              float bottom = v[4 * ((gsize) y1 * coarse->width + x0) + c] * (1 - tx)
                             + v[4 * ((gsize) y1 * coarse->width + x1) + c] * tx;
              float up = top + ty * (bottom - top);

              fine->value[4 * o + c] = wt * fine->value[4 * o + c] + (1.0f - wt) * up;
            }
        }
    }
}

/* Push-pull diffusion (Gortler et al., 1996): known pixels are averaged
 * down a pyramid until every cell has something, then each level is laid
 * over the one below it on the way back up. Unknown pixels end up with a
 * smooth blend of the nearest known ones, at every distance, in O(pixels).
 * Fills level0->value in place. */
static void
push_pull (Level *level0)
{
  GPtrArray *levels = g_ptr_array_new ();
  Level *current = level0;

  g_ptr_array_add (levels, level0);
  while (current->width > 1 || current->height > 1)
    {
      Level *next = g_new0 (Level, 1);

      pull (current, next);
      g_ptr_array_add (levels, next);
      current = next;
    }
  for (guint l = levels->len - 1; l > 0; l--)
    {
      Level *coarse = g_ptr_array_index (levels, l);

      push (g_ptr_array_index (levels, l - 1), coarse);
      g_free (coarse->value);
      g_free (coarse->weight);
      g_free (coarse);
    }
  g_ptr_array_unref (levels);
}

static guint8
to_byte (float v)
{
  return (guint8) lrintf (CLAMP (v, 0.0f, 1.0f) * 255.0f);
}

/* Builds layer k. Where the layer is visible (nothing nearer in front) it
 * holds the plate's colour with the alpha that makes "over" compositing
 * exact: alpha_k = (C_k - C_k-1) / (1 - C_k-1) with C the coverage of the
 * bands up to k. Where nearer layers hide it, it holds the fill. */
static SlImage *
build_layer (SlImage *plate, const float *depth, const float *bounds, const float *softness,
             guint n, guint k)
{
  int w = sl_image_get_width (plate), h = sl_image_get_height (plate);
  int stride = sl_image_get_stride (plate);
  const guint8 *pixels = sl_image_get_pixels (plate);
  gsize count = (gsize) w * h;
  gboolean farthest = k == n - 1;
  Level level = { w, h, g_new (float, count * 4), g_new (float, count) };
  g_autofree guint8 *exact_alpha = g_new (guint8, count);
  g_autofree float *visibility = g_new (float, count);
  guint8 *out = g_malloc (count * 4);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < count; i++)
    {
      const guint8 *p = pixels + (i / w) * stride + (i % w) * 4;
      float before = coverage (bounds, softness, n, (int) k - 1, depth[i]);
      float upto = coverage (bounds, softness, n, (int) k, depth[i]);
      float v = 1.0f - before;
      float alpha = farthest ? 1.0f : (v > 0.0f ? (upto - before) / v : 0.0f);

      visibility[i] = v;
      exact_alpha[i] = to_byte (alpha);
      for (int c = 0; c < 3; c++)
        level.value[4 * i + c] = alpha * p[c] / 255.0f;
      level.value[4 * i + 3] = alpha;
      level.weight[i] = v;
    }

  if (k > 0)
    push_pull (&level);

  for (gsize i = 0; i < count; i++)
    {
      const guint8 *p = pixels + (i / w) * stride + (i % w) * 4;
      guint8 *o = out + 4 * i;
      /* a pixel seen through less than one code value of the nearer
       * layers may take the fill without a visible error */
      float seen = CLAMP (visibility[i] * 255.0f, 0.0f, 1.0f);
      float fill_alpha = level.value[4 * i + 3];
      float fill[3], a;

      if (seen >= 1.0f)
        {
          memcpy (o, p, 3);
          o[3] = exact_alpha[i];
          continue;
        }
      for (int c = 0; c < 3; c++)
        {
          fill[c] = fill_alpha > 1e-6f ? level.value[4 * i + c] / fill_alpha : p[c] / 255.0f;
          o[c] = to_byte (seen * p[c] / 255.0f + (1.0f - seen) * fill[c]);
        }
      /* hidden parts cut out crisply instead of fading as a ghost */
      a = CLAMP ((fill_alpha - 0.3f) / 0.4f, 0.0f, 1.0f);
      a = a * a * (3.0f - 2.0f * a);
      o[3] = farthest ? 255 : to_byte (seen * exact_alpha[i] / 255.0f + (1.0f - seen) * a);
    }

  g_free (level.value);
  g_free (level.weight);
  bytes = g_bytes_new_take (out, count * 4);
  return sl_image_new_from_bytes (w, h, w * 4, bytes);
}

/* The mean depth of what the layer holds. */
static double
layer_depth (const float *depth, gsize count, const float *bounds, const float *softness,
             guint n, guint k)
{
  double sum = 0.0, weight = 0.0;

  for (gsize i = 0; i < count; i++)
    {
      double share = coverage (bounds, softness, n, (int) k, depth[i])
                     - coverage (bounds, softness, n, (int) k - 1, depth[i]);

      sum += share * depth[i];
      weight += share;
    }
  return weight > 0.0 ? sum / weight : 0.5 * (bounds[k] + bounds[k + 1]);
}

/**
 * sl_plate_layers_new:
 * @n_layers: 1 .. SL_PLATE_LAYERS_MAX_COUNT; fewer come back when the
 *   depth has fewer distinct values
 *
 * Returns: (transfer full): the layers
 */
SlPlateLayers *
sl_plate_layers_new (SlImage *plate, SlDepthMap *depth, guint n_layers)
{
  g_autoptr(SlDepthMap) resized = NULL;
  float bounds[SL_PLATE_LAYERS_MAX_COUNT + 1];
  float softness[SL_PLATE_LAYERS_MAX_COUNT + 1] = { 0 };
  const float *d;
  SlPlateLayers *self;
  gsize count;

  g_return_val_if_fail (SL_IS_IMAGE (plate), NULL);
  g_return_val_if_fail (depth != NULL, NULL);
  g_return_val_if_fail (n_layers >= 1 && n_layers <= SL_PLATE_LAYERS_MAX_COUNT, NULL);

  resized = sl_depth_map_resize (depth, sl_image_get_width (plate), sl_image_get_height (plate));
  d = sl_depth_map_get_data (resized);
  count = (gsize) sl_image_get_width (plate) * sl_image_get_height (plate);

  self = g_object_new (SL_TYPE_PLATE_LAYERS, NULL);
  self->n_layers = band_bounds (d, count, n_layers, bounds);
  self->layers = g_new0 (Layer, self->n_layers);

  /* within a quarter of the band below, hand-overs never meet */
  for (guint k = 1; k < self->n_layers; k++)
    softness[k] = MIN (MAX_SOFTNESS, 0.25f * (bounds[k] - bounds[k - 1]));

  for (guint k = 0; k < self->n_layers; k++)
    {
      Layer *layer = &self->layers[k];

      layer->image = build_layer (plate, d, bounds, softness, self->n_layers, k);
      layer->depth = layer_depth (d, count, bounds, softness, self->n_layers, k);
      layer->near = bounds[k];
      layer->far = bounds[k + 1];
    }
  return self;
}

guint
sl_plate_layers_get_n_layers (SlPlateLayers *self)
{
  g_return_val_if_fail (SL_IS_PLATE_LAYERS (self), 0);
  return self->n_layers;
}

/**
 * sl_plate_layers_get_image:
 * @index: 0 is the nearest
 *
 * Returns: (transfer none): the layer's picture, straight alpha
 */
SlImage *
sl_plate_layers_get_image (SlPlateLayers *self, guint index)
{
  g_return_val_if_fail (SL_IS_PLATE_LAYERS (self), NULL);
  g_return_val_if_fail (index < self->n_layers, NULL);
  return self->layers[index].image;
}

double
sl_plate_layers_get_depth (SlPlateLayers *self, guint index)
{
  g_return_val_if_fail (SL_IS_PLATE_LAYERS (self), 0.0);
  g_return_val_if_fail (index < self->n_layers, 0.0);
  return self->layers[index].depth;
}

void
sl_plate_layers_get_depth_range (SlPlateLayers *self, guint index, double *near, double *far)
{
  g_return_if_fail (SL_IS_PLATE_LAYERS (self));
  g_return_if_fail (index < self->n_layers);
  if (near != NULL)
    *near = self->layers[index].near;
  if (far != NULL)
    *far = self->layers[index].far;
}
