/* sl-card.h: one pixel of a projectively mapped, textured card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-sample.h"

/* Coverage across one border: 0.5 plus the distance to it in pixels, from D,
 * the distance in texels, and G, the square of the texels per pixel across
 * it; 1 for pixels more than half a pixel inside. Both are computed and one
 * is selected, one comparison per select, so that a CPU row loop over it
 * vectorises. */
static inline SL_KERNEL_FN float
sl_card_edge (float d, float g)
{
  float ramp = sl_clampf (0.5f + d / sqrtf (sl_maxf (g, 1e-30f)), 0.0f, 1.0f);
  float inside = d * d >= 0.25f * g ? 1.0f : ramp;

  return d > 0.0f ? inside : ramp;
}

/* Edge coverage times OPACITY (already clamped to [0, 1]) at texel (U, V) of
 * a W x H card whose squared texels per pixel across the u and v borders are
 * GU and GV. */
static inline SL_KERNEL_FN float
sl_card_cover (float u, float v, float w, float h, float gu, float gv, float opacity)
{
  return sl_card_edge (sl_minf (u, w - u), gu) * sl_card_edge (sl_minf (v, h - v), gv) * opacity;
}

/* The level of detail from the derivatives of (u, v) along x and y. */
static inline SL_KERNEL_FN float
sl_card_lod (float dudx, float dudy, float dvdx, float dvdy, float lod_bias)
{
  return 0.5f * sl_log2_fast (sl_maxf (dudx * dudx + dvdx * dvdx, dudy * dudy + dvdy * dvdy)) + lod_bias;
}

/* Computes the premultiplied colour the card (see SlDrawCardParams) puts over
 * the pixel whose centre is (PX, PY): OUT, already scaled by edge coverage and
 * opacity. Returns its alpha (0 where the card does not reach the pixel, and
 * then OUT is all zeros) and writes q.z into *QZ for the depth. The CPU
 * backend computes the same in stages over runs of pixels
 * (cpu/sl-cpu-draw-card.c); the two must stay in step. */
static inline SL_FORCE_INLINE SL_KERNEL_FN float
sl_card_shade (const SlDrawCardParams *p, const SlTexView *t, float px, float py,
               float out[4], float *qz)
{
  const float *H = p->homography;
  float qx = H[0] * px + H[1] * py + H[2];
  float qy = H[3] * px + H[4] * py + H[5];
  float qw = H[6] * px + H[7] * py + H[8];
  float iw, u, v, dudx, dudy, dvdx, dvdy, cover, fog;

  out[0] = out[1] = out[2] = out[3] = 0.0f;
  *qz = qw;
  if (!(qw > 1e-20f))
    return 0.0f;
  iw = 1.0f / qw;
  u = qx * iw;
  v = qy * iw;

  /* Exact derivatives of u = qx / qw and v = qy / qw along x and y. */
  dudx = (H[0] - u * H[6]) * iw;
  dudy = (H[1] - u * H[7]) * iw;
  dvdx = (H[3] - v * H[6]) * iw;
  dvdy = (H[4] - v * H[7]) * iw;

  cover = sl_card_cover (u, v, t->width0, t->height0, dudx * dudx + dudy * dudy, dvdx * dvdx + dvdy * dvdy,
                         sl_clampf (p->opacity, 0.0f, 1.0f));
  if (!(cover > 0.0f))
    return 0.0f;

  sl_tex_trilinear (t, u, v, sl_card_lod (dudx, dudy, dvdx, dvdy, p->lod_bias), out);

  fog = sl_clampf (p->fog_amount, 0.0f, 1.0f);
  for (int c = 0; c < 3; c++)
    {
      float s = out[c] * sl_clampf (p->tint[c], 0.0f, 65504.0f);

      out[c] = (s + (sl_clampf (p->fog_color[c], 0.0f, 65504.0f) * out[3] - s) * fog) * cover;
    }
  out[3] *= cover;
  return out[3];
}

/* The pixel rectangle [x0, x1) x [y0, y1) of a WIDTH x HEIGHT frame outside
 * which the card leaves every pixel alone (host side, once per op): the
 * bounding box of the card's corners, grown by the antialiased rim, or the
 * whole frame when the card reaches behind the camera. */
static inline void
sl_card_bounds (const SlDrawCardParams *p, float tex_width, float tex_height,
                uint32_t width, uint32_t height, int32_t box[4])
{
  const float *H = p->homography;
  const float corners[4][2] = { { 0, 0 }, { tex_width, 0 }, { 0, tex_height }, { tex_width, tex_height } };
  /* The adjugate maps texel coordinates back to pixels: H^-1 up to scale. */
  double adj[9] = {
    (double) H[4] * H[8] - (double) H[5] * H[7],
    (double) H[2] * H[7] - (double) H[1] * H[8],
    (double) H[1] * H[5] - (double) H[2] * H[4],
    (double) H[5] * H[6] - (double) H[3] * H[8],
    (double) H[0] * H[8] - (double) H[2] * H[6],
    (double) H[2] * H[3] - (double) H[0] * H[5],
    (double) H[3] * H[7] - (double) H[4] * H[6],
    (double) H[1] * H[6] - (double) H[0] * H[7],
    (double) H[0] * H[4] - (double) H[1] * H[3],
  };
  double det = H[0] * adj[0] + H[1] * adj[3] + H[2] * adj[6];
  double lo_x = INFINITY, lo_y = INFINITY, hi_x = -INFINITY, hi_y = -INFINITY;

  box[0] = 0;
  box[1] = 0;
  box[2] = (int32_t) width;
  box[3] = (int32_t) height;
  for (int i = 0; i < 4; i++)
    {
      double u = corners[i][0], v = corners[i][1];
      double x = adj[0] * u + adj[1] * v + adj[2];
      double y = adj[3] * u + adj[4] * v + adj[5];
      double w = adj[6] * u + adj[7] * v + adj[8];

      /* In front of the camera exactly when q.z = det / w is positive. */
      if (!(w * det > 0.0))
        return;
      x /= w;
      y /= w;
      lo_x = x < lo_x ? x : lo_x;
      lo_y = y < lo_y ? y : lo_y;
      hi_x = x > hi_x ? x : hi_x;
      hi_y = y > hi_y ? y : hi_y;
    }
  /* Clamped before conversion: a corner near the camera plane lands far out. */
  lo_x = fmin (fmax (lo_x - 2.0, -2.0), width + 2.0);
  lo_y = fmin (fmax (lo_y - 2.0, -2.0), height + 2.0);
  hi_x = fmin (fmax (hi_x + 2.0, -2.0), width + 2.0);
  hi_y = fmin (fmax (hi_y + 2.0, -2.0), height + 2.0);
  box[0] = sl_clampi ((int32_t) floor (lo_x), 0, (int32_t) width);
  box[1] = sl_clampi ((int32_t) floor (lo_y), 0, (int32_t) height);
  box[2] = sl_clampi ((int32_t) ceil (hi_x), box[0], (int32_t) width);
  box[3] = sl_clampi ((int32_t) ceil (hi_y), box[1], (int32_t) height);
}
