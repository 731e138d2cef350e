/* sl-camera-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-camera-edit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-camera-edit.h"

/* How far (fraction of the subject distance, degrees) the middle of a
 * move may stray from a straight start-to-end interpolation before baking
 * keys it too: an orbit or an eased arc needs the extra keyframe, a plain
 * push or pan does not. */
#define BAKE_POSITION_TOLERANCE 0.01
#define BAKE_ANGLE_TOLERANCE    0.5

SlCameraSolver *
sl_camera_edit_solver (SlEditor  *editor,
                       SlShot    *shot,
                       GError   **error)
{
  SlProject *project = sl_editor_get_project (editor);
  guint index;

  if (!g_list_store_find (sl_project_get_shots (project), shot, &index))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The shot “%s” is not part of the project"), sl_shot_get_name (shot));
      return NULL;
    }
  return sl_camera_solver_new (project, index, NULL, error);
}

void
sl_camera_edit_camera_angles (const SlCamera *camera,
                              double         *yaw,
                              double         *pitch,
                              double         *roll)
{
  SlVec3 forward, up, level_right, level_up;
  SlCamera unrolled = *camera;

  sl_camera_get_axes (camera, NULL, &up, &forward);
  *yaw = SL_RAD_TO_DEG (atan2 (forward.x, forward.z));
  /* A positive pitch turns the view down. */
  *pitch = SL_RAD_TO_DEG (asin (CLAMP (-forward.y, -1.0, 1.0)));
  /* The roll is the turn of the true up away from the up of the same camera
   * without roll; a positive roll leans it toward the camera's left. */
  unrolled.orientation = sl_camera_orientation_from_euler (*yaw, *pitch, 0);
  sl_camera_get_axes (&unrolled, &level_right, &level_up, NULL);
  *roll = SL_RAD_TO_DEG (atan2 (-sl_vec3_dot (up, level_right), sl_vec3_dot (up, level_up)));
}

static double
angle_difference (double a, double b)
{
  return fabs (remainder (a - b, 360.0));
}

/* Whether a keyframe in the middle is needed to bake the path faithfully. */
static gboolean
middle_strays (SlCameraSolver *solver)
{
  double duration = sl_camera_solver_get_duration (solver);
  double distance, a[3], b[3], m[3];
  SlCamera start, middle, end;
  SlVec3 straight;

  sl_camera_solver_get_subject (solver, NULL, &distance);
  sl_camera_solver_evaluate (solver, 0, &start);
  sl_camera_solver_evaluate (solver, duration / 2, &middle);
  sl_camera_solver_evaluate (solver, duration, &end);
  straight = sl_vec3_lerp (start.position, end.position, 0.5);
  if (sl_vec3_distance (straight, middle.position) > BAKE_POSITION_TOLERANCE * MAX (distance, 0.1))
    return TRUE;
  if (fabs (log (middle.focal_length / sqrt (start.focal_length * end.focal_length))) > 0.01)
    return TRUE;
  sl_camera_edit_camera_angles (&start, &a[0], &a[1], &a[2]);
  sl_camera_edit_camera_angles (&middle, &m[0], &m[1], &m[2]);
  sl_camera_edit_camera_angles (&end, &b[0], &b[1], &b[2]);
  for (guint i = 0; i < 3; i++)
    if (angle_difference (m[i], a[i] + remainder (b[i] - a[i], 360.0) / 2) > BAKE_ANGLE_TOLERANCE)
      return TRUE;
  return FALSE;
}

static void
append_pose (GArray         *poses,
             SlCameraSolver *solver,
             gint64          time,
             SlKeyframe     *keyframe)
{
  SlSketchPose pose = { .time = time, .keyframe = keyframe ? g_object_ref (keyframe) : NULL };

  sl_camera_solver_evaluate_time (solver, time, &pose.camera);
  g_array_append_val (poses, pose);
}

static void
clear_pose (gpointer data)
{
  SlSketchPose *pose = data;

  g_clear_object (&pose->keyframe);
}

GArray *
sl_camera_edit_list_poses (SlShot         *shot,
                           SlCameraSolver *solver)
{
  GListModel *keyframes = G_LIST_MODEL (sl_shot_get_keyframes (shot));
  guint n = g_list_model_get_n_items (keyframes);
  gint64 duration = sl_shot_get_duration (shot);
  GArray *poses = g_array_new (FALSE, TRUE, sizeof (SlSketchPose));

  g_array_set_clear_func (poses, clear_pose);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (keyframes, i);
      append_pose (poses, solver, sl_keyframe_get_time (keyframe), keyframe);
    }
  if (n > 0)
    return poses;

  append_pose (poses, solver, 0, NULL);
  if (middle_strays (solver))
    append_pose (poses, solver, duration / 2, NULL);
  append_pose (poses, solver, duration, NULL);
  return poses;
}

char *
sl_camera_edit_pose_label (GArray *poses,
                           guint   index,
                           gint64  duration)
{
  SlSketchPose *pose = &g_array_index (poses, SlSketchPose, index);
  guint first_inner;

  if (index == 0 && pose->time <= 0)
    return g_strdup (_("Start"));
  if (index == poses->len - 1 && pose->time >= duration)
    return g_strdup (_("End"));
  /* Inner keyframes count from 1 after the start pose, if there is one. */
  first_inner = g_array_index (poses, SlSketchPose, 0).time <= 0 ? 1 : 0;
  /* TRANSLATORS: a keyframe's short name on the sketch, K for keyframe */
  return g_strdup_printf (_("K%u"), index - first_inner + 1);
}

void
sl_camera_edit_set_pose (SlHistory      *history,
                         SlKeyframe     *keyframe,
                         const SlCamera *camera)
{
  double yaw, pitch, roll;

  sl_camera_edit_camera_angles (camera, &yaw, &pitch, &roll);
  sl_history_set (history, keyframe,
                  "x", camera->position.x, "y", camera->position.y, "z", camera->position.z,
                  "yaw", yaw, "pitch", pitch, "roll", roll,
                  "focal-length", CLAMP (camera->focal_length, 1.0, 2000.0),
                  "focus-distance", MAX (camera->focus_distance, SL_CAMERA_MIN_FOCUS_DISTANCE),
                  NULL);
}

void
sl_camera_edit_bake (SlHistory      *history,
                     SlShot         *shot,
                     SlCameraSolver *solver)
{
  GListStore *moves = sl_shot_get_moves (shot);
  GListStore *keyframes = sl_shot_get_keyframes (shot);
  g_autoptr(GArray) poses = NULL;
  guint n_moves = g_list_model_get_n_items (G_LIST_MODEL (moves));

  if (n_moves == 0 && g_list_model_get_n_items (G_LIST_MODEL (keyframes)) > 0)
    return;

  /* Every pose is sampled before anything changes: the solver is a frozen
   * plan of the shot as it was. */
  poses = sl_camera_edit_list_poses (shot, solver);
  for (guint i = 0; i < poses->len; i++)
    {
      SlSketchPose *pose = &g_array_index (poses, SlSketchPose, i);

      if (pose->keyframe == NULL)
        {
          g_autoptr(SlKeyframe) keyframe = sl_keyframe_new (pose->time);
          sl_history_insert (history, keyframes, i, keyframe);
          pose->keyframe = g_steal_pointer (&keyframe);
        }
      sl_camera_edit_set_pose (history, pose->keyframe, &pose->camera);
    }
  while (n_moves-- > 0)
    sl_history_remove (history, moves, n_moves);
}

gint64
sl_camera_edit_playhead_time (SlEditor *editor,
                              SlShot   *shot)
{
  SlProject *project = sl_editor_get_project (editor);
  guint index;

  if (!g_list_store_find (sl_project_get_shots (project), shot, &index))
    return 0;
  return CLAMP (sl_editor_get_position (editor) - sl_project_get_shot_start (project, index),
                0, sl_shot_get_duration (shot));
}

static gint64
half_frame (SlProject *project)
{
  return (gint64) SL_SECOND * sl_project_get_fps_den (project) / MAX (sl_project_get_fps_num (project), 1) / 2;
}

guint
sl_camera_edit_add_keyframe (SlEditor *editor,
                             SlShot   *shot,
                             gint64    time)
{
  SlHistory *history = sl_editor_get_history (editor);
  GListStore *keyframes = sl_shot_get_keyframes (shot);
  g_autoptr(SlCameraSolver) solver = NULL;
  g_autoptr(SlKeyframe) keyframe = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tolerance = half_frame (sl_editor_get_project (editor));
  SlCamera camera;
  guint position = 0, n;

  solver = sl_camera_edit_solver (editor, shot, &error);
  if (solver == NULL)
    {
      sl_editor_report_error (editor, error);
      return G_MAXUINT;
    }
  /* The pose comes from the shot as it plays now, before baking. */
  sl_camera_solver_evaluate_time (solver, time, &camera);

  sl_history_begin (history, _("Add Keyframe"));
  sl_camera_edit_bake (history, shot, solver);
  n = g_list_model_get_n_items (G_LIST_MODEL (keyframes));
  for (position = 0; position < n; position++)
    {
      g_autoptr(SlKeyframe) other = g_list_model_get_item (G_LIST_MODEL (keyframes), position);
      gint64 other_time = sl_keyframe_get_time (other);

      if (ABS (other_time - time) <= tolerance)
        {
          sl_history_end (history);
          return position;
        }
      if (other_time > time)
        break;
    }
  keyframe = sl_keyframe_new (time);
  sl_history_insert (history, keyframes, position, keyframe);
  sl_camera_edit_set_pose (history, keyframe, &camera);
  sl_history_end (history);
  return position;
}

gboolean
sl_camera_edit_remove_keyframe (SlEditor *editor,
                                SlShot   *shot,
                                guint     index)
{
  SlHistory *history = sl_editor_get_history (editor);
  GListStore *keyframes = sl_shot_get_keyframes (shot);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (keyframes));

  if (n <= 1 || index >= n)
    return FALSE;
  sl_history_begin (history, _("Remove Keyframe"));
  sl_history_remove (history, keyframes, index);
  sl_history_end (history);
  return TRUE;
}
