/* bench-sketch-edit.c: how long a sketched keyframe edit takes to show in the preview
 *
 * Frame and plan mode edit a keyframe through the history on every pointer
 * motion; the preview must show each edit quickly for dragging to feel
 * direct. This opens the demo in a headless SlPreview at 640 × 360, keys
 * the first shot, then repeatedly moves its end keyframe and measures the
 * time from the edit to the ::frame-ready that shows it (a frame whose
 * pixels differ from the one before). Measured, never asserted: it prints
 * a Markdown table, and with --docs rewrites its own section of
 * docs/performance.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-sketch-edit"

#include "config.h"

#include <string.h>

#include "shotline-engine.h"
#include "shotline-shots.h"

#define WIDTH      640
#define HEIGHT     360
#define GOAL_MS    50.0
#define TIMEOUT_US (20 * G_USEC_PER_SEC)
#define SECTION    "## Sketch edit"

static char *backend_name = "auto";
static int repeats = 30;
static char *docs_path;

static const GOptionEntry entries[] = {
  { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name, "Backend to measure (default auto)", "NAME" },
  { "repeats", 'n', 0, G_OPTION_ARG_INT, &repeats, "Edits timed (default 30)", "N" },
  { "docs", 0, 0, G_OPTION_ARG_FILENAME, &docs_path, "Rewrite the Sketch edit section of this Markdown file", "FILE" },
  { NULL }
};

typedef struct {
  GBytes *last_pixels;
  gint64  shown_at;     /* monotonic µs of the first frame that differs */
} Watch;

static void
on_frame_ready (SlPreview      *preview,
                SlPreviewFrame *frame,
                Watch          *watch)
{
  GBytes *pixels = sl_preview_frame_get_pixels (frame);

  if (watch->last_pixels != NULL && g_bytes_equal (pixels, watch->last_pixels))
    return;
  g_clear_pointer (&watch->last_pixels, g_bytes_unref);
  watch->last_pixels = g_bytes_ref (pixels);
  if (watch->shown_at == 0)
    watch->shown_at = g_get_monotonic_time ();
}

static gboolean
wait_for_frame (Watch *watch)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  while (watch->shown_at == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return watch->shown_at != 0;
}

/* What frame mode does on a shot's first drag: its moves become keyframes
 * at the start and the end. Done here before timing, as set-up. */
static SlKeyframe *
key_first_shot (SlProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCameraSolver) solver = sl_camera_solver_new (project, 0, NULL, &error);
  SlShot *shot = sl_project_get_shot (project, 0);
  gint64 times[2] = { 0, sl_shot_get_duration (shot) };
  SlKeyframe *last = NULL;

  if (solver == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SlKeyframe) keyframe = sl_keyframe_new (times[i]);
      SlCamera camera;

      sl_camera_solver_evaluate_time (solver, times[i], &camera);
      g_object_set (keyframe, "x", camera.position.x, "y", camera.position.y, "z", camera.position.z,
                    "focal-length", camera.focal_length, "focus-distance", camera.focus_distance, NULL);
      g_list_store_append (sl_shot_get_keyframes (shot), keyframe);
      last = keyframe;
    }
  g_list_store_remove_all (sl_shot_get_moves (shot));
  return last;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index = (guint) MIN (ceil (p * sorted->len) - 1, sorted->len - 1);

  return g_array_index (sorted, double, MAX ((int) index, 0));
}

static char *
format_table (GArray     *sorted,
              const char *backend)
{
  double median = percentile (sorted, 0.5), p90 = percentile (sorted, 0.9);

  /* ASCII only: g_print () writes in the locale's charset, often C. */
  return g_strdup_printf ("| %u keyframe edits, demo shot 1 at %dx%d | ms |\n"
                          "|------|---:|\n"
                          "| median, edit to `::frame-ready` (%s backend) | %.1f |\n"
                          "| 90th percentile | %.1f |\n"
                          "| fastest / slowest | %.1f / %.1f |\n"
                          "\nGoal: at most %.0f ms. The median is %s it (%.2fx the goal).\n",
                          sorted->len, WIDTH, HEIGHT, backend, median, p90,
                          g_array_index (sorted, double, 0),
                          g_array_index (sorted, double, sorted->len - 1),
                          GOAL_MS, median <= GOAL_MS ? "within" : "over", median / GOAL_MS);
}

/* Keeps every other section of @path and puts this one last. */
static void
write_docs (const char *path,
            const char *table,
            double      load)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *cpu = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gboolean skipping = FALSE;

  if (!g_file_get_contents (path, &old, NULL, NULL))
    old = g_strdup ("# Performance\n");
  lines = g_strsplit (old, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "## "))
        skipping = g_str_equal (lines[i], SECTION);
      if (!skipping && (lines[i + 1] != NULL || lines[i][0] != '\0'))
        g_string_append_printf (text, "%s\n", lines[i]);
    }
  while (g_str_has_suffix (text->str, "\n\n"))
    g_string_truncate (text, text->len - 1);

  {
    g_autofree char *cpuinfo = NULL;

    if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
      {
        char *name = strstr (cpuinfo, "model name");
        if (name != NULL && (name = strchr (name, ':')) != NULL)
          cpu = g_strndup (name + 2, strcspn (name + 2, "\n"));
      }
  }
  g_string_append_printf (text,
                          "\n" SECTION "\n\n"
                          "Written by `tests/bench/bench-sketch-edit --docs docs/performance.md` (in the\n"
                          "build folder, with SHOTLINE_SOURCE_DIR set; run it again rather than editing).\n"
                          "Each edit moves the end keyframe of the demo's first shot through the history,\n"
                          "as a drag in frame or plan mode does on every pointer motion; the time runs until\n"
                          "the paused preview's next `::frame-ready` shows it. The edit drops the shot's\n"
                          "plan, so this includes building its scene again ([sketching.md](sketching.md)).\n\n"
                          "Machine: %s, %u cores; load average %.2f when it started.\n\n%s",
                          cpu != NULL ? cpu : "unknown CPU", g_get_num_processors (), load, table);
  if (!g_file_set_contents (path, text->str, text->len, &error))
    g_error ("%s", error->message);
  g_print ("wrote the Sketch edit section of %s\n", path);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time from a keyframe edit to the preview showing it");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *table = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlPreview) preview = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  SlHistory *history;
  SlKeyframe *end;
  Watch watch = { 0 };
  g_autofree char *loadavg = NULL;
  double x0, load = 0;

  g_setenv ("SHOTLINE_AUDIO_SINK", "fakesink", FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (g_getenv ("SHOTLINE_SOURCE_DIR") == NULL)
    g_error ("set SHOTLINE_SOURCE_DIR to the source tree");

  /* Other work on the machine slows every number: say how much there was. */
  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    load = g_ascii_strtod (loadavg, NULL);

  path = g_build_filename (g_getenv ("SHOTLINE_SOURCE_DIR"), "data", "demo", "demo.shots", NULL);
  project = sl_project_io_load (path, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  end = key_first_shot (project);
  history = sl_project_get_history (project);
  /* Every edit is its own step, as separate drags are. */
  sl_history_set_merge_window (history, 0);
  g_object_get (end, "x", &x0, NULL);

  preview = sl_preview_new (project, backend_name, WIDTH, HEIGHT, &error);
  if (preview == NULL)
    g_error ("%s", error->message);
  g_signal_connect (preview, "frame-ready", G_CALLBACK (on_frame_ready), &watch);
  /* The middle of the shot, where moving the end keyframe moves the picture. */
  sl_preview_seek (preview, sl_shot_get_duration (sl_project_get_shot (project, 0)) / 2);
  if (!wait_for_frame (&watch))
    g_error ("the preview showed no first frame");

  /* One edit unmeasured: the first plan of a shot warms caches. */
  for (int i = 0; i <= repeats; i++)
    {
      gint64 start;

      watch.shown_at = 0;
      start = g_get_monotonic_time ();
      sl_history_set (history, end, "x", x0 + 0.05 * ((i % 4) + 1), NULL);
      if (!wait_for_frame (&watch))
        g_error ("edit %d never showed", i);
      if (i > 0)
        {
          double ms = (watch.shown_at - start) / 1000.0;
          g_array_append_val (times, ms);
        }
    }
  g_clear_pointer (&watch.last_pixels, g_bytes_unref);

  g_array_sort (times, compare_doubles);
  table = format_table (times, sl_preview_get_backend_name (preview));
  g_print ("%s", table);
  if (docs_path != NULL)
    write_docs (docs_path, table, load);
  return 0;
}
