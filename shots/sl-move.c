/* sl-move.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-move"

#include "config.h"

#include "sl-move.h"
#include "sl-model-private.h"
#include "sl-shots-enums.h"

struct _SlMove
{
  GObject   parent_instance;
  char     *kind;
  double    amount;
  SlUnit    unit;
  gint64    start;
  gint64    end;
  SlEasing  easing;
  double    bezier[4];
  gboolean  has_target;
  double    target[3];
};

G_DEFINE_FINAL_TYPE (SlMove, sl_move, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_AMOUNT,
  PROP_UNIT,
  PROP_START,
  PROP_END,
  PROP_EASING,
  PROP_BEZIER_X1,
  PROP_BEZIER_Y1,
  PROP_BEZIER_X2,
  PROP_BEZIER_Y2,
  PROP_HAS_TARGET,
  PROP_TARGET_X,
  PROP_TARGET_Y,
  PROP_TARGET_Z,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_move_finalize (GObject *object)
{
  SlMove *self = SL_MOVE (object);

  g_free (self->kind);
  G_OBJECT_CLASS (sl_move_parent_class)->finalize (object);
}

static void
sl_move_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlMove *self = SL_MOVE (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_AMOUNT: g_value_set_double (value, self->amount); break;
    case PROP_UNIT: g_value_set_enum (value, self->unit); break;
    case PROP_START: g_value_set_int64 (value, self->start); break;
    case PROP_END: g_value_set_int64 (value, self->end); break;
    case PROP_EASING: g_value_set_enum (value, self->easing); break;
    case PROP_BEZIER_X1: g_value_set_double (value, self->bezier[0]); break;
    case PROP_BEZIER_Y1: g_value_set_double (value, self->bezier[1]); break;
    case PROP_BEZIER_X2: g_value_set_double (value, self->bezier[2]); break;
    case PROP_BEZIER_Y2: g_value_set_double (value, self->bezier[3]); break;
    case PROP_HAS_TARGET: g_value_set_boolean (value, self->has_target); break;
    case PROP_TARGET_X: g_value_set_double (value, self->target[0]); break;
    case PROP_TARGET_Y: g_value_set_double (value, self->target[1]); break;
    case PROP_TARGET_Z: g_value_set_double (value, self->target[2]); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_move_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlMove *self = SL_MOVE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_KIND: changed = sl_set_string (&self->kind, g_value_get_string (value)); break;
    case PROP_AMOUNT: changed = sl_set_double (&self->amount, g_value_get_double (value)); break;
    case PROP_UNIT: changed = sl_set_int ((int *) &self->unit, g_value_get_enum (value)); break;
    case PROP_START: changed = sl_set_int64 (&self->start, g_value_get_int64 (value)); break;
    case PROP_END: changed = sl_set_int64 (&self->end, g_value_get_int64 (value)); break;
    case PROP_EASING: changed = sl_set_int ((int *) &self->easing, g_value_get_enum (value)); break;
    case PROP_BEZIER_X1: changed = sl_set_double (&self->bezier[0], g_value_get_double (value)); break;
    case PROP_BEZIER_Y1: changed = sl_set_double (&self->bezier[1], g_value_get_double (value)); break;
    case PROP_BEZIER_X2: changed = sl_set_double (&self->bezier[2], g_value_get_double (value)); break;
    case PROP_BEZIER_Y2: changed = sl_set_double (&self->bezier[3], g_value_get_double (value)); break;
    case PROP_HAS_TARGET: changed = sl_set_boolean (&self->has_target, g_value_get_boolean (value)); break;
    case PROP_TARGET_X: changed = sl_set_double (&self->target[0], g_value_get_double (value)); break;
    case PROP_TARGET_Y: changed = sl_set_double (&self->target[1], g_value_get_double (value)); break;
    case PROP_TARGET_Z: changed = sl_set_double (&self->target[2], g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static GParamSpec *
amount_param (const char *name, double fallback)
{
  return g_param_spec_double (name, NULL, NULL, -SL_AMOUNT_MAX, SL_AMOUNT_MAX, fallback, SL_PARAM_RW);
}

static void
sl_move_class_init (SlMoveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_move_finalize;
  object_class->get_property = sl_move_get_property;
  object_class->set_property = sl_move_set_property;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "static", SL_PARAM_RW);
  properties[PROP_AMOUNT] = amount_param ("amount", 0.0);
  properties[PROP_UNIT] = g_param_spec_enum ("unit", NULL, NULL, SL_TYPE_UNIT, SL_UNIT_NONE, SL_PARAM_RW);
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, 0, SL_TIME_MAX, 0, SL_PARAM_RW);
  properties[PROP_END] = g_param_spec_int64 ("end", NULL, NULL, -1, SL_TIME_MAX, -1, SL_PARAM_RW);
  properties[PROP_EASING] = g_param_spec_enum ("easing", NULL, NULL, SL_TYPE_EASING, SL_EASING_EASE_IN_OUT, SL_PARAM_RW);
  /* The CSS "ease-in-out" curve, so that switching to a custom curve starts
   * from what the user saw. */
  properties[PROP_BEZIER_X1] = g_param_spec_double ("bezier-x1", NULL, NULL, 0.0, 1.0, 0.42, SL_PARAM_RW);
  properties[PROP_BEZIER_Y1] = amount_param ("bezier-y1", 0.0);
  properties[PROP_BEZIER_X2] = g_param_spec_double ("bezier-x2", NULL, NULL, 0.0, 1.0, 0.58, SL_PARAM_RW);
  properties[PROP_BEZIER_Y2] = amount_param ("bezier-y2", 1.0);
  properties[PROP_HAS_TARGET] = g_param_spec_boolean ("has-target", NULL, NULL, FALSE, SL_PARAM_RW);
  properties[PROP_TARGET_X] = amount_param ("target-x", 0.0);
  properties[PROP_TARGET_Y] = amount_param ("target-y", 0.0);
  properties[PROP_TARGET_Z] = amount_param ("target-z", 0.0);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_move_init (SlMove *self)
{
  self->kind = g_strdup ("static");
  self->end = -1;
  self->easing = SL_EASING_EASE_IN_OUT;
  self->bezier[0] = 0.42;
  self->bezier[2] = 0.58;
  self->bezier[3] = 1.0;
}

SlMove *
sl_move_new (const char *kind, double amount, SlUnit unit)
{
  return g_object_new (SL_TYPE_MOVE, "kind", kind, "amount", amount, "unit", unit, NULL);
}

const char *sl_move_get_kind (SlMove *self) { g_return_val_if_fail (SL_IS_MOVE (self), NULL); return self->kind; }
double sl_move_get_amount (SlMove *self) { g_return_val_if_fail (SL_IS_MOVE (self), 0); return self->amount; }
SlUnit sl_move_get_unit (SlMove *self) { g_return_val_if_fail (SL_IS_MOVE (self), 0); return self->unit; }
gint64 sl_move_get_start (SlMove *self) { g_return_val_if_fail (SL_IS_MOVE (self), 0); return self->start; }
gint64 sl_move_get_end (SlMove *self) { g_return_val_if_fail (SL_IS_MOVE (self), 0); return self->end; }
SlEasing sl_move_get_easing (SlMove *self) { g_return_val_if_fail (SL_IS_MOVE (self), 0); return self->easing; }

void
sl_move_get_bezier (SlMove *self, double *x1, double *y1, double *x2, double *y2)
{
  g_return_if_fail (SL_IS_MOVE (self));
  if (x1) *x1 = self->bezier[0];
  if (y1) *y1 = self->bezier[1];
  if (x2) *x2 = self->bezier[2];
  if (y2) *y2 = self->bezier[3];
}

gboolean
sl_move_get_target (SlMove *self, double *x, double *y, double *z)
{
  g_return_val_if_fail (SL_IS_MOVE (self), FALSE);
  if (x) *x = self->target[0];
  if (y) *y = self->target[1];
  if (z) *z = self->target[2];
  return self->has_target;
}

void
sl_move_resolve_range (SlMove *self, gint64 shot_duration, gint64 *start, gint64 *end)
{
  gint64 s, e;

  g_return_if_fail (SL_IS_MOVE (self));
  s = CLAMP (self->start, 0, shot_duration);
  e = self->end < 0 ? shot_duration : CLAMP (self->end, s, shot_duration);
  if (start) *start = s;
  if (end) *end = e;
}
