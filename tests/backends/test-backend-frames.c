/* test-backend-frames.c: whole frames of the three reference shots on every
 * backend present, against the CPU reference (PSNR ≥ 45 dB)
 *
 * The kernels' equivalence test checks each op on random inputs; this one
 * checks what a user sees: the renderer's frames, every op together, at a
 * preview size and an HD size, at the start, middle and end of each shot.
 * Backends that cannot run here skip with their reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backend-frames"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "shotline-engine.h"
#include "shotline-shots.h"

#define MIN_PSNR_DB 45.0

typedef struct {
  const char *name;
  const char *script;   /* @WORK@: the test's folder, @DEMO@: the demo's */
} ReferenceShot;

/* The shots the GPU benchmark measures (tests/bench/bench-render.c): a
 * photo under a Ken Burns move, a parallax orbit over depth layers with a
 * keyed subject, and a procedural landscape with a look and particles. */
static const ReferenceShot reference_shots[] = {
  { "ken-burns",
    "project \"Ken Burns\" 1920x1080 30fps seed 1\n"
    "shot \"Photo\" 2s\n"
    "  plate \"@WORK@/photo.jpg\" depth flat\n"
    "  zoom in 1.5x linear\n"
    "  truck right 10% linear\n" },
  { "parallax",
    "project \"Parallax\" 1920x1080 30fps seed 1\n"
    "shot \"Orbit\" 2s\n"
    "  plate \"@DEMO@/images/valley.png\"\n"
    "  subject \"@DEMO@/images/bottle-cutout.png\"\n"
    "  orbit left 15deg\n" },
  { "procedural",
    "project \"Mountains\" 1920x1080 30fps seed 1\n"
    "shot \"Dawn\" 2s\n"
    "  prompt \"serene mountains at dawn, snow, sci-fi\"\n"
    "  push in 20%\n" },
};

static const struct { guint width, height; } sizes[] = { { 640, 360 }, { 1280, 720 } };

static char *workdir;

/* A photo with detail at every scale, so that sampling differences show. */
static void
write_photo (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 1200);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  g_autoptr(GError) error = NULL;
  guint32 state = 7;

  for (int y = 0; y < 1200; y++)
    for (int x = 0; x < 1600; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x * 3;

        state = state * 1664525u + 1013904223u;
        p[0] = (guint8) (128 + 100 * sin (x * 0.013) * cos (y * 0.007) + (state >> 29));
        p[1] = (guint8) (((x / 25 + y / 25) & 1) ? 200 : 40);
        p[2] = (guint8) ((x * 255) / 1600);
      }
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
}

static SlProject *
load_reference (const ReferenceShot *shot)
{
  const char *source = g_getenv ("SHOTLINE_SOURCE_DIR");
  g_autofree char *demo = g_build_filename (source, "data", "demo", NULL);
  g_autofree char *file = g_strconcat (shot->name, ".shots", NULL);
  g_autofree char *path = g_build_filename (workdir, file, NULL);
  g_autoptr(GString) text = g_string_new (shot->script);
  g_autoptr(GError) error = NULL;
  SlProject *project;

  g_string_replace (text, "@WORK@", workdir, 0);
  g_string_replace (text, "@DEMO@", demo, 0);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);
  project = sl_project_io_load (path, &error);
  g_assert_no_error (error);
  return project;
}

/* PSNR of the RGB channels; INFINITY for identical frames. */
static double
psnr (const guint8 *a, const guint8 *b, gsize n_pixels)
{
  double sum = 0;

  for (gsize i = 0; i < n_pixels; i++)
    for (int c = 0; c < 3; c++)
      {
        double d = (double) a[i * 4 + c] - b[i * 4 + c];
        sum += d * d;
      }
  if (sum == 0)
    return INFINITY;
  return 10 * log10 (255.0 * 255.0 / (sum / (n_pixels * 3)));
}

static guint8 *
render (SlRenderer *renderer, gint64 time, guint width, guint height)
{
  g_autoptr(GError) error = NULL;
  guint8 *rgba = g_malloc ((gsize) width * height * 4);

  sl_renderer_set_size (renderer, width, height, &error);
  g_assert_no_error (error);
  sl_renderer_render_rgba (renderer, time, rgba, width * 4, &error);
  g_assert_no_error (error);
  return rgba;
}

static void
compare_backend (gconstpointer data)
{
  const char *backend = data;
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (reference_shots); s++)
    {
      g_autoptr(SlProject) project = load_reference (&reference_shots[s]);
      g_autoptr(SlRenderer) reference = sl_renderer_new (project, "cpu", &error);
      g_autoptr(SlRenderer) tested = NULL;
      gint64 duration = sl_project_get_duration (project);
      gint64 last = sl_project_get_frame_time (project, sl_project_get_n_frames (project) - 1);
      gint64 times[] = { 0, duration / 2, last };

      g_assert_no_error (error);
      tested = sl_renderer_new (project, backend, &error);
      if (tested == NULL)
        {
          g_test_skip_printf ("%s: %s", backend, error->message);
          return;
        }
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        for (guint t = 0; t < G_N_ELEMENTS (times); t++)
          {
            guint w = sizes[z].width, h = sizes[z].height;
            g_autofree guint8 *want = render (reference, times[t], w, h);
            g_autofree guint8 *got = render (tested, times[t], w, h);
            double db = psnr (want, got, (gsize) w * h);

            g_test_message ("%s %s %ux%u t=%.3f s: PSNR %.1f dB", backend, reference_shots[s].name,
                            w, h, times[t] / 1e9, db);
            if (!(db >= MIN_PSNR_DB))
              g_test_fail_printf ("%s, %s at %ux%u, t=%.3f s: PSNR %.2f dB < %.0f dB",
                                  backend, reference_shots[s].name, w, h, times[t] / 1e9, db, MIN_PSNR_DB);
          }
    }
}

/* The measure itself must see a difference: two moments of a moving shot
 * are far below the threshold. */
static void
test_metric_sees_motion (void)
{
  g_autoptr(SlProject) project = load_reference (&reference_shots[0]);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlRenderer) renderer = sl_renderer_new (project, "cpu", &error);
  g_autofree guint8 *start = NULL;
  g_autofree guint8 *middle = NULL;
  double db;

  g_assert_no_error (error);
  start = render (renderer, 0, 320, 180);
  middle = render (renderer, sl_project_get_duration (project) / 2, 320, 180);
  db = psnr (start, middle, 320 * 180);
  g_test_message ("start against middle: PSNR %.1f dB", db);
  g_assert_cmpfloat (db, <, MIN_PSNR_DB);
  g_assert_true (isinf (psnr (start, start, 320 * 180)));
}

int
main (int argc, char *argv[])
{
  g_autofree char *photo = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("shotline-backend-frames-XXXXXX", NULL);
  g_assert_nonnull (workdir);
  photo = g_build_filename (workdir, "photo.jpg", NULL);
  write_photo (photo);

  /* CPU against itself proves the comparison; the GPU backends are the point. */
  g_test_add_func ("/backends/frames/metric-sees-motion", test_metric_sees_motion);
  g_test_add_data_func ("/backends/frames/cpu", "cpu", compare_backend);
  g_test_add_data_func ("/backends/frames/vulkan", "vulkan", compare_backend);
  g_test_add_data_func ("/backends/frames/cuda", "cuda", compare_backend);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (workdir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (workdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (workdir);
  }
  g_free (workdir);
  return status;
}
