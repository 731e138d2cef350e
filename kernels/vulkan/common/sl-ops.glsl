/* sl-ops.glsl: the parameter structs of sl-ops.h, as push-constant blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Field for field the C structs: 32-bit scalars and arrays of them, whose
 * std430 layout (the push-constant default) is C's. Each shader declares
 *   layout (push_constant) uniform SlPush { SlXxxParams p; };
 */
#ifndef SL_OPS_GLSL
#define SL_OPS_GLSL

struct SlClearParams
{
  float color[4];
};

struct SlDrawCardParams
{
  float homography[9];
  float tint[3];
  float opacity;
  float fog_color[3];
  float fog_amount;
  float lod_bias;
  float depth_scale;
};

#define SL_SKY_STAR_CELLS 64
/* 0.3f * (2.0f / SL_SKY_STAR_CELLS) / 3.0f, as C folds it */
#define SL_SKY_MAX_STAR_RADIUS 0.00312500005

struct SlSkyParams
{
  float ray_matrix[9];
  float zenith[3];
  float horizon[3];
  float sun_dir[3];
  float sun_color[3];
  float sun_radius;
  float sun_glow;
  float star_amount;
  uint  seed;
  float cloud_color[3];
  float cloud_amount;
  float cloud_scale;
  float cloud_top;
};

#define SL_PARTICLE_FLOATS 8

struct SlParticlesParams
{
  uint  count;
  float opacity;
};

struct SlGradeParams
{
  float exposure;
  float white_balance[9];
  float contrast;
  float pivot;
  float saturation;
  float lift[3];
  float gamma[3];
  float gain[3];
  float vignette_amount;
  float vignette_radius;
  float vignette_softness;
  float grain_amount;
  uint  grain_seed;
  uint  frame;
};

struct SlBloomParams
{
  float threshold;
  float knee;
  float intensity;
  uint  levels;
};

struct SlBlurParams
{
  float sigma;
};

struct SlAccumulateParams
{
  float weight;
};

struct SlScaleParams
{
  float factor[4];
};

struct SlToRgba8Params
{
  uint dither;
};

struct SlToI420Params
{
  uint y_offset;
  uint y_stride;
  uint u_offset;
  uint u_stride;
  uint v_offset;
  uint v_stride;
};

struct SlToNv12Params
{
  uint y_offset;
  uint y_stride;
  uint uv_offset;
  uint uv_stride;
};

struct SlMipGenerateParams
{
  uint first_level;
};

struct SlSrgb8ToTextureParams
{
  uint level;
};

#endif
