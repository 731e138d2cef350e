/* sl-project.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_PROJECT (sl_project_get_type ())
G_DECLARE_FINAL_TYPE (SlProject, sl_project, SL, PROJECT, GObject)

/* The document. Properties: title, width, height, fps-num, fps-den, seed,
 * engine-version, lexicon-version, and the read-only list models shots
 * (SlShot) and audio-clips (SlAudioClip).
 *
 * Signal ::changed (SlShot *shot, gint64 start, gint64 end) says what changed:
 * the shot (NULL when the change is not about one shot) and the range of
 * project time whose pictures or sound may differ now (end may be G_MAXINT64). */
SlProject   *sl_project_new            (void);
const char  *sl_project_get_title      (SlProject *self);
guint        sl_project_get_width      (SlProject *self);
guint        sl_project_get_height     (SlProject *self);
guint        sl_project_get_fps_num    (SlProject *self);
guint        sl_project_get_fps_den    (SlProject *self);
guint        sl_project_get_seed       (SlProject *self);
const char  *sl_project_get_engine_version  (SlProject *self);
const char  *sl_project_get_lexicon_version (SlProject *self);
GListStore  *sl_project_get_shots      (SlProject *self);
GListStore  *sl_project_get_audio_clips (SlProject *self);
guint        sl_project_get_n_shots    (SlProject *self);
/* Borrowed; NULL past the end. */
SlShot      *sl_project_get_shot       (SlProject *self, guint index);
/* Where the shot at @index starts on the timeline, and the whole length. */
gint64       sl_project_get_shot_start (SlProject *self, guint index);
gint64       sl_project_get_duration   (SlProject *self);
/* The shot under project time @time (clamped), and the time inside it. */
SlShot      *sl_project_get_shot_at    (SlProject *self, gint64 time, guint *index, gint64 *time_in_shot);
/* Number of whole frames, and the start time of frame @n. */
gint64       sl_project_get_n_frames   (SlProject *self);
gint64       sl_project_get_frame_time (SlProject *self, gint64 n);
/* The folder that relative paths in the document are relative to. */
const char  *sl_project_get_base_dir   (SlProject *self);
void         sl_project_set_base_dir   (SlProject *self, const char *dir);
/* A path of the document made absolute against the base folder (owned). */
char        *sl_project_resolve_path   (SlProject *self, const char *path);
SlHistory   *sl_project_get_history    (SlProject *self);

G_END_DECLS
