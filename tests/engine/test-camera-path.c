/* test-camera-path.c: camera paths to and from RealEstate10K and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "shotline-shots.h"
#include "shotline-engine.h"

#define TOLERANCE 1e-6

/* A shot whose camera does a bit of everything: a push, a pan, an orbit
 * and a handheld shake, so that every part of a pose changes. */
static SlProject *
new_project (guint fps_num,
             guint fps_den)
{
  SlProject *project = sl_project_new ();
  g_autoptr(SlShot) moving = sl_shot_new ("moving", 2 * SL_SECOND);
  g_autoptr(SlShot) still = sl_shot_new ("still", SL_SECOND);
  const struct { const char *kind; double amount; SlUnit unit; } moves[] = {
    { "push-in", 30, SL_UNIT_PERCENT },
    { "pan-right", 20, SL_UNIT_DEGREES },
    { "orbit-left", 45, SL_UNIT_DEGREES },
    { "handheld", 100, SL_UNIT_PERCENT },
  };

  g_object_set (project, "width", 1280, "height", 720, "fps-num", fps_num, "fps-den", fps_den, NULL);
  g_object_set (moving, "angle", SL_ANGLE_HIGH, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(SlMove) move = sl_move_new (moves[i].kind, moves[i].amount, moves[i].unit);

      g_list_store_append (sl_shot_get_moves (moving), move);
    }
  g_list_store_append (sl_project_get_shots (project), still);
  g_list_store_append (sl_project_get_shots (project), moving);
  return project;
}

/* RealEstate10K keeps times to the microsecond. */
static void
assert_same_poses (SlCameraPath *a,
                   SlCameraPath *b,
                   gint64        time_tolerance)
{
  g_assert_cmpuint (sl_camera_path_get_n_poses (a), ==, sl_camera_path_get_n_poses (b));
  for (guint i = 0; i < sl_camera_path_get_n_poses (a); i++)
    {
      const SlCameraPose *pa = sl_camera_path_get_pose (a, i);
      const SlCameraPose *pb = sl_camera_path_get_pose (b, i);

      g_assert_cmpint (ABS (pa->time - pb->time), <=, time_tolerance);
      g_assert_cmpfloat_with_epsilon (pa->fx, pb->fx, TOLERANCE);
      g_assert_cmpfloat_with_epsilon (pa->fy, pb->fy, TOLERANCE);
      g_assert_cmpfloat_with_epsilon (pa->cx, pb->cx, TOLERANCE);
      g_assert_cmpfloat_with_epsilon (pa->cy, pb->cy, TOLERANCE);
      for (guint k = 0; k < 12; k++)
        g_assert_cmpfloat_with_epsilon (pa->world_to_camera[k], pb->world_to_camera[k], TOLERANCE);
    }
}

/* Export → import → export, through text, gives the same poses; the import
 * is one undo step that brings the moves back. */
static void
check_round_trip (guint              fps_num,
                  guint              fps_den,
                  SlCameraPathFormat format)
{
  g_autoptr(SlProject) project = new_project (fps_num, fps_den);
  SlHistory *history = sl_project_get_history (project);
  SlShot *shot = sl_project_get_shot (project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCameraPath) first = sl_camera_path_new_for_shot (project, 1, NULL, &error);
  g_autoptr(SlCameraPath) read = NULL;
  g_autoptr(SlCameraPath) second = NULL;
  g_autoptr(SlCameraPath) reread = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  gint64 duration = sl_shot_get_duration (shot);
  const SlCameraPose *a, *b;

  g_assert_no_error (error);
  /* Two seconds at 24 to 30 frames per second. */
  g_assert_cmpuint (sl_camera_path_get_n_poses (first), >=, 48);
  g_assert_cmpuint (sl_camera_path_get_n_poses (first), <=, 60);
  /* The poses really move, or the test proves nothing. */
  a = sl_camera_path_get_pose (first, 0);
  b = sl_camera_path_get_pose (first, sl_camera_path_get_n_poses (first) - 1);
  g_assert_cmpfloat (fabs (a->world_to_camera[3] - b->world_to_camera[3])
                     + fabs (a->world_to_camera[0] - b->world_to_camera[0]), >, 0.01);

  text = sl_camera_path_to_data (first, format);
  read = sl_camera_path_new_from_data (text, -1, format, &error);
  g_assert_no_error (error);
  assert_same_poses (first, read, 500);

  g_assert_true (sl_camera_path_apply (read, project, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (shot))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (shot))), ==,
                    sl_camera_path_get_n_poses (first));
  g_assert_cmpint (sl_shot_get_duration (shot), ==, duration);

  second = sl_camera_path_new_for_shot (project, 1, NULL, &error);
  g_assert_no_error (error);
  assert_same_poses (first, second, 0);
  text2 = sl_camera_path_to_data (second, format);
  reread = sl_camera_path_new_from_data (text2, -1, format, &error);
  g_assert_no_error (error);
  assert_same_poses (read, reread, 0);

  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Import Camera Path");
  g_assert_true (sl_history_undo (history));
  g_assert_false (sl_history_can_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (shot))), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (shot))), ==, 0);
}

static void
test_round_trip_re10k (void)
{
  check_round_trip (24, 1, SL_CAMERA_PATH_FORMAT_RE10K);
  /* Frame times that are not whole microseconds. */
  check_round_trip (30000, 1001, SL_CAMERA_PATH_FORMAT_RE10K);
}

static void
test_round_trip_json (void)
{
  check_round_trip (25, 1, SL_CAMERA_PATH_FORMAT_JSON);
  check_round_trip (30000, 1001, SL_CAMERA_PATH_FORMAT_JSON);
}

/* The text has the dataset's layout: a source line, then 19 columns. */
static void
test_re10k_layout (void)
{
  g_autoptr(SlProject) project = new_project (24, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCameraPath) path = sl_camera_path_new_for_shot (project, 0, NULL, &error);
  g_autofree char *text = sl_camera_path_to_data (path, SL_CAMERA_PATH_FORMAT_RE10K);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) columns = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (lines[0], "shotline:"));
  g_assert_cmpuint (g_strv_length (lines), ==, 24 + 2);   /* 24 poses, the source, the last newline */
  columns = g_strsplit (lines[2], " ", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 19);
  g_assert_cmpstr (columns[0], ==, "41667");               /* µs of frame 1 */
  g_assert_cmpstr (columns[3], ==, "0.5");
  g_assert_cmpstr (columns[5], ==, "0");
  /* A still eye-level camera at the origin: identity rotation, no shift. */
  g_assert_cmpstr (columns[7], ==, "1");
  g_assert_cmpstr (columns[10], ==, "0");
  g_assert_cmpstr (columns[12], ==, "1");
  /* fx / fy is the picture's height / width for square pixels. */
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (columns[1], NULL) / g_ascii_strtod (columns[2], NULL),
                                  720.0 / 1280.0, 1e-9);
}

/* A file from the dataset: microsecond times far into the video, six
 * digits; the first pose lands on the shot's first frame. */
static void
test_re10k_dataset (void)
{
  static const char text[] =
    "https://www.youtube.com/watch?v=0000000000\n"
    "45678000 0.484 0.861 0.5 0.5 0 0 0.999998 0.000437 -0.001844 0.012 -0.000433 0.999999 0.001961 -0.021 0.001845 -0.00196 0.999996 0.104\n"
    "45711367 0.484 0.861 0.5 0.5 0 0 0.999997 0.000512 -0.002201 0.013 -0.000508 0.999999 0.002100 -0.022 0.002202 -0.002099 0.999995 0.097\n"
    "\n";
  g_autoptr(SlProject) project = new_project (30, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCameraPath) path = sl_camera_path_new_from_data (text, -1, SL_CAMERA_PATH_FORMAT_RE10K, &error);
  SlShot *shot = sl_project_get_shot (project, 0);
  g_autoptr(SlKeyframe) last = NULL;
  double focal;

  g_assert_no_error (error);
  g_assert_cmpstr (sl_camera_path_get_source (path), ==, "https://www.youtube.com/watch?v=0000000000");
  g_assert_cmpuint (sl_camera_path_get_n_poses (path), ==, 2);
  g_assert_cmpint (sl_camera_path_get_pose (path, 1)->time, ==, 33367000);
  g_assert_true (sl_camera_path_apply (path, project, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (shot))), ==, 2);
  last = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_keyframes (shot)), 1);
  /* 33 367 µs is within a microsecond of nothing at 30 fps: kept as is. */
  g_assert_cmpint (sl_keyframe_get_time (last), ==, 33367000);
  g_assert_cmpint (sl_shot_get_duration (shot), ==, 2 * 33367000);
  g_object_get (last, "focal-length", &focal, NULL);
  g_assert_cmpfloat_with_epsilon (focal, 0.861 * 20.25, 1e-9);
}

static void
assert_load_error (const char         *text,
                   SlCameraPathFormat  format,
                   const char         *place,
                   const char         *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCameraPath) path = sl_camera_path_new_from_data (text, -1, format, &error);

  g_assert_null (path);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT);
  if (strstr (error->message, place) == NULL || strstr (error->message, problem) == NULL)
    g_error ("“%s” should name “%s” and “%s”", error->message, place, problem);
}

#define GOOD "0 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 0\n"

static void
test_re10k_errors (void)
{
  assert_load_error ("", SL_CAMERA_PATH_FORMAT_RE10K, "line 1", "source");
  assert_load_error ("src\n", SL_CAMERA_PATH_FORMAT_RE10K, "", "no poses");
  assert_load_error ("src\n" GOOD "1 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 3", "18 columns");
  assert_load_error ("src\n" GOOD "1 0.5 nan 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 0\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 3, column 3", "not a finite number");
  assert_load_error ("src\n1 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 inf\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 2, column 19", "not a finite number");
  assert_load_error ("src\n1 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 2 0 0 0 0 1 0\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 2", "not a rotation");
  assert_load_error ("src\n1 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 -1 0 0 0 0 1 0\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 2", "mirrors");
  assert_load_error ("src\n1.5 0.5 0.9 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 0\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 2", "timestamp");
  assert_load_error ("src\n" GOOD GOOD, SL_CAMERA_PATH_FORMAT_RE10K, "line 3", "does not come after");
  assert_load_error ("src\n0 0 0.9 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 0\n",
                     SL_CAMERA_PATH_FORMAT_RE10K, "line 2", "more than 0");
}

static void
test_json_errors (void)
{
  assert_load_error ("{\"frames\": [", SL_CAMERA_PATH_FORMAT_JSON, "", "not valid JSON");
  assert_load_error ("[]", SL_CAMERA_PATH_FORMAT_JSON, "", "array “frames”");
  assert_load_error ("{\"frames\": [\n"
                     "  {\"t\": 0, \"fx\": 0.5, \"fy\": 0.9, \"cx\": 0.5, \"cy\": 0.5,\n"
                     "   \"world_to_camera\": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]},\n"
                     "  {\"t\": 0.1, \"fx\": 0.5, \"fy\": 0.9, \"cx\": 0.5, \"cy\": 0.5,\n"
                     "   \"world_to_camera\": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]}\n"
                     "]}",
                     SL_CAMERA_PATH_FORMAT_JSON, "line 5 (frame 2)", "12 numbers");
  assert_load_error ("{\"frames\": [\n"
                     "  {\"t\": 0, \"fx\": \"NaN\", \"fy\": 0.9, \"cx\": 0.5, \"cy\": 0.5,\n"
                     "   \"world_to_camera\": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]}\n"
                     "]}",
                     SL_CAMERA_PATH_FORMAT_JSON, "line 3 (frame 1)", "“fx” must be a number");
  assert_load_error ("{\"frames\": [\n"
                     "  {\"t\": 0, \"fx\": 0.5, \"fy\": 0.9, \"cx\": 0.5, \"cy\": 0.5,\n"
                     "   \"world_to_camera\": [1, 0, 0, 0, 0, 1, 0.5, 0, 0, 0, 1, 0]}\n"
                     "]}",
                     SL_CAMERA_PATH_FORMAT_JSON, "line 3", "not a rotation");
}

/* A pose no keyframe can hold fails the import and changes nothing. */
static void
test_apply_out_of_range (void)
{
  g_autoptr(SlProject) project = new_project (24, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCameraPath) path = sl_camera_path_new_from_data ("src\n0 0.5 900 0.5 0.5 0 0 1 0 0 0 0 1 0 0 0 0 1 0\n",
                                                               -1, SL_CAMERA_PATH_FORMAT_RE10K, &error);

  g_assert_no_error (error);
  g_assert_false (sl_camera_path_apply (path, project, 1, &error));
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "focal-length"));
  g_assert_false (sl_history_can_undo (sl_project_get_history (project)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_moves (sl_project_get_shot (project, 1)))), ==, 4);
}

static void
test_formats (void)
{
  SlCameraPathFormat format;

  g_assert_true (sl_camera_path_format_from_path ("a/b.TXT", &format));
  g_assert_cmpint (format, ==, SL_CAMERA_PATH_FORMAT_RE10K);
  g_assert_true (sl_camera_path_format_from_path ("b.json", &format));
  g_assert_cmpint (format, ==, SL_CAMERA_PATH_FORMAT_JSON);
  g_assert_false (sl_camera_path_format_from_path ("a.json/b", &format));
  g_assert_false (sl_camera_path_format_from_path ("b.csv", &format));
  g_assert_true (sl_camera_path_format_from_name ("re10k", &format));
  g_assert_cmpint (format, ==, SL_CAMERA_PATH_FORMAT_RE10K);
  g_assert_false (sl_camera_path_format_from_name ("colmap", &format));
}

/* The file functions the editor calls. */
static void
test_files (void)
{
  g_autoptr(SlProject) project = new_project (24, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("camera-path-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "path.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);

  g_assert_no_error (error);
  g_assert_true (sl_camera_path_export_shot (project, 1, file, SL_CAMERA_PATH_FORMAT_JSON, &error));
  g_assert_no_error (error);
  g_assert_true (sl_camera_path_import_shot (project, 0, file, SL_CAMERA_PATH_FORMAT_JSON, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (project, 0)), ==, 2 * SL_SECOND);
  g_assert_false (sl_camera_path_import_shot (project, 0, missing, SL_CAMERA_PATH_FORMAT_RE10K, &error));
  g_assert_nonnull (strstr (error->message, "missing.txt"));
  g_remove (file);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera-path/round-trip/re10k", test_round_trip_re10k);
  g_test_add_func ("/camera-path/round-trip/json", test_round_trip_json);
  g_test_add_func ("/camera-path/re10k/layout", test_re10k_layout);
  g_test_add_func ("/camera-path/re10k/dataset", test_re10k_dataset);
  g_test_add_func ("/camera-path/re10k/errors", test_re10k_errors);
  g_test_add_func ("/camera-path/json/errors", test_json_errors);
  g_test_add_func ("/camera-path/apply/out-of-range", test_apply_out_of_range);
  g_test_add_func ("/camera-path/formats", test_formats);
  g_test_add_func ("/camera-path/files", test_files);
  return g_test_run ();
}
