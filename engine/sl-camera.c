/* sl-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-camera"

#include "config.h"

#include "sl-camera.h"

void
sl_camera_fit_sensor (double  aspect,
                      double *width,
                      double *height)
{
  double w;

  g_return_if_fail (aspect > 0);

  w = MIN (SL_CAMERA_GATE_WIDTH, SL_CAMERA_GATE_HEIGHT * aspect);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = w / aspect;
}

void
sl_camera_init (SlCamera *self,
                double    aspect)
{
  g_return_if_fail (self != NULL);

  self->position = sl_vec3 (0, 0, 0);
  self->orientation = sl_quat_identity ();
  self->focal_length = SL_CAMERA_DEFAULT_FOCAL_LENGTH;
  self->focus_distance = 5.0;
  sl_camera_fit_sensor (aspect, &self->sensor_width, &self->sensor_height);
}

SlQuat
sl_camera_orientation_from_euler (double yaw,
                                  double pitch,
                                  double roll)
{
  SlQuat q_yaw = sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), SL_DEG_TO_RAD (yaw));
  SlQuat q_pitch = sl_quat_from_axis_angle (sl_vec3 (1, 0, 0), SL_DEG_TO_RAD (pitch));
  SlQuat q_roll = sl_quat_from_axis_angle (sl_vec3 (0, 0, 1), SL_DEG_TO_RAD (roll));

  return sl_quat_mul (sl_quat_mul (q_yaw, q_pitch), q_roll);
}

void
sl_camera_get_axes (const SlCamera *self,
                    SlVec3         *right,
                    SlVec3         *up,
                    SlVec3         *forward)
{
  g_return_if_fail (self != NULL);

  if (right != NULL)
    *right = sl_quat_rotate (self->orientation, sl_vec3 (1, 0, 0));
  if (up != NULL)
    *up = sl_quat_rotate (self->orientation, sl_vec3 (0, 1, 0));
  if (forward != NULL)
    *forward = sl_quat_rotate (self->orientation, sl_vec3 (0, 0, 1));
}

double
sl_camera_get_frame_height (const SlCamera *self,
                            double          distance)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return distance * self->sensor_height / self->focal_length;
}

void
sl_camera_get_fov (const SlCamera *self,
                   double         *horizontal,
                   double         *vertical)
{
  g_return_if_fail (self != NULL);

  if (horizontal != NULL)
    *horizontal = SL_RAD_TO_DEG (2.0 * atan (self->sensor_width / (2.0 * self->focal_length)));
  if (vertical != NULL)
    *vertical = SL_RAD_TO_DEG (2.0 * atan (self->sensor_height / (2.0 * self->focal_length)));
}

void
sl_camera_get_intrinsics (const SlCamera *self,
                          double          width,
                          double          height,
                          SlIntrinsics   *intrinsics)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (intrinsics != NULL);

  intrinsics->fx = self->focal_length * width / self->sensor_width;
  intrinsics->fy = self->focal_length * height / self->sensor_height;
  intrinsics->cx = width / 2.0;
  intrinsics->cy = height / 2.0;
}

void
sl_camera_world_to_camera (const SlCamera *self,
                           SlMat34        *matrix)
{
  SlMat3 to_world, to_camera;
  SlVec3 t;

  g_return_if_fail (self != NULL);
  g_return_if_fail (matrix != NULL);

  to_world = sl_quat_to_mat3 (self->orientation);
  to_camera = sl_mat3_transpose (&to_world);
  t = sl_vec3_scale (sl_mat3_mul_vec3 (&to_camera, self->position), -1.0);
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        matrix->m[i][j] = to_camera.m[i][j];
    }
  matrix->m[0][3] = t.x;
  matrix->m[1][3] = t.y;
  matrix->m[2][3] = t.z;
}

void
sl_camera_get_view_matrix (const SlCamera *self,
                           SlMat4         *matrix)
{
  SlMat34 rigid;

  g_return_if_fail (self != NULL);
  g_return_if_fail (matrix != NULL);

  sl_camera_world_to_camera (self, &rigid);
  *matrix = sl_mat4_identity ();
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 4; j++)
        matrix->m[i][j] = rigid.m[i][j];
    }
}

gboolean
sl_camera_project (const SlCamera *self,
                   SlVec3          point,
                   double          width,
                   double          height,
                   double         *x,
                   double         *y,
                   double         *depth)
{
  SlIntrinsics k;
  SlVec3 c;

  g_return_val_if_fail (self != NULL, FALSE);

  c = sl_quat_rotate (sl_quat_conjugate (self->orientation), sl_vec3_sub (point, self->position));
  if (depth != NULL)
    *depth = c.z;
  if (!(c.z > 0))
    return FALSE;
  sl_camera_get_intrinsics (self, width, height, &k);
  if (x != NULL)
    *x = k.cx + k.fx * c.x / c.z;
  if (y != NULL)
    *y = k.cy - k.fy * c.y / c.z;
  return TRUE;
}

SlVec3
sl_camera_unproject (const SlCamera *self,
                     double          x,
                     double          y,
                     double          depth,
                     double          width,
                     double          height)
{
  SlIntrinsics k;
  SlVec3 c;

  g_return_val_if_fail (self != NULL, sl_vec3 (0, 0, 0));

  sl_camera_get_intrinsics (self, width, height, &k);
  c = sl_vec3 ((x - k.cx) / k.fx * depth, (k.cy - y) / k.fy * depth, depth);
  return sl_vec3_add (self->position, sl_quat_rotate (self->orientation, c));
}
