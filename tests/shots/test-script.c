/* test-script.c: the shot language, parsed and printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shotline-shots.h"
#include "sl-units.h"

static SlProject *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  SlProject *project;

  project = sl_script_parse (text, -1, "test.shots", NULL, &diagnostics, &error);
  if (error != NULL)
    g_test_message ("while parsing:\n%s", text);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  return project;
}

static void
assert_same (SlProject *a, SlProject *b, const char *text)
{
  g_autofree char *where = NULL;

  if (!sl_model_equal (G_OBJECT (a), G_OBJECT (b), &where))
    {
      g_test_message ("text:\n%s", text);
      g_test_fail_printf ("projects differ at %s", where);
    }
}

/* parse (print (p)) == p and print is stable, in both languages, and the
 * two languages describe the same project. */
static void
check_round_trip (SlProject *project)
{
  g_autofree char *english = sl_script_print (project, SL_SCRIPT_ENGLISH);
  g_autofree char *chinese = sl_script_print (project, SL_SCRIPT_CHINESE);
  const char *texts[] = { english, chinese };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(SlProject) back = parse_ok (texts[i]);
      g_autofree char *again = sl_script_print (back, i == 0 ? SL_SCRIPT_ENGLISH : SL_SCRIPT_CHINESE);
      g_autofree char *in_english = sl_script_print (back, SL_SCRIPT_ENGLISH);

      assert_same (project, back, texts[i]);
      g_assert_cmpstr (again, ==, texts[i]);
      g_assert_cmpstr (in_english, ==, english);
    }
}

static char *
examples_dir (void)
{
  const char *source = g_getenv ("SHOTLINE_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "tests", "shots", "script-examples", NULL);
}

static void
test_examples (void)
{
  g_autofree char *dir_path = examples_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(SlProject) project = NULL;
      g_autofree char *printed = NULL;

      if (!g_str_has_suffix (name, ".shots"))
        continue;
      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      project = parse_ok (text);
      g_assert_cmpuint (sl_project_get_n_shots (project), >, 0);
      check_round_trip (project);
      /* The canonical examples are what the printer writes, to the byte. */
      if (g_str_has_prefix (name, "canonical"))
        {
          printed = sl_script_print (project, strstr (name, "-zh") ? SL_SCRIPT_CHINESE : SL_SCRIPT_ENGLISH);
          g_assert_cmpstr (printed, ==, text);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
}

static void
test_brief_example (void)
{
  const char *text =
    "project \"Red dress\" 1920x1080 30fps seed 42\n"
    "audio \"music/theme.ogg\" at 0s gain -3dB fade out 1s\n"
    "\n"
    "shot \"Reveal\" 4s\n"
    "  prompt \"red lace dress on a white studio backdrop, soft light\"\n"
    "  plate \"images/dress-front.jpg\"\n"
    "  size medium -> close-up\n"
    "  push in 30% ease in-out\n"
    "  tilt up 5deg from 1s to 3s\n"
    "  cut on beat\n"
    "\n"
    "镜头 \"山谷\" 6秒\n"
    "  提示 \"宁静山地的平移镜头，晨雾\"\n"
    "  摇 右 30度 缓入缓出\n"
    "  推 20%\n";
  g_autoptr(SlProject) project = parse_ok (text);
  SlShot *reveal = sl_project_get_shot (project, 0);
  SlShot *valley = sl_project_get_shot (project, 1);
  g_autoptr(SlAudioClip) clip = g_list_model_get_item (G_LIST_MODEL (sl_project_get_audio_clips (project)), 0);
  g_autoptr(SlMove) tilt = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (reveal)), 1);
  g_autoptr(SlMove) pan = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (valley)), 0);
  g_autoptr(SlMove) push = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (valley)), 1);

  g_assert_cmpstr (sl_project_get_title (project), ==, "Red dress");
  g_assert_cmpuint (sl_project_get_seed (project), ==, 42);
  g_assert_cmpfloat (sl_audio_clip_get_gain_db (clip), ==, -3.0);
  g_assert_cmpint (sl_audio_clip_get_fade_out (clip), ==, SL_SECOND);
  g_assert_cmpint (sl_shot_get_duration (reveal), ==, 4 * SL_SECOND);
  g_assert_cmpint (sl_shot_get_size_start (reveal), ==, SL_SHOT_SIZE_MEDIUM);
  g_assert_cmpint (sl_shot_get_size_end (reveal), ==, SL_SHOT_SIZE_CLOSE_UP);
  g_assert_true (sl_shot_get_cut_on_beat (reveal));
  g_assert_nonnull (sl_shot_find_reference (reveal, SL_REFERENCE_ROLE_PLATE));
  g_assert_cmpstr (sl_move_get_kind (tilt), ==, "tilt-up");
  g_assert_cmpfloat (sl_move_get_amount (tilt), ==, 5.0);
  g_assert_cmpint (sl_move_get_unit (tilt), ==, SL_UNIT_DEGREES);
  g_assert_cmpint (sl_move_get_start (tilt), ==, SL_SECOND);
  g_assert_cmpint (sl_move_get_end (tilt), ==, 3 * SL_SECOND);
  g_assert_cmpstr (sl_shot_get_name (valley), ==, "山谷");
  g_assert_cmpint (sl_shot_get_duration (valley), ==, 6 * SL_SECOND);
  g_assert_cmpstr (sl_move_get_kind (pan), ==, "pan-right");
  g_assert_cmpint (sl_move_get_easing (pan), ==, SL_EASING_EASE_IN_OUT);
  g_assert_cmpstr (sl_move_get_kind (push), ==, "push-in");
  g_assert_cmpfloat (sl_move_get_amount (push), ==, 20.0);
  g_assert_cmpint (sl_move_get_unit (push), ==, SL_UNIT_PERCENT);
  check_round_trip (project);
}

/* Chinese written as people type it: no spaces, full-width punctuation. */
static void
test_chinese_without_spaces (void)
{
  const char *text =
    "项目 “山” 1280x720 29.97帧 种子 7\n"
    "镜头“山谷”6秒\n"
    "  景别 全景到特写\n"
    "  角度 荷兰角10度\n"
    "  推20%\n"
    "  摇右30度，缓入缓出\n"
    "  环绕左20°从1秒到3秒线性 围绕 0 1 -4\n"
    "  关键帧1.5秒 位置 0 1.6 -3 焦距 50毫米\n"
    "  转场 叠化 500毫秒\n"
    "  跟随音乐 曝光 30%\n"
    "  卡点\n";
  g_autoptr(SlProject) project = parse_ok (text);
  SlShot *shot = sl_project_get_shot (project, 0);
  GListModel *moves = G_LIST_MODEL (sl_shot_get_moves (shot));
  g_autoptr(SlMove) push = g_list_model_get_item (moves, 0);
  g_autoptr(SlMove) pan = g_list_model_get_item (moves, 1);
  g_autoptr(SlMove) orbit = g_list_model_get_item (moves, 2);
  double x, y, z;

  g_assert_cmpuint (sl_project_get_fps_num (project), ==, 30000);
  g_assert_cmpuint (sl_project_get_fps_den (project), ==, 1001);
  g_assert_cmpuint (sl_project_get_width (project), ==, 1280);
  g_assert_cmpstr (sl_shot_get_name (shot), ==, "山谷");
  g_assert_cmpint (sl_shot_get_size_start (shot), ==, SL_SHOT_SIZE_LONG);
  g_assert_cmpint (sl_shot_get_size_end (shot), ==, SL_SHOT_SIZE_CLOSE_UP);
  g_assert_cmpint (sl_shot_get_angle (shot), ==, SL_ANGLE_DUTCH);
  g_assert_cmpfloat (sl_shot_get_dutch_degrees (shot), ==, 10.0);
  g_assert_cmpstr (sl_move_get_kind (push), ==, "push-in");
  g_assert_cmpfloat (sl_move_get_amount (push), ==, 20.0);
  g_assert_cmpstr (sl_move_get_kind (pan), ==, "pan-right");
  g_assert_cmpint (sl_move_get_unit (pan), ==, SL_UNIT_DEGREES);
  g_assert_cmpstr (sl_move_get_kind (orbit), ==, "orbit-left");
  g_assert_cmpint (sl_move_get_easing (orbit), ==, SL_EASING_LINEAR);
  g_assert_cmpint (sl_move_get_end (orbit), ==, 3 * SL_SECOND);
  g_assert_true (sl_move_get_target (orbit, &x, &y, &z));
  g_assert_cmpfloat (z, ==, -4.0);
  g_assert_cmpint (sl_shot_get_transition (shot), ==, SL_TRANSITION_DISSOLVE);
  g_assert_cmpint (sl_shot_get_transition_duration (shot), ==, 500 * SL_MSECOND);
  g_assert_cmpint (sl_shot_get_follow_mode (shot), ==, SL_FOLLOW_EXPOSURE);
  g_assert_cmpfloat (sl_shot_get_follow_amount (shot), ==, 0.3);
  g_assert_true (sl_shot_get_cut_on_beat (shot));
  check_round_trip (project);
}

static void
test_numbers (void)
{
  static const struct { const char *text; guint64 num, den; } rates[] = {
    { "30", 30, 1 }, { "29.97", 30000, 1001 }, { "23.976", 24000, 1001 },
    { "59.94", 60000, 1001 }, { "12.5", 25, 2 }, { "25.0", 25, 1 }, { "30.01", 3001, 100 },
  };
  static const struct { gint64 ns; const char *text; gboolean in_ms; } times[] = {
    { 4 * SL_SECOND, "4", FALSE }, { 1500 * SL_MSECOND, "1.5", FALSE },
    { 250 * SL_MSECOND, "250", TRUE }, { 0, "0", FALSE }, { 1, "0.000001", TRUE },
    { 3600 * SL_SECOND + 1, "3600.000000001", FALSE }, { 12345 * SL_MSECOND, "12.345", FALSE },
  };
  static const struct { double value; int shift; const char *text; } doubles[] = {
    { 0.3, 0, "0.3" }, { 0.3, 2, "30" }, { 1e6, 0, "1000000" }, { -3.0, 0, "-3" },
    { 0.1 + 0.2, 0, "0.30000000000000004" }, { 1e-20, 0, "1e-20" }, { 0.000123, 0, "0.000123" },
  };
  SlDecimal decimal;
  gint64 ns;

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      guint64 num, den;

      g_assert_true (sl_decimal_parse (rates[i].text, &decimal));
      g_assert_true (sl_decimal_to_rate (&decimal, &num, &den));
      g_assert_cmpuint (num, ==, rates[i].num);
      g_assert_cmpuint (den, ==, rates[i].den);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gboolean in_ms;
      g_autofree char *text = sl_format_time (times[i].ns, &in_ms);

      g_assert_cmpstr (text, ==, times[i].text);
      g_assert_cmpint (in_ms, ==, times[i].in_ms);
      g_assert_true (sl_decimal_parse (text, &decimal));
      g_assert_cmpint (sl_decimal_to_time (&decimal, in_ms ? 6 : 9, G_MAXINT64, &ns), ==, SL_TIME_OK);
      g_assert_cmpint (ns, ==, times[i].ns);
    }
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autofree char *text = sl_format_double (doubles[i].value, doubles[i].shift);

      g_assert_cmpstr (text, ==, doubles[i].text);
      g_assert_true (sl_decimal_parse (text, &decimal));
      g_assert_cmpfloat (sl_decimal_to_double (&decimal, -doubles[i].shift), ==, doubles[i].value);
    }
  g_assert_true (sl_decimal_parse ("1.0000000001", &decimal));
  g_assert_cmpint (sl_decimal_to_time (&decimal, 9, G_MAXINT64, &ns), ==, SL_TIME_TOO_FINE);
  g_assert_true (sl_decimal_parse ("-2", &decimal));
  g_assert_cmpint (sl_decimal_to_time (&decimal, 9, G_MAXINT64, &ns), ==, SL_TIME_NEGATIVE);
  g_assert_true (sl_decimal_parse ("1e30", &decimal));
  g_assert_cmpint (sl_decimal_to_time (&decimal, 9, G_MAXINT64, &ns), ==, SL_TIME_TOO_LARGE);
  g_assert_true (sl_decimal_parse ("2.5e-3", &decimal));
  g_assert_cmpint (sl_decimal_to_time (&decimal, 9, G_MAXINT64, &ns), ==, SL_TIME_OK);
  g_assert_cmpint (ns, ==, 2500000);
  g_assert_false (sl_decimal_parse ("1e", &decimal));
  g_assert_false (sl_decimal_parse ("-", &decimal));
}

/* ------------------------------------------------------------------------
 * Random projects
 */

static double
random_double (GRand *rand, double low, double high)
{
  double value;

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0: value = (double) g_rand_int_range (rand, (gint32) MAX (low, -1e6), (gint32) MIN (high, 1e6) + 1); break;
    case 1: value = round (g_rand_double_range (rand, low, high) * 100) / 100; break;
    case 2: value = low; break;
    default: value = g_rand_double_range (rand, low, high); break;
    }
  return CLAMP (value, low, high);
}

static gint64
random_time (GRand *rand, gint64 low, gint64 high)
{
  gint64 value;

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0: value = g_rand_int_range (rand, 0, 20) * SL_SECOND; break;
    case 1: value = g_rand_int_range (rand, 0, 20000) * SL_MSECOND; break;
    case 2: value = low; break;
    default: value = (gint64) g_rand_double_range (rand, (double) low, (double) MIN (high, 600 * SL_SECOND)); break;
    }
  return CLAMP (value, low, high);
}

static char *
random_string (GRand *rand)
{
  static const char *const pieces[] = {
    "red", " ", "dress", "\"", "\\", "\n", "\t", "山谷", "，", "晨雾", "“", "”", "#", "é", "🎬", "\x01", "a\\nb", "",
  };
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 8);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (text, FALSE);
}

static SlUnit
random_unit (GRand *rand, SlPreset *preset)
{
  SlUnit accepted[SL_UNIT_SECONDS + 1];
  guint n = 0;

  for (SlUnit unit = SL_UNIT_NONE; unit <= SL_UNIT_SECONDS; unit++)
    if (sl_preset_accepts_unit (preset, unit))
      accepted[n++] = unit;
  g_assert_cmpuint (n, >, 0);
  return accepted[g_rand_int_range (rand, 0, n)];
}

static SlMove *
random_move (GRand *rand, SlPresetLibrary *presets)
{
  SlPreset *preset = sl_preset_library_get_preset (presets, g_rand_int_range (rand, 0, sl_preset_library_get_n_presets (presets)));
  SlMove *move;
  gint64 start;

  if (g_rand_int_range (rand, 0, 8) == 0)
    move = sl_move_new (sl_preset_get_id (preset), sl_preset_get_default_amount (preset), sl_preset_get_default_unit (preset));
  else
    move = sl_move_new (sl_preset_get_id (preset), random_double (rand, -1e6, 1e6), random_unit (rand, preset));
  start = g_rand_boolean (rand) ? 0 : random_time (rand, 0, 10 * SL_SECOND);
  g_object_set (move, "start", start, "easing", g_rand_int_range (rand, 0, SL_EASING_CUBIC_BEZIER + 1), NULL);
  if (g_rand_boolean (rand))
    g_object_set (move, "end", random_time (rand, start, 20 * SL_SECOND), NULL);
  if (sl_move_get_easing (move) == SL_EASING_CUBIC_BEZIER)
    g_object_set (move, "bezier-x1", random_double (rand, 0, 1), "bezier-y1", random_double (rand, -2, 2),
                  "bezier-x2", random_double (rand, 0, 1), "bezier-y2", random_double (rand, -2, 2), NULL);
  if (g_rand_int_range (rand, 0, 4) == 0)
    g_object_set (move, "has-target", TRUE, "target-x", random_double (rand, -100, 100),
                  "target-y", random_double (rand, -100, 100), "target-z", random_double (rand, -1e6, 1e6), NULL);
  return move;
}

static SlKeyframe *
random_keyframe (GRand *rand, gint64 time)
{
  SlKeyframe *key = sl_keyframe_new (time);

  if (g_rand_boolean (rand))
    g_object_set (key, "x", random_double (rand, -100, 100), "y", random_double (rand, -100, 100),
                  "z", random_double (rand, -1e6, 1e6), NULL);
  if (g_rand_boolean (rand))
    g_object_set (key, "yaw", random_double (rand, -36000, 36000), "pitch", random_double (rand, -90, 90),
                  "roll", random_double (rand, -180, 180), NULL);
  if (g_rand_boolean (rand))
    g_object_set (key, "focal-length", random_double (rand, 1, 2000), NULL);
  if (g_rand_boolean (rand))
    g_object_set (key, "focus-distance", random_double (rand, 0.01, 1e6), NULL);
  return key;
}

static SlReference *
random_reference (GRand *rand)
{
  g_autofree char *file = random_string (rand);
  SlReference *reference = sl_reference_new (file, g_rand_int_range (rand, 0, SL_REFERENCE_ROLE_LAST_FRAME + 1));
  SlDepthMode mode = g_rand_int_range (rand, 0, SL_DEPTH_MODE_FLAT + 1);

  g_object_set (reference, "depth-mode", mode, "depth-strength", random_double (rand, 0, 4), NULL);
  if (mode == SL_DEPTH_MODE_FILE)
    {
      g_autofree char *depth = random_string (rand);

      g_object_set (reference, "depth-file", depth, NULL);
    }
  return reference;
}

static void
randomize_framing (GRand *rand, SlShot *shot)
{
  SlAngle angle = g_rand_int_range (rand, 0, SL_ANGLE_DUTCH + 1);
  SlFollowMode follow = g_rand_int_range (rand, 0, SL_FOLLOW_ZOOM_AND_EXPOSURE + 1);

  g_object_set (shot,
                "size-start", g_rand_int_range (rand, 0, SL_SHOT_SIZE_EXTREME_CLOSE_UP + 1),
                "size-end", g_rand_int_range (rand, 0, SL_SHOT_SIZE_EXTREME_CLOSE_UP + 1),
                "angle", angle,
                "transition", g_rand_int_range (rand, 0, SL_TRANSITION_WHIP + 1),
                "transition-duration", g_rand_boolean (rand) ? 0 : random_time (rand, 0, 5 * SL_SECOND),
                "cut-on-beat", g_rand_boolean (rand),
                "follow-mode", follow,
                NULL);
  if (angle == SL_ANGLE_DUTCH)
    g_object_set (shot, "dutch-degrees", random_double (rand, -90, 90), NULL);
  if (follow != SL_FOLLOW_NONE)
    g_object_set (shot, "follow-amount", g_rand_boolean (rand) ? 0.5 : random_double (rand, 0, 1), NULL);
}

static SlShot *
random_shot (GRand *rand, SlPresetLibrary *presets)
{
  g_autofree char *name = random_string (rand);
  g_autofree char *prompt = random_string (rand);
  SlShot *shot = sl_shot_new (name, random_time (rand, SL_MSECOND, 100 * 3600 * SL_SECOND));
  gint64 time = 0;

  g_object_set (shot, "prompt", prompt, NULL);
  randomize_framing (rand, shot);
  for (guint n = g_rand_int_range (rand, 0, 5); n > 0; n--)
    {
      g_autoptr(SlMove) move = random_move (rand, presets);

      g_list_store_append (sl_shot_get_moves (shot), move);
    }
  for (guint n = g_rand_int_range (rand, 0, 4); n > 0; n--)
    {
      g_autoptr(SlKeyframe) key = NULL;

      time = random_time (rand, time, time + 5 * SL_SECOND);
      key = random_keyframe (rand, time);
      g_list_store_append (sl_shot_get_keyframes (shot), key);
    }
  for (guint n = g_rand_int_range (rand, 0, 3); n > 0; n--)
    {
      g_autoptr(SlReference) reference = random_reference (rand);

      g_list_store_append (sl_shot_get_references (shot), reference);
    }
  return shot;
}

static SlAudioClip *
random_audio (GRand *rand)
{
  g_autofree char *file = random_string (rand);
  SlAudioClip *clip = sl_audio_clip_new (file, random_time (rand, 0, 100 * SL_SECOND));

  g_object_set (clip,
                "in-point", random_time (rand, 0, 10 * SL_SECOND),
                "duration", g_rand_boolean (rand) ? -1 : random_time (rand, 0, 60 * SL_SECOND),
                "gain-db", random_double (rand, -96, 24),
                "fade-in", random_time (rand, 0, 5 * SL_SECOND),
                "fade-out", random_time (rand, 0, 5 * SL_SECOND),
                "role", g_rand_int_range (rand, 0, SL_AUDIO_ROLE_EFFECTS + 1),
                NULL);
  return clip;
}

static SlProject *
random_project (GRand *rand, SlPresetLibrary *presets)
{
  g_autofree char *title = random_string (rand);
  SlProject *project = sl_project_new ();

  g_object_set (project, "title", title,
                "width", g_rand_int_range (rand, 16, 8193), "height", g_rand_int_range (rand, 16, 8193),
                "seed", g_rand_int (rand), NULL);
  if (g_rand_boolean (rand))
    g_object_set (project, "fps-num", g_rand_int_range (rand, 1, 240001), "fps-den", g_rand_int_range (rand, 1, 1001001), NULL);
  if (g_rand_boolean (rand))
    g_object_set (project, "engine-version", "0.0.9", "lexicon-version", "2", NULL);
  for (guint n = g_rand_int_range (rand, 0, 3); n > 0; n--)
    {
      g_autoptr(SlAudioClip) clip = random_audio (rand);

      g_list_store_append (sl_project_get_audio_clips (project), clip);
    }
  for (guint n = g_rand_int_range (rand, 0, 5); n > 0; n--)
    {
      g_autoptr(SlShot) shot = random_shot (rand, presets);

      g_list_store_append (sl_project_get_shots (project), shot);
    }
  return project;
}

static void
test_random_projects (void)
{
  SlPresetLibrary *presets = sl_preset_library_get_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  g_assert_nonnull (presets);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(SlProject) project = random_project (rand, presets);

      check_round_trip (project);
      if (g_test_failed ())
        return;
    }
}

static const char *
move_kind (SlShot *shot, guint index)
{
  g_autoptr(SlMove) move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (shot)), index);

  return sl_move_get_kind (move);
}

/* Where a keyword and move words could both be meant, the longer reading
 * wins, and the keyword on a tie. */
static void
test_keywords_and_moves (void)
{
  g_autoptr(SlProject) project = parse_ok ("shot 4s\n"
                                           "  镜头 拉近 2倍\n"
                                           "  特写\n"
                                           "  俯拍\n"
                                           "  follow 2m\n"
                                           "  move in 1m\n"
                                           "  move \"push-in\"\n"
                                           "  360 orbit\n"
                                           "  镜头拉近\n");
  SlShot *shot = sl_project_get_shot (project, 0);
  static const char *const kinds[] = { "zoom-in", "follow", "push-in", "push-in", "orbit-360", "zoom-in" };

  g_assert_cmpuint (sl_project_get_n_shots (project), ==, 1);
  g_assert_cmpint (sl_shot_get_size_start (shot), ==, SL_SHOT_SIZE_CLOSE_UP);
  g_assert_cmpint (sl_shot_get_angle (shot), ==, SL_ANGLE_HIGH);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (shot))), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (move_kind (shot, i), ==, kinds[i]);
}

/* A move whose preset is not installed keeps its id. */
static void
test_unknown_preset (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(SlShot) shot = sl_shot_new ("", 2 * SL_SECOND);
  g_autoptr(SlMove) move = sl_move_new ("user-spiral", 3.0, SL_UNIT_NONE);
  g_autofree char *text = NULL;

  g_list_store_append (sl_shot_get_moves (shot), move);
  g_list_store_append (sl_project_get_shots (project), shot);
  text = sl_script_print (project, SL_SCRIPT_ENGLISH);
  g_assert_nonnull (strstr (text, "  move \"user-spiral\" 3\n"));
  check_round_trip (project);
}

static void
test_print_shot (void)
{
  g_autoptr(SlProject) project = parse_ok ("shot \"One\" 2s\n  push in 10%\nshot \"Two\" 1.5s\n  angle low\n  tilt up 5deg linear\n");
  g_autofree char *whole = sl_script_print (project, SL_SCRIPT_ENGLISH);
  g_autofree char *block = sl_script_print_shot (sl_project_get_shot (project, 1), SL_SCRIPT_ENGLISH);
  g_autofree char *chinese = sl_script_print_shot (sl_project_get_shot (project, 1), SL_SCRIPT_CHINESE);

  g_assert_cmpstr (block, ==, "shot \"Two\" 1.5s\n  angle low\n  tilt up 5deg linear\n");
  g_assert_true (g_str_has_suffix (whole, block));
  g_assert_cmpstr (chinese, ==, "镜头 \"Two\" 1.5秒\n  角度 仰拍\n  摇 上 5度 线性\n");
}

/* ------------------------------------------------------------------------
 * Errors
 */

typedef struct {
  const char *text;
  guint       line;
  guint       column;
  const char *message;   /* a substring of the formatted diagnostic */
} BadInput;

static const BadInput bad_inputs[] = {
  { "shot \"x\" abc\n", 1, 10, "expected a duration such as 4s or 4秒, found 'abc'" },
  { "shot \"x\" 4s\n  psh in 30%\n", 2, 3, "unknown move 'psh in'; did you mean 'push in'?" },
  { "shot 4s\n  promt \"x\"\n", 2, 3, "unknown keyword 'promt'; did you mean 'prompt'?" },
  { "push in 30%\n", 1, 1, "a camera move must come after a shot line" },
  { "shot \"x\" -2s\n", 1, 10, "cannot be negative, found '-2'" },
  { "shot \"x\" 0s\n", 1, 10, "a shot cannot last 0s" },
  { "shot 4s\n  tilt up 5deg from 3s to 1s\n", 2, 24, "the move ends at 1s, before it starts at 3s" },
  { "shot 4s\n  push in 30deg\n", 2, 11, "'push in' does not take an amount in 'deg': use % or m" },
  { "shot 4s\n  tilt up 5\n", 2, 11, "'tilt up' needs a unit for its amount: deg" },
  { "project 0fps\n", 1, 9, "the frame rate must be more than 0" },
  { "project 0x0\n", 1, 9, "a picture of 0x0 has no pixels" },
  { "project 20000x1080\n", 1, 9, "the width must be from 16 to 8192, found 20000" },
  { "shot \"x\n", 1, 6, "unterminated string" },
  { "shot 4s\n  push in 1e400%\n", 2, 11, "the number 1e400 is too large" },
  { "shot 4s\n  push in 2000000%\n", 2, 11, "the amount must be from -1000000 to 1000000" },
  { "shot 4s\n  push in nan%\n", 2, 11, "expected from, to, around or an easing such as ease in-out, found 'nan'" },
  { "frobnicate the camera\n", 1, 1, "unknown keyword or move 'frobnicate the camera'" },
  { "shot 4s\n  size medum\n", 2, 8, "found 'medum'; did you mean 'medium'?" },
  { "shot 4s\n  angle dutch 100deg\n", 2, 15, "the dutch angle must be from -90 to 90, found 100" },
  { "shot 4s\n  transition dissolve 1\n", 2, 23, "'1' needs a time unit: 1s or 1秒" },
  { "shot 4s\n  key 2s\n  key 1s\n", 3, 7, "keyframes go in time order, and this one comes before the one at 2s" },
  { "shot 4s\n  prompt \"a\"\n  prompt \"b\"\n", 3, 3, "this shot already has a prompt, on line 2" },
  { "project\nproject\n", 2, 1, "the project is already described on line 1" },
  { "project 29.97\n", 1, 9, "expected 'fps' or 'x' after the number" },
  { "audio music.ogg\n", 1, 7, "expected the audio file in quotes" },
  { "audio \"a.ogg\" gain -200dB\n", 1, 20, "the gain must be from -96 to 24, found -200" },
  { "shot 4s\n  follow the music zoom 150%\n", 2, 25, "the amount must be from 0% to 100%" },
  { "shot 4s\n  plate \"a.jpg\" strength 5\n", 2, 26, "the depth strength must be from 0 to 4, found 5" },
  { "shot 4s\n  push in 30% eas in\n", 2, 15, "did you mean 'ease in'?" },
  { "shot 1.0000000001s\n", 1, 6, "'1.0000000001' is finer than a nanosecond" },
  { "shot 4s\n  push in bezier(2, 0, 0.5, 1)\n", 2, 18, "a bezier control point must be from 0 to 1, found 2" },
  /* Columns count characters: 推 and 二 are one column each. */
  { "镜头 “山谷” 6秒\n  推 二十%\n", 2, 5, "found '二十'" },
  { "\xff\xfe\n", 1, 1, "not valid UTF-8 (byte 0xFF)" },
  { "shot 4s # café\n  prompt \"café\" \xc3\n", 2, 17, "not valid UTF-8 (byte 0xC3)" },
  { "shot 4s\n  move \"x\" 3 from 1s from 2s\n", 2, 22, "'from' is given twice" },
  { "shot \"a\\q\"\n", 1, 8, "unknown escape in a string" },
  { "project seed -1\n", 1, 14, "expected a seed, a whole number from 0 to 4294967295, found '-1'" },
  { "shot 4s\n  key 1s focal 0mm\n", 2, 16, "the focal length must be from 1 to 2000, found 0" },
  { "shot 4s\n  size close-up ->\n", 2, 19, "expected the size the shot ends on, such as close-up, found the end of the line" },
  { "shot 4s\n  angle high 10deg\n", 2, 14, "expected the end of the line, found '10'" },
  { "shot 4s\n  推 20% 缓人\n", 2, 9, "found '缓人'; did you mean '缓入'?" },
  { "shot 4s\n  prompt \"a\" \"b\"\n", 2, 14, "expected the end of the line, found the string \"b\"" },
  { "shot 4s\n  shot 2s\n  tilt up 5deg from 1.5 to 2s\n", 3, 21, "'1.5' needs a time unit" },
  { "shot 4s\n  first fram \"a.png\"\n", 2, 3, "unknown keyword 'first fram'; did you mean 'first frame'?" },
  { "shot 4s\n  zoom in 2x ease in ease out\n", 2, 22, "'ease out' is given twice" },
  { "shot 4s\n  push in 30% around 1 2\n", 2, 25, "expected the point to move around, in metres, found the end of the line" },
  { "audio \"a.ogg\" at 1s at 2s\n", 1, 21, "'at' is given twice" },
  { "shot 4s\n  key 1s at 0 1 2m look 5deg 0 0 focal 35m\n", 2, 42, "expected a focal length such as 35mm, found 'm'" },
  { "shot 4s\n  plate \"a.jpg\" depth deep\n", 2, 23, "expected auto, flat or a depth image in quotes, found 'deep'" },
};

static void
test_bad_inputs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      const BadInput *bad = &bad_inputs[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(SlProject) project = NULL;
      g_autofree char *formatted = NULL;
      g_autofree char *prefix = g_strdup_printf ("bad.shots:%u:%u: error: ", bad->line, bad->column);
      g_autofree char *escaped = g_strescape (bad->text, NULL);
      SlDiagnostic *first;

      project = sl_script_parse (bad->text, -1, "bad.shots", NULL, &diagnostics, &error);
      g_test_message ("input %u: %s", i, escaped);
      g_assert_null (project);
      g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_PARSE);
      g_assert_cmpuint (diagnostics->len, >=, 1);
      first = g_ptr_array_index (diagnostics, 0);
      formatted = sl_diagnostic_format (first, "bad.shots");
      g_test_message ("got: %s", formatted);
      g_assert_true (g_str_has_prefix (formatted, prefix));
      g_assert_nonnull (strstr (formatted, bad->message));
      g_assert_cmpuint (first->end_column, >, first->column);
      g_assert_true (g_str_has_prefix (error->message, formatted));
    }
  g_assert_cmpuint (G_N_ELEMENTS (bad_inputs), >=, 25);
}

/* Every broken line is reported in one pass, each where it is. */
static void
test_several_errors (void)
{
  const char *text =
    "project 1920x1080 0fps\n"
    "shot \"a\" 4s\n"
    "  psh in 30%\n"
    "  prompt \"fine\"\n"
    "  tilt up 5deg from 3s to 1s\n"
    "  size huge\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(SlProject) project = sl_script_parse (text, -1, NULL, NULL, &diagnostics, &error);
  static const guint lines[] = { 1, 3, 5, 6 };
  g_auto(GStrv) messages = NULL;

  g_assert_null (project);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_cmpuint (((SlDiagnostic *) g_ptr_array_index (diagnostics, i))->line, ==, lines[i]);
  messages = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (messages), ==, G_N_ELEMENTS (lines));
  g_assert_true (g_str_has_prefix (messages[1], "<input>:3:3: error: unknown move 'psh in'"));
}

static void
test_diagnostic_boxed (void)
{
  SlDiagnostic diagnostic = { 3, 5, 9, (char *) "unknown move 'psh in'", (char *) "push in" };
  g_autoptr(SlDiagnostic) copy = g_boxed_copy (SL_TYPE_DIAGNOSTIC, &diagnostic);
  g_autofree char *text = sl_diagnostic_format (copy, "a.shots");

  g_assert_cmpstr (text, ==, "a.shots:3:5: error: unknown move 'psh in'; did you mean 'push in'?");
  g_free (copy->suggestion);
  copy->suggestion = NULL;
  g_clear_pointer (&text, g_free);
  text = sl_diagnostic_format (copy, NULL);
  g_assert_cmpstr (text, ==, "<input>:3:5: error: unknown move 'psh in'");
}

static void
test_empty_and_comments (void)
{
  g_autoptr(SlProject) empty = parse_ok ("");
  g_autoptr(SlProject) comments = parse_ok ("# nothing here\n\n   \n\t# 注释\r\n");
  g_autoptr(SlProject) defaults = sl_project_new ();

  assert_same (empty, defaults, "");
  assert_same (comments, defaults, "");
}

/* ------------------------------------------------------------------------
 * Robustness: the parser meets whatever bytes a file holds.
 */

static void
parse_anything (const char *text, gsize length)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_script_parse (text, length, "fuzz", NULL, &diagnostics, &error);

  g_assert_true ((project == NULL) == (error != NULL));
  g_assert_true ((project == NULL) == (diagnostics->len > 0));
}

static void
test_garbage (void)
{
  static const char *const words[] = {
    "shot ", "\"s\" ", "4s ", "push in ", "30% ", "from ", "to ", "1.5s ", "镜头", "推", "20", "%",
    "\n", "\n  ", "(", ")", "->", "bezier(", "1e309", "-", "“", "\\", "#", "key ", "at ", "0 ", "x",
  };
  const gsize size = 1 << 20;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *bytes = g_malloc (size);
  g_autoptr(GString) tokens = g_string_new (NULL);
  g_autofree char *parens = g_strnfill (size, '(');
  gdouble elapsed;

  g_test_timer_start ();
  for (gsize i = 0; i < size; i++)
    bytes[i] = (char) g_rand_int_range (rand, 0, 256);
  parse_anything (bytes, size);
  for (gsize i = 0; i < size; i++)
    bytes[i] = (char) (g_rand_int_range (rand, 0, 20) == 0 ? '\n' : g_rand_int_range (rand, 32, 127));
  parse_anything (bytes, size);
  while (tokens->len < size)
    g_string_append (tokens, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  parse_anything (tokens->str, tokens->len);
  parse_anything (parens, size);
  memset (bytes, 'a', size);
  parse_anything (bytes, size);
  for (gsize i = 0; i + 3 <= size; i += 3)
    memcpy (bytes + i, "山", 3);
  parse_anything (bytes, size - size % 3);
  elapsed = g_test_timer_elapsed ();
  g_test_message ("6 MB of garbage parsed in %.2f s", elapsed);
}

/* Text with NUL bytes inside the given length is an error, not a cut. */
static void
test_nul_byte (void)
{
  static const char text[] = "shot 4s\n  prompt \"a\0b\"\n";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(SlProject) project = sl_script_parse (text, sizeof text - 1, NULL, NULL, &diagnostics, NULL);
  SlDiagnostic *first;

  g_assert_null (project);
  first = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpuint (first->line, ==, 2);
  g_assert_cmpuint (first->column, ==, 12);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/script/examples", test_examples);
  g_test_add_func ("/script/brief-example", test_brief_example);
  g_test_add_func ("/script/chinese-without-spaces", test_chinese_without_spaces);
  g_test_add_func ("/script/numbers", test_numbers);
  g_test_add_func ("/script/random-projects", test_random_projects);
  g_test_add_func ("/script/keywords-and-moves", test_keywords_and_moves);
  g_test_add_func ("/script/unknown-preset", test_unknown_preset);
  g_test_add_func ("/script/print-shot", test_print_shot);
  g_test_add_func ("/script/bad-inputs", test_bad_inputs);
  g_test_add_func ("/script/several-errors", test_several_errors);
  g_test_add_func ("/script/diagnostic-boxed", test_diagnostic_boxed);
  g_test_add_func ("/script/empty-and-comments", test_empty_and_comments);
  g_test_add_func ("/script/garbage", test_garbage);
  g_test_add_func ("/script/nul-byte", test_nul_byte);

  return g_test_run ();
}
