/* sl-reference-row.h: one reference image of a shot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_REFERENCE_ROW (sl_reference_row_get_type ())
G_DECLARE_FINAL_TYPE (SlReferenceRow, sl_reference_row, SL, REFERENCE_ROW, AdwExpanderRow)

/* Shows @reference (one of @shot's references): a thumbnail decoded off the
 * main thread through @cache, its file name and role; expanded, it changes
 * the role, and for a plate shows the depth the engine estimates from the
 * picture (computed in a worker thread when first asked for). It removes
 * itself from the shot. Edits go through the editor's history. */
GtkWidget   *sl_reference_row_new           (SlEditor     *editor,
                                             SlShot       *shot,
                                             SlReference  *reference,
                                             SlImageCache *cache);

G_END_DECLS
