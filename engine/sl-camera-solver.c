/* sl-camera-solver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-camera-solver"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-camera-solver.h"
#include "sl-easing.h"
#include "sl-keyframe.h"
#include "sl-move.h"
#include "sl-preset-library.h"
#include "sl-project.h"
#include "sl-shot.h"
#include "sl-shots-error.h"

/* Keyframes closer than this are one place: the camera holds there. */
#define HOLD_DISTANCE 1e-9
/* A dolly zoom may close at most this much of the gap to its subject, so
 * that the focal length it asks for stays positive. */
#define DOLLY_ZOOM_LIMIT 0.99
/* A handheld shake fades in and out over this long (s) where it starts or
 * ends inside the shot, so that it never jumps. */
#define NOISE_FADE 0.5
/* Each noise channel sums three sines: partial k runs at the primitive's
 * frequency times NOISE_RATIO[k] (±15 % per channel) with weight
 * NOISE_WEIGHT[k]. The weights sum to 1, so a channel stays within ±1. */
#define NOISE_PARTIALS 3
static const double NOISE_RATIO[NOISE_PARTIALS] = { 1.0, 2.13, 4.37 };
static const double NOISE_WEIGHT[NOISE_PARTIALS] = { 0.6, 0.3, 0.1 };
/* x, y, z in metres, then pitch, yaw, roll in degrees. */
#define NOISE_CHANNELS 6

typedef struct {
  double start;           /* s into the shot */
  double end;
  SlEasing easing;
  double bezier[4];
} Timing;

/* One primitive of one move's preset, with the move's amount read in its
 * terms (sl_primitive_get_value). */
typedef struct {
  SlPrimitiveKind kind;
  Timing timing;
  SlVec3 axis;
  double from;
  double to;
  union {
    double distance;      /* TRANSLATE, DOLLY_ZOOM: metres along the axis */
    double degrees;       /* ROTATE, ORBIT */
    double log_factor;    /* ZOOM: ln of the focal length multiplier */
    double strength;      /* NOISE: 1 = the preset's amplitudes */
    double value;         /* FOCUS: metres, or percent with relative */
  };
  gboolean relative;      /* FOCUS in % */
  SlVec3 target;          /* ORBIT: world point */
  double subject_depth;   /* DOLLY_ZOOM: distance ahead kept framed */
  double amplitude[2];    /* NOISE: metres, degrees */
  double frequency[NOISE_CHANNELS][NOISE_PARTIALS];  /* NOISE: rad/s */
  double phase[NOISE_CHANNELS][NOISE_PARTIALS];
} Action;

/* The base path through keyframes, as arrays over the keyframes. */
typedef struct {
  guint   n;
  double *time;           /* s, strictly increasing */
  SlVec3 *position;
  SlQuat *orientation;    /* each in the hemisphere of the one before */
  double *log_focal;
  double *log_focus;
  /* Centripetal Catmull-Rom: the spline parameter at each keyframe and the
   * curve's derivative there with respect to it. */
  double *knot;
  SlVec3 *tangent;
  /* Monotone cubic slopes (per second) of knot, log_focal and log_focus. */
  double *knot_slope;
  double *log_focal_slope;
  double *log_focus_slope;
  /* Angular velocity at each keyframe as d/dt of the quaternion log. */
  SlVec3 *spin;
} Path;

struct _SlCameraSolver
{
  GObject   parent_instance;
  double    duration;
  double    sensor_width;
  double    sensor_height;
  /* Framing, when there are no keyframes: the camera stays on the line
   * through the subject along framing_orientation, distance[0] from it at
   * the start and distance[1] at the end. */
  SlVec3    subject;
  SlQuat    framing_orientation;
  double    distance[2];
  double    focal_length;
  Path      path;
  /* The base camera at 0 s, and its heading (yaw only): orbits turn about
   * the heading's axes so that they keep the horizon level. */
  SlCamera  start;
  SlQuat    heading;
  GArray   *actions;      /* Action */
};

G_DEFINE_FINAL_TYPE (SlCameraSolver, sl_camera_solver, G_TYPE_OBJECT)

static void
path_clear (Path *path)
{
  g_clear_pointer (&path->time, g_free);
  g_clear_pointer (&path->position, g_free);
  g_clear_pointer (&path->orientation, g_free);
  g_clear_pointer (&path->log_focal, g_free);
  g_clear_pointer (&path->log_focus, g_free);
  g_clear_pointer (&path->knot, g_free);
  g_clear_pointer (&path->tangent, g_free);
  g_clear_pointer (&path->knot_slope, g_free);
  g_clear_pointer (&path->log_focal_slope, g_free);
  g_clear_pointer (&path->log_focus_slope, g_free);
  g_clear_pointer (&path->spin, g_free);
  path->n = 0;
}

static void
sl_camera_solver_finalize (GObject *object)
{
  SlCameraSolver *self = SL_CAMERA_SOLVER (object);

  path_clear (&self->path);
  g_clear_pointer (&self->actions, g_array_unref);
  G_OBJECT_CLASS (sl_camera_solver_parent_class)->finalize (object);
}

static void
sl_camera_solver_class_init (SlCameraSolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_camera_solver_finalize;
}

static void
sl_camera_solver_init (SlCameraSolver *self)
{
  self->actions = g_array_new (FALSE, TRUE, sizeof (Action));
}

double
sl_shot_size_get_frame_height (SlShotSize size)
{
  switch (size)
    {
    case SL_SHOT_SIZE_EXTREME_CLOSE_UP: return 0.12;
    case SL_SHOT_SIZE_CLOSE_UP: return 0.3;
    case SL_SHOT_SIZE_MEDIUM_CLOSE_UP: return 0.55;
    case SL_SHOT_SIZE_MEDIUM: return 0.9;
    case SL_SHOT_SIZE_MEDIUM_LONG: return 1.3;
    case SL_SHOT_SIZE_LONG: return 2.2;
    case SL_SHOT_SIZE_EXTREME_LONG: return 12.0;
    case SL_SHOT_SIZE_NONE: return 2.2;
    default: g_return_val_if_reached (2.2);
    }
}

/* Degrees of pitch (positive = down) and roll for each angle. */
static void
angle_get_pitch_roll (SlAngle  angle,
                      double   dutch_degrees,
                      double  *pitch,
                      double  *roll)
{
  *pitch = 0.0;
  *roll = 0.0;
  switch (angle)
    {
    case SL_ANGLE_EYE_LEVEL: break;
    case SL_ANGLE_HIGH: *pitch = 20.0; break;
    case SL_ANGLE_LOW: *pitch = -20.0; break;
    case SL_ANGLE_BIRDS_EYE: *pitch = 75.0; break;
    case SL_ANGLE_WORMS_EYE: *pitch = -60.0; break;
    case SL_ANGLE_DUTCH: *roll = dutch_degrees; break;
    default: g_return_if_reached ();
    }
}

/* ----- smooth curves ----------------------------------------------------- */

static double
hermite (double p0, double p1, double m0, double m1, double u)
{
  double u2 = u * u, u3 = u2 * u;

  return (2 * u3 - 3 * u2 + 1) * p0 + (u3 - 2 * u2 + u) * m0
         + (3 * u2 - 2 * u3) * p1 + (u3 - u2) * m1;
}

static SlVec3
hermite_vec3 (SlVec3 p0, SlVec3 p1, SlVec3 m0, SlVec3 m1, double u)
{
  return sl_vec3 (hermite (p0.x, p1.x, m0.x, m1.x, u),
                  hermite (p0.y, p1.y, m0.y, m1.y, u),
                  hermite (p0.z, p1.z, m0.z, m1.z, u));
}

/* Slopes of a monotone cubic through (x[i], y[i]): Fritsch and Butland's
 * weighted harmonic mean inside (as PCHIP), the secant at the ends. The
 * curve never leaves the range of the two values it joins. */
static void
monotone_slopes (guint         n,
                 const double *x,
                 const double *y,
                 double       *slopes)
{
  if (n < 2)
    {
      if (n == 1)
        slopes[0] = 0.0;
      return;
    }
  slopes[0] = (y[1] - y[0]) / (x[1] - x[0]);
  slopes[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
  for (guint i = 1; i + 1 < n; i++)
    {
      double h0 = x[i] - x[i - 1], h1 = x[i + 1] - x[i];
      double d0 = (y[i] - y[i - 1]) / h0, d1 = (y[i + 1] - y[i]) / h1;
      double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;

      slopes[i] = d0 * d1 <= 0 ? 0.0 : (w0 + w1) / (w0 / d0 + w1 / d1);
    }
}

/* ----- keyframes --------------------------------------------------------- */

typedef struct {
  double time;
  guint  index;
  double values[8];       /* x, y, z, yaw, pitch, roll, focal, focus */
} RawKey;

static int
compare_raw_keys (gconstpointer a,
                  gconstpointer b)
{
  const RawKey *ka = a, *kb = b;

  if (ka->time != kb->time)
    return ka->time < kb->time ? -1 : 1;
  return ka->index < kb->index ? -1 : (ka->index > kb->index);
}

/* The keyframes in time order; of several at one time the last in the list
 * wins, as it would in a timeline. */
static GArray *
read_keyframes (SlShot *shot)
{
  GListModel *list = G_LIST_MODEL (sl_shot_get_keyframes (shot));
  guint n = g_list_model_get_n_items (list);
  GArray *keys = g_array_sized_new (FALSE, TRUE, sizeof (RawKey), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (list, i);
      RawKey key = { .time = sl_keyframe_get_time (keyframe) / (double) SL_SECOND, .index = i };

      g_object_get (keyframe,
                    "x", &key.values[0], "y", &key.values[1], "z", &key.values[2],
                    "yaw", &key.values[3], "pitch", &key.values[4], "roll", &key.values[5],
                    "focal-length", &key.values[6], "focus-distance", &key.values[7],
                    NULL);
      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_raw_keys);
  for (guint i = keys->len; i > 1; i--)
    {
      if (g_array_index (keys, RawKey, i - 2).time == g_array_index (keys, RawKey, i - 1).time)
        g_array_remove_index (keys, i - 2);
    }
  return keys;
}

/* Centripetal parameterisation (α = ½): the parameter advances by the
 * square root of each chord, which is what keeps Catmull-Rom free of cusps
 * and self-intersections (Yuksel, Schaefer and Keyser 2011). */
static void
path_build_position (Path *path)
{
  guint n = path->n;

  path->knot[0] = 0.0;
  for (guint i = 1; i < n; i++)
    {
      double chord = sl_vec3_distance (path->position[i], path->position[i - 1]);

      path->knot[i] = path->knot[i - 1] + (chord < HOLD_DISTANCE ? 0.0 : sqrt (chord));
    }

  for (guint i = 0; i < n; i++)
    {
      double h0 = i > 0 ? path->knot[i] - path->knot[i - 1] : 0.0;
      double h1 = i + 1 < n ? path->knot[i + 1] - path->knot[i] : 0.0;
      SlVec3 m = sl_vec3 (0, 0, 0);

      /* Next to a hold the camera eases to a stop: zero tangent. */
      if (i == 0 && h1 > 0)
        m = sl_vec3_scale (sl_vec3_sub (path->position[1], path->position[0]), 1.0 / h1);
      else if (i == n - 1 && h0 > 0)
        m = sl_vec3_scale (sl_vec3_sub (path->position[i], path->position[i - 1]), 1.0 / h0);
      else if (i > 0 && i + 1 < n && h0 > 0 && h1 > 0)
        {
          SlVec3 p0 = path->position[i - 1], p1 = path->position[i], p2 = path->position[i + 1];

          m = sl_vec3_scale (sl_vec3_sub (p1, p0), 1.0 / h0);
          m = sl_vec3_add_scaled (m, sl_vec3_sub (p2, p0), -1.0 / (h0 + h1));
          m = sl_vec3_add_scaled (m, sl_vec3_sub (p2, p1), 1.0 / h1);
        }
      path->tangent[i] = m;
    }
  monotone_slopes (n, path->time, path->knot, path->knot_slope);
}

/* The rate of turning (d/dt of the quaternion log) at each keyframe: the
 * time-weighted mean of the turns on either side, zero where the turn
 * stops or reverses, and bounded like Fritsch and Carlson's slopes so that
 * the camera does not turn past a keyframe and back. */
static void
path_build_spin (Path *path)
{
  guint n = path->n;

  for (guint i = 0; i < n; i++)
    {
      SlVec3 before = sl_vec3 (0, 0, 0), after = sl_vec3 (0, 0, 0);
      double h0 = 0.0, h1 = 0.0;

      if (i > 0)
        {
          h0 = path->time[i] - path->time[i - 1];
          before = sl_vec3_scale (sl_quat_log (sl_quat_mul (sl_quat_conjugate (path->orientation[i - 1]),
                                                            path->orientation[i])), 1.0 / h0);
        }
      if (i + 1 < n)
        {
          h1 = path->time[i + 1] - path->time[i];
          after = sl_vec3_scale (sl_quat_log (sl_quat_mul (sl_quat_conjugate (path->orientation[i]),
                                                           path->orientation[i + 1])), 1.0 / h1);
        }

      if (i == 0)
        path->spin[i] = after;
      else if (i == n - 1)
        path->spin[i] = before;
      else if (sl_vec3_dot (before, after) <= 0)
        path->spin[i] = sl_vec3 (0, 0, 0);
      else
        {
          SlVec3 mean = sl_vec3_scale (sl_vec3_add (sl_vec3_scale (before, h1), sl_vec3_scale (after, h0)),
                                       1.0 / (h0 + h1));
          double limit = 3.0 * MIN (sl_vec3_length (before), sl_vec3_length (after));
          double length = sl_vec3_length (mean);

          path->spin[i] = length > limit ? sl_vec3_scale (mean, limit / length) : mean;
        }
    }
}

static void
path_build (Path   *path,
            GArray *keys)
{
  guint n = keys->len;

  path->n = n;
  path->time = g_new (double, n);
  path->position = g_new (SlVec3, n);
  path->orientation = g_new (SlQuat, n);
  path->log_focal = g_new (double, n);
  path->log_focus = g_new (double, n);
  path->knot = g_new (double, n);
  path->tangent = g_new (SlVec3, n);
  path->knot_slope = g_new (double, n);
  path->log_focal_slope = g_new (double, n);
  path->log_focus_slope = g_new (double, n);
  path->spin = g_new (SlVec3, n);

  for (guint i = 0; i < n; i++)
    {
      const RawKey *key = &g_array_index (keys, RawKey, i);
      SlQuat q = sl_camera_orientation_from_euler (key->values[3], key->values[4], key->values[5]);

      path->time[i] = key->time;
      path->position[i] = sl_vec3 (key->values[0], key->values[1], key->values[2]);
      path->orientation[i] = i > 0 && sl_quat_dot (q, path->orientation[i - 1]) < 0 ? sl_quat_negate (q) : q;
      path->log_focal[i] = log (key->values[6]);
      path->log_focus[i] = log (MAX (key->values[7], SL_CAMERA_MIN_FOCUS_DISTANCE));
    }
  path_build_position (path);
  path_build_spin (path);
  monotone_slopes (n, path->time, path->log_focal, path->log_focal_slope);
  monotone_slopes (n, path->time, path->log_focus, path->log_focus_slope);
}

/* Shoemake's spherical Bézier: De Casteljau with slerp. The inner control
 * points sit a third of the way along each keyframe's spin, which makes the
 * turning rate continuous across keyframes. */
static SlQuat
path_orientation (const Path *path,
                  guint       i,
                  double      u)
{
  double h = path->time[i + 1] - path->time[i];
  SlQuat q0 = path->orientation[i], q3 = path->orientation[i + 1];
  SlQuat q1 = sl_quat_mul (q0, sl_quat_exp (sl_vec3_scale (path->spin[i], h / 3.0)));
  SlQuat q2 = sl_quat_mul (q3, sl_quat_exp (sl_vec3_scale (path->spin[i + 1], -h / 3.0)));
  SlQuat a = sl_quat_slerp (q0, q1, u), b = sl_quat_slerp (q1, q2, u), c = sl_quat_slerp (q2, q3, u);

  return sl_quat_slerp (sl_quat_slerp (a, b, u), sl_quat_slerp (b, c, u), u);
}

static void
path_evaluate (const Path *path,
               double      t,
               SlCamera   *camera)
{
  guint i = 0, hi = path->n - 1;
  double h, u, dk, s;

  if (path->n == 1 || t <= path->time[0] || t >= path->time[path->n - 1])
    {
      guint k = path->n == 1 || t <= path->time[0] ? 0 : path->n - 1;

      camera->position = path->position[k];
      camera->orientation = path->orientation[k];
      camera->focal_length = exp (path->log_focal[k]);
      camera->focus_distance = exp (path->log_focus[k]);
      return;
    }

  /* The segment [time[i], time[i + 1]) holding t. */
  while (hi - i > 1)
    {
      guint mid = (i + hi) / 2;

      if (path->time[mid] <= t)
        i = mid;
      else
        hi = mid;
    }
  h = path->time[i + 1] - path->time[i];
  u = (t - path->time[i]) / h;

  /* Time picks the spline parameter through a monotone curve, so the path
   * keeps the centripetal shape while the speed along it stays continuous. */
  s = hermite (path->knot[i], path->knot[i + 1], path->knot_slope[i] * h, path->knot_slope[i + 1] * h, u);
  dk = path->knot[i + 1] - path->knot[i];
  if (dk > 0)
    camera->position = hermite_vec3 (path->position[i], path->position[i + 1],
                                     sl_vec3_scale (path->tangent[i], dk),
                                     sl_vec3_scale (path->tangent[i + 1], dk),
                                     CLAMP ((s - path->knot[i]) / dk, 0.0, 1.0));
  else
    camera->position = path->position[i];

  camera->orientation = path_orientation (path, i, u);
  camera->focal_length = exp (hermite (path->log_focal[i], path->log_focal[i + 1],
                                       path->log_focal_slope[i] * h, path->log_focal_slope[i + 1] * h, u));
  camera->focus_distance = exp (hermite (path->log_focus[i], path->log_focus[i + 1],
                                         path->log_focus_slope[i] * h, path->log_focus_slope[i + 1] * h, u));
}

/* ----- the base camera: framing or keyframes ----------------------------- */

static void
base_evaluate (SlCameraSolver *self,
               double          t,
               SlCamera       *camera)
{
  camera->sensor_width = self->sensor_width;
  camera->sensor_height = self->sensor_height;

  if (self->path.n > 0)
    {
      path_evaluate (&self->path, t, camera);
      return;
    }

  camera->orientation = self->framing_orientation;
  camera->focal_length = self->focal_length;
  camera->focus_distance = self->distance[0];
  if (self->distance[1] != self->distance[0])
    {
      /* The framing changes at an even rate in scale: log of the distance. */
      double p = sl_easing_evaluate (SL_EASING_EASE_IN_OUT, NULL, t / self->duration);

      camera->focus_distance = exp ((1.0 - p) * log (self->distance[0]) + p * log (self->distance[1]));
    }
  camera->position = sl_vec3_sub (self->subject,
                                  sl_quat_rotate (camera->orientation,
                                                  sl_vec3 (0, 0, camera->focus_distance)));
}

static SlVec3
focus_point (const SlCamera *camera)
{
  return sl_vec3_add (camera->position,
                      sl_quat_rotate (camera->orientation, sl_vec3 (0, 0, camera->focus_distance)));
}

/* The start camera turned about world y only; looking straight up or down
 * its heading is where the top (or bottom) of the frame points. */
static SlQuat
heading_of (const SlCamera *camera)
{
  SlVec3 up, forward, level;

  sl_camera_get_axes (camera, NULL, &up, &forward);
  level = hypot (forward.x, forward.z) > 1e-9 ? forward : (forward.y < 0 ? up : sl_vec3_scale (up, -1.0));
  return sl_quat_from_axis_angle (sl_vec3 (0, 1, 0), atan2 (level.x, level.z));
}

/* ----- moves ------------------------------------------------------------- */

static guint64
mix64 (guint64 x)
{
  /* SplitMix64's finaliser: every input bit reaches every output bit. */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* A number in [0, 1) that depends on every argument. */
static double
noise_random (const SlCameraSetup *setup,
              guint                move_index,
              guint                primitive_index,
              guint                draw)
{
  guint64 h = mix64 (setup->seed + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  h = mix64 (h ^ setup->shot_index);
  h = mix64 (h ^ move_index);
  h = mix64 (h ^ ((guint64) primitive_index << 32 | draw));
  return (h >> 11) * (1.0 / 9007199254740992.0);
}

static void
noise_setup (Action              *action,
             const SlPrimitive   *primitive,
             const SlCameraSetup *setup,
             guint                move_index,
             guint                primitive_index)
{
  guint draw = 0;

  action->amplitude[0] = primitive->amplitude[0];
  action->amplitude[1] = primitive->amplitude[1];
  for (guint c = 0; c < NOISE_CHANNELS; c++)
    {
      for (guint k = 0; k < NOISE_PARTIALS; k++)
        {
          double jitter = 0.85 + 0.3 * noise_random (setup, move_index, primitive_index, draw++);

          action->frequency[c][k] = 2 * G_PI * primitive->frequency * NOISE_RATIO[k] * jitter;
          action->phase[c][k] = 2 * G_PI * noise_random (setup, move_index, primitive_index, draw++);
        }
    }
}

static double
noise_channel (const Action *action,
               guint         channel,
               double        t)
{
  double sum = 0.0;

  for (guint k = 0; k < NOISE_PARTIALS; k++)
    sum += NOISE_WEIGHT[k] * sin (action->frequency[channel][k] * t + action->phase[channel][k]);
  return sum;
}

static double
smoothstep (double x)
{
  x = CLAMP (x, 0.0, 1.0);
  return x * x * (3 - 2 * x);
}

/* How strongly a shake acts at @t: over its part of the move's time, with
 * fades where that part starts or ends inside the shot. */
static double
noise_envelope (const Action *action,
                double        t,
                double        duration)
{
  double span = action->timing.end - action->timing.start;
  double begin = action->timing.start + span * action->from;
  double end = action->timing.start + span * action->to;
  double fade = MIN (NOISE_FADE, (end - begin) / 4);
  double envelope = 1.0;

  if (!(t >= begin && t <= end && fade > 0))
    return 0.0;
  if (begin > 0)
    envelope *= smoothstep ((t - begin) / fade);
  if (end < duration)
    envelope *= smoothstep ((end - t) / fade);
  return envelope;
}

/* The move's eased progress, then the primitive's part of it stretched to
 * 0..1. Only the ends that lie inside the move are clamped, so a curve
 * that overshoots (a bezier with y beyond 0..1) still does so at the ends. */
static double
action_progress (const Action *action,
                 double        t)
{
  const Timing *timing = &action->timing;
  double span = timing->end - timing->start;
  double p = span > 0 ? (t - timing->start) / span : (t >= timing->start ? 1.0 : 0.0);
  double eased = sl_easing_evaluate (timing->easing, timing->bezier, p);
  double local = (eased - action->from) / (action->to - action->from);

  if (action->from > 0)
    local = MAX (local, 0.0);
  if (action->to < 1)
    local = MIN (local, 1.0);
  return local;
}

static gboolean
action_setup (SlCameraSolver      *self,
              Action              *action,
              const SlPrimitive   *primitive,
              SlMove              *move,
              const SlCameraSetup *setup,
              guint                move_index,
              guint                primitive_index,
              GError             **error)
{
  SlUnit unit;
  double value;
  SlVec3 target;

  if (primitive->kind == SL_PRIMITIVE_ZOOM && sl_move_get_unit (move) == SL_UNIT_FACTOR
      && !(sl_move_get_amount (move) > 0))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Shot %u: the move “%s” zooms by a factor of %g, which must be more than 0"),
                   setup->shot_index + 1, sl_move_get_kind (move), sl_move_get_amount (move));
      return FALSE;
    }
  value = sl_primitive_get_value (primitive, sl_move_get_amount (move), sl_move_get_unit (move), &unit);

  action->kind = primitive->kind;
  action->axis = sl_vec3 (primitive->axis[0], primitive->axis[1], primitive->axis[2]);
  action->from = primitive->from;
  action->to = primitive->to;

  switch (primitive->kind)
    {
    case SL_PRIMITIVE_TRANSLATE:
    case SL_PRIMITIVE_DOLLY_ZOOM:
      action->distance = unit == SL_UNIT_PERCENT ? value / 100.0 * self->start.focus_distance : value;
      break;
    case SL_PRIMITIVE_ROTATE:
    case SL_PRIMITIVE_ORBIT:
      action->degrees = value;
      break;
    case SL_PRIMITIVE_ZOOM:
      {
        double factor = unit == SL_UNIT_FACTOR ? value : 1.0 + value / 100.0;

        if (!(factor > 0))
          {
            g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                         _("Shot %u: the move “%s” zooms by %g %%, which leaves no focal length"),
                         setup->shot_index + 1, sl_move_get_kind (move), value);
            return FALSE;
          }
        action->log_factor = log (factor);
      }
      break;
    case SL_PRIMITIVE_NOISE:
      action->strength = value / 100.0;
      noise_setup (action, primitive, setup, move_index, primitive_index);
      break;
    case SL_PRIMITIVE_FOCUS:
      action->value = value;
      action->relative = unit == SL_UNIT_PERCENT;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (sl_move_get_target (move, &target.x, &target.y, &target.z))
    action->target = target;
  else
    action->target = focus_point (&self->start);

  if (primitive->kind == SL_PRIMITIVE_DOLLY_ZOOM)
    {
      SlVec3 forward;

      sl_camera_get_axes (&self->start, NULL, NULL, &forward);
      action->subject_depth = sl_vec3_dot (sl_vec3_sub (action->target, self->start.position), forward);
      if (!(action->subject_depth > 0 && action->distance < DOLLY_ZOOM_LIMIT * action->subject_depth))
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                       _("Shot %u: the dolly zoom “%s” would reach its subject"),
                       setup->shot_index + 1, sl_move_get_kind (move));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_move (SlCameraSolver      *self,
          SlMove              *move,
          gint64               shot_duration,
          guint                move_index,
          const SlCameraSetup *setup,
          SlPresetLookupFunc   lookup,
          gpointer             user_data,
          GError             **error)
{
  SlPreset *preset = lookup (sl_move_get_kind (move), user_data);
  const SlPrimitive *primitives;
  guint n_primitives;
  gint64 start, end;
  Timing timing;

  if (preset == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND,
                   _("Shot %u: no camera move is called “%s”"),
                   setup->shot_index + 1, sl_move_get_kind (move));
      return FALSE;
    }

  sl_move_resolve_range (move, shot_duration, &start, &end);
  timing.start = start / (double) SL_SECOND;
  timing.end = end / (double) SL_SECOND;
  timing.easing = sl_move_get_easing (move);
  sl_move_get_bezier (move, &timing.bezier[0], &timing.bezier[1], &timing.bezier[2], &timing.bezier[3]);

  primitives = sl_preset_get_primitives (preset, &n_primitives);
  for (guint i = 0; i < n_primitives; i++)
    {
      Action action = { .timing = timing };

      if (!action_setup (self, &action, &primitives[i], move, setup, move_index, i, error))
        return FALSE;
      g_array_append_val (self->actions, action);
    }
  return TRUE;
}

static void
setup_framing (SlCameraSolver *self,
               SlShot         *shot)
{
  SlShotSize size_end = sl_shot_get_size_end (shot);
  double pitch, roll;

  angle_get_pitch_roll (sl_shot_get_angle (shot), sl_shot_get_dutch_degrees (shot), &pitch, &roll);
  self->framing_orientation = sl_camera_orientation_from_euler (0.0, pitch, roll);
  self->focal_length = SL_CAMERA_DEFAULT_FOCAL_LENGTH;
  /* frame height / distance = sensor height / focal length */
  self->distance[0] = sl_shot_size_get_frame_height (sl_shot_get_size_start (shot))
                      * self->focal_length / self->sensor_height;
  self->distance[1] = size_end == SL_SHOT_SIZE_NONE
                      ? self->distance[0]
                      : sl_shot_size_get_frame_height (size_end) * self->focal_length / self->sensor_height;
  /* The eye-level camera of the shot's start stands at the origin. */
  self->subject = sl_vec3 (0, 0, self->distance[0]);
}

SlCameraSolver *
sl_camera_solver_new_for_shot (SlShot              *shot,
                               const SlCameraSetup *setup,
                               SlPresetLookupFunc   lookup,
                               gpointer             user_data,
                               GError             **error)
{
  g_autoptr(SlCameraSolver) self = NULL;
  g_autoptr(GArray) keys = NULL;
  GListModel *moves;

  g_return_val_if_fail (SL_IS_SHOT (shot), NULL);
  g_return_val_if_fail (setup != NULL && setup->aspect > 0, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SL_TYPE_CAMERA_SOLVER, NULL);
  self->duration = sl_shot_get_duration (shot) / (double) SL_SECOND;
  sl_camera_fit_sensor (setup->aspect, &self->sensor_width, &self->sensor_height);

  keys = read_keyframes (shot);
  if (keys->len > 0)
    path_build (&self->path, keys);
  else
    setup_framing (self, shot);
  base_evaluate (self, 0.0, &self->start);
  self->heading = heading_of (&self->start);

  moves = G_LIST_MODEL (sl_shot_get_moves (shot));
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr(SlMove) move = g_list_model_get_item (moves, i);

      if (!add_move (self, move, sl_shot_get_duration (shot), i, setup, lookup, user_data, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

static SlPreset *
lookup_in_library (const char *id,
                   gpointer    user_data)
{
  return sl_preset_library_lookup (user_data, id);
}

SlCameraSolver *
sl_camera_solver_new (SlProject        *project,
                      guint             shot_index,
                      SlPresetLibrary  *presets,
                      GError          **error)
{
  SlShot *shot;
  SlCameraSetup setup;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (presets == NULL || SL_IS_PRESET_LIBRARY (presets), NULL);

  shot = sl_project_get_shot (project, shot_index);
  g_return_val_if_fail (shot != NULL, NULL);
  if (presets == NULL)
    presets = sl_preset_library_get_default ();
  g_return_val_if_fail (presets != NULL, NULL);

  setup.aspect = sl_project_get_width (project) / (double) sl_project_get_height (project);
  setup.seed = sl_project_get_seed (project);
  setup.shot_index = shot_index;
  return sl_camera_solver_new_for_shot (shot, &setup, lookup_in_library, presets, error);
}

double
sl_camera_solver_get_duration (SlCameraSolver *self)
{
  g_return_val_if_fail (SL_IS_CAMERA_SOLVER (self), 0.0);

  return self->duration;
}

void
sl_camera_solver_get_subject (SlCameraSolver *self,
                              SlVec3         *centre,
                              double         *distance)
{
  g_return_if_fail (SL_IS_CAMERA_SOLVER (self));

  if (centre != NULL)
    *centre = self->path.n > 0 ? focus_point (&self->start) : self->subject;
  if (distance != NULL)
    *distance = self->start.focus_distance;
}

/* What the moves other than orbits and focus pulls add up to at one time:
 * a shift in the base camera's frame, a turn about the camera's own axes
 * and a zoom. They are independent of each other's order but turns, which
 * apply in move order. */
typedef struct {
  SlVec3 shift;
  SlQuat turn;
  double log_zoom;
} Offsets;

static void
apply_noise (const Action *action,
             double        t,
             double        weight,
             Offsets      *offsets)
{
  double metres = action->amplitude[0] * weight, degrees = action->amplitude[1] * weight;
  SlVec3 shake = sl_vec3 (noise_channel (action, 0, t), noise_channel (action, 1, t), noise_channel (action, 2, t));

  offsets->shift = sl_vec3_add_scaled (offsets->shift, shake, metres);
  offsets->turn = sl_quat_mul (offsets->turn,
                               sl_camera_orientation_from_euler (degrees * noise_channel (action, 4, t),
                                                                 degrees * noise_channel (action, 3, t),
                                                                 degrees * noise_channel (action, 5, t)));
}

static void
apply_action (SlCameraSolver *self,
              const Action   *action,
              double          t,
              Offsets        *offsets)
{
  double progress;

  if (action->kind == SL_PRIMITIVE_NOISE)
    {
      double weight = action->strength * noise_envelope (action, t, self->duration);

      if (weight != 0)
        apply_noise (action, t, weight, offsets);
      return;
    }

  progress = action_progress (action, t);
  switch (action->kind)
    {
    case SL_PRIMITIVE_TRANSLATE:
      offsets->shift = sl_vec3_add_scaled (offsets->shift, action->axis, action->distance * progress);
      break;
    case SL_PRIMITIVE_ROTATE:
      offsets->turn = sl_quat_mul (offsets->turn,
                                   sl_quat_from_axis_angle (action->axis, SL_DEG_TO_RAD (action->degrees * progress)));
      break;
    case SL_PRIMITIVE_ZOOM:
      offsets->log_zoom += action->log_factor * progress;
      break;
    case SL_PRIMITIVE_DOLLY_ZOOM:
      {
        /* Moving z closer, the subject's image grows by depth / (depth - z):
         * the focal length shrinks by as much. */
        double z = action->distance * progress;
        double remaining = MAX (action->subject_depth - z, (1.0 - DOLLY_ZOOM_LIMIT) * action->subject_depth);

        offsets->shift.z += z;
        offsets->log_zoom += log (remaining / action->subject_depth);
      }
      break;
    case SL_PRIMITIVE_ORBIT:
    case SL_PRIMITIVE_FOCUS:
    case SL_PRIMITIVE_NOISE:
      break;
    default:
      g_return_if_reached ();
    }
}

/* An orbit turns the whole camera rigidly about its target; the axis is in
 * the start camera's heading frame (y = world up). */
static void
apply_orbit (SlCameraSolver *self,
             const Action   *action,
             double          t,
             SlCamera       *camera)
{
  double radians = SL_DEG_TO_RAD (action->degrees * action_progress (action, t));
  SlVec3 axis = sl_quat_rotate (self->heading, action->axis);
  SlQuat q = sl_quat_from_axis_angle (axis, radians);

  camera->position = sl_vec3_add (action->target,
                                  sl_quat_rotate (q, sl_vec3_sub (camera->position, action->target)));
  camera->orientation = sl_quat_normalize (sl_quat_mul (q, camera->orientation));
}

/* Focus log-linearly from where it is to the primitive's distance. */
static double
apply_focus (const Action *action,
             double        t,
             double        focus)
{
  double goal = action->relative ? focus * (1.0 + action->value / 100.0) : action->value;
  double progress = action_progress (action, t);

  goal = MAX (goal, SL_CAMERA_MIN_FOCUS_DISTANCE);
  return exp ((1.0 - progress) * log (focus) + progress * log (goal));
}

void
sl_camera_solver_evaluate (SlCameraSolver *self,
                           double          seconds,
                           SlCamera       *camera)
{
  Offsets offsets = { .turn = sl_quat_identity () };
  const Action *actions;
  SlCamera base;

  g_return_if_fail (SL_IS_CAMERA_SOLVER (self));
  g_return_if_fail (camera != NULL);

  base_evaluate (self, seconds, &base);
  actions = (const Action *) self->actions->data;
  for (guint i = 0; i < self->actions->len; i++)
    apply_action (self, &actions[i], seconds, &offsets);

  *camera = base;
  camera->position = sl_vec3_add (base.position, sl_quat_rotate (base.orientation, offsets.shift));
  camera->orientation = sl_quat_normalize (sl_quat_mul (base.orientation, offsets.turn));
  camera->focal_length = base.focal_length * exp (offsets.log_zoom);

  /* Applied last first, so that each orbit turns about axes the earlier
   * ones have carried along: "around, then over" rises over the subject
   * from wherever the first has taken the camera. */
  for (guint i = self->actions->len; i > 0; i--)
    {
      if (actions[i - 1].kind == SL_PRIMITIVE_ORBIT)
        apply_orbit (self, &actions[i - 1], seconds, camera);
    }

  /* The focus stays on what the base camera focuses on, wherever the moves
   * take the camera, until a focus pull moves it. */
  camera->focus_distance = MAX (sl_vec3_distance (focus_point (&base), camera->position),
                                SL_CAMERA_MIN_FOCUS_DISTANCE);
  for (guint i = 0; i < self->actions->len; i++)
    {
      if (actions[i].kind == SL_PRIMITIVE_FOCUS)
        camera->focus_distance = apply_focus (&actions[i], seconds, camera->focus_distance);
    }
}

void
sl_camera_solver_evaluate_time (SlCameraSolver *self,
                                gint64          time,
                                SlCamera       *camera)
{
  sl_camera_solver_evaluate (self, time / (double) SL_SECOND, camera);
}

void
sl_camera_solver_sample_shutter (SlCameraSolver *self,
                                 gint64          frame_start,
                                 gint64          frame_duration,
                                 double          shutter,
                                 guint           n_samples,
                                 SlCamera       *cameras)
{
  double start = frame_start / (double) SL_SECOND;
  double open = frame_duration / (double) SL_SECOND * shutter;

  g_return_if_fail (SL_IS_CAMERA_SOLVER (self));
  g_return_if_fail (n_samples == 0 || cameras != NULL);

  for (guint k = 0; k < n_samples; k++)
    sl_camera_solver_evaluate (self, start + open * (k + 0.5) / n_samples, &cameras[k]);
}
