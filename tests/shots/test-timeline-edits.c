/* test-timeline-edits.c: the timeline's edits as before/after diagrams
 *
 * A video diagram lists the shots between bars, one character per half
 * second, named by their letter: "|aaaa|bb|" is a 2 s shot "a" and a 1 s
 * shot "b". An audio diagram is one line of half seconds: '.' is silence
 * and a run of a letter is a clip of the file "LETTER.ogg": "..mmmm" is a
 * 2 s clip of m.ogg starting at 1 s. Diagrams print the same way, a shot by
 * the first letter of its name, so split parts ("a (2)") show as "a".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shotline-shots.h"

#define HALF (SL_SECOND / 2)

static void
add_clips (SlProject *project, const char *audio)
{
  for (guint i = 0; audio[i] != '\0';)
    {
      guint run = 1;
      g_autofree char *file = NULL;
      g_autoptr(SlAudioClip) clip = NULL;

      if (audio[i] == '.')
        {
          i++;
          continue;
        }
      while (audio[i + run] == audio[i])
        run++;
      file = g_strdup_printf ("%c.ogg", audio[i]);
      clip = sl_audio_clip_new (file, i * HALF);
      g_object_set (clip, "duration", run * HALF, NULL);
      g_list_store_append (sl_project_get_audio_clips (project), clip);
      i += run;
    }
}

static SlProject *
project_from (const char *video, const char *audio)
{
  SlProject *project = sl_project_new ();
  g_auto(GStrv) shots = g_strsplit (video, "|", -1);

  for (guint i = 0; shots[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(SlShot) shot = NULL;

      if (shots[i][0] == '\0')
        continue;
      name = g_strndup (shots[i], 1);
      shot = sl_shot_new (name, strlen (shots[i]) * HALF);
      g_list_store_append (sl_project_get_shots (project), shot);
    }
  if (audio != NULL)
    add_clips (project, audio);
  return project;
}

static char *
video_diagram (SlProject *project)
{
  g_autoptr(GString) out = g_string_new ("|");

  for (guint i = 0; i < sl_project_get_n_shots (project); i++)
    {
      SlShot *shot = sl_project_get_shot (project, i);
      gint64 halves = (sl_shot_get_duration (shot) + HALF / 2) / HALF;

      for (gint64 k = 0; k < halves; k++)
        g_string_append_c (out, sl_shot_get_name (shot)[0]);
      g_string_append_c (out, '|');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
audio_diagram (SlProject *project)
{
  GListModel *clips = G_LIST_MODEL (sl_project_get_audio_clips (project));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (clips); i++)
    {
      g_autoptr(SlAudioClip) clip = g_list_model_get_item (clips, i);
      gsize first = sl_audio_clip_get_start (clip) / HALF;
      gsize last = first + sl_audio_clip_get_duration (clip) / HALF;

      while (out->len < last)
        g_string_append_c (out, '.');
      for (gsize k = first; k < last; k++)
        out->str[k] = out->str[k] == '.' ? sl_audio_clip_get_file (clip)[0] : '#';
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_video (SlProject *project, const char *expected)
{
  g_autofree char *actual = video_diagram (project);

  g_assert_cmpstr (actual, ==, expected);
}

static void
assert_audio (SlProject *project, const char *expected)
{
  g_autofree char *actual = audio_diagram (project);

  g_assert_cmpstr (actual, ==, expected);
}

static SlAudioClip *
first_clip (SlProject *project)
{
  SlAudioClip *clip = g_list_model_get_item (G_LIST_MODEL (sl_project_get_audio_clips (project)), 0);

  g_object_unref (clip);
  return clip;
}

/* The error is the expected one, its message names @name, and the
 * document and its history did not change. */
static void
assert_refused (SlProject *project, GError *error, const char *name, guint n_undo, const char *video)
{
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  if (name != NULL)
    g_assert_nonnull (strstr (error->message, name));
  g_assert_cmpuint (sl_history_get_n_undo (sl_project_get_history (project)), ==, n_undo);
  if (video != NULL)
    assert_video (project, video);
}

static void
undo_to (SlProject *project, const char *video)
{
  g_assert_true (sl_history_undo (sl_project_get_history (project)));
  assert_video (project, video);
}

static void
test_diagram_round_trip (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|cccccc|", "..mmmm.nn");

  assert_video (project, "|aaaa|bb|cccccc|");
  assert_audio (project, "..mmmm.nn");
  g_assert_cmpint (sl_project_get_duration (project), ==, 6 * SL_SECOND);
}

static void
test_reorder (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|cccccc|", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_timeline_reorder_shot (project, 0, 2, &error));
  g_assert_no_error (error);
  assert_video (project, "|bb|cccccc|aaaa|");
  g_assert_true (sl_timeline_reorder_shot (project, 2, 1, &error));
  assert_video (project, "|bb|aaaa|cccccc|");
  g_assert_cmpuint (sl_history_get_n_undo (sl_project_get_history (project)), ==, 2);
  g_assert_cmpstr (sl_history_get_undo_label (sl_project_get_history (project)), ==, "Move Shot");
  undo_to (project, "|bb|cccccc|aaaa|");
  undo_to (project, "|aaaa|bb|cccccc|");

  g_assert_false (sl_timeline_reorder_shot (project, 3, 0, &error));
  assert_refused (project, error, "shot 4", 0, "|aaaa|bb|cccccc|");
  g_clear_error (&error);
  g_assert_false (sl_timeline_reorder_shot (project, 0, 7, &error));
  assert_refused (project, error, "3 shots", 0, "|aaaa|bb|cccccc|");
}

static void
test_trim_ripples (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|cccccc|", "mmmmmm");
  g_autoptr(GError) error = NULL;

  /* b starts at 2 s; its end moves from 3 s to 4 s and c follows; the
   * music stays where it is. */
  g_assert_true (sl_timeline_trim_shot_end (project, 1, 4 * SL_SECOND, &error));
  g_assert_no_error (error);
  assert_video (project, "|aaaa|bbbb|cccccc|");
  assert_audio (project, "mmmmmm");
  g_assert_true (sl_timeline_trim_shot_end (project, 0, SL_SECOND / 2, &error));
  assert_video (project, "|a|bbbb|cccccc|");
  undo_to (project, "|aaaa|bbbb|cccccc|");
  undo_to (project, "|aaaa|bb|cccccc|");
}

static void
test_trim_below_minimum (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|cccccc|", NULL);
  g_autoptr(GError) error = NULL;

  /* Less than one frame (1/30 s) is left of b. */
  g_assert_false (sl_timeline_trim_shot_end (project, 1, 2 * SL_SECOND + 10 * SL_MSECOND, &error));
  assert_refused (project, error, "“b”", 0, "|aaaa|bb|cccccc|");
  g_clear_error (&error);
  g_assert_false (sl_timeline_trim_shot_end (project, 1, SL_SECOND, &error));
  assert_refused (project, error, "“b”", 0, "|aaaa|bb|cccccc|");
  g_clear_error (&error);
  g_assert_false (sl_timeline_trim_shot_end (project, 5, SL_SECOND, &error));
  assert_refused (project, error, "shot 6", 0, "|aaaa|bb|cccccc|");
  g_clear_error (&error);

  /* Exactly one frame is fine. */
  g_assert_true (sl_timeline_trim_shot_end (project, 1, 2 * SL_SECOND + sl_timeline_get_min_duration (project), &error));
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (project, 1)), ==, sl_project_get_frame_time (project, 1));
}

static SlShot *
shot_with_moves (void)
{
  SlShot *shot = sl_shot_new ("a", 2 * SL_SECOND);
  g_autoptr(SlMove) early = sl_move_new ("pan", 10, SL_UNIT_DEGREES);
  g_autoptr(SlMove) whole = sl_move_new ("push", 20, SL_UNIT_PERCENT);
  g_autoptr(SlMove) late = sl_move_new ("tilt", 5, SL_UNIT_DEGREES);
  g_autoptr(SlKeyframe) first = sl_keyframe_new (0);
  g_autoptr(SlKeyframe) second = sl_keyframe_new (3 * HALF);

  g_object_set (early, "start", (gint64) 0, "end", HALF, NULL);
  g_object_set (late, "start", HALF, "end", 3 * HALF, NULL);
  g_list_store_append (sl_shot_get_moves (shot), early);
  g_list_store_append (sl_shot_get_moves (shot), whole);
  g_list_store_append (sl_shot_get_moves (shot), late);
  g_list_store_append (sl_shot_get_keyframes (shot), first);
  g_list_store_append (sl_shot_get_keyframes (shot), second);
  g_object_set (shot, "transition", SL_TRANSITION_DISSOLVE, "transition-duration", HALF, NULL);
  return shot;
}

static SlMove *
move_at (SlShot *shot, guint i)
{
  SlMove *move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (shot)), i);

  g_object_unref (move);
  return move;
}

static void
test_split (void)
{
  g_autoptr(SlProject) project = project_from ("|bb|", NULL);
  g_autoptr(SlShot) shot = shot_with_moves ();
  g_autoptr(SlProject) before = NULL;
  g_autoptr(GError) error = NULL;
  SlShot *first, *second;

  g_list_store_append (sl_project_get_shots (project), shot);
  before = sl_model_copy (G_OBJECT (project));
  assert_video (project, "|bb|aaaa|");

  /* a runs from 1 s to 3 s; cut it at 2 s, 1 s into it. */
  g_assert_true (sl_timeline_split_shot (project, 2 * SL_SECOND, &error));
  g_assert_no_error (error);
  assert_video (project, "|bb|aa|aa|");
  g_assert_cmpuint (sl_history_get_n_undo (sl_project_get_history (project)), ==, 1);

  first = sl_project_get_shot (project, 1);
  second = sl_project_get_shot (project, 2);
  g_assert_cmpstr (sl_shot_get_name (second), ==, "a (2)");
  g_assert_cmpint (sl_shot_get_transition (first), ==, SL_TRANSITION_DISSOLVE);
  g_assert_cmpint (sl_shot_get_transition (second), ==, SL_TRANSITION_CUT);

  /* The first part: the early pan, the push to its (new) end, the tilt cut
   * to end at the cut; the keyframe at 0. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (first))), ==, 3);
  g_assert_cmpint (sl_move_get_end (move_at (first, 2)), ==, SL_SECOND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (first))), ==, 1);

  /* The second part: the push and the tilt, shifted; the keyframe at 1.5 s
   * now at 0.5 s. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (second))), ==, 2);
  g_assert_cmpstr (sl_move_get_kind (move_at (second, 0)), ==, "push");
  g_assert_cmpint (sl_move_get_end (move_at (second, 0)), ==, -1);
  g_assert_cmpint (sl_move_get_start (move_at (second, 1)), ==, 0);
  g_assert_cmpint (sl_move_get_end (move_at (second, 1)), ==, HALF);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (second))), ==, 1);

  /* Undo brings back exactly what was there. */
  undo_to (project, "|bb|aaaa|");
  g_assert_true (sl_model_equal (G_OBJECT (before), G_OBJECT (project), NULL));
}

static void
test_split_refused (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_timeline_split_shot (project, 2 * SL_SECOND, &error));
  assert_refused (project, error, "“b”", 0, "|aaaa|bb|");
  g_clear_error (&error);
  g_assert_false (sl_timeline_split_shot (project, 3 * SL_SECOND, &error));
  assert_refused (project, error, "3.000 s", 0, "|aaaa|bb|");
  g_clear_error (&error);
  g_assert_false (sl_timeline_split_shot (project, -SL_SECOND, &error));
  assert_refused (project, error, NULL, 0, "|aaaa|bb|");
}

static void
test_delete_and_insert (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|cccccc|", NULL);
  g_autoptr(SlShot) shot = sl_shot_new ("d", SL_SECOND);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_timeline_delete_shot (project, 1, &error));
  assert_video (project, "|aaaa|cccccc|");
  g_assert_false (sl_timeline_delete_shot (project, 2, &error));
  assert_refused (project, error, "shot 3", 1, "|aaaa|cccccc|");
  g_clear_error (&error);

  g_assert_true (sl_timeline_insert_shot (project, 2, shot, &error));
  assert_video (project, "|aaaa|cccccc|dd|");
  g_assert_false (sl_timeline_insert_shot (project, 5, shot, &error));
  assert_refused (project, error, "“d”", 2, NULL);
  undo_to (project, "|aaaa|cccccc|");
  undo_to (project, "|aaaa|bb|cccccc|");
}

static void
test_move_clip (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|", "..mmmm");
  SlAudioClip *clip = first_clip (project);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_timeline_move_clip (project, clip, 2 * SL_SECOND, &error));
  assert_audio (project, "....mmmm");
  g_assert_false (sl_timeline_move_clip (project, clip, -HALF, &error));
  assert_refused (project, error, "m.ogg", 1, NULL);
  assert_audio (project, "....mmmm");
  g_assert_true (sl_history_undo (sl_project_get_history (project)));
  assert_audio (project, "..mmmm");
}

static void
test_trim_clip (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|", "..mmmm");
  SlAudioClip *clip = first_clip (project);
  g_autoptr(GError) error = NULL;

  /* The left edge: start and in-point move together, the end stays. */
  g_assert_true (sl_timeline_trim_clip_start (project, clip, 3 * HALF, 10 * SL_SECOND, &error));
  g_assert_no_error (error);
  assert_audio (project, "...mmm");
  g_assert_cmpint (sl_audio_clip_get_in_point (clip), ==, HALF);
  g_assert_false (sl_timeline_trim_clip_start (project, clip, 0, 10 * SL_SECOND, &error));
  assert_refused (project, error, "before the beginning", 1, NULL);
  g_clear_error (&error);
  g_assert_false (sl_timeline_trim_clip_start (project, clip, 3 * SL_SECOND, -1, &error));
  assert_refused (project, error, "at least", 1, NULL);
  g_clear_error (&error);

  /* The right edge, within the file. */
  g_assert_true (sl_timeline_trim_clip_end (project, clip, 5 * HALF, 10 * SL_SECOND, &error));
  assert_audio (project, "...mm");
  g_assert_false (sl_timeline_trim_clip_end (project, clip, 12 * SL_SECOND, 10 * SL_SECOND, &error));
  assert_refused (project, error, "9.500 s of its file", 2, NULL);
  g_clear_error (&error);

  g_assert_true (sl_history_undo (sl_project_get_history (project)));
  assert_audio (project, "...mmm");
  g_assert_true (sl_history_undo (sl_project_get_history (project)));
  assert_audio (project, "..mmmm");
  g_assert_cmpint (sl_audio_clip_get_in_point (clip), ==, 0);
}

static void
test_trim_clip_to_file_end (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|", NULL);
  g_autoptr(SlAudioClip) clip = sl_audio_clip_new ("m.ogg", SL_SECOND);
  g_autoptr(GError) error = NULL;

  /* duration -1 plays to the end of the file: 4 s long; trimming the left
   * edge keeps it playing to the end. */
  g_assert_true (sl_timeline_add_clip (project, clip, &error));
  g_assert_cmpint (sl_timeline_get_clip_length (clip, 4 * SL_SECOND), ==, 4 * SL_SECOND);
  g_assert_cmpint (sl_timeline_get_clip_length (clip, -1), ==, -1);
  g_assert_true (sl_timeline_trim_clip_start (project, clip, 2 * SL_SECOND, 4 * SL_SECOND, &error));
  g_assert_cmpint (sl_audio_clip_get_duration (clip), ==, -1);
  g_assert_cmpint (sl_timeline_get_clip_length (clip, 4 * SL_SECOND), ==, 3 * SL_SECOND);
}

static void
test_fades (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|", "mmmm");
  SlAudioClip *clip = first_clip (project);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_timeline_set_clip_fades (project, clip, SL_SECOND, HALF, -1, &error));
  g_assert_cmpint (sl_audio_clip_get_fade_in (clip), ==, SL_SECOND);
  g_assert_cmpint (sl_audio_clip_get_fade_out (clip), ==, HALF);

  g_assert_false (sl_timeline_set_clip_fades (project, clip, 2 * SL_SECOND, SL_SECOND, -1, &error));
  assert_refused (project, error, "the clip lasts 2.000 s", 1, NULL);
  g_clear_error (&error);
  g_assert_false (sl_timeline_set_clip_fades (project, clip, -1, 0, -1, &error));
  assert_refused (project, error, "negative", 1, NULL);
  g_clear_error (&error);

  /* Trimming shorter than the fades shortens them in the same step. */
  g_assert_true (sl_timeline_trim_clip_end (project, clip, 3 * HALF, -1, &error));
  g_assert_cmpint (sl_audio_clip_get_fade_in (clip), ==, SL_SECOND);
  g_assert_cmpint (sl_audio_clip_get_fade_out (clip), ==, HALF);
  g_assert_true (sl_timeline_trim_clip_end (project, clip, SL_SECOND, -1, &error));
  g_assert_cmpint (sl_audio_clip_get_fade_in (clip), ==, SL_SECOND);
  g_assert_cmpint (sl_audio_clip_get_fade_out (clip), ==, 0);
  g_assert_true (sl_history_undo (sl_project_get_history (project)));
  g_assert_cmpint (sl_audio_clip_get_fade_out (clip), ==, HALF);
}

static void
test_snap (void)
{
  g_autoptr(SlProject) project = project_from ("|aaaa|bb|cccccc|", "...mmmm");
  gint64 beats[] = { 5 * HALF, HALF };
  gint64 tol = 100 * SL_MSECOND;

  /* Shot edges at 0, 2, 3 and 6 s; the clip from 1.5 s to 3.5 s. */
  g_assert_cmpint (sl_timeline_snap (project, 2 * SL_SECOND + 60 * SL_MSECOND, tol, SL_SNAP_ALL, beats, 2, 0), ==, 2 * SL_SECOND);
  g_assert_cmpint (sl_timeline_snap (project, 2 * SL_SECOND + 60 * SL_MSECOND, tol, SL_SNAP_BEATS, beats, 2, 0), ==, 2 * SL_SECOND + 60 * SL_MSECOND);
  g_assert_cmpint (sl_timeline_snap (project, 5 * HALF - 90 * SL_MSECOND, tol, SL_SNAP_BEATS, beats, 2, 0), ==, 5 * HALF);
  g_assert_cmpint (sl_timeline_snap (project, 7 * HALF + 50 * SL_MSECOND, tol, SL_SNAP_CLIP_EDGES, beats, 2, 0), ==, 7 * HALF);
  g_assert_cmpint (sl_timeline_snap (project, 7 * HALF + 50 * SL_MSECOND, tol, SL_SNAP_SHOT_EDGES, beats, 2, 0), ==, 7 * HALF + 50 * SL_MSECOND);
  g_assert_cmpint (sl_timeline_snap (project, 4100 * SL_MSECOND, tol, SL_SNAP_PLAYHEAD, NULL, 0, 4 * SL_SECOND), ==, 4 * SL_SECOND);
  /* The nearest wins: the playhead at 2.95 s beats the edge at 3 s. */
  g_assert_cmpint (sl_timeline_snap (project, 2940 * SL_MSECOND, tol, SL_SNAP_ALL, beats, 2, 2950 * SL_MSECOND), ==, 2950 * SL_MSECOND);
  g_assert_cmpint (sl_timeline_snap (project, 2 * SL_SECOND + 60 * SL_MSECOND, -1, SL_SNAP_ALL, beats, 2, 0), ==, 2 * SL_SECOND + 60 * SL_MSECOND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-edits/diagram", test_diagram_round_trip);
  g_test_add_func ("/timeline-edits/reorder", test_reorder);
  g_test_add_func ("/timeline-edits/trim-ripples", test_trim_ripples);
  g_test_add_func ("/timeline-edits/trim-below-minimum", test_trim_below_minimum);
  g_test_add_func ("/timeline-edits/split", test_split);
  g_test_add_func ("/timeline-edits/split-refused", test_split_refused);
  g_test_add_func ("/timeline-edits/delete-and-insert", test_delete_and_insert);
  g_test_add_func ("/timeline-edits/move-clip", test_move_clip);
  g_test_add_func ("/timeline-edits/trim-clip", test_trim_clip);
  g_test_add_func ("/timeline-edits/trim-clip-to-file-end", test_trim_clip_to_file_end);
  g_test_add_func ("/timeline-edits/fades", test_fades);
  g_test_add_func ("/timeline-edits/snap", test_snap);
  return g_test_run ();
}
