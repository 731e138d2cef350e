/* sl-preview-view.h: the preview picture, its overlays and the transport under it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_PREVIEW_VIEW (sl_preview_view_get_type ())
G_DECLARE_FINAL_TYPE (SlPreviewView, sl_preview_view, SL, PREVIEW_VIEW, GtkWidget)

GtkWidget *sl_preview_view_new        (SlEditor *editor);
SlEditor  *sl_preview_view_get_editor (SlPreviewView *self);

G_END_DECLS
