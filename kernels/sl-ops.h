/* sl-ops.h: the pixel operations every backend implements, and their parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One enum of ops; one plain-old-data parameter struct per op. The same structs
 * are read by C, by CUDA (.cu) and as a GLSL push-constant block, so they hold
 * only 32-bit float/int32/uint32 fields and fixed-size arrays of them (no
 * pointers, no bool, no vec3: arrays of floats have a 4-byte stride in both C
 * and std430), and each stays under the 128 bytes Vulkan guarantees for push
 * constants.
 *
 * Pixel conventions shared by every op:
 *  - Frame buffers (RGBA_F32) hold linear light, premultiplied alpha, 4 floats
 *    per pixel, rows top to bottom.
 *  - Textures (RGBA_U16) hold premultiplied linear light as 16-bit unorm with a
 *    mip chain: level l is max(1, w >> l) by max(1, h >> l) and is the exact box
 *    filter of level l - 1 (texels of odd-sized levels are weighted by their
 *    overlap), so the texel i of level l covers [i, i + 1) * (w0 / wl) texels of
 *    level 0.
 *  - Pixel (x, y) has its centre at (x + 0.5, y + 0.5); texel i of a texture the
 *    same at i + 0.5.
 *  - "Over" is the premultiplied Porter-Duff over: dst = src + dst * (1 - src.a).
 *  - Ops read and write level 0 of frame buffers; only MIP_GENERATE and
 *    SRGB8_TO_TEXTURE write other levels.
 *  - World space for SKY is right-handed with +y up.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
# define SL_STATIC_ASSERT static_assert
extern "C" {
#else
# define SL_STATIC_ASSERT _Static_assert
#endif

#define SL_MAX_PARAMS_SIZE 128
#define SL_MAX_LEVELS      16
#define SL_MAX_DIMENSION   16384

typedef enum {
  SL_FORMAT_RGBA_F32,   /* frame buffers: linear premultiplied float */
  SL_FORMAT_RGBA_U16,   /* textures: linear premultiplied 16-bit unorm, with mips */
  SL_FORMAT_R_F32,      /* depth, masks, and flat float arrays (particles) */
  SL_FORMAT_RGBA_U8,    /* sRGB straight-alpha 8-bit pixels (PNG, display, photos) */
  SL_FORMAT_R_U8,       /* bytes: encoder planes, addressed as a flat byte array */
  SL_N_FORMATS
} SlFormat;

/* Bytes per pixel of FORMAT. */
static inline uint32_t
sl_format_pixel_size (SlFormat format)
{
  static const uint8_t sizes[SL_N_FORMATS] = { 16, 8, 4, 4, 1 };

  return (uint32_t) format < SL_N_FORMATS ? sizes[format] : 0;
}

/* Width or height of mip level LEVEL of a dimension SIZE at level 0. */
static inline uint32_t
sl_level_size (uint32_t size, uint32_t level)
{
  uint32_t s = level < 32 ? size >> level : 0;

  return s > 0 ? s : 1;
}

typedef enum {
  SL_OP_CLEAR,
  SL_OP_DRAW_CARD,
  SL_OP_SKY,
  SL_OP_PARTICLES,
  SL_OP_GRADE,
  SL_OP_BLOOM,
  SL_OP_BLUR,
  SL_OP_ACCUMULATE,
  SL_OP_SCALE,
  SL_OP_TO_RGBA8,
  SL_OP_TO_I420,
  SL_OP_TO_NV12,
  SL_OP_MIP_GENERATE,
  SL_OP_SRGB8_TO_TEXTURE,
  SL_N_OPS
} SlOp;

/* The buffers of one op. Which slot means what is stated per op below; unused
 * slots must be NULL. All buffers of one call belong to the same backend. */
typedef struct SlBuffer SlBuffer;

typedef struct {
  SlBuffer *dst;
  SlBuffer *src;
  SlBuffer *aux;
} SlOpBuffers;

/* CLEAR. dst: RGBA_F32. Every pixel = color (premultiplied linear). */
typedef struct {
  float color[4];
} SlClearParams;

/* DRAW_CARD. dst: RGBA_F32; src: RGBA_U16 texture; aux: R_F32 depth, the size of
 * dst, or NULL.
 * For each pixel: q = homography * (x + 0.5, y + 0.5, 1) (row-major 3x3); where
 * q.z <= 0 the card is behind the camera and the pixel is untouched. Otherwise
 * (u, v) = (q.x, q.y) / q.z are level-0 texel coordinates.
 *  - Level of detail: lod = log2 (max (|d(u,v)/dx|, |d(u,v)/dy|)) + lod_bias,
 *    from the exact derivatives of the projective map, clamped to
 *    [0, levels - 1]; the texture is sampled trilinearly (bilinear in the two
 *    nearest levels, clamp-to-edge, then linear between them).
 *  - Edge coverage: cov = cu * cv with cu = clamp (0.5 + min (u, W - u) / |grad u|,
 *    0, 1) (distance to the nearer vertical border in pixels) and cv likewise.
 *  - Colour: s = sample; s.rgb *= tint; s.rgb = mix (s.rgb, fog_color * s.a,
 *    fog_amount); s *= cov * opacity; dst = s over dst. Opacity and
 *    fog_amount are clamped to [0, 1], tint and fog_color to [0, 65504].
 *  - Depth: where aux is given and s.a > 0.5, aux = depth_scale / q.z. With the
 *    homography built as the inverse of (intrinsics * pose restricted to the
 *    card's plane), q.z is 1 / view depth and depth_scale = 1 writes view depth;
 *    for an affine homography (last row 0 0 1) it writes depth_scale.
 * Cards are drawn back to front: depth is written, never tested. */
typedef struct {
  float homography[9];
  float tint[3];
  float opacity;
  float fog_color[3];
  float fog_amount;
  float lod_bias;
  float depth_scale;
} SlDrawCardParams;

/* SKY. dst: RGBA_F32, every pixel written opaque (alpha 1).
 * Ray d = normalize (ray_matrix * (x + 0.5, y + 0.5, 1)) in world space, where
 * ray_matrix = R_camera_to_world * K^-1 (K: focal lengths and principal point in
 * pixels); e = d.y is the sine of the elevation.
 *  - Gradient: sky = mix (horizon, zenith, sqrt (max (e, 0))).
 *  - Sun: with c = dot (d, sun_dir) (sun_dir a unit vector) and the angle
 *    a = sqrt (2 - 2c) (exact to within 0.1 % below 5 degrees), the disc adds
 *    sun_color * clamp ((sun_radius - a) / p + 0.5, 0, 1), p being the angle of
 *    one pixel (|first column of ray_matrix|), and the glow adds
 *    sun_color * sun_glow * (0.02 * max (c, 0)^8 + 0.1 * max (c, 0)^64).
 *  - Stars (star_amount > 0): the cube around the camera is cut into
 *    SL_SKY_STAR_CELLS^2 cells per face; a cell holds a star with probability
 *    star_amount times its solid angle relative to a face-centre cell (so the
 *    density is even over the sphere), placed in the middle 0.4 of the cell and
 *    given a brightness in [0.05, 2.05) (most stars faint) by a hash of (face,
 *    cell, seed): stars are fixed in world directions. With r_s =
 *    min (1.5 p, SL_SKY_MAX_STAR_RADIUS) and a_s the angle to the star, a star
 *    adds brightness * max (0, 1 - (a_s / r_s)^2)^2 above the horizon, faded
 *    in over 0 < e < 0.1 and hidden by clouds.
 *  - Clouds (cloud_amount > 0): density = 4-octave value-noise fbm of
 *    d * cloud_scale (seeded), shaped by smoothstep (0.45, 0.75, fbm), masked
 *    to the band 0 < e < cloud_top (fading in over 0 < e < 0.02 and out over
 *    the top 40 % of the band), times cloud_amount; the sky is mixed toward
 *    cloud_color by that density.
 * Channels are clamped to [0, 65504]. */
#define SL_SKY_STAR_CELLS 64
/* Star centres keep 0.3 of a cell from its border, and a cell near a cube
 * corner spans a third of the angle of one at a face centre: stars stay this
 * small (radians) so that no cell border cuts one. */
#define SL_SKY_MAX_STAR_RADIUS (0.3f * (2.0f / SL_SKY_STAR_CELLS) / 3.0f)
typedef struct {
  float    ray_matrix[9];
  float    zenith[3];
  float    horizon[3];
  float    sun_dir[3];
  float    sun_color[3];
  float    sun_radius;
  float    sun_glow;
  float    star_amount;
  uint32_t seed;
  float    cloud_color[3];
  float    cloud_amount;
  float    cloud_scale;
  float    cloud_top;
} SlSkyParams;

/* PARTICLES. dst: RGBA_F32; src: R_F32 read as a flat float array holding
 * count records of SL_PARTICLE_FLOATS floats: x, y (centre, pixels), radius
 * (pixels), alpha, r, g, b (straight linear colour), softness (0 = hard edge
 * with a one-pixel antialiased rim, 1 = soft all the way to the centre).
 * Particles are composited over dst in array order. At distance r from the
 * centre of a particle of radius R' = max (radius, 0.5) the coverage is
 * smoothstep (0, 1, clamp ((R' + 0.5 - r) / max (softness * R', 1), 0, 1))
 * (a hard edge is a one-pixel ramp centred on the radius) times
 * alpha * opacity, and times (radius / 0.5)^2 when radius < 0.5 so that
 * sub-pixel particles fade with their area instead of flickering. */
#define SL_PARTICLE_FLOATS 8
typedef struct {
  uint32_t count;
  float    opacity;
} SlParticlesParams;

/* GRADE, in place on dst (RGBA_F32); alpha is untouched. Pixels with alpha <= 0
 * are untouched; others are graded on their straight colour c = rgb / a and
 * premultiplied again, every step keeping c within [0, 65504]:
 *  1. c *= 2^exposure
 *  2. c = white_balance * c (row-major 3x3)
 *  3. contrast in log space around pivot: c = pivot * (max (c, 0) / pivot)^contrast
 *  4. saturation about Rec.709 luma l: c = l + (c - l) * saturation
 *  5. per channel: c = max (gain * (c + lift * (1 - c)), 0)^(1 / gamma)
 *  6. vignette: with r = distance from the image centre / half the diagonal,
 *     c *= max (0, 1 - vignette_amount * smoothstep (vignette_radius,
 *     vignette_radius + vignette_softness, r))
 *  7. grain: c *= max (0, 1 + grain_amount * n), n in [-1, 1) triangular
 *     noise: the two 16-bit halves of hash (x, hash (y, grain_seed, frame)),
 *     each read as a fraction, summed, minus 1; the same for all channels.
 * Steps with neutral parameters (contrast 1, saturation 1, gamma 1) are
 * skipped, so a neutral grade of an opaque pixel is exact. Powers use the
 * kernels' fast exp2/log2 (relative error below 1e-5). */
typedef struct {
  float    exposure;
  float    white_balance[9];
  float    contrast;
  float    pivot;
  float    saturation;
  float    lift[3];
  float    gamma[3];
  float    gain[3];
  float    vignette_amount;
  float    vignette_radius;
  float    vignette_softness;
  float    grain_amount;
  uint32_t grain_seed;
  uint32_t frame;
} SlGradeParams;

/* BLOOM, in place on dst (RGBA_F32); alpha is untouched.
 *  1. Bright pass at half size: each texel is the 2x2 box average of
 *     p (c) = c * max (s, b - threshold) / max (b, 1e-5), b = max (r, g, b),
 *     s = clamp (b - threshold + knee, 0, 2 knee)^2 / (4 knee) (0 if knee = 0).
 *  2. levels - 1 further 2x2 box halvings (levels in [1, SL_BLOOM_MAX_LEVELS]).
 *  3. Each level blurred by the separable [1 4 6 4 1] / 16 kernel; from the
 *     smallest up, each level adds the bilinear upsampling of the level below.
 *  4. dst.rgb += intensity / levels * bilinear upsampling of level 0.
 * Edges clamp. The glow reaches about 2^(levels + 1) pixels. */
#define SL_BLOOM_MAX_LEVELS 8
typedef struct {
  float    threshold;
  float    knee;
  float    intensity;
  uint32_t levels;
} SlBloomParams;

/* BLUR. dst, src: RGBA_F32 of one size (may be the same buffer).
 * Separable Gaussian: radius = ceil (3 sigma), weights exp (-k^2 / (2 sigma^2))
 * normalised to sum 1, edges clamped; horizontal pass first. sigma = 0 copies.
 * sigma is at most SL_BLUR_MAX_SIGMA. */
#define SL_BLUR_MAX_SIGMA 100.0f
typedef struct {
  float sigma;
} SlBlurParams;

/* ACCUMULATE. dst, src: RGBA_F32 of one size. dst += src * weight (all four
 * channels): sums sub-frame samples for motion blur. */
typedef struct {
  float weight;
} SlAccumulateParams;

/* SCALE. dst: RGBA_F32. dst[c] *= factor[c] for each channel c. */
typedef struct {
  float factor[4];
} SlScaleParams;

/* TO_RGBA8. dst: RGBA_U8 the size of src; src: RGBA_F32.
 * a8 = round (255 * clamp (a, 0, 1)); where a8 = 0 the pixel is 0 0 0 0;
 * otherwise each colour channel is the straight colour clamp (rgb / a, 0, 1)
 * encoded with the sRGB curve and rounded to nearest: exactly, for every float
 * (no approximation of the curve). dither = 1 adds a 4x4 ordered (Bayer) dither
 * of +-0.5 code value before rounding. */
typedef struct {
  uint32_t dither;
} SlToRgba8Params;

/* TO_I420 and TO_NV12: the encoder's input in one pass. dst: R_U8 (a flat byte
 * array of width * height bytes holding all planes at the given byte offsets and
 * strides); src: RGBA_F32 of any size w x h.
 * The premultiplied colour (that is, the frame over black) is clamped to [0, 1]
 * and sRGB-encoded in float (curve within 1.2e-5), then BT.709 limited range:
 * Y = 16 + 219 Y', Cb = 128 + 224 (B' - Y') / 1.8556, Cr = 128 + 224 (R' - Y') /
 * 1.5748, with Y' = 0.2126 R' + 0.7152 G' + 0.0722 B', rounded to nearest.
 * Chroma is (w + 1) / 2 x (h + 1) / 2; each chroma sample is computed from the
 * mean R'G'B' of its 2x2 block, summed top left, top right, bottom left,
 * bottom right (centred siting; edge pixels repeat for odd sizes). Bytes between rows and planes are untouched. Planes must not overlap.
 * I420: Y plane, then U (Cb) and V (Cr) planes. NV12: Y plane and one plane of
 * interleaved Cb, Cr pairs. */
typedef struct {
  uint32_t y_offset;
  uint32_t y_stride;
  uint32_t u_offset;
  uint32_t u_stride;
  uint32_t v_offset;
  uint32_t v_stride;
} SlToI420Params;

typedef struct {
  uint32_t y_offset;
  uint32_t y_stride;
  uint32_t uv_offset;
  uint32_t uv_stride;
} SlToNv12Params;

/* MIP_GENERATE. dst: RGBA_U16 texture. Levels first_level + 1 .. levels - 1 are
 * rebuilt, each as the exact box filter of the level above it (see the top of
 * this file), rounded to nearest. */
typedef struct {
  uint32_t first_level;
} SlMipGenerateParams;

/* SRGB8_TO_TEXTURE. dst: RGBA_U16 texture; src: RGBA_U8 sRGB straight-alpha
 * pixels the size of dst's level `level`. Writes that level with
 * round (65535 * linear (c) * a / 255) per colour channel (linear () from a
 * 256-entry table of the exact sRGB curve) and alpha a * 257. Other levels are
 * untouched: run MIP_GENERATE from `level` afterwards. */
typedef struct {
  uint32_t level;
} SlSrgb8ToTextureParams;

#define SL_CHECK_PARAMS_SIZE(type) \
  SL_STATIC_ASSERT (sizeof (type) < SL_MAX_PARAMS_SIZE && sizeof (type) % 4 == 0, \
                    #type " must fit a push-constant block")

SL_CHECK_PARAMS_SIZE (SlClearParams);
SL_CHECK_PARAMS_SIZE (SlDrawCardParams);
SL_CHECK_PARAMS_SIZE (SlSkyParams);
SL_CHECK_PARAMS_SIZE (SlParticlesParams);
SL_CHECK_PARAMS_SIZE (SlGradeParams);
SL_CHECK_PARAMS_SIZE (SlBloomParams);
SL_CHECK_PARAMS_SIZE (SlBlurParams);
SL_CHECK_PARAMS_SIZE (SlAccumulateParams);
SL_CHECK_PARAMS_SIZE (SlScaleParams);
SL_CHECK_PARAMS_SIZE (SlToRgba8Params);
SL_CHECK_PARAMS_SIZE (SlToI420Params);
SL_CHECK_PARAMS_SIZE (SlToNv12Params);
SL_CHECK_PARAMS_SIZE (SlMipGenerateParams);
SL_CHECK_PARAMS_SIZE (SlSrgb8ToTextureParams);

/* The name of OP ("draw-card"), or NULL for a value outside the enum. */
const char *sl_op_get_name (SlOp op);

/* The size of OP's parameter struct, or 0 for a value outside the enum. */
size_t sl_op_get_params_size (SlOp op);

#ifdef __cplusplus
}
#endif
