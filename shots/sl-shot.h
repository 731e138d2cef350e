/* sl-shot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_SHOT (sl_shot_get_type ())
G_DECLARE_FINAL_TYPE (SlShot, sl_shot, SL, SHOT, GObject)

/* One shot. Properties: name, duration, prompt, size-start, size-end
 * (NONE = no change during the shot), angle, dutch-degrees, transition,
 * transition-duration, cut-on-beat, follow-mode, follow-amount, and the
 * read-only list models moves (SlMove), keyframes (SlKeyframe, kept in time
 * order by the editing code) and references (SlReference).
 *
 * Signal ::changed is emitted after any property of the shot or of anything
 * in its lists changes, and after the lists change. */
SlShot      *sl_shot_new            (const char *name, gint64 duration);
const char  *sl_shot_get_name       (SlShot *self);
gint64       sl_shot_get_duration   (SlShot *self);
const char  *sl_shot_get_prompt     (SlShot *self);
SlShotSize   sl_shot_get_size_start (SlShot *self);
SlShotSize   sl_shot_get_size_end   (SlShot *self);
SlAngle      sl_shot_get_angle      (SlShot *self);
double       sl_shot_get_dutch_degrees (SlShot *self);
SlTransition sl_shot_get_transition (SlShot *self);
gint64       sl_shot_get_transition_duration (SlShot *self);
gboolean     sl_shot_get_cut_on_beat (SlShot *self);
SlFollowMode sl_shot_get_follow_mode (SlShot *self);
double       sl_shot_get_follow_amount (SlShot *self);
/* The lists are owned by the shot; change them through SlHistory edits in
 * interactive code, or directly while building a document. */
GListStore  *sl_shot_get_moves      (SlShot *self);
GListStore  *sl_shot_get_keyframes  (SlShot *self);
GListStore  *sl_shot_get_references (SlShot *self);
/* The first reference in @role, or NULL. */
SlReference *sl_shot_find_reference (SlShot *self, SlReferenceRole role);

G_END_DECLS
