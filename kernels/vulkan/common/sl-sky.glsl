/* sl-sky.glsl: common/sl-sky.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef SL_SKY_GLSL
#define SL_SKY_GLSL

#include "sl-noise.glsl"
#include "sl-ops.glsl"

/* SlSkySetup, filled on the host by sl_sky_setup(). */
struct SlSkySetup
{
  float inv_pixel_angle;
  float inv_star_radius2;
  float cloud_amount;
  float band_fade;
  float band_inv_width;
  uint  star_seed;
};

precise float
sl_sky_star (SlSkyParams p, SlSkySetup s, float dx, float dy, float dz)
{
  precise float ax = abs (dx), ay = abs (dy), az = abs (dz);
  precise float major_yz = ay >= az ? dy : dz;
  bool x_major = ax >= abs (major_yz);
  precise float major = x_major ? dx : major_yz;
  precise float du = x_major ? dy : dx;
  precise float dv = x_major ? dz : (ay >= az ? dz : dy);
  precise float inv = 1.0 / sl_maxf (abs (major), 1e-30), sign = major < 0.0 ? -1.0 : 1.0;
  precise float fu = du * inv, fv = dv * inv;
  int cu = sl_floor_to_int ((fu + 1.0) * (0.5 * SL_SKY_STAR_CELLS), 0, SL_SKY_STAR_CELLS - 1);
  int cv = sl_floor_to_int ((fv + 1.0) * (0.5 * SL_SKY_STAR_CELLS), 0, SL_SKY_STAR_CELLS - 1);
  uint axis = x_major ? 0u : ay >= az ? 2u : 4u;
  uint face = axis + (floatBitsToUint (major) >> 31);
  uint h = sl_hash32 (((face * uint (SL_SKY_STAR_CELLS) + uint (cu)) * uint (SL_SKY_STAR_CELLS) + uint (cv))
                      ^ s.star_seed);
  uint hu, hv, hb;
  precise float cell_solid_angle, su, sv, len, ex, ey, ez, r, brightness;

  cell_solid_angle = 1.0 / (1.0 + fu * fu + fv * fv);
  cell_solid_angle *= sqrt (cell_solid_angle);
  if (sl_hash_to_unit (h) >= p.star_amount * cell_solid_angle)
    return 0.0;
  hu = sl_hash32 (h);
  hv = sl_hash32 (hu);
  hb = sl_hash32 (hv);

  su = (float (cu) + 0.3 + 0.4 * sl_hash_to_unit (hu)) * (2.0 / SL_SKY_STAR_CELLS) - 1.0;
  sv = (float (cv) + 0.3 + 0.4 * sl_hash_to_unit (hv)) * (2.0 / SL_SKY_STAR_CELLS) - 1.0;
  len = 1.0 / sqrt (1.0 + su * su + sv * sv);
  ex = dx - len * (x_major ? sign : su);
  ey = dy - len * (x_major ? su : ay >= az ? sign : sv);
  ez = dz - len * (x_major ? sv : ay >= az ? sv : sign);
  r = sl_maxf (0.0, 1.0 - (ex * ex + ey * ey + ez * ez) * s.inv_star_radius2);

  brightness = sl_hash_to_unit (hb);
  brightness = 0.05 + 2.0 * brightness * brightness * brightness * brightness;
  return brightness * r * r;
}

/* The sky colour of the pixel whose centre is (PX, PY). */
precise vec3
sl_sky_shade (SlSkyParams p, SlSkySetup s, float px, float py, bool stars, bool clouds)
{
  precise float dx, dy, dz, inv, e, t, c, a, disc, glow, c8, c64, light, density = 0.0, star = 0.0;
  precise vec3 result;

  dx = p.ray_matrix[0] * px + p.ray_matrix[1] * py + p.ray_matrix[2];
  dy = p.ray_matrix[3] * px + p.ray_matrix[4] * py + p.ray_matrix[5];
  dz = p.ray_matrix[6] * px + p.ray_matrix[7] * py + p.ray_matrix[8];
  inv = 1.0 / sqrt (sl_maxf (dx * dx + dy * dy + dz * dz, 1e-30));
  dx *= inv;
  dy *= inv;
  dz *= inv;
  e = dy;

  c = dx * p.sun_dir[0] + dy * p.sun_dir[1] + dz * p.sun_dir[2];
  a = sqrt (sl_maxf (2.0 - 2.0 * c, 0.0));
  disc = sl_clampf ((p.sun_radius - a) * s.inv_pixel_angle + 0.5, 0.0, 1.0);
  c = sl_maxf (c, 0.0);
  c8 = c * c;
  c8 *= c8;
  c8 *= c8;
  c64 = c8 * c8;
  c64 *= c64;
  c64 *= c64;
  glow = p.sun_glow * (0.02 * c8 + 0.1 * c64);

  if (clouds && e > 0.0 && e < p.cloud_top)
    {
      /* 1.0f / 0.02f and 1.0f / 0.3f, as C folds them */
      precise float band = sl_smoothstep (0.0, 50.0, e) * (1.0 - sl_smoothstep (s.band_fade, s.band_inv_width, e));
      precise float n = sl_fbm3 (dx * p.cloud_scale, dy * p.cloud_scale, dz * p.cloud_scale, p.seed ^ 0x5bd1e995u);

      density = sl_smoothstep (0.45, 3.33333325, n) * band * s.cloud_amount;
    }
  if (stars && e > 0.0)
    star = sl_sky_star (p, s, dx, dy, dz) * sl_smoothstep (0.0, 10.0, e) * (1.0 - density);

  t = sqrt (sl_maxf (e, 0.0));
  light = disc + glow;
  for (int i = 0; i < 3; i++)
    {
      precise float v = sl_mixf (p.horizon[i], p.zenith[i], t) + p.sun_color[i] * light + star;

      result[i] = sl_clampf (sl_mixf (v, p.cloud_color[i], density), 0.0, 65504.0);
    }
  return result;
}

#endif
