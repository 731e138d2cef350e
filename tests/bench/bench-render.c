/* bench-render.c: frames per second of three reference shots, and a Ken
 * Burns move against ffmpeg's zoompan on the same photo and path
 *
 * Measured, never asserted: it prints a Markdown table (tests/bench/
 * run-bench.sh writes it into docs/performance.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shotline-engine.h"
#include "shotline-shots.h"

#define PHOTO_WIDTH  4000
#define PHOTO_HEIGHT 3000
#define KEN_BURNS_FRAMES 300

static char *workdir;
static char *backend_name = "auto";
static char *backend_list;
static int frames_small = 60;
static int frames_large = 15;
static gboolean skip_ffmpeg;
static char measured_backend[32] = "?";
static char measured_device[160] = "?";

static const GOptionEntry entries[] = {
  { "workdir", 'w', 0, G_OPTION_ARG_FILENAME, &workdir, "Where the generated photo and projects go (default: a new temporary folder)", "DIR" },
  { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name, "Backend to measure (default auto)", "NAME" },
  { "backends", 0, 0, G_OPTION_ARG_STRING, &backend_list, "Measure each of these (comma-separated, e.g. cpu,vulkan,cuda); those that cannot run here get a row saying why", "LIST" },
  { "frames-small", 0, 0, G_OPTION_ARG_INT, &frames_small, "Frames timed per shot at 640x360 (default 60)", "N" },
  { "frames-large", 0, 0, G_OPTION_ARG_INT, &frames_large, "Frames timed per shot at 1920x1080 (default 15)", "N" },
  { "skip-ffmpeg", 0, 0, G_OPTION_ARG_NONE, &skip_ffmpeg, "Do not run the Ken Burns comparison", NULL },
  { NULL }
};

/* A 4000x3000 "photo" with detail at every scale (so JPEG and mipmaps have
 * real work): sky gradient, hills from summed sines, a grid of windows,
 * and per-pixel noise. Deterministic. */
static gboolean
write_photo (const char *path, GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PHOTO_WIDTH, PHOTO_HEIGHT);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  guint32 state = 12345;

  for (int y = 0; y < PHOTO_HEIGHT; y++)
    for (int x = 0; x < PHOTO_WIDTH; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x * 3;
        double ridge = 1500 + 180 * sin (x * 0.0021) + 90 * sin (x * 0.0113 + 1) + 25 * sin (x * 0.071);
        double r, g, b;

        state = state * 1664525u + 1013904223u;
        if (y < ridge)
          {
            double t = y / 1500.0;

            r = 90 + 140 * t;
            g = 140 + 80 * t;
            b = 230 - 40 * t;
          }
        else if (((x / 40) % 3 == 0) && ((y / 60) % 2 == 0) && y > 2000)
          {
            r = 250;
            g = 210;
            b = 120;
          }
        else
          {
            double t = (double) (y - ridge) / (PHOTO_HEIGHT - ridge);

            r = 60 - 30 * t + 20 * sin (x * 0.05) * sin (y * 0.05);
            g = 90 - 40 * t;
            b = 70 - 30 * t;
          }
        p[0] = CLAMP (r + (int) (state >> 28) - 8, 0, 255);
        p[1] = CLAMP (g + (int) ((state >> 24) & 15) - 8, 0, 255);
        p[2] = CLAMP (b + (int) ((state >> 20) & 15) - 8, 0, 255);
      }
  return gdk_pixbuf_save (pixbuf, path, "jpeg", error, "quality", "92", NULL);
}

typedef struct {
  const char *name;
  const char *file;
  const char *script;   /* @WORK@: the work folder, @DEMO@: the demo images */
} Shot;

static const Shot shots[] = {
  { "Ken Burns plate (4000x3000 photo, zoom 1-1.5 + pan)", "ken-burns.shots",
    "project \"Ken Burns\" 1920x1080 30fps seed 1\n"
    "shot \"Photo\" 10s\n"
    "  plate \"@WORK@/photo.jpg\" depth flat\n"
    "  zoom in 1.5x linear\n"
    "  truck right 10% linear\n" },
  { "Parallax orbit (plate layers + subject)", "parallax.shots",
    "project \"Parallax\" 1920x1080 30fps seed 1\n"
    "shot \"Orbit\" 10s\n"
    "  plate \"@DEMO@/images/valley.png\"\n"
    "  subject \"@DEMO@/images/bottle-cutout.png\"\n"
    "  orbit left 15deg\n" },
  { "Procedural mountains at dawn with snow", "mountains.shots",
    "project \"Mountains\" 1920x1080 30fps seed 1\n"
    "shot \"Dawn\" 10s\n"
    "  prompt \"serene mountains at dawn, snow\"\n"
    "  push in 20%\n" },
};

static SlProject *
load_shot (const Shot *shot, GError **error)
{
  g_autofree char *demo = g_build_filename (g_getenv ("SHOTLINE_SOURCE_DIR"), "data", "demo", NULL);
  g_autofree char *path = g_build_filename (workdir, shot->file, NULL);
  g_autoptr(GString) text = g_string_new (shot->script);

  g_string_replace (text, "@WORK@", workdir, 0);
  g_string_replace (text, "@DEMO@", demo, 0);
  if (!g_file_set_contents (path, text->str, -1, error))
    return NULL;
  return sl_project_io_load (path, error);
}

typedef struct {
  double first_ms;      /* the first frame: decoding, planning, uploading */
  double fps;           /* frames after it */
} Timing;

/* N frames of the I420 output spread over the shot (as an export renders
 * them, every frame of a stretch of it). */
static gboolean
time_frames (SlProject *project, guint width, guint height, int n, Timing *timing, GError **error)
{
  g_autoptr(SlRenderer) renderer = NULL;
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 3 / 2 + width * 2);
  gsize offsets[3] = { 0, (gsize) width * height, (gsize) width * height + (gsize) ((width + 1) / 2) * ((height + 1) / 2) };
  gsize strides[3] = { width, (width + 1) / 2, (width + 1) / 2 };
  gint64 frame = sl_project_get_frame_time (project, 1);
  gint64 start;

  start = g_get_monotonic_time ();
  renderer = sl_renderer_new (project, backend_name, error);
  if (renderer == NULL || !sl_renderer_set_size (renderer, width, height, error)
      || !sl_renderer_render_i420 (renderer, 0, data, offsets, strides, error))
    return FALSE;
  timing->first_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_strlcpy (measured_backend, sl_renderer_get_backend_name (renderer), sizeof measured_backend);
  g_strlcpy (measured_device, sl_renderer_get_device_name (renderer), sizeof measured_device);
  start = g_get_monotonic_time ();
  for (int i = 1; i <= n; i++)
    if (!sl_renderer_render_i420 (renderer, i * frame, data, offsets, strides, error))
      return FALSE;
  timing->fps = n / ((g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

/* The plate's texel under the picture centre, and the picture's width in
 * texels, at SECONDS: the window zoompan must crop to follow our camera. */
static void
plate_window (SlProject *project, SlScene *scene, double seconds, double *centre_x,
              double *centre_y, double *span)
{
  g_autoptr(SlCameraSolver) solver = sl_camera_solver_new (project, 0, NULL, NULL);
  const SlCard *card = sl_scene_get_card (scene, sl_scene_get_n_cards (scene) - 1);
  double width = sl_image_get_width (card->image), height = sl_image_get_height (card->image);
  SlVec3 corner = sl_vec3_add (sl_vec3_sub (card->centre, card->right), card->up);
  double half_w = sl_vec3_length (card->right), half_h = sl_vec3_length (card->up);
  SlCamera camera;
  SlVec3 left, right;
  double depth;

  sl_camera_solver_evaluate (solver, seconds, &camera);
  sl_camera_project (&camera, card->centre, 1920, 1080, NULL, NULL, &depth);
  left = sl_camera_unproject (&camera, 0, 540, depth, 1920, 1080);
  right = sl_camera_unproject (&camera, 1920, 540, depth, 1920, 1080);
  *centre_x = ((left.x + right.x) / 2 - corner.x) / (2 * half_w) * width;
  *centre_y = (corner.y - (left.y + right.y) / 2) / (2 * half_h) * height;
  *span = (right.x - left.x) / (2 * half_w) * width;
}

/* One row per shot and size on BACKEND_NAME; a backend that cannot run
 * here gets one row with the reason instead. */
static void
time_shots (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlProject) project = load_shot (&shots[i], &error);
      Timing small, large;

      if (project == NULL)
        g_error ("%s: %s", shots[i].name, error->message);
      if (!time_frames (project, 640, 360, frames_small, &small, &error))
        {
          if (!g_error_matches (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE))
            g_error ("%s: %s", shots[i].name, error->message);
          g_print ("| all | | %s | not measured: %s | | |\n", backend_name, error->message);
          return;
        }
      g_print ("| %s | 640x360 | %s | %s | %.0f | %.1f |\n", shots[i].name, measured_backend,
               measured_device, small.first_ms, small.fps);
      if (!time_frames (project, 1920, 1080, frames_large, &large, &error))
        g_error ("%s: %s", shots[i].name, error->message);
      g_print ("| %s | 1920x1080 | %s | %s | %.0f | %.1f |\n", shots[i].name, measured_backend,
               measured_device, large.first_ms, large.fps);
    }
}

static gboolean
run_ffmpeg (SlProject *project, double *seconds, GError **error)
{
  g_autoptr(SlRenderer) renderer = sl_renderer_new (project, "cpu", error);
  g_autofree char *photo = g_build_filename (workdir, "photo.jpg", NULL);
  g_autofree char *filter = NULL;
  g_autofree char *standard_error = NULL;
  double cx0, cy0, span0, cx1, cy1, span1, crop_w, crop_h;
  SlScene *scene;
  int status;
  gint64 start;

  if (renderer == NULL || (scene = sl_renderer_get_scene (renderer, 0, error)) == NULL)
    return FALSE;
  plate_window (project, scene, 0, &cx0, &cy0, &span0);
  plate_window (project, scene, 10, &cx1, &cy1, &span1);
  /* Crop to the 16:9 window we start on, then zoom by 1.5^(n/299) about a
   * centre moving linearly, as our camera does. */
  crop_w = round (span0);
  crop_h = round (span0 * 9 / 16);
  filter = g_strdup_printf ("crop=%.0f:%.0f:%.0f:%.0f,"
                            "zoompan=z='pow(%g,on/%d)':x='%g+%g*on/%d-iw/zoom/2':y='%g-ih/zoom/2'"
                            ":d=%d:s=1920x1080:fps=30",
                            crop_w, crop_h, round (cx0 - crop_w / 2), round (cy0 - crop_h / 2),
                            span0 / span1, KEN_BURNS_FRAMES - 1, crop_w / 2,
                            cx1 - cx0, KEN_BURNS_FRAMES - 1, crop_h / 2, KEN_BURNS_FRAMES);
  {
    const char *argv[] = {
      "ffmpeg", "-nostdin", "-v", "error", "-loop", "1", "-i", photo, "-vf", filter,
      "-frames:v", G_STRINGIFY (KEN_BURNS_FRAMES), "-f", "null", "-", NULL
    };

    start = g_get_monotonic_time ();
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                       NULL, NULL, NULL, &standard_error, &status, error))
      return FALSE;
    *seconds = (g_get_monotonic_time () - start) / 1e6;
  }
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "ffmpeg: %s: ", standard_error);
      return FALSE;
    }
  g_printerr ("ffmpeg -loop 1 -i photo.jpg -vf \"%s\" -frames:v %d -f null -\n", filter, KEN_BURNS_FRAMES);
  return TRUE;
}

/* All 300 frames at 1920x1080 from a new renderer, as `shotline render`
 * would, without the encoder. */
static gboolean
run_ken_burns (SlProject *project, double *seconds, GError **error)
{
  Timing timing;
  gint64 start = g_get_monotonic_time ();

  if (!time_frames (project, 1920, 1080, KEN_BURNS_FRAMES - 1, &timing, error))
    return FALSE;
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure the renderer");
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = NULL;
  g_autoptr(SlProject) ken_burns = NULL;
  double ours = 0, theirs = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (g_getenv ("SHOTLINE_SOURCE_DIR") == NULL)
    g_error ("set SHOTLINE_SOURCE_DIR to the source tree");
  if (workdir == NULL && (workdir = g_dir_make_tmp ("bench-render-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (workdir, 0755);
  photo = g_build_filename (workdir, "photo.jpg", NULL);
  if (!g_file_test (photo, G_FILE_TEST_EXISTS) && !write_photo (photo, &error))
    g_error ("%s", error->message);

  g_print ("| Shot | Size | Backend | Device | First frame (ms) | Frames/s |\n");
  g_print ("|------|------|---------|--------|-----------------:|---------:|\n");
  {
    g_auto(GStrv) names = g_strsplit (backend_list != NULL ? backend_list : backend_name, ",", -1);

    for (guint b = 0; names[b] != NULL; b++)
      {
        backend_name = names[b];
        time_shots ();
      }
    backend_name = "auto";
  }

  if (skip_ffmpeg)
    return 0;
  ken_burns = load_shot (&shots[0], &error);
  if (ken_burns == NULL || !run_ken_burns (ken_burns, &ours, &error)
      || !run_ffmpeg (ken_burns, &theirs, &error))
    g_error ("Ken Burns comparison: %s", error->message);
  g_print ("\n| Ken Burns, %d frames at 1920x1080 | Seconds | Frames/s |\n", KEN_BURNS_FRAMES);
  g_print ("|------|--------:|---------:|\n");
  g_print ("| Shotline (%s backend, I420 out) | %.2f | %.1f |\n", measured_backend, ours, KEN_BURNS_FRAMES / ours);
  g_print ("| ffmpeg zoompan (yuv420p out) | %.2f | %.1f |\n", theirs, KEN_BURNS_FRAMES / theirs);
  g_print ("\nShotline takes %.2fx the time ffmpeg takes (%.2fx its speed).\n", ours / theirs, theirs / ours);
  return 0;
}
