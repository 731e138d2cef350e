/* sl-preset-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preset-library"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sl-preset-library.h"
#include "sl-shots-error.h"

struct _SlPresetLibrary
{
  GObject     parent_instance;
  GHashTable *by_id;          /* id -> SlPreset (owned) */
  GHashTable *by_alias;       /* alias -> SlPreset */
  GPtrArray  *sorted;         /* SlPreset, by id */
  GPtrArray  *aliases;        /* const char *, sorted, for suggestions */
  guint       max_alias_words;
};

G_DEFINE_FINAL_TYPE (SlPresetLibrary, sl_preset_library, G_TYPE_OBJECT)

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

static void
sl_preset_library_finalize (GObject *object)
{
  SlPresetLibrary *self = SL_PRESET_LIBRARY (object);

  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->aliases, g_ptr_array_unref);
  g_clear_pointer (&self->by_alias, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  G_OBJECT_CLASS (sl_preset_library_parent_class)->finalize (object);
}

static void
sl_preset_library_class_init (SlPresetLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_preset_library_finalize;
}

static void
sl_preset_library_init (SlPresetLibrary *self)
{
  self->by_id = new_id_table ();
  self->by_alias = g_hash_table_new (g_str_hash, g_str_equal);
  self->sorted = g_ptr_array_new ();
  self->aliases = g_ptr_array_new ();
}

SlPresetLibrary *
sl_preset_library_new (void)
{
  return g_object_new (SL_TYPE_PRESET_LIBRARY, NULL);
}

static int
compare_presets (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (sl_preset_get_id (*(SlPreset **) a), sl_preset_get_id (*(SlPreset **) b));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static guint
count_words (const char *alias)
{
  guint n = 1;

  for (const char *p = alias; *p != '\0'; p++)
    n += *p == ' ';
  return n;
}

/* Builds every index from @by_id, then takes it over; on a clash the library
 * is left as it was, so a broken user preset cannot cost the bundled ones. */
static gboolean
take_presets (SlPresetLibrary *self,
              GHashTable      *by_id,
              GError         **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) by_alias = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) aliases = g_ptr_array_new ();
  guint max_words = 0;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_presets);

  for (guint i = 0; i < sorted->len; i++)
    {
      SlPreset *preset = g_ptr_array_index (sorted, i);
      const char *const *list = sl_preset_get_aliases (preset);

      for (guint j = 0; list[j] != NULL; j++)
        {
          SlPreset *other = g_hash_table_lookup (by_alias, list[j]);

          if (other != NULL)
            {
              g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                           _("The alias “%s” is claimed by both %s and %s"),
                           list[j], sl_preset_get_origin (other), sl_preset_get_origin (preset));
              return FALSE;
            }
          g_hash_table_insert (by_alias, (gpointer) list[j], preset);
          g_ptr_array_add (aliases, (gpointer) list[j]);
          max_words = MAX (max_words, count_words (list[j]));
        }
    }
  g_ptr_array_sort (aliases, compare_strings);

  g_hash_table_unref (self->by_id);
  self->by_id = g_hash_table_ref (by_id);
  g_ptr_array_unref (self->sorted);
  self->sorted = g_steal_pointer (&sorted);
  g_hash_table_unref (self->by_alias);
  self->by_alias = g_steal_pointer (&by_alias);
  g_ptr_array_unref (self->aliases);
  self->aliases = g_steal_pointer (&aliases);
  self->max_alias_words = max_words;
  return TRUE;
}

static GPtrArray *
list_json_files (const char  *dir,
                 GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) dir_error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &dir_error);
  const char *name;

  if (handle == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR,
                   g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? SL_SHOTS_ERROR_NOT_FOUND : SL_SHOTS_ERROR_IO,
                   _("Cannot read the preset folder: %s"), dir_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

static SlPreset *
load_file (const char  *path,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &read_error))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
                   _("Cannot read the preset: %s"), read_error->message);
      return NULL;
    }
  return sl_preset_new_from_data (text, length, path, error);
}

gboolean
sl_preset_library_load_dir (SlPresetLibrary *self,
                            const char      *dir,
                            GError         **error)
{
  g_autoptr(GHashTable) by_id = new_id_table ();
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SL_IS_PRESET_LIBRARY (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  names = list_json_files (dir, error);
  if (names == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_insert (by_id, (gpointer) sl_preset_get_id (value), g_object_ref (value));

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      SlPreset *preset = load_file (path, error);

      if (preset == NULL)
        return FALSE;
      /* replace, not insert: the key belongs to the preset it replaces */
      g_hash_table_replace (by_id, (gpointer) sl_preset_get_id (preset), preset);
    }
  return take_presets (self, by_id, error);
}

static char *
bundled_dir (void)
{
  const char *datadir = g_getenv ("SHOTLINE_DATADIR");

  if (datadir != NULL && *datadir != '\0')
    return g_build_filename (datadir, "moves", NULL);
  if (g_file_test (SOURCE_DATADIR "/moves", G_FILE_TEST_IS_DIR))
    return g_strdup (SOURCE_DATADIR "/moves");
  return g_strdup (PKGDATADIR "/moves");
}

static gpointer
load_default (gpointer data)
{
  g_autoptr(SlPresetLibrary) self = sl_preset_library_new ();
  g_autofree char *bundled = bundled_dir ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "shotline", "moves", NULL);
  g_autoptr(GError) error = NULL;

  if (!sl_preset_library_load_dir (self, bundled, &error))
    {
      g_critical ("The bundled camera move presets are broken: %s", error->message);
      return NULL;
    }
  /* The user's own presets are optional: a broken one is reported and the
   * bundled set stays usable. */
  if (g_file_test (user, G_FILE_TEST_IS_DIR) && !sl_preset_library_load_dir (self, user, &error))
    g_warning ("Ignoring the user's camera move presets: %s", error->message);
  return g_steal_pointer (&self);
}

SlPresetLibrary *
sl_preset_library_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_default, NULL);
}

guint
sl_preset_library_get_n_presets (SlPresetLibrary *self)
{
  g_return_val_if_fail (SL_IS_PRESET_LIBRARY (self), 0);
  return self->sorted->len;
}

SlPreset *
sl_preset_library_get_preset (SlPresetLibrary *self,
                              guint            index)
{
  g_return_val_if_fail (SL_IS_PRESET_LIBRARY (self), NULL);
  g_return_val_if_fail (index < self->sorted->len, NULL);
  return g_ptr_array_index (self->sorted, index);
}

SlPreset *
sl_preset_library_lookup (SlPresetLibrary *self,
                          const char      *id)
{
  g_return_val_if_fail (SL_IS_PRESET_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

SlPreset *
sl_preset_library_match (SlPresetLibrary   *self,
                         const char *const *words,
                         guint              n_words,
                         guint             *n_consumed)
{
  g_autoptr(GString) key = g_string_new (NULL);
  SlPreset *found = NULL;
  guint used = 0;

  g_return_val_if_fail (SL_IS_PRESET_LIBRARY (self), NULL);
  g_return_val_if_fail (words != NULL || n_words == 0, NULL);

  for (guint i = 0; i < MIN (n_words, self->max_alias_words); i++)
    {
      SlPreset *preset;

      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, words[i]);
      preset = g_hash_table_lookup (self->by_alias, key->str);
      if (preset != NULL)
        {
          found = preset;
          used = i + 1;
        }
    }
  if (n_consumed != NULL)
    *n_consumed = used;
  return found;
}

/* Lower case, NFC, single spaces: the form aliases are written in. */
static char *
fold_text (const char *text)
{
  g_autofree char *composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) folded = g_string_new (NULL);

  if (composed == NULL)
    return NULL;
  lower = g_utf8_strdown (composed, -1);
  words = g_strsplit_set (lower, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (folded->len > 0)
        g_string_append_c (folded, ' ');
      g_string_append (folded, words[i]);
    }
  return g_string_free (g_steal_pointer (&folded), FALSE);
}

/* Levenshtein distance over characters; @row holds n_a + 1 entries. */
static guint
edit_distance (const gunichar *a,
               glong           n_a,
               const gunichar *b,
               glong           n_b,
               guint          *row)
{
  for (glong i = 0; i <= n_a; i++)
    row[i] = i;
  for (glong j = 1; j <= n_b; j++)
    {
      guint diagonal = row[0];

      row[0] = j;
      for (glong i = 1; i <= n_a; i++)
        {
          guint above = row[i];
          guint substitute = diagonal + (a[i - 1] != b[j - 1]);

          row[i] = MIN (MIN (above, row[i - 1]) + 1, substitute);
          diagonal = above;
        }
    }
  return row[n_a];
}

const char *
sl_preset_library_suggest (SlPresetLibrary *self,
                           const char      *text)
{
  g_autofree char *folded = NULL;
  g_autofree gunichar *want = NULL;
  g_autofree guint *row = NULL;
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  glong n_want;

  g_return_val_if_fail (SL_IS_PRESET_LIBRARY (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  folded = fold_text (text);
  if (folded == NULL || *folded == '\0')
    return NULL;
  want = g_utf8_to_ucs4_fast (folded, -1, &n_want);
  row = g_new (guint, n_want + 1);

  for (guint i = 0; i < self->aliases->len; i++)
    {
      const char *alias = g_ptr_array_index (self->aliases, i);
      g_autofree gunichar *chars = NULL;
      glong n_chars;
      guint distance;

      chars = g_utf8_to_ucs4_fast (alias, -1, &n_chars);
      distance = edit_distance (want, n_want, chars, n_chars, row);
      /* More than a third of the word changed is a different word, not a
       * typo; the strict < keeps the first alias in sorted order on ties. */
      if (distance * 3 <= (guint) MAX (n_want, n_chars) && distance < best_distance)
        {
          best = alias;
          best_distance = distance;
        }
    }
  return best;
}
