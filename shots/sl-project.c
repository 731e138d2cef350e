/* sl-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-project"

#include "config.h"

#include "sl-project.h"
#include "sl-audio-clip.h"
#include "sl-child-list.h"
#include "sl-history.h"
#include "sl-model-private.h"
#include "sl-shot.h"

struct _SlProject
{
  GObject      parent_instance;
  char        *title;
  guint        width;
  guint        height;
  guint        fps_num;
  guint        fps_den;
  guint        seed;
  char        *engine_version;
  char        *lexicon_version;
  char        *base_dir;
  SlChildList *shots;
  SlChildList *audio_clips;
  SlHistory   *history;
};

G_DEFINE_FINAL_TYPE (SlProject, sl_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_FPS_NUM,
  PROP_FPS_DEN,
  PROP_SEED,
  PROP_ENGINE_VERSION,
  PROP_LEXICON_VERSION,
  PROP_SHOTS,
  PROP_AUDIO_CLIPS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The duration each shot had when we last looked, to tell a change inside a
 * shot (only its own range re-renders) from one that shifts every later shot. */
static GQuark known_duration_quark;

static void
emit_changed (SlProject *self, SlShot *shot, gint64 start, gint64 end)
{
  g_signal_emit (self, signals[CHANGED], 0, shot, start, end);
}

static guint
find_shot_index (SlProject *self, SlShot *shot)
{
  guint index = G_MAXUINT;

  g_list_store_find (sl_child_list_get_store (self->shots), shot, &index);
  return index;
}

static void
remember_duration (SlShot *shot)
{
  g_object_set_qdata (G_OBJECT (shot), known_duration_quark,
                      GSIZE_TO_POINTER ((gsize) sl_shot_get_duration (shot)));
}

static void
on_shot_changed (SlShot *shot, SlProject *self)
{
  guint index = find_shot_index (self, shot);
  gint64 start, end;
  gsize known;

  /* A shot that was removed (it may live on in the undo history) no longer
   * changes the project. */
  if (index == G_MAXUINT)
    return;
  start = sl_project_get_shot_start (self, index);
  known = GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (shot), known_duration_quark));
  if ((gint64) known == sl_shot_get_duration (shot))
    end = start + sl_shot_get_duration (shot);
  else
    end = G_MAXINT64;
  remember_duration (shot);
  emit_changed (self, shot, start, end);
}

/* Only the added shots need connecting, so building a long project one shot
 * at a time stays linear. */
static void
on_shots_items_changed (GListModel *shots, guint position, guint removed, guint added, SlProject *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SlShot) shot = g_list_model_get_item (shots, i);

      g_signal_handlers_disconnect_by_func (shot, on_shot_changed, self);
      g_signal_connect (shot, "changed", G_CALLBACK (on_shot_changed), self);
      remember_duration (shot);
    }
  emit_changed (self, NULL, sl_project_get_shot_start (self, position), G_MAXINT64);
}

static void
on_audio_changed (gpointer owner, GObject *item)
{
  emit_changed (owner, NULL, 0, G_MAXINT64);
}

static void
disconnect_shots (SlProject *self)
{
  GListModel *shots = G_LIST_MODEL (sl_child_list_get_store (self->shots));

  for (guint i = 0; i < g_list_model_get_n_items (shots); i++)
    {
      g_autoptr(SlShot) shot = g_list_model_get_item (shots, i);

      g_signal_handlers_disconnect_by_func (shot, on_shot_changed, self);
    }
}

static void
sl_project_dispose (GObject *object)
{
  SlProject *self = SL_PROJECT (object);

  g_clear_object (&self->history);
  G_OBJECT_CLASS (sl_project_parent_class)->dispose (object);
}

static void
sl_project_finalize (GObject *object)
{
  SlProject *self = SL_PROJECT (object);

  disconnect_shots (self);
  g_signal_handlers_disconnect_by_data (sl_child_list_get_store (self->shots), self);
  g_free (self->title);
  g_free (self->engine_version);
  g_free (self->lexicon_version);
  g_free (self->base_dir);
  g_clear_pointer (&self->shots, sl_child_list_free);
  g_clear_pointer (&self->audio_clips, sl_child_list_free);
  G_OBJECT_CLASS (sl_project_parent_class)->finalize (object);
}

static void
sl_project_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlProject *self = SL_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_WIDTH: g_value_set_uint (value, self->width); break;
    case PROP_HEIGHT: g_value_set_uint (value, self->height); break;
    case PROP_FPS_NUM: g_value_set_uint (value, self->fps_num); break;
    case PROP_FPS_DEN: g_value_set_uint (value, self->fps_den); break;
    case PROP_SEED: g_value_set_uint (value, self->seed); break;
    case PROP_ENGINE_VERSION: g_value_set_string (value, self->engine_version); break;
    case PROP_LEXICON_VERSION: g_value_set_string (value, self->lexicon_version); break;
    case PROP_SHOTS: g_value_set_object (value, sl_child_list_get_store (self->shots)); break;
    case PROP_AUDIO_CLIPS: g_value_set_object (value, sl_child_list_get_store (self->audio_clips)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_project_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlProject *self = SL_PROJECT (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_TITLE: changed = sl_set_string (&self->title, g_value_get_string (value)); break;
    case PROP_WIDTH: changed = sl_set_uint (&self->width, g_value_get_uint (value)); break;
    case PROP_HEIGHT: changed = sl_set_uint (&self->height, g_value_get_uint (value)); break;
    case PROP_FPS_NUM: changed = sl_set_uint (&self->fps_num, g_value_get_uint (value)); break;
    case PROP_FPS_DEN: changed = sl_set_uint (&self->fps_den, g_value_get_uint (value)); break;
    case PROP_SEED: changed = sl_set_uint (&self->seed, g_value_get_uint (value)); break;
    case PROP_ENGINE_VERSION: changed = sl_set_string (&self->engine_version, g_value_get_string (value)); break;
    case PROP_LEXICON_VERSION: changed = sl_set_string (&self->lexicon_version, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (changed)
    {
      g_object_notify_by_pspec (object, pspec);
      /* The title changes no picture; everything else may change them all. */
      if (prop_id == PROP_TITLE)
        emit_changed (self, NULL, 0, 0);
      else
        emit_changed (self, NULL, 0, G_MAXINT64);
    }
}

static void
sl_project_class_init (SlProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_project_dispose;
  object_class->finalize = sl_project_finalize;
  object_class->get_property = sl_project_get_property;
  object_class->set_property = sl_project_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", SL_PARAM_RW);
  /* Even sizes only matter to encoders; the document allows any size up to 8K. */
  properties[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 16, 8192, 1920, SL_PARAM_RW);
  properties[PROP_HEIGHT] = g_param_spec_uint ("height", NULL, NULL, 16, 8192, 1080, SL_PARAM_RW);
  properties[PROP_FPS_NUM] = g_param_spec_uint ("fps-num", NULL, NULL, 1, 240000, 30, SL_PARAM_RW);
  properties[PROP_FPS_DEN] = g_param_spec_uint ("fps-den", NULL, NULL, 1, 1001000, 1, SL_PARAM_RW);
  properties[PROP_SEED] = g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT32, 1, SL_PARAM_RW);
  properties[PROP_ENGINE_VERSION] = g_param_spec_string ("engine-version", NULL, NULL, PACKAGE_VERSION, SL_PARAM_RW);
  properties[PROP_LEXICON_VERSION] = g_param_spec_string ("lexicon-version", NULL, NULL, "", SL_PARAM_RW);
  properties[PROP_SHOTS] = g_param_spec_object ("shots", NULL, NULL, G_TYPE_LIST_STORE, SL_PARAM_LIST);
  properties[PROP_AUDIO_CLIPS] = g_param_spec_object ("audio-clips", NULL, NULL, G_TYPE_LIST_STORE, SL_PARAM_LIST);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                   SL_TYPE_SHOT, G_TYPE_INT64, G_TYPE_INT64);

  known_duration_quark = g_quark_from_static_string ("sl-project-known-duration");
}

static void
sl_project_init (SlProject *self)
{
  self->title = g_strdup ("");
  self->width = 1920;
  self->height = 1080;
  self->fps_num = 30;
  self->fps_den = 1;
  self->seed = 1;
  self->engine_version = g_strdup (PACKAGE_VERSION);
  self->lexicon_version = g_strdup ("");
  self->base_dir = g_get_current_dir ();
  self->shots = sl_child_list_new (SL_TYPE_SHOT, NULL, NULL);
  g_signal_connect (sl_child_list_get_store (self->shots), "items-changed",
                    G_CALLBACK (on_shots_items_changed), self);
  self->audio_clips = sl_child_list_new (SL_TYPE_AUDIO_CLIP, self, on_audio_changed);
}

SlProject *
sl_project_new (void)
{
  return g_object_new (SL_TYPE_PROJECT, NULL);
}

const char *sl_project_get_title (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), NULL); return self->title; }
guint sl_project_get_width (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), 0); return self->width; }
guint sl_project_get_height (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), 0); return self->height; }
guint sl_project_get_fps_num (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), 0); return self->fps_num; }
guint sl_project_get_fps_den (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), 0); return self->fps_den; }
guint sl_project_get_seed (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), 0); return self->seed; }
const char *sl_project_get_engine_version (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), NULL); return self->engine_version; }
const char *sl_project_get_lexicon_version (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), NULL); return self->lexicon_version; }
GListStore *sl_project_get_shots (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), NULL); return sl_child_list_get_store (self->shots); }
GListStore *sl_project_get_audio_clips (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), NULL); return sl_child_list_get_store (self->audio_clips); }
const char *sl_project_get_base_dir (SlProject *self) { g_return_val_if_fail (SL_IS_PROJECT (self), NULL); return self->base_dir; }

guint
sl_project_get_n_shots (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (sl_child_list_get_store (self->shots)));
}

SlShot *
sl_project_get_shot (SlProject *self, guint index)
{
  g_autoptr(SlShot) shot = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);
  shot = g_list_model_get_item (G_LIST_MODEL (sl_child_list_get_store (self->shots)), index);
  return shot; /* borrowed: the list keeps it alive */
}

gint64
sl_project_get_shot_start (SlProject *self, guint index)
{
  gint64 start = 0;
  guint n;

  g_return_val_if_fail (SL_IS_PROJECT (self), 0);
  n = MIN (index, sl_project_get_n_shots (self));
  for (guint i = 0; i < n; i++)
    start += sl_shot_get_duration (sl_project_get_shot (self, i));
  return start;
}

gint64
sl_project_get_duration (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), 0);
  return sl_project_get_shot_start (self, sl_project_get_n_shots (self));
}

SlShot *
sl_project_get_shot_at (SlProject *self, gint64 time, guint *index, gint64 *time_in_shot)
{
  guint n;
  gint64 start = 0;

  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);
  n = sl_project_get_n_shots (self);
  if (n == 0)
    return NULL;
  time = MAX (time, 0);
  for (guint i = 0; i < n; i++)
    {
      SlShot *shot = sl_project_get_shot (self, i);
      gint64 duration = sl_shot_get_duration (shot);

      if (time < start + duration || i + 1 == n)
        {
          if (index) *index = i;
          if (time_in_shot) *time_in_shot = MIN (time - start, duration - 1);
          return shot;
        }
      start += duration;
    }
  g_assert_not_reached ();
}

gint64
sl_project_get_n_frames (SlProject *self)
{
  gint64 duration;
  __int128 den;

  g_return_val_if_fail (SL_IS_PROJECT (self), 0);
  /* The frames whose start lies inside the project: ceil (duration * fps).
   * 128-bit because 100 hours at 240 000/1001 fps overflows 64 bits. */
  duration = sl_project_get_duration (self);
  den = (__int128) self->fps_den * SL_SECOND;
  return (gint64) (((__int128) duration * self->fps_num + den - 1) / den);
}

gint64
sl_project_get_frame_time (SlProject *self, gint64 n)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), 0);
  /* Rounded up so that frame n's time maps back to frame n, not n - 1. */
  return (gint64) (((__int128) n * self->fps_den * SL_SECOND + self->fps_num - 1) / self->fps_num);
}

void
sl_project_set_base_dir (SlProject *self, const char *dir)
{
  g_return_if_fail (SL_IS_PROJECT (self));
  g_return_if_fail (dir != NULL);
  g_free (self->base_dir);
  self->base_dir = g_canonicalize_filename (dir, NULL);
}

char *
sl_project_resolve_path (SlProject *self, const char *path)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  return g_canonicalize_filename (path, self->base_dir);
}

SlHistory *
sl_project_get_history (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);
  if (self->history == NULL)
    self->history = sl_history_new ();
  return self->history;
}
