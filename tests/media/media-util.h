/* media-util.h: files the media tests make and read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new folder for one test; media_util_remove_tree () removes it. */
char     *media_util_make_dir    (void);
void      media_util_remove_tree (const char  *path);
char     *media_util_write_text  (const char  *dir,
                                  const char  *name,
                                  const char  *text);
/* A 32-bit float WAV file of @n_frames interleaved frames. */
char     *media_util_write_wav   (const char  *dir,
                                  const char  *name,
                                  guint        rate,
                                  guint        channels,
                                  const float *samples,
                                  gsize        n_frames);

G_END_DECLS
