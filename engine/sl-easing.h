/* sl-easing.h: how a move's progress speeds up and slows down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* The named easings are the CSS ones, so that a move switched to a custom
 * curve starts from exactly what the user saw:
 *   ease-in      cubic-bezier(0.42, 0, 1, 1)
 *   ease-out     cubic-bezier(0, 0, 0.58, 1)
 *   ease-in-out  cubic-bezier(0.42, 0, 0.58, 1)
 * @bezier (x1, y1, x2, y2) is read only for SL_EASING_CUBIC_BEZIER and may
 * be NULL otherwise. @t is clamped to [0, 1]; the result is exactly 0 at 0
 * and exactly 1 at 1, and may leave [0, 1] in between when y1 or y2 does. */
double sl_easing_evaluate   (SlEasing      easing,
                             const double *bezier,
                             double        t);

/* The CSS cubic-bezier(x1, y1, x2, y2) timing function at @x in [0, 1]:
 * the curve parameter is found by Newton's method, falling back to
 * bisection, to full double precision. x1 and x2 are clamped to [0, 1] (so
 * that the curve is a function of x, as CSS requires). */
double sl_cubic_bezier      (double x1,
                             double y1,
                             double x2,
                             double y2,
                             double x);

G_END_DECLS
