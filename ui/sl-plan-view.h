/* sl-plan-view.h: plan mode: the shot seen from above, camera path and target editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_PLAN_VIEW (sl_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (SlPlanView, sl_plan_view, SL, PLAN_VIEW, GtkWidget)

GtkWidget *sl_plan_view_new        (SlEditor *editor);
SlEditor  *sl_plan_view_get_editor (SlPlanView *self);

G_END_DECLS
