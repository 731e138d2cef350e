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

/* Render backend (the ones this machine cannot run are listed with the
 * reason, greyed out), preview size, image cache budget, autosave interval
 * and shot language, written to GSettings as they change; the editor
 * window follows the settings (it restarts the preview). Backends are
 * probed off the UI thread, once per process.
 *
 * Properties: editor (construct-only), probing (read-only: the backends
 * are still being probed). */
GtkWidget *sl_preferences_window_new         (SlEditor            *editor);
SlEditor  *sl_preferences_window_get_editor  (SlPreferencesWindow *self);
gboolean   sl_preferences_window_get_probing (SlPreferencesWindow *self);

G_END_DECLS
