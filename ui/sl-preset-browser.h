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

/* Every preset of sl_preset_library_get_default (), filtered by the search
 * words against ids, English and Chinese names and aliases. A row is a
 * drag source carrying the preset id (G_TYPE_STRING); its “+” button, or
 * activating it, adds the move to the selected shot.
 *
 * Actions (group “preset.”): preset.add (s: a preset id). */
GtkWidget *sl_preset_browser_new        (SlEditor *editor);
SlEditor  *sl_preset_browser_get_editor (SlPresetBrowser *self);

/* Adds the move of preset @preset_id (its default amount and unit, over
 * the whole shot) at the end of @shot's moves, as one undo step of the
 * editor's history. Fails with SL_SHOTS_ERROR_NOT_FOUND for an unknown id. */
gboolean   sl_preset_browser_add_move   (SlEditor    *editor,
                                         SlShot      *shot,
                                         const char  *preset_id,
                                         GError     **error);

G_END_DECLS
