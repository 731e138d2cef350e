/* sl-noise.glsl: common/sl-noise.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef SL_NOISE_GLSL
#define SL_NOISE_GLSL

#include "sl-math.glsl"

uint
sl_hash32 (uint x)
{
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

uint
sl_hash2 (uint a, uint b)
{
  return sl_hash32 (a ^ sl_hash32 (b + 0x9e3779b9u));
}

uint
sl_hash3 (uint a, uint b, uint c)
{
  return sl_hash32 (a ^ sl_hash2 (b, c));
}

precise float
sl_hash_to_unit (uint h)
{
  return float (int (h >> 8)) * (1.0 / 16777216.0);
}

precise float
sl_value_noise3 (float x, float y, float z, uint seed)
{
  int ix = sl_floor_to_int (x, -(1 << 20), 1 << 20);
  int iy = sl_floor_to_int (y, -(1 << 20), 1 << 20);
  int iz = sl_floor_to_int (z, -(1 << 20), 1 << 20);
  precise float fx = x - float (ix), fy = y - float (iy), fz = z - float (iz);
  uint x0 = uint (ix) * 0x8da6b343u, x1 = x0 + 0x8da6b343u;
  uint y0 = uint (iy) * 0xd8163841u, y1 = y0 + 0xd8163841u;
  uint z0 = (uint (iz) * 0xcb1ab31fu) ^ seed, z1 = ((uint (iz) + 1u) * 0xcb1ab31fu) ^ seed;
  precise float c00, c01, c10, c11;

  fx = fx * fx * (3.0 - 2.0 * fx);
  fy = fy * fy * (3.0 - 2.0 * fy);
  fz = fz * fz * (3.0 - 2.0 * fz);
  c00 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y0 ^ z0)), sl_hash_to_unit (sl_hash32 (x1 ^ y0 ^ z0)), fx);
  c01 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y1 ^ z0)), sl_hash_to_unit (sl_hash32 (x1 ^ y1 ^ z0)), fx);
  c10 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y0 ^ z1)), sl_hash_to_unit (sl_hash32 (x1 ^ y0 ^ z1)), fx);
  c11 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y1 ^ z1)), sl_hash_to_unit (sl_hash32 (x1 ^ y1 ^ z1)), fx);
  return sl_mixf (sl_mixf (c00, c01, fy), sl_mixf (c10, c11, fy), fz);
}

precise float
sl_fbm3 (float x_in, float y_in, float z_in, uint seed)
{
  precise float x = x_in, y = y_in, z = z_in;
  precise float sum = 0.5 * sl_value_noise3 (x, y, z, seed);

  x = x * 2.0 + 17.0;
  y = y * 2.0 + 31.0;
  z = z * 2.0 + 47.0;
  sum += 0.25 * sl_value_noise3 (x, y, z, seed + 1u);
  x = x * 2.0 + 17.0;
  y = y * 2.0 + 31.0;
  z = z * 2.0 + 47.0;
  sum += 0.125 * sl_value_noise3 (x, y, z, seed + 2u);
  x = x * 2.0 + 17.0;
  y = y * 2.0 + 31.0;
  z = z * 2.0 + 47.0;
  sum += 0.0625 * sl_value_noise3 (x, y, z, seed + 3u);
  /* 1.0f / 0.9375f, as C folds it */
  return sum * 1.06666672;
}

#endif
