/* sl-camera-solver.h: where the camera of a shot is at any time
 *
 * A solver is built once from one shot (its framing, keyframes and moves,
 * with each move's preset looked up) and is then a frozen plan: changing
 * the shot afterwards does not change it, so the engine rebuilds the solver
 * of a shot the document says has changed. Evaluating is cheap, reads only
 * the plan, and may run on any number of threads at once.
 *
 * The rules (shot sizes, angles, every move primitive, the keyframe spline)
 * are written down in docs/camera.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-camera.h"
#include "sl-preset.h"

G_BEGIN_DECLS

/* Finds the preset a move's kind names; NULL when there is none. */
typedef SlPreset *(*SlPresetLookupFunc) (const char *id,
                                         gpointer    user_data);

/* What a shot's camera needs to know about the project around it. */
typedef struct {
  double aspect;          /* picture width / height */
  guint  seed;            /* the project's seed */
  guint  shot_index;      /* the shot's place in the project */
} SlCameraSetup;

#define SL_TYPE_CAMERA_SOLVER (sl_camera_solver_get_type ())
G_DECLARE_FINAL_TYPE (SlCameraSolver, sl_camera_solver, SL, CAMERA_SOLVER, GObject)

/* The height (m) of the frame at the subject for a shot size; NONE frames
 * like a long shot. */
double          sl_shot_size_get_frame_height   (SlShotSize           size);

/* The solver of shot @shot_index of @project; @presets NULL = the default
 * library. Fails (SL_SHOTS_ERROR) when a move names no known preset or asks
 * for something impossible (a zoom by a factor of 0 or less, a dolly zoom
 * that reaches the subject). */
SlCameraSolver *sl_camera_solver_new            (SlProject           *project,
                                                 guint                shot_index,
                                                 SlPresetLibrary     *presets,
                                                 GError             **error);
/* The same for a shot on its own, with presets from @lookup. */
SlCameraSolver *sl_camera_solver_new_for_shot   (SlShot              *shot,
                                                 const SlCameraSetup *setup,
                                                 SlPresetLookupFunc   lookup,
                                                 gpointer             user_data,
                                                 GError             **error);

/* The shot's length in seconds. */
double          sl_camera_solver_get_duration   (SlCameraSolver      *self);
/* The subject (or plate) centre in world space, and the camera's distance
 * to it at the start of the shot; either may be NULL. With keyframes it is
 * the point the first keyframe focuses on. */
void            sl_camera_solver_get_subject    (SlCameraSolver      *self,
                                                 SlVec3              *centre,
                                                 double              *distance);

/* The camera at @seconds into the shot. Time is continuous: any double,
 * not only frame times; before 0 and after the end the camera holds (a
 * handheld shake keeps moving). */
void            sl_camera_solver_evaluate       (SlCameraSolver      *self,
                                                 double               seconds,
                                                 SlCamera            *camera);
/* The same at a document time (nanoseconds into the shot). */
void            sl_camera_solver_evaluate_time  (SlCameraSolver      *self,
                                                 gint64               time,
                                                 SlCamera            *camera);
/* Motion blur: @n_samples cameras spread evenly over the open shutter of
 * the frame that starts at @frame_start (ns into the shot) and lasts
 * @frame_duration; the shutter opens at the frame's start and stays open for
 * the fraction @shutter of it (0.5 = a 180° shutter). Sample k is at
 * frame_start + frame_duration × shutter × (k + ½) / n_samples. */
void            sl_camera_solver_sample_shutter (SlCameraSolver      *self,
                                                 gint64               frame_start,
                                                 gint64               frame_duration,
                                                 double               shutter,
                                                 guint                n_samples,
                                                 SlCamera            *cameras);

G_END_DECLS
