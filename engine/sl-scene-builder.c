/* sl-scene-builder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The geometry, the layers and their constants are explained in
 * docs/scene.md.
 */
#define G_LOG_DOMAIN "sl-scene-builder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sl-depth-estimator.h"
#include "sl-plate-layers.h"
#include "sl-procedural.h"
#include "sl-project.h"
#include "sl-reference.h"
#include "sl-scene-builder.h"
#include "sl-scene-private.h"
#include "sl-shot.h"
#include "sl-shots-error.h"
#include "sl-style-transfer.h"

/* Plate layers are spread in log space between these multiples of the
 * subject distance at depth strength 1 (the exponents scale with the
 * strength); behind subject cut-outs they start farther back. */
#define PLATE_NEAR 0.6
#define PLATE_FAR 3.0
#define PLATE_NEAR_BEHIND_SUBJECT 1.2
#define PLATE_FAR_BEHIND_SUBJECT 4.0
/* Overscan beyond the least that hides the plate's edges at the samples,
 * for the frames between them. */
#define OVERSCAN_MARGIN 1.002
/* First and last frames fade over this share of the shot. */
#define FRAME_FADE_SHARE 0.25

/* The procedural landscape: ridges from RIDGE_NEAR to RIDGE_FAR metres,
 * water EYE_HEIGHT below the start camera. */
#define RIDGE_NEAR 40.0
/* Across water the nearest ridge stands farther off, so that reflections
 * lie close under what they mirror, as in a lake seen from its shore. */
#define RIDGE_NEAR_WATER 400.0
#define RIDGE_FAR 4000.0
#define EYE_HEIGHT 1.6
#define GROUND_NEAR 0.5
/* The studio's pool of light: its centre's brightness, and how much of
 * it the edges lose. */
#define STUDIO_BRIGHTNESS 0.85
#define STUDIO_FALLOFF 0.4
/* The longest side of any texture the builder makes. */
#define MAX_TEXTURE 4096
/* Cards never reach wider than this angle from the start heading. */
#define MAX_COVERAGE SL_DEG_TO_RAD (80.0)
#define COVERAGE_MARGIN SL_DEG_TO_RAD (5.0)

typedef struct {
  SlProject      *project;
  SlShot         *shot;
  SlCameraSolver *solver;
  SlImageCache   *images;
  SlLook         *look;
  SlScene        *scene;
  guint32         seed;
  int             width;          /* output picture */
  int             height;
  double          duration;       /* s */
  double          frame_duration; /* s */
  SlCamera        start;
  SlCamera        samples[SL_SCENE_CAMERA_SAMPLES];
  SlVec3          subject;
  double          subject_distance;
  /* The start camera's level heading and its right, and what the path
   * adds to the view: widest turn and tilt (with the half diagonal of the
   * widest lens), lateral and vertical travel, tightest zoom. */
  SlVec3          heading;
  SlVec3          heading_right;
  double          cover_side;     /* rad from the heading */
  double          cover_up;       /* rad above the horizon */
  double          cover_down;     /* rad below it */
  double          travel_side;    /* m */
  double          travel_up;      /* m */
  double          zoom;           /* largest focal length / start's */
  /* Subject cut-outs, made before the background so that the plate can
   * stand behind them and a studio floor can shadow them. */
  GPtrArray      *subject_images;
  double          subject_fill;   /* of the frame height */
} Build;

typedef struct {
  SlImage    *image;
  SlVec3      centre;
  SlVec3      right;
  SlVec3      up;
  double      fog;
  const char *label;
} CardSpec;

static double
smoothstep (double e0, double e1, double x)
{
  double t = CLAMP ((x - e0) / (e1 - e0), 0.0, 1.0);

  return t * t * (3 - 2 * t);
}

static void
mix3 (const double a[3], const double b[3], double t, double out[3])
{
  for (int c = 0; c < 3; c++)
    out[c] = a[c] + (b[c] - a[c]) * t;
}

static void
scale3 (const double a[3], double s, double out[3])
{
  for (int c = 0; c < 3; c++)
    out[c] = a[c] * s;
}

static void
add_card (Build *b, const CardSpec *spec)
{
  SlCard card = {
    .image = spec->image,
    .centre = spec->centre,
    .right = spec->right,
    .up = spec->up,
    .opacity = 1.0,
    .tint = { 1, 1, 1 },
    .fog_amount = spec->fog,
    .label = spec->label,
  };

  memcpy (card.fog_color, b->look->fog_color, sizeof card.fog_color);
  sl_scene_add_card (b->scene, &card);
}

/* A card standing upright @distance metres ahead along the start heading,
 * from @bottom to @top (world y), @half_width to each side. */
static void
place_upright (Build *b, double distance, double bottom, double top, double half_width, CardSpec *spec)
{
  SlVec3 ground = sl_vec3_add_scaled (b->start.position, b->heading, distance);

  spec->centre = sl_vec3 (ground.x, 0.5 * (bottom + top), ground.z);
  spec->right = sl_vec3_scale (b->heading_right, half_width);
  spec->up = sl_vec3 (0, 0.5 * (top - bottom), 0);
}

/* A card lying flat at height @y from @near to @far metres ahead; its top
 * row is the far edge. */
static void
place_flat (Build *b, double y, double near, double far, double half_width, CardSpec *spec)
{
  SlVec3 middle = sl_vec3_add_scaled (b->start.position, b->heading, 0.5 * (near + far));

  spec->centre = sl_vec3 (middle.x, y, middle.z);
  spec->right = sl_vec3_scale (b->heading_right, half_width);
  spec->up = sl_vec3_scale (b->heading, 0.5 * (far - near));
}

/* The same card mirrored in the plane y = @y. */
static void
mirror (const CardSpec *spec, double y, CardSpec *out)
{
  *out = *spec;
  out->centre.y = 2 * y - spec->centre.y;
  out->up.y = -spec->up.y;
}

/* ----- the camera path --------------------------------------------------- */

static double
half_diagonal (const SlCamera *camera)
{
  double tx = camera->sensor_width / (2 * camera->focal_length);
  double ty = camera->sensor_height / (2 * camera->focal_length);

  return atan (sqrt (tx * tx + ty * ty));
}

static void
sample_camera (Build *b)
{
  SlVec3 forward;
  double side = 0, up = 0, down = 0;

  sl_camera_solver_get_subject (b->solver, &b->subject, &b->subject_distance);
  for (guint k = 0; k < SL_SCENE_CAMERA_SAMPLES; k++)
    sl_camera_solver_evaluate (b->solver, b->duration * k / (SL_SCENE_CAMERA_SAMPLES - 1), &b->samples[k]);
  b->start = b->samples[0];

  sl_camera_get_axes (&b->start, NULL, NULL, &forward);
  b->heading = sl_vec3_normalize (sl_vec3 (forward.x, 0, forward.z));
  if (sl_vec3_length (b->heading) < 0.5)
    {
      SlVec3 camera_up;

      /* Looking straight down, the top of the frame is ahead; looking
       * straight up, the bottom. */
      sl_camera_get_axes (&b->start, NULL, &camera_up, NULL);
      b->heading = sl_vec3_normalize (sl_vec3 (camera_up.x * -forward.y, 0, camera_up.z * -forward.y));
      if (sl_vec3_length (b->heading) < 0.5)
        b->heading = sl_vec3 (0, 0, 1);
    }
  b->heading_right = sl_vec3 (b->heading.z, 0, -b->heading.x);

  b->zoom = 1;
  b->travel_side = b->travel_up = 0;
  for (guint k = 0; k < SL_SCENE_CAMERA_SAMPLES; k++)
    {
      const SlCamera *c = &b->samples[k];
      SlVec3 f, offset = sl_vec3_sub (c->position, b->start.position);
      double yaw, pitch, half = half_diagonal (c);

      sl_camera_get_axes (c, NULL, NULL, &f);
      yaw = atan2 (sl_vec3_dot (f, b->heading_right), sl_vec3_dot (f, b->heading));
      pitch = asin (CLAMP (f.y, -1.0, 1.0));
      side = MAX (side, fabs (yaw) + half);
      up = MAX (up, pitch + half);
      down = MAX (down, half - pitch);
      b->travel_side = MAX (b->travel_side, fabs (sl_vec3_dot (offset, b->heading_right)));
      b->travel_up = MAX (b->travel_up, fabs (offset.y));
      b->zoom = MAX (b->zoom, c->focal_length / b->start.focal_length);
    }
  b->cover_side = MIN (side + COVERAGE_MARGIN, MAX_COVERAGE);
  b->cover_up = MIN (up + COVERAGE_MARGIN, MAX_COVERAGE);
  b->cover_down = MIN (down + COVERAGE_MARGIN, MAX_COVERAGE);
  b->zoom = MIN (b->zoom, 4.0);
}

/* Texels per metre on a card @distance ahead: about one texel per output
 * pixel at the tightest zoom of the path. */
static double
texels_per_metre (Build *b, double distance)
{
  double frame_width = distance * b->start.sensor_width / b->start.focal_length;

  return b->width * b->zoom / frame_width;
}

/* The side of the textures of level planes (water, ground) and of the
 * smooth studio backdrop: enough for their ripples, grain and gradients
 * at the output size, 512 from 256 rows of output up. */
static int
plane_texels (Build *b)
{
  return CLAMP (2 * b->height, 32, 512);
}

/* ----- images ------------------------------------------------------------ */

static SlImage *
load_image (Build       *b,
            const char  *file,
            int          max_width,
            int          max_height,
            GError     **error)
{
  g_autofree char *path = NULL;
  SlImage *image;

  if (file == NULL || file[0] == '\0')
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Shot “%s”: a reference names no image file"), sl_shot_get_name (b->shot));
      return NULL;
    }
  path = sl_project_resolve_path (b->project, file);
  image = sl_image_cache_get (b->images, path, max_width, max_height, error);
  if (image == NULL)
    g_prefix_error (error, _("Shot “%s”: "), sl_shot_get_name (b->shot));
  return image;
}

/* An image fitted to cover the picture (CSS object-fit: cover) at twice
 * the output size at most: enough for a push in or a zoom, no more. */
static SlImage *
load_cover_image (Build *b, const char *file, GError **error)
{
  g_autoptr(SlImage) image = load_image (b, file, 2 * b->width, 2 * b->height, error);
  int w, h;
  double scale;

  if (image == NULL)
    return NULL;
  w = sl_image_get_width (image);
  h = sl_image_get_height (image);
  scale = MAX (2.0 * b->width / w, 2.0 * b->height / h);
  if (scale >= 1.0)
    return g_steal_pointer (&image);
  return sl_image_downscale (image, MAX (1, (int) ceil (w * scale)), MAX (1, (int) ceil (h * scale)));
}

/* The half-extents at camera depth 1 of an image of @aspect fitted to
 * cover @camera's picture. */
static void
cover_extents (const SlCamera *camera, double aspect, double *half_x, double *half_y)
{
  double tx = camera->sensor_width / (2 * camera->focal_length);
  double ty = camera->sensor_height / (2 * camera->focal_length);

  if (aspect >= tx / ty)
    {
      *half_y = ty;
      *half_x = ty * aspect;
    }
  else
    {
      *half_x = tx;
      *half_y = tx / aspect;
    }
}

static double
image_aspect (SlImage *image)
{
  return (double) sl_image_get_width (image) / sl_image_get_height (image);
}

/* ----- keying subjects --------------------------------------------------- */

static double
decode (guint8 value)
{
  double v = value / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static double
rgb_distance (const guint8 *a, const double b[3])
{
  double d = 0;

  for (int c = 0; c < 3; c++)
    d += (a[c] - b[c]) * (a[c] - b[c]);
  return sqrt (d);
}

static int
compare_bytes (const void *a, const void *b)
{
  return (int) *(const guint8 *) a - (int) *(const guint8 *) b;
}

/* The background colour of a plain backdrop: the per-channel median of
 * the border pixels, and how far those that match it stray (their mean
 * distance), or FALSE when fewer than 60 % of them lie within 40 code
 * values of it (a photograph, not a backdrop). */
static gboolean
border_background (SlImage *image, double background[3], double *noise)
{
  int w = sl_image_get_width (image), h = sl_image_get_height (image), stride = sl_image_get_stride (image);
  int ring = MAX (1, MIN (w, h) / 50);
  const guint8 *pixels = sl_image_get_pixels (image);
  g_autoptr(GArray) border = g_array_new (FALSE, FALSE, 3);
  g_autofree guint8 *channel = NULL;
  guint close = 0;
  double sum = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (x < ring || y < ring || x >= w - ring || y >= h - ring)
        g_array_append_vals (border, pixels + (gsize) y * stride + x * 4, 1);
  channel = g_new (guint8, border->len);
  for (int c = 0; c < 3; c++)
    {
      for (guint i = 0; i < border->len; i++)
        channel[i] = ((const guint8 *) border->data)[i * 3 + c];
      qsort (channel, border->len, 1, compare_bytes);
      background[c] = channel[border->len / 2];
    }
  for (guint i = 0; i < border->len; i++)
    {
      double d = rgb_distance ((const guint8 *) border->data + i * 3, background);

      if (d < 40)
        {
          close++;
          sum += d;
        }
    }
  *noise = close > 0 ? sum / close : 0;
  return close >= 0.6 * border->len;
}

/* An opaque subject photographed on a plain backdrop gets the backdrop
 * keyed out: soft alpha by distance from the backdrop colour, and the
 * backdrop's colour taken back out of the edge pixels so they do not keep
 * a fringe of it. Images with alpha, and photographs, are kept as they
 * are. */
static SlImage *
key_background (SlImage *image)
{
  int w = sl_image_get_width (image), h = sl_image_get_height (image), stride = sl_image_get_stride (image);
  const guint8 *pixels = sl_image_get_pixels (image);
  double background[3], linear_bg[3], noise, lo, hi;
  g_autofree guint8 *out = NULL;
  g_autoptr(GBytes) bytes = NULL;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (pixels[(gsize) y * stride + x * 4 + 3] != 255)
        return g_object_ref (image);
  if (!border_background (image, background, &noise))
    return g_object_ref (image);

  lo = MAX (12.0, 2.5 * noise);
  hi = lo + 40.0;
  for (int c = 0; c < 3; c++)
    linear_bg[c] = decode ((guint8) background[c]);
  out = g_malloc ((gsize) w * h * 4);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + x * 4;
        guint8 *q = out + ((gsize) y * w + x) * 4;
        double a = smoothstep (lo, hi, rgb_distance (p, background));

        for (int c = 0; c < 3; c++)
          q[c] = a > 0 && a < 1
                 ? sl_procedural_encode ((decode (p[c]) - (1 - a) * linear_bg[c]) / a, 0)
                 : p[c];
        q[3] = (guint8) floor (a * 255 + 0.5);
      }
  bytes = g_bytes_new_take (g_steal_pointer (&out), (gsize) w * h * 4);
  return sl_image_new_from_bytes (w, h, w * 4, bytes);
}

/* The part of a cut-out that holds the subject: the box around its
 * visible pixels, so that the card's bottom edge is the subject's foot. */
static SlImage *
crop_to_alpha (SlImage *image)
{
  int w = sl_image_get_width (image), h = sl_image_get_height (image), stride = sl_image_get_stride (image);
  const guint8 *pixels = sl_image_get_pixels (image);
  int left = w, right = -1, top = h, bottom = -1;
  g_autofree guint8 *out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int cw, ch;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (pixels[(gsize) y * stride + x * 4 + 3] > 8)
        {
          left = MIN (left, x);
          right = MAX (right, x);
          top = MIN (top, y);
          bottom = MAX (bottom, y);
        }
  if (right < 0 || (left == 0 && top == 0 && right == w - 1 && bottom == h - 1))
    return g_object_ref (image);
  cw = right - left + 1;
  ch = bottom - top + 1;
  out = g_malloc ((gsize) cw * ch * 4);
  for (int y = 0; y < ch; y++)
    memcpy (out + (gsize) y * cw * 4, pixels + (gsize) (top + y) * stride + left * 4, (gsize) cw * 4);
  bytes = g_bytes_new_take (g_steal_pointer (&out), (gsize) cw * ch * 4);
  return sl_image_new_from_bytes (cw, ch, cw * 4, bytes);
}

/* ----- subjects ---------------------------------------------------------- */

/* How much of the frame's height a subject fills at each shot size. */
static double
subject_fill (SlShotSize size)
{
  switch (size)
    {
    case SL_SHOT_SIZE_EXTREME_LONG:     return 0.3;
    case SL_SHOT_SIZE_LONG:             return 0.75;
    case SL_SHOT_SIZE_MEDIUM_LONG:      return 0.8;
    case SL_SHOT_SIZE_MEDIUM:           return 0.8;
    case SL_SHOT_SIZE_MEDIUM_CLOSE_UP:  return 0.85;
    case SL_SHOT_SIZE_CLOSE_UP:         return 0.9;
    case SL_SHOT_SIZE_EXTREME_CLOSE_UP: return 0.95;
    case SL_SHOT_SIZE_NONE:
    default:                            return 0.7;
    }
}

static gboolean
load_subjects (Build *b, GError **error)
{
  GListModel *references = G_LIST_MODEL (sl_shot_get_references (b->shot));

  b->subject_images = g_ptr_array_new_with_free_func (g_object_unref);
  b->subject_fill = subject_fill (sl_shot_get_size_start (b->shot));
  for (guint i = 0; i < g_list_model_get_n_items (references); i++)
    {
      g_autoptr(SlReference) ref = g_list_model_get_item (references, i);
      g_autoptr(SlImage) image = NULL, bounded = NULL, keyed = NULL;

      if (sl_reference_get_role (ref) != SL_REFERENCE_ROLE_SUBJECT)
        continue;
      image = load_image (b, sl_reference_get_file (ref), 0, 2 * b->height, error);
      if (image == NULL)
        return FALSE;
      bounded = sl_image_downscale_to_fit (image, MAX_TEXTURE, 2 * b->height);
      keyed = key_background (bounded);
      g_ptr_array_add (b->subject_images, crop_to_alpha (keyed));
    }
  return TRUE;
}

/* The subjects' card sizes: each fills its share of the frame's height,
 * side by side, shrunk together to fit 90 % of the frame's width. Returns
 * the scale of a card's half-extents per unit of image height. */
static double
subject_scale (Build *b, double *total_width, double *gap)
{
  double frame_h = sl_camera_get_frame_height (&b->start, b->subject_distance);
  double frame_w = frame_h * b->start.sensor_width / b->start.sensor_height;
  double height = b->subject_fill * frame_h, widths = 0, scale = 1;
  guint n = b->subject_images->len;

  *gap = 0.05 * frame_w;
  for (guint i = 0; i < n; i++)
    widths += height * image_aspect (g_ptr_array_index (b->subject_images, i));
  if (widths + *gap * (n - 1) > 0.9 * frame_w)
    scale = (0.9 * frame_w - *gap * (n - 1)) / widths;
  *total_width = scale * widths + *gap * (n - 1);
  return scale * height;
}

static void
add_subjects (Build *b)
{
  SlVec3 right, up;
  double total, gap, height, x;
  guint n = b->subject_images->len;

  if (n == 0)
    return;
  sl_camera_get_axes (&b->start, &right, &up, NULL);
  height = subject_scale (b, &total, &gap);
  x = -0.5 * total;
  for (guint i = 0; i < n; i++)
    {
      SlImage *image = g_ptr_array_index (b->subject_images, i);
      double w = height * image_aspect (image);
      g_autofree char *label = n > 1 ? g_strdup_printf ("subject %u", i + 1) : g_strdup ("subject");
      CardSpec spec = {
        .image = image,
        .centre = sl_vec3_add_scaled (b->subject, right, x + 0.5 * w),
        .right = sl_vec3_scale (right, 0.5 * w),
        .up = sl_vec3_scale (up, 0.5 * height),
        .label = label,
      };

      add_card (b, &spec);
      x += w + gap;
    }
}

/* ----- the plate --------------------------------------------------------- */

static SlDepthMap *
plate_depth (Build *b, SlReference *ref, SlImage *plate, SlDepthMode mode, double strength, GError **error)
{
  int w = sl_image_get_width (plate), h = sl_image_get_height (plate);

  if (mode == SL_DEPTH_MODE_FILE)
    {
      const char *file = sl_reference_get_depth_file (ref);
      g_autoptr(SlImage) image = NULL;

      if (file == NULL || file[0] == '\0')
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                       _("Shot “%s”: the plate “%s” takes its depth from a file, but names none"),
                       sl_shot_get_name (b->shot), sl_reference_get_file (ref));
          return NULL;
        }
      image = load_image (b, file, w, h, error);
      return image != NULL ? sl_depth_map_new_from_image (image, strength) : NULL;
    }
  if (mode == SL_DEPTH_MODE_FLAT || strength <= 0)
    {
      static const guint8 grey[4] = { 128, 128, 128, 255 };
      g_autoptr(GBytes) bytes = g_bytes_new_static (grey, sizeof grey);
      g_autoptr(SlImage) image = sl_image_new_from_bytes (1, 1, 4, bytes);
      g_autoptr(SlDepthMap) flat = sl_depth_map_new_from_image (image, 0.0);

      return sl_depth_map_resize (flat, w, h);
    }
  {
    g_autoptr(SlDepthEstimator) estimator = sl_depth_estimator_new ();

    return sl_depth_estimator_estimate (estimator, plate, strength);
  }
}

/* How much the plate cards must grow so that the frame stays inside each
 * of them at every sampled camera: for each frame corner, the point where
 * its ray meets the card's plane, in units of the card's half-extents. A
 * ray that misses the plane (parallel, or behind the camera) asks for
 * more than any cap. */
static double
needed_overscan (Build *b, const SlVec3 *centres, const double *half_x, const double *half_y, guint n)
{
  static const double corners[4][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };
  SlVec3 right, up, normal;
  double needed = 1.0;

  sl_camera_get_axes (&b->start, &right, &up, &normal);
  for (guint k = 0; k < SL_SCENE_CAMERA_SAMPLES; k++)
    for (guint i = 0; i < n; i++)
      for (guint j = 0; j < 4; j++)
        {
          const SlCamera *c = &b->samples[k];
          SlVec3 dir = sl_vec3_sub (sl_camera_unproject (c, corners[j][0] * b->width, corners[j][1] * b->height,
                                                         1.0, b->width, b->height), c->position);
          double denom = sl_vec3_dot (dir, normal), t;
          SlVec3 offset;

          if (denom <= 1e-12)
            return G_MAXDOUBLE;
          t = sl_vec3_dot (sl_vec3_sub (centres[i], c->position), normal) / denom;
          if (t <= 0)
            return G_MAXDOUBLE;
          offset = sl_vec3_sub (sl_vec3_add_scaled (c->position, dir, t), centres[i]);
          needed = MAX (needed, fabs (sl_vec3_dot (offset, right)) / half_x[i]);
          needed = MAX (needed, fabs (sl_vec3_dot (offset, up)) / half_y[i]);
        }
  return needed;
}

/* The plate's depth layers (each at the plate's size), with its depth
 * picture as the layers' "depth-image" data. They depend on the
 * picture, the depth settings and the texture size, never on the camera, so
 * the image cache keeps them across the rebuilds a camera edit causes
 * (depth estimation is the slowest part of a plan). */
static SlPlateLayers *
plate_layers (Build *b, SlReference *ref, GError **error)
{
  const char *file = sl_reference_get_file (ref);
  SlDepthMode mode = sl_reference_get_depth_mode (ref);
  double strength = sl_reference_get_depth_strength (ref);
  const char *depth_file = sl_reference_get_depth_file (ref);
  g_autofree char *path = file != NULL && file[0] != '\0' ? sl_project_resolve_path (b->project, file) : NULL;
  g_autofree char *what = g_strdup_printf ("plate-layers %dx%d mode %d strength %.9g depth %s",
                                           b->width, b->height, (int) mode, strength,
                                           depth_file != NULL ? depth_file : "");
  g_autoptr(SlImage) plate = NULL;
  g_autoptr(SlDepthMap) depth = NULL;
  SlPlateLayers *layers;

  if (path != NULL && (layers = (SlPlateLayers *) sl_image_cache_lookup_derived (b->images, path, what)) != NULL)
    return layers;
  plate = load_cover_image (b, file, error);
  if (plate == NULL)
    return NULL;
  depth = plate_depth (b, ref, plate, mode, strength, error);
  if (depth == NULL)
    return NULL;
  layers = sl_plate_layers_new (plate, depth,
                                mode == SL_DEPTH_MODE_FLAT || strength <= 0 ? 1 : SL_PLATE_LAYERS_DEFAULT_COUNT);
  g_object_set_data_full (G_OBJECT (layers), "depth-image", sl_depth_map_to_image (depth), g_object_unref);
  sl_image_cache_store_derived (b->images, path, what, G_OBJECT (layers));
  return layers;
}

static gboolean
build_plate (Build *b, SlReference *ref, GError **error)
{
  g_autoptr(SlPlateLayers) layers = plate_layers (b, ref, error);
  g_autofree SlVec3 *centres = NULL;
  g_autofree double *half_x = NULL, *half_y = NULL;
  SlVec3 right, up, forward;
  double strength, unit_x, unit_y, near, far, first, last, overscan;
  guint n;

  if (layers == NULL)
    return FALSE;
  strength = sl_reference_get_depth_strength (ref);
  sl_scene_set_depth_image (b->scene, g_object_get_data (G_OBJECT (layers), "depth-image"));

  n = sl_plate_layers_get_n_layers (layers);
  near = b->subject_images->len > 0 ? PLATE_NEAR_BEHIND_SUBJECT : PLATE_NEAR;
  far = b->subject_images->len > 0 ? PLATE_FAR_BEHIND_SUBJECT : PLATE_FAR;
  first = sl_plate_layers_get_depth (layers, 0);
  last = sl_plate_layers_get_depth (layers, n - 1);
  sl_camera_get_axes (&b->start, &right, &up, &forward);
  cover_extents (&b->start, image_aspect (sl_plate_layers_get_image (layers, 0)), &unit_x, &unit_y);
  centres = g_new (SlVec3, n);
  half_x = g_new (double, n);
  half_y = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      double r = last > first ? (sl_plate_layers_get_depth (layers, i) - first) / (last - first) : 0.0;
      double z;

      /* A flat plate stands at the subject distance, or just behind the
       * subject cut-outs. */
      if (n == 1)
        z = b->subject_distance * (b->subject_images->len > 0 ? PLATE_NEAR_BEHIND_SUBJECT : 1.0);
      else
        z = b->subject_distance * exp (strength * ((1 - r) * log (near) + r * log (far)));
      centres[i] = sl_vec3_add_scaled (b->start.position, forward, z);
      half_x[i] = unit_x * z;
      half_y[i] = unit_y * z;
    }
  overscan = needed_overscan (b, centres, half_x, half_y, n);
  overscan = overscan < SL_SCENE_MAX_OVERSCAN ? MIN (overscan * OVERSCAN_MARGIN, SL_SCENE_MAX_OVERSCAN)
                                              : SL_SCENE_MAX_OVERSCAN;
  for (guint k = n; k-- > 0;)
    {
      g_autofree char *label = g_strdup_printf ("plate layer %u/%u", k + 1, n);
      CardSpec spec = {
        .image = sl_plate_layers_get_image (layers, k),
        .centre = centres[k],
        .right = sl_vec3_scale (right, half_x[k] * overscan),
        .up = sl_vec3_scale (up, half_y[k] * overscan),
        .label = label,
      };

      add_card (b, &spec);
    }
  return TRUE;
}

/* ----- first and last frames --------------------------------------------- */

static gboolean
add_frame (Build *b, SlReference *ref, gboolean last, GError **error)
{
  g_autoptr(SlImage) image = load_cover_image (b, sl_reference_get_file (ref), error);
  SlCamera camera;
  double half_x, half_y, end;
  SlCard card = { 0 };

  if (image == NULL)
    return FALSE;
  /* Locked to the camera at the frame it must match exactly. */
  end = MAX (0.0, b->duration - b->frame_duration);
  sl_camera_solver_evaluate (b->solver, last ? end : 0.0, &camera);
  cover_extents (&camera, image_aspect (image), &half_x, &half_y);
  card.image = image;
  card.centre = sl_vec3 (0, 0, 1);
  card.right = sl_vec3 (half_x, 0, 0);
  card.up = sl_vec3 (0, half_y, 0);
  card.opacity = 1.0;
  card.tint[0] = card.tint[1] = card.tint[2] = 1.0;
  card.camera_locked = TRUE;
  if (last)
    {
      card.fade_in_start = (1.0 - FRAME_FADE_SHARE) * b->duration;
      card.fade_in_end = MAX (card.fade_in_start, end);
    }
  else
    card.fade_out_end = FRAME_FADE_SHARE * b->duration;
  card.label = last ? "last frame" : "first frame";
  sl_scene_add_card (b->scene, &card);
  return TRUE;
}

/* ----- light ------------------------------------------------------------- */

/* The light on a surface facing the camera: sky light from the whole sky,
 * and the sun (or moon) by its height and by how much it shines from
 * behind the camera (a backlit face is in its own shadow). */
static void
scene_light (Build *b, gboolean facing, double light[3])
{
  const SlLook *look = b->look;
  double strength = 1.6 * smoothstep (-4.0, 12.0, look->sun_elevation);
  double front = facing ? 0.15 + 0.85 * 0.5 * (1.0 - cos (SL_DEG_TO_RAD (look->sun_azimuth))) : 1.0;

  if (look->sky == SL_SKY_KIND_OVERCAST || look->sky == SL_SKY_KIND_STORM)
    strength *= 0.35;
  if (look->sky == SL_SKY_KIND_NIGHT || (look->sun_elevation < -4 && look->moon_visible))
    strength = 0.1;
  if (look->sky == SL_SKY_KIND_STUDIO || look->backdrop)
    {
      scale3 (look->light_color, 1.0, light);
      return;
    }
  for (int c = 0; c < 3; c++)
    light[c] = 0.35 * look->sky_zenith[c] + 0.15 * look->sky_horizon[c] + look->light_color[c] * strength * front;
}

/* How much of the light is direct sunlight, 0..1: what models relief. */
static double
sunlit (const SlLook *look)
{
  double direct = smoothstep (-4.0, 12.0, look->sun_elevation);

  if (look->sky == SL_SKY_KIND_OVERCAST || look->sky == SL_SKY_KIND_STORM)
    direct *= 0.4;
  if (look->sky == SL_SKY_KIND_NIGHT || look->sun_elevation < -4)
    direct = look->moon_visible ? 0.3 : 0.1;
  return direct;
}

static gboolean
is_dark (const SlLook *look)
{
  return look->sky == SL_SKY_KIND_NIGHT || look->sky == SL_SKY_KIND_SPACE || look->sun_elevation < 2.0;
}

/* How thick the air is, per unit of normalised depth. */
static double
haze (const SlLook *look)
{
  switch (look->sky)
    {
    case SL_SKY_KIND_HAZY:     return 2.0;
    case SL_SKY_KIND_OVERCAST: return 1.6;
    case SL_SKY_KIND_STORM:    return 1.8;
    case SL_SKY_KIND_SUNSET:   return 1.2;
    case SL_SKY_KIND_NIGHT:    return 0.8;
    case SL_SKY_KIND_SPACE:    return 0.0;
    case SL_SKY_KIND_CLEAR:
    case SL_SKY_KIND_STUDIO:
    default:                   return 1.0;
    }
}

/* ----- the landscape ----------------------------------------------------- */

typedef struct {
  double albedo[3];          /* linear */
  double valley;             /* the profile's floor, of the peak */
  double features;           /* shapes per frame width at the nearest layer */
  double feature_growth;     /* exponent: more (smaller-looking) shapes farther away */
  double detail;
  double relief;
} TerrainInfo;

static const TerrainInfo terrains[] = {
  [SL_TERRAIN_KIND_NONE]      = { { 0.09, 0.16, 0.06 },   0.2,  2.0, 0.0, 0.12, 0.35 },
  [SL_TERRAIN_KIND_PLAINS]    = { { 0.18, 0.20, 0.08 },   0.3,  0.6, 0.0, 0.10, 0.20 },
  [SL_TERRAIN_KIND_HILLS]     = { { 0.09, 0.16, 0.06 },   0.2,  2.0, 0.0, 0.12, 0.35 },
  [SL_TERRAIN_KIND_MOUNTAINS] = { { 0.13, 0.14, 0.16 },   0.05, 1.3, 0.0, 0.25, 0.60 },
  [SL_TERRAIN_KIND_DUNES]     = { { 0.55, 0.38, 0.20 },   0.25, 2.5, 0.0, 0.10, 0.60 },
  [SL_TERRAIN_KIND_CANYON]    = { { 0.36, 0.17, 0.09 },   0.15, 1.0, 0.0, 0.35, 0.45 },
  [SL_TERRAIN_KIND_CLIFFS]    = { { 0.25, 0.22, 0.18 },   0.25, 1.2, 0.0, 0.25, 0.50 },
  [SL_TERRAIN_KIND_FOREST]    = { { 0.025, 0.06, 0.03 }, 0.25, 28,  0.5, 0.30, 0.15 },
  [SL_TERRAIN_KIND_CITY]      = { { 0.07, 0.08, 0.10 },   0.1,  7,   0.3, 0.08, 0.00 },
};

typedef struct {
  double   distance;
  double   t;                /* normalised depth, (i + 1) / n */
  double   peak;             /* m above the base */
  double   base;             /* world y of the profile's zero */
  double   half_width;
  double   color[3];
  double   foot[3];          /* the colour at the bottom of the strip */
  double   fog;
  CardSpec strip;
  CardSpec fill;
} Ridge;

/* The palette's colours by luminance, darkest first: near layers take the
 * dark ones, far layers the light ones. */
static void
palette_color (const SlLook *look, guint layer, double out[3])
{
  guint order[SL_LOOK_MAX_PALETTE], n = MIN (look->n_palette, SL_LOOK_MAX_PALETTE);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && sl_procedural_luminance (look->palette[order[j]])
                              < sl_procedural_luminance (look->palette[order[j - 1]]); j--)
      {
        guint tmp = order[j];

        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }
  memcpy (out, look->palette[order[MIN (layer, n - 1)]], 3 * sizeof (double));
}

/* A ridge's colour: its material lit by the scene, its hue drawn 40 %
 * toward the palette when @tinted (snow is not), then atmospheric perspective by the layer's place
 * s from the nearest (0) to the farthest (1): the air
 * (1 - e^(-1.5 · haze · s^1.4)) takes away saturation and mixes in the
 * horizon colour, so that every layer stands apart from the next, as in
 * layered landscape photographs. */
static void
ridge_color (Build *b, const double material[3], gboolean tinted, guint layer, double s, double out[3])
{
  const SlLook *look = b->look;
  double albedo[3], light[3], grey, air;

  memcpy (albedo, material, sizeof albedo);
  if (tinted && look->n_palette > 0)
    {
      double tint[3], y;

      palette_color (look, layer, tint);
      y = sl_procedural_luminance (tint);
      if (y > 1e-4)
        {
          scale3 (tint, sl_procedural_luminance (albedo) / y, tint);
          mix3 (albedo, tint, 0.4, albedo);
        }
    }
  scene_light (b, TRUE, light);
  for (int c = 0; c < 3; c++)
    out[c] = albedo[c] * light[c];
  air = 1.0 - exp (-1.5 * haze (look) * pow (s, 1.4));
  grey = sl_procedural_luminance (out);
  mix3 (out, (const double[3]) { grey, grey, grey }, 0.5 * air, out);
  mix3 (out, look->sky_horizon, air, out);
}

/* Where snow lies, as a fraction of each ridge's peak: everywhere while
 * it snows, on the upper slopes when the palette leads with white (snowy
 * mountains, winter, frost), nowhere otherwise. */
static double
snow_line (const SlLook *look)
{
  if (look->particles == SL_PARTICLES_SNOW)
    return 0.0;
  if (look->n_palette > 0 && sl_procedural_luminance (look->palette[0]) > 0.75)
    return 0.55;
  return 2.0;
}

/* The level of the water, or of the ground in front of the ridges. */
static double
ground_y (Build *b)
{
  return b->start.position.y - EYE_HEIGHT;
}

static void
make_ridge (Build *b, guint i, guint n, Ridge *r)
{
  const SlLook *look = b->look;
  const TerrainInfo *info = &terrains[MIN ((guint) look->terrain, G_N_ELEMENTS (terrains) - 1)];
  double s = n > 1 ? (double) i / (n - 1) : 0.3;
  double nearest = MAX (look->water ? RIDGE_NEAR_WATER : RIDGE_NEAR, 2 * b->subject_distance);
  double sensor_h, tan_peak, ppm, top, bottom, fill_bottom, frame_w, margin, side;
  SlRidgeSpec spec = { 0 };
  double *bottom_color = r->foot;

  r->distance = nearest * pow (MAX (RIDGE_FAR / nearest, 1.0), s);
  r->t = 0.1 + 0.9 * s;
  sl_camera_fit_sensor (b->start.sensor_width / b->start.sensor_height, NULL, &sensor_h);
  tan_peak = look->terrain_height * sensor_h / SL_CAMERA_DEFAULT_FOCAL_LENGTH * (1.0 - 0.3 * s);
  r->peak = r->distance * tan_peak;
  r->base = b->start.position.y - (look->water ? look->water_level * r->peak : 0.0);
  r->half_width = r->distance * tan (b->cover_side) + b->travel_side;

  ppm = texels_per_metre (b, r->distance);
  spec.width = (int) MIN (MAX_TEXTURE, ceil (2 * r->half_width * ppm));
  ppm = spec.width / (2 * r->half_width);
  margin = 3.0 / ppm;
  top = r->base + r->peak + margin;
  bottom = r->base + (info->valley + (0.6 - info->valley) * s - 0.4) * r->peak;
  if (look->water)
    bottom = MAX (bottom, ground_y (b));
  spec.height = (int) CLAMP (ceil ((top - bottom) * ppm), 8, MAX_TEXTURE);
  bottom = top - spec.height / ppm;

  ridge_color (b, info->albedo, TRUE, i, s, r->color);
  spec.snow_line = snow_line (look);
  ridge_color (b, (const double[3]) { 0.8, 0.8, 0.8 }, FALSE, i, s, spec.snow_color);

  r->fog = 1.0 - pow (1.0 - CLAMP (look->fog_density, 0.0, 1.0), r->t);
  if (look->fog_height < 1.0)
    r->fog *= 0.5 + 0.5 * look->fog_height;

  frame_w = r->distance * b->start.sensor_width / b->start.focal_length;
  spec.kind = look->terrain;
  spec.seed = sl_procedural_hash (b->seed, 100 + i);
  spec.features = info->features * pow (r->distance / nearest, info->feature_growth)
                * 2 * r->half_width / frame_w;
  spec.roughness = look->roughness;
  /* Far ranges read as long, even walls, near ones as peaks out of deep
   * valleys: the farther the layer, the higher its valleys and the
   * broader its tops, so that each shows above the nearer ones. */
  spec.valley = info->valley + (0.6 - info->valley) * s;
  spec.sharpness = 2.0 - 1.5 * s;
  /* A canyon opens between walls either side of the view; the gap
   * narrows with distance. */
  if (look->terrain == SL_TERRAIN_KIND_CANYON)
    {
      spec.gap = 0.85 * (1.0 - s);
      spec.gap_width = 0.9 * (0.5 * frame_w) / (2 * r->half_width) * (1.0 - 0.5 * s);
    }
  spec.peak_row = margin * ppm;
  spec.base_row = (top - r->base) * ppm;
  spec.softness = 1.0 + 1.5 * r->t;
  scale3 (r->color, 1.05, spec.top_color);
  /* Toward the foot the layer darkens, or where mist lies low it pales. */
  if (look->fog_density > 0 && look->fog_height < 1.0)
    mix3 (r->color, look->fog_color, 0.5 * look->fog_density, bottom_color);
  else
    scale3 (r->color, 0.85, bottom_color);
  /* While it snows, the ground at every ridge's foot is white. */
  if (spec.snow_line <= 0)
    memcpy (bottom_color, spec.snow_color, 3 * sizeof (double));
  memcpy (spec.bottom_color, bottom_color, sizeof spec.bottom_color);
  spec.detail = info->detail * (1.0 - 0.7 * s);
  /* The flanks facing the sun's side are lit: at least half-way to one
   * side, so that a sun straight ahead or behind still models them. */
  side = sin (SL_DEG_TO_RAD (look->sun_azimuth));
  spec.light_side = fabs (side) < 0.5 ? (side < 0 ? -0.5 : 0.5) : side;
  spec.relief = info->relief * (1.0 - 0.6 * s) * (0.4 + 0.6 * sunlit (look));
  spec.lit_windows = look->terrain == SL_TERRAIN_KIND_CITY && is_dark (look) ? 0.3 : 0.0;
  spec.window_color[0] = 1.0;
  spec.window_color[1] = 0.72;
  spec.window_color[2] = 0.38;

  r->strip.image = sl_procedural_ridge (&spec);
  r->strip.fog = r->fog;
  place_upright (b, r->distance, bottom, top, r->half_width, &r->strip);

  fill_bottom = look->water ? ground_y (b)
                            : b->start.position.y - b->travel_up - r->distance * tan (b->cover_down);
  r->fill.image = NULL;
  if (fill_bottom < bottom)
    {
      double overlap = 2.0 / ppm, dark[3];

      scale3 (bottom_color, look->water ? 1.0 : 0.75, dark);
      r->fill.image = sl_procedural_gradient (4, 64, bottom_color, dark, spec.seed);
      r->fill.fog = r->fog;
      place_upright (b, r->distance, fill_bottom, bottom + overlap, r->half_width, &r->fill);
    }
}

static void
clear_ridge (Ridge *r)
{
  g_clear_object (&r->strip.image);
  g_clear_object (&r->fill.image);
}

static void
add_reflection (Build *b, const CardSpec *card, const char *label)
{
  const SlLook *look = b->look;
  double waves = CLAMP (look->waves, 0.0, 1.0);
  g_autoptr(SlImage) image = sl_procedural_reflection (card->image, 0.75 * (1.0 - 0.3 * waves),
                                                        1.0 + 4.0 * waves, 2.0 + 12.0 * waves,
                                                        1.0 - 0.7 * waves);
  CardSpec spec;

  mirror (card, ground_y (b), &spec);
  spec.image = image;
  spec.label = label;
  add_card (b, &spec);
}

/* A band of mist between two ridges: up to fog_height of the nearest
 * ridge's height (as seen from the camera), fading over the next 20 %. */
static void
add_mist (Build *b, const Ridge *near, const Ridge *far, guint index)
{
  const SlLook *look = b->look;
  double distance = sqrt (near->distance * far->distance);
  double tan_peak = near->peak / near->distance;
  double fog_top = b->start.position.y + distance * tan_peak * look->fog_height;
  double fade = 0.2 * distance * tan_peak;
  double top = fog_top + fade;
  double bottom = look->water ? ground_y (b)
                              : b->start.position.y - b->travel_up - distance * tan (b->cover_down);
  double half_width = distance * tan (b->cover_side) + b->travel_side;
  double ppm = texels_per_metre (b, distance) / 4;
  g_autofree char *label = g_strdup_printf ("mist %u", index);
  g_autoptr(SlImage) image = NULL;
  SlMistSpec spec = { 0 };
  CardSpec card = { 0 };

  spec.seed = sl_procedural_hash (b->seed, 200 + index);
  spec.width = (int) CLAMP (ceil (2 * half_width * ppm), 16, 1024);
  spec.height = (int) CLAMP (ceil ((top - bottom) * ppm), 8, 256);
  spec.features = 3.0 * half_width / (distance * tan (b->cover_side));
  spec.top_row = fade / (top - bottom) * spec.height;
  spec.fade_rows = spec.top_row;
  spec.density = 0.85 * CLAMP (look->fog_density, 0.0, 1.0);
  memcpy (spec.color, look->fog_color, sizeof spec.color);
  image = sl_procedural_mist (&spec);
  card.image = image;
  card.label = label;
  place_upright (b, distance, bottom, top, half_width, &card);
  add_card (b, &card);
}

/* The reach of the water or the ground, cut into pieces a decade of
 * distance long so that each texture resolves its ripples or grain. */
static guint
ground_segments (double far, double *bounds)
{
  guint n = 0;

  bounds[n++] = GROUND_NEAR;
  while (bounds[n - 1] * 10 < far && n < 5)
    {
      bounds[n] = bounds[n - 1] * 10;
      n++;
    }
  bounds[n] = far;
  return n;
}

static void
water_spec (Build *b, double near, double far, double half_width, guint index, SlWaterSpec *spec)
{
  const SlLook *look = b->look;
  static const double deep[3] = { 0.012, 0.03, 0.04 };
  double light[3];

  scene_light (b, FALSE, light);
  memset (spec, 0, sizeof *spec);
  spec->seed = sl_procedural_hash (b->seed, 300 + index);
  spec->width = (int) CLAMP (ceil (half_width * 2 * texels_per_metre (b, MAX (near, 5.0)) / 8), 64, 2048);
  spec->height = plane_texels (b);
  spec->span = 2 * half_width;
  spec->near = near;
  spec->far = far;
  spec->eye_height = EYE_HEIGHT;
  spec->waves = CLAMP (look->waves, 0.0, 1.0);
  memcpy (spec->zenith, look->sky_zenith, sizeof spec->zenith);
  memcpy (spec->horizon, look->sky_horizon, sizeof spec->horizon);
  for (int c = 0; c < 3; c++)
    spec->deep_color[c] = deep[c] * CLAMP (sl_procedural_luminance (light) * 2.0, 0.05, 1.5);
}

/* The sky mirrored in the water, drawn first: the ridges and their
 * reflections stand on it. Each piece reaches a little under the next
 * nearer one, which hides the seam. */
static void
add_water_sky (Build *b, double far)
{
  double bounds[7];
  guint n = ground_segments (far, bounds);

  for (guint k = n; k-- > 0;)
    {
      double half_width = bounds[k + 1] * tan (b->cover_side) + b->travel_side;
      double near = k > 0 ? bounds[k] * 0.98 : bounds[k];
      g_autoptr(SlImage) image = NULL;
      SlWaterSpec spec;
      CardSpec card = { .label = "water reflection" };

      water_spec (b, near, bounds[k + 1], half_width, k, &spec);
      spec.width = 16;
      image = sl_procedural_water_sky (&spec);
      card.image = image;
      place_flat (b, ground_y (b), near, bounds[k + 1], half_width, &card);
      add_card (b, &card);
    }
}

/* The surface over the reflections, in front of the nearest ridge. */
static void
add_water_surface (Build *b, double far)
{
  double bounds[7];
  guint n = ground_segments (far, bounds);

  for (guint k = n; k-- > 0;)
    {
      double half_width = bounds[k + 1] * tan (b->cover_side) + b->travel_side;
      g_autoptr(SlImage) image = NULL;
      SlWaterSpec spec;
      CardSpec card = { .label = "water" };

      water_spec (b, bounds[k], bounds[k + 1], half_width, k, &spec);
      image = sl_procedural_water_surface (&spec);
      card.image = image;
      place_flat (b, ground_y (b) + 1e-3, bounds[k], bounds[k + 1], half_width, &card);
      add_card (b, &card);
    }
}

/* Level ground from the camera to the nearest ridge, in its foot colour,
 * where there is no water. */
static void
add_ground (Build *b, const Ridge *nearest)
{
  double bounds[7];
  guint n = ground_segments (nearest->distance, bounds);

  for (guint k = n; k-- > 0;)
    {
      double half_width = bounds[k + 1] * tan (b->cover_side) + b->travel_side;
      g_autoptr(SlImage) image = NULL;
      /* Each piece reaches a little under the next nearer one. */
      double near = k > 0 ? bounds[k] * 0.98 : bounds[k];
      SlGroundSpec spec = { 0 };
      CardSpec card = { .label = "ground", .fog = 0.5 * nearest->fog };

      spec.seed = sl_procedural_hash (b->seed, 800 + k);
      spec.width = plane_texels (b);
      spec.height = plane_texels (b);
      spec.span = 2 * half_width;
      spec.near = near;
      spec.far = bounds[k + 1];
      scale3 (nearest->foot, 0.9, spec.color);
      spec.variation = 0.5;
      image = sl_procedural_ground (&spec);
      card.image = image;
      place_flat (b, ground_y (b), near, bounds[k + 1], half_width, &card);
      add_card (b, &card);
    }
}

static void
build_landscape (Build *b)
{
  const SlLook *look = b->look;
  guint n = look->terrain == SL_TERRAIN_KIND_NONE ? 0 : MIN (look->ridge_layers, 8u);
  gboolean mist = look->fog_density > 0 && look->fog_height < 1.0;
  g_autofree Ridge *ridges = g_new0 (Ridge, MAX (n, 1));
  double water_far;

  for (guint i = 0; i < n; i++)
    make_ridge (b, i, n, &ridges[i]);
  water_far = n > 0 ? ridges[0].distance : RIDGE_FAR;
  if (look->water)
    add_water_sky (b, water_far);
  for (guint i = n; i-- > 0;)
    {
      Ridge *r = &ridges[i];
      g_autofree char *strip = g_strdup_printf ("ridge %u", i + 1);
      g_autofree char *fill = g_strdup_printf ("ridge %u fill", i + 1);
      g_autofree char *strip_reflection = g_strdup_printf ("ridge %u reflection", i + 1);
      g_autofree char *fill_reflection = g_strdup_printf ("ridge %u fill reflection", i + 1);

      r->strip.label = strip;
      r->fill.label = fill;
      if (look->water)
        {
          if (r->fill.image != NULL)
            add_reflection (b, &r->fill, fill_reflection);
          add_reflection (b, &r->strip, strip_reflection);
        }
      if (r->fill.image != NULL)
        add_card (b, &r->fill);
      add_card (b, &r->strip);
      if (mist && i > 0)
        add_mist (b, &ridges[i - 1], r, i);
    }
  if (look->water)
    add_water_surface (b, water_far);
  else if (n > 0)
    add_ground (b, &ridges[0]);
  for (guint i = 0; i < n; i++)
    clear_ridge (&ridges[i]);
}

/* ----- the studio -------------------------------------------------------- */

/* A cyclorama: the wall behind the subject and the floor it stands on,
 * one continuous surface with a pool of light behind the subject and a
 * soft contact shadow under subject cut-outs. */
static void
build_studio (Build *b)
{
  const SlLook *look = b->look;
  double frame_h = sl_camera_get_frame_height (&b->start, b->subject_distance);
  double drop = 0.5 * b->subject_fill * frame_h;
  double floor_y = b->subject.y - drop;
  double wall = b->subject_distance + MAX (1.5, 0.8 * b->subject_distance);
  double wall_top = b->start.position.y + b->travel_up + wall * tan (b->cover_up) + 1.0;
  double half_width = wall * tan (b->cover_side) + b->travel_side + 1.0;
  double floor_near = 0.05, total_width = 0, gap;
  g_autoptr(SlImage) wall_image = NULL, floor_image = NULL;
  SlBackdropSpec spec = { 0 };
  CardSpec card = { 0 };

  spec.seed = sl_procedural_hash (b->seed, 400);
  memcpy (spec.color, look->backdrop_color, sizeof spec.color);
  spec.x_left = -half_width;
  spec.x_right = half_width;
  spec.light_s = 1.2 * drop;
  spec.light_radius = MAX (0.6 * sl_camera_get_frame_height (&b->start, wall), 0.5);
  spec.brightness = STUDIO_BRIGHTNESS;
  spec.falloff = STUDIO_FALLOFF;
  if (b->subject_images->len > 0)
    {
      subject_scale (b, &total_width, &gap);
      spec.shadow_s = -(wall - b->subject_distance);
      spec.shadow_rx = 0.45 * total_width;
      spec.shadow_rs = 0.15 * total_width;
      spec.shadow_strength = 0.45;
    }

  spec.width = plane_texels (b);
  spec.height = (int) CLAMP (spec.width * (wall_top - floor_y) / (2 * half_width), 16, 2 * spec.width);
  /* The wall reaches a little below the floor, which hides the overlap:
   * the floor's far edge then blends over the wall, not over the sky. */
  spec.s_top = wall_top - floor_y;
  spec.s_bottom = -0.05;
  wall_image = sl_procedural_backdrop (&spec);
  card.image = wall_image;
  card.label = "backdrop";
  place_upright (b, wall, floor_y - 0.05, wall_top, half_width, &card);
  add_card (b, &card);

  spec.height = (int) CLAMP (spec.width * (wall - floor_near) / (2 * half_width), 16, 2 * spec.width);
  spec.s_top = 0;
  spec.s_bottom = -(wall - floor_near);
  floor_image = sl_procedural_backdrop (&spec);
  card.image = floor_image;
  card.label = "floor";
  place_flat (b, floor_y, floor_near, wall, half_width, &card);
  add_card (b, &card);
}

/* ----- sky and particles ------------------------------------------------- */

static SlVec3
direction (Build *b, double elevation, double azimuth)
{
  double e = SL_DEG_TO_RAD (elevation), a = SL_DEG_TO_RAD (azimuth);
  SlVec3 level = sl_vec3_add (sl_vec3_scale (b->heading, cos (a)), sl_vec3_scale (b->heading_right, sin (a)));

  return sl_vec3_normalize (sl_vec3_add (sl_vec3_scale (level, cos (e)), sl_vec3 (0, sin (e), 0)));
}

static void
build_sky (Build *b, gboolean plate)
{
  const SlLook *look = b->look;
  double veil = CLAMP (look->fog_density, 0.0, 1.0) * (look->fog_height >= 1.0 ? 1.0 : 0.3 * look->fog_height);
  double daylight = smoothstep (-6.0, 10.0, look->sun_elevation);
  SlSky sky = { 0 };

  sky.present = !plate && !look->backdrop && look->sky != SL_SKY_KIND_STUDIO;
  if (look->backdrop || look->sky == SL_SKY_KIND_STUDIO)
    scale3 (look->backdrop ? look->backdrop_color : look->sky_horizon,
            STUDIO_BRIGHTNESS * (1.0 - STUDIO_FALLOFF), sky.background_color);
  mix3 (look->sky_zenith, look->fog_color, veil, sky.zenith);
  mix3 (look->sky_horizon, look->fog_color, veil, sky.horizon);
  sky.sun_direction = sl_vec3 (0, 1, 0);
  if (look->sun_visible)
    {
      sky.sun_direction = direction (b, look->sun_elevation, look->sun_azimuth);
      scale3 (look->light_color, 20.0, sky.sun_color);
      sky.sun_radius = SL_DEG_TO_RAD (0.6);
      sky.sun_glow = 0.2 + 0.4 * (1.0 - smoothstep (0.0, 20.0, look->sun_elevation))
                   + (look->sky == SL_SKY_KIND_HAZY ? 0.3 : 0.0);
    }
  else if (look->moon_visible)
    {
      sky.sun_direction = direction (b, look->moon_elevation, look->moon_azimuth);
      scale3 ((const double[3]) { 0.9, 0.92, 1.0 }, 3.0 * (0.3 + 0.7 * look->moon_phase), sky.sun_color);
      sky.sun_radius = SL_DEG_TO_RAD (0.5);
      sky.sun_glow = 0.3;
    }
  sky.star_amount = 0.25 * CLAMP (look->stars, 0.0, 1.0)
                  * CLAMP (1.0 - sl_procedural_luminance (sky.zenith) / 0.05, 0.0, 1.0);
  sky.cloud_amount = CLAMP (look->clouds, 0.0, 1.0);
  {
    double lit[3];

    scale3 (look->light_color, MAX (sl_procedural_luminance (look->sky_horizon), 0.02) * 1.6, lit);
    scale3 (sky.horizon, 1.05, sky.cloud_color);
    mix3 (sky.cloud_color, lit, 0.5 * daylight, sky.cloud_color);
  }
  sky.cloud_scale = 3.0;
  sky.cloud_top = 0.5;
  sky.seed = sl_procedural_hash (b->seed, 700);
  sl_scene_set_sky (b->scene, &sky);
}

static void
build_particles (Build *b)
{
  const SlLook *look = b->look;
  g_autoptr(SlParticleField) field = NULL;
  SlParticleFieldSetup setup = { 0 };

  setup.kind = look->particles;
  setup.density = look->particle_density;
  setup.wind = look->wind;
  setup.size = CLAMP (3.0 * b->subject_distance, 8.0, 40.0);
  setup.scale = MAX (1.0, setup.size / 12.0);
  /* Lit particles take the scene light's colour and, in daylight, about
   * its strength on a white card. */
  scene_light (b, FALSE, setup.light);
  scale3 (setup.light, 1.0 / MAX (1.0, MAX (setup.light[0], MAX (setup.light[1], setup.light[2]))), setup.light);
  setup.fog_density = look->fog_density;
  setup.n_palette = look->n_palette;
  memcpy (setup.palette, look->palette, sizeof setup.palette);
  setup.seed = sl_procedural_hash (b->seed, 500);
  field = sl_particle_field_new (&setup);
  sl_scene_set_particles (b->scene, field);
}

/* ----- the whole scene --------------------------------------------------- */

static gboolean
apply_style (Build *b, GError **error)
{
  SlReference *ref = sl_shot_find_reference (b->shot, SL_REFERENCE_ROLE_STYLE);
  g_autoptr(SlImage) image = NULL;
  SlStyleStats stats;

  if (ref == NULL)
    return TRUE;
  image = load_image (b, sl_reference_get_file (ref), SL_STYLE_SAMPLE_SIZE, SL_STYLE_SAMPLE_SIZE, error);
  if (image == NULL)
    return FALSE;
  sl_style_stats_compute (image, sl_procedural_hash (b->seed, 600), &stats);
  sl_style_transfer_apply (&stats, b->look);
  return TRUE;
}

static gboolean
build (Build *b, GError **error)
{
  SlReference *plate = sl_shot_find_reference (b->shot, SL_REFERENCE_ROLE_PLATE);
  SlReference *first = sl_shot_find_reference (b->shot, SL_REFERENCE_ROLE_FIRST_FRAME);
  SlReference *last = sl_shot_find_reference (b->shot, SL_REFERENCE_ROLE_LAST_FRAME);

  if (!apply_style (b, error) || !load_subjects (b, error))
    return FALSE;
  b->scene = sl_scene_new (b->look);
  if (plate == NULL)
    plate = first;
  if (plate != NULL)
    {
      if (!build_plate (b, plate, error))
        return FALSE;
    }
  else if (b->look->backdrop)
    build_studio (b);
  else
    build_landscape (b);
  add_subjects (b);
  if (first != NULL && !add_frame (b, first, FALSE, error))
    return FALSE;
  if (last != NULL && !add_frame (b, last, TRUE, error))
    return FALSE;
  build_sky (b, plate != NULL);
  build_particles (b);
  return TRUE;
}

/* The project's frame scaled so that it covers @width × @height: the size
 * the textures are made for. */
static void
output_scale (SlProject *project, guint width, guint height, int *scaled_width, int *scaled_height)
{
  double project_width = MAX (1u, sl_project_get_width (project));
  double project_height = MAX (1u, sl_project_get_height (project));
  double scale = 1.0;

  if (width > 0 && height > 0)
    scale = MAX (width / project_width, height / project_height);
  *scaled_width = (int) MAX (1.0, round (project_width * scale));
  *scaled_height = (int) MAX (1.0, round (project_height * scale));
}

SlScene *
sl_scene_build (SlProject      *project,
                guint           shot_index,
                SlCameraSolver *camera,
                SlImageCache   *images,
                SlLexicon      *lexicon,
                guint           width,
                guint           height,
                GError        **error)
{
  Build b = { 0 };
  const char *prompt;
  gboolean ok;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (SL_IS_CAMERA_SOLVER (camera), NULL);
  g_return_val_if_fail (SL_IS_IMAGE_CACHE (images), NULL);
  g_return_val_if_fail (lexicon == NULL || SL_IS_LEXICON (lexicon), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  b.shot = sl_project_get_shot (project, shot_index);
  if (b.shot == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("There is no shot %u: the project has %u"), shot_index + 1,
                   sl_project_get_n_shots (project));
      return NULL;
    }
  if (lexicon == NULL)
    lexicon = sl_lexicon_get_default ();
  if (lexicon == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND,
                   _("Shot “%s”: the prompt lexicon could not be loaded"), sl_shot_get_name (b.shot));
      return NULL;
    }

  b.project = project;
  b.solver = camera;
  b.images = images;
  b.seed = sl_procedural_hash (sl_project_get_seed (project), shot_index);
  output_scale (project, width, height, &b.width, &b.height);
  b.duration = sl_camera_solver_get_duration (camera);
  b.frame_duration = sl_project_get_fps_num (project) > 0
                     ? (double) sl_project_get_fps_den (project) / sl_project_get_fps_num (project) : 0.0;
  prompt = sl_shot_get_prompt (b.shot);
  b.look = sl_lexicon_resolve (lexicon, prompt != NULL ? prompt : "", NULL);
  sample_camera (&b);

  ok = build (&b, error);
  sl_look_free (b.look);
  g_clear_pointer (&b.subject_images, g_ptr_array_unref);
  if (!ok)
    {
      g_clear_object (&b.scene);
      return NULL;
    }
  return b.scene;
}
