/* sl-recovery.h: autosave to a recovery file, and restoring after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_RECOVERY (sl_recovery_get_type ())
G_DECLARE_FINAL_TYPE (SlRecovery, sl_recovery, SL, RECOVERY, GObject)

/* Watches @editor's history: a few seconds after the document changes (and
 * while it is unsaved) it writes the document to a recovery file in the
 * user's state folder, atomically. A clean save or a deliberate discard
 * removes the file; a crash leaves it for sl_recovery_list_pending (). */
SlRecovery *sl_recovery_new           (SlEditor   *editor);
void        sl_recovery_set_interval  (SlRecovery *self,
                                       int         seconds);
/* Writes now if the document is unsaved; for tests and before quitting. */
gboolean    sl_recovery_write_now     (SlRecovery *self,
                                       GError    **error);
void        sl_recovery_discard       (SlRecovery *self);
/* (transfer none) the recovery file's path. */
const char *sl_recovery_get_path      (SlRecovery *self);

/* Recovery files a previous run left (it crashed): their paths, newest
 * first. (transfer full) */
GStrv       sl_recovery_list_pending  (void);
/* Reads the recovery file at @path into an editor whose document is marked
 * unsaved and whose file is the one the work came from (if any). */
SlEditor   *sl_recovery_restore       (const char *path,
                                       GError    **error);
/* The name of the project the recovery file holds, for the question. */
char       *sl_recovery_describe      (const char *path);
/* Deletes the recovery file at @path and its sidecar. */
void        sl_recovery_delete        (const char *path);

G_END_DECLS
