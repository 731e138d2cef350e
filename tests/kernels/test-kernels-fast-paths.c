/* test-kernels-fast-paths.c: the CPU backend's fast paths against the plain
 * per-pixel functions of common/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CPU backend computes DRAW_CARD, GRADE, SKY, BLUR, BLOOM and the YUV
 * conversions in stages over runs of pixels, with special cases (affine and
 * axis-aligned cards, grade steps that are identities, the sky without stars
 * and clouds). Each case here runs the op on random inputs and compares it
 * with a reference written the obvious way: every pixel through
 * sl_card_shade(), sl_grade_pixel(), sl_sky_shade() or sl_yuv420_block(),
 * every tap of the blur, every step of the bloom. The fast paths use the same arithmetic
 * in the same order, so the results are identical, except that where the
 * compiler may fuse multiplies and adds (targets with FMA) it may fuse them
 * differently in the two: there they may differ by 1e-6 of the largest value
 * (or of 1). Every thread count must give the same bits.
 */
#include "sl-kernels-harness.h"
#include "sl-tap.h"
#include "common/sl-card.h"
#include "common/sl-filter.h"
#include "common/sl-grade.h"
#include "common/sl-sky.h"
#include "common/sl-yuv.h"
#include "cpu/sl-cpu-backend.h"

#include <stdlib.h>
#include <string.h>

/* Where the compiler may fuse a multiply and an add (targets with FMA), the
 * two paths can round differently; elsewhere they must agree bit for bit. */
#ifdef __FP_FAST_FMAF
# define TOLERANCE 1e-6
#else
# define TOLERANCE 0.0
#endif

static SlBackend *cpus[3];  /* 1, 2 and 3 threads */

typedef struct {
  uint32_t  width, height;
  float    *pixels;   /* RGBA */
  float    *depth;    /* NULL: no depth output */
} Frame;

typedef struct {
  uint32_t  width, height, levels;
  uint16_t *texels;   /* every level, packed */
  size_t    n_texels;
} Texture;

static void
frame_random (Frame *f, SlRng *rng, uint32_t width, uint32_t height, bool depth)
{
  f->width = width;
  f->height = height;
  f->pixels = malloc ((size_t) 16 * width * height);
  f->depth = depth ? malloc ((size_t) 4 * width * height) : NULL;
  for (size_t i = 0; i < (size_t) width * height; i++)
    {
      uint32_t kind = sl_rng_range (rng, 0, 3);
      float a = kind == 0 ? 0.0f : kind == 1 ? 1.0f : sl_rng_uniform (rng, 0.0f, 1.0f);

      for (int c = 0; c < 3; c++)
        f->pixels[4 * i + c] = a * sl_rng_uniform (rng, 0.0f, 2.0f);
      f->pixels[4 * i + 3] = a;
      if (depth)
        f->depth[i] = sl_rng_uniform (rng, 0.0f, 50.0f);
    }
}

static Frame
frame_copy (const Frame *f)
{
  Frame copy = *f;

  copy.pixels = malloc ((size_t) 16 * f->width * f->height);
  memcpy (copy.pixels, f->pixels, (size_t) 16 * f->width * f->height);
  if (f->depth != NULL)
    {
      copy.depth = malloc ((size_t) 4 * f->width * f->height);
      memcpy (copy.depth, f->depth, (size_t) 4 * f->width * f->height);
    }
  return copy;
}

static void
frame_clear (Frame *f)
{
  free (f->pixels);
  free (f->depth);
}

/* A texture whose texels are random, with runs of zero alpha (as around a
 * cut-out layer), runs of zero alpha but some colour (premultiplied light
 * that adds) and runs of no colour but some alpha; often also whole rows of
 * one of those kinds, in every level. The levels are random too: what
 * matters is that both paths read the same ones. */
static void
texture_random (Texture *t, SlRng *rng, uint32_t width, uint32_t height)
{
  uint32_t full = 1, band = sl_rng_range (rng, 0, 1) ? sl_rng_range (rng, 1, 9) : 0;

  for (uint32_t s = width > height ? width : height; s > 1; s >>= 1)
    full++;
  t->width = width;
  t->height = height;
  t->levels = sl_rng_range (rng, 1, full);
  t->n_texels = sl_texture_level_offset (width, height, t->levels);
  t->texels = malloc (8 * t->n_texels);
  for (uint32_t l = 0; l < t->levels; l++)
    {
      uint32_t w = sl_level_size (width, l), h = sl_level_size (height, l);
      uint16_t *level = t->texels + 4 * sl_texture_level_offset (width, height, l);

      for (size_t i = 0; i < (size_t) w * h; i++)
        {
          uint32_t row = (uint32_t) (i / w);
          /* Kinds: 0 clear, 1 opaque, 2 light without alpha, 3 alpha without
           * colour, others random. */
          uint32_t kind = band > 0 ? (row / band) % 6 : (uint32_t) (i / 5) % 7;
          uint32_t a = kind == 0 || kind == 2 ? 0 : kind == 1 ? 65535 : sl_rng_range (rng, 1, 65535);

          for (int c = 0; c < 3; c++)
            level[4 * i + c] = (uint16_t) (kind == 2 ? sl_rng_range (rng, 1, 3000)
                                           : kind == 3 ? 0 : sl_rng_range (rng, 0, a));
          level[4 * i + 3] = (uint16_t) a;
        }
    }
}

/* DRAW_CARD the obvious way: every pixel of the card's bounding box (all of
 * the frame for a card that reaches behind the camera). The box is part of
 * the reference: near the horizon the coverage formula's half-pixel rim
 * (measured with derivatives that grow without bound there) can reach past
 * it, and the box keeps such pixels out. */
static void
reference_draw_card (const SlDrawCardParams *p, const Texture *t, Frame *f)
{
  SlTexView view;
  int32_t box[4];

  sl_tex_view_init (&view, t->texels, t->width, t->height, t->levels);
  sl_card_bounds (p, (float) t->width, (float) t->height, f->width, f->height, box);
  for (int32_t y = box[1]; y < box[3]; y++)
    for (int32_t x = box[0]; x < box[2]; x++)
      {
        float s[4], qz, *d = f->pixels + 4 * ((size_t) f->width * y + x);

        if (sl_card_shade (p, &view, (float) x + 0.5f, (float) y + 0.5f, s, &qz) <= 0.0f)
          continue;
        for (int c = 0; c < 4; c++)
          d[c] = s[c] + d[c] * (1.0f - s[3]);
        if (f->depth != NULL && s[3] > 0.5f)
          f->depth[(size_t) f->width * y + x] = p->depth_scale / qz;
      }
}

static SlBuffer *
upload (SlBackend *backend, SlFormat format, uint32_t width, uint32_t height, uint32_t levels, const void *data)
{
  SlBufferDesc desc = { format, width, height, levels };
  SlHostImage *image = sl_host_image_new (&desc);
  SlBuffer *buffer = NULL;

  memcpy (image->data, data, image->size);
  if (sl_buffer_new (backend, &desc, &buffer) != SL_OK || sl_host_image_upload (backend, buffer, image) != SL_OK)
    abort ();
  sl_host_image_free (image);
  return buffer;
}

static void
download (SlBackend *backend, SlBuffer *buffer, void *data, size_t row_size)
{
  if (sl_backend_download (backend, buffer, 0, data, row_size) != SL_OK)
    abort ();
}

/* The largest difference between A and B (N floats) over the largest value
 * in A (at least 1); a NaN where the other has none counts as infinite. */
static double
relative_difference (const float *a, const float *b, size_t n)
{
  double largest = 1.0, worst = 0.0;

  for (size_t i = 0; i < n; i++)
    {
      double d = isnan (a[i]) && isnan (b[i]) ? 0.0 : fabs ((double) a[i] - b[i]);

      if (isfinite (a[i]))
        largest = fmax (largest, fabs (a[i]));
      if (!(d <= worst))
        worst = isnan (d) ? INFINITY : d;
    }
  return worst / largest;
}

/* Runs OP on every CPU backend over a copy of FRAME and compares each with
 * EXPECTED, and the thread counts with each other bit for bit. */
static void
check_op (SlOp op, const void *params, const Frame *frame, const Texture *texture, const Frame *expected,
          const char *what, uint32_t seed)
{
  float *first = NULL;

  for (size_t k = 0; k < sizeof cpus / sizeof cpus[0]; k++)
    {
      SlBackend *cpu = cpus[k];
      SlBuffer *dst = upload (cpu, SL_FORMAT_RGBA_F32, frame->width, frame->height, 1, frame->pixels);
      SlBuffer *tex = texture ? upload (cpu, SL_FORMAT_RGBA_U16, texture->width, texture->height,
                                        texture->levels, texture->texels) : NULL;
      SlBuffer *depth = frame->depth ? upload (cpu, SL_FORMAT_R_F32, frame->width, frame->height, 1,
                                               frame->depth) : NULL;
      Frame got = frame_copy (frame);
      size_t n = (size_t) 4 * frame->width * frame->height;
      double diff;

      SL_CHECK (sl_backend_run_op (cpu, op, params, sl_op_get_params_size (op),
                                   &(SlOpBuffers) { dst, tex, depth }) == SL_OK,
                "%s seed %u: %s", what, seed, sl_backend_get_error (cpu));
      download (cpu, dst, got.pixels, (size_t) 16 * frame->width);
      diff = relative_difference (expected->pixels, got.pixels, n);
      SL_CHECK (diff <= TOLERANCE, "%s seed %u, %u threads: colour differs by %g", what, seed,
                sl_cpu_backend_get_n_threads (cpu), diff);
      if (depth != NULL)
        {
          download (cpu, depth, got.depth, (size_t) 4 * frame->width);
          diff = relative_difference (expected->depth, got.depth, n / 4);
          SL_CHECK (diff <= TOLERANCE, "%s seed %u: depth differs by %g", what, seed, diff);
        }
      SL_CHECK (sl_cpu_buffer_guards_intact (dst) && (depth == NULL || sl_cpu_buffer_guards_intact (depth)),
                "%s seed %u wrote out of bounds", what, seed);
      if (first == NULL)
        first = got.pixels, got.pixels = NULL;
      else
        SL_CHECK (memcmp (first, got.pixels, 4 * n) == 0, "%s seed %u: thread counts differ", what, seed);
      frame_clear (&got);
      sl_buffer_free (dst);
      if (tex != NULL)
        sl_buffer_free (tex);
      if (depth != NULL)
        sl_buffer_free (depth);
    }
  free (first);
}

typedef enum {
  CARD_AXIS_ALIGNED,  /* scale and translation: the Ken Burns card */
  CARD_ROTATED,       /* affine, turned */
  CARD_PERSPECTIVE,
  CARD_HORIZON,       /* the plane's horizon crosses the frame: partly behind the camera */
  CARD_NEAR_AFFINE,   /* a last row of 1e-9-ish: projective, but barely */
  CARD_BEHIND,        /* affine with q.z <= 0: nothing drawn */
  N_CARD_KINDS
} CardKind;

static const char *const card_kind_names[N_CARD_KINDS] = {
  "axis-aligned card", "rotated card", "perspective card", "card across the horizon",
  "nearly affine card", "card behind the camera",
};

/* A homography for a frame of W x H showing a texture of TW x TH: a card of
 * random size (from a fraction of a pixel to many times the frame) somewhere
 * around the frame, often partly off it, and the whole matrix multiplied by
 * a random positive scale (homographies are defined up to one). */
static void
random_homography (SlRng *rng, CardKind kind, uint32_t w, uint32_t h, uint32_t tw, uint32_t th, float H[9])
{
  /* Texels per pixel: from 1/300 (a texture blown up) to 300 (a speck). */
  float scale = expf (sl_rng_uniform (rng, -5.7f, 5.7f));
  float angle = kind == CARD_AXIS_ALIGNED || kind == CARD_BEHIND ? 0.0f : sl_rng_uniform (rng, -3.2f, 3.2f);
  float cs = cosf (angle) * scale, sn = sinf (angle) * scale;
  /* The frame's centre lands on a random point in and around the texture. */
  float cu = sl_rng_uniform (rng, -0.7f, 1.7f) * tw, cv = sl_rng_uniform (rng, -0.7f, 1.7f) * th;
  float k = expf (sl_rng_uniform (rng, -3.0f, 3.0f));
  float g = 0.0f, e = 0.0f;

  if (sl_rng_range (rng, 0, 3) == 0)
    {
      /* Anisotropic: one axis squeezed. */
      float squeeze = expf (sl_rng_uniform (rng, -2.0f, 2.0f));

      sn *= squeeze;
      cs *= kind == CARD_AXIS_ALIGNED ? squeeze : 1.0f;
    }
  switch (kind)
    {
    case CARD_PERSPECTIVE:
      g = sl_rng_uniform (rng, -1.0f, 1.0f) / (float) (w + h);
      e = sl_rng_uniform (rng, -1.0f, 1.0f) / (float) (w + h);
      break;
    case CARD_HORIZON:
      g = sl_rng_uniform (rng, -4.0f, 4.0f) / (float) (w + h);
      e = sl_rng_uniform (rng, -4.0f, 4.0f) / (float) (w + h);
      break;
    case CARD_NEAR_AFFINE:
      g = sl_rng_uniform (rng, -1e-9f, 1e-9f);
      e = sl_rng_range (rng, 0, 1) ? 0.0f : sl_rng_uniform (rng, -1e-9f, 1e-9f);
      break;
    default:
      break;
    }
  /* u = cs (x - w/2) - sn (y - h/2) + cu, likewise v, over q.z. */
  H[0] = cs;
  H[1] = kind == CARD_AXIS_ALIGNED ? 0.0f : -sn;
  H[2] = cu - cs * 0.5f * w + sn * 0.5f * h;
  H[3] = kind == CARD_AXIS_ALIGNED ? 0.0f : sn;
  H[4] = kind == CARD_AXIS_ALIGNED ? scale * (sl_rng_range (rng, 0, 1) ? 1.0f : 0.5f) : cs;
  if (kind == CARD_AXIS_ALIGNED && sl_rng_range (rng, 0, 2) == 0)
    {
      /* Mirrored along x, along y or both. */
      uint32_t flip = sl_rng_range (rng, 1, 3);

      H[0] = flip & 1 ? -H[0] : H[0];
      H[4] = flip & 2 ? -H[4] : H[4];
      H[2] = cu - H[0] * 0.5f * w;
    }
  H[5] = cv - H[3] * 0.5f * w - H[4] * 0.5f * h;
  H[6] = g;
  H[7] = e;
  H[8] = 1.0f - g * 0.5f * w - e * 0.5f * h;
  for (int i = 0; i < 9; i++)
    H[i] *= kind == CARD_BEHIND ? -k : k;
}

static void
test_draw_card_paths (void)
{
  for (uint32_t seed = 0; seed < 240; seed++)
    {
      CardKind kind = (CardKind) (seed % N_CARD_KINDS);
      SlRng rng;
      SlDrawCardParams p = { 0 };
      Texture texture;
      Frame frame, expected;
      uint32_t w, h, tw, th, tint_kind;

      sl_rng_init (&rng, 1000 + seed);
      /* Widths from 1 to past two tiles of 128; textures from 1 x 1. */
      w = sl_rng_range (&rng, 0, 3) == 0 ? sl_rng_range (&rng, 1, 4) : sl_rng_range (&rng, 1, 300);
      h = sl_rng_range (&rng, 1, 70);
      tw = sl_rng_range (&rng, 0, 4) == 0 ? sl_rng_range (&rng, 1, 3) : sl_rng_range (&rng, 1, 200);
      th = sl_rng_range (&rng, 1, 120);
      random_homography (&rng, kind, w, h, tw, th, p.homography);
      /* Tints of 1 (with no fog, a plain card), of 1 but in one channel,
       * or any. */
      tint_kind = sl_rng_range (&rng, 0, 2);
      for (int c = 0; c < 3; c++)
        {
          p.tint[c] = tint_kind == 2 ? sl_rng_uniform (&rng, 0.0f, 2.0f) : 1.0f;
          p.fog_color[c] = sl_rng_uniform (&rng, 0.0f, 1.5f);
        }
      if (tint_kind == 1)
        p.tint[sl_rng_range (&rng, 0, 2)] = sl_rng_uniform (&rng, 0.0f, 2.0f);
      p.opacity = sl_rng_range (&rng, 0, 2) ? 1.0f : sl_rng_uniform (&rng, -0.2f, 1.2f);
      p.fog_amount = sl_rng_range (&rng, 0, 1) ? 0.0f : sl_rng_uniform (&rng, -0.2f, 1.2f);
      /* Bias 0 lands the level on an integer for some scales, with f = 0. */
      p.lod_bias = sl_rng_range (&rng, 0, 2) == 0 ? 0.0f : sl_rng_uniform (&rng, -3.0f, 4.0f);
      p.depth_scale = sl_rng_uniform (&rng, 0.5f, 10.0f);
      texture_random (&texture, &rng, tw, th);
      frame_random (&frame, &rng, w, h, sl_rng_range (&rng, 0, 1));

      expected = frame_copy (&frame);
      reference_draw_card (&p, &texture, &expected);
      check_op (SL_OP_DRAW_CARD, &p, &frame, &texture, &expected, card_kind_names[kind], seed);
      frame_clear (&expected);
      frame_clear (&frame);
      free (texture.texels);
    }
}

/* Exact scales (1/2, 1, 2, 4 texels per pixel, bias 0) give integer levels of
 * detail: a fraction of exactly 0 reads one level; every pixel must still
 * match. */
static void
test_draw_card_integer_lod (void)
{
  static const float scales[] = { 0.5f, 1.0f, 2.0f, 4.0f, 0.25f };

  for (uint32_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
    {
      SlRng rng;
      SlDrawCardParams p = { .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1 };
      const float H[9] = { scales[i], 0, 3.0f, 0, scales[i], -2.0f, 0, 0, 1 };
      Texture texture;
      Frame frame, expected;

      sl_rng_init (&rng, 77 + i);
      memcpy (p.homography, H, sizeof H);
      texture_random (&texture, &rng, 97, 61);
      frame_random (&frame, &rng, 150, 40, true);
      expected = frame_copy (&frame);
      reference_draw_card (&p, &texture, &expected);
      check_op (SL_OP_DRAW_CARD, &p, &frame, &texture, &expected, "integer level", i);
      frame_clear (&expected);
      frame_clear (&frame);
      free (texture.texels);
    }
}

/* Cut-out layers (texels of all zeros around a shape, as the plate cutter
 * makes them) on axis-aligned cards facing either way along each axis,
 * magnified and minified: rows and runs of zeros are where the CPU takes
 * its shortcuts. */
static void
test_draw_card_cut_out (void)
{
  static const float scales[] = { 0.37f, 1.0f, 2.3f, 5.1f };
  SlRng rng;
  Texture texture;

  sl_rng_init (&rng, 4242);
  texture_random (&texture, &rng, 150, 90);
  for (uint32_t l = 0; l < texture.levels; l++)
    {
      uint32_t w = sl_level_size (150, l), h = sl_level_size (90, l);
      uint16_t *level = texture.texels + 4 * sl_texture_level_offset (150, 90, l);

      /* Clear outside a disc, and in a band across it. */
      for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
          {
            double dx = (x + 0.5) / w - 0.6, dy = (y + 0.5) / h - 0.5;

            if (dx * dx + dy * dy > 0.16 || fabs (dy - 0.1) < 0.05)
              memset (level + 4 * ((size_t) w * y + x), 0, 8);
          }
    }
  for (uint32_t i = 0; i < 4 * 4; i++)
    {
      float scale = scales[i % 4], sx = i & 4 ? -scale : scale, sy = i & 8 ? -scale : scale;
      SlDrawCardParams p = { .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1 };
      const float H[9] = { sx, 0, 75.0f - sx * 40.0f, 0, sy, 45.0f - sy * 25.0f, 0, 0, 1 };
      Frame frame, expected;

      memcpy (p.homography, H, sizeof H);
      frame_random (&frame, &rng, 80, 50, true);
      expected = frame_copy (&frame);
      reference_draw_card (&p, &texture, &expected);
      check_op (SL_OP_DRAW_CARD, &p, &frame, &texture, &expected, "cut-out", i);
      frame_clear (&expected);
      frame_clear (&frame);
    }

  /* Rows of zeros but for one texel, which lands on every place of a run. */
  memset (texture.texels, 0, 8 * texture.n_texels);
  for (uint32_t y = 0; y < 90; y++)
    for (int c = 0; c < 4; c++)
      texture.texels[4 * (150 * y + (y * 13) % 150) + c] = (uint16_t) (20000 + 500 * y);
  for (uint32_t i = 0; i < 4; i++)
    {
      float scale = scales[i];
      SlDrawCardParams p = { .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1 };
      const float H[9] = { scale, 0, 3.0f, 0, scale, 2.0f, 0, 0, 1 };
      Frame frame, expected;

      memcpy (p.homography, H, sizeof H);
      frame_random (&frame, &rng, 160, 90, false);
      expected = frame_copy (&frame);
      reference_draw_card (&p, &texture, &expected);
      check_op (SL_OP_DRAW_CARD, &p, &frame, &texture, &expected, "single texels", i);
      frame_clear (&expected);
      frame_clear (&frame);
    }
  free (texture.texels);
}

/* GRADE the obvious way: sl_grade_pixel() on every pixel. */
static void
reference_grade (const SlGradeParams *p, Frame *f)
{
  SlGradeSetup setup;

  sl_grade_setup (p, f->width, f->height, &setup);
  for (uint32_t y = 0; y < f->height; y++)
    {
      uint32_t row_seed = sl_grade_row_seed (p, y);

      for (uint32_t x = 0; x < f->width; x++)
        sl_grade_pixel (p, &setup, row_seed, (int32_t) x, (int32_t) y, f->pixels + 4 * ((size_t) f->width * y + x));
    }
}

/* A random look in which each step is, by turns, neutral (so that the
 * CPU skips it) or not. */
static void
random_look (SlRng *rng, SlGradeParams *p)
{
  memset (p, 0, sizeof *p);
  p->exposure = sl_rng_range (rng, 0, 2) == 0 ? 0.0f : sl_rng_uniform (rng, -3.0f, 3.0f);
  for (int i = 0; i < 9; i++)
    p->white_balance[i] = i % 4 == 0 ? 1.0f : 0.0f;
  if (sl_rng_range (rng, 0, 1))
    for (int i = 0; i < 9; i++)
      p->white_balance[i] += sl_rng_uniform (rng, -0.3f, 0.3f);
  p->contrast = sl_rng_range (rng, 0, 2) == 0 ? 1.0f : sl_rng_uniform (rng, 0.3f, 2.5f);
  p->pivot = sl_rng_uniform (rng, 0.05f, 0.6f);
  p->saturation = sl_rng_range (rng, 0, 2) == 0 ? 1.0f : sl_rng_uniform (rng, 0.0f, 2.5f);
  for (int c = 0; c < 3; c++)
    {
      p->lift[c] = sl_rng_range (rng, 0, 1) ? 0.0f : sl_rng_uniform (rng, -0.2f, 0.2f);
      p->gain[c] = sl_rng_range (rng, 0, 1) ? 1.0f : sl_rng_uniform (rng, 0.3f, 2.0f);
      p->gamma[c] = sl_rng_range (rng, 0, 1) ? 1.0f : sl_rng_uniform (rng, 0.3f, 3.0f);
    }
  p->vignette_amount = sl_rng_range (rng, 0, 1) ? 0.0f : sl_rng_uniform (rng, 0.0f, 1.0f);
  p->vignette_radius = sl_rng_uniform (rng, 0.0f, 1.0f);
  p->vignette_softness = sl_rng_range (rng, 0, 4) == 0 ? 0.0f : sl_rng_uniform (rng, 0.0f, 1.0f);
  p->grain_amount = sl_rng_range (rng, 0, 1) ? 0.0f : sl_rng_uniform (rng, 0.0f, 0.5f);
  p->grain_seed = sl_rng_u32 (rng);
  p->frame = sl_rng_u32 (rng);
}

/* Frames whose values reach every corner of the grade: zero and negative
 * channels, alpha of zero (kept as is), tiny alpha (huge straight colour),
 * values past the largest half float, and NaN. */
static void
frame_extreme (Frame *f, SlRng *rng, uint32_t width, uint32_t height)
{
  frame_random (f, rng, width, height, false);
  for (size_t i = 0; i < (size_t) width * height; i++)
    {
      float *p = f->pixels + 4 * i;

      switch (sl_rng_range (rng, 0, 11))
        {
        case 0:
          p[3] = sl_rng_uniform (rng, 0.0f, 1e-6f);
          break;
        case 1:
          p[sl_rng_range (rng, 0, 2)] = -sl_rng_uniform (rng, 0.0f, 1.0f);
          break;
        case 2:
          p[sl_rng_range (rng, 0, 2)] = sl_rng_uniform (rng, 0.0f, 1e6f);
          break;
        case 3:
          p[0] = p[1] = p[2] = 0.0f;
          break;
        case 4:
          p[sl_rng_range (rng, 0, 2)] = NAN;
          break;
        default:
          break;
        }
    }
}

static void
test_grade_paths (void)
{
  for (uint32_t seed = 0; seed < 200; seed++)
    {
      SlRng rng;
      SlGradeParams p;
      Frame frame, expected;
      /* Widths that end in one to three pixels past a group of four. */
      uint32_t w, h;

      sl_rng_init (&rng, 5000 + seed);
      w = sl_rng_range (&rng, 1, 70);
      h = sl_rng_range (&rng, 1, 30);
      random_look (&rng, &p);
      if (seed % 2)
        frame_extreme (&frame, &rng, w, h);
      else
        frame_random (&frame, &rng, w, h, false);
      expected = frame_copy (&frame);
      reference_grade (&p, &expected);
      check_op (SL_OP_GRADE, &p, &frame, NULL, &expected, "grade", seed);
      frame_clear (&expected);
      frame_clear (&frame);
    }
}

/* The CPU's own exp2 and log2 in the grade, over every exponent its
 * channels can have (subnormal to the largest half float) with random
 * mantissas, through contrast and gamma. */
static void
test_grade_powers (void)
{
  SlRng rng;
  SlGradeParams p;
  Frame frame, expected;

  sl_rng_init (&rng, 99);
  frame_random (&frame, &rng, 256, 64, false);
  for (size_t i = 0; i < 256 * 64; i++)
    {
      for (int c = 0; c < 3; c++)
        {
          uint32_t exponent = sl_rng_range (&rng, 0, 142);  /* 2^-127 .. 2^15 */

          frame.pixels[4 * i + c] = sl_bits_float ((exponent << 23) | (sl_rng_u32 (&rng) & 0x7fffffu));
        }
      frame.pixels[4 * i + 3] = 1.0f;
    }
  for (uint32_t k = 0; k < 8; k++)
    {
      random_look (&rng, &p);
      p.contrast = sl_rng_uniform (&rng, 0.2f, 3.0f);
      for (int c = 0; c < 3; c++)
        p.gamma[c] = sl_rng_uniform (&rng, 0.2f, 4.0f);
      expected = frame_copy (&frame);
      reference_grade (&p, &expected);
      check_op (SL_OP_GRADE, &p, &frame, NULL, &expected, "grade powers", k);
      frame_clear (&expected);
    }
  frame_clear (&frame);
}

/* TO_I420 and TO_NV12 against sl_yuv420_block() on every block, over widths
 * across the CPU's runs of pixels and its groups of four, with values near
 * the sRGB curve's linear toe, outside [0, 1], and NaN. */
static void
test_yuv_paths (void)
{
  for (uint32_t seed = 0; seed < 60; seed++)
    {
      SlRng rng;
      uint32_t w, h, cw, ch;
      bool nv12 = seed % 2;
      float *pixels;
      uint8_t *bytes, *expected;
      SlBuffer *frame, *planes;
      size_t size;
      SlStatus status;

      sl_rng_init (&rng, 7000 + seed);
      w = sl_rng_range (&rng, 1, 150);
      h = sl_rng_range (&rng, 1, 9);
      cw = (w + 1) / 2;
      ch = (h + 1) / 2;
      size = (size_t) w * h + 2 * (size_t) cw * ch;
      pixels = malloc (sizeof (float) * 4 * w * h);
      for (size_t i = 0; i < (size_t) 4 * w * h; i++)
        switch (sl_rng_range (&rng, 0, 9))
          {
          case 0:
            pixels[i] = sl_rng_uniform (&rng, 0.0f, 0.007f);
            break;
          case 1:
            pixels[i] = sl_rng_uniform (&rng, -1.0f, 3.0f);
            break;
          case 2:
            pixels[i] = sl_rng_range (&rng, 0, 3) ? 0.0031308f : NAN;
            break;
          default:
            pixels[i] = sl_rng_uniform (&rng, 0.0f, 1.0f);
            break;
          }
      expected = calloc (size, 1);
      for (uint32_t j = 0; j < ch; j++)
        for (uint32_t i = 0; i < cw; i++)
          {
            uint32_t x0 = 2 * i, x1 = x0 + 1 < w ? x0 + 1 : x0, y0 = 2 * j, y1 = y0 + 1 < h ? y0 + 1 : y0;
            const float *const block[4] = { pixels + 4 * (w * y0 + x0), pixels + 4 * (w * y0 + x1),
                                            pixels + 4 * (w * y1 + x0), pixels + 4 * (w * y1 + x1) };
            uint8_t luma[4], cb, cr;

            sl_yuv420_block (block, luma, &cb, &cr);
            expected[w * y0 + x0] = luma[0];
            expected[w * y0 + x1] = luma[1];
            expected[w * y1 + x0] = luma[2];
            expected[w * y1 + x1] = luma[3];
            if (nv12)
              {
                expected[(size_t) w * h + 2 * (cw * j + i)] = cb;
                expected[(size_t) w * h + 2 * (cw * j + i) + 1] = cr;
              }
            else
              {
                expected[(size_t) w * h + cw * j + i] = cb;
                expected[(size_t) w * h + (size_t) cw * ch + cw * j + i] = cr;
              }
          }

      frame = upload (cpus[seed % 3], SL_FORMAT_RGBA_F32, w, h, 1, pixels);
      bytes = calloc (size, 1);
      planes = upload (cpus[seed % 3], SL_FORMAT_R_U8, (uint32_t) size, 1, 1, bytes);
      if (nv12)
        {
          SlToNv12Params p = { 0, w, w * h, 2 * cw };

          status = sl_backend_run_op (cpus[seed % 3], SL_OP_TO_NV12, &p, sizeof p,
                                      &(SlOpBuffers) { planes, frame });
        }
      else
        {
          SlToI420Params p = { 0, w, w * h, cw, w * h + cw * ch, cw };

          status = sl_backend_run_op (cpus[seed % 3], SL_OP_TO_I420, &p, sizeof p,
                                      &(SlOpBuffers) { planes, frame });
        }
      SL_CHECK (status == SL_OK, "yuv seed %u: %s", seed, sl_backend_get_error (cpus[seed % 3]));
      download (cpus[seed % 3], planes, bytes, size);
      SL_CHECK (memcmp (bytes, expected, size) == 0, "%s seed %u (%u x %u) differs from sl_yuv420_block()",
                nv12 ? "nv12" : "i420", seed, w, h);
      sl_buffer_free (frame);
      sl_buffer_free (planes);
      free (bytes);
      free (expected);
      free (pixels);
    }
}

/* BLUR the obvious way: every tap of every pixel, index clamped, in tap
 * order, horizontal pass first. */
static void
reference_blur (float sigma, const Frame *src, Frame *dst)
{
  float weights[301], *tmp = malloc ((size_t) 16 * src->width * src->height);
  int32_t r = sl_gauss_weights (sigma, weights), w = (int32_t) src->width, h = (int32_t) src->height;

  for (int32_t y = 0; y < h; y++)
    for (int32_t x = 0; x < w; x++)
      for (int c = 0; c < 4; c++)
        {
          float acc = 0.0f;

          for (int32_t k = -r; k <= r; k++)
            {
              float t = weights[abs (k)] * src->pixels[4 * (w * y + sl_clampi (x + k, 0, w - 1)) + c];

              acc = k == -r ? t : acc + t;
            }
          tmp[4 * (w * y + x) + c] = acc;
        }
  for (int32_t y = 0; y < h; y++)
    for (int32_t x = 0; x < w; x++)
      for (int c = 0; c < 4; c++)
        {
          float acc = 0.0f;

          for (int32_t k = -r; k <= r; k++)
            {
              float t = weights[abs (k)] * tmp[4 * (w * sl_clampi (y + k, 0, h - 1) + x) + c];

              acc = k == -r ? t : acc + t;
            }
          dst->pixels[4 * (w * y + x) + c] = acc;
        }
  free (tmp);
}

/* BLUR over rows long and short against the taps (a row narrower than the
 * kernel is all edge), in place and not. */
static void
test_blur_paths (void)
{
  for (uint32_t seed = 0; seed < 40; seed++)
    {
      SlRng rng;
      SlBlurParams p;
      Frame src, expected;
      uint32_t w, h;
      bool in_place = seed % 2;

      sl_rng_init (&rng, 9000 + seed);
      w = sl_rng_range (&rng, 1, 120);
      h = sl_rng_range (&rng, 1, 40);
      p.sigma = seed % 7 == 0 ? 0.0f : sl_rng_uniform (&rng, 0.2f, seed % 5 == 0 ? 30.0f : 5.0f);
      frame_random (&src, &rng, w, h, false);
      expected = frame_copy (&src);
      reference_blur (p.sigma, &src, &expected);
      for (size_t k = 0; k < sizeof cpus / sizeof cpus[0]; k++)
        {
          SlBuffer *a = upload (cpus[k], SL_FORMAT_RGBA_F32, w, h, 1, src.pixels);
          SlBuffer *b = in_place ? a : upload (cpus[k], SL_FORMAT_RGBA_F32, w, h, 1, src.pixels);
          Frame got = frame_copy (&src);
          double diff;

          SL_CHECK (sl_backend_run_op (cpus[k], SL_OP_BLUR, &p, sizeof p, &(SlOpBuffers) { b, a }) == SL_OK,
                    "blur seed %u: %s", seed, sl_backend_get_error (cpus[k]));
          download (cpus[k], b, got.pixels, (size_t) 16 * w);
          diff = relative_difference (expected.pixels, got.pixels, (size_t) 4 * w * h);
          SL_CHECK (diff <= TOLERANCE, "blur seed %u (%u x %u, sigma %g), %u threads: differs by %g", seed, w, h,
                    p.sigma, sl_cpu_backend_get_n_threads (cpus[k]), diff);
          frame_clear (&got);
          if (b != a)
            sl_buffer_free (b);
          sl_buffer_free (a);
        }
      frame_clear (&expected);
      frame_clear (&src);
    }
}

/* BLOOM step by step as SlBloomParams tells it, one channel of one pixel at
 * a time. */
typedef struct {
  int32_t w, h;
  float  *l, *t, *u;
} BloomLevel;

static void
reference_bloom (const SlBloomParams *p, Frame *f)
{
  static const float binomial[5] = { 1.0f / 16, 4.0f / 16, 6.0f / 16, 4.0f / 16, 1.0f / 16 };
  BloomLevel levels[SL_BLOOM_MAX_LEVELS];
  int32_t n = (int32_t) p->levels;

  for (int32_t k = 0; k < n; k++)
    {
      BloomLevel *v = &levels[k];
      const float *from = k == 0 ? f->pixels : levels[k - 1].l;
      int32_t sw = k == 0 ? (int32_t) f->width : levels[k - 1].w, sh = k == 0 ? (int32_t) f->height : levels[k - 1].h;

      v->w = (int32_t) sl_level_size (f->width, (uint32_t) k + 1);
      v->h = (int32_t) sl_level_size (f->height, (uint32_t) k + 1);
      v->l = calloc ((size_t) 4 * v->w * v->h, sizeof (float));
      v->t = calloc ((size_t) 4 * v->w * v->h, sizeof (float));
      v->u = calloc ((size_t) 4 * v->w * v->h, sizeof (float));
      for (int32_t y = 0; y < v->h; y++)
        for (int32_t x = 0; x < v->w; x++)
          {
            SlBoxTaps ty = sl_box_taps ((uint32_t) y, (uint32_t) v->h, (uint32_t) sh);
            SlBoxTaps tx = sl_box_taps ((uint32_t) x, (uint32_t) v->w, (uint32_t) sw);

            for (int j = 0; j < 3; j++)
              for (int i = 0; i < 3; i++)
                {
                  float weight = ty.weight[j] * tx.weight[i], c[3];
                  const float *in = from + 4 * ((size_t) sw * (ty.first + j) + tx.first + i);

                  if (weight == 0.0f)
                    continue;
                  if (k == 0)
                    sl_bloom_prefilter (p->threshold, p->knee, in, c);
                  else
                    memcpy (c, in, sizeof c);
                  for (int ch = 0; ch < 3; ch++)
                    v->l[4 * (v->w * y + x) + ch] += weight * c[ch];
                }
          }
    }
  for (int32_t k = n - 1; k >= 0; k--)
    {
      BloomLevel *v = &levels[k], *below = k + 1 < n ? &levels[k + 1] : NULL;

      for (int32_t y = 0; y < v->h; y++)
        for (int32_t x = 0; x < v->w; x++)
          for (int ch = 0; ch < 4; ch++)
            for (int i = 0; i < 5; i++)
              v->t[4 * (v->w * y + x) + ch] += binomial[i] * v->l[4 * (v->w * y + sl_clampi (x + i - 2, 0, v->w - 1)) + ch];
      for (int32_t y = 0; y < v->h; y++)
        for (int32_t x = 0; x < v->w; x++)
          {
            float *out = v->u + 4 * (v->w * y + x), up[4];

            for (int ch = 0; ch < 4; ch++)
              for (int i = 0; i < 5; i++)
                out[ch] += binomial[i] * v->t[4 * (v->w * sl_clampi (y + i - 2, 0, v->h - 1) + x) + ch];
            if (below == NULL)
              continue;
            sl_image_bilinear (below->u, below->w, below->h, ((float) x + 0.5f) * ((float) below->w / (float) v->w),
                               ((float) y + 0.5f) * ((float) below->h / (float) v->h), up);
            for (int ch = 0; ch < 3; ch++)
              out[ch] += up[ch];
          }
    }
  for (uint32_t y = 0; y < f->height; y++)
    for (uint32_t x = 0; x < f->width; x++)
      {
        float glow[4], *out = f->pixels + 4 * ((size_t) f->width * y + x);

        sl_image_bilinear (levels[0].u, levels[0].w, levels[0].h,
                           ((float) x + 0.5f) * ((float) levels[0].w / (float) f->width),
                           ((float) y + 0.5f) * ((float) levels[0].h / (float) f->height), glow);
        for (int ch = 0; ch < 3; ch++)
          out[ch] += p->intensity / (float) p->levels * glow[ch];
      }
  for (int32_t k = 0; k < n; k++)
    {
      free (levels[k].l);
      free (levels[k].t);
      free (levels[k].u);
    }
}

/* BLOOM over sizes even and odd, down to levels of one pixel. */
static void
test_bloom_paths (void)
{
  for (uint32_t seed = 0; seed < 40; seed++)
    {
      SlRng rng;
      SlBloomParams p;
      Frame frame, expected;

      sl_rng_init (&rng, 11000 + seed);
      frame_random (&frame, &rng, sl_rng_range (&rng, 1, 90), sl_rng_range (&rng, 1, 60), false);
      p.threshold = sl_rng_uniform (&rng, 0.0f, 1.5f);
      p.knee = seed % 3 == 0 ? 0.0f : sl_rng_uniform (&rng, 0.0f, 0.5f);
      p.intensity = sl_rng_uniform (&rng, 0.0f, 2.0f);
      p.levels = sl_rng_range (&rng, 1, SL_BLOOM_MAX_LEVELS);
      expected = frame_copy (&frame);
      reference_bloom (&p, &expected);
      check_op (SL_OP_BLOOM, &p, &frame, NULL, &expected, "bloom", seed);
      frame_clear (&expected);
      frame_clear (&frame);
    }
}

/* SKY without stars and clouds (the CPU's path four pixels at a time)
 * against sl_sky_shade() on every pixel, for cameras looking anywhere. */
static void
test_sky_paths (void)
{
  for (uint32_t seed = 0; seed < 40; seed++)
    {
      SlRng rng;
      SlSkyParams p = { 0 };
      SlSkySetup setup;
      Frame frame, expected;
      uint32_t w, h;
      float focal, yaw, pitch, n = 0.0f;

      sl_rng_init (&rng, 13000 + seed);
      w = sl_rng_range (&rng, 1, 90);
      h = sl_rng_range (&rng, 1, 30);
      focal = sl_rng_uniform (&rng, 0.3f, 3.0f) * (float) w;
      yaw = sl_rng_uniform (&rng, -3.2f, 3.2f);
      pitch = sl_rng_uniform (&rng, -1.5f, 1.5f);
      {
        /* Rays R (yaw, then pitch) K^-1 (x + 0.5, y + 0.5, 1), looking along -z. */
        float cy = cosf (yaw), sy = sinf (yaw), cp = cosf (pitch), sp = sinf (pitch);
        float r[9] = { cy, sy * sp, sy * cp, 0, cp, -sp, -sy, cy * sp, cy * cp };
        float k[9] = { 1 / focal, 0, -0.5f * w / focal, 0, -1 / focal, 0.5f * h / focal, 0, 0, -1 };

        for (int i = 0; i < 3; i++)
          for (int j = 0; j < 3; j++)
            p.ray_matrix[3 * i + j] = r[3 * i] * k[j] + r[3 * i + 1] * k[3 + j] + r[3 * i + 2] * k[6 + j];
      }
      for (int c = 0; c < 3; c++)
        {
          p.zenith[c] = sl_rng_uniform (&rng, 0.0f, 1.0f);
          p.horizon[c] = sl_rng_uniform (&rng, 0.0f, 1.0f);
          p.sun_color[c] = sl_rng_uniform (&rng, 0.0f, 30.0f);
          p.cloud_color[c] = sl_rng_uniform (&rng, 0.0f, 1.0f);
          p.sun_dir[c] = sl_rng_uniform (&rng, -1.0f, 1.0f);
          n += p.sun_dir[c] * p.sun_dir[c];
        }
      for (int c = 0; c < 3; c++)
        p.sun_dir[c] /= sqrtf (n + 1e-12f);
      p.sun_radius = sl_rng_uniform (&rng, 0.005f, 0.5f);
      p.sun_glow = sl_rng_uniform (&rng, 0.0f, 3.0f);
      frame_random (&frame, &rng, w, h, false);
      expected = frame_copy (&frame);
      sl_sky_setup (&p, &setup);
      for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
          {
            float *out = expected.pixels + 4 * ((size_t) w * y + x);

            sl_sky_shade (&p, &setup, (float) x + 0.5f, (float) y + 0.5f, 0, 0, out);
            out[3] = 1.0f;
          }
      check_op (SL_OP_SKY, &p, &frame, NULL, &expected, "sky", seed);
      frame_clear (&expected);
      frame_clear (&frame);
    }
}

int
main (void)
{
  static const uint32_t threads[3] = { 1, 2, 3 };
  char reason[256];

  for (int i = 0; i < 3; i++)
    {
      cpus[i] = sl_backend_new (&sl_cpu_backend_iface, &(SlBackendOptions) { .n_threads = threads[i] },
                                reason, sizeof reason);
      if (cpus[i] == NULL)
        {
          printf ("Bail out! %s\n", reason);
          return 1;
        }
    }
  sl_tap_run ("draw-card: every path matches sl_card_shade()", test_draw_card_paths);
  sl_tap_run ("draw-card: integer levels of detail", test_draw_card_integer_lod);
  sl_tap_run ("draw-card: cut-out layers, facing either way", test_draw_card_cut_out);
  sl_tap_run ("grade: every path matches sl_grade_pixel()", test_grade_paths);
  sl_tap_run ("grade: exp2 and log2 over the range", test_grade_powers);
  sl_tap_run ("to-i420 and to-nv12 match sl_yuv420_block()", test_yuv_paths);
  sl_tap_run ("blur matches the sum of its taps", test_blur_paths);
  sl_tap_run ("bloom matches its steps one by one", test_bloom_paths);
  sl_tap_run ("plain sky matches sl_sky_shade()", test_sky_paths);
  for (int i = 0; i < 3; i++)
    sl_backend_free (cpus[i]);
  return sl_tap_done ();
}
