/* sl-editor.h: one open project and what the window's parts share about it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "shotline-shots.h"
#include "shotline-engine.h"

G_BEGIN_DECLS

#define SL_TYPE_EDITOR (sl_editor_get_type ())
G_DECLARE_FINAL_TYPE (SlEditor, sl_editor, SL, EDITOR, GObject)

/* The state every widget of one editor window shares: the document (its
 * history is the project's), the file it came from, the selected shot and
 * the preview that plays it. Widgets get it as a construct-only "editor"
 * property and never replace its project: opening another file makes
 * another editor.
 *
 * Properties: project (construct-only), file (nullable), title (the file's
 * display name or "Untitled"), selected-shot (nullable), preview (nullable:
 * NULL until sl_editor_start_preview () succeeded), modified (the history
 * is dirty).
 *
 * Signals:
 * ::error (GError *error): something failed that the user must hear about
 *   (a broken image, a failed render); the window shows it as a toast.
 *   Widgets report through sl_editor_report_error ().
 * ::seek-requested (gint64 position): a widget moved the playhead; emitted
 *   even when there is no preview so views can follow. */
SlEditor   *sl_editor_new               (SlProject   *project,
                                         GFile       *file);
SlProject  *sl_editor_get_project       (SlEditor    *self);
SlHistory  *sl_editor_get_history       (SlEditor    *self);
GFile      *sl_editor_get_file          (SlEditor    *self);
void        sl_editor_set_file          (SlEditor    *self,
                                         GFile       *file);
/* (transfer full) */
char       *sl_editor_dup_title         (SlEditor    *self);
gboolean    sl_editor_get_modified      (SlEditor    *self);

SlShot     *sl_editor_get_selected_shot (SlEditor    *self);
/* G_MAXUINT when nothing is selected. */
guint       sl_editor_get_selected_index (SlEditor   *self);
void        sl_editor_select_shot       (SlEditor    *self,
                                         SlShot      *shot);
void        sl_editor_select_index      (SlEditor    *self,
                                         guint        index);

/* Makes the preview on @backend at @width × @height; on failure the old
 * preview (if any) stays and the error is returned. */
gboolean    sl_editor_start_preview     (SlEditor    *self,
                                         const char  *backend,
                                         guint        width,
                                         guint        height,
                                         GError     **error);
SlPreview  *sl_editor_get_preview       (SlEditor    *self);
/* Where the playhead is (ns): the preview's position, or the last
 * requested one without a preview. */
gint64      sl_editor_get_position      (SlEditor    *self);
void        sl_editor_seek              (SlEditor    *self,
                                         gint64       position);

/* Saves to @file (or the editor's file when NULL) atomically, marks the
 * history clean and makes @file the editor's file. */
gboolean    sl_editor_save              (SlEditor    *self,
                                         GFile       *file,
                                         GError     **error);

void        sl_editor_report_error      (SlEditor    *self,
                                         const GError *error);

G_END_DECLS
