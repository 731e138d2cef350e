/* sl-sky.h: one pixel of the procedural sky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-noise.h"
#include "../sl-ops.h"

/* Per-op constants, computed once by sl_sky_setup(). */
typedef struct {
  float    inv_pixel_angle;    /* pixels per radian */
  float    inv_star_radius2;   /* 1 / star radius^2, radians */
  float    cloud_amount;       /* clamped to [0, 1] */
  float    band_fade;          /* clouds fade out from here up to cloud_top */
  float    band_inv_width;
  uint32_t star_seed;
} SlSkySetup;

static inline SL_KERNEL_FN void
sl_sky_setup (const SlSkyParams *p, SlSkySetup *s)
{
  const float *m = p->ray_matrix;
  float pixel_angle = sqrtf (m[0] * m[0] + m[3] * m[3] + m[6] * m[6]);
  float star_radius = sl_minf (1.5f * pixel_angle, SL_SKY_MAX_STAR_RADIUS);

  s->inv_pixel_angle = 1.0f / sl_maxf (pixel_angle, 1e-9f);
  s->inv_star_radius2 = 1.0f / sl_maxf (star_radius * star_radius, 1e-18f);
  s->cloud_amount = sl_clampf (p->cloud_amount, 0.0f, 1.0f);
  s->band_fade = 0.6f * p->cloud_top;
  s->band_inv_width = sl_smoothstep_inv_width (0.4f * p->cloud_top);
  s->star_seed = sl_hash32 (p->seed);
}

/* The star of the cube-map cell that the unit direction (DX, DY, DZ) falls
 * in, if the cell has one: its brightness times the falloff of the angle to
 * it. */
static inline SL_FORCE_INLINE SL_KERNEL_FN float
sl_sky_star (const SlSkyParams *p, const SlSkySetup *s, float dx, float dy, float dz)
{
  /* The face: y over z when |y| >= |z|, then x over that when |x| is larger
   * still; u and v are the two other axes in a fixed order (x, y, z). Each
   * select tests a single comparison (sl_select() where two would combine),
   * which is what GCC's vectoriser can handle. */
  float ax = fabsf (dx), ay = fabsf (dy), az = fabsf (dz);
  float major_yz = ay >= az ? dy : dz;
  float major = ax >= fabsf (major_yz) ? dx : major_yz;
  float du = ax >= fabsf (major_yz) ? dy : dx;
  float dv = sl_select (ax >= fabsf (major_yz), dz, ay >= az ? dz : dy);
  float inv = 1.0f / sl_maxf (fabsf (major), 1e-30f), sign = major < 0.0f ? -1.0f : 1.0f;
  float fu = du * inv, fv = dv * inv;
  int32_t cu = sl_floor_to_int ((fu + 1.0f) * (0.5f * SL_SKY_STAR_CELLS), 0, SL_SKY_STAR_CELLS - 1);
  int32_t cv = sl_floor_to_int ((fv + 1.0f) * (0.5f * SL_SKY_STAR_CELLS), 0, SL_SKY_STAR_CELLS - 1);
  /* As a float select: integer selects on these conditions defeat GCC's
   * vectoriser. */
  float axis = ax >= fabsf (major_yz) ? 0.0f : ay >= az ? 2.0f : 4.0f;
  uint32_t face = (uint32_t) (int32_t) axis + (sl_float_bits (major) >> 31);
  uint32_t h = sl_hash32 (((face * SL_SKY_STAR_CELLS + (uint32_t) cu) * SL_SKY_STAR_CELLS + (uint32_t) cv)
                          ^ s->star_seed);
  uint32_t hu, hv, hb;
  float cell_solid_angle, su, sv, len, ex, ey, ez, r, brightness;

  /* Cells near a cube corner cover less of the sphere: fewer stars there, so
   * the density is the same in every direction. */
  cell_solid_angle = 1.0f / (1.0f + fu * fu + fv * fv);
  cell_solid_angle *= sqrtf (cell_solid_angle);
  if (sl_hash_to_unit (h) >= p->star_amount * cell_solid_angle)
    return 0.0f;
  hu = sl_hash32 (h);
  hv = sl_hash32 (hu);
  hb = sl_hash32 (hv);

  /* The star, in face coordinates, then as a unit direction. */
  su = ((float) cu + 0.3f + 0.4f * sl_hash_to_unit (hu)) * (2.0f / SL_SKY_STAR_CELLS) - 1.0f;
  sv = ((float) cv + 0.3f + 0.4f * sl_hash_to_unit (hv)) * (2.0f / SL_SKY_STAR_CELLS) - 1.0f;
  len = 1.0f / sqrtf (1.0f + su * su + sv * sv);
  ex = dx - len * (ax >= fabsf (major_yz) ? sign : su);
  ey = dy - len * (ax >= fabsf (major_yz) ? su : ay >= az ? sign : sv);
  ez = dz - len * sl_select (ax >= fabsf (major_yz), sv, ay >= az ? sv : sign);
  r = sl_maxf (0.0f, 1.0f - (ex * ex + ey * ey + ez * ez) * s->inv_star_radius2);

  /* Most stars faint, a few bright. */
  brightness = sl_hash_to_unit (hb);
  brightness = 0.05f + 2.0f * brightness * brightness * brightness * brightness;
  return brightness * r * r;
}

/* The sky colour of the pixel whose centre is (PX, PY). STARS and CLOUDS say
 * whether to draw those (star_amount > 0, cloud_amount > 0): the same for
 * every pixel of an op, so a CPU caller passes constants. Without them
 * nothing here branches on the pixel and the CPU's row loop vectorises; with
 * them, pixels outside the stars' and clouds' reach skip their cost. */
static inline SL_FORCE_INLINE SL_KERNEL_FN void
sl_sky_shade (const SlSkyParams *p, const SlSkySetup *s, float px, float py,
              int32_t stars, int32_t clouds, float out[3])
{
  const float *m = p->ray_matrix;
  float dx, dy, dz, inv, e, t, c, a, disc, glow, c8, c64, light, density = 0.0f, star = 0.0f;

  dx = m[0] * px + m[1] * py + m[2];
  dy = m[3] * px + m[4] * py + m[5];
  dz = m[6] * px + m[7] * py + m[8];
  inv = 1.0f / sqrtf (sl_maxf (dx * dx + dy * dy + dz * dz, 1e-30f));
  dx *= inv;
  dy *= inv;
  dz *= inv;
  e = dy;

  c = dx * p->sun_dir[0] + dy * p->sun_dir[1] + dz * p->sun_dir[2];
  a = sqrtf (sl_maxf (2.0f - 2.0f * c, 0.0f));
  disc = sl_clampf ((p->sun_radius - a) * s->inv_pixel_angle + 0.5f, 0.0f, 1.0f);
  c = sl_maxf (c, 0.0f);
  c8 = c * c;
  c8 *= c8;
  c8 *= c8;
  c64 = c8 * c8;
  c64 *= c64;
  c64 *= c64;
  glow = p->sun_glow * (0.02f * c8 + 0.1f * c64);

  if (clouds && e > 0.0f && e < p->cloud_top)
    {
      float band = sl_smoothstep (0.0f, 1.0f / 0.02f, e)
                 * (1.0f - sl_smoothstep (s->band_fade, s->band_inv_width, e));
      float n = sl_fbm3 (dx * p->cloud_scale, dy * p->cloud_scale, dz * p->cloud_scale,
                         p->seed ^ 0x5bd1e995u);

      density = sl_smoothstep (0.45f, 1.0f / 0.3f, n) * band * s->cloud_amount;
    }
  if (stars && e > 0.0f)
    star = sl_sky_star (p, s, dx, dy, dz) * sl_smoothstep (0.0f, 1.0f / 0.1f, e) * (1.0f - density);

  t = sqrtf (sl_maxf (e, 0.0f));
  light = disc + glow;
  out[0] = sl_mixf (p->horizon[0], p->zenith[0], t) + p->sun_color[0] * light + star;
  out[1] = sl_mixf (p->horizon[1], p->zenith[1], t) + p->sun_color[1] * light + star;
  out[2] = sl_mixf (p->horizon[2], p->zenith[2], t) + p->sun_color[2] * light + star;
  out[0] = sl_clampf (sl_mixf (out[0], p->cloud_color[0], density), 0.0f, 65504.0f);
  out[1] = sl_clampf (sl_mixf (out[1], p->cloud_color[1], density), 0.0f, 65504.0f);
  out[2] = sl_clampf (sl_mixf (out[2], p->cloud_color[2], density), 0.0f, 65504.0f);
}
