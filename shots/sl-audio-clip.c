/* sl-audio-clip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-audio-clip"

#include "config.h"

#include "sl-audio-clip.h"
#include "sl-model-private.h"
#include "sl-shots-enums.h"

struct _SlAudioClip
{
  GObject     parent_instance;
  char       *file;
  gint64      start;
  gint64      in_point;
  gint64      duration;
  double      gain_db;
  gint64      fade_in;
  gint64      fade_out;
  SlAudioRole role;
};

G_DEFINE_FINAL_TYPE (SlAudioClip, sl_audio_clip, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_START,
  PROP_IN_POINT,
  PROP_DURATION,
  PROP_GAIN_DB,
  PROP_FADE_IN,
  PROP_FADE_OUT,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_audio_clip_finalize (GObject *object)
{
  SlAudioClip *self = SL_AUDIO_CLIP (object);

  g_free (self->file);
  G_OBJECT_CLASS (sl_audio_clip_parent_class)->finalize (object);
}

static void
sl_audio_clip_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlAudioClip *self = SL_AUDIO_CLIP (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_string (value, self->file); break;
    case PROP_START: g_value_set_int64 (value, self->start); break;
    case PROP_IN_POINT: g_value_set_int64 (value, self->in_point); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_GAIN_DB: g_value_set_double (value, self->gain_db); break;
    case PROP_FADE_IN: g_value_set_int64 (value, self->fade_in); break;
    case PROP_FADE_OUT: g_value_set_int64 (value, self->fade_out); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_audio_clip_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlAudioClip *self = SL_AUDIO_CLIP (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_FILE: changed = sl_set_string (&self->file, g_value_get_string (value)); break;
    case PROP_START: changed = sl_set_int64 (&self->start, g_value_get_int64 (value)); break;
    case PROP_IN_POINT: changed = sl_set_int64 (&self->in_point, g_value_get_int64 (value)); break;
    case PROP_DURATION: changed = sl_set_int64 (&self->duration, g_value_get_int64 (value)); break;
    case PROP_GAIN_DB: changed = sl_set_double (&self->gain_db, g_value_get_double (value)); break;
    case PROP_FADE_IN: changed = sl_set_int64 (&self->fade_in, g_value_get_int64 (value)); break;
    case PROP_FADE_OUT: changed = sl_set_int64 (&self->fade_out, g_value_get_int64 (value)); break;
    case PROP_ROLE: changed = sl_set_int ((int *) &self->role, g_value_get_enum (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static GParamSpec *
time_param (const char *name, gint64 minimum, gint64 fallback)
{
  return g_param_spec_int64 (name, NULL, NULL, minimum, SL_TIME_MAX, fallback, SL_PARAM_RW);
}

static void
sl_audio_clip_class_init (SlAudioClipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_audio_clip_finalize;
  object_class->get_property = sl_audio_clip_get_property;
  object_class->set_property = sl_audio_clip_set_property;

  properties[PROP_FILE] = g_param_spec_string ("file", NULL, NULL, "", SL_PARAM_RW);
  properties[PROP_START] = time_param ("start", 0, 0);
  properties[PROP_IN_POINT] = time_param ("in-point", 0, 0);
  properties[PROP_DURATION] = time_param ("duration", -1, -1);
  /* Below -96 dB is silence at 16 bits; above +24 dB only clips. */
  properties[PROP_GAIN_DB] = g_param_spec_double ("gain-db", NULL, NULL, -96.0, 24.0, 0.0, SL_PARAM_RW);
  properties[PROP_FADE_IN] = time_param ("fade-in", 0, 0);
  properties[PROP_FADE_OUT] = time_param ("fade-out", 0, 0);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, SL_TYPE_AUDIO_ROLE, SL_AUDIO_ROLE_MUSIC, SL_PARAM_RW);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_audio_clip_init (SlAudioClip *self)
{
  self->file = g_strdup ("");
  self->duration = -1;
}

SlAudioClip *
sl_audio_clip_new (const char *file, gint64 start)
{
  return g_object_new (SL_TYPE_AUDIO_CLIP, "file", file, "start", start, NULL);
}

const char *sl_audio_clip_get_file (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), NULL); return self->file; }
gint64 sl_audio_clip_get_start (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->start; }
gint64 sl_audio_clip_get_in_point (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->in_point; }
gint64 sl_audio_clip_get_duration (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->duration; }
double sl_audio_clip_get_gain_db (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->gain_db; }
gint64 sl_audio_clip_get_fade_in (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->fade_in; }
gint64 sl_audio_clip_get_fade_out (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->fade_out; }
SlAudioRole sl_audio_clip_get_role (SlAudioClip *self) { g_return_val_if_fail (SL_IS_AUDIO_CLIP (self), 0); return self->role; }
