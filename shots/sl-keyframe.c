/* sl-keyframe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-keyframe"

#include "config.h"

#include "sl-keyframe.h"
#include "sl-model-private.h"

struct _SlKeyframe
{
  GObject parent_instance;
  gint64  time;
  /* x, y, z, yaw, pitch, roll, focal-length, focus-distance: the same order
   * as the properties, so one table drives get and set. */
  double  values[8];
};

G_DEFINE_FINAL_TYPE (SlKeyframe, sl_keyframe, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_X,
  PROP_Y,
  PROP_Z,
  PROP_YAW,
  PROP_PITCH,
  PROP_ROLL,
  PROP_FOCAL_LENGTH,
  PROP_FOCUS_DISTANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_keyframe_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlKeyframe *self = SL_KEYFRAME (object);

  if (prop_id == PROP_TIME)
    g_value_set_int64 (value, self->time);
  else if (prop_id >= PROP_X && prop_id < N_PROPS)
    g_value_set_double (value, self->values[prop_id - PROP_X]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sl_keyframe_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlKeyframe *self = SL_KEYFRAME (object);
  gboolean changed = FALSE;

  if (prop_id == PROP_TIME)
    changed = sl_set_int64 (&self->time, g_value_get_int64 (value));
  else if (prop_id >= PROP_X && prop_id < N_PROPS)
    changed = sl_set_double (&self->values[prop_id - PROP_X], g_value_get_double (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
sl_keyframe_class_init (SlKeyframeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *angle_names[] = { "yaw", "pitch", "roll" };

  object_class->get_property = sl_keyframe_get_property;
  object_class->set_property = sl_keyframe_set_property;

  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, 0, SL_TIME_MAX, 0, SL_PARAM_RW);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -SL_AMOUNT_MAX, SL_AMOUNT_MAX, 0, SL_PARAM_RW);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -SL_AMOUNT_MAX, SL_AMOUNT_MAX, 0, SL_PARAM_RW);
  properties[PROP_Z] = g_param_spec_double ("z", NULL, NULL, -SL_AMOUNT_MAX, SL_AMOUNT_MAX, 0, SL_PARAM_RW);
  for (guint i = 0; i < 3; i++)
    properties[PROP_YAW + i] = g_param_spec_double (angle_names[i], NULL, NULL, -36000, 36000, 0, SL_PARAM_RW);
  /* 1 mm to 2 m covers fisheyes to the longest telephoto lenses. */
  properties[PROP_FOCAL_LENGTH] = g_param_spec_double ("focal-length", NULL, NULL, 1.0, 2000.0, 35.0, SL_PARAM_RW);
  properties[PROP_FOCUS_DISTANCE] = g_param_spec_double ("focus-distance", NULL, NULL, 0.01, SL_AMOUNT_MAX, 5.0, SL_PARAM_RW);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_keyframe_init (SlKeyframe *self)
{
  self->values[PROP_FOCAL_LENGTH - PROP_X] = 35.0;
  self->values[PROP_FOCUS_DISTANCE - PROP_X] = 5.0;
}

SlKeyframe *
sl_keyframe_new (gint64 time)
{
  return g_object_new (SL_TYPE_KEYFRAME, "time", time, NULL);
}

gint64
sl_keyframe_get_time (SlKeyframe *self)
{
  g_return_val_if_fail (SL_IS_KEYFRAME (self), 0);
  return self->time;
}
