/* sl-move-row.h: one camera move of a shot, summarised and editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_MOVE_ROW (sl_move_row_get_type ())
G_DECLARE_FINAL_TYPE (SlMoveRow, sl_move_row, SL, MOVE_ROW, AdwExpanderRow)

/* Shows @move (one of @shot's moves): its preset's name, and a summary of
 * amount, timing and easing; expanded, it edits them. It moves itself up
 * and down the shot's list or removes itself. Every edit goes through the
 * editor's history, and the row follows the move however it changes. */
GtkWidget *sl_move_row_new      (SlEditor *editor,
                                 SlShot   *shot,
                                 SlMove   *move);
SlMove    *sl_move_row_get_move (SlMoveRow *self);

G_END_DECLS
