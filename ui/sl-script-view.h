/* sl-script-view.h: the project as shot-language text, parsed live, both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_SCRIPT_VIEW (sl_script_view_get_type ())
G_DECLARE_FINAL_TYPE (SlScriptView, sl_script_view, SL, SCRIPT_VIEW, GtkWidget)

GtkWidget *sl_script_view_new        (SlEditor *editor);
SlEditor  *sl_script_view_get_editor (SlScriptView *self);

G_END_DECLS
