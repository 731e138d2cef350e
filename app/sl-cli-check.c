/* sl-cli-check.c: `shotline check FILE…`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <glib/gi18n.h>

#include "shotline-shots.h"
#include "sl-cli.h"
#include "sl-file-util.h"
#include "sl-project-io.h"

/* A script reports every diagnostic; a JSON file its one error. */
static SlProject *
load_reporting (const char *path)
{
  g_autoptr(GError) error = NULL;
  SlProject *project;

  if (g_str_has_suffix (path, ".shots"))
    {
      g_autofree char *text = NULL;
      gsize length;
      g_autoptr(GPtrArray) diagnostics = NULL;

      if (!sl_file_read (path, SL_FILE_MAX_DOCUMENT_SIZE, &text, &length, &error))
        {
          sl_cli_fail ("%s", error->message);
          return NULL;
        }
      project = sl_script_parse (text, length, path, NULL, &diagnostics, &error);
      if (project == NULL)
        {
          for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
            {
              g_autofree char *line = sl_diagnostic_format (g_ptr_array_index (diagnostics, i), path);
              g_printerr ("%s\n", line);
            }
          if (diagnostics == NULL || diagnostics->len == 0)
            sl_cli_fail ("%s", error->message);
          return NULL;
        }
      {
        g_autofree char *dir = sl_file_get_folder (path);
        sl_project_set_base_dir (project, dir);
      }
      return project;
    }
  project = sl_project_io_load (path, &error);
  if (project == NULL)
    sl_cli_fail ("%s", error->message);
  return project;
}

static guint
check_file_exists (SlProject *project, const char *script, const char *what, const char *file)
{
  g_autofree char *resolved = NULL;

  if (file == NULL || *file == '\0')
    return 0;
  resolved = sl_project_resolve_path (project, file);
  if (g_file_test (resolved, G_FILE_TEST_IS_REGULAR))
    return 0;
  /* Translators: FILE: error: the plate image “x.png” does not exist */
  g_printerr (_("%s: error: %s “%s” does not exist (looked for %s)\n"), script, what, file, resolved);
  return 1;
}

/* Missing media is an error now rather than a black frame at render time. */
static guint
check_media (SlProject *project, const char *path)
{
  guint errors = 0;
  GListModel *shots = G_LIST_MODEL (sl_project_get_shots (project));
  GListModel *audio = G_LIST_MODEL (sl_project_get_audio_clips (project));

  for (guint i = 0; i < g_list_model_get_n_items (shots); i++)
    {
      g_autoptr(SlShot) shot = g_list_model_get_item (shots, i);
      GListModel *refs = G_LIST_MODEL (sl_shot_get_references (shot));

      for (guint j = 0; j < g_list_model_get_n_items (refs); j++)
        {
          g_autoptr(SlReference) ref = g_list_model_get_item (refs, j);

          errors += check_file_exists (project, path, _("the image"), sl_reference_get_file (ref));
          if (sl_reference_get_depth_mode (ref) == SL_DEPTH_MODE_FILE)
            errors += check_file_exists (project, path, _("the depth map"), sl_reference_get_depth_file (ref));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (audio); i++)
    {
      g_autoptr(SlAudioClip) clip = g_list_model_get_item (audio, i);

      errors += check_file_exists (project, path, _("the audio file"), sl_audio_clip_get_file (clip));
    }
  return errors;
}

int
sl_cli_check (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — check projects and scripts"));
  g_autoptr(GError) error = NULL;
  guint failed = 0;

  g_option_context_set_summary (context, _("Reports every error with file, line and column. Exit status 0 when all files are fine, 1 otherwise."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc < 2)
    return sl_cli_fail (_("check needs at least one file")) + 1;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(SlProject) project = load_reporting (argv[i]);
      g_autofree char *duration = NULL;

      if (project == NULL || check_media (project, argv[i]) > 0)
        {
          failed++;
          continue;
        }
      duration = g_strdup_printf ("%.3f", sl_project_get_duration (project) / (double) SL_SECOND);
      /* Translators: FILE: OK — 5 shots, 22.000 s */
      g_print (_("%s: OK — %u shots, %s s\n"), argv[i], sl_project_get_n_shots (project), duration);
    }
  return failed > 0 ? 1 : 0;
}
