/* sl-card.glsl: common/sl-card.h for the Vulkan shaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs SL_TEXEL and SL_TEX_VIEW (see sl-sample.glsl). The bounding box the
 * card is drawn in comes from sl_card_bounds() on the host.
 */
#ifndef SL_CARD_GLSL
#define SL_CARD_GLSL

#include "sl-ops.glsl"
#include "sl-sample.glsl"

/* Coverage across one border (see sl-card.h). */
precise float
sl_card_edge (float d, float g)
{
  precise float ramp = sl_clampf (0.5 + d / sqrt (sl_maxf (g, 1e-30)), 0.0, 1.0);
  precise float inside = d * d >= 0.25 * g ? 1.0 : ramp;

  return d > 0.0 ? inside : ramp;
}

precise float
sl_card_cover (float u, float v, float w, float h, float gu, float gv, float opacity)
{
  return sl_card_edge (sl_minf (u, w - u), gu) * sl_card_edge (sl_minf (v, h - v), gv) * opacity;
}

precise float
sl_card_lod (float dudx, float dudy, float dvdx, float dvdy, float lod_bias)
{
  return 0.5 * sl_log2_fast (sl_maxf (dudx * dudx + dvdx * dvdx, dudy * dudy + dvdy * dvdy)) + lod_bias;
}

/* The premultiplied colour the card puts over the pixel whose centre is
 * (PX, PY), already scaled by coverage and opacity, into OUT_COLOR; returns
 * its alpha (0: the card misses the pixel) and writes q.z into QZ. */
precise float
sl_card_shade (SlDrawCardParams p, float px, float py, out vec4 out_color, out float qz)
{
  precise float qx = p.homography[0] * px + p.homography[1] * py + p.homography[2];
  precise float qy = p.homography[3] * px + p.homography[4] * py + p.homography[5];
  precise float qw = p.homography[6] * px + p.homography[7] * py + p.homography[8];
  precise float iw, u, v, dudx, dudy, dvdx, dvdy, cover, fog;
  precise vec4 s;

  out_color = vec4 (0.0);
  qz = qw;
  if (!(qw > 1e-20))
    return 0.0;
  iw = 1.0 / qw;
  u = qx * iw;
  v = qy * iw;

  dudx = (p.homography[0] - u * p.homography[6]) * iw;
  dudy = (p.homography[1] - u * p.homography[7]) * iw;
  dvdx = (p.homography[3] - v * p.homography[6]) * iw;
  dvdy = (p.homography[4] - v * p.homography[7]) * iw;

  cover = sl_card_cover (u, v, SL_TEX_VIEW.width0, SL_TEX_VIEW.height0, dudx * dudx + dudy * dudy,
                         dvdx * dvdx + dvdy * dvdy, sl_clampf (p.opacity, 0.0, 1.0));
  if (!(cover > 0.0))
    return 0.0;

  s = sl_tex_trilinear (u, v, sl_card_lod (dudx, dudy, dvdx, dvdy, p.lod_bias));

  fog = sl_clampf (p.fog_amount, 0.0, 1.0);
  for (int c = 0; c < 3; c++)
    {
      precise float t = s[c] * sl_clampf (p.tint[c], 0.0, 65504.0);

      s[c] = (t + (sl_clampf (p.fog_color[c], 0.0, 65504.0) * s.a - t) * fog) * cover;
    }
  s.a *= cover;
  out_color = s;
  return s.a;
}

#endif
