/* sl-easing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-easing"

#include "config.h"

#include <math.h>

#include "sl-easing.h"

/* One coordinate of a cubic Bézier from (0, 0) to (1, 1), as the
 * polynomial ((a s + b) s + c) s. */
typedef struct {
  double a, b, c;
} Cubic;

static Cubic
cubic_new (double p1, double p2)
{
  double c = 3.0 * p1;
  double b = 3.0 * (p2 - p1) - c;

  return (Cubic) { 1.0 - c - b, b, c };
}

static double
cubic_value (Cubic k, double s)
{
  return ((k.a * s + k.b) * s + k.c) * s;
}

static double
cubic_slope (Cubic k, double s)
{
  return (3.0 * k.a * s + 2.0 * k.b) * s + k.c;
}

/* x(s) is monotone on [0, 1] when x1, x2 are in [0, 1], so there is exactly
 * one s for each x. Newton converges in a handful of steps almost
 * everywhere; where the slope vanishes (x1 = 0 or x2 = 1 at the ends) it
 * can stall, and bisection finishes the job. */
static double
solve_parameter (Cubic kx, double x)
{
  double lo = 0.0, hi = 1.0, s = x;

  for (guint i = 0; i < 8; i++)
    {
      double error = cubic_value (kx, s) - x;
      double slope = cubic_slope (kx, s);

      if (fabs (error) < 1e-15)
        return s;
      if (fabs (slope) < 1e-12)
        break;
      s -= error / slope;
      if (s < 0.0 || s > 1.0)
        break;
    }

  /* 64 halvings of [0, 1] reach below the spacing of doubles. */
  for (guint i = 0; i < 64; i++)
    {
      double value;

      s = (lo + hi) / 2.0;
      if (s == lo || s == hi)
        break;
      value = cubic_value (kx, s);
      if (value == x)
        break;
      if (value < x)
        lo = s;
      else
        hi = s;
    }
  return s;
}

double
sl_cubic_bezier (double x1,
                 double y1,
                 double x2,
                 double y2,
                 double x)
{
  Cubic kx = cubic_new (CLAMP (x1, 0.0, 1.0), CLAMP (x2, 0.0, 1.0));

  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  return cubic_value (cubic_new (y1, y2), solve_parameter (kx, x));
}

double
sl_easing_evaluate (SlEasing      easing,
                    const double *bezier,
                    double        t)
{
  switch (easing)
    {
    case SL_EASING_LINEAR:
      return CLAMP (t, 0.0, 1.0);
    case SL_EASING_EASE_IN:
      return sl_cubic_bezier (0.42, 0.0, 1.0, 1.0, t);
    case SL_EASING_EASE_OUT:
      return sl_cubic_bezier (0.0, 0.0, 0.58, 1.0, t);
    case SL_EASING_EASE_IN_OUT:
      return sl_cubic_bezier (0.42, 0.0, 0.58, 1.0, t);
    case SL_EASING_CUBIC_BEZIER:
      g_return_val_if_fail (bezier != NULL, CLAMP (t, 0.0, 1.0));
      return sl_cubic_bezier (bezier[0], bezier[1], bezier[2], bezier[3], t);
    default:
      g_return_val_if_reached (CLAMP (t, 0.0, 1.0));
    }
}
