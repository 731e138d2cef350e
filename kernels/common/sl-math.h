/* sl-math.h: scalar helpers and fast exp2/log2 for the kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clamps are written so that NaN maps to the lower bound: a kernel never turns
 * a degenerate value into a NaN pixel or an out-of-range index. Float-to-int
 * conversions go through sl_floor_to_int(), which clamps first (converting an
 * out-of-range float is undefined behaviour in C).
 */
#pragma once

#include <math.h>

#include "sl-kernel-fn.h"

static inline SL_KERNEL_FN float
sl_clampf (float x, float lo, float hi)
{
  x = x > lo ? x : lo;
  return x < hi ? x : hi;
}

static inline SL_KERNEL_FN float
sl_maxf (float a, float b)
{
  return a > b ? a : b;
}

static inline SL_KERNEL_FN float
sl_minf (float a, float b)
{
  return a < b ? a : b;
}

static inline SL_KERNEL_FN int32_t
sl_clampi (int32_t x, int32_t lo, int32_t hi)
{
  x = x > lo ? x : lo;
  return x < hi ? x : hi;
}

static inline SL_KERNEL_FN float
sl_mixf (float a, float b, float t)
{
  return a + (b - a) * t;
}

/* smoothstep from EDGE0 over a width whose reciprocal is INV_WIDTH: callers
 * pass a constant or a per-op reciprocal, so no pixel pays for a division. */
static inline SL_KERNEL_FN float
sl_smoothstep (float edge0, float inv_width, float x)
{
  float t = sl_clampf ((x - edge0) * inv_width, 0.0f, 1.0f);

  return t * t * (3.0f - 2.0f * t);
}

/* 1 / WIDTH for sl_smoothstep(), a step for widths of zero or less. */
static inline SL_KERNEL_FN float
sl_smoothstep_inv_width (float width)
{
  return width > 1e-30f ? 1.0f / width : 1e30f;
}

/* floor (x) for x clamped into [lo, hi], |lo|, |hi| < 2^24; NaN gives lo.
 * Truncation, stepped down where it rounded a negative value up: exact, and
 * without a call to floorf, which baseline x86-64 does not inline. */
static inline SL_KERNEL_FN int32_t
sl_floor_to_int (float x, int32_t lo, int32_t hi)
{
  int32_t i;

  x = sl_clampf (x, (float) lo, (float) hi);
  i = (int32_t) x;
  return i - ((float) i > x ? 1 : 0);
}

static inline SL_KERNEL_FN uint32_t
sl_float_bits (float x)
{
  uint32_t bits;

  memcpy (&bits, &x, sizeof bits);
  return bits;
}

static inline SL_KERNEL_FN float
sl_bits_float (uint32_t bits)
{
  float x;

  memcpy (&x, &bits, sizeof x);
  return x;
}

/* COND ? A : B through bit masks: a store of it is never turned into a
 * conditional store, which would keep a row loop from being vectorised. */
static inline SL_KERNEL_FN float
sl_select (int32_t cond, float a, float b)
{
  uint32_t mask = 0u - (uint32_t) (cond != 0);

  return sl_bits_float ((sl_float_bits (a) & mask) | (sl_float_bits (b) & ~mask));
}

/* log2 (x) for x > 0 (smaller x is taken as the smallest normal float), after
 * Cephes' logf: the mantissa is reduced to [sqrt(1/2), sqrt(2)) and the
 * logarithm of 1 + m comes from a degree-9 polynomial. Absolute error below
 * 2e-7; exact for powers of two. */
static inline SL_KERNEL_FN float
sl_log2_fast (float x)
{
  uint32_t bits = sl_float_bits (sl_maxf (x, 1.17549435e-38f));
  float e = (float) ((int32_t) (bits >> 23) - 127);
  float m = sl_bits_float ((bits & 0x007fffffu) | 0x3f800000u);  /* [1, 2) */
  float z, y;

  e = m > 1.41421356f ? e + 1.0f : e;
  m = m > 1.41421356f ? m * 0.5f : m;
  m -= 1.0f;
  z = m * m;
  y = 7.0376836292e-2f;
  y = y * m - 1.1514610310e-1f;
  y = y * m + 1.1676998740e-1f;
  y = y * m - 1.2420140846e-1f;
  y = y * m + 1.4249322787e-1f;
  y = y * m - 1.6668057665e-1f;
  y = y * m + 2.0000714765e-1f;
  y = y * m - 2.4999993993e-1f;
  y = y * m + 3.3333331174e-1f;
  y = y * m * z - 0.5f * z;
  return e + (m + y) * 1.44269504088896341f;
}

/* 2^x after Cephes' expf: x = n + f with |f| <= 1/2, e^(f ln 2) from a degree-5
 * polynomial, 2^n from the exponent bits. Relative error below 2e-7; x is
 * clamped to [-126, 127], so the result is always a normal float. */
static inline SL_KERNEL_FN float
sl_exp2_fast (float x)
{
  int32_t n;
  float f, z, y;

  x = sl_clampf (x, -126.0f, 127.0f);
  n = sl_floor_to_int (x + 0.5f, -126, 128);
  f = (x - (float) n) * 0.693147180559945f;
  z = f * f;
  y = 1.9875691500e-4f;
  y = y * f + 1.3981999507e-3f;
  y = y * f + 8.3334519073e-3f;
  y = y * f + 4.1665795894e-2f;
  y = y * f + 1.6666665459e-1f;
  y = y * f + 5.0000001201e-1f;
  y = y * z + f + 1.0f;
  return y * sl_bits_float ((uint32_t) (n + 127) << 23);
}

/* x^y for x > 0 (0 and below give 0). */
static inline SL_KERNEL_FN float
sl_pow_fast (float x, float y)
{
  return x > 0.0f ? sl_exp2_fast (y * sl_log2_fast (x)) : 0.0f;
}
