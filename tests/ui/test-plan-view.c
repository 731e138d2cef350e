/* test-plan-view.c: the top-down plan edits keyframe positions, heights and the target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"
#include "sl-camera-edit.h"
#include "sl-plan-view-private.h"

typedef struct {
  SlProject  *project;
  SlEditor   *editor;
  GtkWidget  *window;
  SlPlanView *plan;
  SlShot     *shot;
  SlProject  *before;
} Fixture;

/* "Dawn valley": push in 20 % and pan right 6°, no keyframes yet. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = sl_test_load_demo ();
  fixture->editor = sl_editor_new (fixture->project, NULL);
  sl_editor_select_index (fixture->editor, 0);
  fixture->shot = sl_editor_get_selected_shot (fixture->editor);
  fixture->plan = SL_PLAN_VIEW (sl_plan_view_new (fixture->editor));
  fixture->window = GTK_WIDGET (sl_test_present (GTK_WIDGET (fixture->plan), 900, 600));
  sl_test_ui_spin (100);
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

static guint
n_keyframes (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (fixture->shot)));
}

static double
keyframe_value (Fixture    *fixture,
                guint       index,
                const char *property)
{
  g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_keyframes (fixture->shot)), index);
  double value;

  g_assert_nonnull (keyframe);
  g_object_get (keyframe, property, &value, NULL);
  return value;
}

static SlCamera
camera_at (Fixture *fixture,
           gint64   time)
{
  g_autoptr(SlCameraSolver) solver = sl_camera_solver_new (fixture->project, 0, NULL, NULL);
  SlCamera camera;

  sl_camera_solver_evaluate_time (solver, time, &camera);
  return camera;
}

static void
drag (Fixture                *fixture,
      const graphene_point_t *from,
      double                  dx,
      double                  dy)
{
  sl_plan_view_drag_begin (fixture->plan, from->x, from->y);
  for (int i = 1; i <= 4; i++)
    sl_plan_view_drag_update (fixture->plan, from->x + dx * i / 4, from->y + dy * i / 4);
  sl_plan_view_drag_end (fixture->plan);
}

static void
test_drag_point (Fixture       *fixture,
                 gconstpointer  data)
{
  SlCamera end = camera_at (fixture, sl_shot_get_duration (fixture->shot));
  guint n = sl_plan_view_get_n_poses (fixture->plan);
  graphene_point_t start_point, end_point, height, moved;

  g_assert_cmpuint (n, >=, 2);
  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, 0, &start_point, &height));
  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, n - 1, &end_point, &height));
  /* The push in goes forward: +z is up the screen. */
  g_assert_cmpfloat (end_point.y, <, start_point.y - 20);

  drag (fixture, &end_point, 50, 0);
  g_assert_cmpuint (n_keyframes (fixture), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (fixture->shot))), ==, 0);
  g_assert_cmpfloat (keyframe_value (fixture, n - 1, "x"), >, end.position.x + 0.01);
  g_assert_cmpfloat (fabs (keyframe_value (fixture, n - 1, "z") - end.position.z), <, 1e-6);
  /* The camera follows the pointer on screen. */
  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, n - 1, &moved, &height));
  g_assert_cmpfloat (fabs (moved.x - (end_point.x + 50)), <, 1.0);
  sl_test_assert_undo_restores (fixture->editor, fixture->before);

  /* Up on the height strip raises the camera. */
  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, n - 1, &end_point, &height));
  drag (fixture, &height, 0, -40);
  g_assert_cmpfloat (keyframe_value (fixture, n - 1, "y"), >, end.position.y + 0.01);
  sl_test_assert_undo_restores (fixture->editor, fixture->before);
}

static void
test_add_and_remove_on_path (Fixture       *fixture,
                             gconstpointer  data)
{
  guint n = sl_plan_view_get_n_poses (fixture->plan);
  graphene_point_t a, b, height, on_path;

  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, 0, &a, &height));
  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, n - 1, &b, &height));
  /* The push is straight: 30 % of the way along is on the path. */
  graphene_point_interpolate (&a, &b, 0.3, &on_path);
  sl_plan_view_click (fixture->plan, 1, GDK_BUTTON_PRIMARY, on_path.x, on_path.y);
  g_assert_cmpuint (n_keyframes (fixture), ==, 0);
  sl_plan_view_click (fixture->plan, 2, GDK_BUTTON_PRIMARY, on_path.x, on_path.y);
  g_assert_cmpuint (n_keyframes (fixture), ==, n + 1);
  g_assert_cmpuint (sl_plan_view_get_n_poses (fixture->plan), ==, n + 1);

  /* A right click on the new camera removes it again. */
  g_assert_true (sl_plan_view_get_pose_point (fixture->plan, 1, &on_path, &height));
  sl_plan_view_click (fixture->plan, 1, GDK_BUTTON_SECONDARY, on_path.x, on_path.y);
  g_assert_cmpuint (n_keyframes (fixture), ==, n);

  g_assert_true (sl_history_undo (sl_editor_get_history (fixture->editor)));
  g_assert_cmpuint (n_keyframes (fixture), ==, n + 1);
  sl_test_assert_undo_restores (fixture->editor, fixture->before);
}

static void
test_drag_target (Fixture       *fixture,
                  gconstpointer  data)
{
  graphene_point_t target;
  SlCamera start = camera_at (fixture, 0);
  double yaw, pitch, roll;

  sl_camera_edit_camera_angles (&start, &yaw, &pitch, &roll);
  g_assert_true (sl_plan_view_get_target_point (fixture->plan, &target));
  /* Moving the target right turns the cameras right (positive yaw). */
  drag (fixture, &target, 60, 0);
  g_assert_cmpuint (n_keyframes (fixture), >=, 2);
  g_assert_cmpfloat (keyframe_value (fixture, 0, "yaw"), >, yaw + 1);
  g_assert_cmpfloat (keyframe_value (fixture, 0, "yaw"), <, yaw + 60);
  sl_test_assert_undo_restores (fixture->editor, fixture->before);
}

static gboolean
has_scene (gpointer data)
{
  return sl_plan_view_has_scene (SL_PLAN_VIEW (data));
}

static void
test_scene_arrives (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Built on a worker thread from a copy of the document. */
  g_assert_true (sl_test_ui_wait_for (has_scene, fixture->plan, 120000));
  if (g_getenv ("SL_TEST_SNAPSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SL_TEST_SNAPSHOT_DIR"), "plan-view.png", NULL);
      sl_test_ui_spin (100);
      g_assert_true (sl_test_snapshot_png (GTK_WIDGET (fixture->plan), path));
    }
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add ("/ui/plan-view/drag-point", Fixture, NULL,
              fixture_set_up, test_drag_point, fixture_tear_down);
  g_test_add ("/ui/plan-view/add-and-remove-on-path", Fixture, NULL,
              fixture_set_up, test_add_and_remove_on_path, fixture_tear_down);
  g_test_add ("/ui/plan-view/drag-target", Fixture, NULL,
              fixture_set_up, test_drag_target, fixture_tear_down);
  g_test_add ("/ui/plan-view/scene-arrives", Fixture, NULL,
              fixture_set_up, test_scene_arrives, fixture_tear_down);
  return g_test_run ();
}
