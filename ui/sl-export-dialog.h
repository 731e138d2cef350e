/* sl-export-dialog.h: the export dialog: presets, format, destination, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPORT_DIALOG (sl_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SlExportDialog, sl_export_dialog, SL, EXPORT_DIALOG, AdwWindow)

/* A modal window that exports @editor's project; make it transient for the
 * editor's SlWindow, which then shows the toast (Open, Show in Folder) when
 * the file is written. The export runs on a worker thread from a snapshot
 * of the project, so the document may be edited meanwhile; closing the
 * dialog cancels it and leaves no file behind. */
GtkWidget *sl_export_dialog_new        (SlEditor       *editor);
SlEditor  *sl_export_dialog_get_editor (SlExportDialog *self);

/* Adds a size that is not one of the presets (width and height even) and
 * selects it: small test exports, or a project's own odd size. */
void       sl_export_dialog_set_size   (SlExportDialog *self,
                                        guint           width,
                                        guint           height);
/* The folder the file goes into (the project's folder or Videos at first);
 * the user picks it with a file chooser. */
void       sl_export_dialog_set_folder (SlExportDialog *self,
                                        GFile          *folder);
GFile     *sl_export_dialog_get_folder (SlExportDialog *self);
/* Whether an export is running. */
gboolean   sl_export_dialog_get_exporting (SlExportDialog *self);

G_END_DECLS
