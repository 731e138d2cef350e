/* sl-beat-edits.h: timeline edits that follow the music
 *
 * The beats come in as plain times (from the engine's audio analysis), so
 * that the document layer needs no audio code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* Moves the start of every shot marked cut-on-beat to the beat nearest to
 * it (project time in nanoseconds; @beats in any order) by changing the
 * duration of the shot before it; the shots after move along, and each
 * later start is snapped from where the earlier snaps left it. The first
 * shot starts the timeline and stays. One undo step, "Cut on Beat"; no step
 * when nothing moves.
 *
 * Fails (SL_SHOTS_ERROR_INVALID) and changes nothing when there are no beats
 * or a snap would leave a shot shorter than one frame. */
gboolean  sl_beat_edits_cut_on_beats      (SlProject    *project,
                                           const gint64 *beats,
                                           gsize         n_beats,
                                           GError      **error);

/* Sets what @shot (of @project) does with the music under it and how much
 * (0..1), as one undo step, "Follow Music". */
void      sl_beat_edits_set_follow_music  (SlProject    *project,
                                           SlShot       *shot,
                                           SlFollowMode  mode,
                                           double        amount);

G_END_DECLS
