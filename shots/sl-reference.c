/* sl-reference.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-reference"

#include "config.h"

#include "sl-reference.h"
#include "sl-model-private.h"
#include "sl-shots-enums.h"

struct _SlReference
{
  GObject         parent_instance;
  char           *file;
  SlReferenceRole role;
  SlDepthMode     depth_mode;
  char           *depth_file;
  double          depth_strength;
};

G_DEFINE_FINAL_TYPE (SlReference, sl_reference, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_ROLE,
  PROP_DEPTH_MODE,
  PROP_DEPTH_FILE,
  PROP_DEPTH_STRENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_reference_finalize (GObject *object)
{
  SlReference *self = SL_REFERENCE (object);

  g_free (self->file);
  g_free (self->depth_file);
  G_OBJECT_CLASS (sl_reference_parent_class)->finalize (object);
}

static void
sl_reference_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlReference *self = SL_REFERENCE (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_string (value, self->file); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_DEPTH_MODE: g_value_set_enum (value, self->depth_mode); break;
    case PROP_DEPTH_FILE: g_value_set_string (value, self->depth_file); break;
    case PROP_DEPTH_STRENGTH: g_value_set_double (value, self->depth_strength); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_reference_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlReference *self = SL_REFERENCE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_FILE: changed = sl_set_string (&self->file, g_value_get_string (value)); break;
    case PROP_ROLE: changed = sl_set_int ((int *) &self->role, g_value_get_enum (value)); break;
    case PROP_DEPTH_MODE: changed = sl_set_int ((int *) &self->depth_mode, g_value_get_enum (value)); break;
    case PROP_DEPTH_FILE: changed = sl_set_string (&self->depth_file, g_value_get_string (value)); break;
    case PROP_DEPTH_STRENGTH: changed = sl_set_double (&self->depth_strength, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
sl_reference_class_init (SlReferenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_reference_finalize;
  object_class->get_property = sl_reference_get_property;
  object_class->set_property = sl_reference_set_property;

  properties[PROP_FILE] = g_param_spec_string ("file", NULL, NULL, "", SL_PARAM_RW);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, SL_TYPE_REFERENCE_ROLE, SL_REFERENCE_ROLE_PLATE, SL_PARAM_RW);
  properties[PROP_DEPTH_MODE] = g_param_spec_enum ("depth-mode", NULL, NULL, SL_TYPE_DEPTH_MODE, SL_DEPTH_MODE_AUTO, SL_PARAM_RW);
  properties[PROP_DEPTH_FILE] = g_param_spec_string ("depth-file", NULL, NULL, NULL, SL_PARAM_RW);
  /* 0 flattens the plate, 1 is the estimated depth, up to 4 exaggerates. */
  properties[PROP_DEPTH_STRENGTH] = g_param_spec_double ("depth-strength", NULL, NULL, 0.0, 4.0, 1.0, SL_PARAM_RW);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_reference_init (SlReference *self)
{
  self->file = g_strdup ("");
  self->depth_strength = 1.0;
}

SlReference *
sl_reference_new (const char *file, SlReferenceRole role)
{
  return g_object_new (SL_TYPE_REFERENCE, "file", file, "role", role, NULL);
}

const char *sl_reference_get_file (SlReference *self) { g_return_val_if_fail (SL_IS_REFERENCE (self), NULL); return self->file; }
SlReferenceRole sl_reference_get_role (SlReference *self) { g_return_val_if_fail (SL_IS_REFERENCE (self), 0); return self->role; }
SlDepthMode sl_reference_get_depth_mode (SlReference *self) { g_return_val_if_fail (SL_IS_REFERENCE (self), 0); return self->depth_mode; }
const char *sl_reference_get_depth_file (SlReference *self) { g_return_val_if_fail (SL_IS_REFERENCE (self), NULL); return self->depth_file; }
double sl_reference_get_depth_strength (SlReference *self) { g_return_val_if_fail (SL_IS_REFERENCE (self), 0); return self->depth_strength; }
