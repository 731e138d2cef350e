/* sl-depth-estimator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The method, its cues and weights are explained in docs/depth.md; keep the
 * two in step.
 */
#define G_LOG_DOMAIN "sl-depth-estimator"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-depth-estimator.h"

struct _SlDepthMap
{
  gatomicrefcount ref_count;
  int             width;
  int             height;
  double          strength;
  float          *data;
};

G_DEFINE_BOXED_TYPE (SlDepthMap, sl_depth_map, sl_depth_map_ref, sl_depth_map_unref)

static SlDepthMap *
depth_map_new (int width, int height, double strength)
{
  SlDepthMap *self = g_new0 (SlDepthMap, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->width = width;
  self->height = height;
  self->strength = CLAMP (strength, 0.0, 4.0);
  self->data = g_new0 (float, (gsize) width * height);
  return self;
}

SlDepthMap *
sl_depth_map_ref (SlDepthMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sl_depth_map_unref (SlDepthMap *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->data);
  g_free (self);
}

int
sl_depth_map_get_width (const SlDepthMap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

int
sl_depth_map_get_height (const SlDepthMap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

double
sl_depth_map_get_strength (const SlDepthMap *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->strength;
}

const float *
sl_depth_map_get_data (const SlDepthMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->data;
}

static float
luma (const guint8 *p)
{
  return (0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]) / 255.0f;
}

SlDepthMap *
sl_depth_map_new_from_image (SlImage *image, double strength)
{
  int width, height, stride;
  const guint8 *pixels;
  SlDepthMap *self;

  g_return_val_if_fail (SL_IS_IMAGE (image), NULL);

  width = sl_image_get_width (image);
  height = sl_image_get_height (image);
  stride = sl_image_get_stride (image);
  pixels = sl_image_get_pixels (image);
  self = depth_map_new (width, height, strength);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      self->data[(gsize) y * width + x] = CLAMP (1.0f - luma (pixels + (gsize) y * stride + x * 4), 0.0f, 1.0f);
  return self;
}

SlImage *
sl_depth_map_to_image (SlDepthMap *self)
{
  gsize n;
  guint8 *pixels;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  n = (gsize) self->width * self->height;
  pixels = g_malloc (n * 4);
  for (gsize i = 0; i < n; i++)
    {
      guint8 v = (guint8) lrintf (CLAMP (1.0f - self->data[i], 0.0f, 1.0f) * 255.0f);

      pixels[4 * i + 0] = pixels[4 * i + 1] = pixels[4 * i + 2] = v;
      pixels[4 * i + 3] = 255;
    }
  bytes = g_bytes_new_take (pixels, n * 4);
  return sl_image_new_from_bytes (self->width, self->height, self->width * 4, bytes);
}

/* Pixel centres map onto pixel centres. */
static void
source_position (int i, int dst, int src, int *i0, int *i1, float *t)
{
  float s = (i + 0.5f) * src / dst - 0.5f;
  float f = floorf (s);

  *i0 = CLAMP ((int) f, 0, src - 1);
  *i1 = MIN (*i0 + 1, src - 1);
  *t = s < 0.0f ? 0.0f : s - f;
}

SlDepthMap *
sl_depth_map_resize (SlDepthMap *self, int width, int height)
{
  SlDepthMap *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (width == self->width && height == self->height)
    return sl_depth_map_ref (self);

  out = depth_map_new (width, height, self->strength);
  for (int y = 0; y < height; y++)
    {
      int y0, y1;
      float ty;

      source_position (y, height, self->height, &y0, &y1, &ty);
      for (int x = 0; x < width; x++)
        {
          const float *r0 = self->data + (gsize) y0 * self->width;
          const float *r1 = self->data + (gsize) y1 * self->width;
          int x0, x1;
          float tx, top, bottom;

          source_position (x, width, self->width, &x0, &x1, &tx);
          top = r0[x0] + tx * (r0[x1] - r0[x0]);
          bottom = r1[x0] + tx * (r1[x1] - r1[x0]);
          out->data[(gsize) y * width + x] = top + ty * (bottom - top);
        }
    }
  return out;
}

/* ---- the estimator ---------------------------------------------------- */

/* How much each cue counts towards the depth of what is not sky. */
#define WEIGHT_VERTICAL 0.50f
#define WEIGHT_HAZE     0.25f
#define WEIGHT_TEXTURE  0.25f
/* Ground never reaches the sky's depth: the sky is the backdrop. */
#define GROUND_FAR_LIMIT 0.9f
/* A cue spread narrower than this is not stretched to the full range, so
 * that a flat picture (a wall, a document) stays nearly flat. */
#define MIN_DEPTH_RANGE 0.35f

struct _SlDepthEstimator
{
  GObject parent_instance;
  int     working_size;
};

G_DEFINE_FINAL_TYPE (SlDepthEstimator, sl_depth_estimator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WORKING_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_depth_estimator_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlDepthEstimator *self = SL_DEPTH_ESTIMATOR (object);

  switch (prop_id)
    {
    case PROP_WORKING_SIZE: g_value_set_int (value, self->working_size); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_depth_estimator_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlDepthEstimator *self = SL_DEPTH_ESTIMATOR (object);

  switch (prop_id)
    {
    case PROP_WORKING_SIZE: sl_depth_estimator_set_working_size (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_depth_estimator_class_init (SlDepthEstimatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sl_depth_estimator_get_property;
  object_class->set_property = sl_depth_estimator_set_property;

  properties[PROP_WORKING_SIZE] =
    g_param_spec_int ("working-size", NULL, NULL, 64, 4096, 512,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_depth_estimator_init (SlDepthEstimator *self)
{
  self->working_size = 512;
}

SlDepthEstimator *
sl_depth_estimator_new (void)
{
  return g_object_new (SL_TYPE_DEPTH_ESTIMATOR, NULL);
}

int
sl_depth_estimator_get_working_size (SlDepthEstimator *self)
{
  g_return_val_if_fail (SL_IS_DEPTH_ESTIMATOR (self), 0);
  return self->working_size;
}

void
sl_depth_estimator_set_working_size (SlDepthEstimator *self, int working_size)
{
  g_return_if_fail (SL_IS_DEPTH_ESTIMATOR (self));
  g_return_if_fail (working_size >= 64 && working_size <= 4096);

  if (self->working_size == working_size)
    return;
  self->working_size = working_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING_SIZE]);
}

/* A picture as three float planes of sRGB-coded values in 0..1. */
typedef struct {
  int    width;
  int    height;
  float *c[3];
} Planes;

static void
planes_init (Planes *p, int width, int height)
{
  p->width = width;
  p->height = height;
  for (int i = 0; i < 3; i++)
    p->c[i] = g_new (float, (gsize) width * height);
}

static void
planes_copy (Planes *dst, const Planes *src)
{
  planes_init (dst, src->width, src->height);
  for (int i = 0; i < 3; i++)
    memcpy (dst->c[i], src->c[i], sizeof (float) * src->width * src->height);
}

static void
planes_clear (Planes *p)
{
  for (int i = 0; i < 3; i++)
    g_clear_pointer (&p->c[i], g_free);
}

static void
planes_from_image (Planes *p, SlImage *image)
{
  int width = sl_image_get_width (image);
  int height = sl_image_get_height (image);
  int stride = sl_image_get_stride (image);
  const guint8 *pixels = sl_image_get_pixels (image);

  planes_init (p, width, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      for (int i = 0; i < 3; i++)
        p->c[i][(gsize) y * width + x] = pixels[(gsize) y * stride + 4 * x + i] / 255.0f;
}

/* Mean over a (2r+1)^2 window, shrunk at the borders. */
static void
box_blur (float *data, int width, int height, int radius)
{
  int n = MAX (width, height);
  g_autofree double *sum = g_new (double, n + 1);
  g_autofree float *line = g_new (float, n);

  for (int pass = 0; pass < 2; pass++)
    {
      int len = pass == 0 ? width : height;
      int lines = pass == 0 ? height : width;
      gsize step = pass == 0 ? 1 : (gsize) width;

      for (int l = 0; l < lines; l++)
        {
          float *p = data + (pass == 0 ? (gsize) l * width : (gsize) l);

          sum[0] = 0.0;
          for (int i = 0; i < len; i++)
            sum[i + 1] = sum[i] + p[i * step];
          for (int i = 0; i < len; i++)
            {
              int lo = MAX (0, i - radius);
              int hi = MIN (len, i + radius + 1);

              line[i] = (float) ((sum[hi] - sum[lo]) / (hi - lo));
            }
          for (int i = 0; i < len; i++)
            p[i * step] = line[i];
        }
    }
}

/* The q-quantile of the values where mask is unset (or of all, mask NULL). */
static float
quantile (const float *v, const guint8 *mask, gsize n, double q)
{
  enum { BINS = 4096 };
  g_autofree guint *hist = g_new0 (guint, BINS);
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;
  gsize count = 0, target, seen = 0;

  for (gsize i = 0; i < n; i++)
    if (mask == NULL || !mask[i])
      {
        lo = MIN (lo, v[i]);
        hi = MAX (hi, v[i]);
        count++;
      }
  if (count == 0)
    return 0.0f;
  if (hi <= lo)
    return lo;
  for (gsize i = 0; i < n; i++)
    if (mask == NULL || !mask[i])
      hist[MIN (BINS - 1, (int) ((v[i] - lo) / (hi - lo) * BINS))]++;
  target = (gsize) (q * (count - 1));
  for (int b = 0; b < BINS; b++)
    {
      seen += hist[b];
      if (seen > target)
        return lo + (hi - lo) * (b + 0.5f) / BINS;
    }
  return hi;
}

static void
filter_rows (float *d, const float *a, int w, int h)
{
  for (int y = 0; y < h; y++)
    {
      float *row = d + (gsize) y * w;
      const float *ar = a + (gsize) y * w;

      for (int x = 1; x < w; x++)
        row[x] += ar[x] * (row[x - 1] - row[x]);
      for (int x = w - 2; x >= 0; x--)
        row[x] += ar[x + 1] * (row[x + 1] - row[x]);
    }
}

static void
filter_columns (float *d, const float *a, int w, int h)
{
  for (int y = 1; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        d[i] += a[i] * (d[i - w] - d[i]);
      }
  for (int y = h - 2; y >= 0; y--)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        d[i] += a[i + w] * (d[i + w] - d[i]);
      }
}

/* Domain transform recursive filter (Gastal and Oliveira, 2011): smooths
 * planes over distances of about sigma_s pixels but hardly across a step
 * in guide much larger than sigma_r. Runs in place, in O(pixels). Each
 * iteration filters rows then columns, or columns then rows. */
static void
recursive_filter (float **planes, int n_planes, const Planes *guide,
                  float sigma_s, float sigma_r, int iterations, gboolean columns_first)
{
  int w = guide->width, h = guide->height;
  gsize n = (gsize) w * h;
  g_autofree float *dx = g_new (float, n);
  g_autofree float *dy = g_new (float, n);
  g_autofree float *ax = g_new (float, n);
  g_autofree float *ay = g_new (float, n);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        float sx = 0.0f, sy = 0.0f;

        for (int c = 0; c < 3; c++)
          {
            if (x > 0)
              sx += fabsf (guide->c[c][i] - guide->c[c][i - 1]);
            if (y > 0)
              sy += fabsf (guide->c[c][i] - guide->c[c][i - w]);
          }
        dx[i] = 1.0f + sigma_s / sigma_r * sx;
        dy[i] = 1.0f + sigma_s / sigma_r * sy;
      }

  for (int it = 0; it < iterations; it++)
    {
      float sigma_h = sigma_s * sqrtf (3.0f) * (float) (1 << (iterations - it - 1))
                      / sqrtf ((float) ((1 << (2 * iterations)) - 1));
      float k = -sqrtf (2.0f) / sigma_h;

      for (gsize i = 0; i < n; i++)
        {
          ax[i] = expf (k * dx[i]);
          ay[i] = expf (k * dy[i]);
        }
      for (int p = 0; p < n_planes; p++)
        {
          if (columns_first)
            filter_columns (planes[p], ay, w, h);
          filter_rows (planes[p], ax, w, h);
          if (!columns_first)
            filter_columns (planes[p], ay, w, h);
        }
    }
}

/* The filter smears along whichever direction it runs last, which shows
 * as streaks; the mean of both orders has none. */
static void
recursive_filter_both_ways (float *plane, const Planes *guide, float sigma_s, float sigma_r, int iterations)
{
  gsize n = (gsize) guide->width * guide->height;
  g_autofree float *other = g_memdup2 (plane, n * sizeof (float));

  recursive_filter (&plane, 1, guide, sigma_s, sigma_r, iterations, FALSE);
  recursive_filter (&other, 1, guide, sigma_s, sigma_r, iterations, TRUE);
  for (gsize i = 0; i < n; i++)
    plane[i] = 0.5f * (plane[i] + other[i]);
}

/* Guided filter (He, Sun and Tang, 2010) with the structure's luma as the
 * guide: within each window the output is a linear function of the guide,
 * so flat parts of the picture get flat depth and the guide's edges carry
 * through. */
static void
guided_filter (float *p, const Planes *guide, int radius, float eps)
{
  int w = guide->width, h = guide->height;
  gsize n = (gsize) w * h;
  g_autofree float *luma = g_new (float, n);
  g_autofree float *mean_i = g_new (float, n);
  g_autofree float *mean_p = g_new (float, n);
  g_autofree float *mean_ii = g_new (float, n);
  g_autofree float *mean_ip = g_new (float, n);
  g_autofree float *slope = g_new (float, n);
  g_autofree float *offset = g_new (float, n);

  for (gsize i = 0; i < n; i++)
    {
      luma[i] = 0.2126f * guide->c[0][i] + 0.7152f * guide->c[1][i] + 0.0722f * guide->c[2][i];
      mean_i[i] = luma[i];
      mean_p[i] = p[i];
      mean_ii[i] = luma[i] * luma[i];
      mean_ip[i] = luma[i] * p[i];
    }
  box_blur (mean_i, w, h, radius);
  box_blur (mean_p, w, h, radius);
  box_blur (mean_ii, w, h, radius);
  box_blur (mean_ip, w, h, radius);
  for (gsize i = 0; i < n; i++)
    {
      float variance = mean_ii[i] - mean_i[i] * mean_i[i];
      float covariance = mean_ip[i] - mean_i[i] * mean_p[i];

      slope[i] = covariance / (variance + eps);
      offset[i] = mean_p[i] - slope[i] * mean_i[i];
    }
  box_blur (slope, w, h, radius);
  box_blur (offset, w, h, radius);
  for (gsize i = 0; i < n; i++)
    p[i] = slope[i] * luma[i] + offset[i];
}

/* Rolling guidance (Zhang et al., 2014): a blur wipes out texture finer than
 * scale, then joint filtering of the original guided by the blurred result
 * brings back the edges of anything larger. What is left is the picture's
 * structure: the outlines depth should follow, without the grass blades. */
static void
structure_of (Planes *out, const Planes *image, int scale)
{
  planes_copy (out, image);
  for (int c = 0; c < 3; c++)
    box_blur (out->c[c], out->width, out->height, scale);
  for (int round = 0; round < 3; round++)
    {
      Planes next;

      planes_copy (&next, image);
      recursive_filter (next.c, 3, out, 2.0f * scale, 0.1f, 2, round % 2 == 1);
      planes_clear (out);
      *out = next;
    }
}

static float
saturation (float r, float g, float b)
{
  float hi = MAX (r, MAX (g, b));
  float lo = MIN (r, MIN (g, b));

  return (hi - lo) / (hi + 0.05f);
}

/* Bright, or blue enough to be a dusk or night sky, and not green;
 * smooth, or (next to an edge, where the local contrast is raised by
 * whatever is across it) the very colour of the sky pixel it is reached
 * from. */
static gboolean
sky_like (const Planes *p, const float *detail, gsize i, float step)
{
  float r = p->c[0][i], g = p->c[1][i], b = p->c[2][i];
  float l = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  gboolean foliage = g > r + 0.03f && g > b + 0.03f;
  gboolean blue = b > r + 0.08f && b > g + 0.08f;

  return (detail[i] < 0.015f || step < 0.008f) && (l > 0.3f || blue) && !foliage;
}

/* The sky: sky-like pixels grown from the top edge, stepping only between
 * neighbours of nearly the same colour, so the growth stops at the
 * skyline. Returns NULL when there is none worth the name. */
static guint8 *
detect_sky (const Planes *p, const float *detail)
{
  int w = p->width, h = p->height;
  gsize n = (gsize) w * h, head = 0, tail = 0;
  g_autofree guint8 *sky = g_new0 (guint8, n);
  g_autofree guint *queue = g_new (guint, n);
  static const int dxs[4] = { 1, -1, 0, 0 }, dys[4] = { 0, 0, 1, -1 };

  for (int x = 0; x < w; x++)
    if (sky_like (p, detail, x, 1.0f))
      {
        sky[x] = 1;
        queue[tail++] = x;
      }
  while (head < tail)
    {
      guint i = queue[head++];
      int x = i % w, y = i / w;

      for (int k = 0; k < 4; k++)
        {
          int nx = x + dxs[k], ny = y + dys[k];
          gsize j = (gsize) ny * w + nx;
          float step = 0.0f;

          if (nx < 0 || ny < 0 || nx >= w || ny >= h || sky[j])
            continue;
          for (int c = 0; c < 3; c++)
            step = MAX (step, fabsf (p->c[c][j] - p->c[c][i]));
          if (step > 0.025f || !sky_like (p, detail, j, step))
            continue;
          sky[j] = 1;
          queue[tail++] = j;
        }
    }
  return tail * 200 >= n ? g_steal_pointer (&sky) : NULL;
}

/* Local contrast of the luma at the finest scale: what makes texture. */
static float *
detail_of (const Planes *p)
{
  int w = p->width, h = p->height;
  g_autofree float *l = g_new (float, (gsize) w * h);
  float *detail = g_new (float, (gsize) w * h);

  for (gsize i = 0; i < (gsize) w * h; i++)
    l[i] = 0.2126f * p->c[0][i] + 0.7152f * p->c[1][i] + 0.0722f * p->c[2][i];
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float gx = l[(gsize) y * w + MIN (x + 1, w - 1)] - l[(gsize) y * w + MAX (x - 1, 0)];
        float gy = l[(gsize) MIN (y + 1, h - 1) * w + x] - l[(gsize) MAX (y - 1, 0) * w + x];

        detail[(gsize) y * w + x] = 0.5f * sqrtf (gx * gx + gy * gy);
      }
  box_blur (detail, w, h, 1);
  return detail;
}

/* The three ground cues, each normalised to 0 (near) .. 1 (far) over the
 * pixels that are not sky, and weighted. */
static float *
combine_cues (const Planes *p, const float *detail, const guint8 *sky)
{
  int w = p->width, h = p->height;
  gsize n = (gsize) w * h;
  g_autofree float *haze = g_new (float, n);
  float *depth = g_new (float, n);
  float haze_lo, haze_hi, detail_ref;

  for (gsize i = 0; i < n; i++)
    {
      float r = p->c[0][i], g = p->c[1][i], b = p->c[2][i];
      float l = 0.2126f * r + 0.7152f * g + 0.0722f * b;
      float blue = CLAMP (0.5f + 2.0f * (b - r), 0.0f, 1.0f);

      haze[i] = 0.45f * l + 0.35f * (1.0f - saturation (r, g, b)) + 0.20f * blue;
    }
  haze_lo = quantile (haze, sky, n, 0.05);
  haze_hi = quantile (haze, sky, n, 0.95);
  detail_ref = MAX (quantile (detail, sky, n, 0.90), 0.01f);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        float vertical = 1.0f - (y + 0.5f) / h;
        float hazy = CLAMP ((haze[i] - haze_lo) / MAX (haze_hi - haze_lo, 0.05f), 0.0f, 1.0f);
        float smooth = 1.0f - MIN (detail[i] / detail_ref, 1.0f);

        depth[i] = sky != NULL && sky[i]
                   ? 1.0f
                   : WEIGHT_VERTICAL * vertical + WEIGHT_HAZE * hazy + WEIGHT_TEXTURE * smooth;
      }
  return depth;
}

/* Stretches the ground to 0 .. GROUND_FAR_LIMIT (or 0 .. 1 without sky)
 * and puts the sky at 1. */
static void
normalise (float *depth, const guint8 *sky, gsize n)
{
  float lo = quantile (depth, sky, n, 0.02);
  float hi = quantile (depth, sky, n, 0.98);
  float far = sky != NULL ? GROUND_FAR_LIMIT : 1.0f;
  float range = MAX (hi - lo, MIN_DEPTH_RANGE);

  for (gsize i = 0; i < n; i++)
    depth[i] = sky != NULL && sky[i] ? 1.0f : CLAMP ((depth[i] - lo) / range, 0.0f, 1.0f) * far;
}

/* Joint bilateral upsampling (Kopf et al., 2007): each full-size pixel
 * takes the depths of the 4x4 working pixels around it, weighted by
 * distance and by how alike their colours are, so a depth step lands on
 * the full-size colour edge rather than between working pixels. */
static SlDepthMap *
upsample (const float *depth, const Planes *low, SlImage *image, double strength)
{
  enum { RANGE_BINS = 1024 };
  int w = sl_image_get_width (image), h = sl_image_get_height (image);
  int stride = sl_image_get_stride (image);
  const guint8 *pixels = sl_image_get_pixels (image);
  int lw = low->width, lh = low->height;
  SlDepthMap *out = depth_map_new (w, h, strength);
  float range_weight[RANGE_BINS];
  const float range_max = 0.3f, sigma_r = 0.1f;

  for (int i = 0; i < RANGE_BINS; i++)
    {
      float d2 = range_max * i / (RANGE_BINS - 1);
      range_weight[i] = expf (-d2 / (2.0f * sigma_r * sigma_r));
    }

  for (int y = 0; y < h; y++)
    {
      float v = (y + 0.5f) * lh / h - 0.5f;
      int y0 = (int) floorf (v) - 1;

      for (int x = 0; x < w; x++)
        {
          const guint8 *px = pixels + (gsize) y * stride + 4 * x;
          float u = (x + 0.5f) * lw / w - 0.5f;
          int x0 = (int) floorf (u) - 1;
          double sum = 0.0, wsum = 0.0;

          for (int j = 0; j < 4; j++)
            for (int i = 0; i < 4; i++)
              {
                int qx = CLAMP (x0 + i, 0, lw - 1), qy = CLAMP (y0 + j, 0, lh - 1);
                gsize q = (gsize) qy * lw + qx;
                float du = u - (x0 + i), dv = v - (y0 + j);
                float d2 = 0.0f, wt;

                for (int c = 0; c < 3; c++)
                  {
                    float diff = px[c] / 255.0f - low->c[c][q];
                    d2 += diff * diff;
                  }
                wt = expf (-(du * du + dv * dv) * 0.5f)
                     * (d2 >= range_max ? range_weight[RANGE_BINS - 1]
                                        : range_weight[(int) (d2 / range_max * (RANGE_BINS - 1))]);
                sum += wt * depth[q];
                wsum += wt;
              }
          out->data[(gsize) y * w + x] = (float) (sum / wsum);
        }
    }
  return out;
}

/**
 * sl_depth_estimator_estimate:
 * @image: a photograph or painting
 * @strength: recorded in the map (see #SlDepthMap)
 *
 * Returns: (transfer full): depth at the size of @image
 */
SlDepthMap *
sl_depth_estimator_estimate (SlDepthEstimator *self, SlImage *image, double strength)
{
  g_autoptr(SlImage) working = NULL;
  g_autofree float *detail = NULL;
  g_autofree guint8 *sky = NULL;
  g_autofree float *depth = NULL;
  Planes low, structure;
  SlDepthMap *out;
  int scale;
  gsize n;

  g_return_val_if_fail (SL_IS_DEPTH_ESTIMATOR (self), NULL);
  g_return_val_if_fail (SL_IS_IMAGE (image), NULL);

  working = sl_image_downscale_to_fit (image, self->working_size, self->working_size);
  planes_from_image (&low, working);
  n = (gsize) low.width * low.height;
  scale = MAX (1, MAX (low.width, low.height) / 128);

  detail = detail_of (&low);
  sky = detect_sky (&low, detail);
  depth = combine_cues (&low, detail, sky);

  /* spread the cues over whole regions of the picture's structure, so
   * each object gets one depth and depth steps sit on its outline */
  structure_of (&structure, &low, scale);
  recursive_filter_both_ways (depth, &structure, MAX (low.width, low.height) / 4.0f, 0.3f, 3);
  /* the recursive filter leaves streaks where the guide is faint (mist,
   * haze); the guided filter's square windows flatten them */
  guided_filter (depth, &structure, 4 * scale, 1e-3f);
  normalise (depth, sky, n);
  planes_clear (&structure);

  if (low.width == sl_image_get_width (image) && low.height == sl_image_get_height (image))
    {
      out = depth_map_new (low.width, low.height, strength);
      memcpy (out->data, depth, n * sizeof (float));
    }
  else
    out = upsample (depth, &low, image, strength);
  planes_clear (&low);
  return out;
}
