/* test-scene.c: the scene builder, procedural layers, particles and style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "shotline-shots.h"
#include "shotline-engine.h"

#define WIDTH 160
#define HEIGHT 90
#define SECONDS 4.0

static char *tmp_dir;

/* ----- helpers ------------------------------------------------------------ */

typedef guint32 (*PixelFunc) (int x, int y, int width, int height);

static char *
write_image (const char *name, int width, int height, PixelFunc func)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 rgb = func (x, y, width, height);
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = rgb >> 16;
        p[1] = (rgb >> 8) & 0xff;
        p[2] = rgb & 0xff;
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* A landscape-like plate: sky above, textured ground below. */
static guint32
plate_pixel (int x, int y, int width, int height)
{
  if (y < height / 3)
    return 0x6090d0 + (y * 2);
  return (((x * 7 + y * 13) % 64) + 60) << 16 | (((x * 3) % 50) + 90) << 8 | 40;
}

/* Near at the bottom (white), far at the top (black). */
static guint32
depth_pixel (int x, int y, int width, int height)
{
  guint v = (guint) (255 * y / (height - 1));

  return v << 16 | v << 8 | v;
}

static guint32
blue_pixel (int x, int y, int width, int height)
{
  guint v = (guint) (40 + 150 * x / width);

  return (v / 4) << 16 | (v / 2) << 8 | MIN (255u, v + 60);
}

static guint32
orange_pixel (int x, int y, int width, int height)
{
  guint v = (guint) (60 + 150 * y / height);

  return MIN (255u, v + 60) << 16 | (v / 2) << 8 | (v / 6);
}

/* A red disc on a plain white backdrop. */
static guint32
disc_pixel (int x, int y, int width, int height)
{
  double dx = x - width / 2.0, dy = y - height / 2.0;

  return dx * dx + dy * dy < (width / 4.0) * (width / 4.0) ? 0xd02020 : 0xffffff;
}

static SlProject *
new_project (const char *prompt)
{
  SlProject *project = sl_project_new ();
  g_autoptr(SlShot) shot = sl_shot_new ("opening", (gint64) (SECONDS * SL_SECOND));

  g_object_set (project, "width", WIDTH, "height", HEIGHT, "seed", 7, NULL);
  sl_project_set_base_dir (project, tmp_dir);
  g_object_set (shot, "prompt", prompt, NULL);
  g_list_store_append (sl_project_get_shots (project), shot);
  return project;
}

static SlShot *
first_shot (SlProject *project)
{
  return sl_project_get_shot (project, 0);
}

static SlReference *
add_reference (SlProject *project, const char *file, SlReferenceRole role)
{
  g_autoptr(SlReference) reference = sl_reference_new (file, role);

  g_list_store_append (sl_shot_get_references (first_shot (project)), reference);
  return reference;
}

static void
add_move (SlProject *project, const char *kind, double amount, SlUnit unit)
{
  g_autoptr(SlMove) move = sl_move_new (kind, amount, unit);

  g_list_store_append (sl_shot_get_moves (first_shot (project)), move);
}

static SlCameraSolver *
new_solver (SlProject *project)
{
  g_autoptr(GError) error = NULL;
  SlCameraSolver *solver = sl_camera_solver_new (project, 0, NULL, &error);

  g_assert_no_error (error);
  return solver;
}

static SlScene *
build_scene (SlProject *project, GError **error)
{
  g_autoptr(SlCameraSolver) solver = new_solver (project);
  g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);

  return sl_scene_build (project, 0, solver, cache, NULL, 0, 0, error);
}

static SlScene *
build_ok (SlProject *project)
{
  g_autoptr(GError) error = NULL;
  SlScene *scene = build_scene (project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scene);
  return scene;
}

static gboolean
is_ridge (const SlCard *card)
{
  return g_str_has_prefix (card->label, "ridge ") && strstr (card->label, "fill") == NULL
         && strstr (card->label, "reflection") == NULL;
}

static guint
count_prefix (SlScene *scene, const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < sl_scene_get_n_cards (scene); i++)
    n += g_str_has_prefix (sl_scene_get_card (scene, i)->label, prefix);
  return n;
}

static const SlCard *
find_card (SlScene *scene, const char *label)
{
  for (guint i = 0; i < sl_scene_get_n_cards (scene); i++)
    if (g_strcmp0 (sl_scene_get_card (scene, i)->label, label) == 0)
      return sl_scene_get_card (scene, i);
  return NULL;
}

static double
card_fade (const SlCard *card, double t)
{
  double in = card->fade_in_start == card->fade_in_end ? 1.0
              : CLAMP ((t - card->fade_in_start) / (card->fade_in_end - card->fade_in_start), 0.0, 1.0);
  double out = card->fade_out_start == card->fade_out_end ? 1.0
               : 1.0 - CLAMP ((t - card->fade_out_start) / (card->fade_out_end - card->fade_out_start), 0.0, 1.0);

  return card->opacity * in * out;
}

/* Where the ray from @camera through the picture corner (x, y) meets the
 * card's plane, in units of its half-extents; FALSE when it misses. */
static gboolean
corner_on_card (const SlCamera *camera, const SlCard *card, double x, double y, double *u, double *v)
{
  SlVec3 normal = sl_vec3_normalize (sl_vec3_cross (card->right, card->up));
  SlVec3 dir = sl_vec3_sub (sl_camera_unproject (camera, x, y, 1.0, WIDTH, HEIGHT), camera->position);
  double denom = sl_vec3_dot (dir, normal), t;
  SlVec3 offset;

  if (fabs (denom) < 1e-12)
    return FALSE;
  t = sl_vec3_dot (sl_vec3_sub (card->centre, camera->position), normal) / denom;
  if (t <= 0)
    return FALSE;
  offset = sl_vec3_sub (sl_vec3_add_scaled (camera->position, dir, t), card->centre);
  *u = sl_vec3_dot (offset, card->right) / sl_vec3_dot (card->right, card->right);
  *v = sl_vec3_dot (offset, card->up) / sl_vec3_dot (card->up, card->up);
  return TRUE;
}

/* ----- procedural scenes -------------------------------------------------- */

static void
test_mountains (void)
{
  g_autoptr(SlProject) project = new_project ("serene mountains at dawn");
  g_autoptr(SlScene) scene = build_ok (project);
  const SlSky *sky = sl_scene_get_sky (scene);
  double last = G_MAXDOUBLE;
  guint ridges = 0;

  g_assert_true (sky->present);
  /* a warm sun low ahead of the camera */
  g_assert_cmpfloat (sky->sun_direction.y, >, 0.0);
  g_assert_cmpfloat (sky->sun_direction.y, <, sin (SL_DEG_TO_RAD (15)));
  g_assert_cmpfloat (sky->sun_direction.z, >, 0.5);
  g_assert_cmpfloat (sky->sun_color[0], >, 2.0 * sky->sun_color[2]);
  g_assert_cmpfloat (sky->horizon[0], >, sky->horizon[2]);

  for (guint i = 0; i < sl_scene_get_n_cards (scene); i++)
    {
      const SlCard *card = sl_scene_get_card (scene, i);

      g_assert_nonnull (card->label);
      g_assert_true (SL_IS_IMAGE (card->image));
      g_assert_false (card->camera_locked);
      if (!is_ridge (card))
        continue;
      /* back to front: each ridge nearer than the one before */
      g_assert_cmpfloat (card->centre.z, <, last);
      last = card->centre.z;
      ridges++;
      /* level, upright, facing the camera */
      g_assert_cmpfloat (fabs (card->up.x) + fabs (card->up.z), <, 1e-9);
      g_assert_cmpfloat (card->up.y, >, 0);
    }
  g_assert_cmpuint (ridges, >=, 3);
  g_assert_cmpuint (count_prefix (scene, "mist"), >, 0);
  g_assert_null (sl_scene_get_depth_image (scene));
}

static void
test_studio (void)
{
  g_autoptr(SlProject) project = new_project ("product shot on white studio backdrop");
  g_autoptr(SlScene) scene = build_ok (project);
  const SlCard *backdrop = find_card (scene, "backdrop"), *floor = find_card (scene, "floor");

  g_assert_true (sl_scene_get_look (scene)->backdrop);
  g_assert_nonnull (backdrop);
  g_assert_nonnull (floor);
  g_assert_cmpuint (count_prefix (scene, "ridge"), ==, 0);
  g_assert_cmpuint (count_prefix (scene, "ground"), ==, 0);
  g_assert_false (sl_scene_get_sky (scene)->present);
  /* the floor lies flat and meets the wall */
  g_assert_cmpfloat (fabs (floor->up.y), <, 1e-9);
  g_assert_cmpfloat (fabs (floor->centre.z + floor->up.z - backdrop->centre.z), <, 1e-9);
}

static void
test_water (void)
{
  g_autoptr(SlProject) project = new_project ("mountain lake at sunset");
  g_autoptr(SlScene) scene = build_ok (project);
  const SlCard *water = find_card (scene, "water");
  guint reflections = 0;

  g_assert_nonnull (water);
  for (guint i = 0; i < sl_scene_get_n_cards (scene); i++)
    {
      const SlCard *card = sl_scene_get_card (scene, i);

      if (strstr (card->label, "ridge") == NULL || strstr (card->label, "reflection") == NULL)
        continue;
      /* mirrored: below the water, upside down */
      g_assert_cmpfloat (card->centre.y, <, water->centre.y);
      g_assert_cmpfloat (card->up.y, <, 0);
      reflections++;
    }
  g_assert_cmpuint (reflections, >=, 3);
  /* the surface is drawn over every reflection */
  g_assert_true (g_str_has_prefix (sl_scene_get_card (scene, sl_scene_get_n_cards (scene) - 1)->label, "water"));
}

static void
test_deterministic (void)
{
  g_autoptr(SlProject) a = new_project ("misty mountains, snow");
  g_autoptr(SlProject) b = new_project ("misty mountains, snow");
  g_autoptr(SlProject) c = new_project ("misty mountains, snow");
  g_autoptr(SlScene) sa = NULL, sb = NULL, sc = NULL;
  guint different = 0;

  g_object_set (c, "seed", 8, NULL);
  sa = build_ok (a);
  sb = build_ok (b);
  sc = build_ok (c);
  g_assert_cmpuint (sl_scene_get_n_cards (sa), ==, sl_scene_get_n_cards (sb));
  g_assert_cmpuint (sl_scene_get_n_cards (sa), ==, sl_scene_get_n_cards (sc));
  for (guint i = 0; i < sl_scene_get_n_cards (sa); i++)
    {
      const SlCard *ca = sl_scene_get_card (sa, i), *cb = sl_scene_get_card (sb, i);
      const SlCard *cc = sl_scene_get_card (sc, i);
      GBytes *ba = sl_image_get_bytes (ca->image);
      GBytes *bb = sl_image_get_bytes (cb->image);
      GBytes *bc = sl_image_get_bytes (cc->image);

      g_assert_cmpstr (ca->label, ==, cb->label);
      g_assert_true (g_bytes_equal (ba, bb));
      g_assert_cmpfloat (ca->centre.z, ==, cb->centre.z);
      g_assert_cmpfloat (ca->fog_amount, ==, cb->fog_amount);
      different += !g_bytes_equal (ba, bc);
    }
  /* another seed, other ridges */
  g_assert_cmpuint (different, >, 0);
  g_assert_cmpuint (sl_scene_get_sky (sa)->seed, ==, sl_scene_get_sky (sb)->seed);
}

static void
test_particles (void)
{
  g_autoptr(SlProject) project = new_project ("snow falling on the hills");
  g_autoptr(SlScene) scene = build_ok (project);
  g_autoptr(SlScene) again = build_ok (project);
  g_autoptr(SlCameraSolver) solver = new_solver (project);
  g_autofree SlParticleSprite *first = g_new (SlParticleSprite, SL_PARTICLE_FIELD_MAX_COUNT);
  g_autofree SlParticleSprite *second = g_new (SlParticleSprite, SL_PARTICLE_FIELD_MAX_COUNT);
  g_autofree SlParticleSprite *later = g_new (SlParticleSprite, SL_PARTICLE_FIELD_MAX_COUNT);
  SlCamera camera;
  guint n, m, k;

  g_assert_cmpint (sl_scene_get_look (scene)->particles, ==, SL_PARTICLES_SNOW);
  sl_camera_solver_evaluate (solver, 1.0, &camera);
  n = sl_scene_get_particles (scene, 1.0, &camera, WIDTH, HEIGHT, first, SL_PARTICLE_FIELD_MAX_COUNT);
  m = sl_scene_get_particles (again, 1.0, &camera, WIDTH, HEIGHT, second, SL_PARTICLE_FIELD_MAX_COUNT);
  k = sl_scene_get_particles (scene, 1.5, &camera, WIDTH, HEIGHT, later, SL_PARTICLE_FIELD_MAX_COUNT);
  g_assert_cmpuint (n, >, 20);
  g_assert_cmpuint (n, <=, SL_PARTICLE_FIELD_MAX_COUNT);
  /* the same time gives the same sprites, another time other places */
  g_assert_cmpuint (m, ==, n);
  g_assert_cmpmem (first, n * sizeof first[0], second, m * sizeof second[0]);
  g_assert_false (k == n && memcmp (first, later, n * sizeof first[0]) == 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (first[i].x + first[i].radius, >=, 0);
      g_assert_cmpfloat (first[i].x - first[i].radius, <=, WIDTH);
      g_assert_cmpfloat (first[i].y + first[i].radius, >=, 0);
      g_assert_cmpfloat (first[i].y - first[i].radius, <=, HEIGHT);
      g_assert_cmpfloat (first[i].alpha, >, 0);
      g_assert_cmpfloat (first[i].alpha, <=, 1);
    }
  /* a smaller buffer keeps the nearest, still back to front */
  g_assert_cmpuint (sl_scene_get_particles (scene, 1.0, &camera, WIDTH, HEIGHT, second, 5), ==, 5);
  g_assert_cmpmem (second, 5 * sizeof second[0], first + n - 5, 5 * sizeof first[0]);
}

/* Snow falls: over half a second most flakes move down the picture. */
static void
test_particles_fall (void)
{
  SlParticleFieldSetup setup = { .kind = SL_PARTICLES_SNOW, .density = 0.5, .size = 10, .scale = 1,
                                 .light = { 1, 1, 1 }, .seed = 3 };
  g_autoptr(SlParticleField) field = sl_particle_field_new (&setup);
  guint down = 0, n = sl_particle_field_get_n_particles (field);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    down += sl_particle_field_get_position (field, i, 0.5).y < sl_particle_field_get_position (field, i, 0).y;
  g_assert_cmpuint (down, ==, n);
  setup.kind = SL_PARTICLES_NONE;
  g_assert_null (sl_particle_field_new (&setup));
}

/* ----- plates ------------------------------------------------------------- */

static SlProject *
new_plate_project (const char *prompt)
{
  SlProject *project = new_project (prompt);
  g_autofree char *plate = write_image ("plate.png", 120, 90, plate_pixel);
  g_autofree char *depth = write_image ("plate-depth.png", 120, 90, depth_pixel);
  SlReference *reference = add_reference (project, "plate.png", SL_REFERENCE_ROLE_PLATE);

  g_object_set (reference, "depth-mode", SL_DEPTH_MODE_FILE, "depth-file", "plate-depth.png", NULL);
  return project;
}

static void
test_plate_layers (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  g_autoptr(SlScene) scene = build_ok (project);
  g_autoptr(SlCameraSolver) solver = new_solver (project);
  SlCamera start;
  SlVec3 subject;
  double distance, corners[4][2] = { { 0 } }, last = G_MAXDOUBLE;
  guint n = sl_scene_get_n_cards (scene);

  sl_camera_solver_evaluate (solver, 0, &start);
  sl_camera_solver_get_subject (solver, &subject, &distance);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, ==, count_prefix (scene, "plate layer"));
  g_assert_nonnull (sl_scene_get_depth_image (scene));
  g_assert_false (sl_scene_get_sky (scene)->present);
  for (guint i = 0; i < n; i++)
    {
      const SlCard *card = sl_scene_get_card (scene, i);
      double depth;

      for (guint j = 0; j < 4; j++)
        {
          SlVec3 p = sl_vec3_add (sl_vec3_add_scaled (card->centre, card->right, j & 1 ? 1 : -1),
                                  sl_vec3_scale (card->up, j & 2 ? -1 : 1));
          double x, y;

          g_assert_true (sl_camera_project (&start, p, WIDTH, HEIGHT, &x, &y, NULL));
          /* every layer covers exactly the plate's region */
          if (i == 0)
            {
              corners[j][0] = x;
              corners[j][1] = y;
            }
          g_assert_cmpfloat (fabs (x - corners[j][0]), <, 0.01);
          g_assert_cmpfloat (fabs (y - corners[j][1]), <, 0.01);
        }
      /* farther layers first, spread around the subject distance */
      sl_camera_project (&start, card->centre, WIDTH, HEIGHT, NULL, NULL, &depth);
      g_assert_cmpfloat (depth, <, last);
      g_assert_cmpfloat (depth, >=, 0.6 * distance - 1e-9);
      g_assert_cmpfloat (depth, <=, 3.0 * distance + 1e-9);
      last = depth;
    }
  /* a 4:3 plate covers the 16:9 frame: its width fits, its height spills
   * over; the camera does not move, so there is (almost) no overscan */
  g_assert_cmpfloat (corners[0][0], <=, 0);
  g_assert_cmpfloat (corners[0][0], >, -0.5);
  g_assert_cmpfloat (corners[3][0], >=, WIDTH);
  g_assert_cmpfloat (corners[0][1], <, -0.1 * HEIGHT);
  g_assert_cmpfloat (corners[3][1], >, 1.1 * HEIGHT);
}

/* With a push in and a pan, every plate card still fills the frame at
 * every sampled time: the rays through the picture's corners all land on
 * every card. */
static void
test_plate_overscan (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  g_autoptr(SlProject) still = new_plate_project ("");
  g_autoptr(SlScene) scene = NULL, still_scene = NULL;
  g_autoptr(SlCameraSolver) solver = NULL;
  static const double corners[4][2] = { { 0, 0 }, { WIDTH, 0 }, { 0, HEIGHT }, { WIDTH, HEIGHT } };
  double grown;

  add_move (project, "push-in", 30, SL_UNIT_PERCENT);
  add_move (project, "pan-right", 10, SL_UNIT_DEGREES);
  scene = build_ok (project);
  still_scene = build_ok (still);
  solver = new_solver (project);
  for (guint k = 0; k < SL_SCENE_CAMERA_SAMPLES; k++)
    {
      SlCamera camera;

      sl_camera_solver_evaluate (solver, SECONDS * k / (SL_SCENE_CAMERA_SAMPLES - 1), &camera);
      for (guint i = 0; i < sl_scene_get_n_cards (scene); i++)
        for (guint j = 0; j < 4; j++)
          {
            double u = G_MAXDOUBLE, v = G_MAXDOUBLE;

            g_assert_true (corner_on_card (&camera, sl_scene_get_card (scene, i), corners[j][0], corners[j][1], &u, &v));
            g_assert_cmpfloat (fabs (u), <=, 1.0);
            g_assert_cmpfloat (fabs (v), <=, 1.0);
          }
    }
  /* and it took overscan to do so */
  grown = sl_vec3_length (sl_scene_get_card (scene, 0)->right)
          / sl_vec3_length (sl_scene_get_card (still_scene, 0)->right);
  g_assert_cmpfloat (grown, >, 1.05);
  g_assert_cmpfloat (grown, <=, SL_SCENE_MAX_OVERSCAN);
}

static void
test_plate_flat (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  g_autoptr(SlScene) scene = NULL;
  g_autoptr(SlCameraSolver) solver = new_solver (project);
  SlReference *reference = sl_shot_find_reference (first_shot (project), SL_REFERENCE_ROLE_PLATE);
  double distance, depth;
  SlCamera start;

  g_object_set (reference, "depth-mode", SL_DEPTH_MODE_FLAT, NULL);
  scene = build_ok (project);
  g_assert_cmpuint (sl_scene_get_n_cards (scene), ==, 1);
  g_assert_cmpstr (sl_scene_get_card (scene, 0)->label, ==, "plate layer 1/1");
  sl_camera_solver_get_subject (solver, NULL, &distance);
  sl_camera_solver_evaluate (solver, 0, &start);
  sl_camera_project (&start, sl_scene_get_card (scene, 0)->centre, WIDTH, HEIGHT, NULL, NULL, &depth);
  g_assert_cmpfloat (fabs (depth - distance), <, 1e-9);
}

static void
test_plate_auto_depth (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  SlReference *reference = sl_shot_find_reference (first_shot (project), SL_REFERENCE_ROLE_PLATE);
  g_autoptr(SlScene) scene = NULL;

  g_object_set (reference, "depth-mode", SL_DEPTH_MODE_AUTO, NULL);
  scene = build_ok (project);
  g_assert_cmpuint (count_prefix (scene, "plate layer"), >=, 1);
  g_assert_nonnull (sl_scene_get_depth_image (scene));
}

static void
test_missing_plate (void)
{
  g_autoptr(SlProject) project = new_project ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlScene) scene = NULL;

  add_reference (project, "nowhere/missing-plate.png", SL_REFERENCE_ROLE_PLATE);
  scene = build_scene (project, &error);
  g_assert_null (scene);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing-plate.png"));
  g_assert_nonnull (strstr (error->message, "opening"));
}

static void
test_broken_image (void)
{
  g_autoptr(SlProject) project = new_project ("");
  g_autofree char *path = g_build_filename (tmp_dir, "broken.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlScene) scene = NULL;

  g_assert_true (g_file_set_contents (path, "\x89PNG\r\n\x1a\nnot really", -1, NULL));
  add_reference (project, "broken.png", SL_REFERENCE_ROLE_SUBJECT);
  scene = build_scene (project, &error);
  g_assert_null (scene);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SL_SHOTS_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Shot “opening”: "));
  g_assert_nonnull (strstr (error->message, "broken.png"));
}

static void
test_missing_depth_file (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  SlReference *reference = sl_shot_find_reference (first_shot (project), SL_REFERENCE_ROLE_PLATE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlScene) scene = NULL;

  g_object_set (reference, "depth-file", "no-such-depth.png", NULL);
  scene = build_scene (project, &error);
  g_assert_null (scene);
  g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-depth.png"));
}

/* ----- first and last frames, subjects ------------------------------------ */

static void
test_frames (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  g_autofree char *first = write_image ("first.png", 64, 36, orange_pixel);
  g_autofree char *last = write_image ("last.png", 64, 36, blue_pixel);
  g_autoptr(SlScene) scene = NULL;
  const SlCard *in, *out;
  double frame = 1.0 / 25;
  guint n;

  g_object_set (project, "fps-num", 25, "fps-den", 1, NULL);
  add_reference (project, "first.png", SL_REFERENCE_ROLE_FIRST_FRAME);
  add_reference (project, "last.png", SL_REFERENCE_ROLE_LAST_FRAME);
  scene = build_ok (project);
  n = sl_scene_get_n_cards (scene);
  out = sl_scene_get_card (scene, n - 2);
  in = sl_scene_get_card (scene, n - 1);
  g_assert_cmpstr (out->label, ==, "first frame");
  g_assert_cmpstr (in->label, ==, "last frame");
  g_assert_true (out->camera_locked);
  g_assert_true (in->camera_locked);
  /* the first frame is all there at the start and gone after a quarter */
  g_assert_cmpfloat (card_fade (out, 0), ==, 1.0);
  g_assert_cmpfloat (card_fade (out, 0.125 * SECONDS), ==, 0.5);
  g_assert_cmpfloat (card_fade (out, 0.25 * SECONDS), ==, 0.0);
  g_assert_cmpfloat (card_fade (out, SECONDS - frame), ==, 0.0);
  /* the last frame comes in over the last quarter, whole on the last frame */
  g_assert_cmpfloat (card_fade (in, 0), ==, 0.0);
  g_assert_cmpfloat (card_fade (in, 0.75 * SECONDS), ==, 0.0);
  g_assert_cmpfloat (card_fade (in, 0.9 * SECONDS), >, 0.0);
  g_assert_cmpfloat (card_fade (in, SECONDS - frame), ==, 1.0);
  /* full frame, cover: 16:9 into 16:9 at 1 m in front of the lens */
  g_assert_cmpfloat (out->centre.z, ==, 1.0);
  g_assert_cmpfloat (fabs (out->right.x / out->up.y - (double) WIDTH / HEIGHT), <, 1e-9);
}

static void
test_first_frame_as_plate (void)
{
  g_autoptr(SlProject) project = new_project ("");
  g_autofree char *first = write_image ("first-plate.png", 96, 54, plate_pixel);
  g_autoptr(SlScene) scene = NULL;

  add_reference (project, "first-plate.png", SL_REFERENCE_ROLE_FIRST_FRAME);
  scene = build_ok (project);
  g_assert_cmpuint (count_prefix (scene, "plate layer"), >=, 1);
  g_assert_nonnull (find_card (scene, "first frame"));
  g_assert_cmpuint (count_prefix (scene, "ridge"), ==, 0);
}

static void
test_subject (void)
{
  g_autoptr(SlProject) project = new_plate_project ("");
  g_autofree char *path = write_image ("disc.png", 80, 80, disc_pixel);
  g_autoptr(SlScene) scene = NULL;
  g_autoptr(SlCameraSolver) solver = NULL;
  const SlCard *subject, *plate;
  const guint8 *pixels;
  SlVec3 centre;
  double distance, frame_h;
  SlCamera start;
  int w, h, stride;

  g_object_set (first_shot (project), "size-start", SL_SHOT_SIZE_MEDIUM, NULL);
  add_reference (project, "disc.png", SL_REFERENCE_ROLE_SUBJECT);
  scene = build_ok (project);
  solver = new_solver (project);
  subject = sl_scene_get_card (scene, sl_scene_get_n_cards (scene) - 1);
  plate = sl_scene_get_card (scene, 0);
  g_assert_cmpstr (subject->label, ==, "subject");

  /* centred at the subject distance, 80 % of the frame high for MS, in
   * front of every plate layer */
  sl_camera_solver_get_subject (solver, &centre, &distance);
  sl_camera_solver_evaluate (solver, 0, &start);
  frame_h = sl_camera_get_frame_height (&start, distance);
  g_assert_cmpfloat (sl_vec3_distance (subject->centre, centre), <, 1e-9);
  g_assert_cmpfloat (fabs (2 * subject->up.y - 0.8 * frame_h), <, 1e-9);
  g_assert_cmpfloat (plate->centre.z, >, subject->centre.z);

  /* the white backdrop is keyed out, the disc kept (and the card cropped
   * to it) */
  w = sl_image_get_width (subject->image);
  h = sl_image_get_height (subject->image);
  stride = sl_image_get_stride (subject->image);
  pixels = sl_image_get_pixels (subject->image);
  g_assert_cmpint (w, <, 80);
  g_assert_cmpint (pixels[3], ==, 0);
  g_assert_cmpint (pixels[(h / 2) * stride + (w / 2) * 4 + 3], ==, 255);
  g_assert_cmpint (pixels[(h / 2) * stride + (w / 2) * 4], >, 150);
  g_assert_cmpint (pixels[(h / 2) * stride + (w / 2) * 4 + 1], <, 100);
}

/* ----- style -------------------------------------------------------------- */

static void
test_style (void)
{
  g_autoptr(SlProject) plain = new_project ("studio");
  g_autoptr(SlProject) blue = new_project ("studio");
  g_autoptr(SlProject) orange = new_project ("studio");
  g_autofree char *blue_path = write_image ("style-blue.png", 48, 32, blue_pixel);
  g_autofree char *orange_path = write_image ("style-orange.png", 48, 32, orange_pixel);
  g_autoptr(SlScene) plain_scene = NULL, blue_scene = NULL, orange_scene = NULL;
  const SlLook *neutral, *cold, *warm;

  add_reference (blue, "style-blue.png", SL_REFERENCE_ROLE_STYLE);
  add_reference (orange, "style-orange.png", SL_REFERENCE_ROLE_STYLE);
  plain_scene = build_ok (plain);
  blue_scene = build_ok (blue);
  orange_scene = build_ok (orange);
  neutral = sl_scene_get_look (plain_scene);
  cold = sl_scene_get_look (blue_scene);
  warm = sl_scene_get_look (orange_scene);

  g_assert_cmpfloat (cold->temperature, <, neutral->temperature - 500);
  g_assert_cmpfloat (cold->gain[2], >, cold->gain[0]);
  g_assert_cmpfloat (warm->temperature, >, neutral->temperature + 500);
  g_assert_cmpfloat (warm->gain[0], >, warm->gain[2]);
  /* the palette is the style's, its main colour blue */
  g_assert_cmpuint (cold->n_palette, >=, 2);
  g_assert_cmpuint (cold->n_palette, <=, SL_LOOK_MAX_PALETTE);
  g_assert_cmpfloat (cold->palette[0][2], >, cold->palette[0][0]);
}

static void
test_style_stats (void)
{
  static const guint8 two[4 * 4] = {
    255, 0, 0, 255,  255, 0, 0, 255,  255, 0, 0, 255,  0, 0, 255, 255,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (two, sizeof two);
  g_autoptr(SlImage) image = sl_image_new_from_bytes (4, 1, 16, bytes);
  SlStyleStats stats, again;

  sl_style_stats_compute (image, 5, &stats);
  sl_style_stats_compute (image, 5, &again);
  g_assert_cmpmem (&stats, sizeof stats, &again, sizeof again);
  g_assert_cmpfloat (fabs (stats.mean[0] - 0.75), <, 1e-9);
  g_assert_cmpfloat (fabs (stats.mean[2] - 0.25), <, 1e-9);
  g_assert_cmpfloat (fabs (stats.stddev[0] - sqrt (0.75 * 0.25)), <, 1e-9);
  /* two colours, the commoner first */
  g_assert_cmpuint (stats.n_palette, ==, 2);
  g_assert_cmpfloat (stats.palette[0][0], ==, 1.0);
  g_assert_cmpfloat (stats.palette[1][2], ==, 1.0);
}

/* ----- procedural textures ------------------------------------------------ */

static void
test_ridge_texture (void)
{
  SlRidgeSpec spec = {
    .kind = SL_TERRAIN_KIND_MOUNTAINS, .seed = 11, .width = 200, .height = 60,
    .features = 3, .roughness = 0.7, .valley = 0.1, .peak_row = 3, .base_row = 50,
    .softness = 1, .top_color = { 0.2, 0.2, 0.25 }, .bottom_color = { 0.1, 0.1, 0.1 },
    .detail = 0.2, .relief = 0.3, .light_side = 1,
  };
  g_autoptr(SlImage) image = sl_procedural_ridge (&spec);
  g_autoptr(SlImage) bigger = NULL;
  const guint8 *pixels = sl_image_get_pixels (image);
  int stride = sl_image_get_stride (image);

  /* above every crest the sky shows through; the bottom row is solid */
  for (int x = 0; x < 200; x++)
    {
      g_assert_cmpint (pixels[x * 4 + 3], ==, 0);
      g_assert_cmpint (pixels[59 * stride + x * 4 + 3], ==, 255);
    }
  /* the profile does not depend on the texture's size */
  spec.width = 400;
  spec.height = 120;
  bigger = sl_procedural_ridge (&spec);
  g_assert_cmpint (sl_image_get_width (bigger), ==, 400);
  for (int i = 0; i <= 10; i++)
    g_assert_cmpfloat (sl_procedural_ridge_profile (&spec, i / 10.0), >=, spec.valley);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-scene-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/scene/mountains", test_mountains);
  g_test_add_func ("/scene/studio", test_studio);
  g_test_add_func ("/scene/water", test_water);
  g_test_add_func ("/scene/deterministic", test_deterministic);
  g_test_add_func ("/scene/particles", test_particles);
  g_test_add_func ("/scene/particles-fall", test_particles_fall);
  g_test_add_func ("/scene/plate-layers", test_plate_layers);
  g_test_add_func ("/scene/plate-overscan", test_plate_overscan);
  g_test_add_func ("/scene/plate-flat", test_plate_flat);
  g_test_add_func ("/scene/plate-auto-depth", test_plate_auto_depth);
  g_test_add_func ("/scene/missing-plate", test_missing_plate);
  g_test_add_func ("/scene/broken-image", test_broken_image);
  g_test_add_func ("/scene/missing-depth-file", test_missing_depth_file);
  g_test_add_func ("/scene/frames", test_frames);
  g_test_add_func ("/scene/first-frame-as-plate", test_first_frame_as_plate);
  g_test_add_func ("/scene/subject", test_subject);
  g_test_add_func ("/scene/style", test_style);
  g_test_add_func ("/scene/style-stats", test_style_stats);
  g_test_add_func ("/scene/ridge-texture", test_ridge_texture);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
