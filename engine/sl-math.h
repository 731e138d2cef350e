/* sl-math.h: vectors, quaternions and matrices in double precision
 *
 * Rotations follow the usual right-handed formulas: sl_quat_from_axis_angle
 * (axis, a) turns vectors as the rotation matrix R(axis, a) of any textbook,
 * so about +y it takes +z toward +x, about +x it takes +z toward -y, about
 * +z it takes +y toward -x. Matrices are row-major: m[row][column], and act
 * on column vectors (v' = M v).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x, y, z;
} SlVec3;

/* w + xi + yj + zk; unit length whenever it stands for a rotation. */
typedef struct {
  double w, x, y, z;
} SlQuat;

typedef struct {
  double m[3][3];
} SlMat3;

/* A rigid transform [R | t]: the top three rows of a 4x4 matrix. */
typedef struct {
  double m[3][4];
} SlMat34;

typedef struct {
  double m[4][4];
} SlMat4;

#define SL_DEG_TO_RAD(deg) ((deg) * (G_PI / 180.0))
#define SL_RAD_TO_DEG(rad) ((rad) * (180.0 / G_PI))

static inline SlVec3
sl_vec3 (double x, double y, double z)
{
  return (SlVec3) { x, y, z };
}

static inline SlVec3
sl_vec3_add (SlVec3 a, SlVec3 b)
{
  return (SlVec3) { a.x + b.x, a.y + b.y, a.z + b.z };
}

static inline SlVec3
sl_vec3_sub (SlVec3 a, SlVec3 b)
{
  return (SlVec3) { a.x - b.x, a.y - b.y, a.z - b.z };
}

static inline SlVec3
sl_vec3_scale (SlVec3 v, double s)
{
  return (SlVec3) { v.x * s, v.y * s, v.z * s };
}

/* a + b·s, the step every spline and integrator takes. */
static inline SlVec3
sl_vec3_add_scaled (SlVec3 a, SlVec3 b, double s)
{
  return (SlVec3) { a.x + b.x * s, a.y + b.y * s, a.z + b.z * s };
}

static inline double
sl_vec3_dot (SlVec3 a, SlVec3 b)
{
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

static inline SlVec3
sl_vec3_cross (SlVec3 a, SlVec3 b)
{
  return (SlVec3) { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
}

static inline double
sl_vec3_length (SlVec3 v)
{
  return sqrt (sl_vec3_dot (v, v));
}

static inline double
sl_vec3_distance (SlVec3 a, SlVec3 b)
{
  return sl_vec3_length (sl_vec3_sub (a, b));
}

/* The zero vector stays zero rather than becoming NaN. */
static inline SlVec3
sl_vec3_normalize (SlVec3 v)
{
  double length = sl_vec3_length (v);

  return length > 0 ? sl_vec3_scale (v, 1.0 / length) : v;
}

static inline SlVec3
sl_vec3_lerp (SlVec3 a, SlVec3 b, double t)
{
  return sl_vec3_add_scaled (a, sl_vec3_sub (b, a), t);
}

static inline SlQuat
sl_quat_identity (void)
{
  return (SlQuat) { 1, 0, 0, 0 };
}

/* a·b: rotates by b first, then by a. */
static inline SlQuat
sl_quat_mul (SlQuat a, SlQuat b)
{
  return (SlQuat) {
    a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

/* The inverse of a unit quaternion. */
static inline SlQuat
sl_quat_conjugate (SlQuat q)
{
  return (SlQuat) { q.w, -q.x, -q.y, -q.z };
}

static inline double
sl_quat_dot (SlQuat a, SlQuat b)
{
  return a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z;
}

static inline SlQuat
sl_quat_negate (SlQuat q)
{
  return (SlQuat) { -q.w, -q.x, -q.y, -q.z };
}

static inline SlQuat
sl_quat_normalize (SlQuat q)
{
  double length = sqrt (sl_quat_dot (q, q));

  return (SlQuat) { q.w / length, q.x / length, q.y / length, q.z / length };
}

/* @axis need not be unit length; a zero axis gives the identity. */
static inline SlQuat
sl_quat_from_axis_angle (SlVec3 axis, double radians)
{
  SlVec3 n = sl_vec3_normalize (axis);
  double s = sin (radians / 2);

  return (SlQuat) { cos (radians / 2), n.x * s, n.y * s, n.z * s };
}

/* q v q*, written out (v + 2w(u×v) + 2u×(u×v)) to save the full products. */
static inline SlVec3
sl_quat_rotate (SlQuat q, SlVec3 v)
{
  SlVec3 u = { q.x, q.y, q.z };
  SlVec3 t = sl_vec3_scale (sl_vec3_cross (u, v), 2.0);

  return sl_vec3_add (sl_vec3_add_scaled (v, t, q.w), sl_vec3_cross (u, t));
}

/* exp and log of the pure quaternion (0, v): exp (v) turns by 2|v| about v.
 * log gives the short way round when q.w >= 0. */
SlQuat sl_quat_exp        (SlVec3 v);
SlVec3 sl_quat_log        (SlQuat q);
/* The shortest arc from @a to @b at @t in [0, 1], constant angular speed;
 * exact at t = 0 and t = 1. */
SlQuat sl_quat_slerp      (SlQuat a, SlQuat b, double t);
SlMat3 sl_quat_to_mat3    (SlQuat q);
/* The same rotation, for a proper orthonormal @m (det +1). */
SlQuat sl_quat_from_mat3  (const SlMat3 *m);

SlMat3 sl_mat3_identity   (void);
SlMat3 sl_mat3_mul        (const SlMat3 *a, const SlMat3 *b);
SlMat3 sl_mat3_transpose  (const SlMat3 *m);
SlVec3 sl_mat3_mul_vec3   (const SlMat3 *m, SlVec3 v);

SlMat4 sl_mat4_identity   (void);
SlMat4 sl_mat4_mul        (const SlMat4 *a, const SlMat4 *b);
/* The point (x, y, z, 1) through @m, divided by its w. */
SlVec3 sl_mat4_transform_point (const SlMat4 *m, SlVec3 p);

G_END_DECLS
