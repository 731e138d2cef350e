/* sl-lexicon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-lexicon"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sl-lexicon.h"
#include "sl-shots-error.h"

#define PRIORITY_LIMIT 100

/* One parameter an entry sets, already validated. */
typedef struct {
  guint   param;               /* index in the look's parameter table */
  double  v[3];
  guint   n_colors;            /* palette */
  double  colors[SL_LOOK_MAX_PALETTE][3];
  char  **tags;                /* mood */
} Setting;

/* Shared between a lexicon and the lexicons merged from it. */
typedef struct {
  char   *id;
  char   *category;
  char   *label_en;
  char   *label_zh;
  char  **words_en;
  char  **words_zh;
  int     priority;
  GArray *settings;
} Entry;

/* A word or phrase of an entry, in the form prompts are matched in. */
typedef struct {
  char    *text;
  gsize    length;
  guint    n_chars;
  guint    entry;
  guint    layer;              /* 1 for a user entry: it wins ties */
  gboolean word_start;         /* must begin on a word boundary */
  gboolean word_end;
} Phrase;

typedef struct {
  gsize start;
  gsize end;
  guint n_chars;
  guint entry;
  guint layer;
} Candidate;

typedef struct {
  guint  count;
  double sum[3];
  double cos_sum;
  double sin_sum;
  double last[3];
} Accumulator;

struct _SlLexicon
{
  GObject     parent_instance;
  char       *version;
  char       *digest;
  GPtrArray  *entries;
  GHashTable *by_id;           /* id -> index + 1 */
  GArray     *phrases;
};

G_DEFINE_FINAL_TYPE (SlLexicon, sl_lexicon, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (SlLexiconMatch, sl_lexicon_match, sl_lexicon_match_copy, sl_lexicon_match_free)

SlLexiconMatch *
sl_lexicon_match_copy (const SlLexiconMatch *self)
{
  SlLexiconMatch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SlLexiconMatch, 1);
  copy->entry_id = g_strdup (self->entry_id);
  copy->text = g_strdup (self->text);
  copy->offset = self->offset;
  copy->length = self->length;
  copy->label_en = g_strdup (self->label_en);
  copy->label_zh = g_strdup (self->label_zh);
  return copy;
}

void
sl_lexicon_match_free (SlLexiconMatch *self)
{
  if (self == NULL)
    return;
  g_free (self->entry_id);
  g_free (self->text);
  g_free (self->label_en);
  g_free (self->label_zh);
  g_free (self);
}

static void
setting_clear (gpointer data)
{
  Setting *setting = data;

  g_strfreev (setting->tags);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->id);
  g_free (entry->category);
  g_free (entry->label_en);
  g_free (entry->label_zh);
  g_strfreev (entry->words_en);
  g_strfreev (entry->words_zh);
  g_clear_pointer (&entry->settings, g_array_unref);
}

static void
entry_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, entry_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_release)

static void
phrase_clear (gpointer data)
{
  Phrase *phrase = data;

  g_free (phrase->text);
}

static void
sl_lexicon_finalize (GObject *object)
{
  SlLexicon *self = SL_LEXICON (object);

  g_free (self->version);
  g_free (self->digest);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->phrases, g_array_unref);
  G_OBJECT_CLASS (sl_lexicon_parent_class)->finalize (object);
}

static void
sl_lexicon_class_init (SlLexiconClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_lexicon_finalize;
}

static void
sl_lexicon_init (SlLexicon *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_release);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->phrases = g_array_new (FALSE, FALSE, sizeof (Phrase));
  g_array_set_clear_func (self->phrases, phrase_clear);
}

/* Normalising: prompts and phrases are compared lower-cased, with full-width
 * Latin folded to ASCII (Chinese input methods produce it) and every run of
 * spaces, "-" and "_" reduced to one space, so that "Sci-Fi", "sci fi" and
 * "ＳＣＩ ＦＩ" are the same words. */

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || c == '_';
}

static gunichar
fold (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  return g_unichar_tolower (c);
}

/* Words of scripts written without spaces have no boundaries to respect. */
static gboolean
is_word_char (gunichar c)
{
  if (!g_unichar_isalnum (c))
    return FALSE;
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Appends the normalised @text to @out; if @from and @to are given, they get
 * for every byte of @out the byte range of the character it came from.
 * Bytes that are not UTF-8 count as separators. */
static void
normalize (const char *text, gsize length, GString *out, GArray *from, GArray *to)
{
  const char *p = text;
  const char *end = text + length;
  gboolean pending_space = FALSE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize n = 1;
      char utf8[6];
      gsize n_utf8;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        c = ' ';
      else
        {
          n = g_utf8_next_char (p) - p;
          c = fold (c);
        }

      if (is_separator (c))
        {
          pending_space = out->len > 0;
          p += n;
          continue;
        }
      if (pending_space)
        {
          gsize here = p - text;

          g_string_append_c (out, ' ');
          if (from != NULL)
            {
              g_array_append_val (from, here);
              g_array_append_val (to, here);
            }
          pending_space = FALSE;
        }
      n_utf8 = g_unichar_to_utf8 (c, utf8);
      g_string_append_len (out, utf8, n_utf8);
      for (gsize i = 0; from != NULL && i < n_utf8; i++)
        {
          gsize start = p - text;
          gsize stop = start + n;

          g_array_append_val (from, start);
          g_array_append_val (to, stop);
        }
      p += n;
    }
}

static char *
normalize_phrase (const char *text)
{
  GString *out = g_string_new (NULL);

  normalize (text, strlen (text), out, NULL, NULL);
  return g_string_free (out, FALSE);
}

/* Loading and validating. */

static void
set_entry_error (GError     **error,
                 const char  *origin,
                 const char  *entry,
                 const char  *format,
                 ...) G_GNUC_PRINTF (4, 5);

static void
set_entry_error (GError **error, const char *origin, const char *entry, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
               _("%s: entry “%s”: %s"), origin, entry, detail);
}

static gboolean
get_number (JsonNode *node, double *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (node);
  return TRUE;
}

static const char *
get_string (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

static gboolean
check_range (const SlLookParam *param,
             double             value,
             const char        *origin,
             const char        *entry,
             GError           **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (value >= param->min && value <= param->max)
    return TRUE;
  shown = format_number (value);
  min = format_number (param->min);
  max = format_number (param->max);
  set_entry_error (error, origin, entry, _("“%s” is %s, outside %s to %s"),
                   param->name, shown, min, max);
  return FALSE;
}

/* "#rrggbb" (sRGB) or three linear numbers. */
static gboolean
parse_color (const SlLookParam *param,
             JsonNode          *node,
             double             rgb[3],
             const char        *origin,
             const char        *entry,
             GError           **error)
{
  const char *text = get_string (node);
  JsonArray *array;

  if (text != NULL && sl_look_color_from_hex (text, rgb))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (array = json_node_get_array (node)) == 3)
    {
      gboolean numbers = TRUE;

      for (guint c = 0; c < 3; c++)
        numbers = numbers && get_number (json_array_get_element (array, c), &rgb[c]);
      if (numbers)
        return check_range (param, MIN (rgb[0], MIN (rgb[1], rgb[2])), origin, entry, error)
               && check_range (param, MAX (rgb[0], MAX (rgb[1], rgb[2])), origin, entry, error);
    }
  set_entry_error (error, origin, entry,
                   _("“%s” must be a colour: \"#rrggbb\" or three numbers"), param->name);
  return FALSE;
}

static gboolean
parse_triple (const SlLookParam *param,
              JsonNode          *node,
              double             v[3],
              const char        *origin,
              const char        *entry,
              GError           **error)
{
  JsonArray *array;

  if (get_number (node, &v[0]))
    {
      v[1] = v[2] = v[0];
      return check_range (param, v[0], origin, entry, error);
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (array = json_node_get_array (node)) == 3)
    {
      gboolean ok = TRUE;

      for (guint c = 0; c < 3 && ok; c++)
        ok = get_number (json_array_get_element (array, c), &v[c]);
      if (ok)
        {
          for (guint c = 0; c < 3; c++)
            if (!check_range (param, v[c], origin, entry, error))
              return FALSE;
          return TRUE;
        }
    }
  set_entry_error (error, origin, entry, _("“%s” must be a number or three numbers"), param->name);
  return FALSE;
}

static gboolean
parse_enum (const SlLookParam *param,
            JsonNode          *node,
            double            *out,
            const char        *origin,
            const char        *entry,
            GError           **error)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (param->enum_type ());
  g_autoptr(GString) nicks = g_string_new (NULL);
  const char *text = get_string (node);
  GEnumValue *value = text != NULL ? g_enum_get_value_by_nick (enum_class, text) : NULL;

  if (value != NULL)
    {
      *out = value->value;
      return TRUE;
    }
  for (guint i = 0; i < enum_class->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", enum_class->values[i].value_nick);
  set_entry_error (error, origin, entry, _("“%s” must be one of: %s"), param->name, nicks->str);
  return FALSE;
}

static gboolean
parse_palette (const SlLookParam *param,
               JsonNode          *node,
               Setting           *setting,
               const char        *origin,
               const char        *entry,
               GError           **error)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node)
      || (n = json_array_get_length (array = json_node_get_array (node))) == 0
      || n > SL_LOOK_MAX_PALETTE)
    {
      set_entry_error (error, origin, entry, _("“%s” must be a list of 1 to %d colours"),
                       param->name, SL_LOOK_MAX_PALETTE);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!parse_color (param, json_array_get_element (array, i), setting->colors[i], origin, entry, error))
      return FALSE;
  setting->n_colors = n;
  return TRUE;
}

/* A list of non-empty strings, or one string. */
static char **
parse_strings (JsonNode *node, gboolean lower)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;
  guint n = 1;

  if (JSON_NODE_HOLDS_ARRAY (node))
    n = json_array_get_length (array = json_node_get_array (node));
  for (guint i = 0; i < n; i++)
    {
      const char *text = get_string (array != NULL ? json_array_get_element (array, i) : node);
      g_autofree char *lowered = NULL;

      if (text == NULL || *text == '\0')
        return NULL;
      if (lower)
        text = lowered = g_utf8_strdown (text, -1);
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_setting (const char  *name,
               JsonNode    *node,
               Setting     *setting,
               const char  *origin,
               const char  *entry,
               GError     **error)
{
  const SlLookParam *param = sl_look_find_param (name, &setting->param);

  if (param == NULL)
    {
      set_entry_error (error, origin, entry, _("unknown parameter “%s”"), name);
      return FALSE;
    }

  switch (param->type)
    {
    case SL_LOOK_VALUE_NUMBER:
      if (get_number (node, &setting->v[0]))
        return check_range (param, setting->v[0], origin, entry, error);
      set_entry_error (error, origin, entry, _("“%s” must be a number"), name);
      return FALSE;
    case SL_LOOK_VALUE_COUNT:
      if (get_number (node, &setting->v[0]) && setting->v[0] == floor (setting->v[0]))
        return check_range (param, setting->v[0], origin, entry, error);
      set_entry_error (error, origin, entry, _("“%s” must be a whole number"), name);
      return FALSE;
    case SL_LOOK_VALUE_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          setting->v[0] = json_node_get_boolean (node) ? 1 : 0;
          return TRUE;
        }
      set_entry_error (error, origin, entry, _("“%s” must be true or false"), name);
      return FALSE;
    case SL_LOOK_VALUE_ENUM:
      return parse_enum (param, node, &setting->v[0], origin, entry, error);
    case SL_LOOK_VALUE_TRIPLE:
      return parse_triple (param, node, setting->v, origin, entry, error);
    case SL_LOOK_VALUE_COLOR:
      return parse_color (param, node, setting->v, origin, entry, error);
    case SL_LOOK_VALUE_PALETTE:
      return parse_palette (param, node, setting, origin, entry, error);
    case SL_LOOK_VALUE_TAGS:
      if ((setting->tags = parse_strings (node, TRUE)) != NULL)
        return TRUE;
      set_entry_error (error, origin, entry, _("“%s” must be a list of words"), name);
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
parse_settings (Entry *entry, JsonNode *node, const char *origin, const char *name, GError **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_entry_error (error, origin, name, _("“set” must be an object of parameters"));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      Setting setting = { 0 };

      if (!parse_setting (l->data, json_object_get_member (object, l->data), &setting, origin, name, error))
        {
          setting_clear (&setting);
          return FALSE;
        }
      g_array_append_val (entry->settings, setting);
    }
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || !g_ascii_isalnum (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_words (JsonObject *object, const char *field, char ***out, const char *origin, const char *name, GError **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    *out = g_new0 (char *, 1);
  else if (!JSON_NODE_HOLDS_ARRAY (node) || (*out = parse_strings (node, FALSE)) == NULL)
    {
      set_entry_error (error, origin, name, _("“%s” must be a list of words"), field);
      return FALSE;
    }
  for (guint i = 0; (*out)[i] != NULL; i++)
    {
      g_autofree char *normal = normalize_phrase ((*out)[i]);

      if (*normal == '\0')
        {
          set_entry_error (error, origin, name, _("the word “%s” is only spaces and dashes"), (*out)[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_label (Entry *entry, JsonNode *node, const char *origin, const char *name, GError **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *en = object != NULL ? json_object_get_member (object, "en") : NULL;
  JsonNode *zh = object != NULL ? json_object_get_member (object, "zh") : NULL;

  if (object == NULL || json_object_get_size (object) != (guint) ((en != NULL) + (zh != NULL))
      || (en != NULL && get_string (en) == NULL) || (zh != NULL && get_string (zh) == NULL))
    {
      set_entry_error (error, origin, name, _("“label” must be an object with strings “en” and “zh”"));
      return FALSE;
    }
  entry->label_en = en != NULL ? g_strdup (get_string (en)) : NULL;
  entry->label_zh = zh != NULL ? g_strdup (get_string (zh)) : NULL;
  return TRUE;
}

static gboolean
parse_priority (Entry *entry, JsonNode *node, const char *origin, const char *name, GError **error)
{
  double priority;

  if (!get_number (node, &priority) || priority != floor (priority) || fabs (priority) > PRIORITY_LIMIT)
    {
      set_entry_error (error, origin, name, _("“priority” must be a whole number from %d to %d"),
                       -PRIORITY_LIMIT, PRIORITY_LIMIT);
      return FALSE;
    }
  entry->priority = (int) priority;
  return TRUE;
}

static gboolean
check_fields (JsonObject *object, const char *const *known, const char *origin, const char *name, GError **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        if (name != NULL)
          set_entry_error (error, origin, name, _("unknown field “%s”"), (const char *) l->data);
        else
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                       _("%s: unknown field “%s”"), origin, (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static Entry *
parse_entry (JsonNode *node, guint position, const char *origin, GError **error)
{
  static const char *const fields[] = { "id", "category", "label", "en", "zh", "priority", "set", "comment", NULL };
  g_autoptr(Entry) entry = g_atomic_rc_box_new0 (Entry);
  g_autofree char *name = g_strdup_printf ("#%u", position + 1);
  JsonObject *object;
  JsonNode *member;
  const char *id;

  entry->settings = g_array_new (FALSE, FALSE, sizeof (Setting));
  g_array_set_clear_func (entry->settings, setting_clear);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_entry_error (error, origin, name, _("an entry must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  member = json_object_get_member (object, "id");
  id = member != NULL ? get_string (member) : NULL;
  if (!is_valid_id (id))
    {
      set_entry_error (error, origin, id != NULL ? id : name,
                       _("“id” must be lower-case letters, digits and “-”"));
      return NULL;
    }
  g_free (name);
  name = g_strdup (id);
  entry->id = g_strdup (id);

  if (!check_fields (object, fields, origin, name, error)
      || !parse_words (object, "en", &entry->words_en, origin, name, error)
      || !parse_words (object, "zh", &entry->words_zh, origin, name, error))
    return NULL;
  if (entry->words_en[0] == NULL && entry->words_zh[0] == NULL)
    {
      set_entry_error (error, origin, name, _("the entry has no words in “en” or “zh”"));
      return NULL;
    }
  if ((member = json_object_get_member (object, "category")) != NULL && get_string (member) == NULL)
    {
      set_entry_error (error, origin, name, _("“category” must be a string"));
      return NULL;
    }
  entry->category = g_strdup (member != NULL ? get_string (member) : "");
  if ((member = json_object_get_member (object, "label")) != NULL
      && !parse_label (entry, member, origin, name, error))
    return NULL;
  if ((member = json_object_get_member (object, "priority")) != NULL
      && !parse_priority (entry, member, origin, name, error))
    return NULL;
  if ((member = json_object_get_member (object, "set")) == NULL)
    {
      set_entry_error (error, origin, name, _("“set” is missing"));
      return NULL;
    }
  if (!parse_settings (entry, member, origin, name, error))
    return NULL;

  /* Without a label the chips show the first word of each language. */
  if (entry->label_en == NULL)
    entry->label_en = g_strdup (entry->words_en[0] != NULL ? entry->words_en[0] : entry->words_zh[0]);
  if (entry->label_zh == NULL)
    entry->label_zh = g_strdup (entry->words_zh[0] != NULL ? entry->words_zh[0] : entry->label_en);
  return g_steal_pointer (&entry);
}

static void
add_phrases (SlLexicon *self, guint index, const char *const *words, guint layer, GHashTable *seen)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      Phrase phrase = { 0 };

      phrase.text = normalize_phrase (words[i]);
      if (g_hash_table_contains (seen, phrase.text))
        {
          g_free (phrase.text);
          continue;
        }
      g_hash_table_add (seen, phrase.text);
      phrase.length = strlen (phrase.text);
      phrase.n_chars = g_utf8_strlen (phrase.text, -1);
      phrase.entry = index;
      phrase.layer = layer;
      phrase.word_start = is_word_char (g_utf8_get_char (phrase.text));
      phrase.word_end = is_word_char (g_utf8_get_char (g_utf8_prev_char (phrase.text + phrase.length)));
      g_array_append_val (self->phrases, phrase);
    }
}

/* Indexes the entries once they are all in place. @layers (or NULL for all
 * 0) says which entries came from the user. */
static void
index_entries (SlLexicon *self, const guint *layers)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (self->by_id, entry->id, GUINT_TO_POINTER (i + 1));
      add_phrases (self, i, (const char *const *) entry->words_en, layers != NULL ? layers[i] : 0, seen);
      add_phrases (self, i, (const char *const *) entry->words_zh, layers != NULL ? layers[i] : 0, seen);
    }
}

/* Within one file a word that leads to two entries is a mistake. */
static gboolean
check_unique_words (SlLexicon *self, const char *origin, GError **error)
{
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->phrases->len; i++)
    {
      Phrase *phrase = &g_array_index (self->phrases, Phrase, i);
      Entry *entry = g_ptr_array_index (self->entries, phrase->entry);
      Entry *owner = g_hash_table_lookup (owners, phrase->text);

      if (owner != NULL)
        {
          set_entry_error (error, origin, entry->id, _("the word “%s” is also in entry “%s”"),
                           phrase->text, owner->id);
          return FALSE;
        }
      g_hash_table_insert (owners, phrase->text, entry);
    }
  return TRUE;
}

static gboolean
parse_root (SlLexicon *self, JsonNode *root, const char *origin, GError **error)
{
  static const char *const fields[] = { "version", "entries", "comment", NULL };
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *version = object != NULL ? json_object_get_member (object, "version") : NULL;
  JsonNode *entries = object != NULL ? json_object_get_member (object, "entries") : NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (version == NULL || get_string (version) == NULL || *get_string (version) == '\0'
      || entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: not a lexicon: it needs a “version” string and an “entries” list"), origin);
      return FALSE;
    }
  if (!check_fields (object, fields, origin, NULL, error))
    return FALSE;
  self->version = g_strdup (get_string (version));

  array = json_node_get_array (entries);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Entry *entry = parse_entry (json_array_get_element (array, i), i, origin, error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (self->entries, entry);
      if (!g_hash_table_add (ids, entry->id))
        {
          set_entry_error (error, origin, entry->id, _("the id is used twice"));
          return FALSE;
        }
    }
  index_entries (self, NULL);
  return check_unique_words (self, origin, error);
}

SlLexicon *
sl_lexicon_new_from_data (const char *text, gssize length, const char *origin, GError **error)
{
  g_autoptr(SlLexicon) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (!json_parser_load_from_data (parser, text, length, &parse_error))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: not a lexicon: %s"), origin, parse_error->message);
      return NULL;
    }
  self = g_object_new (SL_TYPE_LEXICON, NULL);
  self->digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
  if (!parse_root (self, json_parser_get_root (parser), origin, error))
    return NULL;
  return g_steal_pointer (&self);
}

SlLexicon *
sl_lexicon_new_from_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  return sl_lexicon_new_from_data (text, length, path, error);
}

SlLexicon *
sl_lexicon_new_merged (SlLexicon *base, SlLexicon *user)
{
  SlLexicon *self;
  g_autoptr(GArray) layers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *digests = NULL;
  guint user_layer = 1;
  guint base_layer = 0;

  g_return_val_if_fail (SL_IS_LEXICON (base), NULL);
  g_return_val_if_fail (SL_IS_LEXICON (user), NULL);

  self = g_object_new (SL_TYPE_LEXICON, NULL);
  for (guint i = 0; i < base->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (base->entries, i);
      guint user_index;

      if (sl_lexicon_lookup (user, entry->id, &user_index))
        {
          g_ptr_array_add (self->entries, g_atomic_rc_box_acquire (g_ptr_array_index (user->entries, user_index)));
          g_array_append_val (layers, user_layer);
        }
      else
        {
          g_ptr_array_add (self->entries, g_atomic_rc_box_acquire (entry));
          g_array_append_val (layers, base_layer);
        }
    }
  for (guint i = 0; i < user->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (user->entries, i);

      if (!sl_lexicon_lookup (base, entry->id, NULL))
        {
          g_ptr_array_add (self->entries, g_atomic_rc_box_acquire (entry));
          g_array_append_val (layers, user_layer);
        }
    }
  index_entries (self, (const guint *) (gpointer) layers->data);
  self->version = g_strdup_printf ("%s+user-%.8s", base->version, user->digest);
  digests = g_strconcat (base->digest, user->digest, NULL);
  self->digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, digests, -1);
  return self;
}

static char *
bundled_path (void)
{
  const char *dir = g_getenv ("SHOTLINE_DATADIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "lexicon.json", NULL);
#ifdef SOURCE_DATADIR
  if (g_file_test (SOURCE_DATADIR G_DIR_SEPARATOR_S "lexicon.json", G_FILE_TEST_EXISTS))
    return g_strdup (SOURCE_DATADIR G_DIR_SEPARATOR_S "lexicon.json");
#endif
  return g_build_filename (PKGDATADIR, "lexicon.json", NULL);
}

static gpointer
load_default (gpointer data)
{
  g_autofree char *path = bundled_path ();
  g_autofree char *user_path = g_build_filename (g_get_user_data_dir (), "shotline", "lexicon.json", NULL);
  g_autoptr(SlLexicon) bundled = NULL;
  g_autoptr(SlLexicon) user = NULL;
  g_autoptr(GError) error = NULL;

  bundled = sl_lexicon_new_from_file (path, &error);
  if (bundled == NULL)
    {
      g_critical ("The bundled lexicon is broken: %s", error->message);
      return NULL;
    }
  if (!g_file_test (user_path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&bundled);
  user = sl_lexicon_new_from_file (user_path, &error);
  if (user == NULL)
    {
      g_warning ("Leaving out the user lexicon: %s", error->message);
      return g_steal_pointer (&bundled);
    }
  return sl_lexicon_new_merged (bundled, user);
}

SlLexicon *
sl_lexicon_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_default, NULL);
}

const char *
sl_lexicon_get_version (SlLexicon *self)
{
  g_return_val_if_fail (SL_IS_LEXICON (self), NULL);
  return self->version;
}

guint
sl_lexicon_get_n_entries (SlLexicon *self)
{
  g_return_val_if_fail (SL_IS_LEXICON (self), 0);
  return self->entries->len;
}

gboolean
sl_lexicon_lookup (SlLexicon *self, const char *id, guint *index)
{
  guint found;

  g_return_val_if_fail (SL_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  found = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, id));
  if (found == 0)
    return FALSE;
  if (index != NULL)
    *index = found - 1;
  return TRUE;
}

static Entry *
get_entry (SlLexicon *self, guint index)
{
  g_return_val_if_fail (SL_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}

const char *
sl_lexicon_get_entry_id (SlLexicon *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->id : NULL;
}

const char *
sl_lexicon_get_entry_category (SlLexicon *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->category : NULL;
}

const char *
sl_lexicon_get_entry_label_en (SlLexicon *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->label_en : NULL;
}

const char *
sl_lexicon_get_entry_label_zh (SlLexicon *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->label_zh : NULL;
}

const char *const *
sl_lexicon_get_entry_words_en (SlLexicon *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? (const char *const *) entry->words_en : NULL;
}

const char *const *
sl_lexicon_get_entry_words_zh (SlLexicon *self, guint index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? (const char *const *) entry->words_zh : NULL;
}

/* Combining: for each parameter only the matched entries of the highest
 * priority that set it count. Among them, numbers are averaged (angles on
 * their circle, counts rounded), colours and triples averaged per
 * component, booleans and kinds taken from the last entry in prompt order,
 * palettes concatenated without repeats up to five colours, mood tags
 * united. */

static void
add_color (SlLook *look, const double rgb[3])
{
  if (look->n_palette == SL_LOOK_MAX_PALETTE)
    return;
  for (guint i = 0; i < look->n_palette; i++)
    if (memcmp (look->palette[i], rgb, sizeof look->palette[i]) == 0)
      return;
  memcpy (look->palette[look->n_palette++], rgb, sizeof look->palette[0]);
}

static void
accumulate (Accumulator *acc, const SlLookParam *param, const Setting *setting, SlLook *look, GPtrArray *mood)
{
  acc->count++;
  memcpy (acc->last, setting->v, sizeof acc->last);
  if (param->type == SL_LOOK_VALUE_PALETTE)
    for (guint i = 0; i < setting->n_colors; i++)
      add_color (look, setting->colors[i]);
  else if (param->type == SL_LOOK_VALUE_TAGS)
    for (guint i = 0; setting->tags[i] != NULL; i++)
      {
        if (!g_ptr_array_find_with_equal_func (mood, setting->tags[i], g_str_equal, NULL))
          g_ptr_array_add (mood, setting->tags[i]);
      }
  else if (param->period > 0)
    {
      acc->cos_sum += cos (2 * G_PI * setting->v[0] / param->period);
      acc->sin_sum += sin (2 * G_PI * setting->v[0] / param->period);
    }
  else
    for (guint c = 0; c < 3; c++)
      acc->sum[c] += setting->v[c];
}

/* The mean direction of angles; where they cancel out (dawn and dusk
 * averaged) there is none, and the last one stands. */
static double
circular_mean (const Accumulator *acc, double period)
{
  double mean;

  if (acc->count == 1 || hypot (acc->cos_sum, acc->sin_sum) < 1e-9 * acc->count)
    return acc->last[0];
  mean = atan2 (acc->sin_sum, acc->cos_sum) * period / (2 * G_PI);
  if (mean < 0)
    mean += period;
  return mean < period ? mean : 0;
}

static void
finish (const Accumulator *acc, const SlLookParam *param, SlLook *look)
{
  double v[3];

  switch (param->type)
    {
    case SL_LOOK_VALUE_PALETTE:
    case SL_LOOK_VALUE_TAGS:
      return;
    case SL_LOOK_VALUE_BOOLEAN:
    case SL_LOOK_VALUE_ENUM:
      memcpy (v, acc->last, sizeof v);
      break;
    case SL_LOOK_VALUE_COUNT:
      v[0] = floor (acc->sum[0] / acc->count + 0.5);
      break;
    case SL_LOOK_VALUE_NUMBER:
    case SL_LOOK_VALUE_TRIPLE:
    case SL_LOOK_VALUE_COLOR:
    default:
      for (guint c = 0; c < 3; c++)
        v[c] = acc->sum[c] / acc->count;
      if (param->period > 0)
        v[0] = circular_mean (acc, param->period);
      break;
    }
  sl_look_set_value (look, param, v);
}

/* @entries: distinct entry indices in prompt order. */
static SlLook *
combine (SlLexicon *self, const guint *entries, guint n_entries)
{
  guint n_params = sl_look_get_n_params ();
  g_autofree int *top = g_new (int, n_params);
  g_autofree Accumulator *acc = g_new0 (Accumulator, n_params);
  g_autofree gboolean *explicit_params = g_new0 (gboolean, n_params);
  g_autoptr(GPtrArray) mood = g_ptr_array_new ();
  SlLook *look = sl_look_new ();

  for (guint i = 0; i < n_params; i++)
    top[i] = G_MININT;
  for (guint i = 0; i < n_entries; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, entries[i]);

      for (guint j = 0; j < entry->settings->len; j++)
        {
          guint param = g_array_index (entry->settings, Setting, j).param;

          top[param] = MAX (top[param], entry->priority);
        }
    }
  for (guint i = 0; i < n_entries; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, entries[i]);

      for (guint j = 0; j < entry->settings->len; j++)
        {
          const Setting *setting = &g_array_index (entry->settings, Setting, j);

          if (entry->priority == top[setting->param])
            accumulate (&acc[setting->param], sl_look_get_param (setting->param), setting, look, mood);
        }
    }
  for (guint i = 0; i < n_params; i++)
    if (acc[i].count > 0)
      {
        finish (&acc[i], sl_look_get_param (i), look);
        explicit_params[i] = TRUE;
      }
  g_strfreev (look->mood);
  g_ptr_array_add (mood, NULL);
  look->mood = g_strdupv ((char **) mood->pdata);
  sl_look_derive (look, explicit_params);
  return look;
}

SlLook *
sl_lexicon_get_entry_look (SlLexicon *self, guint index)
{
  g_return_val_if_fail (get_entry (self, index) != NULL, NULL);
  return combine (self, &index, 1);
}

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->n_chars != y->n_chars)
    return x->n_chars > y->n_chars ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->layer != y->layer)
    return x->layer > y->layer ? -1 : 1;
  return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int
compare_starts (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static void
find_candidates (SlLexicon *self, const GString *text, GArray *candidates)
{
  for (guint i = 0; i < self->phrases->len; i++)
    {
      const Phrase *phrase = &g_array_index (self->phrases, Phrase, i);

      for (const char *hit = strstr (text->str, phrase->text); hit != NULL;
           hit = strstr (g_utf8_next_char (hit), phrase->text))
        {
          Candidate candidate = { hit - text->str, hit - text->str + phrase->length,
                                  phrase->n_chars, phrase->entry, phrase->layer };

          if (phrase->word_start && hit > text->str
              && is_word_char (g_utf8_get_char (g_utf8_prev_char (hit))))
            continue;
          if (phrase->word_end && candidate.end < text->len
              && is_word_char (g_utf8_get_char (text->str + candidate.end)))
            continue;
          g_array_append_val (candidates, candidate);
        }
    }
}

/* Longest first, so that a phrase claims its text before the words in it;
 * what overlaps text already claimed is dropped. */
static void
select_candidates (GArray *candidates, gsize text_length)
{
  g_autofree gboolean *taken = g_new0 (gboolean, text_length + 1);
  guint kept = 0;

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate candidate = g_array_index (candidates, Candidate, i);
      gboolean available = TRUE;

      for (gsize b = candidate.start; b < candidate.end && available; b++)
        available = !taken[b];
      if (!available)
        continue;
      for (gsize b = candidate.start; b < candidate.end; b++)
        taken[b] = TRUE;
      g_array_index (candidates, Candidate, kept++) = candidate;
    }
  g_array_set_size (candidates, kept);
  g_array_sort (candidates, compare_starts);
}

static SlLexiconMatch *
new_match (SlLexicon *self, const char *prompt, const Candidate *candidate, GArray *from, GArray *to)
{
  Entry *entry = g_ptr_array_index (self->entries, candidate->entry);
  SlLexiconMatch *match = g_new0 (SlLexiconMatch, 1);

  match->entry_id = g_strdup (entry->id);
  match->offset = g_array_index (from, gsize, candidate->start);
  match->length = g_array_index (to, gsize, candidate->end - 1) - match->offset;
  match->text = g_strndup (prompt + match->offset, match->length);
  match->label_en = g_strdup (entry->label_en);
  match->label_zh = g_strdup (entry->label_zh);
  return match;
}

SlLook *
sl_lexicon_resolve (SlLexicon *self, const char *prompt, GPtrArray **matches)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) to = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *counted = NULL;

  g_return_val_if_fail (SL_IS_LEXICON (self), NULL);
  g_return_val_if_fail (prompt != NULL, NULL);

  normalize (prompt, strlen (prompt), text, from, to);
  find_candidates (self, text, candidates);
  select_candidates (candidates, text->len);

  /* A word said twice is still one wish: each entry counts once, where it
   * first appears. */
  counted = g_new0 (gboolean, self->entries->len);
  if (matches != NULL)
    *matches = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_lexicon_match_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (matches != NULL)
        g_ptr_array_add (*matches, new_match (self, prompt, candidate, from, to));
      if (!counted[candidate->entry])
        {
          counted[candidate->entry] = TRUE;
          g_array_append_val (entries, candidate->entry);
        }
    }
  return combine (self, (const guint *) (gpointer) entries->data, entries->len);
}
