/* sl-cpu-draw-card.c: DRAW_CARD on the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sl_card_shade() (common/sl-card.h) computed in stages over runs of pixels,
 * with the same arithmetic in the same order, so that every pixel gets the
 * same bits as from the per-pixel function; only the bounding box of the card
 * is visited (sl_card_bounds()). A pixel's four channels travel together in
 * one vector, and a card with tint 1 and no fog skips those two steps, which
 * would leave every value as it is. Two paths:
 *  - Any homography, in strips of columns, a tile of a row at a time:
 *    (u, v), coverage, level and trilinear fraction of each pixel in one
 *    branch-free loop that vectorises; then, for each mip level the tile
 *    reads, the bilinear footprints (vectorised too) and the texel reads;
 *    then colour and "over". An affine homography (last row 0 0 w: a card
 *    parallel to the image plane) has constant derivatives, hence one level of
 *    detail for the whole card, and skips most of the first loop.
 *  - Axis-aligned cards (affine without rotation or shear, as in a Ken Burns
 *    move): u depends on x alone and v on y alone, so the bilinear filter is
 *    separable. Each texture row's interpolation along x is computed once and
 *    kept while output rows use it; a texture row of zero texels (the clear
 *    part of a cut-out layer) is not interpolated, and output rows whose
 *    texture rows are transparent throughout are skipped.
 */
#include "sl-cpu-private.h"
#include "../common/sl-card.h"

#include <stdlib.h>

/* Pixels per tile: a tile's arrays (about 11 KiB) stay in L1. */
#define TILE 128

/* Columns per strip, for the general path: rows of a strip read texels from
 * a band of the texture that the next rows read again, small enough to stay
 * in the cache however the card is turned. */
#define STRIP 512

typedef float    V4f __attribute__ ((vector_size (16)));
typedef uint16_t V8u __attribute__ ((vector_size (16)));
typedef int32_t  V4i __attribute__ ((vector_size (16)));
typedef uint64_t V2u __attribute__ ((vector_size (16)));

#if defined(__clang__) || __GNUC__ >= 12
# define INTERLEAVE_LOW_WORDS(a, b) __builtin_shufflevector ((a), (b), 0, 8, 1, 9, 2, 10, 3, 11)
#else
# define INTERLEAVE_LOW_WORDS(a, b) __builtin_shuffle ((a), (b), (V8u) { 0, 8, 1, 9, 2, 10, 3, 11 })
#endif

typedef struct {
  SlDrawCardParams params;
  SlTexView        texture;
  float           *pixels;
  float           *depth;        /* NULL: no depth output */
  uint32_t         width;
  int32_t          box[4];
  float            opacity;      /* clamped */
  bool             affine;
  bool             axis_aligned;
  /* Affine cards: 1 / q.z, the squared texels per pixel across the borders,
   * and the nearer level and trilinear fraction of every pixel. */
  float            iw, gu, gv, f;
  int32_t          l0;
  /* Colour as vectors (alpha has tint 1 and no fog, which leaves it as it
   * is); plain: tint 1 and no fog at all, steps that change nothing. */
  V4f              tint, fog_color, fog;
  bool             plain;
} CardJob;

static inline V4f
splat (float x)
{
  return (V4f) { x, x, x, x };
}

/* Texel T, four 16-bit channels, as four floats. */
static inline V4f
texel (const uint16_t *t)
{
  uint64_t bits;
  V8u words;

  memcpy (&bits, t, sizeof bits);
  words = (V8u) (V2u) { bits, 0 };
  return __builtin_convertvector ((V4i) INTERLEAVE_LOW_WORDS (words, (V8u) { 0 }), V4f);
}

/* sl_tex_bilinear()'s filter along x. */
static inline V4f
lerp_x (const uint16_t *a, const uint16_t *b, float fx)
{
  V4f ta = texel (a);

  return ta + (texel (b) - ta) * splat (fx);
}

/* ... and along y, with the scale to [0, 1]. */
static inline V4f
lerp_y (V4f top, V4f bottom, float fy)
{
  return (top + (bottom - top) * splat (fy)) * splat (1.0f / 65535.0f);
}

/* sl_tex_trilinear()'s mix: from S0, the nearer level's sample, toward S1 by
 * F. */
static inline V4f
mix (V4f s0, V4f s1, float f)
{
  return s0 + (s1 - s0) * splat (f);
}

/* The sample S coloured, scaled by COVER and put over *P, as sl_card_shade()
 * and its caller do; the depth (depth_scale / QZ) where the result is more
 * than half there. */
static inline void
composite (const CardJob *job, V4f s, float cover, float *p, float *depth, float qz)
{
  V4f d;
  float alpha;

  if (!job->plain)
    {
      V4f a = splat (s[3]);

      s *= job->tint;
      s += (job->fog_color * a - s) * job->fog;
    }
  s *= splat (cover);
  alpha = s[3];
  if (alpha <= 0.0f)
    return;
  memcpy (&d, p, sizeof d);
  d = s + d * splat (1.0f - alpha);
  memcpy (p, &d, sizeof d);
  if (depth != NULL && alpha > 0.5f)
    *depth = job->params.depth_scale / qz;
}

/* Any homography */

typedef struct {
  float   u[TILE], v[TILE], cover[TILE], qw[TILE], f[TILE];
  int32_t l0[TILE];
  /* The bilinear footprint in the level being read: texel indices, weights. */
  int32_t xa[TILE], xb[TILE], ya[TILE], yb[TILE];
  float   fx[TILE], fy[TILE];
  /* Samples of the nearer and the farther level. */
  V4f     s0[TILE], s1[TILE];
} Tile;

/* (u, v), coverage, level and fraction of the N pixels from X0 on the row
 * whose centre is PY, for an affine card. Returns whether any is covered. */
static bool
tile_geometry_affine (const CardJob *job, Tile *tile, int32_t x0, int32_t n, float py)
{
  /* Local copies: the compiler sees that the tile's stores leave them alone. */
  const float h0 = job->params.homography[0], h2 = job->params.homography[2];
  const float h3 = job->params.homography[3], h5 = job->params.homography[5];
  const float h1py = job->params.homography[1] * py, h4py = job->params.homography[4] * py;
  const float qw = job->params.homography[8], iw = job->iw, gu = job->gu, gv = job->gv, f = job->f;
  const float w = job->texture.width0, h = job->texture.height0, opacity = job->opacity;
  const int32_t l0 = job->l0;
  int32_t covered = 0;

  for (int32_t i = 0; i < n; i++)
    {
      float px = (float) (x0 + i) + 0.5f;
      float u = (h0 * px + h1py + h2) * iw;
      float v = (h3 * px + h4py + h5) * iw;
      float cover = sl_card_cover (u, v, w, h, gu, gv, opacity);

      tile->u[i] = u;
      tile->v[i] = v;
      tile->cover[i] = cover;
      tile->qw[i] = qw;
      tile->l0[i] = l0;
      tile->f[i] = f;
      covered |= cover > 0.0f;
    }
  return covered;
}

/* The same for any homography; also gives the range of levels that covered
 * pixels read. */
static bool
tile_geometry_projective (const CardJob *job, Tile *tile, int32_t x0, int32_t n, float py,
                          int32_t *l_min, int32_t *l_max)
{
  const float w = job->texture.width0, h = job->texture.height0, opacity = job->opacity;
  const float lod_bias = job->params.lod_bias, top = (float) (job->texture.levels - 1);
  const int32_t top_level = job->texture.levels - 1;
  int32_t lo = top_level, hi = 0;
  float H[9], h1py, h4py, h7py;

  memcpy (H, job->params.homography, sizeof H);
  h1py = H[1] * py;
  h4py = H[4] * py;
  h7py = H[7] * py;
  for (int32_t i = 0; i < n; i++)
    {
      float px = (float) (x0 + i) + 0.5f;
      float qx = H[0] * px + h1py + H[2];
      float qy = H[3] * px + h4py + H[5];
      float qw = H[6] * px + h7py + H[8];
      float iw = 1.0f / qw, u = qx * iw, v = qy * iw;
      float dudx = (H[0] - u * H[6]) * iw;
      float dudy = (H[1] - u * H[7]) * iw;
      float dvdx = (H[3] - v * H[6]) * iw;
      float dvdy = (H[4] - v * H[7]) * iw;
      float cover = sl_card_cover (u, v, w, h, dudx * dudx + dudy * dudy, dvdx * dvdx + dvdy * dvdy, opacity);
      float l = sl_clampf (sl_card_lod (dudx, dudy, dvdx, dvdy, lod_bias), 0.0f, top);
      int32_t l0 = sl_floor_to_int (l, 0, top_level);

      tile->u[i] = u;
      tile->v[i] = v;
      tile->qw[i] = qw;
      /* Behind the camera: not covered, whatever the rest made of it. */
      tile->cover[i] = sl_select (qw > 1e-20f, cover, 0.0f);
      tile->l0[i] = l0;
      tile->f[i] = l - (float) l0;
    }
  for (int32_t i = 0; i < n; i++)
    if (tile->cover[i] > 0.0f)
      {
        lo = tile->l0[i] < lo ? tile->l0[i] : lo;
        hi = tile->l0[i] > hi ? tile->l0[i] : hi;
      }
  *l_min = lo;
  *l_max = hi;
  return lo <= hi;
}

/* The bilinear footprint of every pixel of the tile in level L, as
 * sl_tex_bilinear() finds it. */
static void
tile_footprints (const SlTexView *t, int32_t l, Tile *tile, int32_t n)
{
  const int32_t w = t->width[l], h = t->height[l];
  const float sx = t->scale_x[l], sy = t->scale_y[l];

  for (int32_t i = 0; i < n; i++)
    {
      float x = tile->u[i] * sx - 0.5f;
      float y = tile->v[i] * sy - 0.5f;
      int32_t x0 = sl_floor_to_int (x, -1, w);
      int32_t y0 = sl_floor_to_int (y, -1, h);

      tile->fx[i] = sl_clampf (x - (float) x0, 0.0f, 1.0f);
      tile->fy[i] = sl_clampf (y - (float) y0, 0.0f, 1.0f);
      tile->xa[i] = 4 * sl_clampi (x0, 0, w - 1);
      tile->xb[i] = 4 * sl_clampi (x0 + 1, 0, w - 1);
      tile->ya[i] = sl_clampi (y0, 0, h - 1);
      tile->yb[i] = sl_clampi (y0 + 1, 0, h - 1);
    }
}

/* The rows' offsets are multiplied here, one pixel at a time: the scalar
 * multiply is cheaper than SSE2's stand-in for a vector one. */
static inline V4f
tile_bilinear (const Tile *tile, const uint16_t *texels, size_t row_size, int32_t i)
{
  const uint16_t *r0 = texels + row_size * (size_t) tile->ya[i], *r1 = texels + row_size * (size_t) tile->yb[i];

  return lerp_y (lerp_x (r0 + tile->xa[i], r0 + tile->xb[i], tile->fx[i]),
                 lerp_x (r1 + tile->xa[i], r1 + tile->xb[i], tile->fx[i]), tile->fy[i]);
}

/* Level L serves the pixels whose nearer level it is, and those whose
 * farther level it is when they mix two. */
static void
tile_sample (const CardJob *job, Tile *tile, int32_t n, int32_t l_min, int32_t l_max)
{
  const SlTexView *t = &job->texture;
  int32_t last = l_max + 1 < t->levels ? l_max + 1 : l_max;

  for (int32_t l = l_min; l <= last; l++)
    {
      const uint16_t *texels = t->texels + 4 * (size_t) t->offset[l];
      size_t row_size = 4 * (size_t) t->width[l];

      tile_footprints (t, l, tile, n);
      for (int32_t i = 0; i < n; i++)
        if (tile->cover[i] > 0.0f)
          {
            if (tile->l0[i] == l)
              tile->s0[i] = tile_bilinear (tile, texels, row_size, i);
            else if (tile->l0[i] + 1 == l && tile->f[i] > 0.0f)
              tile->s1[i] = tile_bilinear (tile, texels, row_size, i);
          }
    }
}

static void
general_rows (const CardJob *job, uint32_t begin, uint32_t end)
{
  Tile tile;

  for (int32_t strip = job->box[0]; strip < job->box[2]; strip += STRIP)
    {
      int32_t strip_end = job->box[2] - strip < STRIP ? job->box[2] : strip + STRIP;

      for (uint32_t row = begin; row < end; row++)
        {
          uint32_t y = (uint32_t) job->box[1] + row;
          float py = (float) y + 0.5f;
          float *p = job->pixels + (size_t) 4 * job->width * y;
          float *depth = job->depth ? job->depth + (size_t) job->width * y : NULL;

          for (int32_t x0 = strip; x0 < strip_end; x0 += TILE)
            {
              int32_t n = strip_end - x0 < TILE ? strip_end - x0 : TILE;
              int32_t l_min = job->l0, l_max = job->l0;

              if (job->affine ? !tile_geometry_affine (job, &tile, x0, n, py)
                              : !tile_geometry_projective (job, &tile, x0, n, py, &l_min, &l_max))
                continue;
              tile_sample (job, &tile, n, l_min, l_max);
              for (int32_t i = 0; i < n; i++)
                if (tile.cover[i] > 0.0f)
                  composite (job, tile.f[i] > 0.0f ? mix (tile.s0[i], tile.s1[i], tile.f[i]) : tile.s0[i],
                             tile.cover[i], p + 4 * (size_t) (x0 + i), depth ? depth + x0 + i : NULL, tile.qw[i]);
            }
        }
    }
}

/* Axis-aligned cards */

/* A worker's memory for a run of rows of an axis-aligned card, over the
 * columns of the box: the coverage across the u borders and, in each of the
 * (one or two) levels, the two texel columns (offsets in uint16_t from a
 * row's start) and the weight between them; and per level the two texture
 * rows last filtered along x, which row each holds (-1: none) and whether
 * its alpha is zero throughout. */
typedef struct {
  float     *edge;
  int32_t   *xa[2], *xb[2];
  float     *fx[2];
  V4f       *row[2][2];
  const V4f *data[2][2];  /* the slot's row, or zero for a row of zero texels */
  V4f       *zero;
  int32_t    y[2][2];
  bool       clear[2][2];
  void      *block;
} AxisWork;

static bool
axis_work_init (AxisWork *work, int32_t n)
{
  size_t floats = (size_t) n;
  /* Rounded up to whole cache lines, which aligned_alloc() wants. */
  char *block = aligned_alloc (64, (16 * 5 * floats + 4 * 7 * floats + 63) & ~(size_t) 63);

  if (block == NULL)
    return false;
  work->block = block;
  for (int k = 0; k < 2; k++)
    for (int s = 0; s < 2; s++)
      {
        work->row[k][s] = (V4f *) block;
        work->y[k][s] = -1;
        block += 16 * floats;
      }
  work->zero = (V4f *) block;
  memset (work->zero, 0, 16 * floats);
  block += 16 * floats;
  work->edge = (float *) block;
  work->fx[0] = work->edge + floats;
  work->fx[1] = work->fx[0] + floats;
  work->xa[0] = (int32_t *) (work->fx[1] + floats);
  work->xa[1] = work->xa[0] + floats;
  work->xb[0] = work->xa[1] + floats;
  work->xb[1] = work->xb[0] + floats;
  return true;
}

/* The columns of level L (slot K) for texel coordinates U: what
 * sl_tex_bilinear() reads along x. */
static void
level_columns (const SlTexView *t, int32_t l, AxisWork *work, int32_t k, const float *u, int32_t n)
{
  const int32_t w = t->width[l];
  const float sx = t->scale_x[l];
  float *fx = work->fx[k];
  int32_t *xa = work->xa[k], *xb = work->xb[k];

  for (int32_t i = 0; i < n; i++)
    {
      float x = u[i] * sx - 0.5f;
      int32_t x0 = sl_floor_to_int (x, -1, w);

      fx[i] = sl_clampf (x - (float) x0, 0.0f, 1.0f);
      xa[i] = 4 * sl_clampi (x0, 0, w - 1);
      xb[i] = 4 * sl_clampi (x0 + 1, 0, w - 1);
    }
}

/* The box's columns: their u (computed as sl_card_shade() does, its term
 * H[1] y being a zero of H[1]'s sign on every row, so the first row's stands
 * for all), coverage and footprints. Returns false when none is covered, else
 * the covered ones, FIRST to LAST. */
static bool
axis_columns (const CardJob *job, AxisWork *work, float py, int32_t *first, int32_t *last)
{
  const float h0 = job->params.homography[0], h2 = job->params.homography[2];
  const float h1py = job->params.homography[1] * py, iw = job->iw, gu = job->gu, w = job->texture.width0;
  const int32_t x0 = job->box[0], n = job->box[2] - job->box[0];
  /* u lives in the first row slot until the footprints are made. */
  float *u = (float *) work->row[0][0], *edge = work->edge;

  *first = n;
  *last = -1;
  for (int32_t i = 0; i < n; i++)
    {
      u[i] = (h0 * ((float) (x0 + i) + 0.5f) + h1py + h2) * iw;
      edge[i] = sl_card_edge (sl_minf (u[i], w - u[i]), gu);
    }
  for (int32_t i = 0; i < n; i++)
    if (edge[i] > 0.0f)
      {
        *first = i < *first ? i : *first;
        *last = i;
      }
  if (*last < 0)
    return false;
  level_columns (&job->texture, job->l0, work, 0, u, n);
  if (job->f > 0.0f)
    level_columns (&job->texture, job->l0 + 1, work, 1, u, n);
  return true;
}

/* Whether the texels from FROM to TO (excluded) are all zeros: the clear
 * part of a cut-out layer, which need not be filtered. Stops at the first
 * that is not. */
static bool
texels_zero (const uint16_t *from, const uint16_t *to)
{
  uint64_t bits[8], any = 0;

  /* Eight texels at a time: one test per cache line. */
  for (; from + 32 <= to; from += 32)
    {
      memcpy (bits, from, sizeof bits);
      if ((bits[0] | bits[1] | bits[2] | bits[3] | bits[4] | bits[5] | bits[6] | bits[7]) != 0)
        return false;
    }
  for (; from < to; from += 4)
    {
      memcpy (bits, from, sizeof bits[0]);
      any |= bits[0];
    }
  return any == 0;
}

/* The slot holding row Y of level L (slot K) filtered along x for columns
 * FIRST to LAST; computed, if it is not there, into the slot that does not
 * hold row KEEP. Zero texels filter to zeros, so a row of them is the zero
 * row. */
static int32_t
cached_row (AxisWork *work, const SlTexView *t, int32_t l, int32_t k, int32_t first, int32_t last,
            int32_t y, int32_t keep)
{
  const uint16_t *texels = t->texels + 4 * ((size_t) t->offset[l] + (size_t) t->width[l] * (size_t) y);
  const int32_t *xa = work->xa[k], *xb = work->xb[k];
  const float *fx = work->fx[k];
  /* Texel columns only grow, or only shrink, across the box. */
  int32_t lo = xa[first] < xa[last] ? xa[first] : xa[last];
  int32_t hi = xb[first] > xb[last] ? xb[first] : xb[last];
  V4i alpha = { 0 };
  V4f *row;
  int32_t s;

  for (s = 0; s < 2; s++)
    if (work->y[k][s] == y)
      return s;
  s = work->y[k][0] == keep ? 1 : 0;
  work->y[k][s] = y;
  if (texels_zero (texels + lo, texels + hi + 4))
    {
      work->data[k][s] = work->zero;
      work->clear[k][s] = true;
      return s;
    }
  row = work->row[k][s];
  for (int32_t i = first; i <= last; i++)
    {
      row[i] = lerp_x (texels + xa[i], texels + xb[i], fx[i]);
      alpha |= (V4i) row[i];
    }
  work->data[k][s] = row;
  /* Alpha is never negative: zero bits are +0 in every column. */
  work->clear[k][s] = alpha[3] == 0;
  return s;
}

/* The two filtered rows of level L (slot K) around v, the weight between
 * them, and whether both are transparent throughout. */
typedef struct {
  const V4f *top, *bottom;
  float      fy;
  bool       clear;
} LevelRows;

static LevelRows
level_rows (AxisWork *work, const SlTexView *t, int32_t l, int32_t k, int32_t first, int32_t last, float v)
{
  const int32_t h = t->height[l];
  float y = v * t->scale_y[l] - 0.5f;
  int32_t y0 = sl_floor_to_int (y, -1, h);
  int32_t ya = sl_clampi (y0, 0, h - 1), yb = sl_clampi (y0 + 1, 0, h - 1);
  int32_t sa = cached_row (work, t, l, k, first, last, ya, yb);
  int32_t sb = cached_row (work, t, l, k, first, last, yb, ya);

  return (LevelRows) {
    .top = work->data[k][sa],
    .bottom = work->data[k][sb],
    .fy = sl_clampf (y - (float) y0, 0.0f, 1.0f),
    .clear = work->clear[k][sa] && work->clear[k][sb],
  };
}

/* Rows [BEGIN, END) of the box. v is computed as sl_card_shade() does, its
 * term H[3] x being a zero of H[3]'s sign in every column. A row whose
 * texture rows are transparent throughout gives samples with zero alpha,
 * which sl_card_shade()'s caller leaves out: it is skipped. Returns false
 * when out of memory. */
static bool
axis_aligned_rows (const CardJob *job, uint32_t begin, uint32_t end)
{
  const SlTexView *t = &job->texture;
  const float h3 = job->params.homography[3], h4 = job->params.homography[4], h5 = job->params.homography[5];
  const float qw = job->params.homography[8], iw = job->iw, gv = job->gv, opacity = job->opacity;
  const float px0 = (float) job->box[0] + 0.5f, f = job->f;
  const bool two = f > 0.0f;
  const int32_t x0 = job->box[0];
  int32_t first, last;
  AxisWork work;

  if (!axis_work_init (&work, job->box[2] - job->box[0]))
    return false;
  if (axis_columns (job, &work, (float) (job->box[1] + (int32_t) begin) + 0.5f, &first, &last))
    for (uint32_t row = begin; row < end; row++)
      {
        uint32_t y = (uint32_t) job->box[1] + row;
        float v = (h3 * px0 + h4 * ((float) y + 0.5f) + h5) * iw;
        float edge = sl_card_edge (sl_minf (v, t->height0 - v), gv);
        float *p = job->pixels + 4 * ((size_t) job->width * y + (size_t) x0);
        float *depth = job->depth ? job->depth + (size_t) job->width * y + x0 : NULL;
        LevelRows r0, r1;

        if (!(edge > 0.0f))
          continue;
        r0 = level_rows (&work, t, job->l0, 0, first, last, v);
        r1 = two ? level_rows (&work, t, job->l0 + 1, 1, first, last, v) : r0;
        if (r0.clear && r1.clear)
          continue;
        for (int32_t i = first; i <= last; i++)
          {
            float cover = work.edge[i] * edge * opacity;
            V4f s;

            if (!(cover > 0.0f))
              continue;
            s = lerp_y (r0.top[i], r0.bottom[i], r0.fy);
            if (two)
              s = mix (s, lerp_y (r1.top[i], r1.bottom[i], r1.fy), f);
            composite (job, s, cover, p + 4 * i, depth ? depth + i : NULL, qw);
          }
      }
  free (work.block);
  return true;
}

static void
card_rows (void *data, uint32_t begin, uint32_t end)
{
  const CardJob *job = data;

  /* Without memory for the axis-aligned path the general one does the same. */
  if (!job->axis_aligned || !axis_aligned_rows (job, begin, end))
    general_rows (job, begin, end);
}

/* The constants of an affine card: sl_card_shade()'s derivatives, whose
 * terms u H[6] and v H[7] are zero. */
static void
setup_affine (CardJob *job)
{
  const float *H = job->params.homography;
  float iw = 1.0f / H[8];
  float dudx = H[0] * iw, dudy = H[1] * iw, dvdx = H[3] * iw, dvdy = H[4] * iw;
  float l = sl_clampf (sl_card_lod (dudx, dudy, dvdx, dvdy, job->params.lod_bias),
                       0.0f, (float) (job->texture.levels - 1));

  job->iw = iw;
  job->gu = dudx * dudx + dudy * dudy;
  job->gv = dvdx * dvdx + dvdy * dvdy;
  job->l0 = sl_floor_to_int (l, 0, job->texture.levels - 1);
  job->f = l - (float) job->l0;
  job->axis_aligned = H[1] == 0.0f && H[3] == 0.0f;
}

SlStatus
sl_cpu_draw_card (SlCpu *cpu, const void *params, const SlOpBuffers *buffers)
{
  const SlBufferDesc *tex = &buffers->src->desc;
  const SlDrawCardParams *p = params;
  float tint[3], fog_color[3], fog = sl_clampf (p->fog_amount, 0.0f, 1.0f);
  CardJob job = {
    .params = *p,
    .pixels = sl_cpu_buffer_floats (buffers->dst),
    .depth = buffers->aux ? sl_cpu_buffer_floats (buffers->aux) : NULL,
    .width = buffers->dst->desc.width,
    .opacity = sl_clampf (p->opacity, 0.0f, 1.0f),
    .affine = p->homography[6] == 0.0f && p->homography[7] == 0.0f,
  };

  /* An affine card has q.z = H[8] everywhere; behind the camera, or with no
   * opacity, it draws nothing. */
  if ((job.affine && !(p->homography[8] > 1e-20f)) || !(job.opacity > 0.0f))
    return SL_OK;
  for (int c = 0; c < 3; c++)
    {
      tint[c] = sl_clampf (p->tint[c], 0.0f, 65504.0f);
      fog_color[c] = sl_clampf (p->fog_color[c], 0.0f, 65504.0f);
    }
  job.tint = (V4f) { tint[0], tint[1], tint[2], 1.0f };
  job.fog_color = (V4f) { fog_color[0], fog_color[1], fog_color[2], 0.0f };
  job.fog = (V4f) { fog, fog, fog, 0.0f };
  job.plain = tint[0] == 1.0f && tint[1] == 1.0f && tint[2] == 1.0f && fog == 0.0f;

  sl_tex_view_init (&job.texture, (const uint16_t *) sl_cpu_buffer_data (buffers->src),
                    tex->width, tex->height, tex->levels);
  if (job.affine)
    setup_affine (&job);
  sl_card_bounds (params, (float) tex->width, (float) tex->height,
                  buffers->dst->desc.width, buffers->dst->desc.height, job.box);
  if (job.box[2] > job.box[0])
    sl_cpu_pool_run (cpu->pool, (uint32_t) (job.box[3] - job.box[1]), card_rows, &job);
  return SL_OK;
}
