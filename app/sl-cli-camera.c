/* sl-cli-camera.c: `shotline camera PROJECT --shot N -o path.txt|path.json`
 * and `shotline camera PROJECT --shot N --import path.txt -o out.shotline`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <glib/gi18n.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "sl-cli.h"
#include "sl-project-io.h"

static int shot_number;
static char *output;
static char *import_path;
static char *format_name;

static const GOptionEntry entries[] = {
  { "shot", 0, 0, G_OPTION_ARG_INT, &shot_number, N_("The shot, counted from 1"), "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The camera path to write, or with --import the project to write"), "FILE" },
  { "import", 'i', 0, G_OPTION_ARG_FILENAME, &import_path, N_("Make this camera path the shot's camera"), "FILE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("re10k or json (default: from the file name, .txt or .json)"), "FORMAT" },
  { NULL }
};

/* The camera-path format of @path: --format, or its extension. */
static gboolean
pick_format (const char *path, SlCameraPathFormat *format)
{
  if (format_name != NULL)
    {
      if (sl_camera_path_format_from_name (format_name, format))
        return TRUE;
      sl_cli_fail (_("unknown format “%s”; use re10k or json"), format_name);
      return FALSE;
    }
  if (sl_camera_path_format_from_path (path, format))
    return TRUE;
  sl_cli_fail (_("cannot tell the format from “%s”; end it in .txt (RealEstate10K) or .json, or give --format"), path);
  return FALSE;
}

static int
import_camera (SlProject *project, guint index)
{
  g_autoptr(GError) error = NULL;
  SlCameraPathFormat format;

  if (!pick_format (import_path, &format))
    return 2;
  if (!sl_camera_path_import_shot (project, index, import_path, format, &error)
      || !sl_project_io_save (project, output, &error))
    return sl_cli_fail ("%s", error->message);
  return 0;
}

static int
export_camera (SlProject *project, guint index)
{
  g_autoptr(GError) error = NULL;
  SlCameraPathFormat format;

  if (!pick_format (output, &format))
    return 2;
  if (!sl_camera_path_export_shot (project, index, output, format, &error))
    return sl_cli_fail ("%s", error->message);
  return 0;
}

int
sl_cli_camera (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — export or import the camera path of a shot"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes the camera of one shot, a pose per frame, as RealEstate10K text (.txt) "
                                  "or JSON (.json); with --import, makes such a file the shot's camera "
                                  "(keyframes) and saves the project to the -o file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc != 2)
    return sl_cli_fail (_("camera needs one project file")) + 1;
  if (output == NULL)
    return sl_cli_fail (_("camera needs an output file: -o FILE")) + 1;

  project = sl_project_io_load (argv[1], &error);
  if (project == NULL)
    return sl_cli_fail ("%s", error->message);
  if (shot_number < 1 || (guint) shot_number > sl_project_get_n_shots (project))
    return sl_cli_fail (_("--shot must be from 1 to %u, the shots of this project"),
                        sl_project_get_n_shots (project)) + 1;
  if (import_path != NULL)
    return import_camera (project, shot_number - 1);
  return export_camera (project, shot_number - 1);
}
