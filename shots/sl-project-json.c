/* sl-project-json.c
 *
 * The file is written from the objects' GParamSpecs, so a new document
 * property is saved and loaded with no new code here. Reading is strict: a
 * key that names no property, a value of the wrong type or out of its
 * property's range fails the whole load with the path of the offending
 * value, because a value silently dropped or clamped is a silent edit of
 * the user's work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-project-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-project-json.h"
#include "sl-file-util.h"
#include "sl-model.h"
#include "sl-project.h"
#include "sl-shots-error.h"

#define FORMAT_NAME "shotline-project"
/* Any object may carry this member; its contents are someone else's and are
 * neither checked nor kept. */
#define EXTENSIONS_KEY "extensions"

static int
compare_param_id (const void *a, const void *b)
{
  const GParamSpec *x = *(const GParamSpec **) a;
  const GParamSpec *y = *(const GParamSpec **) b;

  return (x->param_id > y->param_id) - (x->param_id < y->param_id);
}

/* The document's properties in the order the class installed them, so the
 * file reads in the order the source declares. (transfer container) */
static GParamSpec **
list_stored_properties (GObject *object, guint *n_stored)
{
  guint n_pspecs;
  GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  guint n = 0;

  for (guint i = 0; i < n_pspecs; i++)
    if (sl_model_is_value_property (pspecs[i]) || sl_model_is_list_property (pspecs[i]))
      pspecs[n++] = pspecs[i];
  qsort (pspecs, n, sizeof *pspecs, compare_param_id);
  *n_stored = n;
  return pspecs;
}

/* String properties named "file" or "…-file" hold paths, relative to the
 * project's folder unless absolute. */
static gboolean
is_path_property (GParamSpec *pspec)
{
  return pspec->value_type == G_TYPE_STRING
      && (strcmp (pspec->name, "file") == 0 || g_str_has_suffix (pspec->name, "-file"));
}

static GListModel *
get_list (GObject *object, GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  /* The object keeps its list alive. */
  return g_value_get_object (&value);
}

/* The shortest text that reads back as exactly @value, always with a point
 * or an exponent so that it reads back as a double. */
static char *
format_double (double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  if (strpbrk (buffer, ".e") == NULL)
    return g_strconcat (buffer, ".0", NULL);
  return g_strdup (buffer);
}

/* Writing */

typedef struct {
  GString    *out;
  const char *from_dir;
  const char *to_dir;
} Writer;

static void
write_indent (Writer *w, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void
write_string (Writer *w, const char *text)
{
  /* json-glib refuses a file with invalid UTF-8 anywhere in it. */
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (w->out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (w->out, "\\\""); break;
        case '\\': g_string_append (w->out, "\\\\"); break;
        case '\n': g_string_append (w->out, "\\n"); break;
        case '\r': g_string_append (w->out, "\\r"); break;
        case '\t': g_string_append (w->out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (w->out, "\\u%04x", c);
          else
            g_string_append_c (w->out, c);
        }
    }
  g_string_append_c (w->out, '"');
}

/* GObject refuses NaN and infinities for any double property, so a
 * property value is always a number JSON can hold. */
static void
write_double (Writer *w, double value)
{
  g_autofree char *text = format_double (value);

  g_string_append (w->out, text);
}

/* GObject keeps enum properties to the enum's values, so there is a nick. */
static void
write_enum (Writer *w, GParamSpec *pspec, int value)
{
  write_string (w, g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, value)->value_nick);
}

static void
write_path (Writer *w, const char *path)
{
  g_autofree char *rebased = sl_file_rebase_path (path, w->from_dir, w->to_dir);

  write_string (w, rebased);
}

static void
write_value (Writer *w, GObject *object, GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_BOOLEAN:
      g_string_append (w->out, g_value_get_boolean (&value) ? "true" : "false");
      break;
    case G_TYPE_INT:
      g_string_append_printf (w->out, "%d", g_value_get_int (&value));
      break;
    case G_TYPE_UINT:
      g_string_append_printf (w->out, "%u", g_value_get_uint (&value));
      break;
    case G_TYPE_INT64:
      g_string_append_printf (w->out, "%" G_GINT64_FORMAT, g_value_get_int64 (&value));
      break;
    case G_TYPE_DOUBLE:
      write_double (w, g_value_get_double (&value));
      break;
    case G_TYPE_ENUM:
      write_enum (w, pspec, g_value_get_enum (&value));
      break;
    case G_TYPE_STRING:
      /* Read back as null only where the property starts out unset. */
      if (g_value_get_string (&value) == NULL && G_PARAM_SPEC_STRING (pspec)->default_value == NULL)
        g_string_append (w->out, "null");
      else if (g_value_get_string (&value) == NULL)
        write_string (w, "");
      else if (is_path_property (pspec))
        write_path (w, g_value_get_string (&value));
      else
        write_string (w, g_value_get_string (&value));
      break;
    default:
      g_critical ("%s:%s is a %s, which the project file cannot hold",
                  G_OBJECT_TYPE_NAME (object), pspec->name, g_type_name (pspec->value_type));
      g_string_append (w->out, "null");
    }
}

static void write_object (Writer *w, GObject *object, guint depth);

static void
write_list (Writer *w, GListModel *list, guint depth)
{
  guint n = g_list_model_get_n_items (list);

  if (n == 0)
    {
      g_string_append (w->out, "[]");
      return;
    }
  g_string_append (w->out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      write_indent (w, depth + 1);
      write_object (w, item, depth + 1);
      g_string_append (w->out, i + 1 < n ? ",\n" : "\n");
    }
  write_indent (w, depth);
  g_string_append_c (w->out, ']');
}

static void
write_object (Writer *w, GObject *object, guint depth)
{
  guint n;
  g_autofree GParamSpec **pspecs = list_stored_properties (object, &n);

  g_string_append_c (w->out, '{');
  for (guint i = 0; i < n; i++)
    {
      g_string_append (w->out, i == 0 ? "\n" : ",\n");
      write_indent (w, depth + 1);
      write_string (w, pspecs[i]->name);
      g_string_append (w->out, ": ");
      if (sl_model_is_list_property (pspecs[i]))
        write_list (w, get_list (object, pspecs[i]), depth + 1);
      else
        write_value (w, object, pspecs[i]);
    }
  g_string_append_c (w->out, '\n');
  write_indent (w, depth);
  g_string_append_c (w->out, '}');
}

char *
sl_project_json_to_data (SlProject *project, const char *base_dir)
{
  g_autofree char *to_dir = NULL;
  Writer w;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  to_dir = g_canonicalize_filename (base_dir ? base_dir : sl_project_get_base_dir (project), NULL);
  w.out = g_string_new ("{\n  \"format\": \"" FORMAT_NAME "\",\n");
  w.from_dir = sl_project_get_base_dir (project);
  w.to_dir = to_dir;
  g_string_append_printf (w.out, "  \"version\": %d,\n  \"generator\": ", SL_PROJECT_FORMAT_VERSION);
  write_string (&w, "Shotline " PACKAGE_VERSION);
  g_string_append (w.out, ",\n  \"project\": ");
  write_object (&w, G_OBJECT (project), 1);
  g_string_append (w.out, "\n}\n");
  return g_string_free (w.out, FALSE);
}

/* Reading */

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError **error, int code, const char *where, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_SHOTS_ERROR, code, "%s: %s", where, detail);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE: break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return _("a string");
    case G_TYPE_BOOLEAN: return _("true or false");
    case G_TYPE_INT64: return _("an integer");
    default: return _("a number");
    }
}

static gboolean
expect (JsonNode *node, JsonNodeType node_type, GType value_type,
        const char *expected, const char *where, GError **error)
{
  if (JSON_NODE_HOLDS (node, node_type)
      && (node_type != JSON_NODE_VALUE || json_node_get_value_type (node) == value_type))
    return TRUE;
  return fail (error, SL_SHOTS_ERROR_CORRUPT, where, _("expected %s, found %s"),
               expected, describe_node (node));
}

static char *
describe_range (GParamSpec *pspec)
{
  if (G_IS_PARAM_SPEC_INT (pspec))
    return g_strdup_printf ("%d … %d", G_PARAM_SPEC_INT (pspec)->minimum, G_PARAM_SPEC_INT (pspec)->maximum);
  if (G_IS_PARAM_SPEC_UINT (pspec))
    return g_strdup_printf ("%u … %u", G_PARAM_SPEC_UINT (pspec)->minimum, G_PARAM_SPEC_UINT (pspec)->maximum);
  if (G_IS_PARAM_SPEC_INT64 (pspec))
    return g_strdup_printf ("%" G_GINT64_FORMAT " … %" G_GINT64_FORMAT,
                            G_PARAM_SPEC_INT64 (pspec)->minimum, G_PARAM_SPEC_INT64 (pspec)->maximum);
  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      g_autofree char *minimum = format_double (G_PARAM_SPEC_DOUBLE (pspec)->minimum);
      g_autofree char *maximum = format_double (G_PARAM_SPEC_DOUBLE (pspec)->maximum);

      return g_strdup_printf ("%s … %s", minimum, maximum);
    }
  return NULL;
}

static gboolean
out_of_range (GParamSpec *pspec, const char *text, const char *where, GError **error)
{
  g_autofree char *range = describe_range (pspec);

  if (range == NULL)
    return fail (error, SL_SHOTS_ERROR_INVALID, where, _("%s is not allowed here"), text);
  return fail (error, SL_SHOTS_ERROR_INVALID, where, _("%s is out of range (%s)"), text, range);
}

static gboolean
read_integer (GParamSpec *pspec, JsonNode *node, GValue *value, const char *where, GError **error)
{
  GType fundamental = G_TYPE_FUNDAMENTAL (pspec->value_type);
  g_autofree char *text = NULL;
  gint64 number;

  if (!expect (node, JSON_NODE_VALUE, G_TYPE_INT64, _("an integer"), where, error))
    return FALSE;
  number = json_node_get_int (node);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  /* Checked before the cast, which would wrap it into the range. */
  if ((fundamental == G_TYPE_INT && (number < G_MININT || number > G_MAXINT))
      || (fundamental == G_TYPE_UINT && (number < 0 || number > G_MAXUINT)))
    return out_of_range (pspec, text, where, error);
  if (fundamental == G_TYPE_INT)
    g_value_set_int (value, number);
  else if (fundamental == G_TYPE_UINT)
    g_value_set_uint (value, number);
  else
    g_value_set_int64 (value, number);
  if (g_param_value_validate (pspec, value))
    return out_of_range (pspec, text, where, error);
  return TRUE;
}

static gboolean
read_double (GParamSpec *pspec, JsonNode *node, GValue *value, const char *where, GError **error)
{
  g_autofree char *text = NULL;
  double number;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    number = json_node_get_int (node);
  else if (expect (node, JSON_NODE_VALUE, G_TYPE_DOUBLE, _("a number"), where, error))
    number = json_node_get_double (node);
  else
    return FALSE;
  /* json-glib reads 1e400 as infinity. */
  if (!isfinite (number))
    return fail (error, SL_SHOTS_ERROR_INVALID, where, _("the number is too large"));
  text = format_double (number);
  g_value_set_double (value, number);
  if (g_param_value_validate (pspec, value))
    return out_of_range (pspec, text, where, error);
  return TRUE;
}

static char *
list_nicks (GEnumClass *enum_class)
{
  GString *nicks = g_string_new (NULL);

  for (guint i = 0; i < enum_class->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i ? ", " : "", enum_class->values[i].value_nick);
  return g_string_free (nicks, FALSE);
}

static gboolean
read_enum (GParamSpec *pspec, JsonNode *node, GValue *value, const char *where, GError **error)
{
  GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  GEnumValue *enum_value;

  if (!expect (node, JSON_NODE_VALUE, G_TYPE_STRING, _("a string"), where, error))
    return FALSE;
  enum_value = g_enum_get_value_by_nick (enum_class, json_node_get_string (node));
  if (enum_value == NULL)
    {
      g_autofree char *nicks = list_nicks (enum_class);

      return fail (error, SL_SHOTS_ERROR_INVALID, where, _("unknown value “%s” (expected one of: %s)"),
                   json_node_get_string (node), nicks);
    }
  g_value_set_enum (value, enum_value->value);
  return TRUE;
}

static gboolean
read_string (GParamSpec *pspec, JsonNode *node, GValue *value, const char *where, GError **error)
{
  /* null only where the property itself starts out unset (an optional
   * path), so that no reader meets a NULL it never expected. */
  if (JSON_NODE_HOLDS_NULL (node) && G_PARAM_SPEC_STRING (pspec)->default_value == NULL)
    return TRUE;
  if (!expect (node, JSON_NODE_VALUE, G_TYPE_STRING, _("a string"), where, error))
    return FALSE;
  g_value_set_string (value, json_node_get_string (node));
  return TRUE;
}

static gboolean
read_value (GObject *object, GParamSpec *pspec, JsonNode *node, const char *where, GError **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean ok;

  g_value_init (&value, pspec->value_type);
  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_BOOLEAN:
      ok = expect (node, JSON_NODE_VALUE, G_TYPE_BOOLEAN, _("true or false"), where, error);
      if (ok)
        g_value_set_boolean (&value, json_node_get_boolean (node));
      break;
    case G_TYPE_INT:
    case G_TYPE_UINT:
    case G_TYPE_INT64:
      ok = read_integer (pspec, node, &value, where, error);
      break;
    case G_TYPE_DOUBLE:
      ok = read_double (pspec, node, &value, where, error);
      break;
    case G_TYPE_ENUM:
      ok = read_enum (pspec, node, &value, where, error);
      break;
    case G_TYPE_STRING:
      ok = read_string (pspec, node, &value, where, error);
      break;
    default:
      ok = fail (error, SL_SHOTS_ERROR_CORRUPT, where, _("this kind of value cannot be read"));
    }
  if (ok)
    g_object_set_property (object, pspec->name, &value);
  return ok;
}

static gboolean read_object (GObject *object, JsonNode *node, GString *where, GError **error);

static gboolean
read_list (GObject *object, GParamSpec *pspec, JsonNode *node, GString *where, GError **error)
{
  GListStore *store = G_LIST_STORE (get_list (object, pspec));
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gsize where_len = where->len;
  JsonArray *array;

  if (!expect (node, JSON_NODE_ARRAY, G_TYPE_INVALID, _("an array"), where->str, error))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      GObject *item = g_object_new (item_type, NULL);

      g_ptr_array_add (items, item);
      g_string_append_printf (where, "[%u]", i);
      if (!read_object (item, json_array_get_element (array, i), where, error))
        return FALSE;
      g_string_truncate (where, where_len);
    }
  /* One splice, not one signal per item: owners react to each change. */
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
  return TRUE;
}

static gboolean
read_member (GObject *object, const char *key, JsonNode *node, GString *where, GError **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), key);

  /* GObject also finds "size_start" for "size-start"; the file has one spelling. */
  if (pspec != NULL && strcmp (pspec->name, key) == 0)
    {
      if (sl_model_is_list_property (pspec))
        return read_list (object, pspec, node, where, error);
      if (sl_model_is_value_property (pspec))
        return read_value (object, pspec, node, where->str, error);
    }
  if (strcmp (key, EXTENSIONS_KEY) == 0)
    return expect (node, JSON_NODE_OBJECT, G_TYPE_INVALID, _("an object"), where->str, error);
  return fail (error, SL_SHOTS_ERROR_CORRUPT, where->str, _("unknown field"));
}

static gboolean
read_object (GObject *object, JsonNode *node, GString *where, GError **error)
{
  g_autoptr(GList) members = NULL;
  gsize where_len = where->len;
  JsonObject *json;

  if (!expect (node, JSON_NODE_OBJECT, G_TYPE_INVALID, _("an object"), where->str, error))
    return FALSE;
  json = json_node_get_object (node);
  members = json_object_get_members (json);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      g_string_append_printf (where, ".%s", key);
      if (!read_member (object, key, json_object_get_member (json, key), where, error))
        return FALSE;
      g_string_truncate (where, where_len);
    }
  return TRUE;
}

static gboolean
check_envelope (JsonObject *root, GError **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 number;

  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format)
      || json_node_get_value_type (format) != G_TYPE_STRING
      || strcmp (json_node_get_string (format), FORMAT_NAME) != 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("not a Shotline project (it lacks \"format\": \"%s\")"), FORMAT_NAME);
      return FALSE;
    }
  if (version == NULL)
    return fail (error, SL_SHOTS_ERROR_CORRUPT, "version", _("missing"));
  if (!expect (version, JSON_NODE_VALUE, G_TYPE_INT64, _("an integer"), "version", error))
    return FALSE;
  number = json_node_get_int (version);
  if (number > SL_PROJECT_FORMAT_VERSION)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NEWER_FORMAT,
                   _("This project was saved by a newer Shotline (format %lld); "
                     "this version reads format %d"),
                   (long long) number, SL_PROJECT_FORMAT_VERSION);
      return FALSE;
    }
  if (number < 1)
    return fail (error, SL_SHOTS_ERROR_CORRUPT, "version",
                 _("%lld is not a format version"), (long long) number);
  return TRUE;
}

static SlProject *
read_document (JsonNode *root, const char *base_dir, GError **error)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(GString) where = g_string_new ("project");
  g_autoptr(GList) members = NULL;
  JsonObject *json;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("not a Shotline project (expected a JSON object, found %s)"),
                   root ? describe_node (root) : _("nothing"));
      return NULL;
    }
  json = json_node_get_object (root);
  if (!check_envelope (json, error))
    return NULL;
  if (!json_object_has_member (json, "project"))
    {
      fail (error, SL_SHOTS_ERROR_CORRUPT, "project", _("missing"));
      return NULL;
    }

  members = json_object_get_members (json);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (json, key);

      if (strcmp (key, "generator") == 0)
        {
          if (!expect (node, JSON_NODE_VALUE, G_TYPE_STRING, _("a string"), key, error))
            return NULL;
        }
      else if (strcmp (key, EXTENSIONS_KEY) == 0)
        {
          if (!expect (node, JSON_NODE_OBJECT, G_TYPE_INVALID, _("an object"), key, error))
            return NULL;
        }
      else if (strcmp (key, "project") == 0)
        {
          if (!read_object (G_OBJECT (project), node, where, error))
            return NULL;
        }
      else if (strcmp (key, "format") != 0 && strcmp (key, "version") != 0)
        {
          fail (error, SL_SHOTS_ERROR_CORRUPT, key, _("unknown field"));
          return NULL;
        }
    }
  if (base_dir != NULL)
    sl_project_set_base_dir (project, base_dir);
  return g_steal_pointer (&project);
}

/* Deeper than any project; json-glib recurses once per level and would
 * run out of stack on a file of a million "[". */
#define MAX_DEPTH 256

static glong
column_of (const char *line_start, const char *p)
{
  return g_utf8_strlen (line_start, p - line_start) + 1;
}

/* Reads the number token at *@i (leaving *@i on its last character) and
 * says whether it is fine: json-glib wraps integers beyond 64 bits without
 * a word (2^64 reads as -1, a valid "end" of a move). Malformed tokens are
 * left to json-glib to report. */
static gboolean
check_number (const char *text, gsize length, gsize *i, char **token)
{
  gsize start = *i;
  const char *digits;

  while (*i < length && (g_ascii_isdigit (text[*i]) || text[*i] == '-' || text[*i] == '+'
                         || text[*i] == '.' || text[*i] == 'e' || text[*i] == 'E'))
    (*i)++;
  *token = g_strndup (text + start, *i - start);
  (*i)--;
  digits = *token + (**token == '-');
  if (*digits == '\0' || strspn (digits, "0123456789") != strlen (digits))
    return TRUE;
  return g_ascii_string_to_signed (*token, 10, G_MININT64, G_MAXINT64, NULL, NULL);
}

/* What json-glib cannot be trusted with, checked on the text itself before
 * it is parsed: nesting depth and integer size. */
static gboolean
check_text (const char *text, gsize length, GError **error)
{
  const char *line_start = text;
  guint line = 1;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      const char *p = text + i;
      g_autofree char *token = NULL;

      if (*p == '\n')
        {
          line++;
          line_start = p + 1;
        }
      else if (*p == '"')
        {
          for (i++; i < length && text[i] != '"' && text[i] != '\n'; i++)
            if (text[i] == '\\')
              i++;
          /* A broken string ends at the line's end, which still counts. */
          if (i < length && text[i] == '\n')
            i--;
        }
      else if (*p == '[' || *p == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                           _("line %u, column %ld: nested more than %d levels deep"),
                           line, column_of (line_start, p), MAX_DEPTH);
              return FALSE;
            }
        }
      else if (*p == ']' || *p == '}')
        depth -= depth > 0;
      else if ((*p == '-' || g_ascii_isdigit (*p)) && !check_number (text, length, &i, &token))
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                       _("line %u, column %ld: the integer %s is too large"),
                       line, column_of (line_start, p), token);
          return FALSE;
        }
    }
  return TRUE;
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: WHAT"; the line and
 * column are what the user needs, the rest is noise. */
static void
set_syntax_error (GError **error, const GError *json_error)
{
  const char *message = json_error->message;
  guint line, column;
  int offset = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &offset) == 2 && offset > 0)
    {
      const char *what = strstr (message + offset, ": ");

      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("line %u, column %u: %s"), line, column,
                   what ? what + 2 : message + offset);
    }
  else
    g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                 _("not a Shotline project: %s"), message);
}

SlProject *
sl_project_json_from_data (const char *text, gssize length, const char *base_dir, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (!check_text (text, length, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &json_error))
    {
      set_syntax_error (error, json_error);
      return NULL;
    }
  return read_document (json_parser_get_root (parser), base_dir, error);
}

/* Files */

SlProject *
sl_project_json_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;
  SlProject *project;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!sl_file_read (path, SL_FILE_MAX_DOCUMENT_SIZE, &text, &length, error))
    return NULL;
  folder = sl_file_get_folder (path);
  project = sl_project_json_from_data (text, length, folder, error);
  if (project == NULL)
    g_prefix_error (error, _("Could not open “%s”: "), path);
  return project;
}

gboolean
sl_project_json_save (SlProject *project, const char *path, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  folder = sl_file_get_folder (path);
  text = sl_project_json_to_data (project, folder);
  return sl_file_write_atomic (path, text, strlen (text), error);
}

static void
rebase_object (GObject *object, const char *from_dir, const char *to_dir)
{
  guint n;
  g_autofree GParamSpec **pspecs = list_stored_properties (object, &n);

  for (guint i = 0; i < n; i++)
    {
      if (sl_model_is_list_property (pspecs[i]))
        {
          GListModel *list = get_list (object, pspecs[i]);

          for (guint j = 0; j < g_list_model_get_n_items (list); j++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (list, j);

              rebase_object (item, from_dir, to_dir);
            }
        }
      else if (is_path_property (pspecs[i]))
        {
          g_autofree char *path = NULL;
          g_autofree char *rebased = NULL;

          g_object_get (object, pspecs[i]->name, &path, NULL);
          rebased = sl_file_rebase_path (path, from_dir, to_dir);
          g_object_set (object, pspecs[i]->name, rebased, NULL);
        }
    }
}

void
sl_project_json_rebase (SlProject *project, const char *base_dir)
{
  g_autofree char *from_dir = NULL;
  g_autofree char *to_dir = NULL;

  g_return_if_fail (SL_IS_PROJECT (project));
  g_return_if_fail (base_dir != NULL);

  from_dir = g_strdup (sl_project_get_base_dir (project));
  to_dir = g_canonicalize_filename (base_dir, NULL);
  rebase_object (G_OBJECT (project), from_dir, to_dir);
  sl_project_set_base_dir (project, to_dir);
}
