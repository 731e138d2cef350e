/* sl-camera.h: a camera pose and lens, and how it sees the world
 *
 * World and camera space: metres, x right, y up, z forward (into the
 * scene), the same axes as the document's keyframes and move presets.
 * Angles are in degrees and turn as the usual rotation matrices do (see
 * sl-math.h): a positive yaw turns the view right, a positive pitch turns
 * it down, a positive roll leans the top of the frame left.
 *
 * Pixels: x right, y down, (0, 0) is the top-left corner of the picture, so
 * the centre of pixel (i, j) is (i + 0.5, j + 0.5). Nothing here rounds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-math.h"

G_BEGIN_DECLS

/* The full-frame gate; the picture uses the largest part of it that has the
 * project's aspect (36 × 20.25 mm for 16:9, 13.5 × 24 mm for 9:16). */
#define SL_CAMERA_GATE_WIDTH          36.0
#define SL_CAMERA_GATE_HEIGHT         24.0
#define SL_CAMERA_DEFAULT_FOCAL_LENGTH 35.0
/* The nearest focus a lens in the document may have (m). */
#define SL_CAMERA_MIN_FOCUS_DISTANCE  0.01

/* A plain value: copy it with =. */
typedef struct {
  SlVec3 position;        /* of the lens centre, world metres */
  SlQuat orientation;     /* turns camera-space vectors into world ones */
  double focal_length;    /* mm */
  double sensor_width;    /* mm */
  double sensor_height;   /* mm */
  double focus_distance;  /* m, along the view axis */
} SlCamera;

/* The pinhole model for one picture size: a camera-space point (x, y, z)
 * with z > 0 lands on pixel (cx + fx·x/z, cy − fy·y/z). */
typedef struct {
  double fx, fy;          /* focal length in pixels */
  double cx, cy;          /* principal point in pixels: the picture centre */
} SlIntrinsics;

/* At the origin looking along +z, 35 mm, focused at 5 m, sensor fitted to
 * @aspect (width / height). */
void     sl_camera_init              (SlCamera       *self,
                                      double          aspect);
void     sl_camera_fit_sensor        (double          aspect,
                                      double         *width,
                                      double         *height);
/* yaw about y, then pitch about the turned x, then roll about the turned z;
 * degrees. */
SlQuat   sl_camera_orientation_from_euler (double     yaw,
                                      double          pitch,
                                      double          roll);
/* The camera's axes in world space; any may be NULL. */
void     sl_camera_get_axes          (const SlCamera *self,
                                      SlVec3         *right,
                                      SlVec3         *up,
                                      SlVec3         *forward);
/* The height (m) of what the picture shows at @distance ahead. */
double   sl_camera_get_frame_height  (const SlCamera *self,
                                      double          distance);
/* Full angles of view, degrees; either may be NULL. */
void     sl_camera_get_fov           (const SlCamera *self,
                                      double         *horizontal,
                                      double         *vertical);
/* The sensor maps onto the whole picture, so the framing is the same at
 * every size; pixels are square when the picture has the sensor's aspect. */
void     sl_camera_get_intrinsics    (const SlCamera *self,
                                      double          width,
                                      double          height,
                                      SlIntrinsics   *intrinsics);
/* [R | t] taking world points into camera space. For tools that want y
 * down (OpenCV, RealEstate10K) flip y on both sides: negate row 1 and
 * column 1 of R (R[1][1] keeps its sign) and t[1]. */
void     sl_camera_world_to_camera   (const SlCamera *self,
                                      SlMat34        *matrix);
/* The same as a 4 × 4 matrix (last row 0 0 0 1). */
void     sl_camera_get_view_matrix   (const SlCamera *self,
                                      SlMat4         *matrix);
/* A world point onto a @width × @height picture. @depth (camera-space z)
 * is always set; @x and @y only when the point is in front of the lens,
 * which is what the return value says. Any output may be NULL. */
gboolean sl_camera_project           (const SlCamera *self,
                                      SlVec3          point,
                                      double          width,
                                      double          height,
                                      double         *x,
                                      double         *y,
                                      double         *depth);
/* The world point at camera-space @depth that lands on pixel (x, y). */
SlVec3   sl_camera_unproject         (const SlCamera *self,
                                      double          x,
                                      double          y,
                                      double          depth,
                                      double          width,
                                      double          height);

G_END_DECLS
