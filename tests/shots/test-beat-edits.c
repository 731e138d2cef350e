/* test-beat-edits.c: cutting on the beat and following the music, as
 * timeline diagrams
 *
 * A diagram lists the shots in order as "NAME DURATIONs", separated by " | ";
 * a star after the name marks the shot cut-on-beat: "A 1.9s | B* 2.2s".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "shotline-shots.h"

static SlProject *
project_from_diagram (const char *diagram)
{
  SlProject *project = sl_project_new ();
  g_auto(GStrv) shots = g_strsplit (diagram, " | ", -1);

  for (guint i = 0; shots[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (shots[i], " ", 2);
      gboolean marked = g_str_has_suffix (parts[0], "*");
      g_autofree char *name = g_strndup (parts[0], strlen (parts[0]) - (marked ? 1 : 0));
      double seconds = g_ascii_strtod (parts[1], NULL);
      g_autoptr(SlShot) shot = sl_shot_new (name, (gint64) llround (seconds * SL_SECOND));

      g_object_set (shot, "cut-on-beat", marked, NULL);
      g_list_store_append (sl_project_get_shots (project), shot);
    }
  return project;
}

static char *
diagram (SlProject *project)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < sl_project_get_n_shots (project); i++)
    {
      SlShot *shot = sl_project_get_shot (project, i);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%g", (double) sl_shot_get_duration (shot) / SL_SECOND);
      g_string_append_printf (out, "%s%s%s %ss", i ? " | " : "", sl_shot_get_name (shot),
                              sl_shot_get_cut_on_beat (shot) ? "*" : "", number);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_diagram (SlProject *project, const char *expected)
{
  g_autofree char *actual = diagram (project);

  g_assert_cmpstr (actual, ==, expected);
}

/* Beats every @step seconds from 0 to @end. */
static GArray *
beat_grid (double step, double end)
{
  GArray *beats = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint k = 0; k * step <= end + 1e-9; k++)
    {
      gint64 beat = (gint64) llround (k * step * SL_SECOND);
      g_array_append_val (beats, beat);
    }
  return beats;
}

static void
cut (SlProject *project, GArray *beats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_beat_edits_cut_on_beats (project, (const gint64 *) beats->data, beats->len, &error));
  g_assert_no_error (error);
}

static void
test_cut_on_beats (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A 1.9s | B* 2.2s | C* 1s");
  g_autoptr(GArray) beats = beat_grid (0.5, 10);
  SlHistory *history = sl_project_get_history (project);

  cut (project, beats);
  assert_diagram (project, "A 2s | B* 2s | C* 1s");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Cut on Beat");

  g_assert_true (sl_history_undo (history));
  assert_diagram (project, "A 1.9s | B* 2.2s | C* 1s");
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (project, 0)), ==, 1900 * SL_MSECOND);
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (project, 1)), ==, 2200 * SL_MSECOND);
  g_assert_true (sl_history_redo (history));
  assert_diagram (project, "A 2s | B* 2s | C* 1s");
}

/* Each start snaps from where the snaps before it left it; unmarked shots
 * keep their duration and only move. */
static void
test_ripple (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A 1.2s | B* 1.2s | C 1.2s | D* 1.2s | E 0.7s");
  g_autoptr(GArray) beats = beat_grid (0.5, 10);

  cut (project, beats);
  /* B: 1.2 -> 1.0; D: 1.0 + 1.2 + 1.2 = 3.4 -> 3.5. */
  assert_diagram (project, "A 1s | B* 1.2s | C 1.3s | D* 1.2s | E 0.7s");
}

/* The first shot starts the timeline; it has no boundary to move. Beats in
 * any order; a boundary already on a beat stays, and nothing that stays
 * makes an undo step. */
static void
test_first_shot_and_order (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A* 1s | B* 1.5s | C 2s");
  SlHistory *history = sl_project_get_history (project);
  const gint64 beats[] = { 3 * SL_SECOND, SL_SECOND / 4, 5 * SL_SECOND / 2, SL_SECOND };

  g_assert_true (sl_beat_edits_cut_on_beats (project, beats, G_N_ELEMENTS (beats), NULL));
  assert_diagram (project, "A* 1s | B* 1.5s | C 2s");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 0);
}

/* Ties go to the earlier beat; a boundary past the last beat comes back to
 * it. */
static void
test_nearest (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A 1.25s | B* 1s | C* 3s | D* 1s");
  g_autoptr(GArray) beats = beat_grid (0.5, 4);

  cut (project, beats);
  /* B: 1.25 ties 1.0 and 1.5 -> 1.0; C: 2.0 stays; D: 5.0 -> 4.0. */
  assert_diagram (project, "A 1s | B* 1s | C* 2s | D* 1s");
}

static void
test_shorter_than_a_frame (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A 0.06s | B* 2s | C* 1s");
  SlHistory *history = sl_project_get_history (project);
  /* At 25 fps a frame is 40 ms: A would become 30 ms. */
  const gint64 beats[] = { 30 * SL_MSECOND, 2500 * SL_MSECOND };
  g_autoptr(GError) error = NULL;

  g_object_set (project, "fps-num", 25, NULL);
  g_assert_false (sl_beat_edits_cut_on_beats (project, beats, G_N_ELEMENTS (beats), &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“A”"));
  g_assert_nonnull (strstr (error->message, "“B”"));
  /* C's snap was fine, but a refused edit changes nothing. */
  assert_diagram (project, "A 0.06s | B* 2s | C* 1s");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 0);

  /* Exactly one frame is allowed. */
  {
    const gint64 frame[] = { 40 * SL_MSECOND, 2040 * SL_MSECOND };

    g_assert_true (sl_beat_edits_cut_on_beats (project, frame, G_N_ELEMENTS (frame), NULL));
    assert_diagram (project, "A 0.04s | B* 2s | C* 1s");
  }
}

static void
test_no_beats (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A 1s | B* 1s");
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_beat_edits_cut_on_beats (project, NULL, 0, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  assert_diagram (project, "A 1s | B* 1s");
}

static void
test_follow_music (void)
{
  g_autoptr(SlProject) project = project_from_diagram ("A 1s | B 2s");
  SlHistory *history = sl_project_get_history (project);
  SlShot *shot = sl_project_get_shot (project, 1);

  sl_beat_edits_set_follow_music (project, shot, SL_FOLLOW_ZOOM_AND_EXPOSURE, 0.4);
  g_assert_cmpint (sl_shot_get_follow_mode (shot), ==, SL_FOLLOW_ZOOM_AND_EXPOSURE);
  g_assert_cmpfloat (sl_shot_get_follow_amount (shot), ==, 0.4);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Follow Music");

  sl_beat_edits_set_follow_music (project, shot, SL_FOLLOW_EXPOSURE, 0.4);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);
  g_assert_true (sl_history_undo (history));
  g_assert_cmpint (sl_shot_get_follow_mode (shot), ==, SL_FOLLOW_ZOOM_AND_EXPOSURE);
  g_assert_true (sl_history_undo (history));
  g_assert_cmpint (sl_shot_get_follow_mode (shot), ==, SL_FOLLOW_NONE);
  g_assert_cmpfloat (sl_shot_get_follow_amount (shot), ==, 0.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/beat-edits/cut-on-beats", test_cut_on_beats);
  g_test_add_func ("/beat-edits/ripple", test_ripple);
  g_test_add_func ("/beat-edits/first-shot-and-order", test_first_shot_and_order);
  g_test_add_func ("/beat-edits/nearest", test_nearest);
  g_test_add_func ("/beat-edits/shorter-than-a-frame", test_shorter_than_a_frame);
  g_test_add_func ("/beat-edits/no-beats", test_no_beats);
  g_test_add_func ("/beat-edits/follow-music", test_follow_music);

  return g_test_run ();
}
