/* test-camera.c: the camera model, easing curves and the camera solver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "shotline-shots.h"
#include "shotline-engine.h"
#include "sl-preset-library.h"

#define WIDTH 1920.0
#define HEIGHT 1080.0

/* ----- presets written here, so the tests do not hang on data/moves ------ */

static const char *const preset_texts[] = {
  "{\"id\": \"static\", \"category\": \"static\", \"name\": {\"en\": \"Static\", \"zh\": \"固定\"},"
  " \"aliases\": {\"en\": [\"static\"], \"zh\": [\"固定\"]},"
  " \"amount\": {\"default\": 0, \"unit\": \"\"}, \"primitives\": []}",

  "{\"id\": \"push-in\", \"category\": \"dolly\", \"name\": {\"en\": \"Push in\", \"zh\": \"推\"},"
  " \"aliases\": {\"en\": [\"push in\"], \"zh\": [\"推\"]},"
  " \"amount\": {\"default\": 30, \"unit\": \"%\", \"units\": [\"%\", \"m\"]},"
  " \"primitives\": [{\"op\": \"translate\", \"axis\": [0, 0, 1]}]}",

  "{\"id\": \"pan-right\", \"category\": \"pan\", \"name\": {\"en\": \"Pan right\", \"zh\": \"右摇\"},"
  " \"aliases\": {\"en\": [\"pan right\"], \"zh\": [\"右摇\"]},"
  " \"amount\": {\"default\": 30, \"unit\": \"deg\"},"
  " \"primitives\": [{\"op\": \"rotate\", \"axis\": [0, 1, 0], \"scale\": 1}]}",

  "{\"id\": \"tilt-up\", \"category\": \"tilt\", \"name\": {\"en\": \"Tilt up\", \"zh\": \"上摇\"},"
  " \"aliases\": {\"en\": [\"tilt up\"], \"zh\": [\"上摇\"]},"
  " \"amount\": {\"default\": 20, \"unit\": \"deg\"},"
  " \"primitives\": [{\"op\": \"rotate\", \"axis\": [1, 0, 0], \"scale\": -1}]}",

  "{\"id\": \"zoom-in\", \"category\": \"zoom\", \"name\": {\"en\": \"Zoom in\", \"zh\": \"变焦推\"},"
  " \"aliases\": {\"en\": [\"zoom in\"], \"zh\": [\"变焦推\"]},"
  " \"amount\": {\"default\": 1.5, \"unit\": \"x\", \"units\": [\"x\", \"%\"]},"
  " \"primitives\": [{\"op\": \"zoom\"}]}",

  "{\"id\": \"dolly-zoom-in\", \"category\": \"dolly-zoom\", \"name\": {\"en\": \"Dolly zoom\", \"zh\": \"滑动变焦\"},"
  " \"aliases\": {\"en\": [\"dolly zoom\"], \"zh\": [\"滑动变焦\"]},"
  " \"amount\": {\"default\": 30, \"unit\": \"%\", \"units\": [\"%\", \"m\"]},"
  " \"primitives\": [{\"op\": \"dolly_zoom\"}]}",

  "{\"id\": \"orbit-left\", \"category\": \"orbit\", \"name\": {\"en\": \"Orbit left\", \"zh\": \"左环绕\"},"
  " \"aliases\": {\"en\": [\"orbit left\"], \"zh\": [\"左环绕\"]},"
  " \"amount\": {\"default\": 90, \"unit\": \"deg\"},"
  " \"primitives\": [{\"op\": \"orbit\", \"axis\": [0, 1, 0]}]}",

  "{\"id\": \"lazy-susan\", \"category\": \"orbit\", \"name\": {\"en\": \"Lazy susan\", \"zh\": \"转台\"},"
  " \"aliases\": {\"en\": [\"lazy susan\"], \"zh\": [\"转台\"]},"
  " \"amount\": {\"default\": 180, \"unit\": \"deg\"},"
  " \"primitives\": [{\"op\": \"orbit\", \"axis\": [0, 1, 0], \"scale\": -1},"
  "                {\"op\": \"orbit\", \"axis\": [1, 0, 0], \"scale\": 0.1}]}",

  "{\"id\": \"handheld\", \"category\": \"handheld\", \"name\": {\"en\": \"Handheld\", \"zh\": \"手持\"},"
  " \"aliases\": {\"en\": [\"handheld\"], \"zh\": [\"手持\"]},"
  " \"amount\": {\"default\": 100, \"unit\": \"%\"},"
  " \"primitives\": [{\"op\": \"noise\", \"frequency\": 1.5, \"amplitude\": [0.015, 0.5]}]}",

  "{\"id\": \"rack-focus\", \"category\": \"focus\", \"name\": {\"en\": \"Rack focus\", \"zh\": \"转焦\"},"
  " \"aliases\": {\"en\": [\"rack focus\"], \"zh\": [\"转焦\"]},"
  " \"amount\": {\"default\": 1.5, \"unit\": \"m\", \"units\": [\"m\", \"%\"]},"
  " \"primitives\": [{\"op\": \"focus\", \"from\": 0.25, \"to\": 0.75}]}",
};

static GHashTable *presets;

static SlPreset *
lookup_preset (const char *id,
               gpointer    user_data)
{
  return g_hash_table_lookup (user_data, id);
}

static void
load_presets (void)
{
  presets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (preset_texts); i++)
    {
      g_autoptr(GError) error = NULL;
      SlPreset *preset = sl_preset_new_from_data (preset_texts[i], -1, "test", &error);

      g_assert_no_error (error);
      g_hash_table_insert (presets, (gpointer) sl_preset_get_id (preset), preset);
    }
}

/* ----- helpers ------------------------------------------------------------ */

static SlShot *
new_shot (double seconds)
{
  return sl_shot_new ("test", (gint64) (seconds * SL_SECOND));
}

/* A move over [start, end) s (end < 0: to the end of the shot), eased. */
static SlMove *
add_move (SlShot     *shot,
          const char *kind,
          double      amount,
          SlUnit      unit,
          SlEasing    easing,
          double      start,
          double      end)
{
  g_autoptr(SlMove) move = sl_move_new (kind, amount, unit);

  g_object_set (move,
                "easing", easing,
                "start", (gint64) (start * SL_SECOND),
                "end", end < 0 ? (gint64) -1 : (gint64) (end * SL_SECOND),
                NULL);
  g_list_store_append (sl_shot_get_moves (shot), move);
  return move;
}

static void
add_keyframe (SlShot *shot,
              double  seconds,
              double  x,
              double  y,
              double  z,
              double  yaw,
              double  focal)
{
  g_autoptr(SlKeyframe) keyframe = sl_keyframe_new ((gint64) (seconds * SL_SECOND));

  g_object_set (keyframe, "x", x, "y", y, "z", z, "yaw", yaw, "focal-length", focal, NULL);
  g_list_store_append (sl_shot_get_keyframes (shot), keyframe);
}

static SlCameraSolver *
new_solver_with_seed (SlShot *shot,
                      guint   seed)
{
  SlCameraSetup setup = { .aspect = WIDTH / HEIGHT, .seed = seed, .shot_index = 0 };
  g_autoptr(GError) error = NULL;
  SlCameraSolver *solver = sl_camera_solver_new_for_shot (shot, &setup, lookup_preset, presets, &error);

  g_assert_no_error (error);
  g_assert_nonnull (solver);
  return solver;
}

static SlCameraSolver *
new_solver (SlShot *shot)
{
  return new_solver_with_seed (shot, 1);
}

static void
project (const SlCamera *camera,
         SlVec3          point,
         double         *x,
         double         *y)
{
  g_assert_true (sl_camera_project (camera, point, WIDTH, HEIGHT, x, y, NULL));
}

static void
assert_vec3_near (SlVec3 a,
                  SlVec3 b,
                  double epsilon)
{
  g_assert_cmpfloat (fabs (a.x - b.x), <=, epsilon);
  g_assert_cmpfloat (fabs (a.y - b.y), <=, epsilon);
  g_assert_cmpfloat (fabs (a.z - b.z), <=, epsilon);
}

/* The same rotation: q and -q are one. */
static void
assert_quat_near (SlQuat a,
                  SlQuat b,
                  double epsilon)
{
  g_assert_cmpfloat_with_epsilon (fabs (sl_quat_dot (a, b)), 1.0, epsilon);
}

static double
angle_between (SlQuat a,
               SlQuat b)
{
  return 2.0 * acos (MIN (fabs (sl_quat_dot (a, b)), 1.0));
}

/* ----- math --------------------------------------------------------------- */

static void
test_math_rotations (void)
{
  SlQuat q = sl_quat_from_axis_angle (sl_vec3 (1, 2, 3), 0.7);
  SlMat3 m = sl_quat_to_mat3 (q), mt = sl_mat3_transpose (&m), product = sl_mat3_mul (&m, &mt);
  SlMat3 identity = sl_mat3_identity ();
  SlVec3 v = sl_vec3 (-0.3, 0.8, 2.5);

  /* The usual right-handed matrices: +y takes +z toward +x, +x takes +z
   * toward -y, +z takes +y toward -x. */
  assert_vec3_near (sl_quat_rotate (sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), G_PI / 2), sl_vec3 (0, 0, 1)),
                    sl_vec3 (1, 0, 0), 1e-15);
  assert_vec3_near (sl_quat_rotate (sl_quat_from_axis_angle (sl_vec3 (1, 0, 0), G_PI / 2), sl_vec3 (0, 0, 1)),
                    sl_vec3 (0, -1, 0), 1e-15);
  assert_vec3_near (sl_quat_rotate (sl_quat_from_axis_angle (sl_vec3 (0, 0, 1), G_PI / 2), sl_vec3 (0, 1, 0)),
                    sl_vec3 (-1, 0, 0), 1e-15);

  assert_vec3_near (sl_quat_rotate (q, v), sl_mat3_mul_vec3 (&m, v), 1e-14);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpfloat_with_epsilon (product.m[i][j], identity.m[i][j], 1e-15);
  assert_quat_near (sl_quat_from_mat3 (&m), q, 1e-15);
  /* Shepperd's other branches: turns by nearly half a revolution. */
  for (guint axis = 0; axis < 3; axis++)
    {
      SlVec3 a = sl_vec3 (axis == 0, axis == 1, axis == 2);
      SlQuat r = sl_quat_from_axis_angle (sl_vec3_add (a, sl_vec3 (0.1, 0.1, 0.1)), 3.0);
      SlMat3 rm = sl_quat_to_mat3 (r);

      assert_quat_near (sl_quat_from_mat3 (&rm), r, 1e-14);
    }

  assert_quat_near (sl_quat_exp (sl_quat_log (q)), q, 1e-15);
  assert_vec3_near (sl_quat_log (sl_quat_identity ()), sl_vec3 (0, 0, 0), 0);
}

static void
test_math_slerp (void)
{
  SlQuat a = sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), 0.2);
  SlQuat b = sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), 1.4);
  SlQuat mid = sl_quat_slerp (a, b, 0.5), first = sl_quat_slerp (a, b, 0.0);

  g_assert_true (memcmp (&first, &a, sizeof a) == 0);
  assert_quat_near (sl_quat_slerp (a, b, 1), b, 1e-15);
  assert_quat_near (mid, sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), 0.8), 1e-15);
  /* The short way round, whichever sign b has. */
  assert_quat_near (sl_quat_slerp (a, sl_quat_negate (b), 0.5), mid, 1e-15);
  /* Nearly equal rotations interpolate without dividing by ~0. */
  assert_quat_near (sl_quat_slerp (a, sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), 0.2 + 1e-12), 0.5), a, 1e-15);
}

static void
test_math_matrices (void)
{
  SlMat4 a = sl_mat4_identity (), b = sl_mat4_identity (), c;
  SlVec3 p;

  a.m[0][3] = 2.0;              /* translate x by 2 */
  b.m[1][1] = 3.0;              /* scale y by 3 */
  c = sl_mat4_mul (&a, &b);     /* scale first, then translate */
  p = sl_mat4_transform_point (&c, sl_vec3 (1, 1, 1));
  assert_vec3_near (p, sl_vec3 (3, 3, 1), 0);
  /* w is divided out. */
  c.m[3][3] = 2.0;
  p = sl_mat4_transform_point (&c, sl_vec3 (1, 1, 1));
  assert_vec3_near (p, sl_vec3 (1.5, 1.5, 0.5), 0);
}

/* ----- easing ------------------------------------------------------------- */

static void
test_easing_curves (void)
{
  const SlEasing easings[] = { SL_EASING_LINEAR, SL_EASING_EASE_IN, SL_EASING_EASE_OUT, SL_EASING_EASE_IN_OUT };
  const double css_ease[] = { 0.25, 0.1, 0.25, 1.0 };

  for (guint e = 0; e < G_N_ELEMENTS (easings); e++)
    {
      double previous = 0.0;

      g_assert_cmpfloat (sl_easing_evaluate (easings[e], NULL, 0.0), ==, 0.0);
      g_assert_cmpfloat (sl_easing_evaluate (easings[e], NULL, 1.0), ==, 1.0);
      g_assert_cmpfloat (sl_easing_evaluate (easings[e], NULL, -3.0), ==, 0.0);
      g_assert_cmpfloat (sl_easing_evaluate (easings[e], NULL, 7.0), ==, 1.0);
      for (guint i = 1; i <= 1000; i++)
        {
          double value = sl_easing_evaluate (easings[e], NULL, i / 1000.0);

          g_assert_cmpfloat (value, >, previous);
          previous = value;
        }
    }

  /* Ease in-out is point-symmetric about (½, ½). */
  for (guint i = 0; i <= 100; i++)
    {
      double x = i / 100.0;

      g_assert_cmpfloat_with_epsilon (sl_easing_evaluate (SL_EASING_EASE_IN_OUT, NULL, x)
                                      + sl_easing_evaluate (SL_EASING_EASE_IN_OUT, NULL, 1.0 - x), 1.0, 1e-14);
    }
  g_assert_cmpfloat_with_epsilon (sl_easing_evaluate (SL_EASING_EASE_IN_OUT, NULL, 0.5), 0.5, 1e-15);

  /* Known values of the CSS curves (bisection to full precision). */
  g_assert_cmpfloat_with_epsilon (sl_easing_evaluate (SL_EASING_CUBIC_BEZIER, css_ease, 0.5),
                                  0.802403387584857, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_easing_evaluate (SL_EASING_EASE_IN, NULL, 0.5), 0.31535681257253945, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_easing_evaluate (SL_EASING_EASE_OUT, NULL, 0.5), 0.6846431874274606, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_easing_evaluate (SL_EASING_EASE_IN_OUT, NULL, 0.25), 0.1291619310473198, 1e-12);
  /* y beyond 0..1 overshoots ("back" easing). */
  g_assert_cmpfloat_with_epsilon (sl_cubic_bezier (0.68, -0.55, 0.265, 1.55, 0.3), -0.049316718488667505, 1e-12);
}

/* ----- the camera --------------------------------------------------------- */

static void
test_camera_lens (void)
{
  SlCamera camera;
  SlIntrinsics k;
  double w, h, hfov, vfov;

  sl_camera_fit_sensor (16.0 / 9.0, &w, &h);
  g_assert_cmpfloat (w, ==, 36.0);
  g_assert_cmpfloat_with_epsilon (h, 20.25, 1e-12);
  sl_camera_fit_sensor (9.0 / 16.0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 13.5, 1e-12);
  g_assert_cmpfloat (h, ==, 24.0);
  sl_camera_fit_sensor (1.5, &w, &h);
  g_assert_cmpfloat (w, ==, 36.0);
  g_assert_cmpfloat (h, ==, 24.0);

  sl_camera_init (&camera, WIDTH / HEIGHT);
  sl_camera_get_fov (&camera, &hfov, &vfov);
  g_assert_cmpfloat_with_epsilon (hfov, 2 * atan (18.0 / 35.0) * 180 / G_PI, 1e-12);
  g_assert_cmpfloat_with_epsilon (vfov, 2 * atan (10.125 / 35.0) * 180 / G_PI, 1e-12);
  sl_camera_get_intrinsics (&camera, WIDTH, HEIGHT, &k);
  g_assert_cmpfloat_with_epsilon (k.fx, 35.0 * WIDTH / 36.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (k.fy, k.fx, 1e-9);
  g_assert_cmpfloat (k.cx, ==, WIDTH / 2);
  g_assert_cmpfloat (k.cy, ==, HEIGHT / 2);
  g_assert_cmpfloat_with_epsilon (sl_camera_get_frame_height (&camera, 35.0), 20.25, 1e-12);
}

static void
test_camera_projection (void)
{
  SlCamera camera;
  SlMat34 rigid;
  SlMat4 view;
  SlVec3 point = sl_vec3 (0.7, -0.4, 6.0), back, c;
  SlIntrinsics k;
  double x, y, depth;

  sl_camera_init (&camera, WIDTH / HEIGHT);
  camera.position = sl_vec3 (0.5, 1.2, -2.0);
  camera.orientation = sl_camera_orientation_from_euler (20.0, 10.0, -5.0);
  camera.focal_length = 50.0;

  /* Straight ahead lands on the centre. */
  g_assert_true (sl_camera_project (&camera, sl_vec3_add (camera.position, sl_quat_rotate (camera.orientation, sl_vec3 (0, 0, 3))),
                                    WIDTH, HEIGHT, &x, &y, &depth));
  g_assert_cmpfloat_with_epsilon (x, WIDTH / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, HEIGHT / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (depth, 3.0, 1e-12);

  /* Right is right and up is up on the picture. */
  sl_camera_init (&camera, WIDTH / HEIGHT);
  project (&camera, sl_vec3 (1, 1, 10), &x, &y);
  g_assert_cmpfloat (x, >, WIDTH / 2);
  g_assert_cmpfloat (y, <, HEIGHT / 2);
  g_assert_false (sl_camera_project (&camera, sl_vec3 (0, 0, -1), WIDTH, HEIGHT, &x, &y, &depth));
  g_assert_cmpfloat (depth, ==, -1.0);

  camera.position = sl_vec3 (0.5, 1.2, -2.0);
  camera.orientation = sl_camera_orientation_from_euler (20.0, 10.0, -5.0);
  project (&camera, point, &x, &y);
  g_assert_true (sl_camera_project (&camera, point, WIDTH, HEIGHT, NULL, NULL, &depth));
  back = sl_camera_unproject (&camera, x, y, depth, WIDTH, HEIGHT);
  assert_vec3_near (back, point, 1e-12);

  /* The 3 × 4 and 4 × 4 matrices agree with the projection. */
  sl_camera_world_to_camera (&camera, &rigid);
  sl_camera_get_view_matrix (&camera, &view);
  sl_camera_get_intrinsics (&camera, WIDTH, HEIGHT, &k);
  c = sl_vec3 (rigid.m[0][0] * point.x + rigid.m[0][1] * point.y + rigid.m[0][2] * point.z + rigid.m[0][3],
               rigid.m[1][0] * point.x + rigid.m[1][1] * point.y + rigid.m[1][2] * point.z + rigid.m[1][3],
               rigid.m[2][0] * point.x + rigid.m[2][1] * point.y + rigid.m[2][2] * point.z + rigid.m[2][3]);
  g_assert_cmpfloat_with_epsilon (c.z, depth, 1e-12);
  g_assert_cmpfloat_with_epsilon (k.cx + k.fx * c.x / c.z, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (k.cy - k.fy * c.y / c.z, y, 1e-9);
  assert_vec3_near (sl_mat4_transform_point (&view, point), c, 1e-12);
  g_assert_cmpfloat (view.m[3][3], ==, 1.0);
}

/* ----- the solver --------------------------------------------------------- */

static void
test_static (void)
{
  g_autoptr(SlShot) shot = new_shot (3.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlCamera first, camera;

  g_object_set (shot, "size-start", SL_SHOT_SIZE_MEDIUM, "angle", SL_ANGLE_HIGH, NULL);
  add_move (shot, "static", 0, SL_UNIT_NONE, SL_EASING_EASE_IN_OUT, 0, -1);
  solver = new_solver (shot);

  sl_camera_solver_evaluate (solver, 0.0, &first);
  for (guint i = 1; i <= 90; i++)
    {
      sl_camera_solver_evaluate (solver, i / 30.0, &camera);
      g_assert_true (memcmp (&camera, &first, sizeof camera) == 0);
    }
}

static void
test_push_in (void)
{
  g_autoptr(SlShot) shot = new_shot (4.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlCamera start, middle, end;
  SlVec3 subject;
  double distance;

  add_move (shot, "push-in", 30, SL_UNIT_PERCENT, SL_EASING_LINEAR, 0, -1);
  solver = new_solver (shot);
  sl_camera_solver_get_subject (solver, &subject, &distance);
  g_assert_cmpfloat (distance, >, 0.5);

  sl_camera_solver_evaluate (solver, 0.0, &start);
  sl_camera_solver_evaluate (solver, 2.0, &middle);
  sl_camera_solver_evaluate (solver, 4.0, &end);
  assert_vec3_near (start.position, sl_vec3 (0, 0, 0), 1e-12);
  assert_vec3_near (middle.position, sl_vec3 (0, 0, 0.15 * distance), 1e-12);
  assert_vec3_near (end.position, sl_vec3 (0, 0, 0.3 * distance), 1e-12);
  /* The focus stays on the subject. */
  g_assert_cmpfloat_with_epsilon (end.focus_distance, 0.7 * distance, 1e-12);
  g_assert_cmpfloat (end.focal_length, ==, start.focal_length);
}

static void
test_pan_and_tilt (void)
{
  g_autoptr(SlShot) pan_shot = new_shot (2.0), tilt_shot = new_shot (2.0);
  g_autoptr(SlCameraSolver) pan = NULL, tilt = NULL;
  SlVec3 far = sl_vec3 (0, 0, 1e7);
  SlIntrinsics k;
  SlCamera camera;
  double x, y;

  add_move (pan_shot, "pan-right", 12, SL_UNIT_DEGREES, SL_EASING_EASE_IN_OUT, 0, -1);
  add_move (tilt_shot, "tilt-up", 7, SL_UNIT_DEGREES, SL_EASING_EASE_IN_OUT, 0, -1);
  pan = new_solver (pan_shot);
  tilt = new_solver (tilt_shot);

  /* Panning right by N° slides a distant point left by f·tan N. */
  sl_camera_solver_evaluate (pan, 2.0, &camera);
  sl_camera_get_intrinsics (&camera, WIDTH, HEIGHT, &k);
  project (&camera, far, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, k.cx - k.fx * tan (SL_DEG_TO_RAD (12.0)), 1e-6);
  g_assert_cmpfloat_with_epsilon (y, k.cy, 1e-6);

  /* Tilting up by N° slides it down by f·tan N. */
  sl_camera_solver_evaluate (tilt, 2.0, &camera);
  project (&camera, far, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, k.cx, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, k.cy + k.fy * tan (SL_DEG_TO_RAD (7.0)), 1e-6);

  /* Half-way through an ease in-out, half the turn. */
  sl_camera_solver_evaluate (pan, 1.0, &camera);
  project (&camera, far, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, k.cx - k.fx * tan (SL_DEG_TO_RAD (6.0)), 1e-6);
}

/* How far each sample is from the cubic through its four neighbours: next
 * to nothing for a smooth path, about 0.4 px for one snapped to pixels. */
static double
jitter (const double *x,
        guint         n)
{
  double sum = 0.0;

  for (guint i = 2; i + 2 < n; i++)
    {
      double predicted = (-x[i - 2] + 4 * x[i - 1] + 4 * x[i + 1] - x[i + 2]) / 6.0;

      sum += (x[i] - predicted) * (x[i] - predicted);
    }
  return sqrt (sum / (n - 4));
}

static void
test_smooth_path (void)
{
  g_autoptr(SlShot) shot = new_shot (5.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  double x[120], y[120], snapped[120];
  SlVec3 point;
  double distance;

  add_move (shot, "push-in", 10, SL_UNIT_PERCENT, SL_EASING_LINEAR, 0, -1);
  add_move (shot, "pan-right", 5, SL_UNIT_DEGREES, SL_EASING_LINEAR, 0, -1);
  solver = new_solver (shot);
  sl_camera_solver_get_subject (solver, NULL, &distance);
  point = sl_vec3 (0.37, 0.21, distance * 1.3);

  for (guint i = 0; i < 120; i++)
    {
      SlCamera camera;

      sl_camera_solver_evaluate (solver, i / 24.0, &camera);
      project (&camera, point, &x[i], &y[i]);
      snapped[i] = round (x[i]);
    }

  for (guint i = 1; i < 120; i++)
    {
      /* Steadily one way: never still, never back. */
      g_assert_cmpfloat (x[i] - x[i - 1], <, -0.1);
      g_assert_cmpfloat (y[i] - y[i - 1], <, 0.0);
      if (i >= 2)
        g_assert_cmpfloat (fabs (x[i] - 2 * x[i - 1] + x[i - 2]), <, 0.01);
    }
  g_test_message ("jitter: %.3g px across, %.3g px down; snapped to pixels: %.3g px",
                  jitter (x, 120), jitter (y, 120), jitter (snapped, 120));
  g_assert_cmpfloat (jitter (x, 120), <, 0.01);
  g_assert_cmpfloat (jitter (y, 120), <, 0.01);
  /* What integer cropping (ffmpeg's zoompan) does to the same path. */
  g_assert_cmpfloat (jitter (snapped, 120), >, 0.2);
}

static void
test_dolly_zoom (void)
{
  g_autoptr(SlShot) shot = new_shot (3.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlVec3 subject, top, bottom, background;
  double distance, height0 = 0, offset0 = 0, largest_change = 0;

  add_move (shot, "dolly-zoom-in", 40, SL_UNIT_PERCENT, SL_EASING_EASE_IN_OUT, 0, -1);
  solver = new_solver (shot);
  sl_camera_solver_get_subject (solver, &subject, &distance);
  top = sl_vec3_add (subject, sl_vec3 (0, 0.5, 0));
  bottom = sl_vec3_add (subject, sl_vec3 (0, -0.5, 0));
  background = sl_vec3 (1.0, 0.0, 3.0 * distance);

  for (guint i = 0; i <= 72; i++)
    {
      SlCamera camera;
      double x, y_top, y_bottom, x_background, y_background;

      sl_camera_solver_evaluate (solver, i / 24.0, &camera);
      project (&camera, top, &x, &y_top);
      project (&camera, bottom, &x, &y_bottom);
      project (&camera, background, &x_background, &y_background);
      if (i == 0)
        {
          height0 = y_bottom - y_top;
          offset0 = x_background - WIDTH / 2;
        }
      g_assert_cmpfloat (fabs ((y_bottom - y_top) / height0 - 1.0), <, 0.005);
      largest_change = MAX (largest_change, fabs ((x_background - WIDTH / 2) / offset0 - 1.0));
    }
  /* The background point behind the subject shrinks toward the centre as
   * the lens widens: it must have moved a lot. */
  g_assert_cmpfloat (largest_change, >, 0.2);
}

static void
test_orbit (void)
{
  g_autoptr(SlShot) shot = new_shot (4.0), aimed_shot = new_shot (4.0), susan_shot = new_shot (4.0);
  g_autoptr(SlCameraSolver) solver = NULL, aimed = NULL, susan = NULL;
  SlVec3 subject, target = sl_vec3 (0.4, 0.2, 3.0);
  SlMove *move;
  double distance, target_x0 = 0, target_y0 = 0;
  SlCamera end;

  g_object_set (shot, "size-start", SL_SHOT_SIZE_MEDIUM, NULL);
  add_move (shot, "orbit-left", 60, SL_UNIT_DEGREES, SL_EASING_EASE_IN_OUT, 0, -1);
  solver = new_solver (shot);
  sl_camera_solver_get_subject (solver, &subject, &distance);

  move = add_move (aimed_shot, "orbit-left", 75, SL_UNIT_DEGREES, SL_EASING_EASE_OUT, 0.5, 3.5);
  g_object_set (move, "has-target", TRUE, "target-x", target.x, "target-y", target.y, "target-z", target.z, NULL);
  aimed = new_solver (aimed_shot);

  for (guint i = 0; i <= 96; i++)
    {
      SlCamera camera;
      double x, y;

      sl_camera_solver_evaluate (solver, i / 24.0, &camera);
      project (&camera, subject, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, WIDTH / 2, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, HEIGHT / 2, 1e-6);
      g_assert_cmpfloat_with_epsilon (sl_vec3_distance (camera.position, subject), distance, 1e-9);

      sl_camera_solver_evaluate (aimed, i / 24.0, &camera);
      project (&camera, target, &x, &y);
      if (i == 0)
        {
          target_x0 = x;
          target_y0 = y;
        }
      g_assert_cmpfloat_with_epsilon (x, target_x0, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, target_y0, 1e-6);
    }

  /* +y carries the camera to its left, on the circle, at the same height. */
  sl_camera_solver_evaluate (solver, 4.0, &end);
  assert_vec3_near (end.position,
                    sl_vec3 (-distance * sin (SL_DEG_TO_RAD (60.0)), 0, distance - distance * cos (SL_DEG_TO_RAD (60.0))),
                    1e-12);

  /* Around, then over: the rise is about the axes the turn carried along,
   * so after half a revolution the camera is above the subject, not below. */
  add_move (susan_shot, "lazy-susan", 180, SL_UNIT_DEGREES, SL_EASING_LINEAR, 0, -1);
  susan = new_solver (susan_shot);
  sl_camera_solver_get_subject (susan, &subject, &distance);
  sl_camera_solver_evaluate (susan, 4.0, &end);
  g_assert_cmpfloat_with_epsilon (end.position.y, distance * sin (SL_DEG_TO_RAD (18.0)), 1e-9);
  g_assert_cmpfloat_with_epsilon (end.position.z, distance + distance * cos (SL_DEG_TO_RAD (18.0)), 1e-9);
}

static void
test_handheld (void)
{
  g_autoptr(SlShot) shot = new_shot (6.0), late_shot = new_shot (6.0);
  g_autoptr(SlCameraSolver) a = NULL, b = NULL, other = NULL, late = NULL;
  double largest_shift = 0, largest_turn = 0, largest_difference = 0;

  g_object_set (shot, "size-start", SL_SHOT_SIZE_CLOSE_UP, NULL);
  add_move (shot, "handheld", 100, SL_UNIT_PERCENT, SL_EASING_LINEAR, 0, -1);
  a = new_solver_with_seed (shot, 7);
  b = new_solver_with_seed (shot, 7);
  other = new_solver_with_seed (shot, 8);

  for (guint i = 0; i <= 6 * 48; i++)
    {
      SlCamera ca, cb, co;
      SlVec3 shift;

      sl_camera_solver_evaluate (a, i / 48.0, &ca);
      sl_camera_solver_evaluate (b, i / 48.0, &cb);
      sl_camera_solver_evaluate (other, i / 48.0, &co);
      g_assert_true (memcmp (&ca, &cb, sizeof ca) == 0);
      largest_difference = MAX (largest_difference, sl_vec3_distance (ca.position, co.position));

      /* Each axis within the preset's amplitude; the turn within its
       * degrees on each of the three axes. */
      shift = ca.position;
      g_assert_cmpfloat (fabs (shift.x), <=, 0.015);
      g_assert_cmpfloat (fabs (shift.y), <=, 0.015);
      g_assert_cmpfloat (fabs (shift.z), <=, 0.015);
      g_assert_cmpfloat (angle_between (ca.orientation, sl_quat_identity ()), <=, SL_DEG_TO_RAD (0.5) * sqrt (3.0));
      largest_shift = MAX (largest_shift, sl_vec3_length (shift));
      largest_turn = MAX (largest_turn, angle_between (ca.orientation, sl_quat_identity ()));
    }
  g_assert_cmpfloat (largest_shift, >, 0.005);
  g_assert_cmpfloat (largest_turn, >, SL_DEG_TO_RAD (0.15));
  g_assert_cmpfloat (largest_difference, >, 0.005);

  /* A shake that starts inside the shot fades in from nothing. */
  add_move (late_shot, "handheld", 100, SL_UNIT_PERCENT, SL_EASING_LINEAR, 2.0, -1);
  late = new_solver (late_shot);
  for (guint i = 0; i <= 48; i++)
    {
      SlCamera camera;

      sl_camera_solver_evaluate (late, 2.0 * i / 48.0, &camera);
      assert_vec3_near (camera.position, sl_vec3 (0, 0, 0), 0);
    }
  for (guint i = 1; i <= 10; i++)
    {
      SlCamera camera;

      sl_camera_solver_evaluate (late, 2.0 + i * 1e-4, &camera);
      g_assert_cmpfloat (sl_vec3_length (camera.position), <, 1e-6);
    }
}

static void
test_keyframes_through (void)
{
  g_autoptr(SlShot) shot = new_shot (6.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  const struct { double t, x, y, z, yaw, focal; } keys[] = {
    { 0.0, 0.0, 0.0, 0.0, 0.0, 24.0 },
    { 0.4, 1.0, 0.2, 0.5, 15.0, 35.0 },
    { 3.0, 1.5, 0.0, 4.0, 40.0, 85.0 },
    { 3.5, -0.5, 1.0, 4.2, -20.0, 50.0 },
    { 6.0, 0.0, 0.0, 8.0, 0.0, 50.0 },
  };

  /* Out of order on purpose: the solver sorts by time. */
  for (guint i = G_N_ELEMENTS (keys); i > 0; i--)
    add_keyframe (shot, keys[i - 1].t, keys[i - 1].x, keys[i - 1].y, keys[i - 1].z, keys[i - 1].yaw, keys[i - 1].focal);
  solver = new_solver (shot);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      SlCamera camera;

      sl_camera_solver_evaluate (solver, keys[i].t, &camera);
      g_assert_cmpfloat (camera.position.x, ==, keys[i].x);
      g_assert_cmpfloat (camera.position.y, ==, keys[i].y);
      g_assert_cmpfloat (camera.position.z, ==, keys[i].z);
      assert_quat_near (camera.orientation, sl_camera_orientation_from_euler (keys[i].yaw, 0, 0), 1e-14);
      g_assert_cmpfloat_with_epsilon (camera.focal_length, keys[i].focal, 1e-12);
      g_assert_cmpfloat_with_epsilon (camera.focus_distance, 5.0, 1e-12);
    }

  /* The speed along the path and the turning rate are continuous where
   * segments meet. */
  for (guint i = 1; i + 1 < G_N_ELEMENTS (keys); i++)
    {
      const double h = 1e-6;
      SlCamera before, at, after;
      SlVec3 v0, v1;
      double w0, w1;

      sl_camera_solver_evaluate (solver, keys[i].t - h, &before);
      sl_camera_solver_evaluate (solver, keys[i].t, &at);
      sl_camera_solver_evaluate (solver, keys[i].t + h, &after);
      v0 = sl_vec3_scale (sl_vec3_sub (at.position, before.position), 1.0 / h);
      v1 = sl_vec3_scale (sl_vec3_sub (after.position, at.position), 1.0 / h);
      g_assert_cmpfloat (sl_vec3_distance (v0, v1), <, 1e-3 * MAX (1.0, sl_vec3_length (v0)));
      w0 = angle_between (before.orientation, at.orientation) / h;
      w1 = angle_between (at.orientation, after.orientation) / h;
      g_assert_cmpfloat (fabs (w0 - w1), <, 1e-3 * MAX (1.0, w0));
    }
}

static void
test_keyframes_no_overshoot (void)
{
  g_autoptr(SlShot) shot = new_shot (4.0), zoom_shot = new_shot (2.0);
  g_autoptr(SlCameraSolver) solver = NULL, zoom = NULL;
  double previous_z = 0, previous_yaw = 0;
  SlCamera camera;

  /* Uneven in space and in time: a uniform Catmull-Rom would run past the
   * second keyframe and come back, and a turn that is fast and then slow
   * would swing past the third. A hold (two keyframes at one place) at the
   * end must stay put. */
  add_keyframe (shot, 0.0, 0, 0, 0.0, 0, 35);
  add_keyframe (shot, 0.2, 0, 0, 0.5, 30, 35);
  add_keyframe (shot, 3.0, 0, 0, 10.0, 40, 35);
  add_keyframe (shot, 4.0, 0, 0, 10.0, 40, 35);
  solver = new_solver (shot);

  for (guint i = 0; i <= 4000; i++)
    {
      double t = i / 1000.0, yaw;
      SlVec3 forward;

      sl_camera_solver_evaluate (solver, t, &camera);
      sl_camera_get_axes (&camera, NULL, NULL, &forward);
      yaw = SL_RAD_TO_DEG (atan2 (forward.x, forward.z));
      g_assert_cmpfloat (camera.position.z, >=, previous_z);
      g_assert_cmpfloat (camera.position.z, <=, t <= 0.2 ? 0.5 : 10.0);
      g_assert_cmpfloat (yaw, >=, previous_yaw - 1e-12);
      g_assert_cmpfloat (yaw, <=, (t <= 0.2 ? 30.0 : 40.0) + 1e-9);
      if (t >= 3.0)
        g_assert_cmpfloat (camera.position.z, ==, 10.0);
      previous_z = camera.position.z;
      previous_yaw = yaw;
    }

  /* Focal length in log space: half-way from 20 to 80 mm is 40 mm. */
  add_keyframe (zoom_shot, 0.0, 0, 0, 0, 0, 20);
  add_keyframe (zoom_shot, 2.0, 0, 0, 0, 0, 80);
  zoom = new_solver (zoom_shot);
  sl_camera_solver_evaluate (zoom, 1.0, &camera);
  g_assert_cmpfloat_with_epsilon (camera.focal_length, 40.0, 1e-9);
}

static void
test_keyframes_with_moves (void)
{
  g_autoptr(SlShot) shot = new_shot (2.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlCamera camera;

  /* Moves apply on top of the keyframed camera, in its frame. */
  add_keyframe (shot, 0.0, 1.0, 2.0, 3.0, 90.0, 35);
  add_move (shot, "push-in", 2, SL_UNIT_METERS, SL_EASING_LINEAR, 0, -1);
  solver = new_solver (shot);
  sl_camera_solver_evaluate (solver, 2.0, &camera);
  assert_vec3_near (camera.position, sl_vec3 (3.0, 2.0, 3.0), 1e-12);
}

static void
test_compose (void)
{
  g_autoptr(SlShot) push_shot = new_shot (3.0), tilt_shot = new_shot (3.0), both_shot = new_shot (3.0);
  g_autoptr(SlCameraSolver) push = NULL, tilt = NULL, both = NULL;

  g_object_set (push_shot, "size-start", SL_SHOT_SIZE_MEDIUM_CLOSE_UP, NULL);
  g_object_set (tilt_shot, "size-start", SL_SHOT_SIZE_MEDIUM_CLOSE_UP, NULL);
  g_object_set (both_shot, "size-start", SL_SHOT_SIZE_MEDIUM_CLOSE_UP, NULL);
  add_move (push_shot, "push-in", 30, SL_UNIT_PERCENT, SL_EASING_EASE_IN_OUT, 0, -1);
  add_move (tilt_shot, "tilt-up", 15, SL_UNIT_DEGREES, SL_EASING_LINEAR, 1.0, 2.5);
  add_move (both_shot, "push-in", 30, SL_UNIT_PERCENT, SL_EASING_EASE_IN_OUT, 0, -1);
  add_move (both_shot, "tilt-up", 15, SL_UNIT_DEGREES, SL_EASING_LINEAR, 1.0, 2.5);
  push = new_solver (push_shot);
  tilt = new_solver (tilt_shot);
  both = new_solver (both_shot);

  for (guint i = 0; i <= 72; i++)
    {
      SlCamera p, t, b;

      sl_camera_solver_evaluate (push, i / 24.0, &p);
      sl_camera_solver_evaluate (tilt, i / 24.0, &t);
      sl_camera_solver_evaluate (both, i / 24.0, &b);
      assert_vec3_near (b.position, p.position, 1e-12);
      assert_quat_near (b.orientation, t.orientation, 1e-15);
      g_assert_cmpfloat (b.focal_length, ==, p.focal_length);
    }
}

static void
test_framing (void)
{
  const SlShotSize sizes[] = {
    SL_SHOT_SIZE_NONE, SL_SHOT_SIZE_EXTREME_LONG, SL_SHOT_SIZE_LONG, SL_SHOT_SIZE_MEDIUM_LONG,
    SL_SHOT_SIZE_MEDIUM, SL_SHOT_SIZE_MEDIUM_CLOSE_UP, SL_SHOT_SIZE_CLOSE_UP, SL_SHOT_SIZE_EXTREME_CLOSE_UP,
  };
  const SlAngle angles[] = {
    SL_ANGLE_EYE_LEVEL, SL_ANGLE_HIGH, SL_ANGLE_LOW, SL_ANGLE_BIRDS_EYE, SL_ANGLE_WORMS_EYE, SL_ANGLE_DUTCH,
  };
  const double pitches[] = { 0, 20, -20, 75, -60, 0 };

  g_assert_cmpfloat (sl_shot_size_get_frame_height (SL_SHOT_SIZE_CLOSE_UP), ==, 0.3);
  g_assert_cmpfloat (sl_shot_size_get_frame_height (SL_SHOT_SIZE_NONE), ==,
                     sl_shot_size_get_frame_height (SL_SHOT_SIZE_LONG));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint a = 0; a < G_N_ELEMENTS (angles); a++)
      {
        g_autoptr(SlShot) shot = new_shot (2.0);
        g_autoptr(SlCameraSolver) solver = NULL;
        double height = sl_shot_size_get_frame_height (sizes[s]), distance, x, y, y_top, y_bottom;
        SlVec3 subject, up, forward;
        SlCamera camera;

        g_object_set (shot, "size-start", sizes[s], "angle", angles[a], "dutch-degrees", 12.0, NULL);
        solver = new_solver (shot);
        sl_camera_solver_get_subject (solver, &subject, &distance);
        sl_camera_solver_evaluate (solver, 1.0, &camera);
        sl_camera_get_axes (&camera, NULL, &up, &forward);

        /* The subject sits on the axis of the level camera at the origin. */
        g_assert_cmpfloat (subject.x, ==, 0.0);
        g_assert_cmpfloat (subject.y, ==, 0.0);
        g_assert_cmpfloat_with_epsilon (subject.z, distance, 1e-12);
        project (&camera, subject, &x, &y);
        g_assert_cmpfloat_with_epsilon (x, WIDTH / 2, 1e-9);
        g_assert_cmpfloat_with_epsilon (y, HEIGHT / 2, 1e-9);
        /* The frame is `height` tall at the subject. */
        project (&camera, sl_vec3_add_scaled (subject, up, height / 2), &x, &y_top);
        project (&camera, sl_vec3_add_scaled (subject, up, -height / 2), &x, &y_bottom);
        g_assert_cmpfloat_with_epsilon ((y_bottom - y_top) / HEIGHT, 1.0, 1e-12);
        g_assert_cmpfloat_with_epsilon (camera.focus_distance, distance, 1e-12);
        /* Raised or lowered and pitched by the angle's degrees. */
        g_assert_cmpfloat_with_epsilon (asin (-forward.y), SL_DEG_TO_RAD (pitches[a]), 1e-12);
        if (angles[a] == SL_ANGLE_DUTCH)
          g_assert_cmpfloat_with_epsilon (atan2 (-up.x, up.y), SL_DEG_TO_RAD (12.0), 1e-12);
        else
          g_assert_cmpfloat_with_epsilon (up.x, 0.0, 1e-15);
      }
}

static void
test_framing_change (void)
{
  g_autoptr(SlShot) shot = new_shot (4.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlVec3 subject;
  SlCamera start, middle, end;

  /* From a long shot to a close-up: the camera travels in, the lens stays. */
  g_object_set (shot, "size-start", SL_SHOT_SIZE_LONG, "size-end", SL_SHOT_SIZE_CLOSE_UP, NULL);
  solver = new_solver (shot);
  sl_camera_solver_get_subject (solver, &subject, NULL);
  sl_camera_solver_evaluate (solver, 0.0, &start);
  sl_camera_solver_evaluate (solver, 2.0, &middle);
  sl_camera_solver_evaluate (solver, 4.0, &end);
  g_assert_cmpfloat_with_epsilon (sl_camera_get_frame_height (&start, subject.z - start.position.z), 2.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_camera_get_frame_height (&middle, subject.z - middle.position.z),
                                  sqrt (2.2 * 0.3), 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_camera_get_frame_height (&end, subject.z - end.position.z), 0.3, 1e-12);
  g_assert_cmpfloat (end.focal_length, ==, start.focal_length);
}

static void
test_zoom_and_focus (void)
{
  g_autoptr(SlShot) shot = new_shot (2.0), percent_shot = new_shot (2.0);
  g_autoptr(SlCameraSolver) solver = NULL, percent = NULL;
  double distance;
  SlCamera camera;

  add_move (shot, "zoom-in", 2, SL_UNIT_FACTOR, SL_EASING_LINEAR, 0, -1);
  add_move (shot, "rack-focus", 1.5, SL_UNIT_METERS, SL_EASING_LINEAR, 0, -1);
  solver = new_solver (shot);
  sl_camera_solver_get_subject (solver, NULL, &distance);

  sl_camera_solver_evaluate (solver, 0.0, &camera);
  g_assert_cmpfloat (camera.focal_length, ==, 35.0);
  g_assert_cmpfloat_with_epsilon (camera.focus_distance, distance, 1e-12);
  /* The zoom is even in scale; the focus pull is done between ¼ and ¾. */
  sl_camera_solver_evaluate (solver, 0.5, &camera);
  g_assert_cmpfloat_with_epsilon (camera.focus_distance, distance, 1e-12);
  sl_camera_solver_evaluate (solver, 1.0, &camera);
  g_assert_cmpfloat_with_epsilon (camera.focal_length, 35.0 * sqrt (2.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (camera.focus_distance, sqrt (distance * 1.5), 1e-12);
  sl_camera_solver_evaluate (solver, 1.5, &camera);
  g_assert_cmpfloat_with_epsilon (camera.focus_distance, 1.5, 1e-12);
  sl_camera_solver_evaluate (solver, 2.0, &camera);
  g_assert_cmpfloat_with_epsilon (camera.focal_length, 70.0, 1e-12);

  add_move (percent_shot, "zoom-in", 50, SL_UNIT_PERCENT, SL_EASING_LINEAR, 0, -1);
  percent = new_solver (percent_shot);
  sl_camera_solver_evaluate (percent, 2.0, &camera);
  g_assert_cmpfloat_with_epsilon (camera.focal_length, 52.5, 1e-12);
}

static void
test_errors (void)
{
  const struct { const char *kind; double amount; SlUnit unit; int code; } cases[] = {
    { "no-such-move", 1, SL_UNIT_NONE, SL_SHOTS_ERROR_NOT_FOUND },
    { "zoom-in", 0, SL_UNIT_FACTOR, SL_SHOTS_ERROR_INVALID },
    { "zoom-in", -100, SL_UNIT_PERCENT, SL_SHOTS_ERROR_INVALID },
    { "dolly-zoom-in", 100, SL_UNIT_PERCENT, SL_SHOTS_ERROR_INVALID },
  };
  SlCameraSetup setup = { .aspect = WIDTH / HEIGHT, .seed = 1, .shot_index = 4 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlShot) shot = new_shot (2.0);
      g_autoptr(SlCameraSolver) solver = NULL;
      g_autoptr(GError) error = NULL;

      add_move (shot, cases[i].kind, cases[i].amount, cases[i].unit, SL_EASING_LINEAR, 0, -1);
      solver = sl_camera_solver_new_for_shot (shot, &setup, lookup_preset, presets, &error);
      g_assert_null (solver);
      g_assert_error (error, SL_SHOTS_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "5"));
      g_assert_nonnull (strstr (error->message, cases[i].kind));
    }
}

static void
test_shutter (void)
{
  g_autoptr(SlShot) shot = new_shot (2.0);
  g_autoptr(SlCameraSolver) solver = NULL;
  SlCamera samples[4], camera;

  add_move (shot, "pan-right", 40, SL_UNIT_DEGREES, SL_EASING_EASE_IN, 0, -1);
  solver = new_solver (shot);
  /* Frame 10 at 24 fps with a 180° shutter. */
  sl_camera_solver_sample_shutter (solver, 10 * SL_SECOND / 24, SL_SECOND / 24, 0.5, 4, samples);
  for (guint k = 0; k < 4; k++)
    {
      double t = (10 * SL_SECOND / 24) / 1e9 + (SL_SECOND / 24) / 1e9 * 0.5 * (k + 0.5) / 4;

      sl_camera_solver_evaluate (solver, t, &camera);
      g_assert_true (memcmp (&camera, &samples[k], sizeof camera) == 0);
      if (k > 0)
        g_assert_cmpfloat (angle_between (samples[k].orientation, samples[k - 1].orientation), >, 0);
    }
  sl_camera_solver_evaluate_time (solver, SL_SECOND / 2, &camera);
  sl_camera_solver_evaluate (solver, 0.5, &samples[0]);
  g_assert_true (memcmp (&camera, &samples[0], sizeof camera) == 0);
}

static void
test_project_solver (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(SlShot) first = new_shot (1.0), second = new_shot (2.0);
  g_autoptr(SlPresetLibrary) library = sl_preset_library_new ();
  g_autoptr(SlCameraSolver) solver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shotline-camera-XXXXXX", &error);
  g_autofree char *file = NULL;
  SlCamera camera;

  g_assert_no_error (error);
  file = g_build_filename (dir, "push-in.json", NULL);
  g_file_set_contents (file, preset_texts[1], -1, &error);
  g_assert_no_error (error);
  sl_preset_library_load_dir (library, dir, &error);
  g_assert_no_error (error);

  /* A portrait project: the sensor is 13.5 × 24 mm. */
  g_object_set (project, "width", 1080, "height", 1920, NULL);
  add_move (second, "push-in", 1, SL_UNIT_METERS, SL_EASING_LINEAR, 0, -1);
  g_list_store_append (sl_project_get_shots (project), first);
  g_list_store_append (sl_project_get_shots (project), second);
  solver = sl_camera_solver_new (project, 1, library, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (sl_camera_solver_get_duration (solver), ==, 2.0);
  sl_camera_solver_evaluate (solver, 2.0, &camera);
  g_assert_cmpfloat_with_epsilon (camera.sensor_width, 13.5, 1e-12);
  g_assert_cmpfloat (camera.sensor_height, ==, 24.0);
  assert_vec3_near (camera.position, sl_vec3 (0, 0, 1), 1e-12);

  g_unlink (file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_presets ();

  g_test_add_func ("/engine/math/rotations", test_math_rotations);
  g_test_add_func ("/engine/math/slerp", test_math_slerp);
  g_test_add_func ("/engine/math/matrices", test_math_matrices);
  g_test_add_func ("/engine/easing/curves", test_easing_curves);
  g_test_add_func ("/engine/camera/lens", test_camera_lens);
  g_test_add_func ("/engine/camera/projection", test_camera_projection);
  g_test_add_func ("/engine/solver/static", test_static);
  g_test_add_func ("/engine/solver/push-in", test_push_in);
  g_test_add_func ("/engine/solver/pan-and-tilt", test_pan_and_tilt);
  g_test_add_func ("/engine/solver/smooth-path", test_smooth_path);
  g_test_add_func ("/engine/solver/dolly-zoom", test_dolly_zoom);
  g_test_add_func ("/engine/solver/orbit", test_orbit);
  g_test_add_func ("/engine/solver/handheld", test_handheld);
  g_test_add_func ("/engine/solver/keyframes-through", test_keyframes_through);
  g_test_add_func ("/engine/solver/keyframes-no-overshoot", test_keyframes_no_overshoot);
  g_test_add_func ("/engine/solver/keyframes-with-moves", test_keyframes_with_moves);
  g_test_add_func ("/engine/solver/compose", test_compose);
  g_test_add_func ("/engine/solver/framing", test_framing);
  g_test_add_func ("/engine/solver/framing-change", test_framing_change);
  g_test_add_func ("/engine/solver/zoom-and-focus", test_zoom_and_focus);
  g_test_add_func ("/engine/solver/errors", test_errors);
  g_test_add_func ("/engine/solver/shutter", test_shutter);
  g_test_add_func ("/engine/solver/project", test_project_solver);

  status = g_test_run ();
  g_hash_table_unref (presets);
  return status;
}
