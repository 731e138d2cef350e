/* sl-shot-inspector.h: the selected shot's properties, moves and references
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_SHOT_INSPECTOR (sl_shot_inspector_get_type ())
G_DECLARE_FINAL_TYPE (SlShotInspector, sl_shot_inspector, SL, SHOT_INSPECTOR, GtkWidget)

GtkWidget *sl_shot_inspector_new        (SlEditor *editor);
SlEditor  *sl_shot_inspector_get_editor (SlShotInspector *self);

G_END_DECLS
