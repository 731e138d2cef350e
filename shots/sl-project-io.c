/* sl-project-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-project-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-project-io.h"
#include "sl-file-util.h"
#include "sl-model.h"
#include "sl-project.h"
#include "sl-project-json.h"
#include "sl-script.h"
#include "sl-shots-error.h"

typedef enum {
  FILE_KIND_UNKNOWN,
  FILE_KIND_PROJECT,
  FILE_KIND_SCRIPT,
} FileKind;

static FileKind
file_kind (const char *path, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".shotline"))
    return FILE_KIND_PROJECT;
  if (g_str_has_suffix (lower, ".shots"))
    return FILE_KIND_SCRIPT;
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
               _("“%s” is neither a Shotline project (.shotline) nor a shot script (.shots)"), path);
  return FILE_KIND_UNKNOWN;
}

static SlProject *
load_script (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;
  SlProject *project;
  gsize length;

  if (!sl_file_read (path, SL_FILE_MAX_DOCUMENT_SIZE, &text, &length, error))
    return NULL;
  /* The parser's diagnostics already name the file, line and column. */
  project = sl_script_parse (text, length, path, NULL, NULL, error);
  if (project == NULL)
    return NULL;
  folder = sl_file_get_folder (path);
  sl_project_set_base_dir (project, folder);
  return project;
}

SlProject *
sl_project_io_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  switch (file_kind (path, error))
    {
    case FILE_KIND_PROJECT: return sl_project_json_load (path, error);
    case FILE_KIND_SCRIPT: return load_script (path, error);
    case FILE_KIND_UNKNOWN: break;
    }
  return NULL;
}

/* The script printer writes paths as the model holds them, so it prints a
 * copy whose paths were rebased to the new folder. */
static char *
print_script (SlProject *project, const char *folder)
{
  g_autoptr(SlProject) copy = sl_model_copy (G_OBJECT (project));

  sl_project_set_base_dir (copy, sl_project_get_base_dir (project));
  sl_project_json_rebase (copy, folder);
  return sl_script_print (copy, SL_SCRIPT_ENGLISH);
}

gboolean
sl_project_io_save (SlProject *project, const char *path, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  folder = sl_file_get_folder (path);
  switch (file_kind (path, error))
    {
    case FILE_KIND_PROJECT: text = sl_project_json_to_data (project, folder); break;
    case FILE_KIND_SCRIPT: text = print_script (project, folder); break;
    case FILE_KIND_UNKNOWN: return FALSE;
    }
  if (!sl_file_write_atomic (path, text, strlen (text), error))
    return FALSE;
  sl_project_json_rebase (project, folder);
  return TRUE;
}
