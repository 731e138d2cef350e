/* sl-style-transfer.h: a style reference's colour statistics, and the look
 * they ask for
 *
 * The statistics are those of Reinhard et al.'s colour transfer (mean and
 * standard deviation per channel, here in linear light) plus the spread of
 * log luminance, the mean relative chroma and a five-colour palette. With
 * no render of the shot to compare them with, the transfer is folded into
 * the grade: the look's white balance, gain, contrast and saturation move
 * part of the way from a typical photograph toward the style's values.
 * docs/scene.md gives the formulas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-image.h"
#include "sl-look.h"

G_BEGIN_DECLS

/* The images are measured with their longest side at most this. */
#define SL_STYLE_SAMPLE_SIZE 256

typedef struct {
  double mean[3];                /* linear RGB */
  double stddev[3];              /* linear RGB */
  double log_stddev;             /* of log2 luminance, stops */
  double chroma;                 /* mean RMS distance from grey / luminance */
  guint  n_palette;              /* 1..5 */
  double palette[SL_LOOK_MAX_PALETTE][3]; /* linear, largest cluster first */
} SlStyleStats;

/* Measures the opaque pixels of @image (all of them if none is opaque).
 * k-means starts from a k-means++ choice seeded by @seed: the same image
 * and seed always give the same palette. */
void     sl_style_stats_compute (SlImage            *image,
                                 guint32             seed,
                                 SlStyleStats       *stats);
/* Moves @look toward @stats: temperature, tint and gain toward the
 * style's colour balance, contrast toward its tonal range, saturation
 * toward its chroma; the palette becomes the style's. */
void     sl_style_transfer_apply (const SlStyleStats *stats,
                                  SlLook             *look);

G_END_DECLS
