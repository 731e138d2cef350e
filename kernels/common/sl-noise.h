/* sl-noise.h: integer hashes, and value noise built on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All randomness in the kernels is a pure function of integers (pixel
 * position, seed, frame, lattice point), so every backend and every thread
 * count draws the same numbers.
 */
#pragma once

#include "sl-math.h"

/* A 32-bit integer hash with good avalanche ("lowbias32", C. Wellons). */
static inline SL_KERNEL_FN uint32_t
sl_hash32 (uint32_t x)
{
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

static inline SL_KERNEL_FN uint32_t
sl_hash2 (uint32_t a, uint32_t b)
{
  return sl_hash32 (a ^ sl_hash32 (b + 0x9e3779b9u));
}

static inline SL_KERNEL_FN uint32_t
sl_hash3 (uint32_t a, uint32_t b, uint32_t c)
{
  return sl_hash32 (a ^ sl_hash2 (b, c));
}

static inline SL_KERNEL_FN uint32_t
sl_hash4 (uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
  return sl_hash32 (a ^ sl_hash3 (b, c, d));
}

/* The top 24 bits of H as a float in [0, 1). */
static inline SL_KERNEL_FN float
sl_hash_to_unit (uint32_t h)
{
  return (float) (int32_t) (h >> 8) * (1.0f / 16777216.0f);
}

/* Value noise in [0, 1) at (X, Y, Z): hashed values on the integer lattice,
 * blended with the smoothstep fade. Each lattice point costs one hash of its
 * coordinates, each multiplied by its own odd constant. |coordinates| must
 * stay below 2^20. Unrolled by hand, so that a CPU row loop can vectorise. */
static inline SL_FORCE_INLINE SL_KERNEL_FN float
sl_value_noise3 (float x, float y, float z, uint32_t seed)
{
  int32_t ix = sl_floor_to_int (x, -(1 << 20), 1 << 20);
  int32_t iy = sl_floor_to_int (y, -(1 << 20), 1 << 20);
  int32_t iz = sl_floor_to_int (z, -(1 << 20), 1 << 20);
  float fx = x - (float) ix, fy = y - (float) iy, fz = z - (float) iz;
  uint32_t x0 = (uint32_t) ix * 0x8da6b343u, x1 = x0 + 0x8da6b343u;
  uint32_t y0 = (uint32_t) iy * 0xd8163841u, y1 = y0 + 0xd8163841u;
  uint32_t z0 = ((uint32_t) iz * 0xcb1ab31fu) ^ seed, z1 = (((uint32_t) iz + 1u) * 0xcb1ab31fu) ^ seed;
  float c00, c01, c10, c11;

  fx = fx * fx * (3.0f - 2.0f * fx);
  fy = fy * fy * (3.0f - 2.0f * fy);
  fz = fz * fz * (3.0f - 2.0f * fz);
  c00 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y0 ^ z0)), sl_hash_to_unit (sl_hash32 (x1 ^ y0 ^ z0)), fx);
  c01 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y1 ^ z0)), sl_hash_to_unit (sl_hash32 (x1 ^ y1 ^ z0)), fx);
  c10 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y0 ^ z1)), sl_hash_to_unit (sl_hash32 (x1 ^ y0 ^ z1)), fx);
  c11 = sl_mixf (sl_hash_to_unit (sl_hash32 (x0 ^ y1 ^ z1)), sl_hash_to_unit (sl_hash32 (x1 ^ y1 ^ z1)), fx);
  return sl_mixf (sl_mixf (c00, c01, fy), sl_mixf (c10, c11, fy), fz);
}

/* Four octaves of value noise (lacunarity 2, gain 1/2), normalised to [0, 1). */
static inline SL_FORCE_INLINE SL_KERNEL_FN float
sl_fbm3 (float x, float y, float z, uint32_t seed)
{
  float sum = 0.5f * sl_value_noise3 (x, y, z, seed);

  x = x * 2.0f + 17.0f;
  y = y * 2.0f + 31.0f;
  z = z * 2.0f + 47.0f;
  sum += 0.25f * sl_value_noise3 (x, y, z, seed + 1u);
  x = x * 2.0f + 17.0f;
  y = y * 2.0f + 31.0f;
  z = z * 2.0f + 47.0f;
  sum += 0.125f * sl_value_noise3 (x, y, z, seed + 2u);
  x = x * 2.0f + 17.0f;
  y = y * 2.0f + 31.0f;
  z = z * 2.0f + 47.0f;
  sum += 0.0625f * sl_value_noise3 (x, y, z, seed + 3u);
  return sum * (1.0f / 0.9375f);
}
