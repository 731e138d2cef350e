/* sl-preferences-window.h: preferences: render backend, preview size, cache budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_PREFERENCES_WINDOW (sl_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, SL, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sl_preferences_window_new        (SlEditor *editor);
SlEditor  *sl_preferences_window_get_editor (SlPreferencesWindow *self);

G_END_DECLS
