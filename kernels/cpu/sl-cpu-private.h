/* sl-cpu-private.h: what the CPU backend's op files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-cpu-backend.h"
#include "sl-cpu-pool.h"
#include "../common/sl-color.h"

typedef struct {
  SlBuffer  parent;
  size_t    size;        /* bytes of all levels */
  uint8_t  *block;       /* the allocation: guard, data, guard */
  uint8_t  *data;        /* level 0, then level 1, ... tightly packed */
} SlCpuBuffer;

typedef struct {
  SlCpuPool    *pool;
  SlSrgbTables  srgb;
  float        *scratch;       /* reused between ops: blur and bloom */
  size_t        scratch_size;  /* in floats */
  char          device_name[160]; /* "MODEL, N threads" */
} SlCpu;

static inline SlCpu *
sl_cpu_from_backend (SlBackend *backend)
{
  return backend->context;
}

static inline uint8_t *
sl_cpu_buffer_data (const SlBuffer *buffer)
{
  return ((const SlCpuBuffer *) buffer)->data;
}

static inline float *
sl_cpu_buffer_floats (const SlBuffer *buffer)
{
  return (float *) sl_cpu_buffer_data (buffer);
}

/* At least N_FLOATS floats of scratch memory, valid until the next call;
 * NULL when out of memory. */
float *sl_cpu_scratch (SlCpu *cpu, size_t n_floats);

/* Where one pair of rows of TO_I420 or TO_NV12 goes. */
typedef struct {
  uint8_t *luma0, *luma1;  /* luma1 is unused when both rows are the same */
  uint8_t *cb, *cr;        /* NV12: cr = cb + 1 */
  bool     interleaved;    /* NV12: chroma bytes are two apart */
} SlCpuYuvRows;

/* Converts rows ROW0 and ROW1 (the same pointer for the last row of an odd
 * height) of WIDTH pixels into OUT, as sl_yuv420_block() would. */
void sl_cpu_yuv420_rows (const float *row0, const float *row1, uint32_t width, const SlCpuYuvRows *out);

/* One function per op, each in its own file, called with checked arguments. */
typedef SlStatus (*SlCpuOpFunc) (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);

SlStatus sl_cpu_clear            (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_draw_card        (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_sky              (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_particles        (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_grade            (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_bloom            (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_blur             (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_accumulate       (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_scale            (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_to_rgba8         (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_to_i420          (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_to_nv12          (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_mip_generate     (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cpu_srgb8_to_texture (SlCpu *cpu, const void *params, const SlOpBuffers *buffers);
