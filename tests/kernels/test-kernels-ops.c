/* test-kernels-ops.c: each op on the CPU backend against analytic results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-kernels-harness.h"
#include "sl-tap.h"
#include "common/sl-color.h"
#include "common/sl-yuv.h"

#include <stdlib.h>
#include <string.h>

static SlBackend *cpu;

/* A buffer on the CPU backend holding DATA (all levels, packed), or garbage
 * when DATA is NULL. */
static SlBuffer *
buffer_with (SlFormat format, uint32_t width, uint32_t height, uint32_t levels, const void *data)
{
  SlBufferDesc desc = { format, width, height, levels };
  SlBuffer *buffer = NULL;

  if (sl_buffer_new (cpu, &desc, &buffer) != SL_OK)
    abort ();
  if (data != NULL)
    {
      SlHostImage *image = sl_host_image_new (&desc);

      memcpy (image->data, data, image->size);
      sl_host_image_upload (cpu, buffer, image);
      sl_host_image_free (image);
    }
  return buffer;
}

static SlBuffer *
frame_filled (uint32_t width, uint32_t height, float r, float g, float b, float a)
{
  SlBuffer *frame = buffer_with (SL_FORMAT_RGBA_F32, width, height, 1, NULL);
  SlClearParams clear = { { r, g, b, a } };

  sl_backend_run_op (cpu, SL_OP_CLEAR, &clear, sizeof clear, &(SlOpBuffers) { .dst = frame });
  return frame;
}

/* Level 0 of BUFFER as host memory; free () it. */
static void *
read_back (const SlBuffer *buffer)
{
  void *data = malloc (sl_buffer_get_level_size (buffer, 0));

  sl_backend_download (cpu, buffer, 0, data, sl_buffer_get_row_size (buffer, 0));
  return data;
}

static SlStatus
run (SlOp op, const void *params, SlBuffer *dst, SlBuffer *src, SlBuffer *aux)
{
  SlStatus status = sl_backend_run_op (cpu, op, params, sl_op_get_params_size (op),
                                       &(SlOpBuffers) { dst, src, aux });

  SL_CHECK (status == SL_OK, "%s failed: %s", sl_op_get_name (op), sl_backend_get_error (cpu));
  return status;
}

/* A texture of W x H with every mip level, level 0 from TEXELS. */
static SlBuffer *
texture_from (uint32_t w, uint32_t h, const uint16_t *texels)
{
  uint32_t levels = 1;
  SlBuffer *texture;
  SlMipGenerateParams mips = { 0 };

  for (uint32_t s = w > h ? w : h; s > 1; s >>= 1)
    levels++;
  texture = buffer_with (SL_FORMAT_RGBA_U16, w, h, levels, NULL);
  sl_backend_upload (cpu, texture, 0, texels, (size_t) 8 * w);
  run (SL_OP_MIP_GENERATE, &mips, texture, NULL, NULL);
  return texture;
}

static uint16_t *
random_texels (uint32_t w, uint32_t h, uint32_t seed)
{
  uint16_t *t = malloc ((size_t) 8 * w * h);
  SlRng rng;

  sl_rng_init (&rng, seed);
  for (size_t i = 0; i < (size_t) w * h; i++)
    {
      uint32_t a = sl_rng_range (&rng, 0, 65535);

      for (int c = 0; c < 3; c++)
        t[4 * i + c] = (uint16_t) sl_rng_range (&rng, 0, a);
      t[4 * i + 3] = (uint16_t) a;
    }
  return t;
}

static SlDrawCardParams
card_params (const float h[9])
{
  SlDrawCardParams p = { .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1 };

  memcpy (p.homography, h, sizeof p.homography);
  return p;
}

static void
test_clear (void)
{
  SlBuffer *frame = frame_filled (7, 3, 0.25f, 0.5f, 2.0f, 1.0f);
  float *f = read_back (frame);

  for (int i = 0; i < 7 * 3; i++)
    SL_CHECK (f[4 * i] == 0.25f && f[4 * i + 1] == 0.5f && f[4 * i + 2] == 2.0f && f[4 * i + 3] == 1.0f,
              "pixel %d", i);
  free (f);
  sl_buffer_free (frame);
}

/* The identity maps pixel centres onto texel centres: the texture comes back
 * exactly, over a transparent frame. */
static void
test_card_identity (void)
{
  const float identity[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
  SlDrawCardParams p = card_params (identity);
  uint16_t *texels = random_texels (37, 23, 3);
  SlBuffer *texture = texture_from (37, 23, texels);
  SlBuffer *frame = frame_filled (37, 23, 0, 0, 0, 0);
  float *f;

  run (SL_OP_DRAW_CARD, &p, frame, texture, NULL);
  f = read_back (frame);
  for (int i = 0; i < 37 * 23 * 4; i++)
    if (!SL_CHECK (f[i] == (float) texels[i] * (1.0f / 65535.0f), "value %d: %g, not %g", i, f[i],
                   texels[i] / 65535.0))
      break;
  free (f);
  free (texels);
  sl_buffer_free (frame);
  sl_buffer_free (texture);
}

/* Shifted by half a texel, each pixel is the mean of two neighbours. */
static void
test_card_half_texel (void)
{
  const float shift[9] = { 1, 0, 0.5f, 0, 1, 0, 0, 0, 1 };
  SlDrawCardParams p = card_params (shift);
  uint16_t *texels = random_texels (16, 8, 4);
  SlBuffer *texture = texture_from (16, 8, texels);
  SlBuffer *frame = frame_filled (16, 8, 0, 0, 0, 0);
  float *f;

  run (SL_OP_DRAW_CARD, &p, frame, texture, NULL);
  f = read_back (frame);
  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 15; x++)
      for (int c = 0; c < 4; c++)
        {
          double expected = (texels[4 * (16 * y + x) + c] + texels[4 * (16 * y + x + 1) + c]) / 2.0 / 65535.0;

          SL_CHECK (fabs (f[4 * (16 * y + x) + c] - expected) < 1e-6, "pixel %d,%d: %g, not %g",
                    x, y, f[4 * (16 * y + x) + c], expected);
        }
  /* The last column's centre sits on the border: half covered. */
  SL_CHECK (fabs (f[4 * 15 + 3] - 0.5 * texels[4 * 15 + 3] / 65535.0) < 1e-6, "border coverage %g", f[4 * 15 + 3]);
  free (f);
  free (texels);
  sl_buffer_free (frame);
  sl_buffer_free (texture);
}

/* Mean and deviation of the red channel of a 64 x 64 frame, two pixels in
 * from its edges (where the card's border coverage is). */
static void
checker_stats (const float *f, double *mean, double *deviation)
{
  double sum = 0.0, squares = 0.0;
  int n = 0;

  for (int y = 2; y < 62; y++)
    for (int x = 2; x < 62; x++, n++)
      {
        sum += f[4 * (64 * y + x)];
        squares += (double) f[4 * (64 * y + x)] * f[4 * (64 * y + x)];
      }
  *mean = sum / n;
  *deviation = sqrt (fmax (0.0, squares / n - *mean * *mean));
}

/* A 4-texel checkerboard minified 8 times reads the mips: flat grey. Forcing
 * level 0 (a large negative bias) must alias, which proves the measure. */
static void
test_card_minified_checker (void)
{
  const uint32_t size = 512;
  /* Offset so that level-0 samples fall inside cells, not on their edges. */
  const float scale8[9] = { 8, 0, 2, 0, 8, 2, 0, 0, 1 };
  uint16_t *texels = malloc ((size_t) 8 * size * size);
  SlBuffer *texture, *frame;
  SlDrawCardParams p = card_params (scale8);
  double mean, deviation;
  float *f;

  for (uint32_t y = 0; y < size; y++)
    for (uint32_t x = 0; x < size; x++)
      {
        uint16_t v = ((x / 4) + (y / 4)) % 2 ? 65535 : 0;

        for (int c = 0; c < 3; c++)
          texels[4 * (size * y + x) + c] = v;
        texels[4 * (size * y + x) + 3] = 65535;
      }
  texture = texture_from (size, size, texels);

  frame = frame_filled (64, 64, 0, 0, 0, 0);
  run (SL_OP_DRAW_CARD, &p, frame, texture, NULL);
  f = read_back (frame);
  checker_stats (f, &mean, &deviation);
  SL_CHECK (fabs (mean - 0.5) < 0.01 && deviation < 0.01, "mips: mean %g, deviation %g", mean, deviation);
  free (f);

  p.homography[0] = p.homography[4] = 7.3f;  /* between levels: trilinear */
  run (SL_OP_DRAW_CARD, &p, frame, texture, NULL);
  f = read_back (frame);
  checker_stats (f, &mean, &deviation);
  SL_CHECK (fabs (mean - 0.5) < 0.02 && deviation < 0.1, "trilinear: mean %g, deviation %g", mean, deviation);
  free (f);

  p.homography[0] = p.homography[4] = 8.0f;
  p.lod_bias = -10.0f;
  sl_buffer_free (frame);
  frame = frame_filled (64, 64, 0, 0, 0, 0);
  run (SL_OP_DRAW_CARD, &p, frame, texture, NULL);
  f = read_back (frame);
  checker_stats (f, &mean, &deviation);
  SL_CHECK (fabs (mean - 0.5) > 0.3 || deviation > 0.3, "level 0 should alias: mean %g, deviation %g",
            mean, deviation);
  free (f);

  free (texels);
  sl_buffer_free (frame);
  sl_buffer_free (texture);
}

/* A flat card placed at a fractional offset: coverage ramps over one pixel at
 * its edges; tint, fog and opacity follow their formulas; depth is written
 * only where the card is more than half there. */
static void
test_card_edges_colour_depth (void)
{
  const float place[9] = { 1, 0, -3.25f, 0, 1, -2.0f, 0, 0, 1 };  /* texel (0,0) at pixel (3.25, 2) */
  SlDrawCardParams p = card_params (place);
  uint16_t texels[10 * 10 * 4];
  SlBuffer *texture, *frame, *depth;
  float *f, *d, zero = 0.0f;

  for (int i = 0; i < 100; i++)
    {
      texels[4 * i + 0] = 32768;
      texels[4 * i + 1] = 16384;
      texels[4 * i + 2] = 0;
      texels[4 * i + 3] = 65535;
    }
  texture = texture_from (10, 10, texels);
  frame = frame_filled (16, 16, 0, 0, 0, 1);
  depth = buffer_with (SL_FORMAT_R_F32, 16, 16, 1, NULL);
  {
    float far[16 * 16];

    for (int i = 0; i < 256; i++)
      far[i] = 1000.0f;
    sl_backend_upload (cpu, depth, 0, far, 16 * sizeof (float));
  }
  p.tint[0] = 0.5f;
  p.fog_color[1] = 1.0f;
  p.fog_amount = 0.25f;
  p.opacity = 0.8f;
  p.depth_scale = 7.0f;
  run (SL_OP_DRAW_CARD, &p, frame, texture, depth);
  f = read_back (frame);
  d = read_back (depth);
  {
    /* Inside: s = (0.5 * 0.5, 0.25, 0) fogged a quarter toward (0, 1, 0). */
    float *in = f + 4 * (16 * 6 + 8);
    double r = 0.75 * 0.5 * 32768 / 65535.0, g = 0.75 * 16384 / 65535.0 + 0.25;

    SL_CHECK (fabs (in[0] - 0.8 * r) < 1e-5 && fabs (in[1] - 0.8 * g) < 1e-5 && fabs (in[3] - 1.0) < 1e-6,
              "inside: %g %g %g %g", in[0], in[1], in[2], in[3]);
    SL_CHECK (d[16 * 6 + 8] == 7.0f, "depth inside %g", d[16 * 6 + 8]);
  }
  /* Column 3 has its centre at 3.5: a quarter texel inside, coverage 0.75. */
  SL_CHECK (fabs (f[4 * (16 * 6 + 3) + 0] - 0.75 * 0.8 * 0.75 * 0.5 * 32768 / 65535.0) < 1e-5,
            "left edge %g", f[4 * (16 * 6 + 3)]);
  SL_CHECK (d[16 * 6 + 3] == 7.0f, "depth at 0.6 alpha");
  /* Column 13 (centre 13.5) is a quarter inside: alpha 0.2, no depth. */
  SL_CHECK (fabs (f[4 * (16 * 6 + 13) + 0] - 0.25 * 0.8 * 0.75 * 0.5 * 32768 / 65535.0) < 1e-5,
            "right edge %g", f[4 * (16 * 6 + 13)]);
  SL_CHECK (d[16 * 6 + 13] == 1000.0f && d[16 * 6 + 14] == 1000.0f && d[16 * 1 + 8] == 1000.0f,
            "depth written outside the card");
  SL_CHECK (f[4 * (16 * 6 + 14)] == 0.0f && f[4 * (16 * 6 + 14) + 3] == 1.0f, "outside the card");
  free (f);
  free (d);

  /* Behind the camera (q.z < 0 everywhere): nothing drawn. */
  p.homography[8] = -1.0f;
  sl_buffer_free (frame);
  frame = frame_filled (16, 16, 0, 0, 0, 0);
  run (SL_OP_DRAW_CARD, &p, frame, texture, NULL);
  f = read_back (frame);
  for (int i = 0; i < 16 * 16 * 4; i++)
    if (!SL_CHECK (f[i] == zero, "a card behind the camera drew pixel %d", i / 4))
      break;
  free (f);
  sl_buffer_free (depth);
  sl_buffer_free (frame);
  sl_buffer_free (texture);
}

/* A camera whose rays are ray_matrix * (x + 0.5, y + 0.5, 1): looking along
 * -z with +y up, yawed by YAW about the world's y axis. */
static void
sky_camera (SlSkyParams *p, uint32_t w, uint32_t h, float focal, float yaw, float pitch)
{
  float cy = cosf (yaw), sy = sinf (yaw), cp = cosf (pitch), sp = sinf (pitch);
  /* camera -> world: yaw (about y) after pitch (about x). */
  float r[9] = { cy, sy * sp, sy * cp, 0, cp, -sp, -sy, cy * sp, cy * cp };
  float inv_k[9] = { 1 / focal, 0, -0.5f * w / focal, 0, -1 / focal, 0.5f * h / focal, 0, 0, -1 };

  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      p->ray_matrix[3 * i + j] = r[3 * i] * inv_k[j] + r[3 * i + 1] * inv_k[3 + j] + r[3 * i + 2] * inv_k[6 + j];
}

static void
test_sky_gradient_and_sun (void)
{
  SlSkyParams p = {
    .zenith = { 0.1f, 0.2f, 0.8f },
    .horizon = { 0.9f, 0.8f, 0.7f },
    .sun_dir = { 0, 0, -1 },
    .sun_color = { 10, 9, 8 },
    .sun_radius = 0.05f,
  };
  SlBuffer *frame = buffer_with (SL_FORMAT_RGBA_F32, 64, 64, 1, NULL);
  float *f;

  /* Looking at the horizon: the centre row is horizon colour plus the sun. */
  sky_camera (&p, 64, 64, 64.0f, 0.0f, 0.0f);
  run (SL_OP_SKY, &p, frame, NULL, NULL);
  f = read_back (frame);
  SL_CHECK (fabsf (f[4 * (64 * 32 + 32)] - 10.9f) < 0.01f, "the sun at the centre: %g", f[4 * (64 * 32 + 32)]);
  SL_CHECK (fabsf (f[4 * (64 * 32 + 1) + 2] - 0.7f) < 0.01f, "horizon away from the sun: %g",
            f[4 * (64 * 32 + 1) + 2]);
  for (int i = 0; i < 64 * 64; i++)
    SL_CHECK (f[4 * i + 3] == 1.0f, "sky pixels are opaque");
  free (f);

  /* Straight up: zenith colour. */
  sky_camera (&p, 64, 64, 64.0f, 0.0f, 1.5707964f);
  run (SL_OP_SKY, &p, frame, NULL, NULL);
  f = read_back (frame);
  SL_CHECK (fabsf (f[4 * (64 * 32 + 32) + 2] - 0.8f) < 0.01f, "zenith: %g", f[4 * (64 * 32 + 32) + 2]);
  free (f);
  sl_buffer_free (frame);
}

/* Camera yaw and pitch of sky_camera(), for projecting world directions. */
typedef struct {
  float yaw, pitch, focal;
  uint32_t w, h;
} SkyView;

static void
sky_view_apply (const SkyView *v, SlSkyParams *p)
{
  sky_camera (p, v->w, v->h, v->focal, v->yaw, v->pitch);
}

/* The pixel a world direction D lands on. */
static void
sky_view_project (const SkyView *v, const float d[3], float *x, float *y)
{
  float cy = cosf (v->yaw), sy = sinf (v->yaw), cp = cosf (v->pitch), sp = sinf (v->pitch);
  float r[9] = { cy, sy * sp, sy * cp, 0, cp, -sp, -sy, cy * sp, cy * cp };
  /* world -> camera is R^T */
  float cx = r[0] * d[0] + r[3] * d[1] + r[6] * d[2];
  float cyy = r[1] * d[0] + r[4] * d[1] + r[7] * d[2];
  float cz = r[2] * d[0] + r[5] * d[1] + r[8] * d[2];

  *x = v->focal * cx / -cz + 0.5f * v->w;
  *y = 0.5f * v->h - v->focal * cyy / -cz;
}

/* The star at the brightest pixel of F must show up where its world direction
 * lands when the camera turns: stars are fixed in the world, not on screen. */
static void
test_sky_stars_fixed_in_world (void)
{
  SlSkyParams p = { .star_amount = 0.5f, .seed = 11, .sun_dir = { 0, -1, 0 } };
  SkyView a = { 0.3f, 0.6f, 600.0f, 200, 150 }, b = { 0.33f, 0.62f, 600.0f, 200, 150 };
  SlBuffer *frame = buffer_with (SL_FORMAT_RGBA_F32, 200, 150, 1, NULL);
  float *f, *g, peak = 0.0f, best = 0.0f, dir[3], n, px, py;
  uint32_t at = 0;

  sky_view_apply (&a, &p);
  run (SL_OP_SKY, &p, frame, NULL, NULL);
  f = read_back (frame);
  /* The brightest pixel in the middle of the frame, and its world direction. */
  for (uint32_t y = 40; y < 110; y++)
    for (uint32_t x = 60; x < 140; x++)
      if (f[4 * (200 * y + x)] > peak)
        {
          peak = f[4 * (200 * y + x)];
          at = 200 * y + x;
        }
  for (int i = 0; i < 3; i++)
    dir[i] = p.ray_matrix[3 * i] * ((float) (at % 200) + 0.5f) + p.ray_matrix[3 * i + 1] * ((float) (at / 200) + 0.5f)
             + p.ray_matrix[3 * i + 2];
  n = 1.0f / sqrtf (dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
  for (int i = 0; i < 3; i++)
    dir[i] *= n;

  sky_view_apply (&b, &p);
  run (SL_OP_SKY, &p, frame, NULL, NULL);
  g = read_back (frame);
  sky_view_project (&b, dir, &px, &py);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int x = (int) px + dx, y = (int) py + dy;

        if (x >= 0 && x < 200 && y >= 0 && y < 150)
          best = fmaxf (best, g[4 * (200 * y + x)]);
      }
  SL_CHECK (peak > 0.05f, "no star in view");
  SL_CHECK (best > 0.5f * peak, "the star at %u did not follow the world (%g at %g,%g, was %g)", at, best, px, py,
            peak);
  SL_CHECK (fabsf (px - (float) (at % 200)) > 5.0f, "the camera turn must move the star on screen");

  /* Another seed, another sky. */
  p.seed = 12;
  run (SL_OP_SKY, &p, frame, NULL, NULL);
  free (f);
  f = read_back (frame);
  SL_CHECK (memcmp (f, g, (size_t) 16 * 200 * 150) != 0, "the seed changes the stars");
  free (f);
  free (g);
  sl_buffer_free (frame);
}

static void
test_sky_clouds (void)
{
  SlSkyParams p = {
    .zenith = { 0.1f, 0.2f, 0.8f }, .horizon = { 0.1f, 0.2f, 0.8f },
    .sun_dir = { 0, -1, 0 }, .cloud_color = { 1, 1, 1 }, .cloud_amount = 1.0f,
    .cloud_scale = 6.0f, .cloud_top = 0.9f,
  };
  SlBuffer *frame = buffer_with (SL_FORMAT_RGBA_F32, 80, 60, 1, NULL);
  int cloudy = 0, clear = 0;
  float *f;

  sky_camera (&p, 80, 60, 50.0f, 0.0f, 0.5f);
  run (SL_OP_SKY, &p, frame, NULL, NULL);
  f = read_back (frame);
  for (int i = 0; i < 80 * 60; i++)
    {
      cloudy += f[4 * i] > 0.5f;
      clear += f[4 * i] == 0.1f;
      SL_CHECK (f[4 * i] >= 0.1f - 1e-6f && f[4 * i] <= 1.0f + 1e-6f, "cloud mix stays between its colours");
    }
  SL_CHECK (cloudy > 80 && clear > 80, "clouds cover part of the sky: %d cloudy, %d clear", cloudy, clear);
  free (f);
  sl_buffer_free (frame);
}

static void
test_particles (void)
{
  float records[3 * SL_PARTICLE_FLOATS] = {
    10.5f, 10.5f, 4.0f, 1.0f, 1.0f, 0.5f, 0.25f, 0.0f,   /* hard disc */
    30.0f, 10.0f, 0.25f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f,   /* sub-pixel */
    50.0f, 10.0f, 0.5f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f,    /* half-pixel */
  };
  SlBuffer *particles = buffer_with (SL_FORMAT_R_F32, SL_PARTICLE_FLOATS, 3, 1, records);
  SlBuffer *frame = frame_filled (64, 20, 0, 0, 0, 0);
  SlParticlesParams p = { 3, 1.0f };
  double small = 0.0, half = 0.0;
  float *f;

  run (SL_OP_PARTICLES, &p, frame, particles, NULL);
  f = read_back (frame);
  SL_CHECK (f[4 * (64 * 10 + 10)] == 1.0f && f[4 * (64 * 10 + 10) + 1] == 0.5f && f[4 * (64 * 10 + 10) + 3] == 1.0f,
            "the centre of a hard particle is its colour");
  SL_CHECK (f[4 * (64 * 10 + 15) + 3] == 0.0f && f[4 * (64 * 16 + 10) + 3] == 0.0f, "outside the radius");
  SL_CHECK (f[4 * (64 * 12 + 13) + 3] > 0.0f && f[4 * (64 * 12 + 13) + 3] < 1.0f, "an antialiased rim");
  for (int y = 7; y < 14; y++)
    for (int x = 0; x < 7; x++)
      {
        small += f[4 * (64 * y + 27 + x) + 3];
        half += f[4 * (64 * y + 47 + x) + 3];
      }
  SL_CHECK (small > 0.0 && fabs (small / half - 0.25) < 1e-4,
            "sub-pixel particles keep energy in proportion to area: %g / %g", small, half);
  free (f);

  /* Order matters: the later particle is on top. */
  records[SL_PARTICLE_FLOATS + 0] = 10.5f;
  records[SL_PARTICLE_FLOATS + 1] = 10.5f;
  records[SL_PARTICLE_FLOATS + 2] = 3.0f;
  records[SL_PARTICLE_FLOATS + 6] = 0.0f;
  sl_backend_upload (cpu, particles, 0, records, SL_PARTICLE_FLOATS * sizeof (float));
  p.count = 2;
  run (SL_OP_PARTICLES, &p, frame, particles, NULL);
  f = read_back (frame);
  SL_CHECK (f[4 * (64 * 10 + 10) + 2] == 0.0f, "the second particle covers the first");
  free (f);
  sl_buffer_free (particles);
  sl_buffer_free (frame);
}

static SlGradeParams
neutral_grade (void)
{
  SlGradeParams p = {
    .white_balance = { 1, 0, 0, 0, 1, 0, 0, 0, 1 },
    .contrast = 1, .pivot = 0.18f, .saturation = 1,
    .gamma = { 1, 1, 1 }, .gain = { 1, 1, 1 },
    .vignette_radius = 0.5f, .vignette_softness = 0.5f,
  };

  return p;
}

static void
test_grade (void)
{
  SlGradeParams p = neutral_grade ();
  SlBuffer *frame = frame_filled (40, 30, 0.3f, 0.6f, 0.1f, 1.0f);
  SlBuffer *half = frame_filled (40, 30, 0.15f, 0.3f, 0.05f, 0.5f);
  float *f, *g;

  run (SL_OP_GRADE, &p, frame, NULL, NULL);
  f = read_back (frame);
  SL_CHECK (f[0] == 0.3f && f[1] == 0.6f && f[2] == 0.1f && f[3] == 1.0f, "a neutral grade changes nothing");
  free (f);

  p.exposure = 1.0f;
  run (SL_OP_GRADE, &p, half, NULL, NULL);
  f = read_back (half);
  SL_CHECK (fabsf (f[0] - 0.3f) < 1e-6f && fabsf (f[1] - 0.6f) < 1e-6f && f[3] == 0.5f,
            "+1 EV doubles, alpha untouched: %g %g %g", f[0], f[1], f[3]);
  free (f);

  p = neutral_grade ();
  p.saturation = 0.0f;
  run (SL_OP_GRADE, &p, frame, NULL, NULL);
  f = read_back (frame);
  {
    float luma = 0.2126f * 0.3f + 0.7152f * 0.6f + 0.0722f * 0.1f;

    SL_CHECK (fabsf (f[0] - luma) < 1e-6f && fabsf (f[1] - luma) < 1e-6f && fabsf (f[2] - luma) < 1e-6f,
              "saturation 0 gives luma");
  }
  free (f);

  p = neutral_grade ();
  p.contrast = 1.7f;
  p.pivot = 0.25f;
  sl_buffer_free (frame);
  frame = frame_filled (40, 30, 0.25f, 0.5f, 0.125f, 1.0f);
  run (SL_OP_GRADE, &p, frame, NULL, NULL);
  f = read_back (frame);
  SL_CHECK (fabsf (f[0] - 0.25f) < 1e-5f && fabsf (f[1] - 0.25f * powf (2.0f, 1.7f)) < 1e-5f
            && fabsf (f[2] - 0.25f * powf (0.5f, 1.7f)) < 1e-5f, "contrast about the pivot: %g %g %g",
            f[0], f[1], f[2]);
  free (f);

  /* Vignette: the centre keeps its value, the corners lose the amount. */
  p = neutral_grade ();
  p.vignette_amount = 0.6f;
  p.vignette_radius = 0.2f;
  p.vignette_softness = 0.5f;
  sl_buffer_free (frame);
  frame = frame_filled (40, 30, 0.5f, 0.5f, 0.5f, 1.0f);
  run (SL_OP_GRADE, &p, frame, NULL, NULL);
  f = read_back (frame);
  SL_CHECK (f[4 * (40 * 15 + 20)] == 0.5f, "vignette leaves the centre: %g", f[4 * (40 * 15 + 20)]);
  SL_CHECK (fabsf (f[0] - 0.2f) < 0.01f, "vignette darkens the corner: %g", f[0]);
  free (f);

  /* Grain: reproducible for one seed and frame, different for the next frame. */
  p = neutral_grade ();
  p.grain_amount = 0.2f;
  p.grain_seed = 99;
  p.frame = 5;
  sl_buffer_free (half);
  half = frame_filled (40, 30, 0.15f, 0.3f, 0.05f, 0.5f);
  run (SL_OP_GRADE, &p, half, NULL, NULL);
  f = read_back (half);
  sl_buffer_free (half);
  half = frame_filled (40, 30, 0.15f, 0.3f, 0.05f, 0.5f);
  run (SL_OP_GRADE, &p, half, NULL, NULL);
  g = read_back (half);
  SL_CHECK (memcmp (f, g, (size_t) 16 * 40 * 30) == 0, "grain repeats for the same seed and frame");
  free (g);
  sl_buffer_free (half);
  half = frame_filled (40, 30, 0.15f, 0.3f, 0.05f, 0.5f);
  p.frame = 6;
  run (SL_OP_GRADE, &p, half, NULL, NULL);
  g = read_back (half);
  {
    int same = 0;
    double mean = 0.0;

    for (int i = 0; i < 40 * 30; i++)
      {
        same += f[4 * i] == g[4 * i];
        mean += g[4 * i] / 0.15;
        SL_CHECK (g[4 * i + 3] == 0.5f, "grain leaves alpha");
      }
    SL_CHECK (same < 40, "grain must change with the frame (%d pixels equal)", same);
    SL_CHECK (fabs (mean / (40 * 30) - 1.0) < 0.01, "grain averages out: %g", mean / (40 * 30));
  }
  free (f);
  free (g);
  sl_buffer_free (half);
  sl_buffer_free (frame);
}

static void
test_bloom (void)
{
  SlBloomParams p = { .threshold = 1.0f, .knee = 0.0f, .intensity = 0.5f, .levels = 4 };
  SlBuffer *frame = frame_filled (64, 48, 0.9f, 0.5f, 0.2f, 0.7f);
  float *f;

  run (SL_OP_BLOOM, &p, frame, NULL, NULL);
  f = read_back (frame);
  SL_CHECK (f[0] == 0.9f && f[1] == 0.5f && f[3] == 0.7f, "nothing above the threshold: unchanged");
  free (f);
  sl_buffer_free (frame);

  /* A flat bright frame gains intensity * (b - threshold) everywhere. */
  frame = frame_filled (64, 48, 3.0f, 3.0f, 3.0f, 1.0f);
  run (SL_OP_BLOOM, &p, frame, NULL, NULL);
  f = read_back (frame);
  for (int i = 0; i < 64 * 48; i++)
    if (!SL_CHECK (fabsf (f[4 * i] - 4.0f) < 1e-4f && f[4 * i + 3] == 1.0f, "flat bloom at %d: %g", i, f[4 * i]))
      break;
  free (f);
  sl_buffer_free (frame);

  /* One bright spot: a symmetric glow that falls off with distance. */
  {
    SlBuffer *spot = frame_filled (64, 64, 0, 0, 0, 1);
    float *pixels = read_back (spot);

    pixels[4 * (64 * 32 + 32)] = 100.0f;
    pixels[4 * (64 * 31 + 31)] = 100.0f;
    pixels[4 * (64 * 32 + 31)] = 100.0f;
    pixels[4 * (64 * 31 + 32)] = 100.0f;
    sl_backend_upload (cpu, spot, 0, pixels, 64 * 16);
    free (pixels);
    run (SL_OP_BLOOM, &p, spot, NULL, NULL);
    f = read_back (spot);
    SL_CHECK (f[4 * (64 * 32 + 40)] > f[4 * (64 * 32 + 48)] && f[4 * (64 * 32 + 48)] > 0.0f,
              "glow falls off");
    SL_CHECK (fabsf (f[4 * (64 * 32 + 40)] - f[4 * (64 * 23 + 31)]) < 1e-4f * f[4 * (64 * 32 + 40)]
              && fabsf (f[4 * (64 * 32 + 40)] - f[4 * (64 * 31 + 23)]) < 1e-4f * f[4 * (64 * 32 + 40)],
              "glow is symmetric");
    SL_CHECK (f[4 * (64 * 32 + 40) + 1] == 0.0f, "only the bright channel glows");
    free (f);
    sl_buffer_free (spot);
  }
}

static void
test_blur (void)
{
  SlBlurParams p = { 0.0f };
  SlBuffer *src = frame_filled (33, 21, 0.2f, 0.4f, 0.6f, 0.8f);
  SlBuffer *dst = buffer_with (SL_FORMAT_RGBA_F32, 33, 21, 1, NULL);
  float *f, *pixels;
  double sum = 0.0;

  run (SL_OP_BLUR, &p, dst, src, NULL);
  f = read_back (dst);
  SL_CHECK (f[0] == 0.2f && f[4 * 33 * 21 - 1] == 0.8f, "sigma 0 copies");
  free (f);

  p.sigma = 3.0f;
  run (SL_OP_BLUR, &p, src, src, NULL);
  f = read_back (src);
  for (int i = 0; i < 33 * 21 * 4; i++)
    if (!SL_CHECK (fabsf (f[i] - (0.2f * (i % 4 + 1))) < 1e-5f, "a flat image stays flat (in place)"))
      break;
  free (f);

  /* An impulse becomes a Gaussian: symmetric, summing to one, the centre
   * the square of the central weight. */
  pixels = calloc (33 * 21 * 4, sizeof (float));
  pixels[4 * (33 * 10 + 16)] = 1.0f;
  sl_backend_upload (cpu, src, 0, pixels, 33 * 16);
  p.sigma = 2.0f;
  run (SL_OP_BLUR, &p, dst, src, NULL);
  f = read_back (dst);
  for (int i = 0; i < 33 * 21; i++)
    sum += f[4 * i];
  SL_CHECK (fabs (sum - 1.0) < 1e-5, "blur keeps energy: %g", sum);
  SL_CHECK (f[4 * (33 * 10 + 13)] == f[4 * (33 * 10 + 19)] && f[4 * (33 * 7 + 16)] == f[4 * (33 * 13 + 16)],
            "blur is symmetric");
  {
    double w0 = 1.0 / (sqrt (2.0 * M_PI) * 2.0);

    SL_CHECK (fabs (f[4 * (33 * 10 + 16)] - w0 * w0) < 2e-4, "impulse peak %g, not %g", f[4 * (33 * 10 + 16)],
              w0 * w0);
  }
  free (f);
  free (pixels);
  sl_buffer_free (src);
  sl_buffer_free (dst);
}

static void
test_accumulate_and_scale (void)
{
  SlBuffer *dst = frame_filled (9, 5, 0.5f, 0.25f, 1.0f, 1.0f);
  SlBuffer *src = frame_filled (9, 5, 1.0f, 2.0f, 0.0f, 0.5f);
  SlAccumulateParams a = { 0.25f };
  SlScaleParams s = { { 2.0f, 4.0f, 0.5f, 1.0f } };
  float *f;

  run (SL_OP_ACCUMULATE, &a, dst, src, NULL);
  run (SL_OP_SCALE, &s, dst, NULL, NULL);
  f = read_back (dst);
  for (int i = 0; i < 9 * 5; i++)
    SL_CHECK (f[4 * i] == 1.5f && f[4 * i + 1] == 3.0f && f[4 * i + 2] == 0.5f && f[4 * i + 3] == 1.125f,
              "pixel %d: %g %g %g %g", i, f[4 * i], f[4 * i + 1], f[4 * i + 2], f[4 * i + 3]);
  free (f);
  sl_buffer_free (dst);
  sl_buffer_free (src);
}

/* Every 8-bit code, decoded and laid out as a frame (opaque and at alpha
 * 1/2), converts back exactly; dither stays within one code. */
static void
test_to_rgba8 (void)
{
  static SlSrgbTables tables;
  float pixels[256 * 2 * 4];
  SlBuffer *frame, *out;
  SlToRgba8Params p = { 0 };
  uint8_t *rgba;

  sl_srgb_tables_init (&tables);
  for (int v = 0; v < 256; v++)
    for (int row = 0; row < 2; row++)
      {
        float a = row == 0 ? 1.0f : 0.5f;
        float *px = pixels + 4 * (256 * row + v);

        px[0] = px[1] = px[2] = tables.to_linear[v] * a;
        px[3] = a;
      }
  frame = buffer_with (SL_FORMAT_RGBA_F32, 256, 2, 1, pixels);
  out = buffer_with (SL_FORMAT_RGBA_U8, 256, 2, 1, NULL);
  run (SL_OP_TO_RGBA8, &p, out, frame, NULL);
  rgba = read_back (out);
  for (int v = 0; v < 256; v++)
    {
      SL_CHECK (rgba[4 * v] == v && rgba[4 * v + 2] == v && rgba[4 * v + 3] == 255, "code %d: %d", v, rgba[4 * v]);
      SL_CHECK (rgba[4 * (256 + v)] == v && rgba[4 * (256 + v) + 3] == 128, "code %d at alpha 1/2: %d", v,
                rgba[4 * (256 + v)]);
    }
  free (rgba);

  p.dither = 1;
  run (SL_OP_TO_RGBA8, &p, out, frame, NULL);
  rgba = read_back (out);
  for (int v = 0; v < 256; v++)
    SL_CHECK (abs (rgba[4 * v] - v) <= 1, "dither moves code %d to %d", v, rgba[4 * v]);
  free (rgba);
  sl_buffer_free (frame);
  sl_buffer_free (out);

  /* Transparent pixels are all zero. */
  frame = frame_filled (3, 3, 0.5f, 0.5f, 0.5f, 0.001f);
  out = buffer_with (SL_FORMAT_RGBA_U8, 3, 3, 1, NULL);
  p.dither = 0;
  run (SL_OP_TO_RGBA8, &p, out, frame, NULL);
  rgba = read_back (out);
  SL_CHECK (rgba[0] == 0 && rgba[3] == 0, "transparent pixel");
  free (rgba);
  sl_buffer_free (frame);
  sl_buffer_free (out);
}

/* The exact BT.709 limited-range value of a flat linear colour. */
static void
bt709_expected (const float linear[3], double yuv[3])
{
  double e[3];

  for (int i = 0; i < 3; i++)
    e[i] = sl_srgb_encode_exact (linear[i]);
  double y = 0.2126 * e[0] + 0.7152 * e[1] + 0.0722 * e[2];

  yuv[0] = 16.0 + 219.0 * y;
  yuv[1] = 128.0 + 224.0 * (e[2] - y) / 1.8556;
  yuv[2] = 128.0 + 224.0 * (e[0] - y) / 1.5748;
}

static void
test_to_yuv_flat (void)
{
  static const float colours[][3] = {
    { 0, 0, 0 }, { 1, 1, 1 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0.18f, 0.18f, 0.18f },
    { 0.7f, 0.2f, 0.05f }, { 0.01f, 0.3f, 0.9f },
  };

  for (size_t k = 0; k < sizeof colours / sizeof colours[0]; k++)
    {
      const uint32_t w = 13, h = 7, cw = 7, ch = 4;
      SlBuffer *frame = frame_filled (w, h, colours[k][0], colours[k][1], colours[k][2], 1.0f);
      SlBuffer *planes = buffer_with (SL_FORMAT_R_U8, 2 * w * h, 1, 1, NULL);
      SlToI420Params i420 = { 0, w, w * h, cw, w * h + cw * ch, cw };
      SlToNv12Params nv12 = { 0, w, w * h, 2 * cw };
      double expected[3];
      uint8_t *b;

      bt709_expected (colours[k], expected);
      run (SL_OP_TO_I420, &i420, planes, frame, NULL);
      b = read_back (planes);
      for (uint32_t i = 0; i < w * h; i++)
        SL_CHECK (fabs (b[i] - expected[0]) <= 1.0, "colour %zu: Y %d, not %g", k, b[i], expected[0]);
      for (uint32_t i = 0; i < cw * ch; i++)
        SL_CHECK (fabs (b[w * h + i] - expected[1]) <= 1.0 && fabs (b[w * h + cw * ch + i] - expected[2]) <= 1.0,
                  "colour %zu: U V %d %d, not %g %g", k, b[w * h + i], b[w * h + cw * ch + i], expected[1],
                  expected[2]);
      free (b);

      run (SL_OP_TO_NV12, &nv12, planes, frame, NULL);
      b = read_back (planes);
      for (uint32_t i = 0; i < cw * ch; i++)
        SL_CHECK (fabs (b[w * h + 2 * i] - expected[1]) <= 1.0 && fabs (b[w * h + 2 * i + 1] - expected[2]) <= 1.0,
                  "NV12 colour %zu: %d %d", k, b[w * h + 2 * i], b[w * h + 2 * i + 1]);
      free (b);
      sl_buffer_free (frame);
      sl_buffer_free (planes);
    }
}

/* Chroma is the mean of its 2x2 block: a frame half black, half white in
 * columns gives a grey chroma-free block and the right Y per pixel. */
static void
test_to_yuv_blocks (void)
{
  float pixels[4 * 4 * 2];
  SlBuffer *frame, *planes;
  SlToI420Params p = { 0, 4, 8, 2, 10, 2 };
  uint8_t *b;

  for (int i = 0; i < 8; i++)
    {
      float v = i % 2 ? 1.0f : 0.0f;

      pixels[4 * i] = pixels[4 * i + 1] = pixels[4 * i + 2] = v;
      pixels[4 * i + 3] = 1.0f;
    }
  frame = buffer_with (SL_FORMAT_RGBA_F32, 4, 2, 1, pixels);
  planes = buffer_with (SL_FORMAT_R_U8, 12, 1, 1, NULL);
  run (SL_OP_TO_I420, &p, planes, frame, NULL);
  b = read_back (planes);
  SL_CHECK (b[0] == 16 && b[1] == 235 && b[4] == 16 && b[7] == 235, "luma per pixel");
  SL_CHECK (b[8] == 128 && b[9] == 128 && b[10] == 128 && b[11] == 128, "grey chroma");
  free (b);
  sl_buffer_free (frame);
  sl_buffer_free (planes);
}

/* The CPU converts whole rows at a time; the result must be the per-block
 * function the GPU backends use, byte for byte, odd sizes included. */
static void
test_to_yuv_matches_block (void)
{
  const uint32_t w = 37, h = 9, cw = 19, ch = 5;
  float *pixels = malloc (sizeof (float) * 4 * w * h);
  SlBuffer *frame, *planes;
  SlToI420Params p = { 3, w + 2, 3 + (w + 2) * h + 1, cw, 3 + (w + 2) * h + 1 + cw * ch, cw };
  uint8_t *b;
  SlRng rng;

  sl_rng_init (&rng, 9);
  for (uint32_t i = 0; i < 4 * w * h; i++)
    pixels[i] = sl_rng_uniform (&rng, -0.1f, 1.2f);
  frame = buffer_with (SL_FORMAT_RGBA_F32, w, h, 1, pixels);
  planes = buffer_with (SL_FORMAT_R_U8, p.v_offset + cw * ch, 1, 1, NULL);
  run (SL_OP_TO_I420, &p, planes, frame, NULL);
  b = read_back (planes);
  for (uint32_t j = 0; j < ch; j++)
    for (uint32_t i = 0; i < cw; i++)
      {
        uint32_t x0 = 2 * i, x1 = x0 + 1 < w ? x0 + 1 : x0, y0 = 2 * j, y1 = y0 + 1 < h ? y0 + 1 : y0;
        const float *const block[4] = { pixels + 4 * (w * y0 + x0), pixels + 4 * (w * y0 + x1),
                                        pixels + 4 * (w * y1 + x0), pixels + 4 * (w * y1 + x1) };
        uint8_t luma[4], cb, cr;

        sl_yuv420_block (block, luma, &cb, &cr);
        SL_CHECK (b[p.y_offset + p.y_stride * y0 + x0] == luma[0] && b[p.y_offset + p.y_stride * y0 + x1] == luma[1]
                  && b[p.y_offset + p.y_stride * y1 + x0] == luma[2] && b[p.y_offset + p.y_stride * y1 + x1] == luma[3],
                  "luma of block %u,%u", i, j);
        SL_CHECK (b[p.u_offset + p.u_stride * j + i] == cb && b[p.v_offset + p.v_stride * j + i] == cr,
                  "chroma of block %u,%u", i, j);
      }
  free (b);
  free (pixels);
  sl_buffer_free (frame);
  sl_buffer_free (planes);
}

static void
test_mip_generate (void)
{
  uint16_t texels[3 * 2 * 4] = {
    0, 0, 0, 0,  300, 300, 300, 300,  900, 900, 900, 900,
    3, 3, 3, 3,  303, 303, 303, 303,  903, 903, 903, 903,
  };
  SlBuffer *texture = buffer_with (SL_FORMAT_RGBA_U16, 3, 2, 2, NULL);
  SlMipGenerateParams p = { 0 };
  uint16_t level1[4];

  sl_backend_upload (cpu, texture, 0, texels, 3 * 8);
  run (SL_OP_MIP_GENERATE, &p, texture, NULL, NULL);
  sl_backend_download (cpu, texture, 1, level1, 8);
  /* 3 x 2 -> 1 x 1: the mean of all six texels, exactly. */
  SL_CHECK (level1[0] == 402 && level1[3] == 402, "odd-size box: %d", level1[0]);
  sl_buffer_free (texture);

  /* An even halving is the rounded mean of each 2x2 block. */
  {
    uint16_t *random = random_texels (8, 6, 5), half[4 * 4 * 3];

    texture = texture_from (8, 6, random);
    sl_backend_download (cpu, texture, 1, half, 4 * 8);
    for (int y = 0; y < 3; y++)
      for (int x = 0; x < 4; x++)
        for (int c = 0; c < 4; c++)
          {
            uint32_t sum = random[4 * (8 * (2 * y) + 2 * x) + c] + random[4 * (8 * (2 * y) + 2 * x + 1) + c]
                         + random[4 * (8 * (2 * y + 1) + 2 * x) + c] + random[4 * (8 * (2 * y + 1) + 2 * x + 1) + c];

            SL_CHECK (half[4 * (4 * y + x) + c] == (sum + 2) / 4, "halving at %d,%d", x, y);
          }
    free (random);
    sl_buffer_free (texture);
  }
}

/* 8-bit sRGB through a texture, an identity card and back to 8 bits is
 * exact for every code. */
static void
test_srgb8_texture_round_trip (void)
{
  uint8_t pixels[256 * 4], *back;
  uint16_t texels[256 * 4];
  const float identity[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
  SlDrawCardParams card = card_params (identity);
  SlToRgba8Params to8 = { 0 };
  SlBuffer *texture = buffer_with (SL_FORMAT_RGBA_U16, 256, 1, 9, NULL);
  SlBuffer *frame = frame_filled (256, 1, 0, 0, 0, 0);
  SlBuffer *out = buffer_with (SL_FORMAT_RGBA_U8, 256, 1, 1, NULL);

  for (int v = 0; v < 256; v++)
    {
      pixels[4 * v] = pixels[4 * v + 1] = pixels[4 * v + 2] = (uint8_t) v;
      pixels[4 * v + 3] = 255;
    }
  SL_CHECK (sl_backend_upload_srgb8 (cpu, texture, pixels, sizeof pixels) == SL_OK, "upload: %s",
            sl_backend_get_error (cpu));
  run (SL_OP_DRAW_CARD, &card, frame, texture, NULL);
  run (SL_OP_TO_RGBA8, &to8, out, frame, NULL);
  back = read_back (out);
  for (int v = 0; v < 256; v++)
    SL_CHECK (back[4 * v] == v && back[4 * v + 3] == 255, "code %d comes back as %d", v, back[4 * v]);
  free (back);

  /* Premultiplied: half-transparent white is (a, a, a, a). */
  pixels[0] = pixels[1] = pixels[2] = 255;
  pixels[3] = 128;
  sl_backend_upload_srgb8 (cpu, texture, pixels, sizeof pixels);
  sl_backend_download (cpu, texture, 0, texels, sizeof texels);
  SL_CHECK (texels[0] == 128 * 257 && texels[3] == 128 * 257, "premultiplied texel %d %d", texels[0], texels[3]);
  sl_buffer_free (texture);
  sl_buffer_free (frame);
  sl_buffer_free (out);
}

/* Bad arguments are refused with a message, never run. */
static void
test_validation (void)
{
  SlBuffer *frame = frame_filled (8, 8, 0, 0, 0, 0);
  SlBuffer *bytes = buffer_with (SL_FORMAT_R_U8, 64, 1, 1, NULL);
  SlBuffer *other;
  SlBackend *second;
  SlBlurParams blur = { 500.0f };
  SlClearParams clear = { { NAN, 0, 0, 0 } };
  SlToI420Params overlap = { 0, 8, 32, 4, 40, 4 };
  SlBufferDesc huge = { SL_FORMAT_RGBA_F32, 100000, 1, 1 }, too_many = { SL_FORMAT_RGBA_U16, 8, 8, 5 };
  char reason[256];

  SL_CHECK (sl_backend_run_op (cpu, SL_OP_BLUR, &blur, sizeof blur, &(SlOpBuffers) { frame, frame, NULL })
            == SL_ERROR_INVALID_ARGUMENT && strstr (sl_backend_get_error (cpu), "sigma") != NULL,
            "sigma out of range: %s", sl_backend_get_error (cpu));
  SL_CHECK (sl_backend_run_op (cpu, SL_OP_CLEAR, &clear, sizeof clear, &(SlOpBuffers) { frame })
            == SL_ERROR_INVALID_ARGUMENT, "NaN parameter");
  SL_CHECK (sl_backend_run_op (cpu, SL_OP_CLEAR, &clear, sizeof clear - 4, &(SlOpBuffers) { frame })
            == SL_ERROR_INVALID_ARGUMENT, "wrong parameter size");
  SL_CHECK (sl_backend_run_op (cpu, SL_OP_CLEAR, &(SlClearParams) { { 0 } }, sizeof clear,
                               &(SlOpBuffers) { bytes }) == SL_ERROR_INVALID_ARGUMENT, "wrong format");
  SL_CHECK (sl_backend_run_op (cpu, SL_OP_CLEAR, &(SlClearParams) { { 0 } }, sizeof clear,
                               &(SlOpBuffers) { frame, frame }) == SL_ERROR_INVALID_ARGUMENT, "stray source");
  SL_CHECK (sl_backend_run_op (cpu, SL_OP_TO_I420, &overlap, sizeof overlap, &(SlOpBuffers) { bytes, frame })
            == SL_ERROR_INVALID_ARGUMENT, "overlapping planes: %s", sl_backend_get_error (cpu));
  overlap = (SlToI420Params) { 0, 8, 64, 4, 80, 4 };
  SL_CHECK (sl_backend_run_op (cpu, SL_OP_TO_I420, &overlap, sizeof overlap, &(SlOpBuffers) { bytes, frame })
            == SL_ERROR_INVALID_ARGUMENT, "planes beyond the buffer");
  SL_CHECK (sl_backend_run_op (cpu, (SlOp) 99, &clear, sizeof clear, &(SlOpBuffers) { frame })
            == SL_ERROR_INVALID_ARGUMENT, "unknown op");
  SL_CHECK (sl_buffer_new (cpu, &huge, &other) == SL_ERROR_INVALID_ARGUMENT && other == NULL, "too large");
  SL_CHECK (sl_buffer_new (cpu, &too_many, &other) == SL_ERROR_INVALID_ARGUMENT, "more levels than the chain");
  SL_CHECK (sl_backend_download (cpu, frame, 1, reason, 8 * 16) == SL_ERROR_INVALID_ARGUMENT, "no such level");
  SL_CHECK (sl_backend_download (cpu, frame, 0, reason, 4) == SL_ERROR_INVALID_ARGUMENT, "stride too small");

  second = sl_backend_open ("cpu", NULL, reason, sizeof reason);
  SL_CHECK (sl_backend_run_op (second, SL_OP_CLEAR, &(SlClearParams) { { 0 } }, sizeof clear,
                               &(SlOpBuffers) { frame }) == SL_ERROR_INVALID_ARGUMENT,
            "a buffer of another backend");
  sl_backend_free (second);
  sl_buffer_free (frame);
  sl_buffer_free (bytes);
}

static void
test_registry (void)
{
  SlBackendInfo infos[8];
  size_t n = sl_backend_registry_probe_all (infos, 8);
  char reason[256];
  SlBackend *backend;
  bool cpu_seen = false;

  for (size_t i = 0; i < n; i++)
    {
      printf ("# backend %s: %s%s%s\n", infos[i].name, infos[i].usable ? infos[i].device : infos[i].reason,
              infos[i].usable && !infos[i].in_auto ? "; auto skips it: " : "",
              infos[i].usable && !infos[i].in_auto ? infos[i].reason : "");
      SL_CHECK (!infos[i].usable || infos[i].device[0] != '\0', "%s names its device", infos[i].name);
      SL_CHECK (infos[i].usable || !infos[i].in_auto, "%s: auto never takes an unusable backend", infos[i].name);
      cpu_seen |= strcmp (infos[i].name, "cpu") == 0 && infos[i].usable && infos[i].in_auto;
    }
  SL_CHECK (cpu_seen && strcmp (sl_backend_registry_get_backend (n - 1)->name, "cpu") == 0,
            "cpu is always there, last in the order");
  backend = sl_backend_open ("auto", NULL, reason, sizeof reason);
  SL_CHECK (backend != NULL, "auto opens something: %s", reason);
  sl_backend_free (backend);
  SL_CHECK (sl_backend_open ("no-such-backend", NULL, reason, sizeof reason) == NULL
            && strstr (reason, "no-such-backend") != NULL, "an unknown name is reported: %s", reason);
}

int
main (void)
{
  char reason[256];

  cpu = sl_backend_open ("cpu", NULL, reason, sizeof reason);
  if (cpu == NULL)
    {
      printf ("Bail out! %s\n", reason);
      return 1;
    }
  sl_tap_run ("clear", test_clear);
  sl_tap_run ("card: identity reproduces the texture", test_card_identity);
  sl_tap_run ("card: half-texel shift averages neighbours", test_card_half_texel);
  sl_tap_run ("card: minified checkerboard reads mips", test_card_minified_checker);
  sl_tap_run ("card: edges, colour, fog, depth", test_card_edges_colour_depth);
  sl_tap_run ("sky: gradient and sun", test_sky_gradient_and_sun);
  sl_tap_run ("sky: stars fixed in the world", test_sky_stars_fixed_in_world);
  sl_tap_run ("sky: clouds", test_sky_clouds);
  sl_tap_run ("particles", test_particles);
  sl_tap_run ("grade", test_grade);
  sl_tap_run ("bloom", test_bloom);
  sl_tap_run ("blur", test_blur);
  sl_tap_run ("accumulate and scale", test_accumulate_and_scale);
  sl_tap_run ("to-rgba8", test_to_rgba8);
  sl_tap_run ("to-i420 and to-nv12 of flat colours", test_to_yuv_flat);
  sl_tap_run ("to-i420 chroma blocks", test_to_yuv_blocks);
  sl_tap_run ("to-i420 rows equal the per-block function", test_to_yuv_matches_block);
  sl_tap_run ("mip-generate", test_mip_generate);
  sl_tap_run ("srgb8 through a texture and back", test_srgb8_texture_round_trip);
  sl_tap_run ("bad arguments are refused", test_validation);
  sl_tap_run ("registry", test_registry);
  sl_backend_free (cpu);
  return sl_tap_done ();
}
