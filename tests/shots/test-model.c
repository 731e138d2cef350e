/* test-model.c: the document objects and their change notification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shotline-shots.h"

typedef struct {
  guint   count;
  SlShot *shot;
  gint64  start;
  gint64  end;
} Changes;

static void
on_changed (SlProject *project, SlShot *shot, gint64 start, gint64 end, Changes *changes)
{
  changes->count++;
  changes->shot = shot;
  changes->start = start;
  changes->end = end;
}

static SlProject *
three_shots (void)
{
  SlProject *project = sl_project_new ();

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Shot %u", i + 1);
      g_autoptr(SlShot) shot = sl_shot_new (name, (i + 1) * SL_SECOND);

      g_list_store_append (sl_project_get_shots (project), shot);
    }
  return project;
}

static void
test_timing (void)
{
  g_autoptr(SlProject) project = three_shots ();
  guint index;
  gint64 inside;

  g_assert_cmpint (sl_project_get_duration (project), ==, 6 * SL_SECOND);
  g_assert_cmpint (sl_project_get_shot_start (project, 2), ==, 3 * SL_SECOND);
  g_assert_true (sl_project_get_shot_at (project, 3500 * SL_MSECOND, &index, &inside) == sl_project_get_shot (project, 2));
  g_assert_cmpuint (index, ==, 2);
  g_assert_cmpint (inside, ==, 500 * SL_MSECOND);
  /* Past the end clamps to the last shot's last nanosecond. */
  sl_project_get_shot_at (project, 100 * SL_SECOND, &index, &inside);
  g_assert_cmpuint (index, ==, 2);
  g_assert_cmpint (inside, ==, 3 * SL_SECOND - 1);

  g_assert_cmpint (sl_project_get_n_frames (project), ==, 180);
  g_object_set (project, "fps-num", 30000, "fps-den", 1001, NULL);
  /* 6 s at 29.97 fps: 179.82 frames, so 180 start inside the project. */
  g_assert_cmpint (sl_project_get_n_frames (project), ==, 180);
  for (gint64 n = 0; n < 180; n++)
    {
      gint64 t = sl_project_get_frame_time (project, n);

      /* frame n covers [n/fps, (n+1)/fps): its start maps back to n */
      g_assert_cmpint ((t * 30000) / (1001 * SL_SECOND), ==, n);
    }
}

static void
test_change_ranges (void)
{
  g_autoptr(SlProject) project = three_shots ();
  SlShot *second = sl_project_get_shot (project, 1);
  Changes changes = { 0 };
  g_autoptr(SlMove) move = sl_move_new ("push-in", 30, SL_UNIT_PERCENT);

  g_signal_connect (project, "changed", G_CALLBACK (on_changed), &changes);

  g_object_set (second, "prompt", "fog", NULL);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_true (changes.shot == second);
  g_assert_cmpint (changes.start, ==, 1 * SL_SECOND);
  g_assert_cmpint (changes.end, ==, 3 * SL_SECOND);

  /* Setting the same value again is no change at all. */
  g_object_set (second, "prompt", "fog", NULL);
  g_assert_cmpuint (changes.count, ==, 1);

  /* A longer shot moves every later one: the range runs to the end. */
  g_object_set (second, "duration", 4 * SL_SECOND, NULL);
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpint (changes.end, ==, G_MAXINT64);

  /* Edits deep inside a shot reach the project, naming the shot. */
  g_list_store_append (sl_shot_get_moves (second), move);
  g_assert_cmpuint (changes.count, ==, 3);
  g_object_set (move, "amount", 45.0, NULL);
  g_assert_cmpuint (changes.count, ==, 4);
  g_assert_true (changes.shot == second);
  g_assert_cmpint (changes.end, ==, 5 * SL_SECOND);

  /* A removed move no longer reports. */
  g_list_store_remove (sl_shot_get_moves (second), 0);
  g_assert_cmpuint (changes.count, ==, 5);
  g_object_set (move, "amount", 10.0, NULL);
  g_assert_cmpuint (changes.count, ==, 5);

  /* Reordering shots changes everything after the first moved one. */
  g_list_store_remove (sl_project_get_shots (project), 0);
  g_assert_cmpuint (changes.count, ==, 6);
  g_assert_null (changes.shot);
}

static void
test_equal_and_copy (void)
{
  g_autoptr(SlProject) project = three_shots ();
  g_autoptr(SlMove) move = sl_move_new ("orbit-left", 20, SL_UNIT_DEGREES);
  g_autoptr(SlProject) copy = NULL;
  g_autofree char *where = NULL;

  g_object_set (move, "has-target", TRUE, "target-z", 4.0, NULL);
  g_list_store_append (sl_shot_get_moves (sl_project_get_shot (project, 0)), move);
  copy = sl_model_copy (G_OBJECT (project));
  g_assert_true (sl_model_equal (G_OBJECT (project), G_OBJECT (copy), NULL));

  g_object_set (move, "target-z", 5.0, NULL);
  g_assert_false (sl_model_equal (G_OBJECT (project), G_OBJECT (copy), &where));
  g_assert_cmpstr (where, ==, "shots[0].moves[0].target-z (5.000000 vs 4.000000)");
}

static void
test_move_range (void)
{
  g_autoptr(SlMove) move = sl_move_new ("tilt-up", 5, SL_UNIT_DEGREES);
  gint64 start, end;

  sl_move_resolve_range (move, 4 * SL_SECOND, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 4 * SL_SECOND);
  g_object_set (move, "start", SL_SECOND, "end", 9 * SL_SECOND, NULL);
  sl_move_resolve_range (move, 4 * SL_SECOND, &start, &end);
  g_assert_cmpint (start, ==, SL_SECOND);
  g_assert_cmpint (end, ==, 4 * SL_SECOND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/timing", test_timing);
  g_test_add_func ("/model/change-ranges", test_change_ranges);
  g_test_add_func ("/model/equal-and-copy", test_equal_and_copy);
  g_test_add_func ("/model/move-range", test_move_range);
  return g_test_run ();
}
