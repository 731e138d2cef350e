/* sl-kernels-harness.c: run any op on any backend with random inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-kernels-harness.h"
#include "cpu/sl-cpu-backend.h"
#ifdef SL_HAVE_CUDA
#include "cuda/sl-cuda-backend.h"
#endif
#ifdef SL_HAVE_VULKAN
#include "vulkan/sl-vulkan-backend.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GUARD_SIZE 64
#define GUARD_BYTE 0x5a
#define PAD_BYTE   0xc3  /* fills the bytes around YUV planes */

void
sl_rng_init (SlRng *rng, uint64_t seed)
{
  rng->state = seed * 0x9e3779b97f4a7c15u + 0x632be59bd9b4e019u;
}

uint32_t
sl_rng_u32 (SlRng *rng)
{
  uint64_t z = (rng->state += 0x9e3779b97f4a7c15u);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return (uint32_t) ((z ^ (z >> 31)) >> 32);
}

float
sl_rng_uniform (SlRng *rng, float lo, float hi)
{
  return lo + (hi - lo) * (float) (sl_rng_u32 (rng) >> 8) * (1.0f / 16777216.0f);
}

uint32_t
sl_rng_range (SlRng *rng, uint32_t lo, uint32_t hi)
{
  return lo + sl_rng_u32 (rng) % (hi - lo + 1);
}

static size_t
level_size (const SlBufferDesc *desc, uint32_t level)
{
  return (size_t) sl_level_size (desc->width, level) * sl_level_size (desc->height, level)
         * sl_format_pixel_size (desc->format);
}

size_t
sl_host_image_level_offset (const SlHostImage *image, uint32_t level)
{
  size_t offset = 0;

  for (uint32_t l = 0; l < level; l++)
    offset += level_size (&image->desc, l);
  return offset;
}

SlHostImage *
sl_host_image_new (const SlBufferDesc *desc)
{
  SlHostImage *image = calloc (1, sizeof *image);

  image->desc = *desc;
  image->size = sl_host_image_level_offset (image, desc->levels);
  image->block = malloc (image->size + 2 * GUARD_SIZE);
  image->data = image->block + GUARD_SIZE;
  memset (image->block, GUARD_BYTE, image->size + 2 * GUARD_SIZE);
  return image;
}

void
sl_host_image_free (SlHostImage *image)
{
  if (image == NULL)
    return;
  free (image->block);
  free (image);
}

bool
sl_host_image_guards_intact (const SlHostImage *image)
{
  for (size_t i = 0; i < GUARD_SIZE; i++)
    if (image->block[i] != GUARD_BYTE || image->data[image->size + i] != GUARD_BYTE)
      return false;
  return true;
}

SlHostImage *
sl_host_image_download (SlBackend *backend, const SlBuffer *buffer)
{
  const SlBufferDesc *desc = sl_buffer_get_desc (buffer);
  SlHostImage *image = sl_host_image_new (desc);

  for (uint32_t l = 0; l < desc->levels; l++)
    if (sl_backend_download (backend, buffer, l, image->data + sl_host_image_level_offset (image, l),
                             sl_buffer_get_row_size (buffer, l)) != SL_OK)
      {
        sl_host_image_free (image);
        return NULL;
      }
  return image;
}

SlStatus
sl_host_image_upload (SlBackend *backend, SlBuffer *buffer, const SlHostImage *image)
{
  for (uint32_t l = 0; l < image->desc.levels; l++)
    {
      SlStatus status = sl_backend_upload (backend, buffer, l,
                                           image->data + sl_host_image_level_offset (image, l),
                                           sl_buffer_get_row_size (buffer, l));
      if (status != SL_OK)
        return status;
    }
  return SL_OK;
}

size_t
sl_host_image_count_nonfinite (const SlHostImage *image)
{
  const float *f = (const float *) image->data;
  size_t count = 0;

  if (image->desc.format != SL_FORMAT_RGBA_F32 && image->desc.format != SL_FORMAT_R_F32)
    return 0;
  for (size_t i = 0; i < image->size / sizeof (float); i++)
    count += !isfinite (f[i]);
  return count;
}

/* What one random op needs: its buffers (host contents first, then on the
 * backend) and its parameters. */
typedef struct {
  SlBackend   *backend;
  SlRng        rng;
  SlHostImage *host[3];      /* dst, src, aux */
  SlBuffer    *buffers[3];
  bool         src_is_dst;
  union {
    SlClearParams          clear;
    SlDrawCardParams       draw_card;
    SlSkyParams            sky;
    SlParticlesParams      particles;
    SlGradeParams          grade;
    SlBloomParams          bloom;
    SlBlurParams           blur;
    SlAccumulateParams     accumulate;
    SlScaleParams          scale;
    SlToRgba8Params        to_rgba8;
    SlToI420Params         to_i420;
    SlToNv12Params         to_nv12;
    SlMipGenerateParams    mip_generate;
    SlSrgb8ToTextureParams srgb8_to_texture;
  } params;
  /* YUV plane layout, to check the bytes around the planes. */
  uint32_t     planes[3][4];  /* offset, stride, width, rows */
  uint32_t     n_planes;
} Case;

static SlHostImage *
new_frame (Case *c, uint32_t width, uint32_t height)
{
  SlHostImage *image = sl_host_image_new (&(SlBufferDesc) { SL_FORMAT_RGBA_F32, width, height, 1 });
  float *f = (float *) image->data;

  for (size_t i = 0; i < (size_t) width * height; i++)
    {
      uint32_t kind = sl_rng_range (&c->rng, 0, 9);
      float a = kind == 0 ? 0.0f : kind < 6 ? 1.0f : sl_rng_uniform (&c->rng, 0.0f, 1.0f);

      for (int k = 0; k < 3; k++)
        f[4 * i + k] = a * sl_rng_uniform (&c->rng, 0.0f, 1.5f);
      f[4 * i + 3] = a;
    }
  return image;
}

static SlHostImage *
new_texture (Case *c, uint32_t width, uint32_t height, uint32_t levels)
{
  SlHostImage *image = sl_host_image_new (&(SlBufferDesc) { SL_FORMAT_RGBA_U16, width, height, levels });
  uint16_t *t = (uint16_t *) image->data;

  for (size_t i = 0; i < image->size / 8; i++)
    {
      uint32_t a = sl_rng_range (&c->rng, 0, 3) == 0 ? sl_rng_range (&c->rng, 0, 65535) : 65535;

      for (int k = 0; k < 3; k++)
        t[4 * i + k] = (uint16_t) sl_rng_range (&c->rng, 0, a);
      t[4 * i + 3] = (uint16_t) a;
    }
  return image;
}

static SlHostImage *
new_bytes (Case *c, SlFormat format, uint32_t width, uint32_t height)
{
  SlHostImage *image = sl_host_image_new (&(SlBufferDesc) { format, width, height, 1 });

  for (size_t i = 0; i < image->size; i++)
    image->data[i] = (uint8_t) sl_rng_u32 (&c->rng);
  return image;
}

static uint32_t
full_levels (uint32_t width, uint32_t height)
{
  uint32_t levels = 1;

  for (uint32_t size = width > height ? width : height; size > 1; size >>= 1)
    levels++;
  return levels;
}

static void
random_rotation (SlRng *rng, float r[9])
{
  /* A unit quaternion from four normal-ish numbers. */
  float q[4], n = 0.0f;

  for (int i = 0; i < 4; i++)
    {
      q[i] = sl_rng_uniform (rng, -1.0f, 1.0f);
      n += q[i] * q[i];
    }
  n = 1.0f / sqrtf (n + 1e-12f);
  for (int i = 0; i < 4; i++)
    q[i] *= n;
  r[0] = 1 - 2 * (q[2] * q[2] + q[3] * q[3]);
  r[1] = 2 * (q[1] * q[2] - q[0] * q[3]);
  r[2] = 2 * (q[1] * q[3] + q[0] * q[2]);
  r[3] = 2 * (q[1] * q[2] + q[0] * q[3]);
  r[4] = 1 - 2 * (q[1] * q[1] + q[3] * q[3]);
  r[5] = 2 * (q[2] * q[3] - q[0] * q[1]);
  r[6] = 2 * (q[1] * q[3] - q[0] * q[2]);
  r[7] = 2 * (q[2] * q[3] + q[0] * q[1]);
  r[8] = 1 - 2 * (q[1] * q[1] + q[2] * q[2]);
}

static void
random_colour (SlRng *rng, float *rgb, float hi)
{
  for (int i = 0; i < 3; i++)
    rgb[i] = sl_rng_uniform (rng, 0.0f, hi);
}

static void
setup_draw_card (Case *c, uint32_t w, uint32_t h)
{
  SlDrawCardParams *p = &c->params.draw_card;
  uint32_t tw = sl_rng_range (&c->rng, 1, 90), th = sl_rng_range (&c->rng, 1, 90);
  float scale = expf (sl_rng_uniform (&c->rng, -1.5f, 2.5f));
  float angle = sl_rng_uniform (&c->rng, -3.2f, 3.2f);
  float tx = sl_rng_uniform (&c->rng, -20.0f, 20.0f), ty = sl_rng_uniform (&c->rng, -20.0f, 20.0f);
  float cs = cosf (angle) * scale, sn = sinf (angle) * scale;
  bool projective = sl_rng_range (&c->rng, 0, 1);
  const float identity[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };

  if (sl_rng_range (&c->rng, 0, 4) == 0)
    memcpy (p->homography, identity, sizeof identity);
  else
    {
      float px = projective ? sl_rng_uniform (&c->rng, -0.02f, 0.02f) : 0.0f;
      float py = projective ? sl_rng_uniform (&c->rng, -0.02f, 0.02f) : 0.0f;
      const float h9[9] = { cs, -sn, tx, sn, cs, ty, px, py, 1.0f };

      memcpy (p->homography, h9, sizeof h9);
    }
  random_colour (&c->rng, p->tint, 2.0f);
  p->opacity = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
  random_colour (&c->rng, p->fog_color, 1.0f);
  p->fog_amount = sl_rng_range (&c->rng, 0, 1) ? 0.0f : sl_rng_uniform (&c->rng, 0.0f, 1.0f);
  p->lod_bias = sl_rng_uniform (&c->rng, -1.0f, 3.0f);
  p->depth_scale = sl_rng_uniform (&c->rng, 0.5f, 10.0f);

  c->host[0] = new_frame (c, w, h);
  c->host[1] = new_texture (c, tw, th, sl_rng_range (&c->rng, 1, full_levels (tw, th)));
  if (sl_rng_range (&c->rng, 0, 1))
    {
      SlHostImage *depth = sl_host_image_new (&(SlBufferDesc) { SL_FORMAT_R_F32, w, h, 1 });

      for (size_t i = 0; i < (size_t) w * h; i++)
        ((float *) depth->data)[i] = sl_rng_uniform (&c->rng, 0.0f, 100.0f);
      c->host[2] = depth;
    }
}

static void
setup_sky (Case *c, uint32_t w, uint32_t h)
{
  SlSkyParams *p = &c->params.sky;
  float r[9], focal = sl_rng_uniform (&c->rng, 0.5f, 2.0f) * (float) w;
  float inv_k[9] = { 1 / focal, 0, -0.5f * w / focal, 0, -1 / focal, 0.5f * h / focal, 0, 0, 1 };
  float sun[3], n;

  random_rotation (&c->rng, r);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      p->ray_matrix[3 * i + j] = r[3 * i] * inv_k[j] + r[3 * i + 1] * inv_k[3 + j] + r[3 * i + 2] * inv_k[6 + j];
  random_colour (&c->rng, p->zenith, 1.0f);
  random_colour (&c->rng, p->horizon, 1.0f);
  for (int i = 0; i < 3; i++)
    sun[i] = sl_rng_uniform (&c->rng, -1.0f, 1.0f);
  n = 1.0f / sqrtf (sun[0] * sun[0] + sun[1] * sun[1] + sun[2] * sun[2] + 1e-12f);
  for (int i = 0; i < 3; i++)
    p->sun_dir[i] = sun[i] * n;
  random_colour (&c->rng, p->sun_color, 20.0f);
  p->sun_radius = sl_rng_uniform (&c->rng, 0.005f, 0.2f);
  p->sun_glow = sl_rng_uniform (&c->rng, 0.0f, 2.0f);
  p->star_amount = sl_rng_uniform (&c->rng, 0.0f, 0.6f);
  p->seed = sl_rng_u32 (&c->rng);
  random_colour (&c->rng, p->cloud_color, 1.0f);
  p->cloud_amount = sl_rng_range (&c->rng, 0, 1) ? sl_rng_uniform (&c->rng, 0.0f, 1.0f) : 0.0f;
  p->cloud_scale = sl_rng_uniform (&c->rng, 0.5f, 20.0f);
  p->cloud_top = sl_rng_uniform (&c->rng, 0.05f, 1.0f);
  c->host[0] = new_frame (c, w, h);
}

static void
setup_particles (Case *c, uint32_t w, uint32_t h)
{
  SlParticlesParams *p = &c->params.particles;
  uint32_t count = sl_rng_range (&c->rng, 0, 150);
  SlHostImage *records = sl_host_image_new (&(SlBufferDesc) { SL_FORMAT_R_F32, SL_PARTICLE_FLOATS,
                                                              count + sl_rng_range (&c->rng, 1, 3), 1 });
  float *f = (float *) records->data;

  for (size_t i = 0; i < records->size / sizeof (float); i += SL_PARTICLE_FLOATS)
    {
      f[i + 0] = sl_rng_uniform (&c->rng, -6.0f, w + 6.0f);
      f[i + 1] = sl_rng_uniform (&c->rng, -6.0f, h + 6.0f);
      f[i + 2] = sl_rng_range (&c->rng, 0, 3) == 0 ? sl_rng_uniform (&c->rng, 0.0f, 0.5f)
                                                    : sl_rng_uniform (&c->rng, 0.5f, 9.0f);
      f[i + 3] = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
      random_colour (&c->rng, f + i + 4, 2.0f);
      f[i + 7] = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
    }
  p->count = count;
  p->opacity = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
  c->host[0] = new_frame (c, w, h);
  c->host[1] = records;
}

static void
setup_grade (Case *c, uint32_t w, uint32_t h)
{
  SlGradeParams *p = &c->params.grade;

  p->exposure = sl_rng_uniform (&c->rng, -2.0f, 2.0f);
  for (int i = 0; i < 9; i++)
    p->white_balance[i] = (i % 4 == 0 ? 1.0f : 0.0f) + sl_rng_uniform (&c->rng, -0.2f, 0.2f);
  p->contrast = sl_rng_range (&c->rng, 0, 2) == 0 ? 1.0f : sl_rng_uniform (&c->rng, 0.5f, 2.0f);
  p->pivot = sl_rng_uniform (&c->rng, 0.1f, 0.5f);
  p->saturation = sl_rng_uniform (&c->rng, 0.0f, 2.0f);
  for (int i = 0; i < 3; i++)
    {
      p->lift[i] = sl_rng_uniform (&c->rng, -0.1f, 0.1f);
      p->gamma[i] = sl_rng_range (&c->rng, 0, 2) == 0 ? 1.0f : sl_rng_uniform (&c->rng, 0.5f, 2.0f);
      p->gain[i] = sl_rng_uniform (&c->rng, 0.5f, 1.5f);
    }
  p->vignette_amount = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
  p->vignette_radius = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
  p->vignette_softness = sl_rng_uniform (&c->rng, 0.0f, 1.0f);
  p->grain_amount = sl_rng_uniform (&c->rng, 0.0f, 0.3f);
  p->grain_seed = sl_rng_u32 (&c->rng);
  p->frame = sl_rng_u32 (&c->rng);
  c->host[0] = new_frame (c, w, h);
}

/* A YUV layout with random gaps between rows and planes; the destination is
 * filled with PAD_BYTE, which must survive outside the planes. */
static void
setup_yuv (Case *c, uint32_t w, uint32_t h, bool nv12)
{
  uint32_t cw = (w + 1) / 2, ch = (h + 1) / 2, offset = sl_rng_range (&c->rng, 0, 9);
  uint32_t widths[3] = { w, nv12 ? 2 * cw : cw, cw };
  uint32_t rows[3] = { h, ch, ch };

  c->n_planes = nv12 ? 2 : 3;
  for (uint32_t i = 0; i < c->n_planes; i++)
    {
      uint32_t stride = widths[i] + sl_rng_range (&c->rng, 0, 7);

      c->planes[i][0] = offset;
      c->planes[i][1] = stride;
      c->planes[i][2] = widths[i];
      c->planes[i][3] = rows[i];
      offset += stride * (rows[i] - 1) + widths[i] + sl_rng_range (&c->rng, 0, 9);
    }
  if (nv12)
    c->params.to_nv12 = (SlToNv12Params) { c->planes[0][0], c->planes[0][1], c->planes[1][0], c->planes[1][1] };
  else
    c->params.to_i420 = (SlToI420Params) { c->planes[0][0], c->planes[0][1], c->planes[1][0],
                                           c->planes[1][1], c->planes[2][0], c->planes[2][1] };
  c->host[0] = sl_host_image_new (&(SlBufferDesc) { SL_FORMAT_R_U8, offset + 3, 1, 1 });
  memset (c->host[0]->data, PAD_BYTE, c->host[0]->size);
  c->host[1] = new_frame (c, w, h);
}

static void
setup_case (Case *c, SlOp op)
{
  uint32_t w = sl_rng_range (&c->rng, 1, 70), h = sl_rng_range (&c->rng, 1, 50);

  switch (op)
    {
    case SL_OP_CLEAR:
      for (int i = 0; i < 4; i++)
        c->params.clear.color[i] = sl_rng_uniform (&c->rng, 0.0f, 2.0f);
      c->host[0] = new_frame (c, w, h);
      break;
    case SL_OP_DRAW_CARD:
      setup_draw_card (c, w, h);
      break;
    case SL_OP_SKY:
      setup_sky (c, w, h);
      break;
    case SL_OP_PARTICLES:
      setup_particles (c, w, h);
      break;
    case SL_OP_GRADE:
      setup_grade (c, w, h);
      break;
    case SL_OP_BLOOM:
      c->params.bloom = (SlBloomParams) { sl_rng_uniform (&c->rng, 0.0f, 1.5f),
                                          sl_rng_uniform (&c->rng, 0.0f, 0.5f),
                                          sl_rng_uniform (&c->rng, 0.0f, 2.0f),
                                          sl_rng_range (&c->rng, 1, 6) };
      c->host[0] = new_frame (c, w, h);
      break;
    case SL_OP_BLUR:
      c->params.blur.sigma = sl_rng_range (&c->rng, 0, 5) == 0 ? 0.0f : sl_rng_uniform (&c->rng, 0.1f, 6.0f);
      c->host[0] = new_frame (c, w, h);
      c->src_is_dst = sl_rng_range (&c->rng, 0, 2) == 0;
      if (!c->src_is_dst)
        c->host[1] = new_frame (c, w, h);
      break;
    case SL_OP_ACCUMULATE:
      c->params.accumulate.weight = sl_rng_uniform (&c->rng, -1.0f, 1.0f);
      c->host[0] = new_frame (c, w, h);
      c->host[1] = new_frame (c, w, h);
      break;
    case SL_OP_SCALE:
      for (int i = 0; i < 4; i++)
        c->params.scale.factor[i] = sl_rng_uniform (&c->rng, 0.0f, 2.0f);
      c->host[0] = new_frame (c, w, h);
      break;
    case SL_OP_TO_RGBA8:
      c->params.to_rgba8.dither = sl_rng_range (&c->rng, 0, 1);
      c->host[0] = new_bytes (c, SL_FORMAT_RGBA_U8, w, h);
      c->host[1] = new_frame (c, w, h);
      break;
    case SL_OP_TO_I420:
    case SL_OP_TO_NV12:
      setup_yuv (c, w, h, op == SL_OP_TO_NV12);
      break;
    case SL_OP_MIP_GENERATE:
      c->host[0] = new_texture (c, w, h, full_levels (w, h));
      c->params.mip_generate.first_level = sl_rng_range (&c->rng, 0, c->host[0]->desc.levels - 1);
      break;
    case SL_OP_SRGB8_TO_TEXTURE:
      {
        uint32_t level;

        c->host[0] = new_texture (c, w, h, full_levels (w, h));
        level = sl_rng_range (&c->rng, 0, c->host[0]->desc.levels - 1);
        c->params.srgb8_to_texture.level = level;
        c->host[1] = new_bytes (c, SL_FORMAT_RGBA_U8, sl_level_size (w, level), sl_level_size (h, level));
        break;
      }
    default:
      break;
    }
}

/* Whether every byte of the destination outside the YUV planes still holds
 * PAD_BYTE. */
static bool
padding_intact (const Case *c, const SlHostImage *out)
{
  uint8_t *inside = calloc (out->size, 1);
  bool ok = true;

  for (uint32_t i = 0; i < c->n_planes; i++)
    for (uint32_t row = 0; row < c->planes[i][3]; row++)
      memset (inside + c->planes[i][0] + (size_t) c->planes[i][1] * row, 1, c->planes[i][2]);
  for (size_t i = 0; i < out->size; i++)
    if (!inside[i] && out->data[i] != PAD_BYTE)
      ok = false;
  free (inside);
  return ok;
}

/* Whether the guard bands that BACKEND keeps around BUFFER's memory, where it
 * keeps any, are intact. */
static bool
buffer_guards_intact (const SlBackend *backend, const SlBuffer *buffer)
{
  const char *name = sl_backend_get_name (backend);

#ifdef SL_HAVE_CUDA
  if (strcmp (name, "cuda") == 0)
    return sl_cuda_buffer_guards_intact (buffer);
#endif
#ifdef SL_HAVE_VULKAN
  if (strcmp (name, "vulkan") == 0)
    return sl_vulkan_buffer_guards_intact (buffer);
#endif
  return strcmp (name, "cpu") != 0 || sl_cpu_buffer_guards_intact (buffer);
}

static bool
backend_guards_intact (const Case *c)
{
  for (int i = 0; i < 3; i++)
    if (c->buffers[i] != NULL && !buffer_guards_intact (c->backend, c->buffers[i]))
      return false;
  return true;
}

static void
case_clear (Case *c)
{
  for (int i = 0; i < 3; i++)
    {
      sl_host_image_free (c->host[i]);
      if (!(i == 1 && c->src_is_dst))
        sl_buffer_free (c->buffers[i]);
    }
}

SlStatus
sl_harness_run_random_op (SlBackend *backend, SlOp op, uint32_t seed, SlHarnessRun *run)
{
  Case c = { .backend = backend };
  SlStatus status = SL_OK;

  memset (run, 0, sizeof *run);
  sl_rng_init (&c.rng, ((uint64_t) op << 32) | seed);
  setup_case (&c, op);

  for (int i = 0; i < 3 && status == SL_OK; i++)
    if (c.host[i] != NULL)
      {
        status = sl_buffer_new (backend, &c.host[i]->desc, &c.buffers[i]);
        if (status == SL_OK)
          status = sl_host_image_upload (backend, c.buffers[i], c.host[i]);
      }
  if (c.src_is_dst)
    c.buffers[1] = c.buffers[0];
  if (status == SL_OK)
    status = sl_backend_run_op (backend, op, &c.params, sl_op_get_params_size (op),
                                &(SlOpBuffers) { c.buffers[0], c.buffers[1], c.buffers[2] });
  if (status == SL_OK)
    status = sl_backend_sync (backend);

  if (status == SL_OK)
    {
      run->bounds_ok = backend_guards_intact (&c);
      run->outputs[run->n_outputs++] = sl_host_image_download (backend, c.buffers[0]);
      if (c.buffers[2] != NULL)
        run->outputs[run->n_outputs++] = sl_host_image_download (backend, c.buffers[2]);
      for (size_t i = 0; i < run->n_outputs; i++)
        if (run->outputs[i] == NULL)
          status = SL_ERROR_DEVICE;
        else if (!sl_host_image_guards_intact (run->outputs[i]))
          run->bounds_ok = false;
      if (status == SL_OK && c.n_planes > 0 && !padding_intact (&c, run->outputs[0]))
        run->bounds_ok = false;
    }
  case_clear (&c);
  if (status != SL_OK)
    sl_harness_run_clear (run);
  return status;
}

void
sl_harness_run_clear (SlHarnessRun *run)
{
  for (size_t i = 0; i < run->n_outputs; i++)
    sl_host_image_free (run->outputs[i]);
  run->n_outputs = 0;
}

static double
element (const SlHostImage *image, size_t i)
{
  switch (image->desc.format)
    {
    case SL_FORMAT_RGBA_F32:
    case SL_FORMAT_R_F32:
      return ((const float *) image->data)[i];
    case SL_FORMAT_RGBA_U16:
      return ((const uint16_t *) image->data)[i];
    default:
      return image->data[i];
    }
}

static size_t
element_size (SlFormat format)
{
  return format == SL_FORMAT_RGBA_U16 ? 2 : format == SL_FORMAT_RGBA_F32 || format == SL_FORMAT_R_F32 ? 4 : 1;
}

SlHarnessDiff
sl_harness_compare (const SlHostImage *reference, const SlHostImage *image)
{
  SlHarnessDiff diff = { 0 };
  double largest = 0.0;
  size_t n;
  bool floats;

  diff.same_shape = memcmp (&reference->desc, &image->desc, sizeof reference->desc) == 0;
  if (!diff.same_shape)
    {
      diff.max_abs = diff.normalised = INFINITY;
      return diff;
    }
  diff.identical = memcmp (reference->data, image->data, reference->size) == 0;
  floats = element_size (reference->desc.format) == 4;
  n = reference->size / element_size (reference->desc.format);
  for (size_t i = 0; i < n; i++)
    {
      double a = element (reference, i), b = element (image, i);
      double d = fabs (a - b);

      /* NaN differs from everything. */
      if (!(d <= diff.max_abs))
        diff.max_abs = isnan (d) ? INFINITY : d;
      largest = fabs (a) > largest ? fabs (a) : largest;
    }
  diff.normalised = floats ? diff.max_abs / (largest > 1e-6 ? largest : 1e-6) : diff.max_abs;
  return diff;
}

/* Vulkan: each shader ports common/ line by line, with every float
 * operation `precise` (no fused multiply-add, as on the CPU), from per-op
 * constants the host computes with the CPU's own code. What is left to
 * differ is what the Vulkan spec lets a device round differently: division
 * (2.5 ulp), sqrt and inversesqrt (inherited from 1 / inversesqrt), and
 * denormals, which a GPU may flush to zero. Each bound is that slack through
 * the op's arithmetic, with room; Mesa's lavapipe, which divides and takes
 * square roots exactly, matches the CPU bit for bit. */
static double
vulkan_tolerance (SlOp op)
{
  switch (op)
    {
    case SL_OP_CLEAR:
    case SL_OP_SCALE:
    case SL_OP_ACCUMULATE:
    case SL_OP_BLUR:
      return 1e-6;  /* products and sums only: a few ulp at most */
    case SL_OP_PARTICLES:
    case SL_OP_BLOOM:
      return 1e-5;  /* a division per particle or per bright-pass texel */
    case SL_OP_DRAW_CARD:
    case SL_OP_SKY:
    case SL_OP_GRADE:
      return 1e-4;  /* divisions and square roots feed fast exp2/log2, hashes of
                       floored coordinates and smoothsteps, which magnify them */
    default:
      return 1.0;   /* code values: a rounding tie may fall the other way */
    }
}

double
sl_harness_tolerance (SlOp op, const char *backend)
{
  /* CUDA runs the CPU's own code with IEEE division and square roots and
   * without fused multiply-adds (--fmad=false): the same bits, where the
   * CPU's compiler does not fuse either (x86-64; elsewhere build the kernels
   * with -ffp-contract=off). */
  if (strcmp (backend, "cpu") == 0 || strcmp (backend, "cuda") == 0)
    return 0.0;
  if (strcmp (backend, "vulkan") == 0)
    return vulkan_tolerance (op);
  switch (op)
    {
    case SL_OP_TO_RGBA8:
    case SL_OP_TO_I420:
    case SL_OP_TO_NV12:
    case SL_OP_MIP_GENERATE:
    case SL_OP_SRGB8_TO_TEXTURE:
      return 1.0;   /* code values */
    default:
      return 2e-3;  /* GPU maths: fused multiply-adds, other exp/sqrt */
    }
}
