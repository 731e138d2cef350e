/* test-project-json.c: the .shotline file, atomic saving, opening by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "shotline-shots.h"
#include "sl-model-private.h"

#define HEAD "{\"format\": \"shotline-project\", \"version\": 1, \"project\": "

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shotline-json-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      g_chmod (path, 0700);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static GPtrArray *
list_dir (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  return names;
}

static SlShot *
add_shot (SlProject *project, const char *name, gint64 duration)
{
  g_autoptr(SlShot) shot = sl_shot_new (name, duration);

  g_list_store_append (sl_project_get_shots (project), shot);
  return shot;
}

/* Every property kind, awkward doubles, big times, Chinese text. */
static SlProject *
rich_project (const char *base_dir)
{
  SlProject *project = sl_project_new ();
  SlShot *shot;
  g_autoptr(SlMove) push = sl_move_new ("push-in", 1.0 / 3.0, SL_UNIT_PERCENT);
  g_autoptr(SlMove) orbit = sl_move_new ("orbit", -20.1, SL_UNIT_DEGREES);
  g_autoptr(SlMove) tilt = sl_move_new ("tilt", 0.1, SL_UNIT_DEGREES);
  g_autoptr(SlKeyframe) key1 = sl_keyframe_new (0);
  g_autoptr(SlKeyframe) key2 = sl_keyframe_new (SL_TIME_MAX);
  g_autoptr(SlReference) plate = sl_reference_new ("images/山.png", SL_REFERENCE_ROLE_PLATE);
  g_autoptr(SlReference) style = sl_reference_new ("/usr/share/backgrounds/style.jpg", SL_REFERENCE_ROLE_STYLE);
  g_autoptr(SlAudioClip) music = sl_audio_clip_new ("../music/theme.ogg", 1500 * SL_MSECOND);
  g_autoptr(SlAudioClip) voice = sl_audio_clip_new ("voice \"take 2\".wav", 0);

  sl_project_set_base_dir (project, base_dir);
  g_object_set (project, "title", "黎明的山 — \"Dawn\"\n\tline two", "width", 3840, "height", 2160,
                "fps-num", 30000, "fps-den", 1001, "seed", G_MAXUINT32, "lexicon-version", "2.1", NULL);

  shot = add_shot (project, "开场", 4 * SL_SECOND + 1);
  g_object_set (shot, "prompt", "serene mountains at dawn, 科幻感", "size-start", SL_SHOT_SIZE_EXTREME_LONG,
                "size-end", SL_SHOT_SIZE_CLOSE_UP, "angle", SL_ANGLE_DUTCH, "dutch-degrees", -12.345678901234567,
                "transition", SL_TRANSITION_DIP_TO_BLACK, "transition-duration", 333333333,
                "cut-on-beat", TRUE, "follow-mode", SL_FOLLOW_ZOOM_AND_EXPOSURE, "follow-amount", 0.7, NULL);
  g_object_set (push, "start", 1, "end", 4 * SL_SECOND, "easing", SL_EASING_CUBIC_BEZIER,
                "bezier-x1", 0.25, "bezier-y1", -0.1, "bezier-x2", 2.0 / 3.0, "bezier-y2", 1e-300, NULL);
  g_object_set (orbit, "has-target", TRUE, "target-x", 1e5, "target-y", -0.0, "target-z", 5e-324, NULL);
  g_list_store_append (sl_shot_get_moves (shot), push);
  g_list_store_append (sl_shot_get_moves (shot), orbit);
  g_list_store_append (sl_shot_get_moves (shot), tilt);
  g_object_set (key2, "x", 0.1, "y", 0.2, "z", 0.30000000000000004, "yaw", 359.99999999999994,
                "pitch", -45.5, "roll", 1.0 / 7.0, "focal-length", 85.0, "focus-distance", 0.01, NULL);
  g_list_store_append (sl_shot_get_keyframes (shot), key1);
  g_list_store_append (sl_shot_get_keyframes (shot), key2);
  g_object_set (plate, "depth-mode", SL_DEPTH_MODE_FILE, "depth-file", "images/山-depth.png",
                "depth-strength", 2.5, NULL);
  g_list_store_append (sl_shot_get_references (shot), plate);
  g_list_store_append (sl_shot_get_references (shot), style);

  add_shot (project, "", SL_MSECOND);
  shot = add_shot (project, "ending", SL_TIME_MAX);
  g_object_set (shot, "transition", SL_TRANSITION_WHIP, NULL);

  g_object_set (music, "in-point", 123456789012345, "duration", 98765432109876, "gain-db", -6.02,
                "fade-in", SL_SECOND, "fade-out", 2 * SL_SECOND, NULL);
  g_object_set (voice, "role", SL_AUDIO_ROLE_VOICE, "gain-db", 24.0, NULL);
  g_list_store_append (sl_project_get_audio_clips (project), music);
  g_list_store_append (sl_project_get_audio_clips (project), voice);
  return project;
}

static void
assert_same (SlProject *a, SlProject *b)
{
  g_autofree char *where = NULL;

  if (!sl_model_equal (G_OBJECT (a), G_OBJECT (b), &where))
    g_error ("projects differ at %s", where);
}

static SlProject *
parse (const char *text, GError **error)
{
  return sl_project_json_from_data (text, -1, "/projects", error);
}

static void
test_round_trip (void)
{
  g_autoptr(SlProject) project = rich_project ("/projects/dawn");
  g_autofree char *text = sl_project_json_to_data (project, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) loaded = sl_project_json_from_data (text, -1, "/projects/dawn", &error);
  g_autofree char *again = NULL;
  SlShot *shot;
  SlMove *move;
  double x2, target_z;

  g_assert_no_error (error);
  assert_same (project, loaded);
  g_assert_cmpstr (sl_project_get_base_dir (loaded), ==, "/projects/dawn");
  /* Exactly, not within sl_model_equal's epsilon. */
  shot = sl_project_get_shot (loaded, 0);
  move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (shot)), 0);
  g_object_unref (move);
  g_assert_true (sl_move_get_amount (move) == 1.0 / 3.0);
  sl_move_get_bezier (move, NULL, NULL, &x2, NULL);
  g_assert_true (x2 == 2.0 / 3.0);
  move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (shot)), 1);
  g_object_unref (move);
  sl_move_get_target (move, NULL, NULL, &target_z);
  g_assert_true (target_z == 5e-324);
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (loaded, 2)), ==, SL_TIME_MAX);
  g_assert_cmpstr (sl_shot_get_name (shot), ==, "开场");

  /* The text is stable: the same project gives the same bytes. */
  again = sl_project_json_to_data (loaded, NULL);
  g_assert_cmpstr (text, ==, again);
  g_assert_nonnull (strstr (text, "\"format\": \"shotline-project\""));
  g_assert_nonnull (strstr (text, "\"generator\": \"Shotline " PACKAGE_VERSION "\""));
  g_assert_nonnull (strstr (text, "\"easing\": \"cubic-bezier\""));
  g_assert_nonnull (strstr (text, "\"amount\": 0.1,"));
  g_assert_nonnull (strstr (text, "\"depth-file\": null"));
  g_assert_nonnull (strstr (text, "\"duration\": 360000000000000"));
}

static void
test_doubles_exact (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  SlShot *shot = add_shot (project, "dense", SL_SECOND);
  GRand *rand = g_rand_new_with_seed (20240601);
  GListModel *moves;
  g_autofree char *text = NULL;
  g_autoptr(SlProject) loaded = NULL;
  g_autoptr(GError) error = NULL;
  double values[500];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(SlMove) move = NULL;

      /* Uniform values, and values of every magnitude down to subnormals. */
      if (i % 2)
        values[i] = g_rand_double_range (rand, -SL_AMOUNT_MAX, SL_AMOUNT_MAX);
      else
        values[i] = g_rand_double (rand) * pow (10.0, g_rand_int_range (rand, -320, 6));
      move = sl_move_new ("push-in", values[i], SL_UNIT_NONE);
      g_list_store_append (sl_shot_get_moves (shot), move);
    }
  g_rand_free (rand);

  text = sl_project_json_to_data (project, NULL);
  loaded = parse (text, &error);
  g_assert_no_error (error);
  moves = G_LIST_MODEL (sl_shot_get_moves (sl_project_get_shot (loaded, 0)));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(SlMove) move = g_list_model_get_item (moves, i);
      double amount = sl_move_get_amount (move);

      g_assert_cmpmem (&amount, sizeof amount, &values[i], sizeof values[i]);
    }
}

static void
test_invalid_utf8_in_memory (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autofree char *text = NULL;
  g_autoptr(SlProject) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* json-glib refuses a whole file for one invalid byte, so none is written. */
  g_object_set (project, "title", "bad \xff byte", NULL);
  text = sl_project_json_to_data (project, NULL);
  loaded = parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_project_get_title (loaded), ==, "bad \xef\xbf\xbd byte");
}

static void
test_files (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "dawn.shotline", NULL);
  g_autoptr(SlProject) project = rich_project (dir);
  g_autoptr(SlProject) loaded = NULL;
  g_autoptr(SlProject) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_assert_true (sl_project_json_save (project, path, &error));
  g_assert_no_error (error);
  loaded = sl_project_json_load (path, &error);
  g_assert_no_error (error);
  assert_same (project, loaded);
  g_assert_cmpstr (sl_project_get_base_dir (loaded), ==, dir);

  /* Saving again replaces the file and leaves no temporary file behind. */
  g_object_set (project, "title", "second", NULL);
  g_assert_true (sl_project_io_save (project, path, &error));
  g_assert_no_error (error);
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);
  opened = sl_project_io_load (path, &error);
  g_assert_no_error (error);
  assert_same (project, opened);

  remove_tree (dir);
}

static void
assert_resolves_same (SlProject *a, SlProject *b, const char *a_path, const char *b_path)
{
  g_autofree char *x = sl_project_resolve_path (a, a_path);
  g_autofree char *y = sl_project_resolve_path (b, b_path);

  g_assert_cmpstr (x, ==, y);
}

static SlReference *
first_reference (SlProject *project, guint index)
{
  SlShot *shot = sl_project_get_shot (project, 0);
  g_autoptr(SlReference) ref = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_references (shot)), index);

  return ref;
}

static SlAudioClip *
first_clip (SlProject *project)
{
  g_autoptr(SlAudioClip) clip = g_list_model_get_item (G_LIST_MODEL (sl_project_get_audio_clips (project)), 0);

  return clip;
}

static void
test_rebase (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *home = g_build_filename (dir, "films", "dawn", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "backup", "2024", NULL);
  g_autofree char *path = g_build_filename (elsewhere, "copy.shotline", NULL);
  g_autoptr(SlProject) project = rich_project (home);
  g_autoptr(SlProject) original = rich_project (home);
  g_autoptr(SlProject) loaded = NULL;
  g_autoptr(GError) error = NULL;
  SlReference *plate, *style;

  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_true (sl_project_json_save (project, path, &error));
  g_assert_no_error (error);
  /* sl_project_json_save () writes; it does not move the project. */
  assert_same (project, original);
  g_assert_cmpstr (sl_project_get_base_dir (project), ==, home);

  loaded = sl_project_json_load (path, &error);
  g_assert_no_error (error);
  plate = first_reference (loaded, 0);
  style = first_reference (loaded, 1);
  g_assert_cmpstr (sl_reference_get_file (plate), ==, "../../films/dawn/images/山.png");
  g_assert_cmpstr (sl_reference_get_depth_file (plate), ==, "../../films/dawn/images/山-depth.png");
  g_assert_cmpstr (sl_reference_get_file (style), ==, "/usr/share/backgrounds/style.jpg");
  g_assert_cmpstr (sl_audio_clip_get_file (first_clip (loaded)), ==, "../../films/music/theme.ogg");
  assert_resolves_same (original, loaded, "images/山.png", sl_reference_get_file (plate));
  assert_resolves_same (original, loaded, "../music/theme.ogg", sl_audio_clip_get_file (first_clip (loaded)));

  /* Save as: the project itself moves to the new folder. */
  g_assert_true (sl_project_io_save (project, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sl_project_get_base_dir (project), ==, elsewhere);
  assert_same (project, loaded);

  /* Within one folder the paths stay as the user wrote them. */
  g_clear_object (&project);
  project = rich_project (home);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (home, "dawn.shotline", NULL);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_true (sl_project_io_save (project, path, &error));
  g_assert_no_error (error);
  assert_same (project, original);

  remove_tree (dir);
}

static void
test_rebase_path (void)
{
  static const struct { const char *path, *from, *to, *expected; } cases[] = {
    { "a.png", "/x/y", "/x/y", "a.png" },
    { "./a/../b.png", "/x/y", "/x/y", "./a/../b.png" },
    { "a.png", "/x/y", "/x", "y/a.png" },
    { "a.png", "/x", "/x/y/z", "../../a.png" },
    { "../m/a.png", "/x/y", "/q", "../x/m/a.png" },
    { "/abs/a.png", "/x", "/q", "/abs/a.png" },
    { "", "/x", "/q", "" },
    { "a.png", "/", "/x", "../a.png" },
    { "x/a.png", "/x", "/", "x/x/a.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rebased = sl_file_rebase_path (cases[i].path, cases[i].from, cases[i].to);

      g_assert_cmpstr (rebased, ==, cases[i].expected);
    }
  g_assert_null (sl_file_rebase_path (NULL, "/x", "/y"));
}

static void
assert_fails (const char *text, int code, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = parse (text, &error);

  g_assert_null (project);
  g_assert_error (error, SL_SHOTS_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_project_fails (const char *project_json, int code, const char *message)
{
  g_autofree char *text = g_strconcat (HEAD, project_json, "}", NULL);

  assert_fails (text, code, message);
}

static void
test_newer_version (void)
{
  /* Refused for its version before anything inside is judged. */
  assert_fails ("{\"format\": \"shotline-project\", \"version\": 2, \"project\": {\"hologram\": true}}",
                SL_SHOTS_ERROR_NEWER_FORMAT,
                "This project was saved by a newer Shotline (format 2); this version reads format 1");
  assert_fails ("{\"format\": \"shotline-project\", \"version\": 0, \"project\": {}}",
                SL_SHOTS_ERROR_CORRUPT, "version: 0 is not a format version");
  assert_fails ("{\"format\": \"shotline-project\", \"version\": \"1\", \"project\": {}}",
                SL_SHOTS_ERROR_CORRUPT, "version: expected an integer, found a string");
  assert_fails ("{\"format\": \"shotline-project\", \"project\": {}}",
                SL_SHOTS_ERROR_CORRUPT, "version: missing");
}

static void
test_not_a_project (void)
{
  g_autoptr(SlProject) minimal = NULL;
  g_autoptr(GError) error = NULL;

  assert_fails ("", SL_SHOTS_ERROR_CORRUPT, "not a Shotline project (expected a JSON object, found nothing)");
  assert_fails ("[1, 2]", SL_SHOTS_ERROR_CORRUPT, "not a Shotline project (expected a JSON object, found an array)");
  assert_fails ("{\"format\": \"other\", \"version\": 1}", SL_SHOTS_ERROR_CORRUPT,
                "not a Shotline project (it lacks \"format\": \"shotline-project\")");
  assert_fails ("{\"format\": \"shotline-project\", \"version\": 1}", SL_SHOTS_ERROR_CORRUPT, "project: missing");
  assert_fails (HEAD "{}, \"colour\": 1}", SL_SHOTS_ERROR_CORRUPT, "colour: unknown field");
  assert_fails (HEAD "{}, \"generator\": 7}", SL_SHOTS_ERROR_CORRUPT, "generator: expected a string, found an integer");
  assert_fails (HEAD "[]}", SL_SHOTS_ERROR_CORRUPT, "project: expected an object, found an array");

  /* Everything but the envelope may be left out: properties take their defaults. */
  minimal = parse (HEAD "{}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_project_get_width (minimal), ==, 1920);
  g_assert_cmpuint (sl_project_get_n_shots (minimal), ==, 0);
}

static void
test_truncated (void)
{
  g_autoptr(SlProject) project = rich_project ("/projects");
  g_autofree char *text = sl_project_json_to_data (project, NULL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut.shotline", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) loaded = NULL;
  gsize half = strlen (text) / 2;

  loaded = sl_project_json_from_data (text, half, "/projects", &error);
  g_assert_null (loaded);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, "line "));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, text, half, NULL));
  loaded = sl_project_json_load (path, &error);
  g_assert_null (loaded);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT);
  expected = g_strdup_printf ("Could not open “%s”: line ", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  assert_fails ("{\n  \"format\": \"shotline-project\",\n  \"version\": 1,\n  \"project\": {\"title\": x}}",
                SL_SHOTS_ERROR_CORRUPT, NULL);
  assert_fails ("{\"format\": \"shotline-project\",\n\"version\": 1,\n\"project\": {\"title\": x}}",
                SL_SHOTS_ERROR_CORRUPT, "line 3, column 22: unexpected identifier `x', expected value");
  assert_fails ("\xff\xfe{}", SL_SHOTS_ERROR_CORRUPT, NULL);
  remove_tree (dir);
}

static void
test_wrong_type (void)
{
  assert_project_fails ("{\"shots\": [{\"duration\": \"3s\"}]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[0].duration: expected an integer, found a string");
  assert_project_fails ("{\"width\": 1920.5}", SL_SHOTS_ERROR_CORRUPT,
                        "project.width: expected an integer, found a number");
  assert_project_fails ("{\"width\": 1920.0}", SL_SHOTS_ERROR_CORRUPT,
                        "project.width: expected an integer, found a number");
  assert_project_fails ("{\"title\": 3}", SL_SHOTS_ERROR_CORRUPT,
                        "project.title: expected a string, found an integer");
  assert_project_fails ("{\"title\": null}", SL_SHOTS_ERROR_CORRUPT,
                        "project.title: expected a string, found null");
  assert_project_fails ("{\"shots\": [{\"cut-on-beat\": 1}]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[0].cut-on-beat: expected true or false, found an integer");
  assert_project_fails ("{\"shots\": [{\"follow-amount\": \"0.5\"}]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[0].follow-amount: expected a number, found a string");
  assert_project_fails ("{\"shots\": {}}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots: expected an array, found an object");
  assert_project_fails ("{\"shots\": [{}, 3]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[1]: expected an object, found an integer");
  assert_project_fails ("{\"audio-clips\": [[]]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.audio-clips[0]: expected an object, found an array");
  assert_project_fails ("{\"shots\": [{\"references\": [{\"role\": 1}]}]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[0].references[0].role: expected a string, found an integer");
}

static void
test_unknown_field (void)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SlShot *shot;

  assert_project_fails ("{\"shots\": [{}, {}, {\"moves\": [{\"amunt\": 1}]}]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[2].moves[0].amunt: unknown field");
  /* One spelling only, though GObject would accept the other. */
  assert_project_fails ("{\"shots\": [{\"size_start\": \"close-up\"}]}", SL_SHOTS_ERROR_CORRUPT,
                        "project.shots[0].size_start: unknown field");
  assert_project_fails ("{\"extensions\": []}", SL_SHOTS_ERROR_CORRUPT,
                        "project.extensions: expected an object, found an array");

  /* Extensions are someone else's business, wherever they are. */
  project = parse ("{\"format\": \"shotline-project\", \"version\": 1, \"extensions\": {\"x\": [1]},"
                   " \"project\": {\"extensions\": {}, \"shots\": [{\"name\": \"a\", \"extensions\":"
                   " {\"other-app\": {\"colour\": \"red\"}}, \"moves\": [{\"extensions\": {}}]}]}}", &error);
  g_assert_no_error (error);
  shot = sl_project_get_shot (project, 0);
  g_assert_cmpstr (sl_shot_get_name (shot), ==, "a");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (shot))), ==, 1);
}

static void
test_out_of_range (void)
{
  assert_project_fails ("{\"width\": 0}", SL_SHOTS_ERROR_INVALID,
                        "project.width: 0 is out of range (16 … 8192)");
  assert_project_fails ("{\"seed\": -1}", SL_SHOTS_ERROR_INVALID,
                        "project.seed: -1 is out of range (0 … 4294967295)");
  assert_project_fails ("{\"seed\": 4294967296}", SL_SHOTS_ERROR_INVALID,
                        "project.seed: 4294967296 is out of range (0 … 4294967295)");
  assert_project_fails ("{\"shots\": [{\"duration\": 0}]}", SL_SHOTS_ERROR_INVALID,
                        "project.shots[0].duration: 0 is out of range (1000000 … 360000000000000)");
  assert_project_fails ("{\"shots\": [{\"dutch-degrees\": 90.5}]}", SL_SHOTS_ERROR_INVALID,
                        "project.shots[0].dutch-degrees: 90.5 is out of range (-90.0 … 90.0)");
  assert_project_fails ("{\"shots\": [{\"follow-amount\": 2}]}", SL_SHOTS_ERROR_INVALID,
                        "project.shots[0].follow-amount: 2.0 is out of range (0.0 … 1.0)");
  assert_project_fails ("{\"shots\": [{\"moves\": [{\"easing\": \"ease-sideways\"}]}]}", SL_SHOTS_ERROR_INVALID,
                        "project.shots[0].moves[0].easing: unknown value “ease-sideways” "
                        "(expected one of: linear, ease-in, ease-out, ease-in-out, cubic-bezier)");
  assert_project_fails ("{\"shots\": [{\"moves\": [{\"easing\": \"EASE-IN\"}]}]}", SL_SHOTS_ERROR_INVALID, NULL);
}

static void
test_huge_numbers (void)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;

  assert_project_fails ("{\"shots\": [{\"dutch-degrees\": 1e400}]}", SL_SHOTS_ERROR_INVALID,
                        "project.shots[0].dutch-degrees: the number is too large");
  assert_project_fails ("{\"shots\": [{\"moves\": [{\"amount\": -1e400}]}]}", SL_SHOTS_ERROR_INVALID,
                        "project.shots[0].moves[0].amount: the number is too large");
  /* json-glib would read this as -1, a valid move end. */
  assert_project_fails ("{\"shots\": [{\"moves\": [{\"end\": 18446744073709551615}]}]}", SL_SHOTS_ERROR_INVALID,
                        "line 1, column 87: the integer 18446744073709551615 is too large");
  assert_project_fails ("{\"title\": \"宽\", \"seed\": 99999999999999999999}", SL_SHOTS_ERROR_INVALID,
                        "line 1, column 80: the integer 99999999999999999999 is too large");
  assert_project_fails ("{\"shots\": [{\"moves\": [{\"start\": -9223372036854775809}]}]}", SL_SHOTS_ERROR_INVALID, NULL);
  /* Digits inside strings are text, and the limits themselves fit. */
  project = parse (HEAD "{\"title\": \"99999999999999999999\", \"shots\": [{\"moves\": "
                   "[{\"amount\": 1e-400, \"start\": 0}]}], \"extensions\": {\"a\": 9223372036854775807,"
                   " \"b\": -9223372036854775808}}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_project_get_title (project), ==, "99999999999999999999");
}

static void
test_deep_nesting (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *fine = NULL;
  g_autofree char *open = g_strnfill (200, '[');
  g_autofree char *close = g_strnfill (200, ']');
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;

  /* json-glib would recurse once per level until the stack runs out. */
  assert_fails (deep, SL_SHOTS_ERROR_CORRUPT, "line 1, column 257: nested more than 256 levels deep");
  fine = g_strconcat (HEAD "{\"extensions\": {\"deep\": ", open, close, "}}}", NULL);
  project = parse (fine, &error);
  g_assert_no_error (error);
}

static char *
write_old_file (const char *dir, const char *name, SlProject *project)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_project_json_save (project, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_file_is (const char *path, const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_atomic_missing_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "p.shotline", NULL);
  g_autofree char *expected = g_strdup_printf ("Could not save “%s”: No such file or directory", path);
  g_autoptr(SlProject) project = rich_project (dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_project_json_save (project, path, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  remove_tree (dir);
}

static void
test_atomic_read_only (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SlProject) project = rich_project (dir);
  g_autofree char *path = write_old_file (dir, "p.shotline", project);
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      /* The superuser writes into read-only folders anyway. */
      g_test_skip ("a read-only folder is writable for this user");
      remove_tree (dir);
      return;
    }
  g_object_set (project, "title", "changed", NULL);
  g_assert_false (sl_project_io_save (project, path, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO);
  expected = g_strdup_printf ("Could not save “%s”: Permission denied", path);
  g_assert_cmpstr (error->message, ==, expected);
  assert_file_is (path, before);
  g_assert_cmpstr (sl_project_get_base_dir (project), ==, dir);
  remove_tree (dir);
}

static void
test_atomic_failing_write (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SlProject) project = sl_project_new ();
  g_autofree char *path = write_old_file (dir, "p.shotline", project);
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *long_title = g_strnfill (100000, 'x');
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  gboolean saved;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_object_set (project, "title", long_title, NULL);

  /* A file size limit makes write () fail part way, like a full disk. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 16384;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  saved = sl_project_io_save (project, path, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (saved);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO);
  expected = g_strdup_printf ("Could not save “%s”: %s", path, g_strerror (EFBIG));
  g_assert_cmpstr (error->message, ==, expected);
  assert_file_is (path, before);
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "p.shotline");
  remove_tree (dir);
}

static void
test_atomic_failing_rename (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "taken.shotline", NULL);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  /* A folder under the target name: everything works up to the rename. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", -1, NULL));
  g_assert_false (sl_project_json_save (project, path, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO);
  expected = g_strdup_printf ("Could not save “%s”: %s", path, g_strerror (EISDIR));
  g_assert_cmpstr (error->message, ==, expected);
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 1);
  assert_file_is (inside, "x");
  remove_tree (dir);
}

static void
test_keeps_permissions (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(SlProject) project = sl_project_new ();
  g_autofree char *path = write_old_file (dir, "p.shotline", project);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (sl_project_json_save (project, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  remove_tree (dir);
}

static void
test_io_script (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *home = g_build_filename (dir, "films", NULL);
  g_autofree char *path = g_build_filename (home, "dawn.shots", NULL);
  g_autofree char *moved = g_build_filename (dir, "dawn.SHOTS", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.shots", NULL);
  g_autofree char *text = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlProject) again = NULL;
  g_autoptr(GError) error = NULL;
  SlShot *shot;

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "project \"黎明\" 1920x1080 24fps\n"
                                      "audio \"music/theme.ogg\"\n"
                                      "shot \"开场\" 4s\n"
                                      "  plate \"images/山.png\"\n"
                                      "  push in 30%\n", -1, NULL));
  project = sl_project_io_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_project_get_title (project), ==, "黎明");
  g_assert_cmpstr (sl_project_get_base_dir (project), ==, home);
  shot = sl_project_get_shot (project, 0);
  g_assert_cmpint (sl_shot_get_duration (shot), ==, 4 * SL_SECOND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (shot))), ==, 1);

  /* Save as a script one folder up: the paths follow, the extension's case does not matter. */
  g_assert_true (sl_project_io_save (project, moved, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (moved, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"films/images/山.png\""));
  g_assert_nonnull (strstr (text, "\"films/music/theme.ogg\""));
  g_assert_cmpstr (sl_project_get_base_dir (project), ==, dir);
  again = sl_project_io_load (moved, &error);
  g_assert_no_error (error);
  assert_same (project, again);

  /* The parser's diagnostics name the file, line and column. */
  g_assert_true (g_file_set_contents (broken, "shot \"a\" 4s\n  push in thirty\n", -1, NULL));
  g_clear_object (&again);
  again = sl_project_io_load (broken, &error);
  g_assert_null (again);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, broken));
  g_assert_nonnull (strstr (error->message, ":2:"));
  remove_tree (dir);
}

static void
test_io_refusals (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *big = g_build_filename (dir, "huge.shotline", NULL);
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.shotline", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *limit = NULL;
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(GError) error = NULL;
  FILE *file;

  /* Sparse: the size alone refuses it, nothing is read. */
  file = fopen (big, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), SL_FILE_MAX_DOCUMENT_SIZE + 1), ==, 0);
  fclose (file);
  g_assert_null (sl_project_io_load (big, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO);
  limit = g_format_size_full (SL_FILE_MAX_DOCUMENT_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  expected = g_strdup_printf ("Could not open “%s”: the file is larger than %s, too large for a Shotline document",
                              big, limit);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  g_assert_null (sl_project_io_load (missing, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO);
  expected = g_strdup_printf ("Could not open “%s”: No such file or directory", missing);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_null (sl_project_io_load (other, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sl_project_io_save (project, other, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-json/round-trip", test_round_trip);
  g_test_add_func ("/project-json/doubles-exact", test_doubles_exact);
  g_test_add_func ("/project-json/invalid-utf8-in-memory", test_invalid_utf8_in_memory);
  g_test_add_func ("/project-json/files", test_files);
  g_test_add_func ("/project-json/rebase", test_rebase);
  g_test_add_func ("/project-json/rebase-path", test_rebase_path);
  g_test_add_func ("/project-json/newer-version", test_newer_version);
  g_test_add_func ("/project-json/not-a-project", test_not_a_project);
  g_test_add_func ("/project-json/truncated", test_truncated);
  g_test_add_func ("/project-json/wrong-type", test_wrong_type);
  g_test_add_func ("/project-json/unknown-field", test_unknown_field);
  g_test_add_func ("/project-json/out-of-range", test_out_of_range);
  g_test_add_func ("/project-json/huge-numbers", test_huge_numbers);
  g_test_add_func ("/project-json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/project-json/atomic/missing-folder", test_atomic_missing_folder);
  g_test_add_func ("/project-json/atomic/read-only", test_atomic_read_only);
  g_test_add_func ("/project-json/atomic/failing-write", test_atomic_failing_write);
  g_test_add_func ("/project-json/atomic/failing-rename", test_atomic_failing_rename);
  g_test_add_func ("/project-json/atomic/keeps-permissions", test_keeps_permissions);
  g_test_add_func ("/project-io/script", test_io_script);
  g_test_add_func ("/project-io/refusals", test_io_refusals);

  return g_test_run ();
}
