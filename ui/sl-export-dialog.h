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

GtkWidget *sl_export_dialog_new        (SlEditor *editor);
SlEditor  *sl_export_dialog_get_editor (SlExportDialog *self);

G_END_DECLS
