/* sl-cuda-private.h: what the CUDA backend's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included only by the .cu files (C++ under nvcc).
 */
#pragma once

#include <cuda_runtime.h>

#include "sl-cuda-backend.h"
#include "../common/sl-color.h"

/* Bytes before and after every buffer's data, filled with a known pattern.
 * 256 keeps the data as aligned as cudaMalloc's own blocks. */
#define SL_CUDA_GUARD_SIZE 256
#define SL_CUDA_GUARD_BYTE 0xa5

typedef struct {
  SlBuffer  parent;
  size_t    size;    /* bytes of all levels */
  uint8_t  *block;   /* device memory: guard, data, guard */
  uint8_t  *data;    /* level 0, then level 1, ... tightly packed */
} SlCudaBuffer;

/* Uploads and downloads pass through two pinned host buffers in turn, so the
 * host packs or unpacks one chunk of rows while the other is being copied. */
#define SL_CUDA_STAGING_SLOTS 2
#define SL_CUDA_STAGING_SIZE  (8u << 20)

typedef struct {
  int            device;
  char           device_name[256];
  cudaStream_t   stream;           /* every op and copy of the instance, in order */
  SlSrgbTables  *srgb;             /* device copy of the sRGB tables */
  void          *scratch;          /* device memory for blur and bloom */
  size_t         scratch_size;     /* in bytes */
  uint8_t       *staging[SL_CUDA_STAGING_SLOTS];
  cudaEvent_t    staging_idle[SL_CUDA_STAGING_SLOTS];  /* the slot's last copy finished */
} SlCuda;

static inline SlCuda *
sl_cuda_from_backend (SlBackend *backend)
{
  return (SlCuda *) backend->context;
}

static inline uint8_t *
sl_cuda_buffer_data (const SlBuffer *buffer)
{
  return ((const SlCudaBuffer *) buffer)->data;
}

static inline float4 *
sl_cuda_buffer_pixels (const SlBuffer *buffer)
{
  return (float4 *) sl_cuda_buffer_data (buffer);
}

/* Records ERROR, raised by CALL, as BACKEND's last error and returns the
 * matching status: SL_ERROR_OUT_OF_MEMORY or SL_ERROR_DEVICE. */
SlStatus sl_cuda_fail (SlBackend *backend, cudaError_t error, const char *call);

/* Returns from the calling function with sl_cuda_fail()'s status when CALL
 * does not succeed. */
#define SL_CUDA_CHECK(backend, call) \
  do \
    { \
      cudaError_t sl_cuda_error_ = (call); \
      if (sl_cuda_error_ != cudaSuccess) \
        return sl_cuda_fail ((backend), sl_cuda_error_, #call); \
    } \
  while (0)

/* The status of the kernel launch just made for WHAT (an op's name): launch
 * errors, and errors of earlier queued work that have surfaced. */
SlStatus sl_cuda_check_launch (SlBackend *backend, const char *what);

/* Sets *OUT to at least BYTES of device scratch memory, which the work
 * queued until the next call may use. */
SlStatus sl_cuda_scratch (SlBackend *backend, size_t bytes, void **out);

/* The launch shape of per-pixel kernels: 32 x 8 threads, one per pixel. */
#define SL_CUDA_BLOCK_2D dim3 (32, 8)

static inline dim3
sl_cuda_grid_2d (uint32_t width, uint32_t height)
{
  return dim3 ((width + 31) / 32, (height + 7) / 8);
}

/* For kernels over a flat range of N items, 256 threads a block. */
#define SL_CUDA_BLOCK_1D 256u

static inline unsigned int
sl_cuda_grid_1d (size_t n)
{
  return (unsigned int) ((n + SL_CUDA_BLOCK_1D - 1) / SL_CUDA_BLOCK_1D);
}

/* One launcher per op, each in its own file, called with checked
 * arguments. Each queues its kernels on the instance's stream. */
typedef SlStatus (*SlCudaOpFunc) (SlBackend *backend, const void *params, const SlOpBuffers *buffers);

SlStatus sl_cuda_clear            (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_draw_card        (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_sky              (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_particles        (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_grade            (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_bloom            (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_blur             (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_accumulate       (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_scale            (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_to_rgba8         (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_to_i420          (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_to_nv12          (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_mip_generate     (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
SlStatus sl_cuda_srgb8_to_texture (SlBackend *backend, const void *params, const SlOpBuffers *buffers);
