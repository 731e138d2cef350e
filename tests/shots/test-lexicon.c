/* test-lexicon.c: prompt words to looks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "shotline-shots.h"

/* A small lexicon whose arithmetic is easy to follow. */
static const char combine_lexicon[] =
  "{ \"version\": \"t\", \"entries\": ["
  "  { \"id\": \"late\", \"en\": [\"late\"], \"set\": { \"time_of_day\": 23, \"contrast\": 1.2,"
  "    \"sky\": \"night\", \"palette\": [\"#ff0000\", \"#00ff00\"], \"mood\": [\"a\", \"b\"] } },"
  "  { \"id\": \"early\", \"en\": [\"early\"], \"set\": { \"time_of_day\": 1, \"contrast\": 1.6,"
  "    \"sky\": \"clear\", \"ridge_layers\": 4, \"mood\": [\"B\", \"c\"],"
  "    \"palette\": [\"#00ff00\", \"#0000ff\", \"#ffffff\", \"#000000\", \"#808080\"] } },"
  "  { \"id\": \"strong\", \"en\": [\"strong\"], \"priority\": 5, \"set\": { \"contrast\": 2.5 } },"
  "  { \"id\": \"layers\", \"en\": [\"layers\"], \"set\": { \"ridge_layers\": 7 } },"
  "  { \"id\": \"high-sun\", \"en\": [\"high sun\"], \"set\": { \"sun_elevation\": 30 } },"
  "  { \"id\": \"golden\", \"en\": [\"golden\"], \"set\": { \"exposure\": 1 } },"
  "  { \"id\": \"golden-hour\", \"en\": [\"golden hour\"], \"set\": { \"exposure\": 2 } },"
  "  { \"id\": \"hour-glow\", \"en\": [\"hour glow\"], \"set\": { \"exposure\": 3 } },"
  "  { \"id\": \"glow\", \"en\": [\"glow\"], \"zh\": [\"光\"], \"set\": { \"exposure\": 4 } }"
  "] }";

static SlLexicon *
bundled (void)
{
  SlLexicon *lexicon = sl_lexicon_get_default ();

  g_assert_nonnull (lexicon);
  return lexicon;
}

static SlLexicon *
small (void)
{
  g_autoptr(GError) error = NULL;
  SlLexicon *lexicon = sl_lexicon_new_from_data (combine_lexicon, -1, "combine.json", &error);

  g_assert_no_error (error);
  return lexicon;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* Resolves @prompt and checks that the matched entries are @ids, in order. */
static SlLook *
resolve_expecting (SlLexicon *lexicon, const char *prompt, const char *const *ids)
{
  g_autoptr(GPtrArray) matches = NULL;
  SlLook *look = sl_lexicon_resolve (lexicon, prompt, &matches);

  g_assert_cmpuint (matches->len, ==, g_strv_length ((char **) ids));
  for (guint i = 0; i < matches->len; i++)
    {
      SlLexiconMatch *match = g_ptr_array_index (matches, i);

      g_assert_cmpstr (match->entry_id, ==, ids[i]);
      g_assert_cmpmem (match->text, strlen (match->text), prompt + match->offset, match->length);
    }
  return look;
}

/* Every word of every entry, said alone, finds its own entry and only it. */
static void
check_words_find_entry (SlLexicon *lexicon, guint index, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) matches = NULL;
      g_autoptr(SlLook) look = sl_lexicon_resolve (lexicon, words[i], &matches);
      SlLexiconMatch *match;

      g_assert_cmpuint (matches->len, ==, 1);
      match = g_ptr_array_index (matches, 0);
      g_assert_cmpstr (match->entry_id, ==, sl_lexicon_get_entry_id (lexicon, index));
      g_assert_cmpuint (match->offset, ==, 0);
      g_assert_cmpuint (match->length, ==, strlen (words[i]));
    }
}

static void
test_bundled (void)
{
  SlLexicon *lexicon = bundled ();
  guint n = sl_lexicon_get_n_entries (lexicon);

  g_assert_cmpstr (sl_lexicon_get_version (lexicon), ==, "1");
  g_assert_cmpuint (n, >=, 150);
  for (guint i = 0; i < n; i++)
    {
      const char *const *en = sl_lexicon_get_entry_words_en (lexicon, i);
      const char *const *zh = sl_lexicon_get_entry_words_zh (lexicon, i);
      guint found;

      g_assert_nonnull (en[0]);
      g_assert_nonnull (zh[0]);
      for (guint j = 0; en[j] != NULL; j++)
        g_assert_true (g_str_is_ascii (en[j]));
      for (guint j = 0; zh[j] != NULL; j++)
        g_assert_true (has_han (zh[j]));
      g_assert_true (g_str_is_ascii (sl_lexicon_get_entry_label_en (lexicon, i)));
      g_assert_true (has_han (sl_lexicon_get_entry_label_zh (lexicon, i)));
      g_assert_cmpstr (sl_lexicon_get_entry_category (lexicon, i), !=, "");
      g_assert_true (sl_lexicon_lookup (lexicon, sl_lexicon_get_entry_id (lexicon, i), &found));
      g_assert_cmpuint (found, ==, i);
      check_words_find_entry (lexicon, i, en);
      check_words_find_entry (lexicon, i, zh);
    }
}

static void
test_sci_fi (void)
{
  const char *prompts[] = { "sci-fi", "科幻感", "A SCI FI corridor", "Sci_Fi", "ＳＣＩ－ＦＩ" };

  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    {
      const char *ids[] = { "sci-fi", NULL };
      g_autoptr(SlLook) look = resolve_expecting (bundled (), prompts[i], ids);

      g_assert_cmpfloat (look->temperature, <, 6000);
      g_assert_cmpfloat (look->contrast, >, 1.15);
      g_assert_cmpint (look->particles, !=, SL_PARTICLES_NONE);
      g_assert_cmpfloat (look->particle_density, >, 0);
    }
}

static void
test_serene_mountains_at_dawn (void)
{
  const char *prompt = "serene mountains at dawn";
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(SlLook) look = sl_lexicon_resolve (bundled (), prompt, &matches);
  const char *ids[] = { "serene", "mountains", "dawn" };
  const gsize offsets[] = { 0, 7, 20 };
  const gsize lengths[] = { 6, 9, 4 };

  g_assert_cmpuint (matches->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      SlLexiconMatch *match = g_ptr_array_index (matches, i);

      g_assert_cmpstr (match->entry_id, ==, ids[i]);
      g_assert_cmpuint (match->offset, ==, offsets[i]);
      g_assert_cmpuint (match->length, ==, lengths[i]);
      g_assert_nonnull (match->label_en);
      g_assert_true (has_han (match->label_zh));
    }

  g_assert_cmpint (look->terrain, ==, SL_TERRAIN_KIND_MOUNTAINS);
  g_assert_cmpuint (look->ridge_layers, >=, 3);
  g_assert_cmpfloat (fabs (look->time_of_day - 6.0), <, 1.0);
  /* A warm grade and a low sun whose light is warm too. */
  g_assert_cmpfloat (look->temperature, >, 6500);
  g_assert_true (look->sun_visible);
  g_assert_cmpfloat (look->sun_elevation, >, -1);
  g_assert_cmpfloat (look->sun_elevation, <, 15);
  g_assert_cmpfloat (look->light_color[0], >, 1.5 * look->light_color[2]);
  g_assert_cmpfloat (look->fog_density, >, 0);
  g_assert_true (g_strv_contains ((const char *const *) look->mood, "serene"));
}

static void
test_longest_phrase (void)
{
  g_autoptr(SlLexicon) lexicon = small ();
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(SlLook) look = NULL;
  SlLexiconMatch *match;
  const char *golden_hour[] = { "golden-hour", NULL };
  const char *two[] = { "golden-hour", "glow", NULL };
  const char *none[] = { NULL };
  const char *white[] = { "white-backdrop", "product-shot", NULL };

  look = resolve_expecting (bundled (), "golden hour", golden_hour);
  g_clear_pointer (&look, sl_look_free);

  /* "hour glow" overlaps the longer "golden hour", so only "glow" is left. */
  look = resolve_expecting (lexicon, "golden hour glow", two);
  g_assert_cmpfloat (look->exposure, ==, 3);
  g_clear_pointer (&look, sl_look_free);

  /* Latin words match on word boundaries only. */
  look = resolve_expecting (lexicon, "goldenrod glowing", none);
  g_clear_pointer (&look, sl_look_free);

  look = sl_lexicon_resolve (lexicon, "The  Golden-Hour", &matches);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpstr (match->entry_id, ==, "golden-hour");
  g_assert_cmpstr (match->text, ==, "Golden-Hour");
  g_assert_cmpuint (match->offset, ==, 5);
  g_assert_cmpuint (match->length, ==, 11);
  g_clear_pointer (&look, sl_look_free);

  look = resolve_expecting (bundled (), "White Studio Backdrop, product shot", white);
  g_assert_cmpint (look->sky, ==, SL_SKY_KIND_STUDIO);
  g_assert_true (look->backdrop);
  g_assert_cmpfloat (look->backdrop_color[0], >, 0.8);
  g_assert_cmpint (look->terrain, ==, SL_TERRAIN_KIND_NONE);
}

static void
test_chinese (void)
{
  const char *prompt = "宁静山地的平移镜头，晨雾";
  const char *ids[] = { "serene", "mountains", "morning-mist", NULL };
  const char *mixed_ids[] = { "sci-fi", "city", "night", NULL };
  const gsize offsets[] = { 0, 6, 30 };
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(SlLook) look = resolve_expecting (bundled (), prompt, ids);
  g_autoptr(SlLook) mixed = NULL;

  g_assert_cmpint (look->terrain, ==, SL_TERRAIN_KIND_MOUNTAINS);
  g_assert_cmpfloat (look->fog_density, >, 0);
  g_clear_pointer (&look, sl_look_free);

  look = sl_lexicon_resolve (bundled (), prompt, &matches);
  for (guint i = 0; i < 3; i++)
    {
      SlLexiconMatch *match = g_ptr_array_index (matches, i);

      g_assert_cmpuint (match->offset, ==, offsets[i]);
      g_assert_cmpuint (match->length, ==, 6);
    }

  /* Latin words inside Chinese text still match. */
  mixed = resolve_expecting (bundled (), "科幻感city夜景", mixed_ids);
  g_assert_cmpint (mixed->terrain, ==, SL_TERRAIN_KIND_CITY);
  g_assert_cmpint (mixed->sky, ==, SL_SKY_KIND_NIGHT);
}

static void
test_determinism (void)
{
  const char *prompt = "科幻感 城市 夜景, neon rain, cinematic teal and orange";
  g_autoptr(GError) error = NULL;
  const char *data = g_getenv ("SHOTLINE_DATADIR");
  g_autofree char *path = g_build_filename (data != NULL ? data : SOURCE_DATADIR, "lexicon.json", NULL);
  g_autoptr(SlLexicon) again = sl_lexicon_new_from_file (path, &error);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(SlLook) first = NULL;
  g_autoptr(SlLook) second = NULL;
  g_autoptr(SlLook) third = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *third_text = NULL;

  g_assert_no_error (error);
  first = sl_lexicon_resolve (bundled (), prompt, &matches);
  second = sl_lexicon_resolve (bundled (), prompt, NULL);
  third = sl_lexicon_resolve (again, prompt, NULL);
  g_assert_cmpuint (matches->len, ==, 7);
  g_assert_true (sl_look_equal (first, second));
  g_assert_true (sl_look_equal (first, third));
  first_text = sl_look_describe (first);
  third_text = sl_look_describe (third);
  g_assert_cmpstr (first_text, ==, third_text);
}

static void
test_no_match (void)
{
  const char *prompts[] = { "", "qwerty zxcv", "  --  ", "\xff\xfe broken" };
  g_autoptr(SlLook) neutral = sl_look_new ();

  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    {
      g_autoptr(GPtrArray) matches = NULL;
      g_autoptr(SlLook) look = sl_lexicon_resolve (bundled (), prompts[i], &matches);

      g_assert_cmpuint (matches->len, ==, 0);
      g_assert_true (sl_look_equal (look, neutral));
    }
}

static void
test_combine (void)
{
  g_autoptr(SlLexicon) lexicon = small ();
  const char *late_early[] = { "late", "early", NULL };
  const char *early_late[] = { "early", "late", NULL };
  const char *with_strong[] = { "late", "early", "strong", NULL };
  const char *repeated[] = { "late", "late", "early", NULL };
  const char *layers[] = { "early", "layers", NULL };
  const char *high_sun[] = { "late", "high-sun", NULL };
  const char *mood[] = { "a", "b", "c", NULL };
  g_autoptr(SlLook) look = resolve_expecting (lexicon, "late early", late_early);
  g_autoptr(SlLook) reversed = resolve_expecting (lexicon, "early late", early_late);
  g_autoptr(SlLook) strong = resolve_expecting (lexicon, "late early strong", with_strong);
  g_autoptr(SlLook) twice = resolve_expecting (lexicon, "late late early", repeated);
  g_autoptr(SlLook) counted = resolve_expecting (lexicon, "early layers", layers);
  g_autoptr(SlLook) explicit_sun = resolve_expecting (lexicon, "late, high sun", high_sun);
  double green[3], blue[3];

  /* Hours average on the clock: 23:00 and 01:00 give midnight. */
  g_assert_cmpfloat (fmin (look->time_of_day, 24 - look->time_of_day), <, 1e-9);
  g_assert_cmpfloat_with_epsilon (look->contrast, 1.4, 1e-12);
  g_assert_cmpint (look->sky, ==, SL_SKY_KIND_CLEAR);
  g_assert_cmpint (reversed->sky, ==, SL_SKY_KIND_NIGHT);
  g_assert_true (g_strv_equal ((const char *const *) look->mood, mood));

  /* Palettes concatenate, skip repeats, stop at five. */
  g_assert_cmpuint (look->n_palette, ==, 5);
  g_assert_true (sl_look_color_from_hex ("#00ff00", green));
  g_assert_true (sl_look_color_from_hex ("#0000ff", blue));
  g_assert_cmpmem (look->palette[1], sizeof green, green, sizeof green);
  g_assert_cmpmem (look->palette[2], sizeof blue, blue, sizeof blue);
  g_assert_cmpfloat (look->palette[4][0], ==, 0);

  /* The higher priority alone decides what it sets. */
  g_assert_cmpfloat (strong->contrast, ==, 2.5);
  g_assert_cmpint (strong->sky, ==, SL_SKY_KIND_CLEAR);

  /* A repeated word counts once. */
  g_assert_true (sl_look_equal (look, twice));

  /* Counts are averaged and rounded: (4 + 7) / 2 = 5.5 -> 6. */
  g_assert_cmpuint (counted->ridge_layers, ==, 6);

  /* Derived values follow the result unless an entry sets them. */
  g_assert_cmpfloat (look->sun_elevation, ==, sl_look_elevation_for_hour (look->time_of_day));
  g_assert_false (look->sun_visible);
  g_assert_cmpfloat (explicit_sun->sun_elevation, ==, 30);
  g_assert_cmpfloat (explicit_sun->moon_elevation, ==, sl_look_elevation_for_hour (23 + 12));
}

static void
test_entry_look (void)
{
  SlLexicon *lexicon = bundled ();
  guint index;
  g_autoptr(SlLook) entry = NULL;
  g_autoptr(SlLook) prompt = sl_lexicon_resolve (lexicon, "noir", NULL);

  g_assert_true (sl_lexicon_lookup (lexicon, "noir", &index));
  g_assert_false (sl_lexicon_lookup (lexicon, "no-such-entry", NULL));
  entry = sl_lexicon_get_entry_look (lexicon, index);
  g_assert_true (sl_look_equal (entry, prompt));
  g_assert_cmpfloat (entry->saturation, <, 0.2);
}

static const char user_lexicon[] =
  "{ \"version\": \"mine\", \"entries\": ["
  "  { \"id\": \"late\", \"en\": [\"late\", \"tardy\"], \"set\": { \"contrast\": 0.5 } },"
  "  { \"id\": \"extra\", \"en\": [\"early\", \"extra\"], \"zh\": [\"额外\"], \"set\": { \"exposure\": -2 } }"
  "] }";

static void
test_merge (void)
{
  g_autoptr(SlLexicon) base = small ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlLexicon) user = sl_lexicon_new_from_data (user_lexicon, -1, "user.json", &error);
  g_autoptr(SlLexicon) merged = NULL;
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, user_lexicon, -1);
  g_autofree char *version = g_strdup_printf ("t+user-%.8s", digest);
  const char *replaced[] = { "late", NULL };
  const char *added[] = { "extra", "extra", NULL };
  g_autoptr(SlLook) late = NULL;
  g_autoptr(SlLook) early = NULL;
  guint index;

  g_assert_no_error (error);
  merged = sl_lexicon_new_merged (base, user);
  g_assert_cmpstr (sl_lexicon_get_version (merged), ==, version);
  g_assert_cmpuint (sl_lexicon_get_n_entries (merged), ==, sl_lexicon_get_n_entries (base) + 1);

  /* Replaced in place, added at the end. */
  g_assert_true (sl_lexicon_lookup (merged, "late", &index));
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (sl_lexicon_lookup (merged, "extra", &index));
  g_assert_cmpuint (index, ==, sl_lexicon_get_n_entries (base));

  late = resolve_expecting (merged, "tardy", replaced);
  g_assert_cmpfloat (late->contrast, ==, 0.5);
  g_assert_cmpint (late->sky, ==, SL_SKY_KIND_CLEAR);
  /* The user's "early" wins over the base entry's. */
  early = resolve_expecting (merged, "early 额外", added);
  g_assert_cmpfloat (early->exposure, ==, -2);
}

/* Runs in a test subprocess, before anything has asked GLib for the user
 * data folder: points it at a new folder holding @text as the user's
 * lexicon. Returns that file's path. */
static char *
write_user_lexicon (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("lexicon-XXXXXX", &error);
  g_autofree char *dir = NULL;
  char *path;

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  dir = g_build_filename (home, "shotline", NULL);
  path = g_build_filename (dir, "lexicon.json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_get_user_data_dir (), ==, home);
  return path;
}

static void
remove_user_lexicon (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *home = g_path_get_dirname (dir);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_cmpint (g_rmdir (home), ==, 0);
}

static void
test_default_with_user (void)
{
  if (g_test_subprocess ())
    {
      SlLexicon *lexicon;
      g_autoptr(SlLook) mist = NULL;
      g_autoptr(SlLook) mine = NULL;
      const char *mist_ids[] = { "mist", NULL };
      const char *mine_ids[] = { "my-look", "my-look", NULL };

      g_autofree char *path = write_user_lexicon (
        "{ \"version\": \"2\", \"entries\": ["
        "{ \"id\": \"mist\", \"en\": [\"mist\"], \"zh\": [\"薄雾\"], \"set\": { \"fog_density\": 0.9 } },"
        "{ \"id\": \"my-look\", \"en\": [\"my look\"], \"zh\": [\"我的风格\"], \"set\": { \"exposure\": 2 } } ] }");

      lexicon = sl_lexicon_get_default ();
      remove_user_lexicon (path);
      g_assert_true (g_str_has_prefix (sl_lexicon_get_version (lexicon), "1+user-"));
      mist = resolve_expecting (lexicon, "mist", mist_ids);
      g_assert_cmpfloat (mist->fog_density, ==, 0.9);
      g_assert_cmpfloat (mist->fog_height, ==, 1.0);
      mine = resolve_expecting (lexicon, "my look 我的风格", mine_ids);
      g_assert_cmpfloat (mine->exposure, ==, 2);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_default_with_broken_user (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_user_lexicon (
        "{ \"version\": \"2\", \"entries\": ["
        "{ \"id\": \"my-look\", \"en\": [\"my look\"], \"set\": { \"fog_dencity\": 0.9 } } ] }");

      g_test_expect_message ("sl-lexicon", G_LOG_LEVEL_WARNING, "*my-look*fog_dencity*");
      g_assert_cmpstr (sl_lexicon_get_version (sl_lexicon_get_default ()), ==, "1");
      g_test_assert_expected_messages ();
      remove_user_lexicon (path);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_errors (void)
{
  const struct {
    const char *text;
    int         code;
    const char *says[3];
  } cases[] = {
    { "{ \"version\": \"1\", \"entries\": [ }", SL_SHOTS_ERROR_CORRUPT, { "bad.json" } },
    { "[1, 2]", SL_SHOTS_ERROR_CORRUPT, { "bad.json", "version" } },
    { "{ \"version\": \"1\", \"entries\": [], \"extra\": 1 }", SL_SHOTS_ERROR_INVALID, { "extra" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"ok\", \"en\": [\"ok\"], \"set\": {} },"
      " { \"id\": \"foo\", \"en\": [\"foo\"], \"set\": { \"temprature\": 5000 } } ] }",
      SL_SHOTS_ERROR_INVALID, { "bad.json", "“foo”", "temprature" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"contrast\": \"high\" } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "contrast", "number" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"contrast\": 9 } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "contrast", "outside" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"sky\": \"purple\" } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "sky", "overcast" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"water\": 1 } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "water", "true or false" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"ridge_layers\": 2.5 } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "ridge_layers", "whole" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"fog_color\": \"#ggg000\" } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "fog_color" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": { \"palette\":"
      " [\"#000000\", \"#000000\", \"#000000\", \"#000000\", \"#000000\", \"#000000\"] } } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "palette" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"sets\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "sets" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"] } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "set" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"set\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "no words" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"Bar Baz\", \"en\": [\"bar\"], \"set\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“Bar Baz”", "id" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"en\": [\"bar\"], \"set\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“#1”", "id" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"set\": {} },"
      " { \"id\": \"bar\", \"en\": [\"baz\"], \"set\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "twice" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"Misty Dawn\"], \"set\": {} },"
      " { \"id\": \"baz\", \"en\": [\"misty-dawn\"], \"set\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“baz”", "misty dawn", "“bar”" } },
    { "{ \"version\": \"1\", \"entries\": [ { \"id\": \"bar\", \"en\": [\"bar\"], \"priority\": 1000, \"set\": {} } ] }",
      SL_SHOTS_ERROR_INVALID, { "“bar”", "priority" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlLexicon) lexicon = sl_lexicon_new_from_data (cases[i].text, -1, "bad.json", &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "loaded");
      g_assert_null (lexicon);
      g_assert_error (error, SL_SHOTS_ERROR, cases[i].code);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].says) && cases[i].says[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, cases[i].says[j]));
    }
}

static void
test_broken_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SlLexicon) lexicon = NULL;
  int fd = g_file_open_tmp ("lexicon-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, "{ \"version\": \"1\", \"entries\": [ { \"id\": \"rain\", \"en\": [\"rain\"],"
                       " \"set\": { \"particles\": 3 } } ] }", -1, &error);
  g_assert_no_error (error);
  lexicon = sl_lexicon_new_from_file (path, &error);
  g_assert_null (lexicon);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "“rain”"));
  g_assert_nonnull (strstr (error->message, "particles"));
  g_unlink (path);
  g_clear_error (&error);

  lexicon = sl_lexicon_new_from_file (path, &error);
  g_assert_null (lexicon);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_look (void)
{
  g_autoptr(SlLook) look = sl_look_new ();
  g_autoptr(SlLook) copy = g_boxed_copy (SL_TYPE_LOOK, look);
  g_autofree char *text = sl_look_describe (look);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  double white[3], grey[3];

  g_assert_true (sl_look_equal (look, copy));
  g_assert_nonnull (strstr (text, "temperature: 6500 K\n"));
  g_assert_nonnull (strstr (text, "sky: clear\n"));
  g_assert_nonnull (strstr (text, "terrain: hills\n"));
  g_assert_nonnull (strstr (text, "palette: none\n"));
  g_assert_cmpuint (g_strv_length (lines), ==, sl_look_get_n_params () + 1);
  g_assert_cmpfloat (look->sun_elevation, ==, sl_look_elevation_for_hour (10));
  g_assert_true (look->sun_visible);
  g_assert_false (look->moon_visible);

  g_strfreev (copy->mood);
  copy->mood = g_strsplit ("calm", ",", -1);
  g_assert_false (sl_look_equal (look, copy));

  g_assert_true (sl_look_color_from_hex ("#FFFFFF", white));
  g_assert_cmpfloat (white[0], ==, 1.0);
  g_assert_true (sl_look_color_from_hex ("#808080", grey));
  g_assert_cmpfloat_with_epsilon (grey[1], 0.2158605, 1e-6);
  g_assert_false (sl_look_color_from_hex ("808080", grey));
  g_assert_false (sl_look_color_from_hex ("#80808", grey));

  g_assert_null (sl_look_find_param ("no_such", NULL));
  g_assert_cmpint (sl_look_find_param ("sky", NULL)->type, ==, SL_LOOK_VALUE_ENUM);
}

/* docs/lexicon.md describes every parameter. */
static void
test_documented (void)
{
  const char *source = g_getenv ("SHOTLINE_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (source == NULL)
    {
      g_test_skip ("SHOTLINE_SOURCE_DIR is not set");
      return;
    }
  path = g_build_filename (source, "docs", "lexicon.md", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sl_look_get_n_params (); i++)
    {
      g_autofree char *name = g_strdup_printf ("`%s`", sl_look_get_param (i)->name);

      g_test_message ("%s", name);
      g_assert_nonnull (strstr (text, name));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lexicon/bundled", test_bundled);
  g_test_add_func ("/lexicon/sci-fi", test_sci_fi);
  g_test_add_func ("/lexicon/serene-mountains-at-dawn", test_serene_mountains_at_dawn);
  g_test_add_func ("/lexicon/longest-phrase", test_longest_phrase);
  g_test_add_func ("/lexicon/chinese", test_chinese);
  g_test_add_func ("/lexicon/determinism", test_determinism);
  g_test_add_func ("/lexicon/no-match", test_no_match);
  g_test_add_func ("/lexicon/combine", test_combine);
  g_test_add_func ("/lexicon/entry-look", test_entry_look);
  g_test_add_func ("/lexicon/merge", test_merge);
  g_test_add_func ("/lexicon/default-with-user", test_default_with_user);
  g_test_add_func ("/lexicon/default-with-broken-user", test_default_with_broken_user);
  g_test_add_func ("/lexicon/errors", test_errors);
  g_test_add_func ("/lexicon/broken-file", test_broken_file);
  g_test_add_func ("/look/basics", test_look);
  g_test_add_func ("/look/documented", test_documented);
  return g_test_run ();
}
