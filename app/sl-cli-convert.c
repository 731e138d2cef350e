/* sl-cli-convert.c: `shotline convert IN OUT`, OUT a project, a script or
 * an editing timeline (.otio, .xges)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "sl-cli.h"
#include "sl-file-util.h"
#include "sl-project-io.h"

static char *language_name;
static gboolean to_json;
static char *size_text;

static const GOptionEntry entries[] = {
  { "language", 'l', 0, G_OPTION_ARG_STRING, &language_name, N_("Keywords of a written script: en (default) or zh"), "en|zh" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &to_json, N_("With OUT “-”: print JSON instead of the script"), NULL },
  { "size", 's', 0, G_OPTION_ARG_STRING, &size_text, N_("With OUT .otio or .xges: the size of the rendered shots (default: the project's)"), "WxH" },
  { NULL }
};

static int
print_to_stdout (SlProject *project, SlScriptLanguage language)
{
  g_autofree char *text = NULL;

  if (to_json)
    text = sl_project_json_to_data (project, NULL);
  else
    text = sl_script_print (project, language);
  g_print ("%s", text);
  return 0;
}

/* Chinese keywords only matter for scripts; everything else is the
 * project's own save. */
static gboolean
save (SlProject *project, const char *path, SlScriptLanguage language, GError **error)
{
  g_autofree char *text = NULL;

  if (language == SL_SCRIPT_ENGLISH || !g_str_has_suffix (path, ".shots"))
    return sl_project_io_save (project, path, error);
  text = sl_script_print (project, language);
  return sl_file_write_atomic (path, text, strlen (text), error);
}

static void
on_timeline_progress (guint shots_done, guint n_shots, double fraction, gpointer user_data)
{
  /* Translators: progress of a timeline export: shots done/all, percent */
  g_printerr (_("Shots %u/%u  %3.0f%%\n"), shots_done, n_shots, 100 * fraction);
}

/* An editing timeline with each shot rendered into NAME-media. */
static int
export_timeline (SlProject *project, const char *path, SlTimelineFormat format)
{
  g_autoptr(SlTimelineExport) export = NULL;
  g_autoptr(GError) error = NULL;
  SlTimelineExportSettings settings;

  sl_timeline_export_settings_init (&settings);
  settings.output = path;
  settings.format = format;
  if (size_text != NULL && !sl_cli_parse_size (size_text, &settings.width, &settings.height))
    return sl_cli_fail (_("“%s” is not a size such as 1920x1080"), size_text) + 1;
  export = sl_timeline_export_new (project, &settings);
  sl_timeline_export_set_progress_func (export, on_timeline_progress, NULL, NULL);
  if (!sl_timeline_export_run (export, NULL, &error))
    return sl_cli_fail ("%s", error->message);
  g_printerr (_("Rendered %u shots, reused %u\n"), sl_timeline_export_get_n_rendered (export),
              sl_timeline_export_get_n_reused (export));
  return 0;
}

int
sl_cli_convert (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("IN OUT — convert between .shots and .shotline"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  SlScriptLanguage language = SL_SCRIPT_ENGLISH;
  SlTimelineFormat timeline_format;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("The format of OUT follows its extension (.shots or .shotline); OUT “-” prints to standard output. "
                                           ".otio (OpenTimelineIO) and .xges (GStreamer Editing Services) write an editing timeline "
                                           "and render each shot into the folder OUT-media next to it."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc != 3)
    return sl_cli_fail (_("convert needs an input and an output file")) + 1;
  if (language_name != NULL && g_str_equal (language_name, "zh"))
    language = SL_SCRIPT_CHINESE;
  else if (language_name != NULL && !g_str_equal (language_name, "en"))
    return sl_cli_fail (_("unknown language “%s”; use en or zh"), language_name) + 1;

  project = sl_project_io_load (argv[1], &error);
  if (project == NULL)
    return sl_cli_fail ("%s", error->message);
  if (g_str_equal (argv[2], "-"))
    return print_to_stdout (project, language);
  if (sl_timeline_format_from_path (argv[2], &timeline_format))
    return export_timeline (project, argv[2], timeline_format);
  if (!save (project, argv[2], language, &error))
    return sl_cli_fail ("%s", error->message);
  return 0;
}
