/* sl-cuda-backend.cu: the CUDA backend's table, device, stream and buffers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cuda-private.h"
#include "../common/sl-sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The oldest GPUs the kernels are built for (see the gencode lists in
 * meson.build and the Makefile). */
#define MIN_COMPUTE_CAPABILITY 75

SlStatus
sl_cuda_fail (SlBackend *backend, cudaError_t error, const char *call)
{
  sl_backend_set_error (backend, "%s: %s (in %s)", cudaGetErrorName (error), cudaGetErrorString (error), call);
  /* Clears the runtime's last error, so that the next call does not report
   * it again. Errors that leave the context unusable stay. */
  cudaGetLastError ();
  return error == cudaErrorMemoryAllocation ? SL_ERROR_OUT_OF_MEMORY : SL_ERROR_DEVICE;
}

SlStatus
sl_cuda_check_launch (SlBackend *backend, const char *what)
{
  cudaError_t error = cudaGetLastError ();

  if (error == cudaSuccess)
    return SL_OK;
  return sl_cuda_fail (backend, error, what);
}

SlStatus
sl_cuda_scratch (SlBackend *backend, size_t bytes, void **out)
{
  SlCuda *cuda = sl_cuda_from_backend (backend);

  if (bytes > cuda->scratch_size)
    {
      /* Work already queued may still read the old block. */
      SL_CUDA_CHECK (backend, cudaStreamSynchronize (cuda->stream));
      SL_CUDA_CHECK (backend, cudaFree (cuda->scratch));
      cuda->scratch = NULL;
      cuda->scratch_size = 0;
      SL_CUDA_CHECK (backend, cudaMalloc (&cuda->scratch, bytes));
      cuda->scratch_size = bytes;
    }
  *out = cuda->scratch;
  return SL_OK;
}

static SlCudaOpFunc
op_func (SlOp op)
{
  switch (op)
    {
    case SL_OP_CLEAR:            return sl_cuda_clear;
    case SL_OP_DRAW_CARD:        return sl_cuda_draw_card;
    case SL_OP_SKY:              return sl_cuda_sky;
    case SL_OP_PARTICLES:        return sl_cuda_particles;
    case SL_OP_GRADE:            return sl_cuda_grade;
    case SL_OP_BLOOM:            return sl_cuda_bloom;
    case SL_OP_BLUR:             return sl_cuda_blur;
    case SL_OP_ACCUMULATE:       return sl_cuda_accumulate;
    case SL_OP_SCALE:            return sl_cuda_scale;
    case SL_OP_TO_RGBA8:         return sl_cuda_to_rgba8;
    case SL_OP_TO_I420:          return sl_cuda_to_i420;
    case SL_OP_TO_NV12:          return sl_cuda_to_nv12;
    case SL_OP_MIP_GENERATE:     return sl_cuda_mip_generate;
    case SL_OP_SRGB8_TO_TEXTURE: return sl_cuda_srgb8_to_texture;
    default:                     return NULL;
    }
}

/* Why the runtime found no device: the error, and the versions that decide
 * the usual case (no driver, or one older than the runtime). */
static void
describe_no_device (cudaError_t error, char *reason, size_t reason_size)
{
  int driver = 0, runtime = 0;
  char driver_text[32] = "no driver found";

  cudaDriverGetVersion (&driver);
  cudaRuntimeGetVersion (&runtime);
  if (driver > 0)
    snprintf (driver_text, sizeof driver_text, "driver for CUDA %d.%d", driver / 1000, driver % 1000 / 10);
  snprintf (reason, reason_size, "no device (%s: %s; runtime %d.%d, %s)",
            cudaGetErrorName (error), cudaGetErrorString (error), runtime / 1000, runtime % 1000 / 10,
            driver_text);
  cudaGetLastError ();
}

static bool
device_attribute (int device, cudaDeviceAttr attribute, int *value)
{
  return cudaDeviceGetAttribute (value, attribute, device) == cudaSuccess;
}

/* The usable device with the most multiprocessors: compute capability 7.5 or
 * newer, and not closed to compute work. -1 and a reason when none is. */
static int
pick_device (char *reason, size_t reason_size)
{
  int count = 0, best = -1, best_sms = 0;
  cudaError_t error = cudaGetDeviceCount (&count);

  if (error != cudaSuccess)
    {
      describe_no_device (error, reason, reason_size);
      return -1;
    }
  for (int device = 0; device < count; device++)
    {
      int major, minor, sms, mode;

      if (!device_attribute (device, cudaDevAttrComputeCapabilityMajor, &major)
          || !device_attribute (device, cudaDevAttrComputeCapabilityMinor, &minor)
          || !device_attribute (device, cudaDevAttrMultiProcessorCount, &sms)
          || !device_attribute (device, cudaDevAttrComputeMode, &mode))
        continue;
      if (10 * major + minor >= MIN_COMPUTE_CAPABILITY && mode != cudaComputeModeProhibited && sms > best_sms)
        {
          best = device;
          best_sms = sms;
        }
    }
  cudaGetLastError ();
  if (count == 0)
    snprintf (reason, reason_size, "no device (the driver reports no CUDA device)");
  else if (best < 0)
    snprintf (reason, reason_size,
              "no usable device (none of %d has compute capability 7.5 or newer and allows compute work)", count);
  return best;
}

static bool
cuda_probe (char *reason, size_t reason_size)
{
  return pick_device (reason, reason_size) >= 0;
}

/* Stands for every kernel of the backend: all are built for the same
 * targets, so if this one can be loaded, they all can. */
static __global__ void
probe_kernel (void)
{
}

static void
release_context (SlCuda *cuda)
{
  cudaSetDevice (cuda->device);
  if (cuda->stream != NULL)
    cudaStreamSynchronize (cuda->stream);
  for (int i = 0; i < SL_CUDA_STAGING_SLOTS; i++)
    {
      if (cuda->staging_idle[i] != NULL)
        cudaEventDestroy (cuda->staging_idle[i]);
      cudaFreeHost (cuda->staging[i]);
    }
  cudaFree (cuda->scratch);
  cudaFree (cuda->srgb);
  if (cuda->stream != NULL)
    cudaStreamDestroy (cuda->stream);
  cudaGetLastError ();
  free (cuda);
}

/* For create(): on failure, writes why into REASON and returns false. */
static bool
create_step (cudaError_t error, const char *call, char *reason, size_t reason_size)
{
  if (error == cudaSuccess)
    return true;
  snprintf (reason, reason_size, "cannot start on the device (%s: %s, in %s)",
            cudaGetErrorName (error), cudaGetErrorString (error), call);
  cudaGetLastError ();
  return false;
}

#define CREATE_STEP(call) create_step ((call), #call, reason, reason_size)

static bool
init_context (SlCuda *cuda, char *reason, size_t reason_size)
{
  SlSrgbTables tables;
  cudaDeviceProp properties;
  cudaFuncAttributes attributes;

  if (!CREATE_STEP (cudaSetDevice (cuda->device))
      || !CREATE_STEP (cudaGetDeviceProperties (&properties, cuda->device))
      /* Loads the kernels: fails here, not at the first op, when the driver
       * cannot run this build's code on this GPU. */
      || !CREATE_STEP (cudaFuncGetAttributes (&attributes, probe_kernel))
      || !CREATE_STEP (cudaStreamCreateWithFlags (&cuda->stream, cudaStreamNonBlocking))
      || !CREATE_STEP (cudaMalloc (&cuda->srgb, sizeof *cuda->srgb)))
    return false;
  snprintf (cuda->device_name, sizeof cuda->device_name, "%s", properties.name);
  sl_srgb_tables_init (&tables);
  /* On the stream, like everything else: the stream does not wait for the
   * default stream's copies. */
  if (!CREATE_STEP (cudaMemcpyAsync (cuda->srgb, &tables, sizeof tables, cudaMemcpyHostToDevice, cuda->stream))
      || !CREATE_STEP (cudaStreamSynchronize (cuda->stream)))
    return false;
  for (int i = 0; i < SL_CUDA_STAGING_SLOTS; i++)
    if (!CREATE_STEP (cudaMallocHost (&cuda->staging[i], SL_CUDA_STAGING_SIZE))
        || !CREATE_STEP (cudaEventCreateWithFlags (&cuda->staging_idle[i], cudaEventDisableTiming)))
      return false;
  return true;
}

static void *
cuda_create (const SlBackendOptions *options, char *reason, size_t reason_size)
{
  SlCuda *cuda;
  int device = pick_device (reason, reason_size);

  if (device < 0)
    return NULL;
  cuda = (SlCuda *) calloc (1, sizeof *cuda);
  if (cuda == NULL)
    {
      snprintf (reason, reason_size, "out of memory");
      return NULL;
    }
  cuda->device = device;
  if (!init_context (cuda, reason, reason_size))
    {
      release_context (cuda);
      return NULL;
    }
  return cuda;
}

static void
cuda_destroy (SlBackend *self)
{
  release_context (sl_cuda_from_backend (self));
}

/* Makes the instance's device current on the calling thread: an instance may
 * be used from one thread, then another. */
static SlStatus
enter (SlBackend *self)
{
  SL_CUDA_CHECK (self, cudaSetDevice (sl_cuda_from_backend (self)->device));
  return SL_OK;
}

static bool
cuda_supports_op (SlBackend *self, SlOp op)
{
  return op_func (op) != NULL;
}

static SlBuffer *
cuda_buffer_alloc (SlBackend *self, const SlBufferDesc *desc)
{
  SlCuda *cuda = sl_cuda_from_backend (self);
  SlCudaBuffer *buffer = (SlCudaBuffer *) calloc (1, sizeof *buffer);
  void *block = NULL;

  if (buffer == NULL)
    return NULL;
  buffer->size = sl_texture_level_offset (desc->width, desc->height, desc->levels)
               * sl_format_pixel_size (desc->format);
  if (enter (self) != SL_OK || cudaMalloc (&block, buffer->size + 2 * SL_CUDA_GUARD_SIZE) != cudaSuccess)
    {
      cudaGetLastError ();
      free (buffer);
      return NULL;
    }
  buffer->block = (uint8_t *) block;
  buffer->data = buffer->block + SL_CUDA_GUARD_SIZE;
  if (cudaMemsetAsync (buffer->block, SL_CUDA_GUARD_BYTE, SL_CUDA_GUARD_SIZE, cuda->stream) != cudaSuccess
      || cudaMemsetAsync (buffer->data + buffer->size, SL_CUDA_GUARD_BYTE, SL_CUDA_GUARD_SIZE,
                          cuda->stream) != cudaSuccess)
    {
      cudaGetLastError ();
      cudaFree (block);
      free (buffer);
      return NULL;
    }
  return &buffer->parent;
}

static void
cuda_buffer_free (SlBackend *self, SlBuffer *parent)
{
  SlCudaBuffer *buffer = (SlCudaBuffer *) parent;

  /* cudaFree() waits for the whole device; this waits only for our work. */
  if (enter (self) == SL_OK)
    cudaStreamSynchronize (sl_cuda_from_backend (self)->stream);
  cudaFree (buffer->block);
  cudaGetLastError ();
  free (buffer);
}

static uint8_t *
level_data (const SlBuffer *buffer, uint32_t level)
{
  return sl_cuda_buffer_data (buffer)
         + sl_texture_level_offset (buffer->desc.width, buffer->desc.height, level)
           * sl_format_pixel_size (buffer->desc.format);
}

static void
copy_rows (uint8_t *dst, size_t dst_stride, const uint8_t *src, size_t src_stride, size_t row, uint32_t rows)
{
  if (dst_stride == row && src_stride == row)
    {
      memcpy (dst, src, row * rows);
      return;
    }
  for (uint32_t y = 0; y < rows; y++)
    memcpy (dst + y * dst_stride, src + y * src_stride, row);
}

/* Rows of a level per staging slot (at least 16: a row is at most
 * SL_MAX_DIMENSION pixels of 16 bytes). */
static uint32_t
chunk_rows (size_t row)
{
  return (uint32_t) (SL_CUDA_STAGING_SIZE / row);
}

static SlStatus
cuda_upload (SlBackend *self, SlBuffer *buffer, uint32_t level, const void *data, size_t stride)
{
  SlCuda *cuda = sl_cuda_from_backend (self);
  uint8_t *dst = level_data (buffer, level);
  size_t row = sl_buffer_get_row_size (buffer, level);
  uint32_t rows = sl_level_size (buffer->desc.height, level), chunk = chunk_rows (row);

  SL_CUDA_CHECK (self, cudaSetDevice (cuda->device));
  for (uint32_t y = 0, slot = 0; y < rows; y += chunk, slot = (slot + 1) % SL_CUDA_STAGING_SLOTS)
    {
      uint32_t n = rows - y < chunk ? rows - y : chunk;

      /* The slot's previous copy must have left it before it is refilled. */
      SL_CUDA_CHECK (self, cudaEventSynchronize (cuda->staging_idle[slot]));
      copy_rows (cuda->staging[slot], row, (const uint8_t *) data + y * stride, stride, row, n);
      SL_CUDA_CHECK (self, cudaMemcpyAsync (dst + y * row, cuda->staging[slot], n * row,
                                            cudaMemcpyHostToDevice, cuda->stream));
      SL_CUDA_CHECK (self, cudaEventRecord (cuda->staging_idle[slot], cuda->stream));
    }
  return SL_OK;
}

/* Queues the copy of chunk INDEX of a level (CHUNK rows of ROW bytes from SRC,
 * ROWS in all) into its staging slot. */
static SlStatus
fetch_chunk (SlBackend *self, const uint8_t *src, size_t row, uint32_t rows, uint32_t chunk, uint32_t index)
{
  SlCuda *cuda = sl_cuda_from_backend (self);
  uint32_t y = index * chunk, n = rows - y < chunk ? rows - y : chunk;
  uint32_t slot = index % SL_CUDA_STAGING_SLOTS;

  SL_CUDA_CHECK (self, cudaMemcpyAsync (cuda->staging[slot], src + y * row, n * row,
                                        cudaMemcpyDeviceToHost, cuda->stream));
  SL_CUDA_CHECK (self, cudaEventRecord (cuda->staging_idle[slot], cuda->stream));
  return SL_OK;
}

static SlStatus
cuda_download (SlBackend *self, const SlBuffer *buffer, uint32_t level, void *data, size_t stride)
{
  SlCuda *cuda = sl_cuda_from_backend (self);
  const uint8_t *src = level_data (buffer, level);
  size_t row = sl_buffer_get_row_size (buffer, level);
  uint32_t rows = sl_level_size (buffer->desc.height, level), chunk = chunk_rows (row);
  uint32_t n_chunks = (rows + chunk - 1) / chunk;
  SlStatus status;

  SL_CUDA_CHECK (self, cudaSetDevice (cuda->device));
  status = fetch_chunk (self, src, row, rows, chunk, 0);
  /* The next chunk is copied while this one is unpacked. */
  for (uint32_t i = 0; i < n_chunks && status == SL_OK; i++)
    {
      uint32_t y = i * chunk, n = rows - y < chunk ? rows - y : chunk;
      uint32_t slot = i % SL_CUDA_STAGING_SLOTS;

      if (i + 1 < n_chunks)
        status = fetch_chunk (self, src, row, rows, chunk, i + 1);
      if (status == SL_OK)
        {
          SL_CUDA_CHECK (self, cudaEventSynchronize (cuda->staging_idle[slot]));
          copy_rows ((uint8_t *) data + y * stride, stride, cuda->staging[slot], row, row, n);
        }
    }
  return status;
}

static SlStatus
cuda_run_op (SlBackend *self, SlOp op, const void *params, const SlOpBuffers *buffers)
{
  SlStatus status = enter (self);

  return status == SL_OK ? op_func (op) (self, params, buffers) : status;
}

static SlStatus
cuda_sync (SlBackend *self)
{
  SlStatus status = enter (self);

  if (status == SL_OK)
    SL_CUDA_CHECK (self, cudaStreamSynchronize (sl_cuda_from_backend (self)->stream));
  return status;
}

static const char *
cuda_device_name (SlBackend *self)
{
  return sl_cuda_from_backend (self)->device_name;
}

const SlBackendIface sl_cuda_backend_iface = {
  .name = "cuda",
  .probe = cuda_probe,
  .create = cuda_create,
  .supports_op = cuda_supports_op,
  .buffer_alloc = cuda_buffer_alloc,
  .buffer_free = cuda_buffer_free,
  .upload = cuda_upload,
  .download = cuda_download,
  .run_op = cuda_run_op,
  .sync = cuda_sync,
  .destroy = cuda_destroy,
  .device_name = cuda_device_name,
};

bool
sl_cuda_buffer_guards_intact (const SlBuffer *parent)
{
  const SlCudaBuffer *buffer = (const SlCudaBuffer *) parent;
  SlCuda *cuda = sl_cuda_from_backend (parent->backend);
  uint8_t guards[2 * SL_CUDA_GUARD_SIZE];

  if (cudaSetDevice (cuda->device) != cudaSuccess
      || cudaMemcpyAsync (guards, buffer->block, SL_CUDA_GUARD_SIZE, cudaMemcpyDeviceToHost,
                          cuda->stream) != cudaSuccess
      || cudaMemcpyAsync (guards + SL_CUDA_GUARD_SIZE, buffer->data + buffer->size, SL_CUDA_GUARD_SIZE,
                          cudaMemcpyDeviceToHost, cuda->stream) != cudaSuccess
      || cudaStreamSynchronize (cuda->stream) != cudaSuccess)
    {
      cudaGetLastError ();
      return false;
    }
  for (size_t i = 0; i < sizeof guards; i++)
    if (guards[i] != SL_CUDA_GUARD_BYTE)
      return false;
  return true;
}

const char *
sl_cuda_backend_get_device_name (const SlBackend *backend)
{
  return ((const SlCuda *) backend->context)->device_name;
}

/* For the bandwidth measurement, which must release what it allocated on
 * every path: the status of CALL, recorded on failure. */
static SlStatus
checked (SlBackend *backend, cudaError_t error, const char *call)
{
  return error == cudaSuccess ? SL_OK : sl_cuda_fail (backend, error, call);
}

#define CHECKED(call) checked (backend, (call), #call)

/* Copies per timing: enough to hide the event's own cost. */
#define BANDWIDTH_COPIES 10

SlStatus
sl_cuda_backend_measure_copy_bandwidth (SlBackend *backend, size_t bytes, double *gb_per_s)
{
  SlCuda *cuda = sl_cuda_from_backend (backend);
  void *from = NULL, *to = NULL;
  cudaEvent_t start = NULL, stop = NULL;
  float ms = 0.0f;
  SlStatus status = enter (backend);

  if (status == SL_OK)
    status = CHECKED (cudaMalloc (&from, bytes));
  if (status == SL_OK)
    status = CHECKED (cudaMalloc (&to, bytes));
  if (status == SL_OK)
    status = CHECKED (cudaEventCreate (&start));
  if (status == SL_OK)
    status = CHECKED (cudaEventCreate (&stop));
  /* Touches both buffers first, and warms the copy engine up. */
  if (status == SL_OK)
    status = CHECKED (cudaMemsetAsync (from, 0, bytes, cuda->stream));
  if (status == SL_OK)
    status = CHECKED (cudaMemcpyAsync (to, from, bytes, cudaMemcpyDeviceToDevice, cuda->stream));
  if (status == SL_OK)
    status = CHECKED (cudaEventRecord (start, cuda->stream));
  for (int i = 0; i < BANDWIDTH_COPIES && status == SL_OK; i++)
    status = CHECKED (cudaMemcpyAsync (to, from, bytes, cudaMemcpyDeviceToDevice, cuda->stream));
  if (status == SL_OK)
    status = CHECKED (cudaEventRecord (stop, cuda->stream));
  if (status == SL_OK)
    status = CHECKED (cudaEventSynchronize (stop));
  if (status == SL_OK)
    status = CHECKED (cudaEventElapsedTime (&ms, start, stop));
  if (status == SL_OK)
    *gb_per_s = 2.0 * (double) bytes * BANDWIDTH_COPIES / (ms * 1e-3) / 1e9;

  cudaStreamSynchronize (cuda->stream);
  if (start != NULL)
    cudaEventDestroy (start);
  if (stop != NULL)
    cudaEventDestroy (stop);
  cudaFree (from);
  cudaFree (to);
  cudaGetLastError ();
  return status;
}
