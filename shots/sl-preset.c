/* sl-preset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preset"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sl-preset.h"
#include "sl-shots-error.h"

struct _SlPreset
{
  GObject  parent_instance;
  char    *origin;
  char    *id;
  char    *category;
  char    *name_en;
  char    *name_zh;
  char    *description_en;
  char    *description_zh;
  GStrv    aliases;
  GStrv    aliases_en;
  GStrv    aliases_zh;
  double   default_amount;
  SlUnit   default_unit;
  guint    units;             /* UNIT_BIT of each accepted unit */
  GArray  *primitives;        /* SlPrimitive */
};

G_DEFINE_FINAL_TYPE (SlPreset, sl_preset, G_TYPE_OBJECT)

#define UNIT_BIT(unit) (1u << (unit))

static const struct {
  const char *name;
  SlUnit      unit;
} unit_names[] = {
  { "", SL_UNIT_NONE },
  { "deg", SL_UNIT_DEGREES },
  { "%", SL_UNIT_PERCENT },
  { "m", SL_UNIT_METERS },
  { "x", SL_UNIT_FACTOR },
  { "mm", SL_UNIT_MILLIMETERS },
  { "s", SL_UNIT_SECONDS },
};

/* Indexed by SlPrimitiveKind. */
static const struct {
  const char *name;
  SlUnit      base_unit;      /* how it reads an amount in a unit it lacks */
  guint       reads;          /* units it reads as written */
  gboolean    has_axis;
  gboolean    is_noise;
} ops[] = {
  { "translate", SL_UNIT_PERCENT, UNIT_BIT (SL_UNIT_PERCENT) | UNIT_BIT (SL_UNIT_METERS), TRUE, FALSE },
  { "rotate", SL_UNIT_DEGREES, UNIT_BIT (SL_UNIT_DEGREES), TRUE, FALSE },
  { "zoom", SL_UNIT_PERCENT, UNIT_BIT (SL_UNIT_FACTOR) | UNIT_BIT (SL_UNIT_PERCENT), FALSE, FALSE },
  { "orbit", SL_UNIT_DEGREES, UNIT_BIT (SL_UNIT_DEGREES), TRUE, FALSE },
  { "dolly_zoom", SL_UNIT_PERCENT, UNIT_BIT (SL_UNIT_PERCENT) | UNIT_BIT (SL_UNIT_METERS), FALSE, FALSE },
  { "noise", SL_UNIT_PERCENT, UNIT_BIT (SL_UNIT_PERCENT), FALSE, TRUE },
  { "focus", SL_UNIT_PERCENT, UNIT_BIT (SL_UNIT_PERCENT) | UNIT_BIT (SL_UNIT_METERS), FALSE, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (ops) == SL_PRIMITIVE_FOCUS + 1);

static void
sl_preset_finalize (GObject *object)
{
  SlPreset *self = SL_PRESET (object);

  g_free (self->origin);
  g_free (self->id);
  g_free (self->category);
  g_free (self->name_en);
  g_free (self->name_zh);
  g_free (self->description_en);
  g_free (self->description_zh);
  g_strfreev (self->aliases);
  g_strfreev (self->aliases_en);
  g_strfreev (self->aliases_zh);
  g_clear_pointer (&self->primitives, g_array_unref);
  G_OBJECT_CLASS (sl_preset_parent_class)->finalize (object);
}

static void
sl_preset_class_init (SlPresetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_preset_finalize;
}

static void
sl_preset_init (SlPreset *self)
{
  self->primitives = g_array_new (FALSE, TRUE, sizeof (SlPrimitive));
}

/* Every validation error reads "FILE: FIELD: what is wrong". */
G_GNUC_PRINTF (4, 5)
static gboolean
invalid (GError    **error,
         const char *origin,
         const char *field,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
               "%s: %s: %s", origin, field, message);
  return FALSE;
}

static char *
field_name (const char *path, const char *member)
{
  return path != NULL ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static gboolean
check_members (JsonObject        *object,
               const char *const *known,
               const char        *origin,
               const char        *path,
               GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        {
          g_autofree char *field = field_name (path, l->data);
          g_autofree char *expected = g_strjoinv (", ", (char **) known);

          return invalid (error, origin, field, _("unknown field (expected one of %s)"), expected);
        }
    }
  return TRUE;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE) && isfinite (json_node_get_double (node));
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static JsonObject *
get_object (JsonObject *parent,
            const char *member,
            const char *origin,
            const char *path,
            GError    **error)
{
  g_autofree char *field = field_name (path, member);
  JsonNode *node = json_object_get_member (parent, member);

  if (node == NULL)
    invalid (error, origin, field, _("missing"));
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    invalid (error, origin, field, _("expected an object"));
  else
    return json_node_get_object (node);
  return NULL;
}

static JsonArray *
get_array (JsonObject *parent,
           const char *member,
           const char *origin,
           const char *path,
           GError    **error)
{
  g_autofree char *field = field_name (path, member);
  JsonNode *node = json_object_get_member (parent, member);

  if (node == NULL)
    invalid (error, origin, field, _("missing"));
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    invalid (error, origin, field, _("expected an array"));
  else
    return json_node_get_array (node);
  return NULL;
}

/* A missing optional string leaves *out as it was. */
static gboolean
get_string (JsonObject  *parent,
            const char  *member,
            gboolean     required,
            const char  *origin,
            const char  *path,
            const char **out,
            GError     **error)
{
  g_autofree char *field = field_name (path, member);
  JsonNode *node = json_object_get_member (parent, member);

  if (node == NULL)
    return required ? invalid (error, origin, field, _("missing")) : TRUE;
  if (!node_is_string (node) || *json_node_get_string (node) == '\0')
    return invalid (error, origin, field, _("expected a non-empty string"));
  *out = json_node_get_string (node);
  return TRUE;
}

/* A missing optional number leaves *out as it was. */
static gboolean
get_number (JsonObject *parent,
            const char *member,
            gboolean    required,
            const char *origin,
            const char *path,
            double     *out,
            GError    **error)
{
  g_autofree char *field = field_name (path, member);
  JsonNode *node = json_object_get_member (parent, member);

  if (node == NULL)
    return required ? invalid (error, origin, field, _("missing")) : TRUE;
  if (!node_is_number (node))
    return invalid (error, origin, field, _("expected a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
get_numbers (JsonObject *parent,
             const char *member,
             guint       n,
             const char *origin,
             const char *path,
             double     *out,
             GError    **error)
{
  g_autofree char *field = field_name (path, member);
  JsonArray *array = get_array (parent, member, origin, path, error);

  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) != n)
    return invalid (error, origin, field, _("expected %u numbers"), n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!node_is_number (node))
        return invalid (error, origin, field, _("expected %u numbers"), n);
      out[i] = json_node_get_double (node);
    }
  return TRUE;
}

/* Ids and categories: lower-case ASCII words joined by hyphens. */
static gboolean
is_identifier (const char *text)
{
  gboolean after_hyphen = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' && !after_hyphen)
        after_hyphen = TRUE;
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        after_hyphen = FALSE;
      else
        return FALSE;
    }
  return *text != '\0' && !after_hyphen;
}

static gboolean
get_identifier (JsonObject  *root,
                const char  *member,
                const char  *origin,
                const char **out,
                GError     **error)
{
  if (!get_string (root, member, TRUE, origin, NULL, out, error))
    return FALSE;
  if (!is_identifier (*out))
    return invalid (error, origin, member,
                    _("“%s” is not lower-case ASCII words joined by hyphens"), *out);
  return TRUE;
}

/* The shot-language lexer hands over lower-cased words, so an alias must be
 * spelled exactly as the words it should match, joined by single spaces. */
static gboolean
is_alias (const char *alias)
{
  g_autofree char *lower = g_utf8_strdown (alias, -1);
  g_autofree char *composed = g_utf8_normalize (alias, -1, G_NORMALIZE_NFC);
  gunichar previous = ' ';

  if (*alias == '\0' || strcmp (lower, alias) != 0 || g_strcmp0 (composed, alias) != 0)
    return FALSE;
  for (const char *p = alias; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' ? previous == ' ' : (g_unichar_isspace (c) || !g_unichar_isgraph (c)))
        return FALSE;
      previous = c;
    }
  return previous != ' ';
}

static gboolean
parse_unit (const char *name, SlUnit *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    {
      if (strcmp (unit_names[i].name, name) == 0)
        {
          *unit = unit_names[i].unit;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
get_unit (JsonNode    *node,
          const char  *origin,
          const char  *field,
          SlUnit      *unit,
          GError     **error)
{
  if (node == NULL)
    return invalid (error, origin, field, _("missing"));
  if (!node_is_string (node) || !parse_unit (json_node_get_string (node), unit))
    return invalid (error, origin, field,
                    _("expected a unit: \"deg\", \"%%\", \"m\", \"x\", \"mm\", \"s\" or \"\""));
  return TRUE;
}

static gboolean
parse_names (SlPreset    *self,
             JsonObject  *root,
             const char  *origin,
             GError     **error)
{
  static const char *const languages[] = { "en", "zh", NULL };
  JsonObject *name = get_object (root, "name", origin, NULL, error);
  const char *en = NULL, *zh = NULL;

  if (name == NULL
      || !check_members (name, languages, origin, "name", error)
      || !get_string (name, "en", TRUE, origin, "name", &en, error)
      || !get_string (name, "zh", TRUE, origin, "name", &zh, error))
    return FALSE;
  self->name_en = g_strdup (en);
  self->name_zh = g_strdup (zh);

  if (json_object_has_member (root, "description"))
    {
      JsonObject *description = get_object (root, "description", origin, NULL, error);

      en = zh = NULL;
      if (description == NULL
          || !check_members (description, languages, origin, "description", error)
          || !get_string (description, "en", TRUE, origin, "description", &en, error)
          || !get_string (description, "zh", FALSE, origin, "description", &zh, error))
        return FALSE;
      self->description_en = g_strdup (en);
      self->description_zh = g_strdup (zh != NULL ? zh : en);
    }
  else
    {
      self->description_en = g_strdup ("");
      self->description_zh = g_strdup ("");
    }
  return TRUE;
}

static gboolean
check_alias (JsonNode    *node,
             GHashTable  *seen,
             const char  *origin,
             const char  *field,
             GError     **error)
{
  const char *alias;

  if (!node_is_string (node))
    return invalid (error, origin, field, _("expected a string"));
  alias = json_node_get_string (node);
  if (!is_alias (alias))
    return invalid (error, origin, field,
                    _("“%s” is not lower-case words separated by single spaces"), alias);
  if (!g_hash_table_add (seen, (gpointer) alias))
    return invalid (error, origin, field, _("“%s” is listed twice"), alias);
  return TRUE;
}

/* @seen spans both languages: one alias may not mean two things in a file. */
static GStrv
parse_alias_list (JsonObject  *aliases,
                  const char  *language,
                  GHashTable  *seen,
                  const char  *origin,
                  GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = g_strconcat ("aliases.", language, NULL);
  JsonArray *array = get_array (aliases, language, origin, "aliases", error);

  if (array == NULL)
    return NULL;
  if (json_array_get_length (array) == 0)
    {
      invalid (error, origin, path, _("expected at least one alias"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *field = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *node = json_array_get_element (array, i);

      if (!check_alias (node, seen, origin, field, error))
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_aliases (SlPreset    *self,
               JsonObject  *root,
               const char  *origin,
               GError     **error)
{
  static const char *const languages[] = { "en", "zh", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  JsonObject *aliases = get_object (root, "aliases", origin, NULL, error);

  if (aliases == NULL || !check_members (aliases, languages, origin, "aliases", error))
    return FALSE;
  self->aliases_en = parse_alias_list (aliases, "en", seen, origin, error);
  if (self->aliases_en == NULL)
    return FALSE;
  self->aliases_zh = parse_alias_list (aliases, "zh", seen, origin, error);
  if (self->aliases_zh == NULL)
    return FALSE;
  g_strv_builder_addv (all, (const char **) self->aliases_en);
  g_strv_builder_addv (all, (const char **) self->aliases_zh);
  self->aliases = g_strv_builder_end (all);
  return TRUE;
}

static gboolean
parse_amount (SlPreset    *self,
              JsonObject  *root,
              const char  *origin,
              GError     **error)
{
  static const char *const known[] = { "default", "unit", "units", NULL };
  JsonObject *amount = get_object (root, "amount", origin, NULL, error);
  JsonArray *units;

  if (amount == NULL
      || !check_members (amount, known, origin, "amount", error)
      || !get_number (amount, "default", TRUE, origin, "amount", &self->default_amount, error)
      || !get_unit (json_object_get_member (amount, "unit"), origin, "amount.unit",
                    &self->default_unit, error))
    return FALSE;
  if (self->default_unit == SL_UNIT_FACTOR && self->default_amount <= 0)
    return invalid (error, origin, "amount.default", _("a factor must be more than 0"));

  if (!json_object_has_member (amount, "units"))
    {
      self->units = UNIT_BIT (self->default_unit);
      return TRUE;
    }
  units = get_array (amount, "units", origin, "amount", error);
  if (units == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      g_autofree char *field = g_strdup_printf ("amount.units[%u]", i);
      SlUnit unit;

      if (!get_unit (json_array_get_element (units, i), origin, field, &unit, error))
        return FALSE;
      if (self->units & UNIT_BIT (unit))
        return invalid (error, origin, field, _("listed twice"));
      self->units |= UNIT_BIT (unit);
    }
  if (!(self->units & UNIT_BIT (self->default_unit)))
    return invalid (error, origin, "amount.units", _("must include amount.unit"));
  return TRUE;
}

static gboolean
parse_op (JsonObject      *object,
          const char      *origin,
          const char      *path,
          SlPrimitiveKind *kind,
          GError         **error)
{
  g_autofree char *field = field_name (path, "op");
  const char *name = NULL;

  if (!get_string (object, "op", TRUE, origin, path, &name, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      if (strcmp (ops[i].name, name) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return invalid (error, origin, field,
                  _("unknown op “%s” (expected translate, rotate, zoom, orbit, dolly_zoom, noise or focus)"),
                  name);
}

static gboolean
parse_axis (JsonObject  *object,
            const char  *origin,
            const char  *path,
            SlPrimitive *primitive,
            GError     **error)
{
  g_autofree char *field = field_name (path, "axis");
  double length;

  if (!get_numbers (object, "axis", 3, origin, path, primitive->axis, error))
    return FALSE;
  length = sqrt (primitive->axis[0] * primitive->axis[0]
                 + primitive->axis[1] * primitive->axis[1]
                 + primitive->axis[2] * primitive->axis[2]);
  if (length < 1e-9)
    return invalid (error, origin, field, _("must not be zero"));
  for (guint i = 0; i < 3; i++)
    primitive->axis[i] /= length;
  return TRUE;
}

static gboolean
parse_noise (JsonObject  *object,
             const char  *origin,
             const char  *path,
             SlPrimitive *primitive,
             GError     **error)
{
  g_autofree char *frequency = field_name (path, "frequency");
  g_autofree char *amplitude = field_name (path, "amplitude");

  if (!get_number (object, "frequency", TRUE, origin, path, &primitive->frequency, error)
      || !get_numbers (object, "amplitude", 2, origin, path, primitive->amplitude, error))
    return FALSE;
  if (primitive->frequency <= 0)
    return invalid (error, origin, frequency, _("must be more than 0 Hz"));
  if (primitive->amplitude[0] < 0 || primitive->amplitude[1] < 0
      || primitive->amplitude[0] + primitive->amplitude[1] == 0)
    return invalid (error, origin, amplitude,
                    _("expected [metres, degrees], neither negative, not both 0"));
  return TRUE;
}

static gboolean
op_uses (SlPrimitiveKind kind, const char *member)
{
  if (strcmp (member, "axis") == 0)
    return ops[kind].has_axis;
  if (strcmp (member, "frequency") == 0 || strcmp (member, "amplitude") == 0)
    return ops[kind].is_noise;
  return TRUE;
}

static gboolean
parse_primitive (JsonNode    *node,
                 const char  *origin,
                 const char  *path,
                 SlPrimitive *primitive,
                 GError     **error)
{
  static const char *const known[] = {
    "op", "axis", "scale", "from", "to", "frequency", "amplitude", NULL
  };
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  SlPrimitiveKind kind = SL_PRIMITIVE_TRANSLATE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, origin, path, _("expected an object"));
  object = json_node_get_object (node);
  if (!check_members (object, known, origin, path, error)
      || !parse_op (object, origin, path, &kind, error))
    return FALSE;

  /* A field the op ignores is a mistake in the file, not a no-op. */
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!op_uses (kind, l->data))
        {
          g_autofree char *field = field_name (path, l->data);

          return invalid (error, origin, field, _("not used by op “%s”"), ops[kind].name);
        }
    }

  primitive->kind = kind;
  primitive->scale = 1.0;
  primitive->from = 0.0;
  primitive->to = 1.0;
  if ((ops[kind].has_axis && !parse_axis (object, origin, path, primitive, error))
      || (ops[kind].is_noise && !parse_noise (object, origin, path, primitive, error))
      || !get_number (object, "scale", FALSE, origin, path, &primitive->scale, error)
      || !get_number (object, "from", FALSE, origin, path, &primitive->from, error)
      || !get_number (object, "to", FALSE, origin, path, &primitive->to, error))
    return FALSE;
  if (!(0 <= primitive->from && primitive->from < primitive->to && primitive->to <= 1))
    return invalid (error, origin, path, _("from and to must satisfy 0 ≤ from < to ≤ 1"));
  return TRUE;
}

static gboolean
parse_primitives (SlPreset    *self,
                  JsonObject  *root,
                  const char  *origin,
                  GError     **error)
{
  JsonArray *array = get_array (root, "primitives", origin, NULL, error);
  guint read = 0;

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("primitives[%u]", i);
      SlPrimitive primitive = { 0 };

      if (!parse_primitive (json_array_get_element (array, i), origin, path, &primitive, error))
        return FALSE;
      g_array_append_val (self->primitives, primitive);
      read |= ops[primitive.kind].reads;
    }

  /* An amount must mean something as written: a preset that moves nothing
   * takes no unit, and every unit offered must be read by some primitive. */
  if (self->primitives->len == 0 && self->units != UNIT_BIT (SL_UNIT_NONE))
    return invalid (error, origin, "amount.units", _("a preset without primitives takes only the unit \"\""));
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    {
      SlUnit unit = unit_names[i].unit;

      if (self->primitives->len > 0 && (self->units & UNIT_BIT (unit)) && !(read & UNIT_BIT (unit)))
        return invalid (error, origin, "amount.units",
                        _("no primitive of this preset reads the unit “%s”"), unit_names[i].name);
    }
  return TRUE;
}

static gboolean
parse_preset (SlPreset    *self,
              JsonNode    *root_node,
              const char  *origin,
              GError     **error)
{
  static const char *const known[] = {
    "id", "category", "name", "description", "aliases", "amount", "primitives", NULL
  };
  JsonObject *root;
  const char *id = NULL, *category = NULL;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    return invalid (error, origin, "(top level)", _("expected an object"));
  root = json_node_get_object (root_node);
  if (!check_members (root, known, origin, NULL, error)
      || !get_identifier (root, "id", origin, &id, error)
      || !get_identifier (root, "category", origin, &category, error))
    return FALSE;
  self->id = g_strdup (id);
  self->category = g_strdup (category);
  return parse_names (self, root, origin, error)
         && parse_aliases (self, root, origin, error)
         && parse_amount (self, root, origin, error)
         && parse_primitives (self, root, origin, error);
}

SlPreset *
sl_preset_new_from_data (const char  *text,
                         gssize       length,
                         const char  *origin,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SlPreset) self = NULL;
  g_autoptr(GError) json_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, length, &json_error))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: not valid JSON: %s"), origin, json_error->message);
      return NULL;
    }
  self = g_object_new (SL_TYPE_PRESET, NULL);
  self->origin = g_strdup (origin);
  if (!parse_preset (self, json_parser_get_root (parser), origin, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
sl_preset_get_id (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->id;
}

const char *
sl_preset_get_name_en (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->name_en;
}

const char *
sl_preset_get_name_zh (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->name_zh;
}

const char *
sl_preset_get_category (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->category;
}

const char *
sl_preset_get_description (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->description_en;
}

const char *
sl_preset_get_description_zh (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->description_zh;
}

const char *
sl_preset_get_origin (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return self->origin;
}

const char *const *
sl_preset_get_aliases (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return (const char *const *) self->aliases;
}

const char *const *
sl_preset_get_aliases_en (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return (const char *const *) self->aliases_en;
}

const char *const *
sl_preset_get_aliases_zh (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  return (const char *const *) self->aliases_zh;
}

double
sl_preset_get_default_amount (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), 0.0);
  return self->default_amount;
}

SlUnit
sl_preset_get_default_unit (SlPreset *self)
{
  g_return_val_if_fail (SL_IS_PRESET (self), SL_UNIT_NONE);
  return self->default_unit;
}

gboolean
sl_preset_accepts_unit (SlPreset *self,
                        SlUnit    unit)
{
  g_return_val_if_fail (SL_IS_PRESET (self), FALSE);
  return unit <= SL_UNIT_SECONDS && (self->units & UNIT_BIT (unit)) != 0;
}

const SlPrimitive *
sl_preset_get_primitives (SlPreset *self,
                          guint    *n_primitives)
{
  g_return_val_if_fail (SL_IS_PRESET (self), NULL);
  if (n_primitives != NULL)
    *n_primitives = self->primitives->len;
  return (const SlPrimitive *) self->primitives->data;
}

double
sl_primitive_get_value (const SlPrimitive *primitive,
                        double             amount,
                        SlUnit             unit,
                        SlUnit            *value_unit)
{
  SlUnit used;

  g_return_val_if_fail (primitive != NULL, 0.0);
  g_return_val_if_fail (primitive->kind <= SL_PRIMITIVE_FOCUS, 0.0);

  used = unit <= SL_UNIT_SECONDS && (ops[primitive->kind].reads & UNIT_BIT (unit))
         ? unit : ops[primitive->kind].base_unit;
  if (value_unit != NULL)
    *value_unit = used;
  if (primitive->kind == SL_PRIMITIVE_ZOOM && used == SL_UNIT_FACTOR)
    {
      g_return_val_if_fail (amount > 0, 1.0);
      return pow (amount, primitive->scale);
    }
  return amount * primitive->scale;
}
