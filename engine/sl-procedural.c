/* sl-procedural.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shapes and their parameters are described in docs/scene.md.
 */
#define G_LOG_DOMAIN "sl-procedural"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-procedural.h"

/* ----- hashing and noise ------------------------------------------------- */

/* Chris Wellons' lowbias32: a cheap integer hash whose every output bit
 * depends on every input bit. */
static guint32
mix32 (guint32 x)
{
  x ^= x >> 16;
  x *= 0x21f0aaadu;
  x ^= x >> 15;
  x *= 0x735a2d97u;
  x ^= x >> 15;
  return x;
}

guint32
sl_procedural_hash (guint32 a,
                    guint32 b)
{
  return mix32 (a ^ mix32 (b + 0x9e3779b9u));
}

double
sl_procedural_random (guint32 seed,
                      guint32 index)
{
  return sl_procedural_hash (seed, index) * (1.0 / 4294967296.0);
}

static double
fade (double t)
{
  return t * t * t * (t * (t * 6 - 15) + 10);
}

static double
lattice1 (gint64 i, guint32 seed)
{
  return 2.0 * sl_procedural_random (seed, (guint32) i) - 1.0;
}

static double
lattice2 (gint64 i, gint64 j, guint32 seed)
{
  return 2.0 * sl_procedural_random (sl_procedural_hash (seed, (guint32) i), (guint32) j) - 1.0;
}

double
sl_procedural_noise1 (double  x,
                      guint32 seed)
{
  double fl = floor (x);
  gint64 i = (gint64) fl;
  double t = fade (x - fl);

  return lattice1 (i, seed) + (lattice1 (i + 1, seed) - lattice1 (i, seed)) * t;
}

double
sl_procedural_noise2 (double  x,
                      double  y,
                      guint32 seed)
{
  double fx = floor (x), fy = floor (y);
  gint64 i = (gint64) fx, j = (gint64) fy;
  double tx = fade (x - fx), ty = fade (y - fy);
  double a = lattice2 (i, j, seed), b = lattice2 (i + 1, j, seed);
  double c = lattice2 (i, j + 1, seed), d = lattice2 (i + 1, j + 1, seed);
  double top = a + (b - a) * tx, bottom = c + (d - c) * tx;

  return top + (bottom - top) * ty;
}

/* Each octave gets its own seed and an offset, so that the lattices of the
 * octaves do not line up at the origin. */
double
sl_procedural_fbm1 (double  x,
                    guint   octaves,
                    double  gain,
                    guint32 seed)
{
  double sum = 0, norm = 0, amplitude = 1, frequency = 1;

  for (guint k = 0; k < octaves; k++)
    {
      guint32 s = sl_procedural_hash (seed, k);

      sum += amplitude * sl_procedural_noise1 (x * frequency + 17.0 * sl_procedural_random (s, 1), s);
      norm += amplitude;
      amplitude *= gain;
      frequency *= 2.0;
    }
  return norm > 0 ? sum / norm : 0;
}

double
sl_procedural_fbm2 (double  x,
                    double  y,
                    guint   octaves,
                    double  gain,
                    guint32 seed)
{
  double sum = 0, norm = 0, amplitude = 1, frequency = 1;

  for (guint k = 0; k < octaves; k++)
    {
      guint32 s = sl_procedural_hash (seed, k);

      sum += amplitude * sl_procedural_noise2 (x * frequency + 17.0 * sl_procedural_random (s, 1),
                                               y * frequency + 31.0 * sl_procedural_random (s, 2), s);
      norm += amplitude;
      amplitude *= gain;
      frequency *= 2.0;
    }
  return norm > 0 ? sum / norm : 0;
}

/* ----- colour helpers ---------------------------------------------------- */

double
sl_procedural_luminance (const double rgb[3])
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

guint8
sl_procedural_encode (double linear,
                      double dither)
{
  double c = CLAMP (linear, 0.0, 1.0), v;

  v = c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1.0 / 2.4) - 0.055;
  return (guint8) CLAMP (floor (v * 255.0 + 0.5 + dither), 0.0, 255.0);
}

static double
decode (guint8 value)
{
  double v = value / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

/* A 4 × 4 Bayer matrix scaled to (-0.5, 0.5) code values: enough to break
 * up the bands of an 8-bit gradient without visible noise. */
static double
bayer (int x, int y)
{
  static const guint8 m[4][4] = {
    { 0, 8, 2, 10 }, { 12, 4, 14, 6 }, { 3, 11, 1, 9 }, { 15, 7, 13, 5 },
  };

  return (m[y & 3][x & 3] + 0.5) / 16.0 - 0.5;
}

static double
smoothstep (double e0, double e1, double x)
{
  double t = CLAMP ((x - e0) / (e1 - e0), 0.0, 1.0);

  return t * t * (3 - 2 * t);
}

typedef struct {
  int     width;
  int     height;
  guint8 *pixels;
} Canvas;

static void
canvas_init (Canvas *canvas, int width, int height)
{
  canvas->width = MAX (1, width);
  canvas->height = MAX (1, height);
  canvas->pixels = g_malloc0 ((gsize) canvas->width * canvas->height * 4);
}

static void
canvas_put (Canvas *canvas, int x, int y, const double rgb[3], double alpha)
{
  guint8 *p = canvas->pixels + ((gsize) y * canvas->width + x) * 4;
  double d = bayer (x, y);

  for (int c = 0; c < 3; c++)
    p[c] = sl_procedural_encode (rgb[c], d);
  p[3] = (guint8) CLAMP (floor (alpha * 255.0 + 0.5 + d), 0.0, 255.0);
}

static SlImage *
canvas_finish (Canvas *canvas)
{
  gsize size = (gsize) canvas->width * canvas->height * 4;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&canvas->pixels), size);

  return sl_image_new_from_bytes (canvas->width, canvas->height, canvas->width * 4, bytes);
}

static void
mix3 (const double a[3], const double b[3], double t, double out[3])
{
  for (int c = 0; c < 3; c++)
    out[c] = a[c] + (b[c] - a[c]) * t;
}

/* ----- ridge profiles ---------------------------------------------------- */

/* Ridged noise: the creases where fractal noise crosses zero become sharp
 * crests (1 - |fbm|, cubed to narrow the peaks), and a slow envelope
 * raises some ranges above others. */
static double
mountains (double x, double roughness, guint32 seed)
{
  double ridge = 1.0 - fabs (sl_procedural_fbm1 (x * 0.6, 7, 0.25 + 0.5 * roughness, seed));
  double envelope = 0.5 + 0.5 * sl_procedural_fbm1 (x * 0.25, 2, 0.5, seed ^ 5u);

  return CLAMP (ridge * ridge * ridge * (0.45 + 0.75 * envelope), 0.0, 1.0);
}

static double
hills (double x, double roughness, guint32 seed)
{
  return CLAMP (0.5 + 0.8 * sl_procedural_fbm1 (x * 0.7, 4, 0.2 + 0.3 * roughness, seed), 0.0, 1.0);
}

static double
plains (double x, double roughness, guint32 seed)
{
  return CLAMP (0.5 + 0.5 * sl_procedural_fbm1 (x * 0.4, 3, 0.2 + 0.2 * roughness, seed), 0.0, 1.0);
}

/* Each dune climbs a long convex windward slope to a sharp crest about
 * three quarters along and drops down a short steep slip face; the
 * lattice is warped so that dunes differ in width. */
static double
dunes (double x, double roughness, guint32 seed)
{
  double w = x + 0.45 * sl_procedural_noise1 (x * 0.5, seed ^ 0x51u);
  double cell = floor (w), f = w - cell;
  guint32 id = (guint32) (gint64) cell;
  double crest = 0.7 + 0.1 * sl_procedural_random (seed, id * 2 + 1);
  double amplitude = 0.45 + 0.55 * sl_procedural_random (seed, id * 2);
  double shape;

  if (f < crest)
    shape = sin (0.5 * G_PI * f / crest);
  else
    shape = 1.0 - smoothstep (crest, 1.0, f);
  return CLAMP (amplitude * shape * shape + 0.06 * roughness * sl_procedural_noise1 (x * 9, seed), 0.0, 1.0);
}

/* Terraces: flat mesa tops and steep risers, from quantised noise. */
static double
canyon (double x, double roughness, guint32 seed)
{
  double n = CLAMP (0.5 + 1.1 * sl_procedural_fbm1 (x * 0.8, 4, 0.35 + 0.3 * roughness, seed), 0.0, 0.999);
  double steps = 3.0 + floor (2.0 * roughness + 0.5);
  double q = n * steps, k = floor (q);
  double t = k + smoothstep (0.72, 0.95, q - k);

  return CLAMP (t / steps + 0.015 * sl_procedural_noise1 (x * 23, seed ^ 7u), 0.0, 1.0);
}

/* Broken plateaus at random heights with near-vertical faces between
 * them, their tops roughened. */
static double
cliffs (double x, double roughness, guint32 seed)
{
  double w = x + 0.3 * sl_procedural_noise1 (x * 0.7, seed ^ 3u);
  double cell = floor (w), f = w - cell;
  guint32 id = (guint32) (gint64) cell;
  double h0 = sl_procedural_random (seed, id), h1 = sl_procedural_random (seed, id + 1);
  double h = h0 + (h1 - h0) * smoothstep (0.86, 0.95, f);

  return CLAMP (0.35 + 0.55 * h + (0.04 + 0.08 * roughness) * sl_procedural_fbm1 (x * 4, 4, 0.5, seed), 0.0, 1.0);
}

/* Conifer crowns on rolling ground: one tree a unit, jittered, each a
 * narrow cone with ragged branches. */
static double
forest (double x, double roughness, guint32 seed)
{
  double ground = 0.3 + 0.2 * sl_procedural_fbm1 (x * 0.05, 3, 0.4, seed ^ 0x77u);
  double crowns = 0;
  gint64 cell = (gint64) floor (x);

  for (gint64 j = cell - 2; j <= cell + 2; j++)
    {
      guint32 id = (guint32) j;
      double centre = j + 0.5 + 0.6 * (sl_procedural_random (seed, id * 3) - 0.5);
      double height = 0.3 + 0.35 * sl_procedural_random (seed, id * 3 + 1);
      double half = 0.55 + 0.4 * sl_procedural_random (seed, id * 3 + 2);
      double d = fabs (x - centre) / half;

      if (d < 1.0)
        {
          double ragged = 1.0 - (0.05 + 0.1 * roughness) * fabs (sl_procedural_noise1 (x * 14, seed ^ id));

          crowns = MAX (crowns, height * (1.0 - d) * ragged);
        }
    }
  return CLAMP (ground + crowns, 0.0, 1.0);
}

/* A building of the skyline: one or two a unit cell, flat roofs, a few
 * towers with a set-back top and a mast. */
typedef struct {
  guint32 id;
  double  left, right;
  double  height;
  gboolean tower;
} Building;

static void
city_building (double x, guint32 seed, Building *b)
{
  double cell = floor (x);
  guint32 c = (guint32) (gint64) cell;
  double split = 0.3 + 0.4 * sl_procedural_random (seed, c * 5);
  gboolean two = sl_procedural_random (seed, c * 5 + 1) < 0.45;
  guint part = two && x - cell >= split ? 1 : 0;
  double r;

  b->id = c * 2 + part;
  b->left = two && part == 1 ? cell + split : cell;
  b->right = two && part == 0 ? cell + split : cell + 1;
  r = sl_procedural_random (seed, b->id * 7 + 2);
  b->tower = sl_procedural_random (seed, b->id * 7 + 3) < 0.12;
  b->height = b->tower ? 0.75 + 0.25 * r : 0.15 + 0.6 * pow (r, 1.6);
}

static double
city (double x, double roughness, guint32 seed)
{
  Building b;
  double centre, half, h;

  city_building (x, seed, &b);
  centre = 0.5 * (b.left + b.right);
  half = 0.5 * (b.right - b.left);
  h = b.height;
  if (b.tower && fabs (x - centre) > 0.6 * half)
    h *= 0.9;
  if (b.tower && fabs (x - centre) < 0.03)
    h = MIN (1.0, h + 0.12);
  return h;
}

static double
raw_profile (const SlRidgeSpec *spec, double x)
{
  switch (spec->kind)
    {
    case SL_TERRAIN_KIND_MOUNTAINS: return mountains (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_PLAINS:    return plains (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_DUNES:     return dunes (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_CANYON:    return canyon (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_CLIFFS:    return cliffs (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_FOREST:    return forest (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_CITY:      return city (x, spec->roughness, spec->seed);
    case SL_TERRAIN_KIND_NONE:
    case SL_TERRAIN_KIND_HILLS:
    default:                        return hills (x, spec->roughness, spec->seed);
    }
}

double
sl_procedural_ridge_profile (const SlRidgeSpec *spec,
                             double             u)
{
  double h;

  g_return_val_if_fail (spec != NULL, 0);
  h = raw_profile (spec, u * spec->features);
  if (spec->sharpness > 0)
    h = pow (h, spec->sharpness);
  if (spec->gap > 0 && spec->gap_width > 0)
    h *= 1.0 - spec->gap * (1.0 - smoothstep (0.3 * spec->gap_width, spec->gap_width, fabs (u - 0.5)));
  return spec->valley + (1.0 - spec->valley) * h;
}

/* The surface texture below the crest, in feature units so that it keeps
 * its size at any texture resolution: rock for mountains and cliffs,
 * sediment strata for canyons, foliage for forests, soft undulation for
 * the rest. */
static double
surface_detail (const SlRidgeSpec *spec, double fx, double fy)
{
  switch (spec->kind)
    {
    case SL_TERRAIN_KIND_MOUNTAINS:
    case SL_TERRAIN_KIND_CLIFFS:
      return sl_procedural_fbm2 (fx * 3, fy * 9, 4, 0.55, spec->seed ^ 0xd1u);
    case SL_TERRAIN_KIND_CANYON:
      return 0.7 * sl_procedural_fbm2 (fx * 1.5, fy * 40, 3, 0.5, spec->seed ^ 0xd4u)
           + 0.3 * sl_procedural_fbm2 (fx * 6, fy * 6, 3, 0.5, spec->seed ^ 0xd1u);
    case SL_TERRAIN_KIND_FOREST:
      return sl_procedural_fbm2 (fx * 2, fy * 2, 3, 0.6, spec->seed ^ 0xd2u);
    default:
      return sl_procedural_fbm2 (fx * 1.5, fy * 4, 3, 0.5, spec->seed ^ 0xd3u);
    }
}

/* The light of the window at (fx, fy) of a building (its colour's
 * strength, 0..1), or 0 where the point is not on a lit window. Each
 * building has its own share of lit windows around the spec's; windows
 * smaller than about three texels cannot be drawn, so their average light
 * is returned instead. */
static double
window_light (const SlRidgeSpec *spec, const Building *b, double fx, double fy, double texel)
{
  const double pitch = 0.05, rows = 0.065;
  double share = spec->lit_windows * (0.3 + 1.4 * sl_procedural_random (spec->seed ^ 0xb17u, b->id));
  double cx, cy, col, row;
  guint32 h;

  if (pitch < 3.0 * texel)
    return 0.12 * share;
  if (fx - b->left < 0.5 * pitch || b->right - fx < 0.5 * pitch || fy < 0.5 * rows)
    return 0;
  cx = (fx - b->left) / pitch;
  cy = fy / rows;
  col = floor (cx);
  row = floor (cy);
  if (cx - col > 0.5 || cy - row > 0.45)
    return 0;
  h = sl_procedural_hash (sl_procedural_hash (spec->seed ^ 0xc17u, b->id), (guint32) (gint64) (col * 977 + row));
  if (h * (1.0 / 4294967296.0) >= share)
    return 0;
  return 0.55 + 0.45 * sl_procedural_random (h, 1);
}

/* How much a column's face is lit, -1..1: the slope of the profile (in
 * peak heights per feature) measured across a twentieth of a feature, so
 * that the light and shade fall in broad facets either side of each peak
 * rather than in streaks, turned toward or away from the light. */
static double
slope_light (const SlRidgeSpec *spec, double u)
{
  double du = MAX (0.05 / spec->features, 2.0 / spec->width);
  double dh = sl_procedural_ridge_profile (spec, u + du) - sl_procedural_ridge_profile (spec, u - du);

  return -spec->light_side * tanh (dh / (2.0 * du * spec->features));
}

SlImage *
sl_procedural_ridge (const SlRidgeSpec *spec)
{
  Canvas canvas;
  double texel, span;

  g_return_val_if_fail (spec != NULL && spec->width > 0 && spec->height > 0, NULL);

  canvas_init (&canvas, spec->width, spec->height);
  texel = spec->features / spec->width;
  span = MAX (1.0, spec->height - spec->peak_row);
  for (int x = 0; x < spec->width; x++)
    {
      double u = (x + 0.5) / spec->width;
      double h = sl_procedural_ridge_profile (spec, u);
      double crest = spec->base_row + (spec->peak_row - spec->base_row) * h;
      double fx = u * spec->features;
      double facing = spec->relief > 0 ? slope_light (spec, u) : 0;
      /* Light and shade catch the rim of each flank, a quarter of its
       * height down. */
      double valley_row = spec->base_row + (spec->peak_row - spec->base_row) * spec->valley;
      double reach = MAX (2.0, 0.25 * (valley_row - crest));
      Building building;

      if (spec->kind == SL_TERRAIN_KIND_CITY)
        city_building (fx, spec->seed, &building);
      for (int y = 0; y < spec->height; y++)
        {
          double row = y + 0.5;
          double alpha = CLAMP ((row - crest) / MAX (spec->softness, 0.5) + 0.5, 0.0, 1.0);
          double t = CLAMP ((row - spec->peak_row) / span, 0.0, 1.0);
          double rgb[3], fy = (spec->base_row - row) * texel, shade, fade, detail;

          if (alpha <= 0)
            continue;
          mix3 (spec->top_color, spec->bottom_color, t, rgb);
          /* The texture and the relief fade out toward the bottom of the
           * strip, where the card meets its plain fill; the relief also
           * fades with the depth below the crest, as a ridge's flank
           * turns into the slope below it. */
          fade = 1.0 - smoothstep (0.75, 1.0, t);
          detail = surface_detail (spec, fx, fy);
          shade = 1.0 + spec->detail * fade * detail;
          shade *= 1.0 + spec->relief * facing * fade * exp (-(row - crest) / reach);
          if (spec->snow_line <= 1.0 && spec->kind != SL_TERRAIN_KIND_CITY)
            {
              /* Snow above the line, broken by the rock's texture. */
              double height = (spec->base_row - row) / MAX (1.0, spec->base_row - spec->peak_row);
              double cover = smoothstep (spec->snow_line - 0.05, spec->snow_line + 0.05, height + 0.3 * detail);

              mix3 (rgb, spec->snow_color, spec->kind == SL_TERRAIN_KIND_FOREST ? 0.5 * cover : cover, rgb);
            }
          for (int c = 0; c < 3; c++)
            rgb[c] *= shade;
          if (spec->kind == SL_TERRAIN_KIND_CITY && spec->lit_windows > 0 && row > crest + 1.0)
            {
              double lit = window_light (spec, &building, fx, fy, texel);

              if (lit > 0)
                mix3 (rgb, spec->window_color, lit, rgb);
            }
          canvas_put (&canvas, x, y, rgb, alpha);
        }
    }
  return canvas_finish (&canvas);
}

SlImage *
sl_procedural_gradient (int          width,
                        int          height,
                        const double top[3],
                        const double bottom[3],
                        guint32      seed)
{
  Canvas canvas;

  canvas_init (&canvas, width, height);
  for (int y = 0; y < canvas.height; y++)
    {
      double rgb[3];

      mix3 (top, bottom, canvas.height > 1 ? (double) y / (canvas.height - 1) : 0.0, rgb);
      for (int x = 0; x < canvas.width; x++)
        canvas_put (&canvas, x, y, rgb, 1.0);
    }
  return canvas_finish (&canvas);
}

/* ----- reflections ------------------------------------------------------- */

/* A box blur of radius r along one axis of premultiplied floats, with the
 * edges clamped; run twice it is a tent filter. */
static void
box_blur (float *data, int width, int height, int r, gboolean vertical)
{
  int n = vertical ? height : width, lines = vertical ? width : height;
  g_autofree float *line = g_new (float, (gsize) n * 4);

  if (r <= 0)
    return;
  for (int l = 0; l < lines; l++)
    {
      for (int i = 0; i < n; i++)
        {
          gsize o = vertical ? ((gsize) i * width + l) * 4 : ((gsize) l * width + i) * 4;

          memcpy (line + (gsize) i * 4, data + o, 4 * sizeof (float));
        }
      for (int i = 0; i < n; i++)
        {
          float sum[4] = { 0 };
          gsize o = vertical ? ((gsize) i * width + l) * 4 : ((gsize) l * width + i) * 4;

          for (int k = -r; k <= r; k++)
            {
              int j = CLAMP (i + k, 0, n - 1);

              for (int c = 0; c < 4; c++)
                sum[c] += line[(gsize) j * 4 + c];
            }
          for (int c = 0; c < 4; c++)
            data[o + c] = sum[c] / (2 * r + 1);
        }
    }
}

SlImage *
sl_procedural_reflection (SlImage *image,
                          double   darken,
                          double   blur_x,
                          double   blur_y,
                          double   opacity)
{
  int width, height, stride;
  const guint8 *src;
  g_autofree float *data = NULL;
  Canvas canvas;

  g_return_val_if_fail (SL_IS_IMAGE (image), NULL);

  width = sl_image_get_width (image);
  height = sl_image_get_height (image);
  stride = sl_image_get_stride (image);
  src = sl_image_get_pixels (image);
  data = g_new (float, (gsize) width * height * 4);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = src + (gsize) y * stride + x * 4;
        float *d = data + ((gsize) y * width + x) * 4;
        float a = p[3] / 255.0f;

        for (int c = 0; c < 3; c++)
          d[c] = (float) decode (p[c]) * a;
        d[3] = a;
      }
  for (int pass = 0; pass < 2; pass++)
    {
      box_blur (data, width, height, (int) floor (blur_x / 2 + 0.5), FALSE);
      box_blur (data, width, height, (int) floor (blur_y / 2 + 0.5), TRUE);
    }
  canvas_init (&canvas, width, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const float *d = data + ((gsize) y * width + x) * 4;
        double rgb[3];

        if (d[3] <= 0)
          continue;
        for (int c = 0; c < 3; c++)
          rgb[c] = d[c] / d[3] * darken;
        canvas_put (&canvas, x, y, rgb, d[3] * opacity);
      }
  return canvas_finish (&canvas);
}

/* ----- mist -------------------------------------------------------------- */

SlImage *
sl_procedural_mist (const SlMistSpec *spec)
{
  Canvas canvas;

  g_return_val_if_fail (spec != NULL && spec->width > 0 && spec->height > 0, NULL);

  canvas_init (&canvas, spec->width, spec->height);
  for (int x = 0; x < spec->width; x++)
    {
      double fx = (x + 0.5) / spec->width * spec->features;
      /* The top of the bank rolls with the wisps. */
      double top = spec->top_row + spec->fade_rows * sl_procedural_fbm1 (fx * 0.7, 4, 0.55, spec->seed);

      for (int y = 0; y < spec->height; y++)
        {
          double row = y + 0.5;
          double fy = row / spec->width * spec->features;
          double wisp = 0.7 + 0.3 * sl_procedural_fbm2 (fx * 2, fy * 6, 3, 0.5, spec->seed ^ 0x3fu);
          double alpha = spec->density * wisp * smoothstep (top - spec->fade_rows, top, row);

          canvas_put (&canvas, x, y, spec->color, alpha);
        }
    }
  return canvas_finish (&canvas);
}

/* ----- water ------------------------------------------------------------- */

static double
row_distance (const SlWaterSpec *spec, int y)
{
  return spec->far + (spec->near - spec->far) * (y + 0.5) / spec->height;
}

/* The sine of the elevation of the ray that meets the water @d metres
 * ahead, and so of the ray it bounces into. */
static double
grazing (const SlWaterSpec *spec, double d)
{
  return spec->eye_height / sqrt (spec->eye_height * spec->eye_height + d * d);
}

SlImage *
sl_procedural_water_sky (const SlWaterSpec *spec)
{
  Canvas canvas;

  g_return_val_if_fail (spec != NULL && spec->width > 0 && spec->height > 0, NULL);

  canvas_init (&canvas, spec->width, spec->height);
  for (int y = 0; y < spec->height; y++)
    {
      double rgb[3];

      mix3 (spec->horizon, spec->zenith, sqrt (grazing (spec, row_distance (spec, y))), rgb);
      for (int x = 0; x < spec->width; x++)
        canvas_put (&canvas, x, y, rgb, 1.0);
    }
  return canvas_finish (&canvas);
}

/* Under the surface lie the mirrored sky and ridges at full strength; the
 * surface covers them by 1 - R, R being Schlick's Fresnel reflectance of
 * water (0.02 head on, nearly 1 at grazing angles), so reflections are
 * strong far off and the water shows its own colour near the camera.
 * Ripples are long in x and short in depth, as wind ruffles water, never
 * finer than three texture rows, so the texture holds them without
 * aliasing; they brighten and darken the surface and break up its cover
 * as the waves grow. */
SlImage *
sl_procedural_water_surface (const SlWaterSpec *spec)
{
  Canvas canvas;
  double row_metres, ripple_z, ripple_x;

  g_return_val_if_fail (spec != NULL && spec->width > 0 && spec->height > 0, NULL);

  canvas_init (&canvas, spec->width, spec->height);
  row_metres = (spec->far - spec->near) / spec->height;
  ripple_z = MAX (0.35, 3.0 * row_metres);
  ripple_x = MAX (2.0, 3.0 * spec->span / spec->width);
  for (int y = 0; y < spec->height; y++)
    {
      double d = row_distance (spec, y);
      double fresnel = 0.02 + 0.98 * pow (1.0 - grazing (spec, d), 5.0);
      double sky[3], light[3];

      mix3 (spec->horizon, spec->zenith, sqrt (grazing (spec, d)), sky);
      mix3 (spec->deep_color, sky, 0.3, light);
      for (int x = 0; x < spec->width; x++)
        {
          double mx = spec->span * ((x + 0.5) / spec->width - 0.5);
          double r = sl_procedural_fbm2 (mx / ripple_x, d / ripple_z, 3, 0.5, spec->seed);
          double cover = (1.0 - fresnel) + (0.1 + 0.5 * spec->waves) * r;
          double rgb[3];

          mix3 (spec->deep_color, light, CLAMP (0.5 + (0.3 + 0.9 * spec->waves) * r, 0.0, 1.0), rgb);
          canvas_put (&canvas, x, y, rgb, CLAMP (cover, 0.0, 1.0));
        }
    }
  return canvas_finish (&canvas);
}

/* ----- ground ------------------------------------------------------------ */

SlImage *
sl_procedural_ground (const SlGroundSpec *spec)
{
  Canvas canvas;
  double patch, grain;

  g_return_val_if_fail (spec != NULL && spec->width > 0 && spec->height > 0, NULL);

  canvas_init (&canvas, spec->width, spec->height);
  /* Grain finer than two texels would only alias. */
  patch = 6.0;
  grain = MAX (0.5, 2.0 * MAX ((spec->far - spec->near) / spec->height, spec->span / spec->width));
  for (int y = 0; y < spec->height; y++)
    {
      double d = spec->far + (spec->near - spec->far) * (y + 0.5) / spec->height;
      /* The foreground lies a little darker, as in most landscapes. */
      double near = 0.75 + 0.25 * smoothstep (0.0, 30.0, d);

      for (int x = 0; x < spec->width; x++)
        {
          double mx = spec->span * ((x + 0.5) / spec->width - 0.5);
          double shade = near * (1.0 + 0.35 * spec->variation * sl_procedural_fbm2 (mx / patch, d / patch, 3, 0.5, spec->seed))
                       * (1.0 + 0.3 * spec->variation * sl_procedural_fbm2 (mx / grain, d / grain, 3, 0.6, spec->seed ^ 0x9u));
          double rgb[3];

          for (int c = 0; c < 3; c++)
            rgb[c] = spec->color[c] * shade;
          canvas_put (&canvas, x, y, rgb, 1.0);
        }
    }
  return canvas_finish (&canvas);
}

/* ----- studio ------------------------------------------------------------ */

SlImage *
sl_procedural_backdrop (const SlBackdropSpec *spec)
{
  Canvas canvas;

  g_return_val_if_fail (spec != NULL && spec->width > 0 && spec->height > 0, NULL);

  canvas_init (&canvas, spec->width, spec->height);
  for (int y = 0; y < spec->height; y++)
    {
      double s = spec->s_top + (spec->s_bottom - spec->s_top) * (y + 0.5) / spec->height;

      for (int x = 0; x < spec->width; x++)
        {
          double mx = spec->x_left + (spec->x_right - spec->x_left) * (x + 0.5) / spec->width;
          double r2 = (mx * mx + (s - spec->light_s) * (s - spec->light_s))
                    / (2.0 * spec->light_radius * spec->light_radius);
          double light = spec->brightness * (1.0 - spec->falloff + spec->falloff * exp (-r2));
          double rgb[3];

          if (spec->shadow_rx > 0 && spec->shadow_rs > 0)
            {
              double dx = mx / spec->shadow_rx, ds = (s - spec->shadow_s) / spec->shadow_rs;

              light *= 1.0 - spec->shadow_strength * exp (-0.5 * (dx * dx + ds * ds));
            }
          for (int c = 0; c < 3; c++)
            rgb[c] = spec->color[c] * light;
          canvas_put (&canvas, x, y, rgb, 1.0);
        }
    }
  return canvas_finish (&canvas);
}
