/* sl-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "shotline-shots.h"
#include "sl-backend-registry.h"
#include "sl-camera-solver.h"
#include "sl-engine-error.h"
#include "sl-grade.h"
#include "sl-image-cache.h"
#include "sl-renderer.h"
#include "sl-scene-builder.h"
#include "sl-texture-cache.h"

#define MAX_MOTION_BLUR_SAMPLES 64
/* A whip takes enough samples that its smear moves at most this many pixels
 * from one to the next; a slight blur (at most WHIP_MAX_SIGMA, as it blurs
 * across the smear too) hides the steps. */
#define WHIP_SAMPLE_STEP 3.0
#define WHIP_MAX_SIGMA 1.5
/* Mirrored copies that fill in beside a sliding frame reach this far under
 * it, so the seam has no antialiased gap. */
#define WHIP_OVERLAP 2.0
#define MAX_PARTICLES 8192
#define PARTICLE_ROW 2048      /* floats per row of the particle buffer */
#define YUV_ROW 4096           /* bytes per row of the encoder-plane buffer */
#define IMAGE_CACHE_BUDGET ((gsize) 1024 * 1024 * 1024)

G_STATIC_ASSERT (sizeof (SlParticleSprite) == SL_PARTICLE_FLOATS * sizeof (float));
G_STATIC_ASSERT (MAX_PARTICLES * SL_PARTICLE_FLOATS % PARTICLE_ROW == 0);

/* What a shot needs to be drawn at any time, built on first use. */
typedef struct {
  SlShot         *shot;
  guint           index;     /* its place when the plan was made */
  gint64          start;     /* its project time range then */
  gint64          end;
  SlCameraSolver *solver;
  SlScene        *scene;
  SlVec3          subject;   /* what the focus follows */
} Plan;

struct _SlRenderer
{
  GObject         parent_instance;

  SlProject      *project;
  gulong          changed_handler;
  SlBackend      *backend;
  char           *fallback_reason;
  SlTextureCache *textures;
  SlImageCache   *images;
  GHashTable     *plans;          /* SlShot -> Plan */

  guint           width;          /* 0: the project's */
  guint           height;
  guint           samples;

  /* Frame buffers of the current size. */
  guint           buffer_width;
  guint           buffer_height;
  SlBuffer       *frame;          /* the result, graded */
  SlBuffer       *second;         /* the other shot of a transition */
  SlBuffer       *sample;        /* one sub-frame of motion blur */
  SlBuffer       *rgba8;
  SlBuffer       *whip_texture;   /* a graded frame, for a whip to slide */
  SlBuffer       *yuv;
  guint8         *yuv_host;
  SlBuffer       *particles;
  SlParticleSprite *sprites;
  gboolean        has_frame;
};

G_DEFINE_FINAL_TYPE (SlRenderer, sl_renderer, G_TYPE_OBJECT)

static void
plan_free (gpointer data)
{
  Plan *plan = data;

  g_clear_object (&plan->scene);
  g_clear_object (&plan->solver);
  g_clear_object (&plan->shot);
  g_free (plan);
}

static void
free_frame_buffers (SlRenderer *self)
{
  g_clear_pointer (&self->frame, sl_buffer_free);
  g_clear_pointer (&self->second, sl_buffer_free);
  g_clear_pointer (&self->sample, sl_buffer_free);
  g_clear_pointer (&self->rgba8, sl_buffer_free);
  g_clear_pointer (&self->whip_texture, sl_buffer_free);
  g_clear_pointer (&self->yuv, sl_buffer_free);
  g_clear_pointer (&self->yuv_host, g_free);
  self->buffer_width = 0;
  self->buffer_height = 0;
  self->has_frame = FALSE;
}

static void
sl_renderer_dispose (GObject *object)
{
  SlRenderer *self = SL_RENDERER (object);

  g_clear_signal_handler (&self->changed_handler, self->project);
  /* Scenes first: textures are keyed by their images. */
  g_clear_pointer (&self->plans, g_hash_table_unref);
  g_clear_object (&self->textures);
  free_frame_buffers (self);
  g_clear_pointer (&self->particles, sl_buffer_free);
  g_clear_pointer (&self->backend, sl_backend_free);
  g_clear_object (&self->images);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (sl_renderer_parent_class)->dispose (object);
}

static void
sl_renderer_finalize (GObject *object)
{
  SlRenderer *self = SL_RENDERER (object);

  g_free (self->fallback_reason);
  g_free (self->sprites);
  G_OBJECT_CLASS (sl_renderer_parent_class)->finalize (object);
}

static void
sl_renderer_class_init (SlRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_renderer_dispose;
  object_class->finalize = sl_renderer_finalize;
}

static void
sl_renderer_init (SlRenderer *self)
{
  self->plans = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, plan_free);
  self->samples = 1;
}

/* Plans and their invalidation */

static guint
find_shot (SlProject *project, SlShot *shot)
{
  guint n = sl_project_get_n_shots (project);

  for (guint i = 0; i < n; i++)
    if (sl_project_get_shot (project, i) == shot)
      return i;
  return G_MAXUINT;
}

static gboolean
ranges_overlap (gint64 a_start, gint64 a_end, gint64 b_start, gint64 b_end)
{
  return a_start < b_end && b_start < a_end;
}

/* Keeps the textures of the scenes still planned, frees the others. */
static void
prune_textures (SlRenderer *self)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  Plan *plan;

  g_hash_table_iter_init (&iter, self->plans);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &plan))
    for (guint i = 0; i < sl_scene_get_n_cards (plan->scene); i++)
      {
        const SlCard *card = sl_scene_get_card (plan->scene, i);

        if (card->image != NULL)
          g_hash_table_add (keep, card->image);
      }
  sl_texture_cache_prune (self->textures, keep);
}

static gboolean
plan_is_stale (SlRenderer *self, Plan *plan, gint64 start, gint64 end)
{
  guint index = find_shot (self->project, plan->shot);
  gint64 now_start;

  if (index == G_MAXUINT)
    return TRUE;
  now_start = sl_project_get_shot_start (self->project, index);
  return ranges_overlap (plan->start, plan->end, start, end)
      || ranges_overlap (now_start, now_start + sl_shot_get_duration (plan->shot), start, end);
}

static void
on_project_changed (SlProject  *project,
                    SlShot     *shot,
                    gint64      start,
                    gint64      end,
                    SlRenderer *self)
{
  guint before = g_hash_table_size (self->plans);

  if (shot != NULL)
    {
      g_hash_table_remove (self->plans, shot);
    }
  else
    {
      GHashTableIter iter;
      Plan *plan;

      g_hash_table_iter_init (&iter, self->plans);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &plan))
        if (plan_is_stale (self, plan, start, end))
          g_hash_table_iter_remove (&iter);
    }
  if (g_hash_table_size (self->plans) != before)
    prune_textures (self);
}

static Plan *
get_plan (SlRenderer *self, guint index, GError **error)
{
  SlShot *shot = sl_project_get_shot (self->project, index);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlLexicon *lexicon;
  guint width, height;
  Plan *plan;

  g_assert (shot != NULL);
  plan = g_hash_table_lookup (self->plans, shot);
  if (plan != NULL && plan->index == index)
    {
      /* An earlier shot's new length moves this one without changing it. */
      plan->start = sl_project_get_shot_start (self->project, index);
      plan->end = plan->start + sl_shot_get_duration (shot);
      return plan;
    }
  /* The shot moved: its handheld noise and seeds follow its place. */
  if (plan != NULL)
    g_hash_table_remove (self->plans, shot);

  lexicon = sl_lexicon_get_default ();
  if (lexicon == NULL)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("The prompt lexicon could not be loaded"));
      return NULL;
    }
  solver = sl_camera_solver_new (self->project, index, NULL, error);
  if (solver == NULL)
    return NULL;

  plan = g_new0 (Plan, 1);
  sl_renderer_get_size (self, &width, &height);
  plan->scene = sl_scene_build (self->project, index, solver, self->images, lexicon, width, height, error);
  if (plan->scene == NULL)
    {
      g_free (plan);
      return NULL;
    }
  plan->shot = g_object_ref (shot);
  plan->index = index;
  plan->start = sl_project_get_shot_start (self->project, index);
  plan->end = plan->start + sl_shot_get_duration (shot);
  sl_camera_solver_get_subject (solver, &plan->subject, NULL);
  plan->solver = g_steal_pointer (&solver);
  g_hash_table_insert (self->plans, shot, plan);
  return plan;
}

/* Construction and settings */

/* Every op a frame may need. */
static const SlOp needed_ops[] = {
  SL_OP_CLEAR, SL_OP_DRAW_CARD, SL_OP_SKY, SL_OP_PARTICLES, SL_OP_GRADE, SL_OP_BLOOM,
  SL_OP_BLUR, SL_OP_ACCUMULATE, SL_OP_SCALE, SL_OP_TO_RGBA8, SL_OP_TO_I420,
  SL_OP_MIP_GENERATE, SL_OP_SRGB8_TO_TEXTURE,
};

static const char *
missing_op (SlBackend *backend)
{
  for (guint i = 0; i < G_N_ELEMENTS (needed_ops); i++)
    if (!sl_backend_supports_op (backend, needed_ops[i]))
      return sl_op_get_name (needed_ops[i]);
  return NULL;
}

/* The backend NAME, or for "auto" the first kind in the registry's order
 * that opens here and runs every op a frame needs; REASONS gathers why
 * others were passed over ("cuda: no device"). */
static SlBackend *
open_backend (const char *name, GString *reasons)
{
  gboolean automatic = g_str_equal (name, "auto");

  for (gsize i = 0; i < sl_backend_registry_get_n_backends (); i++)
    {
      const SlBackendIface *iface = sl_backend_registry_get_backend (i);
      char why[256] = "";
      const char *missing = NULL;
      SlBackendOptions options = { 0 };
      SlBackend *backend;

      if (!automatic && !g_str_equal (name, iface->name))
        continue;
      /* `auto` passes over GPUs emulated on the CPU: the CPU backend, last
       * in the order, is faster than they are. */
      options.hardware_only = automatic;
      backend = sl_backend_new (iface, &options, why, sizeof why);
      if (backend != NULL && (missing = missing_op (backend)) == NULL)
        return backend;
      if (backend != NULL)
        g_snprintf (why, sizeof why, _("it does not run the %s op"), missing);
      sl_backend_free (backend);
      g_string_append_printf (reasons, "%s%s: %s", reasons->len > 0 ? "; " : "", iface->name, why);
    }
  if (reasons->len == 0)
    g_string_append (reasons, _("no backend of that name is built into this program"));
  return NULL;
}

SlRenderer *
sl_renderer_new (SlProject *project, const char *backend_name, GError **error)
{
  g_autoptr(SlRenderer) self = NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);
  SlBufferDesc particles = { SL_FORMAT_R_F32, PARTICLE_ROW, MAX_PARTICLES * SL_PARTICLE_FLOATS / PARTICLE_ROW, 1 };

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (backend_name != NULL, NULL);

  self = g_object_new (SL_TYPE_RENDERER, NULL);
  self->backend = open_backend (backend_name, reasons);
  if (self->backend == NULL)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE,
                   _("The “%s” backend cannot be used: %s"), backend_name, reasons->str);
      return NULL;
    }
  if (reasons->len > 0)
    self->fallback_reason = g_string_free (g_steal_pointer (&reasons), FALSE);
  if (sl_buffer_new (self->backend, &particles, &self->particles) != SL_OK)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_BACKEND,
                   _("The %s backend failed: %s"), sl_backend_get_name (self->backend),
                   sl_backend_get_error (self->backend));
      return NULL;
    }
  self->sprites = g_new0 (SlParticleSprite, MAX_PARTICLES);
  self->textures = sl_texture_cache_new (self->backend);
  self->images = sl_image_cache_new (IMAGE_CACHE_BUDGET);
  self->project = g_object_ref (project);
  self->changed_handler = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  return g_steal_pointer (&self);
}

SlProject *
sl_renderer_get_project (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  return self->project;
}

const char *
sl_renderer_get_backend_name (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  return sl_backend_get_name (self->backend);
}

const char *
sl_renderer_get_fallback_reason (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  return self->fallback_reason;
}

const char *
sl_renderer_get_device_name (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  return sl_backend_get_device_name (self->backend);
}

static gboolean
check_size (guint width, guint height, GError **error)
{
  if (width == 0 || height == 0 || width > SL_MAX_DIMENSION || height > SL_MAX_DIMENSION)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("Cannot render a %u×%u picture: each side must be 1 to %u pixels"),
                   width, height, SL_MAX_DIMENSION);
      return FALSE;
    }
  return TRUE;
}

/* Scenes carry textures made for the output size, so a new size drops
 * them: the same size always gives the same pixels, whatever was rendered
 * before. */
static void
set_output_size (SlRenderer *self, guint width, guint height)
{
  guint old_width, old_height;

  sl_renderer_get_size (self, &old_width, &old_height);
  self->width = width;
  self->height = height;
  sl_renderer_get_size (self, &width, &height);
  if (width != old_width || height != old_height)
    {
      g_hash_table_remove_all (self->plans);
      prune_textures (self);
    }
}

gboolean
sl_renderer_set_size (SlRenderer *self, guint width, guint height, GError **error)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), FALSE);

  if (!check_size (width, height, error))
    return FALSE;
  set_output_size (self, width, height);
  return TRUE;
}

void
sl_renderer_use_project_size (SlRenderer *self)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  set_output_size (self, 0, 0);
}

void
sl_renderer_get_size (SlRenderer *self, guint *width, guint *height)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  if (width != NULL)
    *width = self->width > 0 ? self->width : sl_project_get_width (self->project);
  if (height != NULL)
    *height = self->height > 0 ? self->height : sl_project_get_height (self->project);
}

void
sl_renderer_set_motion_blur_samples (SlRenderer *self, guint samples)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  self->samples = CLAMP (samples, 1, MAX_MOTION_BLUR_SAMPLES);
}

guint
sl_renderer_get_motion_blur_samples (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), 1);

  return self->samples;
}

/* Running ops */

static gboolean
backend_failed (SlRenderer *self, GError **error)
{
  g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_BACKEND,
               _("The %s backend failed: %s"), sl_backend_get_name (self->backend),
               sl_backend_get_error (self->backend));
  return FALSE;
}

static gboolean
run (SlRenderer *self, SlOp op, const void *params, gsize params_size,
     SlBuffer *dst, SlBuffer *src, GError **error)
{
  SlOpBuffers buffers = { .dst = dst, .src = src, .aux = NULL };

  if (sl_backend_run_op (self->backend, op, params, params_size, &buffers) != SL_OK)
    return backend_failed (self, error);
  return TRUE;
}

#define RUN(self, op, params, dst, src, error) \
  run ((self), (op), (params), sizeof *(params), (dst), (src), (error))

static gboolean
new_buffer (SlRenderer *self, SlFormat format, guint width, guint height,
            SlBuffer **buffer, GError **error)
{
  SlBufferDesc desc = { format, width, height, 1 };

  if (sl_buffer_new (self->backend, &desc, buffer) != SL_OK)
    return backend_failed (self, error);
  return TRUE;
}

static gboolean
ensure_buffers (SlRenderer *self, guint width, guint height, GError **error)
{
  if (self->frame != NULL && self->buffer_width == width && self->buffer_height == height)
    return TRUE;
  free_frame_buffers (self);
  if (!new_buffer (self, SL_FORMAT_RGBA_F32, width, height, &self->frame, error)
      || !new_buffer (self, SL_FORMAT_RGBA_F32, width, height, &self->second, error)
      || !new_buffer (self, SL_FORMAT_RGBA_F32, width, height, &self->sample, error)
      || !new_buffer (self, SL_FORMAT_RGBA_U8, width, height, &self->rgba8, error)
      || !new_buffer (self, SL_FORMAT_RGBA_U16, width, height, &self->whip_texture, error))
    {
      free_frame_buffers (self);
      return FALSE;
    }
  self->buffer_width = width;
  self->buffer_height = height;
  return TRUE;
}

/* Geometry */

static void
intrinsics_matrix (const SlCamera *camera, guint width, guint height, SlMat3 *k)
{
  SlIntrinsics in;

  /* Pixels have y down: a camera-space point lands on (cx + fx x/z, cy - fy y/z). */
  sl_camera_get_intrinsics (camera, width, height, &in);
  *k = (SlMat3) { { { in.fx, 0, in.cx }, { 0, -in.fy, in.cy }, { 0, 0, 1 } } };
}

static gboolean
mat3_invert (const SlMat3 *m, SlMat3 *inverse)
{
  const double (*a)[3] = m->m;
  double det;

  inverse->m[0][0] = a[1][1] * a[2][2] - a[1][2] * a[2][1];
  inverse->m[0][1] = a[0][2] * a[2][1] - a[0][1] * a[2][2];
  inverse->m[0][2] = a[0][1] * a[1][2] - a[0][2] * a[1][1];
  inverse->m[1][0] = a[1][2] * a[2][0] - a[1][0] * a[2][2];
  inverse->m[1][1] = a[0][0] * a[2][2] - a[0][2] * a[2][0];
  inverse->m[1][2] = a[0][2] * a[1][0] - a[0][0] * a[1][2];
  inverse->m[2][0] = a[1][0] * a[2][1] - a[1][1] * a[2][0];
  inverse->m[2][1] = a[0][1] * a[2][0] - a[0][0] * a[2][1];
  inverse->m[2][2] = a[0][0] * a[1][1] - a[0][1] * a[1][0];
  det = a[0][0] * inverse->m[0][0] + a[0][1] * inverse->m[1][0] + a[0][2] * inverse->m[2][0];
  if (!(fabs (det) > 1e-300) || !isfinite (det))
    return FALSE;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      inverse->m[r][c] /= det;
  return TRUE;
}

/* A point or direction of the card in camera space. */
static SlVec3
to_camera (const SlCard *card, const SlMat34 *pose, SlVec3 v, gboolean point)
{
  if (card->camera_locked)
    return v;
  return sl_vec3 (pose->m[0][0] * v.x + pose->m[0][1] * v.y + pose->m[0][2] * v.z + (point ? pose->m[0][3] : 0),
                  pose->m[1][0] * v.x + pose->m[1][1] * v.y + pose->m[1][2] * v.z + (point ? pose->m[1][3] : 0),
                  pose->m[2][0] * v.x + pose->m[2][1] * v.y + pose->m[2][2] * v.z + (point ? pose->m[2][3] : 0));
}

gboolean
sl_renderer_card_homography (const SlCard   *card,
                             const SlCamera *camera,
                             guint           width,
                             guint           height,
                             float           homography[9])
{
  double tex_width, tex_height;
  SlMat34 pose;
  SlMat3 k, plane, forward, inverse;
  SlVec3 columns[3];

  g_return_val_if_fail (card != NULL && SL_IS_IMAGE (card->image), FALSE);

  tex_width = sl_image_get_width (card->image);
  tex_height = sl_image_get_height (card->image);
  sl_camera_world_to_camera (camera, &pose);
  intrinsics_matrix (camera, width, height, &k);

  /* Texel (u, v) is the point centre - right + up + u (2 right / W) - v (2 up / H). */
  columns[0] = to_camera (card, &pose, sl_vec3_scale (card->right, 2.0 / tex_width), FALSE);
  columns[1] = to_camera (card, &pose, sl_vec3_scale (card->up, -2.0 / tex_height), FALSE);
  columns[2] = to_camera (card, &pose, sl_vec3_add (sl_vec3_sub (card->centre, card->right), card->up), TRUE);
  for (int c = 0; c < 3; c++)
    {
      plane.m[0][c] = columns[c].x;
      plane.m[1][c] = columns[c].y;
      plane.m[2][c] = columns[c].z;
    }
  forward = sl_mat3_mul (&k, &plane);
  if (!mat3_invert (&forward, &inverse))
    return FALSE;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      homography[r * 3 + c] = inverse.m[r][c];
  return TRUE;
}

/* The thin lens's signed blur (sensor metres) of a point at DEPTH when
 * focused at FOCUS: f^2 (d - s) / (N d (s - f)). */
static double
lens_blur (double focal, double focus, double depth)
{
  focus = MAX (focus, focal * 1.001);
  return focal * focal * (depth - focus) / (SL_RENDERER_APERTURE * depth * (focus - focal));
}

double
sl_renderer_circle_of_confusion (const SlCamera *camera,
                                 double          depth,
                                 double          subject_distance,
                                 double          defocus,
                                 guint           width)
{
  double focal = camera->focal_length / 1000.0;
  double lens, look;

  if (!(depth > 0.0))
    return 0.0;
  lens = fabs (lens_blur (focal, camera->focus_distance, depth) - lens_blur (focal, subject_distance, depth))
         * width / (camera->sensor_width / 1000.0);
  look = 2.0 * 0.02 * defocus * fabs (depth - camera->focus_distance) / depth * width;
  return sqrt (lens * lens + look * look);
}

/* Drawing one camera's view */

/* 0 at START rising to 1 at END; 1 throughout when they are equal. */
static double
fade_in (double t, double start, double end)
{
  if (end == start)
    return 1.0;
  return CLAMP ((t - start) / (end - start), 0.0, 1.0);
}

static double
fade_out (double t, double start, double end)
{
  if (end == start)
    return 1.0;
  return 1.0 - fade_in (t, start, end);
}

static double
card_depth (const SlCard *card, const SlCamera *camera)
{
  SlMat34 pose;

  if (card->camera_locked)
    return card->centre.z;
  sl_camera_world_to_camera (camera, &pose);
  return to_camera (card, &pose, card->centre, TRUE).z;
}

static double
card_opacity (const SlCard *card, double seconds)
{
  return card->opacity
         * fade_in (seconds, card->fade_in_start, card->fade_in_end)
         * fade_out (seconds, card->fade_out_start, card->fade_out_end);
}

/* The blur of a card, as a mip level bias: a level 2^b texels across per
 * pixel blurs about as a disc b pixels wide. Cards locked to the camera are
 * overlays, never out of focus. */
static double
card_lod_bias (SlRenderer *self, Plan *plan, const SlCard *card, const SlCamera *camera)
{
  double coc;

  if (card->camera_locked)
    return 0.0;
  coc = sl_renderer_circle_of_confusion (camera, card_depth (card, camera),
                                         sl_vec3_distance (camera->position, plan->subject),
                                         sl_scene_get_look (plan->scene)->defocus,
                                         self->buffer_width);
  return MIN (log2 (MAX (coc, 1.0)), SL_MAX_LEVELS);
}

static gboolean
draw_card (SlRenderer     *self,
           Plan           *plan,
           const SlCard   *card,
           const SlCamera *camera,
           double          seconds,
           SlBuffer       *dst,
           GError        **error)
{
  SlDrawCardParams params = { 0 };
  double opacity = card_opacity (card, seconds);
  SlBuffer *texture;

  if (!(opacity > 0.0)
      || !sl_renderer_card_homography (card, camera, self->buffer_width, self->buffer_height,
                                       params.homography))
    return TRUE;
  texture = sl_texture_cache_get (self->textures, card->image, error);
  if (texture == NULL)
    return FALSE;

  for (int c = 0; c < 3; c++)
    {
      params.tint[c] = card->tint[c];
      params.fog_color[c] = card->fog_color[c];
    }
  params.opacity = MIN (opacity, 1.0);
  params.fog_amount = card->fog_amount;
  params.lod_bias = card_lod_bias (self, plan, card, camera);
  params.depth_scale = 1.0f;
  return RUN (self, SL_OP_DRAW_CARD, &params, dst, texture, error);
}

/* Whether CARD hides everything behind it: fully opaque, and its picture
 * reaches a pixel beyond every edge of the frame. The pixels where a card
 * shows are convex (half-planes of the homography), so the corners tell. */
static gboolean
card_covers_frame (SlRenderer *self, const SlCard *card, const SlCamera *camera, double seconds)
{
  const double corners[4][2] = {
    { -1, -1 }, { self->buffer_width + 1.0, -1 },
    { -1, self->buffer_height + 1.0 }, { self->buffer_width + 1.0, self->buffer_height + 1.0 },
  };
  double width = sl_image_get_width (card->image), height = sl_image_get_height (card->image);
  float h[9];

  if (card_opacity (card, seconds) < 1.0
      || !sl_renderer_card_homography (card, camera, self->buffer_width, self->buffer_height, h)
      || !sl_texture_cache_is_opaque (self->textures, card->image))
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      double x = corners[i][0], y = corners[i][1];
      double qx = h[0] * x + h[1] * y + h[2];
      double qy = h[3] * x + h[4] * y + h[5];
      double qz = h[6] * x + h[7] * y + h[8];

      if (!(qz > 0) || qx < 0 || qy < 0 || qx > width * qz || qy > height * qz)
        return FALSE;
    }
  return TRUE;
}

static void
copy3 (float to[3], const double from[3])
{
  for (int c = 0; c < 3; c++)
    to[c] = from[c];
}

static gboolean
draw_sky (SlRenderer *self, const SlSky *sky, const SlCamera *camera, SlBuffer *dst, GError **error)
{
  SlSkyParams params = { 0 };
  SlMat3 k, k_inverse, rotation, rays;

  if (!sky->present)
    {
      SlClearParams clear = { { sky->background_color[0], sky->background_color[1],
                                sky->background_color[2], 1.0f } };

      return RUN (self, SL_OP_CLEAR, &clear, dst, NULL, error);
    }
  intrinsics_matrix (camera, self->buffer_width, self->buffer_height, &k);
  if (!mat3_invert (&k, &k_inverse))
    return TRUE;
  rotation = sl_quat_to_mat3 (camera->orientation);
  rays = sl_mat3_mul (&rotation, &k_inverse);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      params.ray_matrix[r * 3 + c] = rays.m[r][c];
  copy3 (params.zenith, sky->zenith);
  copy3 (params.horizon, sky->horizon);
  params.sun_dir[0] = sky->sun_direction.x;
  params.sun_dir[1] = sky->sun_direction.y;
  params.sun_dir[2] = sky->sun_direction.z;
  copy3 (params.sun_color, sky->sun_color);
  params.sun_radius = sky->sun_radius;
  params.sun_glow = sky->sun_glow;
  params.star_amount = sky->star_amount;
  params.seed = sky->seed;
  copy3 (params.cloud_color, sky->cloud_color);
  params.cloud_amount = sky->cloud_amount;
  params.cloud_scale = sky->cloud_scale;
  params.cloud_top = sky->cloud_top;
  return RUN (self, SL_OP_SKY, &params, dst, NULL, error);
}

static gboolean
draw_particles (SlRenderer *self, SlScene *scene, const SlCamera *camera, double seconds,
                SlBuffer *dst, GError **error)
{
  SlParticlesParams params = { 0 };
  guint n;

  n = sl_scene_get_particles (scene, seconds, camera, self->buffer_width, self->buffer_height,
                              self->sprites, MAX_PARTICLES);
  if (n == 0)
    return TRUE;
  if (sl_backend_upload (self->backend, self->particles, 0, self->sprites,
                         PARTICLE_ROW * sizeof (float)) != SL_OK)
    return backend_failed (self, error);
  params.count = n;
  params.opacity = 1.0f;
  return RUN (self, SL_OP_PARTICLES, &params, dst, self->particles, error);
}

/* The scene of PLAN as CAMERA sees it at SECONDS into the shot, ungraded.
 * What lies behind the nearest card that covers the whole frame is never
 * drawn (a plate's farthest layer hides the sky): the frame is only cleared
 * to opaque black for it to be drawn over. */
static gboolean
draw_view (SlRenderer *self, Plan *plan, const SlCamera *camera, double seconds,
           SlBuffer *dst, GError **error)
{
  const SlClearParams black = { { 0.0f, 0.0f, 0.0f, 1.0f } };
  guint n = sl_scene_get_n_cards (plan->scene);
  guint first = n;

  while (first > 0 && !card_covers_frame (self, sl_scene_get_card (plan->scene, first - 1), camera, seconds))
    first--;
  if (first > 0)
    {
      if (!RUN (self, SL_OP_CLEAR, &black, dst, NULL, error))
        return FALSE;
    }
  else if (!draw_sky (self, sl_scene_get_sky (plan->scene), camera, dst, error))
    {
      return FALSE;
    }
  for (guint i = first > 0 ? first - 1 : 0; i < n; i++)
    if (!draw_card (self, plan, sl_scene_get_card (plan->scene, i), camera, seconds, dst, error))
      return FALSE;
  return draw_particles (self, plan->scene, camera, seconds, dst, error);
}

/* Frames and transitions */

/* Where in a frame's shutter sub-frame K of N looks. */
typedef struct {
  gint64  time;            /* project time the shutter opens */
  gint64  duration;        /* of one frame */
  guint32 number;          /* the frame's number, for the grain */
  guint   n_samples;
} FrameTiming;

static double
sample_time (const FrameTiming *timing, guint k)
{
  return timing->time + timing->duration * SL_RENDERER_SHUTTER * (k + 0.5) / timing->n_samples;
}

/* Renders PLAN's shot into DST with the sub-frames of TIMING averaged, then
 * its glow and grade. */
static gboolean
render_shot (SlRenderer        *self,
             Plan              *plan,
             const FrameTiming *timing,
             SlBuffer          *dst,
             GError           **error)
{
  guint n = timing->n_samples;
  g_autofree SlCamera *cameras = g_new (SlCamera, n);
  const SlLook *look = sl_scene_get_look (plan->scene);
  SlGradeParams grade;
  SlBloomParams bloom;

  sl_camera_solver_sample_shutter (plan->solver, timing->time - plan->start, timing->duration,
                                   SL_RENDERER_SHUTTER, n, cameras);
  for (guint k = 0; k < n; k++)
    {
      const SlAccumulateParams add = { 1.0f };
      double seconds = (sample_time (timing, k) - plan->start) / SL_SECOND;

      if (!draw_view (self, plan, &cameras[k], seconds, k == 0 ? dst : self->sample, error)
          || (k > 0 && !RUN (self, SL_OP_ACCUMULATE, &add, dst, self->sample, error)))
        return FALSE;
    }
  if (n > 1)
    {
      const SlScaleParams average = { { 1.0f / n, 1.0f / n, 1.0f / n, 1.0f / n } };

      if (!RUN (self, SL_OP_SCALE, &average, dst, NULL, error))
        return FALSE;
    }
  if (sl_grade_bloom_params_from_look (look, self->buffer_width, &bloom)
      && !RUN (self, SL_OP_BLOOM, &bloom, dst, NULL, error))
    return FALSE;
  sl_grade_params_from_look (look, sl_project_get_seed (self->project), timing->number, &grade);
  if (sl_grade_params_is_identity (&grade))
    return TRUE;
  return RUN (self, SL_OP_GRADE, &grade, dst, NULL, error);
}

/* dst = dst * keep + src * add, colour and alpha alike. */
static gboolean
mix (SlRenderer *self, SlBuffer *dst, float keep, SlBuffer *src, float add, GError **error)
{
  SlScaleParams scale = { { keep, keep, keep, keep } };
  SlAccumulateParams accumulate = { add };

  return RUN (self, SL_OP_SCALE, &scale, dst, NULL, error)
      && RUN (self, SL_OP_ACCUMULATE, &accumulate, dst, src, error);
}

typedef struct {
  SlTransition kind;
  guint        outgoing;   /* shot indices */
  guint        incoming;
  gint64       cut;        /* project time */
  gint64       half;       /* half its length, after the bounds */
  double       progress;   /* 0 .. 1 across it */
} Transition;

/* The transition into shot INDEX (> 0), centred on the cut and reaching at
 * most half way into either shot. */
static gint64
transition_half (SlProject *project, guint index)
{
  SlShot *incoming = sl_project_get_shot (project, index);
  SlShot *outgoing = sl_project_get_shot (project, index - 1);
  gint64 length;

  if (sl_shot_get_transition (incoming) == SL_TRANSITION_CUT)
    return 0;
  length = MIN (sl_shot_get_transition_duration (incoming),
                MIN (sl_shot_get_duration (incoming), sl_shot_get_duration (outgoing)));
  return MAX (length, 0) / 2;
}

static gboolean
find_transition (SlProject *project, guint index, gint64 time, Transition *transition)
{
  guint n = sl_project_get_n_shots (project);
  guint incoming = G_MAXUINT;
  gint64 half = 0, cut = 0;

  if (index + 1 < n)
    {
      half = transition_half (project, index + 1);
      cut = sl_project_get_shot_start (project, index + 1);
      if (half > 0 && time >= cut - half)
        incoming = index + 1;
    }
  if (incoming == G_MAXUINT && index > 0)
    {
      half = transition_half (project, index);
      cut = sl_project_get_shot_start (project, index);
      if (half > 0 && time < cut + half)
        incoming = index;
    }
  if (incoming == G_MAXUINT)
    return FALSE;
  transition->kind = sl_shot_get_transition (sl_project_get_shot (project, incoming));
  transition->outgoing = incoming - 1;
  transition->incoming = incoming;
  transition->cut = cut;
  transition->half = half;
  transition->progress = CLAMP ((double) (time - (cut - half)) / (2.0 * half), 0.0, 1.0);
  return TRUE;
}

static gboolean
render_dissolve (SlRenderer *self, const Transition *tr, const FrameTiming *timing, GError **error)
{
  Plan *outgoing, *incoming;
  float p = tr->progress;

  if (!(outgoing = get_plan (self, tr->outgoing, error))
      || !(incoming = get_plan (self, tr->incoming, error)))
    return FALSE;
  return render_shot (self, outgoing, timing, self->frame, error)
      && render_shot (self, incoming, timing, self->second, error)
      && mix (self, self->frame, 1.0f - p, self->second, p, error);
}

static gboolean
render_dip (SlRenderer *self, const Transition *tr, const FrameTiming *timing, GError **error)
{
  gboolean before_cut = tr->progress < 0.5;
  float amount = before_cut ? 2.0 * tr->progress : 2.0 * (1.0 - tr->progress);
  float white = tr->kind == SL_TRANSITION_DIP_TO_WHITE;
  /* Alpha is kept at 1; only the colour goes toward the dip's colour. */
  SlClearParams colour = { { white, white, white, 0.0f } };
  SlScaleParams fade = { { 1.0f - amount, 1.0f - amount, 1.0f - amount, 1.0f } };
  SlAccumulateParams add = { amount };
  Plan *plan = get_plan (self, before_cut ? tr->outgoing : tr->incoming, error);

  return plan != NULL
      && render_shot (self, plan, timing, self->frame, error)
      && RUN (self, SL_OP_SCALE, &fade, self->frame, NULL, error)
      && RUN (self, SL_OP_CLEAR, &colour, self->second, NULL, error)
      && RUN (self, SL_OP_ACCUMULATE, &add, self->frame, self->second, error);
}

/* How far (pixels, negative = left) a whip has slid the picture at project
 * time T: the outgoing shot accelerates out to the left until the cut, the
 * incoming one slides in from the right and settles. */
static double
whip_offset (const Transition *tr, double width, double t)
{
  double u;

  if (t < tr->cut)
    {
      u = CLAMP ((t - (tr->cut - tr->half)) / tr->half, 0.0, 1.0);
      return -SL_RENDERER_WHIP_TRAVEL * width * u * u;
    }
  u = CLAMP ((tr->cut + tr->half - t) / tr->half, 0.0, 1.0);
  return SL_RENDERER_WHIP_TRAVEL * width * u * u;
}

/* How far the picture slides while the shutter is open (pixels; across the
 * cut, the longer of the two slides). */
static double
whip_travel (const Transition *tr, const FrameTiming *timing, double width)
{
  double open = timing->time, shut = open + timing->duration * SL_RENDERER_SHUTTER;

  if (open < tr->cut && shut > tr->cut)
    return MAX (fabs (whip_offset (tr, width, tr->cut - 1) - whip_offset (tr, width, open)),
                fabs (whip_offset (tr, width, shut) - whip_offset (tr, width, tr->cut)));
  return fabs (whip_offset (tr, width, shut) - whip_offset (tr, width, open));
}

/* Draws the whip texture slid by OFFSET pixels into self->sample, with a
 * mirror image of it filling the side it uncovers. */
static gboolean
draw_slid (SlRenderer *self, double offset, GError **error)
{
  const SlClearParams clear = { { 0, 0, 0, 0 } };
  double width = self->buffer_width;
  SlDrawCardParams slid = {
    .homography = { 1, 0, -offset, 0, 1, 0, 0, 0, 1 },
    .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1,
  };
  SlDrawCardParams mirror = slid;

  /* Mirrored about the uncovered edge, reaching WHIP_OVERLAP under it. */
  mirror.homography[0] = -1;
  mirror.homography[2] = offset < 0 ? 2 * width - WHIP_OVERLAP + offset : WHIP_OVERLAP + offset;
  return RUN (self, SL_OP_CLEAR, &clear, self->sample, NULL, error)
      && (offset == 0 || RUN (self, SL_OP_DRAW_CARD, &mirror, self->sample, self->whip_texture, error))
      && RUN (self, SL_OP_DRAW_CARD, &slid, self->sample, self->whip_texture, error);
}

/* Adds the whip samples FIRST .. END - 1 of PLAN's graded frame to DST. */
static gboolean
smear_shot (SlRenderer        *self,
            Plan              *plan,
            const Transition  *tr,
            const FrameTiming *timing,
            const FrameTiming *whip,
            guint              first,
            guint              end,
            SlBuffer          *dst,
            GError           **error)
{
  SlToRgba8Params to_rgba8 = { .dither = 0 };
  SlSrgb8ToTextureParams to_texture = { .level = 0 };
  SlAccumulateParams add = { 1.0f / whip->n_samples };

  if (first == end)
    return TRUE;
  /* The graded frame becomes a texture at display precision: the smear
   * averages it only, and the output is 8-bit anyway. */
  if (!render_shot (self, plan, timing, self->frame, error)
      || !RUN (self, SL_OP_TO_RGBA8, &to_rgba8, self->rgba8, self->frame, error)
      || !RUN (self, SL_OP_SRGB8_TO_TEXTURE, &to_texture, self->whip_texture, self->rgba8, error))
    return FALSE;
  for (guint k = first; k < end; k++)
    if (!draw_slid (self, whip_offset (tr, self->buffer_width, sample_time (whip, k)), error)
        || !RUN (self, SL_OP_ACCUMULATE, &add, dst, self->sample, error))
      return FALSE;
  return TRUE;
}

/* A whip pan in screen space: each shot's own frame (with its own motion
 * blur and grade) slides sideways, averaged over the open shutter, so it
 * smears; the frame across the cut holds samples of both. */
static gboolean
render_whip (SlRenderer *self, const Transition *tr, const FrameTiming *timing, GError **error)
{
  const SlClearParams clear = { { 0, 0, 0, 0 } };
  FrameTiming whip = *timing;
  Plan *outgoing, *incoming;
  SlBuffer *result = self->second;
  double travel = whip_travel (tr, timing, self->buffer_width);
  guint before = 0;

  if (!(outgoing = get_plan (self, tr->outgoing, error))
      || !(incoming = get_plan (self, tr->incoming, error)))
    return FALSE;
  /* Enough samples that they are at most WHIP_SAMPLE_STEP pixels apart. */
  whip.n_samples = CLAMP ((guint) ceil (travel / WHIP_SAMPLE_STEP), 1, MAX_MOTION_BLUR_SAMPLES);
  while (before < whip.n_samples && sample_time (&whip, before) < tr->cut)
    before++;

  if (!RUN (self, SL_OP_CLEAR, &clear, result, NULL, error)
      || !smear_shot (self, outgoing, tr, timing, &whip, 0, before, result, error)
      || !smear_shot (self, incoming, tr, timing, &whip, before, whip.n_samples, result, error))
    return FALSE;
  self->second = self->frame;
  self->frame = result;

  /* Soften the steps between samples. */
  if (travel / whip.n_samples > 1.0)
    {
      SlBlurParams blur = { MIN (travel / whip.n_samples / 2, WHIP_MAX_SIGMA) };

      return RUN (self, SL_OP_BLUR, &blur, self->frame, self->frame, error);
    }
  return TRUE;
}

static void
frame_timing (SlProject *project, gint64 time, FrameTiming *timing)
{
  guint64 num = MAX (sl_project_get_fps_num (project), 1);
  guint64 den = MAX (sl_project_get_fps_den (project), 1);

  *timing = (FrameTiming) { 0 };
  timing->time = time;
  timing->duration = (gint64) (SL_SECOND * den / num);
  timing->number = (guint32) ((guint64) MAX (time, 0) * num / (den * SL_SECOND));
}

/* Renders the frame at TIME into self->frame. */
static gboolean
render_frame (SlRenderer *self, gint64 time, GError **error)
{
  guint width, height, index = 0;
  FrameTiming timing;
  Transition transition;
  Plan *plan;

  sl_renderer_get_size (self, &width, &height);
  if (!check_size (width, height, error))
    return FALSE;
  if (sl_project_get_n_shots (self->project) == 0)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_EMPTY,
                   _("The project has no shots to render"));
      return FALSE;
    }
  if (!ensure_buffers (self, width, height, error))
    return FALSE;
  self->has_frame = FALSE;

  time = CLAMP (time, 0, MAX (sl_project_get_duration (self->project) - 1, 0));
  sl_project_get_shot_at (self->project, time, &index, NULL);
  frame_timing (self->project, time, &timing);
  timing.n_samples = self->samples;

  if (find_transition (self->project, index, time, &transition))
    {
      gboolean done = FALSE;

      switch (transition.kind)
        {
        case SL_TRANSITION_DISSOLVE:
          done = render_dissolve (self, &transition, &timing, error);
          break;
        case SL_TRANSITION_DIP_TO_BLACK:
        case SL_TRANSITION_DIP_TO_WHITE:
          done = render_dip (self, &transition, &timing, error);
          break;
        case SL_TRANSITION_WHIP:
          done = render_whip (self, &transition, &timing, error);
          break;
        case SL_TRANSITION_CUT:
        default:
          g_assert_not_reached ();
        }
      self->has_frame = done;
      return done;
    }

  plan = get_plan (self, index, error);
  self->has_frame = plan != NULL
                    && render_shot (self, plan, &timing, self->frame, error);
  return self->has_frame;
}

/* Output */

gboolean
sl_renderer_render_rgba (SlRenderer *self, gint64 time, guint8 *rgba, gsize stride, GError **error)
{
  SlToRgba8Params params = { .dither = 1 };
  guint width;

  g_return_val_if_fail (SL_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (rgba != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sl_renderer_get_size (self, &width, NULL);
  if (stride < (gsize) width * 4)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("Rows of %lu bytes cannot hold %u pixels"), (unsigned long) stride, width);
      return FALSE;
    }
  if (!render_frame (self, time, error)
      || !RUN (self, SL_OP_TO_RGBA8, &params, self->rgba8, self->frame, error))
    return FALSE;
  if (sl_backend_download (self->backend, self->rgba8, 0, rgba, stride) != SL_OK)
    return backend_failed (self, error);
  return TRUE;
}

/* The bytes the three planes reach, or 0 when a value does not fit the op. */
static gsize
i420_extent (guint width, guint height, const gsize offsets[3], const gsize strides[3])
{
  guint widths[3] = { width, (width + 1) / 2, (width + 1) / 2 };
  guint heights[3] = { height, (height + 1) / 2, (height + 1) / 2 };
  gsize extent = 0;

  for (int p = 0; p < 3; p++)
    {
      gsize end;

      if (strides[p] < widths[p] || offsets[p] > G_MAXUINT32 || strides[p] > G_MAXUINT32)
        return 0;
      end = offsets[p] + strides[p] * (heights[p] - 1) + widths[p];
      extent = MAX (extent, end);
    }
  return extent <= (gsize) YUV_ROW * SL_MAX_DIMENSION ? extent : 0;
}

static gboolean
ensure_yuv (SlRenderer *self, gsize extent, GError **error)
{
  guint rows = (extent + YUV_ROW - 1) / YUV_ROW;

  if (self->yuv != NULL && sl_buffer_get_desc (self->yuv)->height == rows)
    return TRUE;
  g_clear_pointer (&self->yuv, sl_buffer_free);
  g_clear_pointer (&self->yuv_host, g_free);
  if (!new_buffer (self, SL_FORMAT_R_U8, YUV_ROW, rows, &self->yuv, error))
    return FALSE;
  self->yuv_host = g_malloc ((gsize) YUV_ROW * rows);
  return TRUE;
}

gboolean
sl_renderer_render_i420 (SlRenderer  *self,
                         gint64       time,
                         guint8      *data,
                         const gsize  offsets[3],
                         const gsize  strides[3],
                         GError     **error)
{
  SlToI420Params params;
  guint width, height;
  gsize extent;

  g_return_val_if_fail (SL_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (data != NULL && offsets != NULL && strides != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!render_frame (self, time, error))
    return FALSE;
  width = self->buffer_width;
  height = self->buffer_height;
  extent = i420_extent (width, height, offsets, strides);
  if (extent == 0)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("The I420 plane layout does not fit a %u×%u frame"), width, height);
      return FALSE;
    }
  if (!ensure_yuv (self, extent, error))
    return FALSE;
  params = (SlToI420Params) {
    offsets[0], strides[0], offsets[1], strides[1], offsets[2], strides[2],
  };
  if (!RUN (self, SL_OP_TO_I420, &params, self->yuv, self->frame, error))
    return FALSE;
  if (sl_backend_download (self->backend, self->yuv, 0, self->yuv_host, YUV_ROW) != SL_OK)
    return backend_failed (self, error);

  /* Only the planes' rows: the caller's padding is its own. */
  for (int p = 0; p < 3; p++)
    {
      guint plane_width = p == 0 ? width : (width + 1) / 2;
      guint plane_height = p == 0 ? height : (height + 1) / 2;

      for (guint y = 0; y < plane_height; y++)
        {
          gsize at = offsets[p] + strides[p] * y;

          memcpy (data + at, self->yuv_host + at, plane_width);
        }
    }
  return TRUE;
}

gboolean
sl_renderer_read_frame (SlRenderer *self, float *rgba, gsize stride, GError **error)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (rgba != NULL, FALSE);

  if (!self->has_frame)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("No frame has been rendered yet"));
      return FALSE;
    }
  if (sl_backend_download (self->backend, self->frame, 0, rgba, stride) != SL_OK)
    return backend_failed (self, error);
  return TRUE;
}

SlImage *
sl_renderer_render_image (SlRenderer *self, gint64 time, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  guint width, height;
  guint8 *pixels;

  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  sl_renderer_get_size (self, &width, &height);
  if (!check_size (width, height, error))
    return NULL;
  pixels = g_malloc ((gsize) width * height * 4);
  if (!sl_renderer_render_rgba (self, time, pixels, (gsize) width * 4, error))
    {
      g_free (pixels);
      return NULL;
    }
  bytes = g_bytes_new_take (pixels, (gsize) width * height * 4);
  return sl_image_new_from_bytes (width, height, width * 4, bytes);
}

SlScene *
sl_renderer_get_scene (SlRenderer *self, guint shot_index, GError **error)
{
  Plan *plan;

  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  if (shot_index >= sl_project_get_n_shots (self->project))
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("The project has no shot %u"), shot_index + 1);
      return NULL;
    }
  plan = get_plan (self, shot_index, error);
  return plan != NULL ? plan->scene : NULL;
}

guint
sl_renderer_get_n_plans (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), 0);

  return g_hash_table_size (self->plans);
}
