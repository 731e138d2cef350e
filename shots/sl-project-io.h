/* sl-project-io.h: opening and saving a document by its file name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* Opens a project (*.shotline) or a shot-language script (*.shots); the
 * file's folder becomes the project's base dir. Files over 64 MiB and other
 * extensions are refused with an error naming the path. */
SlProject *sl_project_io_load (const char  *path,
                               GError     **error);
/* Saves atomically as a project (*.shotline) or a script (*.shots, English
 * keywords). When the folder changes, relative paths are rewritten to name
 * the same files from the new folder, and after a successful save it becomes
 * the project's base dir. On failure the project and the old file are as
 * they were. */
gboolean   sl_project_io_save (SlProject   *project,
                               const char  *path,
                               GError     **error);

G_END_DECLS
