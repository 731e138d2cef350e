/* test-renderer.c: the renderer, its grade and the golden frames
 *
 * Golden frames live in tests/engine/golden/. After a deliberate change to
 * what the engine draws, regenerate them with
 *   SHOTLINE_REGENERATE_GOLDEN=1 meson test -C BUILD test-renderer
 * and look at every changed PNG before committing it (docs/renderer.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "sl-kernels.h"

#define GOLDEN_MEAN_ERROR 1.5
#define GOLDEN_MAX_ERROR  24

/* Helpers */

static SlProject *
project_from_script (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  SlProject *project;

  project = sl_script_parse (text, -1, "test", NULL, NULL, &error);
  g_assert_no_error (error);
  base = g_build_filename (g_getenv ("SHOTLINE_SOURCE_DIR"), "data", "demo", NULL);
  sl_project_set_base_dir (project, base);
  return project;
}

static SlRenderer *
renderer_at_size (SlProject *project, guint width, guint height)
{
  g_autoptr(GError) error = NULL;
  SlRenderer *renderer = sl_renderer_new (project, "cpu", &error);

  g_assert_no_error (error);
  g_assert_true (sl_renderer_set_size (renderer, width, height, &error));
  g_assert_no_error (error);
  return renderer;
}

static GBytes *
render_bytes (SlRenderer *renderer, double seconds)
{
  g_autoptr(GError) error = NULL;
  guint width, height;
  guint8 *pixels;

  sl_renderer_get_size (renderer, &width, &height);
  pixels = g_malloc ((gsize) width * height * 4);
  g_assert_true (sl_renderer_render_rgba (renderer, (gint64) (seconds * SL_SECOND), pixels, width * 4, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

static float *
render_floats (SlRenderer *renderer, double seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = render_bytes (renderer, seconds);
  guint width, height;
  float *frame;

  sl_renderer_get_size (renderer, &width, &height);
  frame = g_new (float, (gsize) width * height * 4);
  g_assert_true (sl_renderer_read_frame (renderer, frame, width * 16, &error));
  g_assert_no_error (error);
  return frame;
}

/* The grade */

static void
test_white_balance_identity (void)
{
  double m[9];

  sl_grade_white_balance (6500, 0, m);
  for (int i = 0; i < 9; i++)
    g_assert_cmpfloat_with_epsilon (m[i], i % 4 == 0 ? 1.0 : 0.0, 1e-12);
}

static double
luminance (const double m[9])
{
  return 0.2126 * m[0] + 0.7152 * m[4] + 0.0722 * m[8];
}

static void
test_white_balance_direction (void)
{
  double cold[9], warm[9], magenta[9], black_body[3];

  /* A lower setting renders the light as if it were warmer: colder picture. */
  sl_grade_white_balance (4000, 0, cold);
  g_assert_cmpfloat (cold[8], >, 1.1);
  g_assert_cmpfloat (cold[0], <, 0.95);
  sl_grade_white_balance (9000, 0, warm);
  g_assert_cmpfloat (warm[0], >, 1.0);
  g_assert_cmpfloat (warm[8], <, 1.0);
  /* White keeps its luminance. */
  g_assert_cmpfloat_with_epsilon (luminance (cold), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (luminance (warm), 1.0, 1e-12);
  /* Positive tint takes green away. */
  sl_grade_white_balance (6500, 0.5, magenta);
  g_assert_cmpfloat (magenta[4], <, magenta[0]);
  g_assert_cmpfloat_with_epsilon (luminance (magenta), 1.0, 1e-12);
  /* The locus itself: a candle is red, a blue sky blue. */
  sl_grade_black_body_rgb (2000, black_body);
  g_assert_cmpfloat (black_body[0], >, 2 * black_body[2]);
  sl_grade_black_body_rgb (12000, black_body);
  g_assert_cmpfloat (black_body[2], >, black_body[0]);
}

static void
grade_pixel (const SlLook *look, const float in[4], float out[4])
{
  char reason[256];
  SlBackend *backend = sl_backend_open ("cpu", NULL, reason, sizeof reason);
  SlBufferDesc desc = { SL_FORMAT_RGBA_F32, 1, 1, 1 };
  SlClearParams clear = { { in[0], in[1], in[2], in[3] } };
  SlGradeParams grade;
  SlBuffer *pixel;

  g_assert_nonnull (backend);
  g_assert_cmpint (sl_buffer_new (backend, &desc, &pixel), ==, SL_OK);
  sl_grade_params_from_look (look, 1, 0, &grade);
  g_assert_cmpint (sl_backend_run_op (backend, SL_OP_CLEAR, &clear, sizeof clear,
                                      &(SlOpBuffers) { .dst = pixel }), ==, SL_OK);
  g_assert_cmpint (sl_backend_run_op (backend, SL_OP_GRADE, &grade, sizeof grade,
                                      &(SlOpBuffers) { .dst = pixel }), ==, SL_OK);
  g_assert_cmpint (sl_backend_download (backend, pixel, 0, out, 16), ==, SL_OK);
  sl_buffer_free (pixel);
  sl_backend_free (backend);
}

static void
test_contrast_pivot (void)
{
  g_autoptr(SlLook) look = sl_look_new ();
  const float grey[4] = { 0.18f, 0.18f, 0.18f, 1.0f };
  const float brighter[4] = { 0.36f, 0.36f, 0.36f, 1.0f };
  float out[4];

  look->contrast = 2.0;
  grade_pixel (look, grey, out);
  for (int c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (out[c], 0.18, 1e-4);
  g_assert_cmpfloat (out[3], ==, 1.0f);
  /* One stop above the pivot becomes two. */
  grade_pixel (look, brighter, out);
  g_assert_cmpfloat_with_epsilon (out[0], 0.72, 1e-3);
}

static void
test_neutral_grade (void)
{
  g_autoptr(SlLook) look = sl_look_new ();
  const float colour[4] = { 0.3f, 0.5f, 0.1f, 1.0f };
  SlGradeParams params;
  float out[4];

  grade_pixel (look, colour, out);
  for (int c = 0; c < 4; c++)
    g_assert_cmpfloat_with_epsilon (out[c], colour[c], 1e-4);
  /* The neutral look is recognised, so the renderer skips the op... */
  sl_grade_params_from_look (look, 1, 0, &params);
  g_assert_true (sl_grade_params_is_identity (&params));
  /* ...and anything else is not. */
  look->grain = 0.1;
  sl_grade_params_from_look (look, 1, 0, &params);
  g_assert_false (sl_grade_params_is_identity (&params));
  look->grain = 0;
  look->temperature = 6400;
  sl_grade_params_from_look (look, 1, 0, &params);
  g_assert_false (sl_grade_params_is_identity (&params));
}

static void
test_bloom_scale (void)
{
  g_autoptr(SlLook) look = sl_look_new ();
  SlBloomParams small, large;

  g_assert_false (sl_grade_bloom_params_from_look (look, 1920, &large));
  look->bloom = 0.5;
  g_assert_true (sl_grade_bloom_params_from_look (look, 160, &small));
  g_assert_true (sl_grade_bloom_params_from_look (look, 1920, &large));
  /* The glow keeps its share of the picture: more levels for more pixels. */
  g_assert_cmpuint (large.levels, >, small.levels);
  g_assert_cmpuint (large.levels, <=, SL_BLOOM_MAX_LEVELS);
  g_assert_cmpfloat (large.intensity, ==, 0.5f);
}

/* Geometry */

static void
apply (const float h[9], double x, double y, double *u, double *v, double *w)
{
  double qx = h[0] * x + h[1] * y + h[2];
  double qy = h[3] * x + h[4] * y + h[5];

  *w = h[6] * x + h[7] * y + h[8];
  *u = qx / *w;
  *v = qy / *w;
}

static SlImage *
blank_image (int width, int height)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 ((gsize) width * height * 4), (gsize) width * height * 4);

  return sl_image_new_from_bytes (width, height, width * 4, bytes);
}

static void
test_homography_fills_frustum (void)
{
  g_autoptr(SlImage) image = blank_image (64, 36);
  SlCamera camera;
  SlCard card = { 0 };
  float h[9];
  double distance = 5.0, frame_height, u, v, w;

  sl_camera_init (&camera, 16.0 / 9.0);
  frame_height = sl_camera_get_frame_height (&camera, distance);
  card.image = image;
  card.centre = sl_vec3 (0, 0, distance);
  card.right = sl_vec3 (frame_height * 16.0 / 9.0 / 2, 0, 0);
  card.up = sl_vec3 (0, frame_height / 2, 0);
  g_assert_true (sl_renderer_card_homography (&card, &camera, 1280, 720, h));

  apply (h, 0, 0, &u, &v, &w);
  g_assert_cmpfloat_with_epsilon (u, 0, 1e-3);
  g_assert_cmpfloat_with_epsilon (v, 0, 1e-3);
  g_assert_cmpfloat_with_epsilon (w, 1.0 / distance, 1e-6);
  apply (h, 1280, 720, &u, &v, &w);
  g_assert_cmpfloat_with_epsilon (u, 64, 1e-3);
  g_assert_cmpfloat_with_epsilon (v, 36, 1e-3);
  apply (h, 1280, 0, &u, &v, &w);
  g_assert_cmpfloat_with_epsilon (u, 64, 1e-3);
  g_assert_cmpfloat_with_epsilon (v, 0, 1e-3);
  apply (h, 640, 360, &u, &v, &w);
  g_assert_cmpfloat_with_epsilon (u, 32, 1e-3);
  g_assert_cmpfloat_with_epsilon (v, 18, 1e-3);
}

/* Any card under any camera: the homography undoes the camera's projection. */
static void
test_homography_matches_projection (void)
{
  g_autoptr(SlImage) image = blank_image (400, 300);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int trial = 0; trial < 50; trial++)
    {
      SlCamera camera;
      SlCard card = { 0 };
      float h[9];

      sl_camera_init (&camera, 16.0 / 9.0);
      camera.position = sl_vec3 (g_rand_double_range (rand, -1, 1), g_rand_double_range (rand, -1, 1), 0);
      camera.orientation = sl_camera_orientation_from_euler (g_rand_double_range (rand, -10, 10),
                                                             g_rand_double_range (rand, -10, 10),
                                                             g_rand_double_range (rand, -10, 10));
      camera.focal_length = g_rand_double_range (rand, 20, 85);
      card.image = image;
      card.centre = sl_vec3 (g_rand_double_range (rand, -1, 1), 0, g_rand_double_range (rand, 4, 20));
      card.right = sl_vec3 (2, 0, g_rand_double_range (rand, -0.5, 0.5));
      card.up = sl_vec3 (0, 1.5, g_rand_double_range (rand, -0.5, 0.5));
      g_assert_true (sl_renderer_card_homography (&card, &camera, 640, 360, h));

      for (int k = 0; k < 5; k++)
        {
          double s = g_rand_double (rand), t = g_rand_double (rand);
          SlVec3 point = sl_vec3_add (card.centre, sl_vec3_add (sl_vec3_scale (card.right, 2 * s - 1),
                                                                 sl_vec3_scale (card.up, 1 - 2 * t)));
          double x, y, depth, u, v, w;

          if (!sl_camera_project (&camera, point, 640, 360, &x, &y, &depth))
            continue;
          apply (h, x, y, &u, &v, &w);
          g_assert_cmpfloat_with_epsilon (u, 400 * s, 0.02);
          g_assert_cmpfloat_with_epsilon (v, 300 * t, 0.02);
          g_assert_cmpfloat_with_epsilon (w * depth, 1.0, 1e-4);
        }
    }
}

static void
test_circle_of_confusion (void)
{
  SlCamera camera;

  sl_camera_init (&camera, 16.0 / 9.0);
  camera.focus_distance = 4.0;
  /* Focused on the subject with no defocus in the look: sharp everywhere. */
  g_assert_cmpfloat (sl_renderer_circle_of_confusion (&camera, 4.0, 4.0, 0.0, 1920), ==, 0.0);
  g_assert_cmpfloat (sl_renderer_circle_of_confusion (&camera, 40.0, 4.0, 0.0, 1920), <, 1e-9);
  /* Racked to 1.5 m: the subject and the distance blur, the new plane does not. */
  camera.focus_distance = 1.5;
  g_assert_cmpfloat (sl_renderer_circle_of_confusion (&camera, 4.0, 4.0, 0.0, 1920), >, 4.0);
  g_assert_cmpfloat (sl_renderer_circle_of_confusion (&camera, 40.0, 4.0, 0.0, 1920), >,
                     sl_renderer_circle_of_confusion (&camera, 4.0, 4.0, 0.0, 1920));
  g_assert_cmpfloat (sl_renderer_circle_of_confusion (&camera, 1.5, 4.0, 0.0, 1920), <,
                     sl_renderer_circle_of_confusion (&camera, 4.0, 4.0, 0.0, 1920));
  /* The look's defocus: 0.04 of the width for a point far beyond the focus. */
  camera.focus_distance = 4.0;
  g_assert_cmpfloat_with_epsilon (sl_renderer_circle_of_confusion (&camera, 4e6, 4.0, 0.5, 1000), 20.0, 1e-3);
  /* Twice the pixels, twice the blur in pixels. */
  camera.focus_distance = 2.0;
  g_assert_cmpfloat_with_epsilon (sl_renderer_circle_of_confusion (&camera, 100.0, 4.0, 0.3, 1920),
                                  2 * sl_renderer_circle_of_confusion (&camera, 100.0, 4.0, 0.3, 960), 1e-9);
}

/* Pictures on the backend */

static void
test_texture_cache (void)
{
  char reason[256];
  SlBackend *backend = sl_backend_open ("cpu", NULL, reason, sizeof reason);
  g_autoptr(SlTextureCache) cache = sl_texture_cache_new (backend);
  g_autoptr(SlImage) clear = blank_image (37, 20);
  g_autoptr(GBytes) white = g_bytes_new_take (memset (g_malloc (8 * 8 * 4), 255, 8 * 8 * 4), 8 * 8 * 4);
  g_autoptr(SlImage) opaque = sl_image_new_from_bytes (8, 8, 32, white);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) error = NULL;
  SlBuffer *texture = sl_texture_cache_get (cache, clear, &error);
  guint16 texel[4];

  g_assert_no_error (error);
  g_assert_nonnull (texture);
  /* Once per picture, with the whole mip chain (37 -> 18 -> 9 -> 4 -> 2 -> 1). */
  g_assert_true (sl_texture_cache_get (cache, clear, &error) == texture);
  g_assert_cmpuint (sl_buffer_get_desc (texture)->levels, ==, 6);
  g_assert_nonnull (sl_texture_cache_get (cache, opaque, &error));
  g_assert_cmpuint (sl_texture_cache_get_n_textures (cache), ==, 2);
  g_assert_false (sl_texture_cache_is_opaque (cache, clear));
  g_assert_true (sl_texture_cache_is_opaque (cache, opaque));
  /* White stays exactly white down to the last level. */
  texture = sl_texture_cache_get (cache, opaque, &error);
  g_assert_cmpint (sl_backend_download (backend, texture, 3, texel, sizeof texel), ==, SL_OK);
  g_assert_cmpuint (texel[0], ==, 65535);
  g_assert_cmpuint (texel[3], ==, 65535);

  g_hash_table_add (keep, opaque);
  sl_texture_cache_prune (cache, keep);
  g_assert_cmpuint (sl_texture_cache_get_n_textures (cache), ==, 1);
  g_assert_cmpuint (sl_texture_cache_get_bytes (cache), ==, (64 + 16 + 4 + 1) * 8);

  g_clear_object (&cache);
  sl_backend_free (backend);
}

/* Frames */

static void
test_locked_camera (void)
{
  g_autoptr(SlProject) project = project_from_script (
    "project \"Locked\" 96x54 30fps seed 3\n"
    "shot \"Still\" 3s\n"
    "  prompt \"product on white studio backdrop\"\n"
    "  static\n");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 96, 54);
  g_autoptr(GBytes) first = render_bytes (renderer, 0.2);
  g_autoptr(GBytes) later = render_bytes (renderer, 2.5);

  g_assert_true (g_bytes_equal (first, later));
}

static void
test_motion_blur (void)
{
  g_autoptr(SlProject) still = project_from_script (
    "project \"Still\" 64x36 30fps seed 3\n"
    "shot \"Still\" 2s\n  prompt \"product on white studio backdrop\"\n");
  g_autoptr(SlProject) moving = project_from_script (
    "project \"Pan\" 64x36 30fps seed 3\n"
    "shot \"Pan\" 2s\n  prompt \"mountains at dawn\"\n  whip pan right 90deg\n");
  g_autoptr(SlRenderer) still_renderer = renderer_at_size (still, 64, 36);
  g_autoptr(SlRenderer) moving_renderer = renderer_at_size (moving, 64, 36);
  g_autoptr(GBytes) still_sharp = render_bytes (still_renderer, 1.0);
  g_autoptr(GBytes) moving_sharp = render_bytes (moving_renderer, 1.0);
  g_autoptr(GBytes) still_blurred = NULL, moving_blurred = NULL;

  g_assert_cmpuint (sl_renderer_get_motion_blur_samples (still_renderer), ==, 1);
  sl_renderer_set_motion_blur_samples (still_renderer, 4);
  sl_renderer_set_motion_blur_samples (moving_renderer, 4);
  still_blurred = render_bytes (still_renderer, 1.0);
  moving_blurred = render_bytes (moving_renderer, 1.0);
  /* Four identical sub-frames average to the same frame, exactly. */
  g_assert_true (g_bytes_equal (still_sharp, still_blurred));
  g_assert_false (g_bytes_equal (moving_sharp, moving_blurred));
}

static void
test_deterministic (void)
{
  const char *text =
    "project \"Grain\" 128x72 30fps seed 11\n"
    "shot \"Snow\" 2s\n"
    "  prompt \"snowy mountains, film grain\"\n"
    "  push in 20%\n";
  g_autoptr(SlProject) project = project_from_script (text);
  g_autoptr(SlProject) again = project_from_script (text);
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 128, 72);
  g_autoptr(SlRenderer) other = renderer_at_size (again, 128, 72);
  g_autoptr(GBytes) a = render_bytes (renderer, 1.0);
  g_autoptr(GBytes) b = render_bytes (renderer, 1.0);
  g_autoptr(GBytes) c = render_bytes (other, 1.0);
  g_autoptr(GBytes) next = render_bytes (renderer, 1.0 + 1.0 / 30);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_true (g_bytes_equal (a, c));
  /* The grain and the snow do move from frame to frame. */
  g_assert_false (g_bytes_equal (a, next));
}

/* Two locked shots, so each looks the same at any time of its own. */
static SlProject *
two_shots (const char *transition)
{
  g_autofree char *text = g_strdup_printf (
    "project \"Two\" 64x36 30fps seed 5\n"
    "shot \"A\" 2s\n"
    "  prompt \"product on white studio backdrop\"\n"
    "shot \"B\" 2s\n"
    "  prompt \"serene mountains at dawn\"\n"
    "  transition %s\n", transition);

  return project_from_script (text);
}

static void
test_dissolve_midpoint (void)
{
  g_autoptr(SlProject) project = two_shots ("dissolve 1s");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 64, 36);
  g_autofree float *a = render_floats (renderer, 0.25);
  g_autofree float *b = render_floats (renderer, 3.75);
  g_autofree float *middle = render_floats (renderer, 2.0);
  g_autofree float *early = render_floats (renderer, 1.6);

  for (gsize i = 0; i < 64 * 36 * 4; i++)
    g_assert_cmpfloat_with_epsilon (middle[i], (a[i] + b[i]) / 2, 1.0 / 255);
  /* A tenth of the way in, mostly the first shot. */
  for (gsize i = 0; i < 64 * 36 * 4; i++)
    g_assert_cmpfloat_with_epsilon (early[i], 0.9 * a[i] + 0.1 * b[i], 1.0 / 255);
}

static void
test_dip (void)
{
  g_autoptr(SlProject) black = two_shots ("dip to black 1s");
  g_autoptr(SlProject) white = two_shots ("dip to white 1s");
  g_autoptr(SlRenderer) to_black = renderer_at_size (black, 32, 18);
  g_autoptr(SlRenderer) to_white = renderer_at_size (white, 32, 18);
  g_autofree float *dark = render_floats (to_black, 2.0);
  g_autofree float *light = render_floats (to_white, 2.0);
  g_autofree float *before = render_floats (to_black, 0.2);
  g_autofree float *quarter = render_floats (to_black, 1.75);

  for (gsize i = 0; i < 32 * 18 * 4; i += 4)
    {
      for (int c = 0; c < 3; c++)
        {
          g_assert_cmpfloat_with_epsilon (dark[i + c], 0.0, 1e-6);
          g_assert_cmpfloat_with_epsilon (light[i + c], 1.0, 1e-6);
          g_assert_cmpfloat_with_epsilon (quarter[i + c], 0.5 * before[i + c], 1e-4);
        }
      g_assert_cmpfloat (dark[i + 3], ==, 1.0f);
      g_assert_cmpfloat (light[i + 3], ==, 1.0f);
    }
}

static double
mean_difference (const float *a, const float *b, gsize n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += fabs (a[i] - b[i]);
  return sum / n;
}

static void
test_whip (void)
{
  g_autoptr(SlProject) project = two_shots ("whip 0.6s");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 64, 36);
  g_autofree float *a = render_floats (renderer, 0.25);
  g_autofree float *b = render_floats (renderer, 3.75);
  g_autofree float *before = render_floats (renderer, 1.95);
  g_autofree float *after = render_floats (renderer, 2.05);
  g_autofree float *settled = render_floats (renderer, 2.4);
  gsize n = 64 * 36 * 4;

  /* Near the cut the view is swept away from both shots' framing; once the
   * whip is over the incoming shot is as it would be without one. */
  g_assert_cmpfloat (mean_difference (before, a, n), >, 0.01);
  g_assert_cmpfloat (mean_difference (after, b, n), >, 0.01);
  g_assert_cmpfloat (mean_difference (settled, b, n), <, 1e-6);
}

static void
test_i420 (void)
{
  g_autoptr(SlProject) project = two_shots ("dissolve 1s");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 62, 34);
  g_autoptr(GError) error = NULL;
  const guint w = 62, h = 34, ch = 17;
  /* Padded rows and a gap between planes, which must stay untouched. */
  const gsize strides[3] = { 64, 40, 40 };
  const gsize offsets[3] = { 16, 16 + 64 * h + 8, 16 + 64 * h + 8 + 40 * ch + 8 };
  const gsize size = offsets[2] + 40 * ch + 8;
  g_autofree guint8 *data = g_malloc (size);
  g_autofree guint8 *expected = g_malloc (size);
  g_autofree float *frame = g_new (float, w * h * 4);
  SlToI420Params params = { offsets[0], strides[0], offsets[1], strides[1], offsets[2], strides[2] };
  SlBufferDesc frame_desc = { SL_FORMAT_RGBA_F32, w, h, 1 };
  SlBufferDesc yuv_desc = { SL_FORMAT_R_U8, size, 1, 1 };
  SlBuffer *frame_buffer, *yuv;
  char reason[256];
  SlBackend *backend;

  memset (data, 0xee, size);
  g_assert_true (sl_renderer_render_i420 (renderer, 1700 * SL_MSECOND, data, offsets, strides, &error));
  g_assert_no_error (error);
  g_assert_true (sl_renderer_read_frame (renderer, frame, w * 16, &error));

  backend = sl_backend_open ("cpu", NULL, reason, sizeof reason);
  g_assert_cmpint (sl_buffer_new (backend, &frame_desc, &frame_buffer), ==, SL_OK);
  g_assert_cmpint (sl_buffer_new (backend, &yuv_desc, &yuv), ==, SL_OK);
  memset (expected, 0xee, size);
  g_assert_cmpint (sl_backend_upload (backend, yuv, 0, expected, size), ==, SL_OK);
  g_assert_cmpint (sl_backend_upload (backend, frame_buffer, 0, frame, w * 16), ==, SL_OK);
  g_assert_cmpint (sl_backend_run_op (backend, SL_OP_TO_I420, &params, sizeof params,
                                      &(SlOpBuffers) { .dst = yuv, .src = frame_buffer }), ==, SL_OK);
  g_assert_cmpint (sl_backend_download (backend, yuv, 0, expected, size), ==, SL_OK);
  g_assert_cmpmem (data, size, expected, size);
  g_assert_cmpuint (data[0], ==, 0xee);
  g_assert_cmpuint (data[offsets[0] + w], ==, 0xee);
  g_assert_cmpuint (data[size - 1], ==, 0xee);

  sl_buffer_free (yuv);
  sl_buffer_free (frame_buffer);
  sl_backend_free (backend);
}

static void
test_plans (void)
{
  g_autoptr(SlProject) project = two_shots ("dissolve 1s");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 32, 18);
  g_autoptr(GBytes) before = NULL, after = NULL, first = NULL;
  SlShot *second = sl_project_get_shot (project, 1);

  first = render_bytes (renderer, 0.5);
  before = render_bytes (renderer, 3.5);
  g_assert_cmpuint (sl_renderer_get_n_plans (renderer), ==, 2);

  /* Only the shot that changed is planned again... */
  g_object_set (second, "prompt", "sci-fi city at night", NULL);
  g_assert_cmpuint (sl_renderer_get_n_plans (renderer), ==, 1);
  after = render_bytes (renderer, 3.5);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_cmpuint (sl_renderer_get_n_plans (renderer), ==, 2);

  /* ...and a project-wide change drops them all. */
  g_object_set (project, "seed", 6u, NULL);
  g_assert_cmpuint (sl_renderer_get_n_plans (renderer), ==, 0);
}

/* A longer first shot moves the second without re-planning it. */
static void
test_plans_shift (void)
{
  g_autoptr(SlProject) project = project_from_script (
    "project \"Shift\" 48x27 30fps seed 4\n"
    "shot \"A\" 1s\n  prompt \"product on white studio backdrop\"\n"
    "shot \"B\" 2s\n  prompt \"mountains at dawn\"\n  pan right 30deg\n");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 48, 27);
  g_autoptr(GBytes) before = render_bytes (renderer, 1.5);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) first = render_bytes (renderer, 0.5);

  g_object_set (sl_project_get_shot (project, 0), "duration", 2 * SL_SECOND, NULL);
  g_assert_cmpuint (sl_renderer_get_n_plans (renderer), ==, 1);
  after = render_bytes (renderer, 2.5);
  g_assert_true (g_bytes_equal (before, after));
}

/* Errors */

static void
test_error_missing_image (void)
{
  g_autoptr(SlProject) project = project_from_script (
    "project \"Missing\" 32x18 30fps\n"
    "shot \"Plate\" 2s\n"
    "  plate \"images/no-such-photo.jpg\"\n");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 32, 18);
  g_autoptr(GError) error = NULL;
  guint8 pixels[32 * 18 * 4];

  g_assert_false (sl_renderer_render_rgba (renderer, 0, pixels, 32 * 4, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-photo.jpg"));
  g_assert_cmpuint (sl_renderer_get_n_plans (renderer), ==, 0);
}

static void
test_error_size (void)
{
  g_autoptr(SlProject) project = two_shots ("dissolve 1s");
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 32, 18);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) empty = sl_project_new ();
  g_autoptr(SlRenderer) nothing = NULL;
  guint8 pixel[4];

  g_assert_false (sl_renderer_set_size (renderer, 0, 18, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sl_renderer_set_size (renderer, 32, 100000, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sl_renderer_read_frame (renderer, (float *) pixel, 16, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sl_renderer_render_rgba (renderer, 0, pixel, 4, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  nothing = sl_renderer_new (empty, "cpu", &error);
  g_assert_no_error (error);
  g_assert_true (sl_renderer_set_size (nothing, 1, 1, &error));
  g_assert_false (sl_renderer_render_rgba (nothing, 0, pixel, 4, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_EMPTY);
}

static void
test_error_backend (void)
{
  g_autoptr(SlProject) project = two_shots ("dissolve 1s");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlRenderer) renderer = sl_renderer_new (project, "no-such-backend", &error);
  g_autoptr(SlRenderer) automatic = NULL;

  g_assert_null (renderer);
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "no-such-backend"));
  g_clear_error (&error);

  automatic = sl_renderer_new (project, "auto", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sl_renderer_get_backend_name (automatic));
}

/* Golden frames */

static gboolean
regenerating (void)
{
  return g_strcmp0 (g_getenv ("SHOTLINE_REGENERATE_GOLDEN"), "1") == 0;
}

static char *
golden_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  return g_build_filename (g_getenv ("SHOTLINE_SOURCE_DIR"), "tests", "engine", "golden", file, NULL);
}

/* Compares IMAGE with the golden NAME, or writes it when regenerating. */
static void
check_golden (SlImage *image, const char *name)
{
  g_autofree char *path = golden_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(SlImage) golden = NULL;
  int width = sl_image_get_width (image), height = sl_image_get_height (image);
  guint64 sum = 0;
  guint worst = 0;

  if (regenerating ())
    {
      g_assert_true (sl_image_save_png (image, path, &error));
      g_assert_no_error (error);
      g_test_message ("wrote %s", path);
      return;
    }
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  if (pixbuf == NULL)
    g_error ("golden frame %s cannot be read (%s); regenerate with SHOTLINE_REGENERATE_GOLDEN=1",
             path, error->message);
  golden = sl_image_new_from_pixbuf (pixbuf);
  g_assert_cmpint (sl_image_get_width (golden), ==, width);
  g_assert_cmpint (sl_image_get_height (golden), ==, height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *a = sl_image_get_pixels (image) + (gsize) y * sl_image_get_stride (image);
      const guint8 *b = sl_image_get_pixels (golden) + (gsize) y * sl_image_get_stride (golden);

      for (int i = 0; i < width * 4; i++)
        {
          guint d = ABS ((int) a[i] - (int) b[i]);

          sum += d;
          worst = MAX (worst, d);
        }
    }
  if ((double) sum / (width * height * 4) >= GOLDEN_MEAN_ERROR || worst >= GOLDEN_MAX_ERROR)
    {
      g_autofree char *actual = g_strdup_printf ("%s/%s-actual.png", g_get_tmp_dir (), name);

      sl_image_save_png (image, actual, NULL);
      g_error ("%s differs from its golden frame: mean error %.3f, max %u (of 255); see %s",
               name, (double) sum / (width * height * 4), worst, actual);
    }
}

typedef struct {
  const char *name;
  const char *script;
  double      seconds;
} GoldenShot;

static const GoldenShot golden_shots[] = {
  { "mountains-dawn",
    "project \"G\" 160x90 30fps seed 1\n"
    "shot \"Dawn\" 4s\n  prompt \"serene mountains at dawn\"\n  pan right 10deg\n", 2.0 },
  { "studio-product",
    "project \"G\" 160x90 30fps seed 1\n"
    "shot \"Product\" 4s\n  prompt \"product on white studio backdrop\"\n  subject \"images/bottle-cutout.png\"\n"
    "  push in 20%\n", 2.0 },
  { "city-night",
    "project \"G\" 160x90 30fps seed 1\n"
    "shot \"City\" 4s\n  prompt \"sci-fi city at night\"\n  truck left 10%\n", 2.0 },
  { "snow",
    "project \"G\" 160x90 30fps seed 1\n"
    "shot \"Snow\" 4s\n  prompt \"snow\"\n  tilt up 5deg\n", 2.0 },
  { "plate-push-in",
    "project \"G\" 160x90 30fps seed 1\n"
    "shot \"Valley\" 4s\n  plate \"images/valley.png\"\n  push in 30%\n", 3.0 },
};

static void
test_golden (gconstpointer data)
{
  const GoldenShot *shot = data;
  g_autoptr(SlProject) project = project_from_script (shot->script);
  g_autoptr(SlRenderer) renderer = renderer_at_size (project, 160, 90);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlImage) image = sl_renderer_render_image (renderer, (gint64) (shot->seconds * SL_SECOND), &error);

  g_assert_no_error (error);
  check_golden (image, shot->name);
}

/* Every preset move over one procedural scene, 64x36: its first frame and the
 * frame half way through a 2 s shot side by side. */
static void
test_golden_moves (void)
{
  SlPresetLibrary *presets = sl_preset_library_get_default ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (presets);
  for (guint i = 0; i < sl_preset_library_get_n_presets (presets); i++)
    {
      SlPreset *preset = sl_preset_library_get_preset (presets, i);
      g_autoptr(SlProject) project = project_from_script (
        "project \"Moves\" 64x36 30fps seed 2\n"
        "shot \"Move\" 2s\n  prompt \"mountains, lake, clear sky\"\n");
      SlShot *shot = sl_project_get_shot (project, 0);
      g_autoptr(SlMove) move = sl_move_new (sl_preset_get_id (preset),
                                            sl_preset_get_default_amount (preset),
                                            sl_preset_get_default_unit (preset));
      g_autoptr(SlRenderer) renderer = NULL;
      g_autoptr(GBytes) pair = NULL;
      g_autoptr(SlImage) image = NULL;
      g_autofree char *name = g_strconcat ("move-", sl_preset_get_id (preset), NULL);
      guint8 *pixels = g_malloc (128 * 36 * 4);

      g_list_store_append (sl_shot_get_moves (shot), move);
      renderer = renderer_at_size (project, 64, 36);
      g_assert_true (sl_renderer_render_rgba (renderer, 0, pixels, 128 * 4, &error));
      g_assert_true (sl_renderer_render_rgba (renderer, SL_SECOND, pixels + 64 * 4, 128 * 4, &error));
      g_assert_no_error (error);
      pair = g_bytes_new_take (pixels, 128 * 36 * 4);
      image = sl_image_new_from_bytes (128, 36, 128 * 4, pair);
      check_golden (image, name);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/grade/white-balance-identity", test_white_balance_identity);
  g_test_add_func ("/renderer/grade/white-balance-direction", test_white_balance_direction);
  g_test_add_func ("/renderer/grade/contrast-pivot", test_contrast_pivot);
  g_test_add_func ("/renderer/grade/neutral", test_neutral_grade);
  g_test_add_func ("/renderer/grade/bloom-scale", test_bloom_scale);
  g_test_add_func ("/renderer/homography/fills-frustum", test_homography_fills_frustum);
  g_test_add_func ("/renderer/homography/matches-projection", test_homography_matches_projection);
  g_test_add_func ("/renderer/circle-of-confusion", test_circle_of_confusion);
  g_test_add_func ("/renderer/texture-cache", test_texture_cache);
  g_test_add_func ("/renderer/locked-camera", test_locked_camera);
  g_test_add_func ("/renderer/motion-blur", test_motion_blur);
  g_test_add_func ("/renderer/deterministic", test_deterministic);
  g_test_add_func ("/renderer/transition/dissolve", test_dissolve_midpoint);
  g_test_add_func ("/renderer/transition/dip", test_dip);
  g_test_add_func ("/renderer/transition/whip", test_whip);
  g_test_add_func ("/renderer/i420", test_i420);
  g_test_add_func ("/renderer/plans", test_plans);
  g_test_add_func ("/renderer/plans-shift", test_plans_shift);
  g_test_add_func ("/renderer/error/missing-image", test_error_missing_image);
  g_test_add_func ("/renderer/error/size", test_error_size);
  g_test_add_func ("/renderer/error/backend", test_error_backend);
  for (guint i = 0; i < G_N_ELEMENTS (golden_shots); i++)
    {
      g_autofree char *path = g_strconcat ("/renderer/golden/", golden_shots[i].name, NULL);

      g_test_add_data_func (path, &golden_shots[i], test_golden);
    }
  g_test_add_func ("/renderer/golden/moves", test_golden_moves);

  return g_test_run ();
}
