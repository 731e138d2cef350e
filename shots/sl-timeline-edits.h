/* sl-timeline-edits.h: the timeline's edits: reorder, trim, split, delete
 * shots; move, trim and fade audio clips; snapping
 *
 * After GES's move/trim/ripple edits: every function validates first and
 * changes nothing when it fails (SL_SHOTS_ERROR_INVALID, with a message
 * naming the shot or clip), and every change is one undo step of the
 * project's history.
 *
 * Shots follow each other without gaps, so changing a shot's length
 * ripples: the shots after it move. Audio clips stay where they are: the
 * music is the clock that the pictures are cut to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* What sl_timeline_snap () may snap to. */
typedef enum {
  SL_SNAP_NONE       = 0,
  SL_SNAP_BEATS      = 1 << 0,
  SL_SNAP_PLAYHEAD   = 1 << 1,
  SL_SNAP_SHOT_EDGES = 1 << 2,
  SL_SNAP_CLIP_EDGES = 1 << 3,
  SL_SNAP_ALL        = SL_SNAP_BEATS | SL_SNAP_PLAYHEAD | SL_SNAP_SHOT_EDGES | SL_SNAP_CLIP_EDGES,
} SlSnapFlags;

/* The shortest a shot or an audio clip may become: one frame of the
 * project. */
gint64    sl_timeline_get_min_duration (SlProject   *project);

/* Moves the shot at @from so that it ends up at index @to. */
gboolean  sl_timeline_reorder_shot     (SlProject   *project,
                                        guint        from,
                                        guint        to,
                                        GError     **error);
/* Moves the end of the shot at @index to project time @end; the later
 * shots ripple. Keyframes and moves past the new end are kept (the shot
 * only stops showing them), so trimming back out restores them. */
gboolean  sl_timeline_trim_shot_end    (SlProject   *project,
                                        guint        index,
                                        gint64       end,
                                        GError     **error);
/* Cuts the shot under project time @time in two. The first part keeps the
 * shot's moves and keyframes before the cut (a move running across the cut
 * is cut to end there); the second part is a copy named "NAME (2)", starting
 * with a plain cut, with its moves and keyframes at or after the cut
 * shifted to its own start (a move running across the cut starts at 0 in
 * it). So each part plays a move that spans the cut whole, within its own
 * range: the shot language has no half moves. */
gboolean  sl_timeline_split_shot       (SlProject   *project,
                                        gint64       time,
                                        GError     **error);
gboolean  sl_timeline_delete_shot      (SlProject   *project,
                                        guint        index,
                                        GError     **error);
/* Inserts @shot (not yet in any project) at @index (0..n_shots). */
gboolean  sl_timeline_insert_shot      (SlProject   *project,
                                        guint        index,
                                        SlShot      *shot,
                                        GError     **error);

/* The audio functions take @source_duration, the length of the clip's file
 * (ns), or -1 when it is not known (not decoded yet): a clip whose duration
 * is -1 plays to the end of its file, and limits against the file are only
 * checked when its length is known. */

/* The length of @clip on the timeline, or -1 when it plays to the end of a
 * file of unknown length. */
gint64    sl_timeline_get_clip_length  (SlAudioClip *clip,
                                        gint64       source_duration);
/* Adds @clip (not yet in any project) to the audio clips; start >= 0. */
gboolean  sl_timeline_add_clip         (SlProject   *project,
                                        SlAudioClip *clip,
                                        GError     **error);
gboolean  sl_timeline_move_clip        (SlProject   *project,
                                        SlAudioClip *clip,
                                        gint64       start,
                                        GError     **error);
/* Moves the clip's start to @start and its in-point with it, so that its
 * end stays (a trim of the left edge). Fades longer than what is left are
 * shortened in the same step. */
gboolean  sl_timeline_trim_clip_start  (SlProject   *project,
                                        SlAudioClip *clip,
                                        gint64       start,
                                        gint64       source_duration,
                                        GError     **error);
/* Moves the clip's end to project time @end (its duration becomes set). */
gboolean  sl_timeline_trim_clip_end    (SlProject   *project,
                                        SlAudioClip *clip,
                                        gint64       end,
                                        gint64       source_duration,
                                        GError     **error);
/* Both fades >= 0 and together no longer than the clip. */
gboolean  sl_timeline_set_clip_fades   (SlProject   *project,
                                        SlAudioClip *clip,
                                        gint64       fade_in,
                                        gint64       fade_out,
                                        gint64       source_duration,
                                        GError     **error);

/* The candidate nearest to @t among those @what asks for (@beats in any
 * order, the @playhead, the edges of the shots, the starts and ends of the
 * audio clips) when it is at most @tolerance away; else @t. Clips of
 * unknown length contribute their start only. */
gint64    sl_timeline_snap             (SlProject   *project,
                                        gint64       t,
                                        gint64       tolerance,
                                        SlSnapFlags  what,
                                        const gint64 *beats,
                                        guint        n_beats,
                                        gint64       playhead);

G_END_DECLS
