/* sl-math.glsl: common/sl-math.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The functions of the C header, line by line, so that a pixel gets the same
 * bits here as on the CPU. Every float result is `precise` (SPIR-V
 * NoContraction): the C reference never fuses a multiply with an add, so the
 * driver must not either. Constants that C folds at compile time (1.0f / 0.3f)
 * are written out as the float it folds them to, because glslang folds in
 * double precision.
 */
#ifndef SL_MATH_GLSL
#define SL_MATH_GLSL

#define SL_MAX_DIMENSION 16384
#define SL_MAX_LEVELS    16
#define SL_MAX_LINEAR    65504.0

/* Every op's workgroup: 16 x 16 pixels (sl-vulkan-private.h agrees). */
#define SL_GROUP_SIZE 16

/* NaN maps to the lower bound, as in C: GLSL's clamp() leaves NaN undefined. */
precise float
sl_clampf (float x, float lo, float hi)
{
  precise float y = x > lo ? x : lo;

  return y < hi ? y : hi;
}

precise float
sl_maxf (float a, float b)
{
  return a > b ? a : b;
}

precise float
sl_minf (float a, float b)
{
  return a < b ? a : b;
}

int
sl_clampi (int x, int lo, int hi)
{
  int y = x > lo ? x : lo;

  return y < hi ? y : hi;
}

precise float
sl_mixf (float a, float b, float t)
{
  return a + (b - a) * t;
}

precise float
sl_smoothstep (float edge0, float inv_width, float x)
{
  precise float t = sl_clampf ((x - edge0) * inv_width, 0.0, 1.0);

  return t * t * (3.0 - 2.0 * t);
}

int
sl_floor_to_int (float x, int lo, int hi)
{
  precise float c = sl_clampf (x, float (lo), float (hi));
  int i = int (c);

  return i - (float (i) > c ? 1 : 0);
}

/* log2 (x) after Cephes' logf (see sl-math.h). */
precise float
sl_log2_fast (float x)
{
  uint bits = floatBitsToUint (sl_maxf (x, 1.17549435e-38));
  precise float e = float (int (bits >> 23) - 127);
  precise float m = uintBitsToFloat ((bits & 0x007fffffu) | 0x3f800000u);
  precise float z, y;

  e = m > 1.41421356 ? e + 1.0 : e;
  m = m > 1.41421356 ? m * 0.5 : m;
  m -= 1.0;
  z = m * m;
  y = 7.0376836292e-2;
  y = y * m - 1.1514610310e-1;
  y = y * m + 1.1676998740e-1;
  y = y * m - 1.2420140846e-1;
  y = y * m + 1.4249322787e-1;
  y = y * m - 1.6668057665e-1;
  y = y * m + 2.0000714765e-1;
  y = y * m - 2.4999993993e-1;
  y = y * m + 3.3333331174e-1;
  y = y * m * z - 0.5 * z;
  return e + (m + y) * 1.44269504088896341;
}

/* 2^x after Cephes' expf (see sl-math.h). */
precise float
sl_exp2_fast (float x_in)
{
  precise float x = sl_clampf (x_in, -126.0, 127.0);
  int n = sl_floor_to_int (x + 0.5, -126, 128);
  precise float f = (x - float (n)) * 0.693147180559945;
  precise float z = f * f;
  precise float y = 1.9875691500e-4;

  y = y * f + 1.3981999507e-3;
  y = y * f + 8.3334519073e-3;
  y = y * f + 4.1665795894e-2;
  y = y * f + 1.6666665459e-1;
  y = y * f + 5.0000001201e-1;
  y = y * z + f + 1.0;
  return y * uintBitsToFloat (uint (n + 127) << 23);
}

precise float
sl_pow_fast (float x, float y)
{
  return x > 0.0 ? sl_exp2_fast (y * sl_log2_fast (x)) : 0.0;
}

#endif
