/* sl-project-json.h: the .shotline project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* The current format version; files with a larger one are refused. */
#define SL_PROJECT_FORMAT_VERSION 1

/* Reads a project from JSON text. Paths inside stay as written (relative to
 * @base_dir, which becomes the project's base dir). A corrupt file, a missing
 * or wrong-typed field, an out-of-range value or a newer format version gives
 * NULL and an error naming the problem; nothing is half-read. */
SlProject *sl_project_json_from_data (const char  *text,
                                      gssize       length,
                                      const char  *base_dir,
                                      GError     **error);
/* The JSON text of a project. Relative paths are rewritten to be relative to
 * @base_dir (NULL = the project's own base dir). */
char      *sl_project_json_to_data   (SlProject   *project,
                                      const char  *base_dir);
/* Load and save files. Saving is atomic: a temporary file in the same folder,
 * fsync, rename; on failure the old file is untouched and the error names
 * the path and the reason (disk full, permission...). */
SlProject *sl_project_json_load      (const char  *path,
                                      GError     **error);
gboolean   sl_project_json_save      (SlProject   *project,
                                      const char  *path,
                                      GError     **error);
/* Makes @base_dir the project's folder and rewrites the relative paths in it
 * (string properties named "file" or "…-file") so that they name the same
 * files from there; absolute paths stay as they are. For "save as". */
void       sl_project_json_rebase    (SlProject   *project,
                                      const char  *base_dir);

G_END_DECLS
