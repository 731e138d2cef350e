/* sl-cli-render.c: `shotline render PROJECT -o out.mp4`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <signal.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "sl-cli.h"
#include "sl-project-io.h"
#include "sl-units.h"

/* The shell's status for a command stopped by SIGINT. */
#define EXIT_INTERRUPTED 130

static char *output;
static char *size_text;
static char *fps_text;
static char *format_name;
static char *quality_name;
static char *backend_name;
static char *frames_text;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), "FILE" },
  { "size", 's', 0, G_OPTION_ARG_STRING, &size_text, N_("Picture size (default: the project's)"), "WxH" },
  { "fps", 0, 0, G_OPTION_ARG_STRING, &fps_text, N_("Frame rate: 30, 29.97 or 30000/1001 (default: the project's)"), "RATE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("mp4, webm or mov (default: from the file name)"), "FORMAT" },
  { "quality", 'q', 0, G_OPTION_ARG_STRING, &quality_name, N_("draft, standard (default) or high"), "QUALITY" },
  { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name, N_("auto (default), cpu, vulkan or cuda"), "NAME" },
  { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_text, N_("Only frames A to B, counted from 0, both included"), "A-B" },
  { NULL }
};

/* What the export thread and the main loop share. */
typedef struct {
  SlExporter   *exporter;
  GCancellable *cancellable;
  GMainLoop    *loop;
  GError       *error;
  gboolean      ok;
  gboolean      terminal;     /* stderr is a terminal: one updating line */
  int           last_tenth;   /* the last 10 % step reported; -1 before the first */
} Render;

/* Before the first progress line: what renders, and why not a better
 * backend. */
static void
print_backend (SlExporter *exporter, gint64 n_frames)
{
  const char *reason = sl_exporter_get_fallback_reason (exporter);

  g_printerr (_("Rendering %lld frames on the %s backend\n"), (long long) n_frames,
              sl_exporter_get_backend_name (exporter));
  if (reason != NULL)
    g_printerr (_("  (skipped: %s)\n"), reason);
}

static gboolean
parse_rate (const char *text, guint *num, guint *den)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", 2);
  SlDecimal decimal;
  guint64 n, d = 1;

  if (!sl_decimal_parse (parts[0], &decimal))
    return FALSE;
  if (parts[1] != NULL)
    {
      SlDecimal denominator;

      if (!sl_decimal_to_uint (&decimal, G_MAXINT32, &n)
          || !sl_decimal_parse (parts[1], &denominator)
          || !sl_decimal_to_uint (&denominator, G_MAXINT32, &d))
        return FALSE;
    }
  else if (!sl_decimal_to_rate (&decimal, &n, &d))
    return FALSE;
  if (n == 0 || d == 0)
    return FALSE;
  *num = n;
  *den = d;
  return TRUE;
}

static gboolean
parse_frames (const char *text, gint64 *first, gint64 *last)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);
  guint64 a, b;

  if (parts[1] == NULL
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &a, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &b, NULL)
      || a > b)
    return FALSE;
  *first = a;
  *last = b;
  return TRUE;
}

/* Fills @settings from the options; an error message otherwise. */
static char *
read_options (SlExportSettings *settings)
{
  sl_export_settings_init (settings);
  settings->output = output;
  settings->backend = backend_name;
  if (format_name != NULL)
    {
      if (!sl_export_format_from_name (format_name, &settings->format))
        return g_strdup_printf (_("unknown format “%s”; use mp4, webm or mov"), format_name);
    }
  else if (!sl_export_format_from_path (output, &settings->format))
    return g_strdup_printf (_("cannot tell the format from “%s”; end it in .mp4, .webm or .mov, or give --format"), output);
  if (quality_name != NULL && !sl_export_quality_from_name (quality_name, &settings->quality))
    return g_strdup_printf (_("unknown quality “%s”; use draft, standard or high"), quality_name);
  if (size_text != NULL && !sl_cli_parse_size (size_text, &settings->width, &settings->height))
    return g_strdup_printf (_("“%s” is not a size such as 1920x1080"), size_text);
  if (fps_text != NULL && !parse_rate (fps_text, &settings->fps_num, &settings->fps_den))
    return g_strdup_printf (_("“%s” is not a frame rate such as 30, 29.97 or 30000/1001"), fps_text);
  if (frames_text != NULL && !parse_frames (frames_text, &settings->first_frame, &settings->last_frame))
    return g_strdup_printf (_("“%s” is not a frame range such as 10-19"), frames_text);
  return NULL;
}

static void
on_progress (gint64 done, gint64 n_frames, double fps, double eta, gpointer user_data)
{
  Render *render = user_data;
  int percent = n_frames > 0 ? (int) (100 * done / n_frames) : 100;
  g_autofree char *eta_text = eta >= 0 ? g_strdup_printf ("%.0fs", eta) : g_strdup ("?");

  if (render->last_tenth < 0)
    print_backend (render->exporter, n_frames);
  if (!render->terminal)
    {
      if (percent / 10 == render->last_tenth)
        return;
    }
  render->last_tenth = percent / 10;
  /* Translators: progress of an export: percent, frames done/all, speed, time left */
  g_printerr (_("%s%3d%% %lld/%lld frames  %.1f fps  ETA %s%s"),
              render->terminal ? "\r  " : "  ", percent, (long long) done, (long long) n_frames, fps, eta_text,
              render->terminal ? "\033[K" : "\n");
}

static gboolean
quit_loop (gpointer data)
{
  Render *render = data;

  g_main_loop_quit (render->loop);
  return G_SOURCE_REMOVE;
}

/* Quits through the main context, as a quit before the loop runs is lost. */
static gpointer
export_thread (gpointer data)
{
  Render *render = data;

  render->ok = sl_exporter_run (render->exporter, render->cancellable, &render->error);
  g_idle_add (quit_loop, render);
  return NULL;
}

static gboolean
on_signal (gpointer data)
{
  Render *render = data;

  g_cancellable_cancel (render->cancellable);
  return G_SOURCE_CONTINUE;
}

/* The export runs on its own thread so that the main loop is free to turn
 * Ctrl-C into a cancel, which deletes the part file. */
static int
run_export (SlExporter *exporter)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Render render = { exporter, cancellable, loop, NULL, FALSE, isatty (STDERR_FILENO), -1 };
  guint sigint = g_unix_signal_add (SIGINT, on_signal, &render);
  guint sigterm = g_unix_signal_add (SIGTERM, on_signal, &render);
  GThread *thread;
  int status = 0;

  sl_exporter_set_progress_func (exporter, on_progress, &render, NULL);
  thread = g_thread_new ("export", export_thread, &render);
  g_main_loop_run (loop);
  g_thread_join (thread);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (render.terminal)
    g_printerr ("\n");

  if (g_error_matches (render.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("%s\n", _("shotline: export cancelled; no file was written"));
      status = EXIT_INTERRUPTED;
    }
  else if (!render.ok)
    status = sl_cli_fail ("%s", render.error->message);
  g_clear_error (&render.error);
  return status;
}

int
sl_cli_render (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — render a project to a video file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlExporter) exporter = NULL;
  g_autofree char *problem = NULL;
  SlExportSettings settings;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc != 2)
    return sl_cli_fail (_("render needs one project file")) + 1;
  if (output == NULL)
    return sl_cli_fail (_("render needs an output file: -o FILE.mp4")) + 1;
  problem = read_options (&settings);
  if (problem != NULL)
    return sl_cli_fail ("%s", problem) + 1;

  project = sl_project_io_load (argv[1], &error);
  if (project == NULL)
    return sl_cli_fail ("%s", error->message);
  exporter = sl_exporter_new (project, &settings);
  return run_export (exporter);
}
