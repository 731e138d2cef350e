/* sl-math.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-math"

#include "config.h"

#include "sl-math.h"

/* Below this angle sin(x)/x is 1 to double precision, so the series form
 * avoids dividing two tiny numbers. */
#define SMALL_ANGLE 1e-8

SlQuat
sl_quat_exp (SlVec3 v)
{
  double angle = sl_vec3_length (v);
  double k = angle < SMALL_ANGLE ? 1.0 - angle * angle / 6.0 : sin (angle) / angle;

  return (SlQuat) { cos (angle), v.x * k, v.y * k, v.z * k };
}

SlVec3
sl_quat_log (SlQuat q)
{
  double s = sqrt (q.x * q.x + q.y * q.y + q.z * q.z);
  double angle = atan2 (s, q.w);
  double k = s < SMALL_ANGLE && q.w > 0 ? 1.0 / q.w : angle / s;

  return (SlVec3) { q.x * k, q.y * k, q.z * k };
}

SlQuat
sl_quat_slerp (SlQuat a, SlQuat b, double t)
{
  double cosine = sl_quat_dot (a, b);
  double angle, s, ka, kb;

  if (t == 0.0)
    return a;
  if (cosine < 0)
    {
      b = sl_quat_negate (b);
      cosine = -cosine;
    }
  if (t == 1.0)
    return b;
  angle = acos (MIN (cosine, 1.0));
  s = sin (angle);
  if (s < SMALL_ANGLE)
    {
      ka = 1.0 - t;
      kb = t;
    }
  else
    {
      ka = sin ((1.0 - t) * angle) / s;
      kb = sin (t * angle) / s;
    }
  return sl_quat_normalize ((SlQuat) {
    ka * a.w + kb * b.w, ka * a.x + kb * b.x, ka * a.y + kb * b.y, ka * a.z + kb * b.z,
  });
}

SlMat3
sl_quat_to_mat3 (SlQuat q)
{
  double xx = q.x * q.x, yy = q.y * q.y, zz = q.z * q.z;
  double xy = q.x * q.y, xz = q.x * q.z, yz = q.y * q.z;
  double wx = q.w * q.x, wy = q.w * q.y, wz = q.w * q.z;

  return (SlMat3) { {
    { 1 - 2 * (yy + zz), 2 * (xy - wz), 2 * (xz + wy) },
    { 2 * (xy + wz), 1 - 2 * (xx + zz), 2 * (yz - wx) },
    { 2 * (xz - wy), 2 * (yz + wx), 1 - 2 * (xx + yy) },
  } };
}

/* Shepperd's method: take the square root of the largest of the four
 * candidates, so that no division is by a small number. */
SlQuat
sl_quat_from_mat3 (const SlMat3 *m)
{
  double trace = m->m[0][0] + m->m[1][1] + m->m[2][2];
  double s;

  if (trace > m->m[0][0] && trace > m->m[1][1] && trace > m->m[2][2])
    {
      s = 2.0 * sqrt (1.0 + trace);
      return sl_quat_normalize ((SlQuat) {
        s / 4, (m->m[2][1] - m->m[1][2]) / s, (m->m[0][2] - m->m[2][0]) / s, (m->m[1][0] - m->m[0][1]) / s,
      });
    }
  if (m->m[0][0] >= m->m[1][1] && m->m[0][0] >= m->m[2][2])
    {
      s = 2.0 * sqrt (1.0 + m->m[0][0] - m->m[1][1] - m->m[2][2]);
      return sl_quat_normalize ((SlQuat) {
        (m->m[2][1] - m->m[1][2]) / s, s / 4, (m->m[0][1] + m->m[1][0]) / s, (m->m[0][2] + m->m[2][0]) / s,
      });
    }
  if (m->m[1][1] >= m->m[2][2])
    {
      s = 2.0 * sqrt (1.0 + m->m[1][1] - m->m[0][0] - m->m[2][2]);
      return sl_quat_normalize ((SlQuat) {
        (m->m[0][2] - m->m[2][0]) / s, (m->m[0][1] + m->m[1][0]) / s, s / 4, (m->m[1][2] + m->m[2][1]) / s,
      });
    }
  s = 2.0 * sqrt (1.0 + m->m[2][2] - m->m[0][0] - m->m[1][1]);
  return sl_quat_normalize ((SlQuat) {
    (m->m[1][0] - m->m[0][1]) / s, (m->m[0][2] + m->m[2][0]) / s, (m->m[1][2] + m->m[2][1]) / s, s / 4,
  });
}

SlMat3
sl_mat3_identity (void)
{
  return (SlMat3) { { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } } };
}

SlMat3
sl_mat3_mul (const SlMat3 *a, const SlMat3 *b)
{
  SlMat3 r;

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      r.m[i][j] = a->m[i][0] * b->m[0][j] + a->m[i][1] * b->m[1][j] + a->m[i][2] * b->m[2][j];
  return r;
}

SlMat3
sl_mat3_transpose (const SlMat3 *m)
{
  SlMat3 r;

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      r.m[i][j] = m->m[j][i];
  return r;
}

SlVec3
sl_mat3_mul_vec3 (const SlMat3 *m, SlVec3 v)
{
  return (SlVec3) {
    m->m[0][0] * v.x + m->m[0][1] * v.y + m->m[0][2] * v.z,
    m->m[1][0] * v.x + m->m[1][1] * v.y + m->m[1][2] * v.z,
    m->m[2][0] * v.x + m->m[2][1] * v.y + m->m[2][2] * v.z,
  };
}

SlMat4
sl_mat4_identity (void)
{
  return (SlMat4) { { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } } };
}

SlMat4
sl_mat4_mul (const SlMat4 *a, const SlMat4 *b)
{
  SlMat4 r;

  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      r.m[i][j] = a->m[i][0] * b->m[0][j] + a->m[i][1] * b->m[1][j]
                  + a->m[i][2] * b->m[2][j] + a->m[i][3] * b->m[3][j];
  return r;
}

SlVec3
sl_mat4_transform_point (const SlMat4 *m, SlVec3 p)
{
  double v[4];

  for (guint i = 0; i < 4; i++)
    v[i] = m->m[i][0] * p.x + m->m[i][1] * p.y + m->m[i][2] * p.z + m->m[i][3];
  return (SlVec3) { v[0] / v[3], v[1] / v[3], v[2] / v[3] };
}
