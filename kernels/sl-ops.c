/* sl-ops.c: op names, parameter sizes and argument checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-ops-private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static const struct {
  const char *name;
  size_t      params_size;
} op_info[SL_N_OPS] = {
  [SL_OP_CLEAR]            = { "clear",            sizeof (SlClearParams) },
  [SL_OP_DRAW_CARD]        = { "draw-card",        sizeof (SlDrawCardParams) },
  [SL_OP_SKY]              = { "sky",              sizeof (SlSkyParams) },
  [SL_OP_PARTICLES]        = { "particles",        sizeof (SlParticlesParams) },
  [SL_OP_GRADE]            = { "grade",            sizeof (SlGradeParams) },
  [SL_OP_BLOOM]            = { "bloom",            sizeof (SlBloomParams) },
  [SL_OP_BLUR]             = { "blur",             sizeof (SlBlurParams) },
  [SL_OP_ACCUMULATE]       = { "accumulate",       sizeof (SlAccumulateParams) },
  [SL_OP_SCALE]            = { "scale",            sizeof (SlScaleParams) },
  [SL_OP_TO_RGBA8]         = { "to-rgba8",         sizeof (SlToRgba8Params) },
  [SL_OP_TO_I420]          = { "to-i420",          sizeof (SlToI420Params) },
  [SL_OP_TO_NV12]          = { "to-nv12",          sizeof (SlToNv12Params) },
  [SL_OP_MIP_GENERATE]     = { "mip-generate",     sizeof (SlMipGenerateParams) },
  [SL_OP_SRGB8_TO_TEXTURE] = { "srgb8-to-texture", sizeof (SlSrgb8ToTextureParams) },
};

const char *
sl_op_get_name (SlOp op)
{
  return (unsigned) op < SL_N_OPS ? op_info[op].name : NULL;
}

size_t
sl_op_get_params_size (SlOp op)
{
  return (unsigned) op < SL_N_OPS ? op_info[op].params_size : 0;
}

/* The failure path of every check: keeps the checks below one line each. */
__attribute__ ((format (printf, 3, 4)))
static SlStatus
fail (char *message, size_t message_size, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vsnprintf (message, message_size, format, args);
  va_end (args);
  return SL_ERROR_INVALID_ARGUMENT;
}

#define CHECK(cond, ...) \
  do { if (!(cond)) return fail (message, message_size, __VA_ARGS__); } while (0)

static bool
all_finite (const float *values, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return false;
  return true;
}

/* Every float of a params struct must be finite: a NaN parameter would
 * otherwise reach every pixel. */
#define CHECK_FINITE(p) \
  CHECK (all_finite ((const float *) (p), sizeof *(p) / sizeof (float)), \
         "parameters must be finite numbers")

static bool
has_format (const SlBuffer *buffer, SlFormat format)
{
  return buffer != NULL && buffer->desc.format == format;
}

static bool
same_size (const SlBuffer *a, const SlBuffer *b)
{
  return a->desc.width == b->desc.width && a->desc.height == b->desc.height;
}

static bool
in_range (float x, float lo, float hi)
{
  return x >= lo && x <= hi;
}

static size_t
flat_size (const SlBuffer *buffer)
{
  return (size_t) buffer->desc.width * buffer->desc.height;
}

/* Whether a plane of ROWS rows of WIDTH bytes, STRIDE apart from OFFSET, lies
 * inside a flat byte array of SIZE bytes. */
static bool
plane_fits (uint32_t offset, uint32_t stride, uint32_t width, uint32_t rows, size_t size)
{
  return stride >= width && (uint64_t) offset + (uint64_t) stride * (rows - 1) + width <= size;
}

static uint64_t
plane_end (uint32_t offset, uint32_t stride, uint32_t width, uint32_t rows)
{
  return (uint64_t) offset + (uint64_t) stride * (rows - 1) + width;
}

static bool
planes_disjoint (uint32_t a, uint64_t a_end, uint32_t b, uint64_t b_end)
{
  return a_end <= b || b_end <= a;
}

static SlStatus
check_draw_card (const SlDrawCardParams *p, const SlOpBuffers *b, char *message, size_t message_size)
{
  CHECK (has_format (b->src, SL_FORMAT_RGBA_U16), "draw-card reads an RGBA_U16 texture");
  CHECK (b->aux == NULL || (has_format (b->aux, SL_FORMAT_R_F32) && same_size (b->aux, b->dst)),
         "draw-card writes depth into an R_F32 buffer the size of the destination");
  CHECK_FINITE (p);
  CHECK (in_range (p->lod_bias, -SL_MAX_LEVELS, SL_MAX_LEVELS), "lod_bias is out of range");
  return SL_OK;
}

static SlStatus
check_sky (const SlSkyParams *p, char *message, size_t message_size)
{
  const float *floats = (const float *) p;
  size_t seed_index = offsetof (SlSkyParams, seed) / sizeof (float);

  /* The seed is an integer: every bit pattern is fine. */
  CHECK (all_finite (floats, seed_index)
         && all_finite (floats + seed_index + 1, sizeof *p / sizeof (float) - seed_index - 1),
         "parameters must be finite numbers");
  CHECK (in_range (p->cloud_scale, 0, 1024), "cloud_scale must be within 0..1024");
  CHECK (in_range (p->star_amount, 0, 1), "star_amount must be within 0..1");
  return SL_OK;
}

static SlStatus
check_particles (const SlParticlesParams *p, const SlOpBuffers *b, char *message, size_t message_size)
{
  CHECK (has_format (b->src, SL_FORMAT_R_F32), "particles are read from an R_F32 buffer");
  CHECK ((uint64_t) p->count * SL_PARTICLE_FLOATS <= flat_size (b->src),
         "the particle buffer holds fewer than %u particles", p->count);
  CHECK (isfinite (p->opacity), "parameters must be finite numbers");
  return SL_OK;
}

static SlStatus
check_grade (const SlGradeParams *p, char *message, size_t message_size)
{
  const float *floats = (const float *) p;
  size_t n_floats = offsetof (SlGradeParams, grain_seed) / sizeof (float);

  CHECK (all_finite (floats, n_floats), "parameters must be finite numbers");
  CHECK (in_range (p->exposure, -32, 32), "exposure must be within -32..32 EV");
  CHECK (p->pivot > 0, "the contrast pivot must be positive");
  for (int c = 0; c < 3; c++)
    CHECK (p->gamma[c] >= 1e-3f, "gamma must be positive");
  return SL_OK;
}

static SlStatus
check_to_i420 (const SlToI420Params *p, const SlOpBuffers *b, char *message, size_t message_size)
{
  uint32_t w = b->src->desc.width, h = b->src->desc.height;
  uint32_t cw = (w + 1) / 2, ch = (h + 1) / 2;
  size_t size = flat_size (b->dst);
  uint64_t y_end = plane_end (p->y_offset, p->y_stride, w, h);
  uint64_t u_end = plane_end (p->u_offset, p->u_stride, cw, ch);
  uint64_t v_end = plane_end (p->v_offset, p->v_stride, cw, ch);

  CHECK (has_format (b->dst, SL_FORMAT_R_U8), "YUV planes are written into an R_U8 buffer");
  CHECK (plane_fits (p->y_offset, p->y_stride, w, h, size)
         && plane_fits (p->u_offset, p->u_stride, cw, ch, size)
         && plane_fits (p->v_offset, p->v_stride, cw, ch, size),
         "the YUV planes do not fit the destination buffer");
  CHECK (planes_disjoint (p->y_offset, y_end, p->u_offset, u_end)
         && planes_disjoint (p->y_offset, y_end, p->v_offset, v_end)
         && planes_disjoint (p->u_offset, u_end, p->v_offset, v_end),
         "the YUV planes overlap");
  return SL_OK;
}

static SlStatus
check_to_nv12 (const SlToNv12Params *p, const SlOpBuffers *b, char *message, size_t message_size)
{
  uint32_t w = b->src->desc.width, h = b->src->desc.height;
  uint32_t cw = (w + 1) / 2, ch = (h + 1) / 2;
  size_t size = flat_size (b->dst);

  CHECK (has_format (b->dst, SL_FORMAT_R_U8), "YUV planes are written into an R_U8 buffer");
  CHECK (plane_fits (p->y_offset, p->y_stride, w, h, size)
         && plane_fits (p->uv_offset, p->uv_stride, 2 * cw, ch, size),
         "the YUV planes do not fit the destination buffer");
  CHECK (planes_disjoint (p->y_offset, plane_end (p->y_offset, p->y_stride, w, h),
                          p->uv_offset, plane_end (p->uv_offset, p->uv_stride, 2 * cw, ch)),
         "the YUV planes overlap");
  return SL_OK;
}

/* The checks of the ops whose destination is a frame buffer. */
static SlStatus
check_frame_op (SlOp op, const void *params, const SlOpBuffers *b, char *message, size_t message_size)
{
  CHECK (has_format (b->dst, SL_FORMAT_RGBA_F32), "%s writes an RGBA_F32 buffer", sl_op_get_name (op));

  switch (op)
    {
    case SL_OP_CLEAR:
      CHECK_FINITE ((const SlClearParams *) params);
      return SL_OK;
    case SL_OP_DRAW_CARD:
      return check_draw_card (params, b, message, message_size);
    case SL_OP_SKY:
      return check_sky (params, message, message_size);
    case SL_OP_PARTICLES:
      return check_particles (params, b, message, message_size);
    case SL_OP_GRADE:
      return check_grade (params, message, message_size);
    case SL_OP_BLOOM:
      {
        const SlBloomParams *p = params;

        CHECK (all_finite (params, 3), "parameters must be finite numbers");
        CHECK (p->threshold >= 0 && p->knee >= 0, "threshold and knee must not be negative");
        CHECK (p->levels >= 1 && p->levels <= SL_BLOOM_MAX_LEVELS,
               "bloom levels must be within 1..%d", SL_BLOOM_MAX_LEVELS);
        return SL_OK;
      }
    case SL_OP_BLUR:
      CHECK (has_format (b->src, SL_FORMAT_RGBA_F32) && same_size (b->src, b->dst),
             "blur reads an RGBA_F32 buffer the size of the destination");
      CHECK (in_range (((const SlBlurParams *) params)->sigma, 0, SL_BLUR_MAX_SIGMA),
             "sigma must be within 0..%g", (double) SL_BLUR_MAX_SIGMA);
      return SL_OK;
    case SL_OP_ACCUMULATE:
      CHECK (has_format (b->src, SL_FORMAT_RGBA_F32) && same_size (b->src, b->dst),
             "accumulate reads an RGBA_F32 buffer the size of the destination");
      CHECK_FINITE ((const SlAccumulateParams *) params);
      return SL_OK;
    case SL_OP_SCALE:
      CHECK_FINITE ((const SlScaleParams *) params);
      return SL_OK;
    default:
      return fail (message, message_size, "not a frame op");
    }
}

static SlStatus
check_op (SlOp op, const void *params, const SlOpBuffers *b, char *message, size_t message_size)
{
  switch (op)
    {
    case SL_OP_TO_RGBA8:
      CHECK (has_format (b->src, SL_FORMAT_RGBA_F32), "to-rgba8 reads an RGBA_F32 buffer");
      CHECK (has_format (b->dst, SL_FORMAT_RGBA_U8) && same_size (b->src, b->dst),
             "to-rgba8 writes an RGBA_U8 buffer the size of its source");
      CHECK (((const SlToRgba8Params *) params)->dither <= 1, "dither is 0 or 1");
      return SL_OK;
    case SL_OP_TO_I420:
    case SL_OP_TO_NV12:
      CHECK (has_format (b->src, SL_FORMAT_RGBA_F32), "%s reads an RGBA_F32 buffer", sl_op_get_name (op));
      return op == SL_OP_TO_I420 ? check_to_i420 (params, b, message, message_size)
                                 : check_to_nv12 (params, b, message, message_size);
    case SL_OP_MIP_GENERATE:
      CHECK (has_format (b->dst, SL_FORMAT_RGBA_U16), "mip-generate writes an RGBA_U16 texture");
      CHECK (((const SlMipGenerateParams *) params)->first_level < b->dst->desc.levels,
             "first_level is beyond the texture's levels");
      return SL_OK;
    case SL_OP_SRGB8_TO_TEXTURE:
      {
        uint32_t level = ((const SlSrgb8ToTextureParams *) params)->level;

        CHECK (has_format (b->dst, SL_FORMAT_RGBA_U16), "srgb8-to-texture writes an RGBA_U16 texture");
        CHECK (has_format (b->src, SL_FORMAT_RGBA_U8), "srgb8-to-texture reads an RGBA_U8 buffer");
        CHECK (level < b->dst->desc.levels, "level is beyond the texture's levels");
        CHECK (b->src->desc.width == sl_level_size (b->dst->desc.width, level)
               && b->src->desc.height == sl_level_size (b->dst->desc.height, level),
               "the source must be the size of the texture level");
        return SL_OK;
      }
    default:
      return check_frame_op (op, params, b, message, message_size);
    }
}

/* Slots an op does not use must be empty, so that a misplaced buffer is an
 * error rather than silently ignored. The destination is always needed. */
enum { SLOT_SRC = 1, SLOT_AUX = 2 };

static const uint8_t op_slots[SL_N_OPS] = {
  [SL_OP_DRAW_CARD]        = SLOT_SRC | SLOT_AUX,
  [SL_OP_PARTICLES]        = SLOT_SRC,
  [SL_OP_BLUR]             = SLOT_SRC,
  [SL_OP_ACCUMULATE]       = SLOT_SRC,
  [SL_OP_TO_RGBA8]         = SLOT_SRC,
  [SL_OP_TO_I420]          = SLOT_SRC,
  [SL_OP_TO_NV12]          = SLOT_SRC,
  [SL_OP_SRGB8_TO_TEXTURE] = SLOT_SRC,
};

SlStatus
sl_op_check (SlOp op, const void *params, const SlOpBuffers *buffers, char *message, size_t message_size)
{
  bool takes_src;

  CHECK ((unsigned) op < SL_N_OPS, "unknown op %d", (int) op);
  CHECK (params != NULL && buffers != NULL && buffers->dst != NULL,
         "%s needs parameters and a destination", sl_op_get_name (op));
  takes_src = (op_slots[op] & SLOT_SRC) != 0;
  CHECK ((buffers->src != NULL) == takes_src,
         "%s %s a source buffer", sl_op_get_name (op), takes_src ? "needs" : "takes no");
  CHECK (buffers->aux == NULL || (op_slots[op] & SLOT_AUX),
         "%s takes no auxiliary buffer", sl_op_get_name (op));
  return check_op (op, params, buffers, message, message_size);
}
