/* sl-move.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_MOVE (sl_move_get_type ())
G_DECLARE_FINAL_TYPE (SlMove, sl_move, SL, MOVE, GObject)

/* A camera move inside a shot: a preset (kind) with an amount, a time range
 * inside the shot (end < 0 = the end of the shot) and an easing. Properties:
 * kind, amount, unit, start, end, easing, bezier-x1, bezier-y1, bezier-x2,
 * bezier-y2, has-target, target-x, target-y, target-z. */
SlMove      *sl_move_new          (const char *kind,
                                   double      amount,
                                   SlUnit      unit);
const char  *sl_move_get_kind     (SlMove *self);
double       sl_move_get_amount   (SlMove *self);
SlUnit       sl_move_get_unit     (SlMove *self);
gint64       sl_move_get_start    (SlMove *self);
gint64       sl_move_get_end      (SlMove *self);
SlEasing     sl_move_get_easing   (SlMove *self);
void         sl_move_get_bezier   (SlMove *self, double *x1, double *y1, double *x2, double *y2);
gboolean     sl_move_get_target   (SlMove *self, double *x, double *y, double *z);
/* The range of the move inside a shot of the given duration, clamped. */
void         sl_move_resolve_range (SlMove *self, gint64 shot_duration, gint64 *start, gint64 *end);

G_END_DECLS
