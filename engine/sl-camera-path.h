/* sl-camera-path.h: a shot's camera as a list of per-frame poses, to and
 * from RealEstate10K text and Shotline's camera-path JSON
 *
 * Both formats are described, with examples, in docs/handoff.md. Poses use
 * the computer-vision axes those tools expect (x right, y down, z forward,
 * in the camera and in the world alike): the document's world with y
 * negated, as sl_camera_world_to_camera () explains.
 *
 * A path is a plain value once made: it may be read from any thread.
 * Applying one to a project must happen on the thread that owns it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-camera.h"
#include "sl-preset-library.h"

G_BEGIN_DECLS

typedef enum {
  SL_CAMERA_PATH_FORMAT_RE10K,   /* RealEstate10K text (.txt) */
  SL_CAMERA_PATH_FORMAT_JSON,    /* Shotline camera-path JSON (.json) */
} SlCameraPathFormat;

/* One frame's camera. Intrinsics are normalised: fx and cx by the picture
 * width, fy and cy by its height. */
typedef struct {
  gint64 time;                   /* ns from the first pose of the path */
  double fx, fy, cx, cy;
  double world_to_camera[12];    /* [R | t], 3 × 4, row-major */
  double focus_distance;         /* m; 0 when the file has none */
  guint  line;                   /* where it was read (1-based); 0 if computed */
} SlCameraPose;

#define SL_TYPE_CAMERA_PATH (sl_camera_path_get_type ())
G_DECLARE_FINAL_TYPE (SlCameraPath, sl_camera_path, SL, CAMERA_PATH, GObject)

/* "re10k" or "json"; from a path, .txt is RealEstate10K and .json JSON. */
gboolean            sl_camera_path_format_from_name (const char          *name,
                                                     SlCameraPathFormat  *format);
gboolean            sl_camera_path_format_from_path (const char          *path,
                                                     SlCameraPathFormat  *format);

/* The camera of shot @shot_index at each of its frames (the project frames
 * whose start lies inside the shot), from the camera solver; @presets NULL
 * = the default library. Fails with the solver's error, or when the shot
 * has no whole frame. */
SlCameraPath       *sl_camera_path_new_for_shot     (SlProject           *project,
                                                     guint                shot_index,
                                                     SlPresetLibrary     *presets,
                                                     GError             **error);
/* Reads a file's text. Errors (SL_SHOTS_ERROR_CORRUPT or _INVALID) name
 * the line and what is wrong with it: a wrong number of columns, a value
 * that is not a finite number, a matrix that is not a rotation, times that
 * do not increase. */
SlCameraPath       *sl_camera_path_new_from_data    (const char          *text,
                                                     gssize               length,
                                                     SlCameraPathFormat   format,
                                                     GError             **error);
SlCameraPath       *sl_camera_path_load             (const char          *path,
                                                     SlCameraPathFormat   format,
                                                     GError             **error);

/* The first line of RealEstate10K text ("shotline:TITLE#shot-N" for a path
 * made here; a video URL in the dataset's files). */
const char         *sl_camera_path_get_source       (SlCameraPath        *self);
guint               sl_camera_path_get_n_poses      (SlCameraPath        *self);
const SlCameraPose *sl_camera_path_get_pose         (SlCameraPath        *self,
                                                     guint                index);

char               *sl_camera_path_to_data          (SlCameraPath        *self,
                                                     SlCameraPathFormat   format);
/* Written atomically; the error names the path. */
gboolean            sl_camera_path_save             (SlCameraPath        *self,
                                                     const char          *path,
                                                     SlCameraPathFormat   format,
                                                     GError             **error);

/* Makes the path the camera of shot @shot_index, as one undo step of the
 * project's history ("Import Camera Path"): one keyframe per pose, the first
 * on the shot's first frame; the shot's moves go (they would move the camera
 * off the path) and its length becomes the path's (the last pose plus one
 * frame; a shot that already has as many frames keeps its length). The focal length follows fy, so the vertical angle of view is the
 * file's; principal points off the centre cannot be kept and are ignored.
 * Fails, changing nothing, when a pose is outside what a keyframe can hold
 * (a focal length beyond 1–2000 mm, a position too far away). */
gboolean            sl_camera_path_apply            (SlCameraPath        *self,
                                                     SlProject           *project,
                                                     guint                shot_index,
                                                     GError             **error);

/* What the editor's "Export Camera Path…" and "Import Camera Path…" call:
 * the two steps above with a file. */
gboolean            sl_camera_path_export_shot      (SlProject           *project,
                                                     guint                shot_index,
                                                     const char          *path,
                                                     SlCameraPathFormat   format,
                                                     GError             **error);
gboolean            sl_camera_path_import_shot      (SlProject           *project,
                                                     guint                shot_index,
                                                     const char          *path,
                                                     SlCameraPathFormat   format,
                                                     GError             **error);

G_END_DECLS
