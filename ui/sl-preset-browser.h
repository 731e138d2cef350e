/* sl-preset-browser.h: the camera-move preset library, searchable, draggable onto shots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_PRESET_BROWSER (sl_preset_browser_get_type ())
G_DECLARE_FINAL_TYPE (SlPresetBrowser, sl_preset_browser, SL, PRESET_BROWSER, GtkWidget)

GtkWidget *sl_preset_browser_new        (SlEditor *editor);
SlEditor  *sl_preset_browser_get_editor (SlPresetBrowser *self);

G_END_DECLS
