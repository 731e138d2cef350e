/* sl-shot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-shot"

#include "config.h"

#include "sl-shot.h"
#include "sl-child-list.h"
#include "sl-keyframe.h"
#include "sl-model-private.h"
#include "sl-move.h"
#include "sl-reference.h"
#include "sl-shots-enums.h"

struct _SlShot
{
  GObject      parent_instance;
  char        *name;
  gint64       duration;
  char        *prompt;
  SlShotSize   size_start;
  SlShotSize   size_end;
  SlAngle      angle;
  double       dutch_degrees;
  SlTransition transition;
  gint64       transition_duration;
  gboolean     cut_on_beat;
  SlFollowMode follow_mode;
  double       follow_amount;
  SlChildList *moves;
  SlChildList *keyframes;
  SlChildList *references;
};

G_DEFINE_FINAL_TYPE (SlShot, sl_shot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DURATION,
  PROP_PROMPT,
  PROP_SIZE_START,
  PROP_SIZE_END,
  PROP_ANGLE,
  PROP_DUTCH_DEGREES,
  PROP_TRANSITION,
  PROP_TRANSITION_DURATION,
  PROP_CUT_ON_BEAT,
  PROP_FOLLOW_MODE,
  PROP_FOLLOW_AMOUNT,
  PROP_MOVES,
  PROP_KEYFRAMES,
  PROP_REFERENCES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_child_changed (gpointer owner, GObject *item)
{
  g_signal_emit (owner, signals[CHANGED], 0);
}

static void
sl_shot_finalize (GObject *object)
{
  SlShot *self = SL_SHOT (object);

  g_free (self->name);
  g_free (self->prompt);
  g_clear_pointer (&self->moves, sl_child_list_free);
  g_clear_pointer (&self->keyframes, sl_child_list_free);
  g_clear_pointer (&self->references, sl_child_list_free);
  G_OBJECT_CLASS (sl_shot_parent_class)->finalize (object);
}

static void
sl_shot_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlShot *self = SL_SHOT (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_PROMPT: g_value_set_string (value, self->prompt); break;
    case PROP_SIZE_START: g_value_set_enum (value, self->size_start); break;
    case PROP_SIZE_END: g_value_set_enum (value, self->size_end); break;
    case PROP_ANGLE: g_value_set_enum (value, self->angle); break;
    case PROP_DUTCH_DEGREES: g_value_set_double (value, self->dutch_degrees); break;
    case PROP_TRANSITION: g_value_set_enum (value, self->transition); break;
    case PROP_TRANSITION_DURATION: g_value_set_int64 (value, self->transition_duration); break;
    case PROP_CUT_ON_BEAT: g_value_set_boolean (value, self->cut_on_beat); break;
    case PROP_FOLLOW_MODE: g_value_set_enum (value, self->follow_mode); break;
    case PROP_FOLLOW_AMOUNT: g_value_set_double (value, self->follow_amount); break;
    case PROP_MOVES: g_value_set_object (value, sl_child_list_get_store (self->moves)); break;
    case PROP_KEYFRAMES: g_value_set_object (value, sl_child_list_get_store (self->keyframes)); break;
    case PROP_REFERENCES: g_value_set_object (value, sl_child_list_get_store (self->references)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_shot_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlShot *self = SL_SHOT (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_NAME: changed = sl_set_string (&self->name, g_value_get_string (value)); break;
    case PROP_DURATION: changed = sl_set_int64 (&self->duration, g_value_get_int64 (value)); break;
    case PROP_PROMPT: changed = sl_set_string (&self->prompt, g_value_get_string (value)); break;
    case PROP_SIZE_START: changed = sl_set_int ((int *) &self->size_start, g_value_get_enum (value)); break;
    case PROP_SIZE_END: changed = sl_set_int ((int *) &self->size_end, g_value_get_enum (value)); break;
    case PROP_ANGLE: changed = sl_set_int ((int *) &self->angle, g_value_get_enum (value)); break;
    case PROP_DUTCH_DEGREES: changed = sl_set_double (&self->dutch_degrees, g_value_get_double (value)); break;
    case PROP_TRANSITION: changed = sl_set_int ((int *) &self->transition, g_value_get_enum (value)); break;
    case PROP_TRANSITION_DURATION: changed = sl_set_int64 (&self->transition_duration, g_value_get_int64 (value)); break;
    case PROP_CUT_ON_BEAT: changed = sl_set_boolean (&self->cut_on_beat, g_value_get_boolean (value)); break;
    case PROP_FOLLOW_MODE: changed = sl_set_int ((int *) &self->follow_mode, g_value_get_enum (value)); break;
    case PROP_FOLLOW_AMOUNT: changed = sl_set_double (&self->follow_amount, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (changed)
    {
      g_object_notify_by_pspec (object, pspec);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
sl_shot_class_init (SlShotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_shot_finalize;
  object_class->get_property = sl_shot_get_property;
  object_class->set_property = sl_shot_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", SL_PARAM_RW);
  /* A shot is at least one millisecond: zero-length shots would make frame
   * lookup ambiguous. */
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, SL_MSECOND, SL_TIME_MAX, 3 * SL_SECOND, SL_PARAM_RW);
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, "", SL_PARAM_RW);
  properties[PROP_SIZE_START] = g_param_spec_enum ("size-start", NULL, NULL, SL_TYPE_SHOT_SIZE, SL_SHOT_SIZE_NONE, SL_PARAM_RW);
  properties[PROP_SIZE_END] = g_param_spec_enum ("size-end", NULL, NULL, SL_TYPE_SHOT_SIZE, SL_SHOT_SIZE_NONE, SL_PARAM_RW);
  properties[PROP_ANGLE] = g_param_spec_enum ("angle", NULL, NULL, SL_TYPE_ANGLE, SL_ANGLE_EYE_LEVEL, SL_PARAM_RW);
  properties[PROP_DUTCH_DEGREES] = g_param_spec_double ("dutch-degrees", NULL, NULL, -90.0, 90.0, 0.0, SL_PARAM_RW);
  properties[PROP_TRANSITION] = g_param_spec_enum ("transition", NULL, NULL, SL_TYPE_TRANSITION, SL_TRANSITION_CUT, SL_PARAM_RW);
  properties[PROP_TRANSITION_DURATION] = g_param_spec_int64 ("transition-duration", NULL, NULL, 0, SL_TIME_MAX, 0, SL_PARAM_RW);
  properties[PROP_CUT_ON_BEAT] = g_param_spec_boolean ("cut-on-beat", NULL, NULL, FALSE, SL_PARAM_RW);
  properties[PROP_FOLLOW_MODE] = g_param_spec_enum ("follow-mode", NULL, NULL, SL_TYPE_FOLLOW_MODE, SL_FOLLOW_NONE, SL_PARAM_RW);
  properties[PROP_FOLLOW_AMOUNT] = g_param_spec_double ("follow-amount", NULL, NULL, 0.0, 1.0, 0.0, SL_PARAM_RW);
  properties[PROP_MOVES] = g_param_spec_object ("moves", NULL, NULL, G_TYPE_LIST_STORE, SL_PARAM_LIST);
  properties[PROP_KEYFRAMES] = g_param_spec_object ("keyframes", NULL, NULL, G_TYPE_LIST_STORE, SL_PARAM_LIST);
  properties[PROP_REFERENCES] = g_param_spec_object ("references", NULL, NULL, G_TYPE_LIST_STORE, SL_PARAM_LIST);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_shot_init (SlShot *self)
{
  self->name = g_strdup ("");
  self->prompt = g_strdup ("");
  self->duration = 3 * SL_SECOND;
  self->moves = sl_child_list_new (SL_TYPE_MOVE, self, on_child_changed);
  self->keyframes = sl_child_list_new (SL_TYPE_KEYFRAME, self, on_child_changed);
  self->references = sl_child_list_new (SL_TYPE_REFERENCE, self, on_child_changed);
}

SlShot *
sl_shot_new (const char *name, gint64 duration)
{
  return g_object_new (SL_TYPE_SHOT, "name", name, "duration", duration, NULL);
}

const char *sl_shot_get_name (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), NULL); return self->name; }
gint64 sl_shot_get_duration (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->duration; }
const char *sl_shot_get_prompt (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), NULL); return self->prompt; }
SlShotSize sl_shot_get_size_start (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->size_start; }
SlShotSize sl_shot_get_size_end (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->size_end; }
SlAngle sl_shot_get_angle (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->angle; }
double sl_shot_get_dutch_degrees (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->dutch_degrees; }
SlTransition sl_shot_get_transition (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->transition; }
gint64 sl_shot_get_transition_duration (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->transition_duration; }
gboolean sl_shot_get_cut_on_beat (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), FALSE); return self->cut_on_beat; }
SlFollowMode sl_shot_get_follow_mode (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->follow_mode; }
double sl_shot_get_follow_amount (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), 0); return self->follow_amount; }
GListStore *sl_shot_get_moves (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), NULL); return sl_child_list_get_store (self->moves); }
GListStore *sl_shot_get_keyframes (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), NULL); return sl_child_list_get_store (self->keyframes); }
GListStore *sl_shot_get_references (SlShot *self) { g_return_val_if_fail (SL_IS_SHOT (self), NULL); return sl_child_list_get_store (self->references); }

SlReference *
sl_shot_find_reference (SlShot *self, SlReferenceRole role)
{
  GListModel *refs;
  guint n;

  g_return_val_if_fail (SL_IS_SHOT (self), NULL);

  refs = G_LIST_MODEL (sl_child_list_get_store (self->references));
  n = g_list_model_get_n_items (refs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlReference) ref = g_list_model_get_item (refs, i);

      if (sl_reference_get_role (ref) == role)
        return ref; /* the list keeps it alive */
    }
  return NULL;
}
