/* test-frame-sketch.c: dragging framings over the preview edits keyframes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"
#include "sl-frame-sketch-private.h"

typedef struct {
  SlProject     *project;
  SlEditor      *editor;
  GtkWidget     *window;
  SlFrameSketch *sketch;
  SlShot        *shot;
  SlProject     *before;     /* a copy of the document before the edit */
} Fixture;

/* The first demo shot ("Dawn valley": push in 20 %, pan right 6°) has no
 * keyframes, so its first edit also bakes its moves. The sketch sits in a
 * 640 × 360 window, as it would over a 16:9 preview. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = sl_test_load_demo ();
  fixture->editor = sl_editor_new (fixture->project, NULL);
  sl_editor_select_index (fixture->editor, 0);
  fixture->shot = sl_editor_get_selected_shot (fixture->editor);
  fixture->sketch = SL_FRAME_SKETCH (sl_frame_sketch_new (fixture->editor));
  fixture->window = GTK_WIDGET (sl_test_present (GTK_WIDGET (fixture->sketch), 640, 360));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (fixture->shot))), ==, 0);
  fixture->before = sl_model_copy (G_OBJECT (fixture->project));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sl_test_ui_spin (50);
  g_object_unref (fixture->before);
  g_object_unref (fixture->editor);
  g_object_unref (fixture->project);
}

static SlCamera
camera_at (Fixture *fixture,
           gint64   time)
{
  g_autoptr(SlCameraSolver) solver = sl_camera_solver_new (fixture->project, 0, NULL, NULL);
  SlCamera camera;

  g_assert_nonnull (solver);
  sl_camera_solver_evaluate_time (solver, time, &camera);
  return camera;
}

static SlKeyframe *
last_keyframe (Fixture *fixture)
{
  GListModel *keyframes = G_LIST_MODEL (sl_shot_get_keyframes (fixture->shot));
  guint n = g_list_model_get_n_items (keyframes);
  g_autoptr(SlKeyframe) keyframe = NULL;

  g_assert_cmpuint (n, >=, 2);
  keyframe = g_list_model_get_item (keyframes, n - 1);
  /* The list holds it; borrowing is enough for the test. */
  return keyframe;
}

static void
drag (Fixture *fixture,
      double   x,
      double   y,
      double   dx,
      double   dy)
{
  g_assert_true (sl_frame_sketch_drag_begin (fixture->sketch, x, y));
  /* Several motion events, as a real drag gives: still one undo step. */
  for (int i = 1; i <= 4; i++)
    sl_frame_sketch_drag_update (fixture->sketch, x + dx * i / 4, y + dy * i / 4);
  sl_frame_sketch_drag_end (fixture->sketch);
}

static void
test_move_end_frame (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 duration = sl_shot_get_duration (fixture->shot);
  SlCamera end = camera_at (fixture, duration);
  guint n_poses = sl_frame_sketch_get_n_poses (fixture->sketch);
  graphene_point_t corners[4], centre;
  double x, y, z, width;

  g_assert_cmpuint (n_poses, >=, 2);
  g_assert_true (sl_frame_sketch_get_pose_quad (fixture->sketch, n_poses - 1, corners, &centre, NULL));
  /* The push in ends on a smaller frame inside the start's full one. */
  width = corners[1].x - corners[0].x;
  g_assert_cmpfloat (width, <, 620);
  g_assert_cmpfloat (width, >, 300);

  drag (fixture, centre.x, centre.y, 60, 0);

  /* Baked into keyframes, the moves gone, and the end camera moved right
   * by about 60 px of the frame: 60 / 640 of the start frame's width at
   * the subject (3.8 m away for a wide shot: 3.9 m wide). */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (fixture->shot))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (fixture->shot))), ==, n_poses);
  g_object_get (last_keyframe (fixture), "x", &x, "y", &y, "z", &z, NULL);
  g_assert_cmpfloat (x - end.position.x, >, 0.18);
  g_assert_cmpfloat (x - end.position.x, <, 0.75);
  g_assert_cmpfloat (fabs (y - end.position.y), <, 0.02);
  g_assert_cmpfloat (fabs (z - end.position.z), <, 0.2);
  g_assert_cmpuint (sl_history_get_n_undo (sl_editor_get_history (fixture->editor)), ==, 1);

  sl_test_assert_undo_restores (fixture->editor, fixture->before);
}

static void
test_scale_and_roll_end_frame (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 duration = sl_shot_get_duration (fixture->shot);
  SlCamera end = camera_at (fixture, duration);
  guint n_poses = sl_frame_sketch_get_n_poses (fixture->sketch);
  graphene_point_t corners[4], centre, top;
  double z, roll;

  g_assert_true (sl_frame_sketch_get_pose_quad (fixture->sketch, n_poses - 1, corners, &centre, NULL));
  /* Dragging the bottom-right corner outward widens the frame: the camera
   * backs away along its axis. */
  drag (fixture, corners[2].x, corners[2].y, 30, 17);
  g_object_get (last_keyframe (fixture), "z", &z, NULL);
  g_assert_cmpfloat (z, <, end.position.z - 0.05);
  sl_test_assert_undo_restores (fixture->editor, fixture->before);

  /* Turning the rotate handle (above the top edge) to the right turns the
   * frame clockwise: a negative roll. */
  g_assert_true (sl_frame_sketch_get_pose_quad (fixture->sketch, n_poses - 1, corners, &centre, &top));
  g_assert_cmpfloat (top.y, <, centre.y);
  drag (fixture, top.x, top.y, 80, 0);
  g_object_get (last_keyframe (fixture), "roll", &roll, NULL);
  g_assert_cmpfloat (roll, <, -5);
  g_assert_cmpfloat (roll, >, -60);
  sl_test_assert_undo_restores (fixture->editor, fixture->before);
}

static void
test_add_keyframe_at_playhead (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *keyframes = G_LIST_MODEL (sl_shot_get_keyframes (fixture->shot));
  gint64 time = 3 * SL_SECOND / 2;
  SlCamera expected = camera_at (fixture, time);
  guint n_poses = sl_frame_sketch_get_n_poses (fixture->sketch);
  gboolean found = FALSE;

  sl_editor_seek (fixture->editor, time);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sketch), "sketch.add-keyframe", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (keyframes), ==, n_poses + 1);
  g_assert_cmpuint (sl_frame_sketch_get_n_poses (fixture->sketch), ==, n_poses + 1);
  for (guint i = 0; i < g_list_model_get_n_items (keyframes); i++)
    {
      g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (keyframes, i);
      double x, z;

      if (sl_keyframe_get_time (keyframe) != time)
        continue;
      found = TRUE;
      /* The new keyframe holds the pose the shot had there. */
      g_object_get (keyframe, "x", &x, "z", &z, NULL);
      g_assert_cmpfloat (fabs (x - expected.position.x), <, 1e-6);
      g_assert_cmpfloat (fabs (z - expected.position.z), <, 1e-6);
      /* In time order, between the start and the end. */
      g_assert_cmpuint (i, >, 0);
      g_assert_cmpuint (i, <, g_list_model_get_n_items (keyframes) - 1);
    }
  g_assert_true (found);
  /* The camera at the playhead did not move: baking and keying keep it. */
  {
    SlCamera now = camera_at (fixture, time);
    g_assert_cmpfloat (sl_vec3_distance (now.position, expected.position), <, 1e-6);
  }

  sl_test_assert_undo_restores (fixture->editor, fixture->before);
}

static void
test_drag_on_nothing_edits_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  /* Far outside every frame (the start frame fills the widget, so only a
   * point beyond it is on nothing). */
  g_assert_false (sl_frame_sketch_drag_begin (fixture->sketch, -200, -200));
  g_assert_false (sl_history_can_undo (sl_editor_get_history (fixture->editor)));
}

/* A move the solver cannot plan shows its reason instead of frames. */
static void
test_unplannable_shot (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SlMove) move = sl_move_new ("no-such-move", 10, SL_UNIT_PERCENT);
  GtkWidget *status = sl_test_find_named (GTK_WIDGET (fixture->sketch), "status_label");

  g_assert_nonnull (status);
  g_assert_false (gtk_widget_get_visible (status));
  sl_history_insert (sl_editor_get_history (fixture->editor), sl_shot_get_moves (fixture->shot), 0, move);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpuint (sl_frame_sketch_get_n_poses (fixture->sketch), ==, 0);
  g_assert_false (sl_frame_sketch_drag_begin (fixture->sketch, 320, 180));
  sl_test_ui_spin (100);
  g_assert_true (sl_history_undo (sl_editor_get_history (fixture->editor)));
  g_assert_false (gtk_widget_get_visible (status));
  g_assert_cmpuint (sl_frame_sketch_get_n_poses (fixture->sketch), >=, 2);
}

static gboolean
is_drawn_over_frame (gpointer data)
{
  GtkWidget *sketch = data;

  return gtk_widget_get_mapped (sketch) && gtk_widget_get_width (sketch) > 100;
}

static void
snapshot_if_asked (GtkWidget  *widget,
                   const char *name)
{
  const char *dir = g_getenv ("SL_TEST_SNAPSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (sl_test_snapshot_png (widget, path));
}

/* In the window the preview view lays the sketch over the picture, sized
 * to the frame: 16:9 like the project. */
static void
test_in_window (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  SlWindow *window = sl_test_window_new (editor);
  GtkWidget *preview_view = sl_test_find_widget (GTK_WIDGET (window), SL_TYPE_PREVIEW_VIEW);
  GtkWidget *sketch = sl_test_find_widget (GTK_WIDGET (window), SL_TYPE_FRAME_SKETCH);
  double aspect;

  g_assert_nonnull (preview_view);
  g_assert_nonnull (sketch);
  sl_editor_seek (editor, SL_SECOND);
  g_assert_true (gtk_widget_activate_action (preview_view, "preview.frame-sketch", NULL));
  g_assert_true (sl_test_ui_wait_for (is_drawn_over_frame, sketch, 10000));
  aspect = (double) gtk_widget_get_width (sketch) / gtk_widget_get_height (sketch);
  g_assert_cmpfloat (fabs (aspect - 16.0 / 9.0), <, 0.02);
  g_assert_cmpuint (sl_frame_sketch_get_n_poses (SL_FRAME_SKETCH (sketch)), >=, 2);
  sl_test_ui_spin (3000);
  snapshot_if_asked (GTK_WIDGET (window), "frame-sketch-window.png");
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_ui_spin (50);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add ("/ui/frame-sketch/move-end-frame", Fixture, NULL,
              fixture_set_up, test_move_end_frame, fixture_tear_down);
  g_test_add ("/ui/frame-sketch/scale-and-roll-end-frame", Fixture, NULL,
              fixture_set_up, test_scale_and_roll_end_frame, fixture_tear_down);
  g_test_add ("/ui/frame-sketch/add-keyframe-at-playhead", Fixture, NULL,
              fixture_set_up, test_add_keyframe_at_playhead, fixture_tear_down);
  g_test_add ("/ui/frame-sketch/drag-on-nothing", Fixture, NULL,
              fixture_set_up, test_drag_on_nothing_edits_nothing, fixture_tear_down);
  g_test_add ("/ui/frame-sketch/unplannable-shot", Fixture, NULL,
              fixture_set_up, test_unplannable_shot, fixture_tear_down);
  g_test_add_func ("/ui/frame-sketch/in-window", test_in_window);
  return g_test_run ();
}
