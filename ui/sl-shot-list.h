/* sl-shot-list.h: the shot list: thumbnails, names, durations; add, duplicate, delete, reorder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_SHOT_LIST (sl_shot_list_get_type ())
G_DECLARE_FINAL_TYPE (SlShotList, sl_shot_list, SL, SHOT_LIST, GtkWidget)

GtkWidget *sl_shot_list_new        (SlEditor *editor);
SlEditor  *sl_shot_list_get_editor (SlShotList *self);

G_END_DECLS
