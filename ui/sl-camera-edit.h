/* sl-camera-edit.h: the camera poses of a shot as the sketching views edit them
 *
 * Frame mode and plan mode both show a shot's camera as a few poses (its
 * keyframes, or the start and end framings its moves make) and edit them
 * through the history. A shot that moves by presets is first "baked": its
 * moves become keyframes sampled from the solver and are removed, inside the
 * caller's history group, so one undo brings the moves back exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-editor.h"

G_BEGIN_DECLS

typedef struct {
  gint64      time;       /* ns into the shot */
  SlCamera    camera;     /* as the solver gives it at that time */
  SlKeyframe *keyframe;   /* (nullable): NULL until the shot is baked */
} SlSketchPose;

/* The solver of @shot as the editor's project holds it now; NULL with
 * @error set when the shot cannot be planned (an unknown preset...). */
SlCameraSolver *sl_camera_edit_solver        (SlEditor        *editor,
                                              SlShot          *shot,
                                              GError         **error);
/* (element-type SlSketchPose): the keyframes in time order, or without
 * keyframes the times sl_camera_edit_bake () would key. The array holds a
 * reference on each keyframe. */
GArray         *sl_camera_edit_list_poses    (SlShot          *shot,
                                              SlCameraSolver  *solver);
/* "Start", "End" or "K1"...: what a pose is called on screen. */
char           *sl_camera_edit_pose_label    (GArray          *poses,
                                              guint            index,
                                              gint64           duration);
/* Turns the moves of @shot into keyframes (one per pose of
 * sl_camera_edit_list_poses ()) and removes the moves; nothing when the shot
 * already has keyframes and no moves. Call inside a history group. */
void            sl_camera_edit_bake          (SlHistory       *history,
                                              SlShot          *shot,
                                              SlCameraSolver  *solver);
/* The keyframe values (yaw, pitch, roll in degrees, as the keyframe stores
 * them) that give @camera. */
void            sl_camera_edit_camera_angles (const SlCamera  *camera,
                                              double          *yaw,
                                              double          *pitch,
                                              double          *roll);
/* Sets every pose value of @keyframe from @camera, as one edit. */
void            sl_camera_edit_set_pose      (SlHistory       *history,
                                              SlKeyframe      *keyframe,
                                              const SlCamera  *camera);
/* Bakes if needed and keys the camera at @time (ns into the shot) in time
 * order; a keyframe already within half a frame of @time is reused.
 * Returns the keyframe's index. One undo step. */
guint           sl_camera_edit_add_keyframe  (SlEditor        *editor,
                                              SlShot          *shot,
                                              gint64           time);
/* Removes keyframe @index of @shot (one undo step); the last one stays. */
gboolean        sl_camera_edit_remove_keyframe (SlEditor      *editor,
                                              SlShot          *shot,
                                              guint            index);
/* Where the playhead is inside @shot (ns), clamped to the shot. */
gint64          sl_camera_edit_playhead_time (SlEditor        *editor,
                                              SlShot          *shot);

G_END_DECLS
