/* sl-frame-sketch-private.h: the input path of the frame sketch, for its gestures and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-frame-sketch.h"

G_BEGIN_DECLS

/* The gestures call these with widget coordinates; tests call them the
 * same way. A drag that starts on nothing returns FALSE and edits nothing;
 * otherwise it is one undo step from begin to end. */
gboolean sl_frame_sketch_drag_begin     (SlFrameSketch     *self,
                                         double             x,
                                         double             y);
void     sl_frame_sketch_drag_update    (SlFrameSketch     *self,
                                         double             x,
                                         double             y);
void     sl_frame_sketch_drag_end       (SlFrameSketch     *self);

guint    sl_frame_sketch_get_n_poses    (SlFrameSketch     *self);
/* Where pose @index's frame lies in the widget now: corners clockwise from
 * the top-left, its centre and its rotate handle (may be NULL). FALSE when
 * it is not visible. */
gboolean sl_frame_sketch_get_pose_quad  (SlFrameSketch     *self,
                                         guint              index,
                                         graphene_point_t   corners[4],
                                         graphene_point_t  *centre,
                                         graphene_point_t  *rotate_handle);

G_END_DECLS
