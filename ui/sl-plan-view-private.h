/* sl-plan-view-private.h: the input path of the plan view, for its gestures and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-plan-view.h"

G_BEGIN_DECLS

/* Widget coordinates, as the gestures give them. A drag on a camera moves
 * it in x/z, on the target re-aims every keyframe, on a dot of the height
 * strip changes y, on nothing pans the view; edits are one undo step from
 * begin to end. */
void     sl_plan_view_drag_begin    (SlPlanView *self,
                                     double      x,
                                     double      y);
void     sl_plan_view_drag_update   (SlPlanView *self,
                                     double      x,
                                     double      y);
void     sl_plan_view_drag_end      (SlPlanView *self);
/* A press of @button, @n_press times: double-click on the path adds a
 * keyframe there, a right click on a camera removes it. */
void     sl_plan_view_click         (SlPlanView *self,
                                     int         n_press,
                                     guint       button,
                                     double      x,
                                     double      y);

guint    sl_plan_view_get_n_poses   (SlPlanView *self);
/* Where pose @index's camera is drawn in the plan, and its dot on the
 * height strip. FALSE when there is no such pose. */
gboolean sl_plan_view_get_pose_point (SlPlanView *self,
                                     guint       index,
                                     graphene_point_t *plan,
                                     graphene_point_t *height);
/* The look-at target's place in the plan. */
gboolean sl_plan_view_get_target_point (SlPlanView *self,
                                     graphene_point_t *plan);
/* Whether the scene's cards have arrived from the worker thread. */
gboolean sl_plan_view_has_scene     (SlPlanView *self);

G_END_DECLS
