/* sl-window.h: the editor window: one project, its views, its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())
G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

/* A window showing the empty state until a project is set or opened. */
SlWindow  *sl_window_new          (GtkApplication *application);
/* NULL while the empty state shows. */
SlEditor  *sl_window_get_editor   (SlWindow       *self);
/* Shows @editor's project; a window shows one editor for its whole life
 * (sl_window_open () in a window that has one opens another window). */
void       sl_window_set_editor   (SlWindow       *self,
                                   SlEditor       *editor);
/* Loads @file off the UI thread, then shows it here (or in a new window if
 * this one already has a project). A file that cannot be read is reported
 * in a dialog naming it and the problem; nothing else changes. */
void       sl_window_open         (SlWindow       *self,
                                   GFile          *file);
/* Shows @message as a toast (errors and confirmations). */
void       sl_window_toast        (SlWindow       *self,
                                   const char     *message);
/* Shows @toast (takes ownership), e.g. one with a button. */
void       sl_window_add_toast    (SlWindow       *self,
                                   AdwToast       *toast);
/* Replaces the window's project by a new empty one with one shot. */
void       sl_window_new_project  (SlWindow       *self);

G_END_DECLS
