/* test-presets.c: the camera move presets and their library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "shotline-shots.h"

static char *
bundled_dir (void)
{
  const char *datadir = g_getenv ("SHOTLINE_DATADIR");

  g_assert_nonnull (datadir);
  return g_build_filename (datadir, "moves", NULL);
}

static SlPresetLibrary *
load_bundled (void)
{
  g_autoptr(SlPresetLibrary) library = sl_preset_library_new ();
  g_autofree char *dir = bundled_dir ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_preset_library_load_dir (library, dir, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&library);
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shotline-presets-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static SlPreset *
match_text (SlPresetLibrary *library,
            const char      *text,
            guint           *n_consumed)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return sl_preset_library_match (library, (const char *const *) words,
                                  g_strv_length (words), n_consumed);
}

static void
assert_matches (SlPresetLibrary *library,
                const char      *text,
                const char      *id,
                guint            n_consumed)
{
  guint used = 99;
  SlPreset *preset = match_text (library, text, &used);

  if (preset == NULL)
    g_error ("“%s” matches nothing, expected %s", text, id);
  g_assert_cmpstr (sl_preset_get_id (preset), ==, id);
  g_assert_cmpuint (used, ==, n_consumed);
}

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return TRUE;
    }
  return FALSE;
}

static void
test_bundled (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();
  guint n = sl_preset_library_get_n_presets (library);

  g_assert_cmpuint (n, >=, 40);
  for (guint i = 0; i < n; i++)
    {
      SlPreset *preset = sl_preset_library_get_preset (library, i);
      g_autofree char *file = g_path_get_basename (sl_preset_get_origin (preset));
      g_autofree char *expected_file = g_strconcat (sl_preset_get_id (preset), ".json", NULL);

      if (i > 0)
        g_assert_cmpstr (sl_preset_get_id (sl_preset_library_get_preset (library, i - 1)), <,
                         sl_preset_get_id (preset));
      g_assert_true (sl_preset_library_lookup (library, sl_preset_get_id (preset)) == preset);
      g_assert_cmpstr (file, ==, expected_file);
      g_assert_cmpstr (sl_preset_get_name_en (preset), !=, "");
      g_assert_true (has_non_ascii (sl_preset_get_name_zh (preset)));
      g_assert_cmpstr (sl_preset_get_description (preset), !=, "");
      g_assert_true (has_non_ascii (sl_preset_get_description_zh (preset)));
      g_assert_cmpuint (g_strv_length ((GStrv) sl_preset_get_aliases_en (preset)), >=, 2);
      g_assert_cmpuint (g_strv_length ((GStrv) sl_preset_get_aliases_zh (preset)), >=, 2);
      g_assert_true (has_non_ascii (sl_preset_get_aliases_zh (preset)[0]));
      g_assert_true (sl_preset_accepts_unit (preset, sl_preset_get_default_unit (preset)));
    }
  g_assert_null (sl_preset_library_lookup (library, "no-such-move"));
}

static void
test_required (void)
{
  static const char *const ids[] = {
    "static", "push-in", "pull-out", "truck-left", "truck-right", "pedestal-up",
    "pedestal-down", "crane-up", "crane-down", "crane-over", "pan-left", "pan-right",
    "tilt-up", "tilt-down", "roll-left", "roll-right", "roll-360", "whip-pan-left",
    "whip-pan-right", "zoom-in", "zoom-out", "crash-zoom-in", "crash-zoom-out",
    "dolly-zoom-in", "dolly-zoom-out", "orbit-left", "orbit-right", "orbit-360", "arc-right",
    "lazy-susan", "bullet-time", "handheld", "follow", "rack-focus", "fpv", "aerial",
    "super-dolly-in", "super-dolly-out", "elevator-up", "reveal", "hyperlapse-push",
    "down-back", "forward-up", "right-turn-forward", "left-turn-forward",
  };
  g_autoptr(SlPresetLibrary) library = load_bundled ();

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      if (sl_preset_library_lookup (library, ids[i]) == NULL)
        g_error ("the bundled presets lack %s", ids[i]);
    }
}

/* An alias followed by an amount matches itself and leaves the amount. */
static void
test_aliases_match_back (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();

  for (guint i = 0; i < sl_preset_library_get_n_presets (library); i++)
    {
      SlPreset *preset = sl_preset_library_get_preset (library, i);
      const char *const *aliases = sl_preset_get_aliases (preset);

      for (guint j = 0; aliases[j] != NULL; j++)
        {
          g_autofree char *text = g_strconcat (aliases[j], " 30", NULL);
          g_auto(GStrv) words = g_strsplit (aliases[j], " ", -1);

          assert_matches (library, text, sl_preset_get_id (preset), g_strv_length (words));
        }
    }
}

static void
test_longest_match (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();
  const char *const words[] = { "crash", "zoom", "in" };
  guint used = 99;

  assert_matches (library, "crash zoom in 3x", "crash-zoom-in", 3);
  assert_matches (library, "zoom in 2x", "zoom-in", 2);
  assert_matches (library, "zoom 2x", "zoom-in", 1);
  assert_matches (library, "zoom out", "zoom-out", 2);
  assert_matches (library, "pan right 30deg", "pan-right", 2);
  assert_matches (library, "pan left", "pan-left", 2);
  assert_matches (library, "pan 30deg", "pan-right", 1);
  assert_matches (library, "turn right", "pan-right", 2);
  assert_matches (library, "turn right forward", "right-turn-forward", 3);
  assert_matches (library, "dolly zoom in", "dolly-zoom-in", 3);
  assert_matches (library, "dolly zoom", "dolly-zoom-in", 2);
  assert_matches (library, "dolly 2m", "push-in", 1);
  assert_matches (library, "whip pan left", "whip-pan-left", 3);
  assert_matches (library, "whip pan", "whip-pan-right", 2);

  /* Only the words the caller hands over count. */
  g_assert_cmpstr (sl_preset_get_id (sl_preset_library_match (library, words, 2, &used)), ==,
                   "crash-zoom-in");
  g_assert_cmpuint (used, ==, 2);
  g_assert_null (sl_preset_library_match (library, words, 0, &used));
  g_assert_cmpuint (used, ==, 0);
  g_assert_null (match_text (library, "fly me to the moon", &used));
  g_assert_cmpuint (used, ==, 0);
}

static void
test_chinese (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();

  assert_matches (library, "推 30%", "push-in", 1);
  assert_matches (library, "拉", "pull-out", 1);
  assert_matches (library, "摇", "pan-right", 1);
  assert_matches (library, "摇 右 30度", "pan-right", 2);
  assert_matches (library, "右摇", "pan-right", 1);
  assert_matches (library, "摇 左", "pan-left", 2);
  assert_matches (library, "移 左 1米", "truck-left", 2);
  assert_matches (library, "移", "truck-right", 1);
  assert_matches (library, "跟", "follow", 1);
  assert_matches (library, "升", "crane-up", 1);
  assert_matches (library, "降", "crane-down", 1);
  assert_matches (library, "升 俯", "reveal", 2);
  assert_matches (library, "甩", "whip-pan-right", 1);
  assert_matches (library, "甩 左", "whip-pan-left", 2);
  assert_matches (library, "环绕", "orbit-right", 1);
  assert_matches (library, "环绕 左 20°", "orbit-left", 2);
  assert_matches (library, "环绕 一周", "orbit-360", 2);
  assert_matches (library, "滑动 变焦 拉", "dolly-zoom-out", 3);
}

static void
test_suggest (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();

  g_assert_cmpstr (sl_preset_library_suggest (library, "psh in"), ==, "push in");
  g_assert_cmpstr (sl_preset_library_suggest (library, "pann"), ==, "pan");
  g_assert_cmpstr (sl_preset_library_suggest (library, "  Push   IN "), ==, "push in");
  g_assert_cmpstr (sl_preset_library_suggest (library, "crash zom out"), ==, "crash zoom out");
  g_assert_cmpstr (sl_preset_library_suggest (library, "环绕 右边"), ==, "环绕 右");
  g_assert_null (sl_preset_library_suggest (library, "xyzzy"));
  g_assert_null (sl_preset_library_suggest (library, "q"));
  g_assert_null (sl_preset_library_suggest (library, "鱼"));
  g_assert_null (sl_preset_library_suggest (library, ""));
}

static void
test_primitives (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();
  SlPreset *preset;
  const SlPrimitive *primitives;
  guint n;
  SlUnit unit;

  preset = sl_preset_library_lookup (library, "push-in");
  primitives = sl_preset_get_primitives (preset, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (primitives[0].kind, ==, SL_PRIMITIVE_TRANSLATE);
  g_assert_cmpfloat (primitives[0].axis[2], ==, 1.0);
  g_assert_cmpfloat (primitives[0].from, ==, 0.0);
  g_assert_cmpfloat (primitives[0].to, ==, 1.0);
  g_assert_cmpfloat (sl_preset_get_default_amount (preset), ==, 30.0);
  g_assert_cmpint (sl_preset_get_default_unit (preset), ==, SL_UNIT_PERCENT);
  g_assert_true (sl_preset_accepts_unit (preset, SL_UNIT_METERS));
  g_assert_false (sl_preset_accepts_unit (preset, SL_UNIT_DEGREES));
  g_assert_cmpfloat (sl_primitive_get_value (&primitives[0], 2.0, SL_UNIT_METERS, &unit), ==, 2.0);
  g_assert_cmpint (unit, ==, SL_UNIT_METERS);

  /* A reveal cranes first and tilts last, the tilt in degrees per metre. */
  preset = sl_preset_library_lookup (library, "reveal");
  primitives = sl_preset_get_primitives (preset, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (primitives[0].from, <, primitives[1].from);
  g_assert_cmpfloat (primitives[0].to, <, primitives[1].to);
  g_assert_cmpint (primitives[1].kind, ==, SL_PRIMITIVE_ROTATE);
  g_assert_cmpfloat (sl_primitive_get_value (&primitives[1], 2.0, SL_UNIT_METERS, &unit), ==, 10.0);
  g_assert_cmpint (unit, ==, SL_UNIT_DEGREES);

  preset = sl_preset_library_lookup (library, "zoom-out");
  primitives = sl_preset_get_primitives (preset, &n);
  g_assert_cmpfloat_with_epsilon (sl_primitive_get_value (&primitives[0], 2.0, SL_UNIT_FACTOR, &unit), 0.5, 1e-12);
  g_assert_cmpint (unit, ==, SL_UNIT_FACTOR);
  g_assert_cmpfloat (sl_primitive_get_value (&primitives[0], 50.0, SL_UNIT_PERCENT, &unit), ==, -50.0);

  /* Axes are normalised on load. */
  preset = sl_preset_library_lookup (library, "aerial");
  primitives = sl_preset_get_primitives (preset, &n);
  g_assert_cmpfloat_with_epsilon (primitives[0].axis[1] * primitives[0].axis[1]
                                  + primitives[0].axis[2] * primitives[0].axis[2], 1.0, 1e-12);

  preset = sl_preset_library_lookup (library, "handheld");
  primitives = sl_preset_get_primitives (preset, &n);
  g_assert_cmpint (primitives[0].kind, ==, SL_PRIMITIVE_NOISE);
  g_assert_cmpfloat (primitives[0].frequency, >, 0.0);
  g_assert_cmpfloat (primitives[0].amplitude[0], >, 0.0);

  preset = sl_preset_library_lookup (library, "static");
  sl_preset_get_primitives (preset, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (sl_preset_accepts_unit (preset, SL_UNIT_NONE));
}

#define NAME "{\"en\": \"Nudge\", \"zh\": \"微推\"}"
#define ALIASES "{\"en\": [\"nudge\"], \"zh\": [\"微推\"]}"
#define AMOUNT "{\"default\": 5, \"unit\": \"%\"}"
#define PRIMITIVES "[{\"op\": \"translate\", \"axis\": [0, 0, 1]}]"
#define PRESET_WITH(id, name, aliases, amount, primitives) \
  "{\"id\": \"" id "\", \"category\": \"dolly\", \"name\": " name ", \"aliases\": " aliases \
  ", \"amount\": " amount ", \"primitives\": " primitives "}"

static void
test_valid_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPreset) preset = NULL;

  preset = sl_preset_new_from_data (PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, PRIMITIVES), -1,
                                    "nudge.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_preset_get_description (preset), ==, "");
  g_assert_cmpstr (sl_preset_get_aliases (preset)[1], ==, "微推");
  g_assert_true (sl_preset_accepts_unit (preset, SL_UNIT_PERCENT));
  g_assert_false (sl_preset_accepts_unit (preset, SL_UNIT_METERS));
}

/* Each broken file fails the load of its folder with an error that names
 * the file and the field, and leaves the library as it was. */
static void
test_broken_files (void)
{
  static const struct {
    const char *text;
    const char *field;
  } cases[] = {
    { "{\"id\": \"nudge\",", "not valid JSON" },
    { "[1, 2]", "expected an object" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, "[{\"op\": \"teleport\"}]"), "primitives[0].op" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, "[{\"op\": \"translate\", \"axis\": [0, 1]}]"),
      "primitives[0].axis" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, "[{\"op\": \"translate\", \"axis\": [0, 0, 0]}]"),
      "primitives[0].axis" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, "[{\"op\": \"translate\", \"axis\": [0, \"up\", 0]}]"),
      "primitives[0].axis" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, "[{\"op\": \"translate\"}]"), "primitives[0].axis" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT, "[{\"op\": \"zoom\", \"axis\": [0, 0, 1]}]"),
      "primitives[0].axis" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT,
                   "[{\"op\": \"translate\", \"axis\": [0, 0, 1], \"from\": 0.8, \"to\": 0.2}]"),
      "primitives[0]" },
    { PRESET_WITH ("nudge", NAME, ALIASES, AMOUNT,
                   "[{\"op\": \"translate\", \"axis\": [0, 0, 1], \"scale\": \"big\"}]"),
      "primitives[0].scale" },
    { PRESET_WITH ("nudge", NAME, ALIASES, "{\"default\": 100, \"unit\": \"%\"}",
                   "[{\"op\": \"noise\", \"amplitude\": [0.01, 0.5]}]"),
      "primitives[0].frequency" },
    { PRESET_WITH ("nudge", "{\"en\": \"Nudge\"}", ALIASES, AMOUNT, PRIMITIVES), "name.zh" },
    { PRESET_WITH ("nudge", "{\"en\": 7, \"zh\": \"微推\"}", ALIASES, AMOUNT, PRIMITIVES), "name.en" },
    { PRESET_WITH ("Nudge", NAME, ALIASES, AMOUNT, PRIMITIVES), "id" },
    { PRESET_WITH ("nudge", NAME, "{\"en\": [\"nudge\", \"nudge\"], \"zh\": [\"微推\"]}", AMOUNT, PRIMITIVES),
      "aliases.en[1]" },
    { PRESET_WITH ("nudge", NAME, "{\"en\": [\"nudge\"], \"zh\": [\"微推\", \"nudge\"]}", AMOUNT, PRIMITIVES),
      "aliases.zh[1]" },
    { PRESET_WITH ("nudge", NAME, "{\"en\": [\"Nudge\"], \"zh\": [\"微推\"]}", AMOUNT, PRIMITIVES),
      "aliases.en[0]" },
    { PRESET_WITH ("nudge", NAME, "{\"en\": [\"nudge  in\"], \"zh\": [\"微推\"]}", AMOUNT, PRIMITIVES),
      "aliases.en[0]" },
    { PRESET_WITH ("nudge", NAME, "{\"en\": [\"nudge\"], \"zh\": []}", AMOUNT, PRIMITIVES), "aliases.zh" },
    { PRESET_WITH ("nudge", NAME, ALIASES, "{\"default\": 5, \"unit\": \"furlong\"}", PRIMITIVES),
      "amount.unit" },
    { PRESET_WITH ("nudge", NAME, ALIASES, "{\"default\": 5, \"unit\": \"deg\"}", PRIMITIVES),
      "amount.units" },
    { PRESET_WITH ("nudge", NAME, ALIASES, "{\"default\": 5, \"unit\": \"%\", \"units\": [\"m\"]}", PRIMITIVES),
      "amount.units" },
    { "{\"id\": \"nudge\", \"category\": \"dolly\", \"name\": " NAME ", \"aliases\": " ALIASES
      ", \"amount\": " AMOUNT ", \"primitives\": " PRIMITIVES ", \"speed\": 2}", "speed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlPresetLibrary) library = load_bundled ();
      guint n_before = sl_preset_library_get_n_presets (library);
      g_autofree char *dir = make_dir ();
      g_autoptr(GError) error = NULL;
      gint code = i == 0 ? SL_SHOTS_ERROR_CORRUPT : SL_SHOTS_ERROR_INVALID;

      write_file (dir, "broken.json", cases[i].text);
      g_assert_false (sl_preset_library_load_dir (library, dir, &error));
      g_assert_error (error, SL_SHOTS_ERROR, code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "broken.json"));
      if (strstr (error->message, cases[i].field) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].field);
      g_assert_cmpuint (sl_preset_library_get_n_presets (library), ==, n_before);
      remove_tree (dir);
    }
}

static void
test_alias_clash (void)
{
  g_autoptr(SlPresetLibrary) library = sl_preset_library_new ();
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;

  write_file (dir, "nudge-a.json", PRESET_WITH ("nudge-a", NAME, ALIASES, AMOUNT, PRIMITIVES));
  write_file (dir, "nudge-b.json", PRESET_WITH ("nudge-b", NAME, "{\"en\": [\"nudge\"], \"zh\": [\"轻推\"]}",
                                                AMOUNT, PRIMITIVES));
  g_assert_false (sl_preset_library_load_dir (library, dir, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nudge-a.json"));
  g_assert_nonnull (strstr (error->message, "nudge-b.json"));
  g_assert_nonnull (strstr (error->message, "nudge"));
  g_assert_cmpuint (sl_preset_library_get_n_presets (library), ==, 0);
  remove_tree (dir);
}

/* A user preset may not take an alias from a bundled one it does not replace. */
static void
test_alias_clash_with_bundled (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();
  guint n_before = sl_preset_library_get_n_presets (library);
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;

  write_file (dir, "shove.json", PRESET_WITH ("shove", NAME, "{\"en\": [\"push in\"], \"zh\": [\"猛推一下\"]}",
                                              AMOUNT, PRIMITIVES));
  g_assert_false (sl_preset_library_load_dir (library, dir, &error));
  g_assert_nonnull (strstr (error->message, "shove.json"));
  g_assert_nonnull (strstr (error->message, "push-in.json"));
  g_assert_cmpuint (sl_preset_library_get_n_presets (library), ==, n_before);
  g_assert_null (sl_preset_library_lookup (library, "shove"));
  assert_matches (library, "push in", "push-in", 2);
  remove_tree (dir);
}

#define USER_PUSH_IN \
  PRESET_WITH ("push-in", "{\"en\": \"Shove\", \"zh\": \"猛推一下\"}", \
               "{\"en\": [\"shove\", \"push in\"], \"zh\": [\"猛推一下\"]}", AMOUNT, PRIMITIVES)

static void
test_user_override (void)
{
  g_autoptr(SlPresetLibrary) library = load_bundled ();
  guint n_before = sl_preset_library_get_n_presets (library);
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  guint used;

  write_file (dir, "my-push.json", USER_PUSH_IN);
  g_assert_true (sl_preset_library_load_dir (library, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_preset_library_get_n_presets (library), ==, n_before);
  g_assert_cmpstr (sl_preset_get_name_en (sl_preset_library_lookup (library, "push-in")), ==, "Shove");
  assert_matches (library, "shove 10%", "push-in", 1);
  assert_matches (library, "push in", "push-in", 2);
  g_assert_true (match_text (library, "push in", &used) == sl_preset_library_lookup (library, "push-in"));
  /* The replaced preset's aliases went with it. */
  g_assert_null (match_text (library, "dolly in", &used));
  g_assert_null (match_text (library, "推", &used));
  remove_tree (dir);
}

static void
test_missing_dir (void)
{
  g_autoptr(SlPresetLibrary) library = sl_preset_library_new ();
  g_autofree char *dir = make_dir ();
  g_autofree char *missing = g_build_filename (dir, "nowhere", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_preset_library_load_dir (library, missing, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND);
  remove_tree (dir);
}

/* The shared library reads $XDG_DATA_HOME once per process, so it is checked
 * in a child process with a data home of its own. */
static void
test_default (void)
{
  g_autofree char *home = NULL;
  g_autofree char *moves = NULL;
  g_autofree char *saved = NULL;

  if (g_test_subprocess ())
    {
      SlPresetLibrary *library = sl_preset_library_get_default ();

      g_assert_nonnull (library);
      g_assert_true (sl_preset_library_get_default () == library);
      g_assert_cmpuint (sl_preset_library_get_n_presets (library), >=, 40);
      g_assert_cmpstr (sl_preset_get_name_en (sl_preset_library_lookup (library, "push-in")), ==, "Shove");
      assert_matches (library, "pan right", "pan-right", 2);
      return;
    }

  home = make_dir ();
  moves = g_build_filename (home, "shotline", "moves", NULL);
  g_assert_cmpint (g_mkdir_with_parents (moves, 0700), ==, 0);
  write_file (moves, "push-in.json", USER_PUSH_IN);
  saved = g_strdup (g_getenv ("XDG_DATA_HOME"));
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  if (saved != NULL)
    g_setenv ("XDG_DATA_HOME", saved, TRUE);
  else
    g_unsetenv ("XDG_DATA_HOME");
  remove_tree (home);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/presets/bundled", test_bundled);
  g_test_add_func ("/presets/required", test_required);
  g_test_add_func ("/presets/aliases-match-back", test_aliases_match_back);
  g_test_add_func ("/presets/longest-match", test_longest_match);
  g_test_add_func ("/presets/chinese", test_chinese);
  g_test_add_func ("/presets/suggest", test_suggest);
  g_test_add_func ("/presets/primitives", test_primitives);
  g_test_add_func ("/presets/valid-minimal", test_valid_minimal);
  g_test_add_func ("/presets/broken-files", test_broken_files);
  g_test_add_func ("/presets/alias-clash", test_alias_clash);
  g_test_add_func ("/presets/alias-clash-with-bundled", test_alias_clash_with_bundled);
  g_test_add_func ("/presets/user-override", test_user_override);
  g_test_add_func ("/presets/missing-dir", test_missing_dir);
  g_test_add_func ("/presets/default", test_default);
  return g_test_run ();
}
