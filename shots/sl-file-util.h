/* sl-file-util.h: reading and atomically replacing the user's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest project or script we read: far beyond any real document, small
 * enough that a wrong file (a video) is refused before it fills memory. */
#define SL_FILE_MAX_DOCUMENT_SIZE ((gsize) 64 * 1024 * 1024)

/* Reads a whole file (NUL-terminated) of at most @max_size bytes. A larger
 * file is refused with an error naming its path and the limit. */
gboolean  sl_file_read          (const char  *path,
                                 gsize        max_size,
                                 char       **contents,
                                 gsize       *length,
                                 GError     **error);
/* Replaces @path with @contents atomically: a temporary file in the same
 * folder is written, flushed to disk and renamed over @path, then the folder
 * is flushed. On failure the temporary file is removed, the old file is
 * untouched, and the error (SL_SHOTS_ERROR_IO) names @path and the reason. */
gboolean  sl_file_write_atomic  (const char  *path,
                                 const char  *contents,
                                 gsize        length,
                                 GError     **error);
/* @path (relative to @from_dir) made relative to @to_dir, so that it names
 * the same file; absolute and empty paths are returned unchanged. Both
 * folders must be absolute. (transfer full) */
char     *sl_file_rebase_path   (const char  *path,
                                 const char  *from_dir,
                                 const char  *to_dir);
/* The absolute, canonical folder that holds @path. (transfer full) */
char     *sl_file_get_folder    (const char  *path);

G_END_DECLS
