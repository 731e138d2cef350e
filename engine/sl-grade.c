/* sl-grade.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-grade"

#include "config.h"

#include <math.h>

#include "sl-grade.h"

#define REC709_R 0.2126
#define REC709_G 0.7152
#define REC709_B 0.0722

/* Below ~1900 K a black body's blue is negative in Rec. 709; a floor keeps
 * the gains finite (the picture is then as blue as this model makes it). */
#define WHITE_FLOOR 0.05

/* The vignette is c *= 1 - v * r^2 (docs/lexicon.md); the GRADE op offers
 * a smoothstep. Far from its upper edge smoothstep (0, s, r) grows as
 * 3 (r / s)^2, so a wide one scaled to reach v at the corners is r^2 to
 * within 2 % of v. */
#define VIGNETTE_SOFTNESS 16.0

/* Grain: docs/lexicon.md asks for a standard deviation of 0.08 * grain (at
 * white); the op's triangular noise in (-1, 1) has one of 1 / sqrt (6). */
#define GRAIN_SIGMA 0.08

/* Bloom: the light above 0.75 glows over sigma = 2 % of the width. */
#define BLOOM_THRESHOLD 0.75
#define BLOOM_KNEE      0.25
#define BLOOM_SIGMA     0.02

/* One lobe of Wyman, Sloan and Shirley's fit of the CIE 1931 2° observer
 * (JCGT 2013): a Gaussian with different widths on either side. */
static double
lobe (double lambda, double mu, double sigma_low, double sigma_high)
{
  double t = (lambda - mu) / (lambda < mu ? sigma_low : sigma_high);

  return exp (-0.5 * t * t);
}

static void
colour_matching (double lambda, double xyz[3])
{
  xyz[0] = 1.056 * lobe (lambda, 599.8, 37.9, 31.0)
         + 0.362 * lobe (lambda, 442.0, 16.0, 26.7)
         - 0.065 * lobe (lambda, 501.1, 20.4, 26.2);
  xyz[1] = 0.821 * lobe (lambda, 568.8, 46.9, 40.5)
         + 0.286 * lobe (lambda, 530.9, 16.3, 31.1);
  xyz[2] = 1.217 * lobe (lambda, 437.0, 11.8, 36.0)
         + 0.681 * lobe (lambda, 459.0, 26.0, 13.8);
}

void
sl_grade_black_body_rgb (double kelvin, double rgb[3])
{
  /* XYZ (D65) to linear Rec. 709. */
  static const double to_rgb[3][3] = {
    {  3.2404542, -1.5371385, -0.4985314 },
    { -0.9692660,  1.8760108,  0.0415560 },
    {  0.0556434, -0.2040259,  1.0572252 },
  };
  const double c2 = 1.438776877e-2;   /* second radiation constant, m K */
  double xyz[3] = { 0, 0, 0 };
  double t = CLAMP (kelvin, 1000.0, 40000.0);

  /* Planck's law over the visible range in 1 nm steps; the constant factors
   * cancel in the normalisation. */
  for (int nm = 380; nm <= 780; nm++)
    {
      double lambda = nm * 1e-9;
      double radiance = 1.0 / (pow (lambda, 5) * expm1 (c2 / (lambda * t)));
      double cmf[3];

      colour_matching (nm, cmf);
      for (int i = 0; i < 3; i++)
        xyz[i] += radiance * cmf[i];
    }
  for (int i = 0; i < 3; i++)
    rgb[i] = (to_rgb[i][0] * xyz[0] + to_rgb[i][1] * xyz[1] + to_rgb[i][2] * xyz[2]) / xyz[1];
}

void
sl_grade_white_balance (double kelvin, double tint, double matrix[9])
{
  double reference[3], white[3], gains[3], luminance;

  sl_grade_black_body_rgb (6500.0, reference);
  sl_grade_black_body_rgb (kelvin, white);
  for (int i = 0; i < 3; i++)
    gains[i] = reference[i] / MAX (white[i], WHITE_FLOOR);
  gains[1] *= exp2 (-tint / 2.0);
  luminance = REC709_R * gains[0] + REC709_G * gains[1] + REC709_B * gains[2];
  for (int i = 0; i < 9; i++)
    matrix[i] = 0.0;
  for (int i = 0; i < 3; i++)
    matrix[i * 4] = gains[i] / luminance;
}

static double
smoothstep (double edge0, double edge1, double x)
{
  double t = CLAMP ((x - edge0) / (edge1 - edge0), 0.0, 1.0);

  return t * t * (3.0 - 2.0 * t);
}

void
sl_grade_params_from_look (const SlLook *look, guint32 seed, guint32 frame, SlGradeParams *params)
{
  double balance[9];

  *params = (SlGradeParams) { 0 };
  params->exposure = look->exposure;
  sl_grade_white_balance (look->temperature, look->tint, balance);
  for (int i = 0; i < 9; i++)
    params->white_balance[i] = balance[i];
  params->contrast = look->contrast;
  params->pivot = SL_GRADE_CONTRAST_PIVOT;
  params->saturation = look->saturation;
  for (int c = 0; c < 3; c++)
    {
      params->lift[c] = look->lift[c];
      params->gamma[c] = look->gamma[c];
      params->gain[c] = look->gain[c];
    }
  params->vignette_amount = look->vignette / smoothstep (0.0, VIGNETTE_SOFTNESS, 1.0);
  params->vignette_radius = 0.0f;
  params->vignette_softness = VIGNETTE_SOFTNESS;
  params->grain_amount = GRAIN_SIGMA * sqrt (6.0) * look->grain;
  params->grain_seed = seed;
  params->frame = frame;
}

gboolean
sl_grade_params_is_identity (const SlGradeParams *params)
{
  for (int i = 0; i < 9; i++)
    if (params->white_balance[i] != (i % 4 == 0 ? 1.0f : 0.0f))
      return FALSE;
  for (int c = 0; c < 3; c++)
    if (params->lift[c] != 0.0f || params->gamma[c] != 1.0f || params->gain[c] != 1.0f)
      return FALSE;
  return params->exposure == 0.0f && params->contrast == 1.0f && params->saturation == 1.0f
      && params->vignette_amount == 0.0f && params->grain_amount == 0.0f;
}

gboolean
sl_grade_bloom_params_from_look (const SlLook *look, guint width, SlBloomParams *params)
{
  /* The op's glow reaches about 2^(levels + 1) pixels: make that 3 sigma. */
  double reach = 3.0 * BLOOM_SIGMA * MAX (width, 1u);
  int levels = (int) lround (log2 (MAX (reach, 1.0))) - 1;

  *params = (SlBloomParams) { 0 };
  if (!(look->bloom > 0.0))
    return FALSE;
  params->threshold = BLOOM_THRESHOLD;
  params->knee = BLOOM_KNEE;
  params->intensity = look->bloom;
  params->levels = CLAMP (levels, 1, SL_BLOOM_MAX_LEVELS);
  return TRUE;
}
