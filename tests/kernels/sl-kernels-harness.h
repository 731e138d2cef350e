/* sl-kernels-harness.h: run any op on any backend with random inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backend-equivalence machinery: sl_harness_run_random_op() draws an op's
 * parameters and inputs from a seed alone (never from the backend), runs the
 * op on the given backend and brings the outputs back to guarded host memory,
 * so the same seed on two backends must give the same picture.
 */
#pragma once

#include "sl-kernels.h"

/* A deterministic random stream (splitmix64). */
typedef struct {
  uint64_t state;
} SlRng;

void     sl_rng_init    (SlRng *rng, uint64_t seed);
uint32_t sl_rng_u32     (SlRng *rng);
/* Uniform in [lo, hi). */
float    sl_rng_uniform (SlRng *rng, float lo, float hi);
/* Uniform integer in [lo, hi]. */
uint32_t sl_rng_range   (SlRng *rng, uint32_t lo, uint32_t hi);

/* Host copy of a buffer, every level packed one after the other, with guard
 * bytes before and after. */
typedef struct {
  SlBufferDesc desc;
  size_t       size;    /* bytes of data */
  uint8_t     *data;
  uint8_t     *block;
} SlHostImage;

SlHostImage *sl_host_image_new           (const SlBufferDesc *desc);
void         sl_host_image_free          (SlHostImage        *image);
bool         sl_host_image_guards_intact (const SlHostImage  *image);
/* Byte offset of LEVEL in the image's data. */
size_t       sl_host_image_level_offset  (const SlHostImage  *image,
                                          uint32_t            level);
/* Downloads every level of BUFFER; NULL on failure. */
SlHostImage *sl_host_image_download      (SlBackend          *backend,
                                          const SlBuffer     *buffer);
/* Uploads every level of IMAGE into BUFFER (of the same description). */
SlStatus     sl_host_image_upload        (SlBackend          *backend,
                                          SlBuffer           *buffer,
                                          const SlHostImage  *image);
/* Floats in the image that are NaN or infinite (0 for integer formats). */
size_t       sl_host_image_count_nonfinite (const SlHostImage *image);

#define SL_HARNESS_MAX_OUTPUTS 2

typedef struct {
  SlHostImage *outputs[SL_HARNESS_MAX_OUTPUTS];  /* dst, then depth if written */
  size_t       n_outputs;
  bool         bounds_ok;   /* guard bands, and bytes between YUV planes, untouched */
} SlHarnessRun;

/* Runs OP on BACKEND with parameters and inputs drawn from SEED. On success
 * fills RUN (release it with sl_harness_run_clear()); on failure returns the
 * status, and the backend's error says why. */
SlStatus sl_harness_run_random_op (SlBackend    *backend,
                                   SlOp          op,
                                   uint32_t      seed,
                                   SlHarnessRun *run);
void     sl_harness_run_clear     (SlHarnessRun *run);

typedef struct {
  double max_abs;      /* largest difference: floats as is, integers in code values */
  double normalised;   /* max_abs / the largest magnitude in the reference (floats), or max_abs */
  bool   same_shape;
  bool   identical;    /* byte for byte */
} SlHarnessDiff;

SlHarnessDiff sl_harness_compare (const SlHostImage *reference, const SlHostImage *image);

/* The largest SlHarnessDiff.normalised the backend named BACKEND may show
 * against the CPU reference for OP: 0 for the CPU itself. */
double sl_harness_tolerance (SlOp op, const char *backend);
