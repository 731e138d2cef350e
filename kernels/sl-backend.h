/* sl-backend.h: the contract between the engine and a pixel backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After ggml's backends: a backend is a const table of function pointers
 * (SlBackendIface, one per kind: cpu, cuda, vulkan) plus a context (one per
 * opened instance). The engine only calls the sl_backend_* and sl_buffer_*
 * functions below; they validate every argument once, for all backends, so an
 * implementation may assume valid input.
 *
 * Threading: an SlBackend and its buffers are used by one thread at a time (the
 * engine's render thread); calls on different SlBackend instances may run
 * concurrently. probe() may run on any thread at any time. A backend may use
 * threads of its own inside a call (the CPU backend does).
 *
 * Ordering: run_op calls execute in the order they are made. A GPU backend may
 * queue them and return before they finish; download() and sync() wait for the
 * queued work, so what download() returns always reflects every earlier call.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sl-ops.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  SL_OK,
  SL_ERROR_INVALID_ARGUMENT,  /* a bad op, buffer, size, format or parameter */
  SL_ERROR_UNSUPPORTED,       /* valid, but this backend does not do it */
  SL_ERROR_OUT_OF_MEMORY,
  SL_ERROR_DEVICE,            /* the device failed (lost, driver error) */
  SL_ERROR_UNAVAILABLE,       /* the backend cannot run on this machine */
} SlStatus;

const char *sl_status_to_string (SlStatus status);

typedef struct {
  SlFormat format;
  uint32_t width;    /* of level 0, in pixels; bytes for R_U8 */
  uint32_t height;   /* of level 0, in rows */
  uint32_t levels;   /* mip levels, 1 = level 0 only */
} SlBufferDesc;

typedef struct SlBackend SlBackend;
typedef struct SlBackendIface SlBackendIface;

/* Options for opening a backend; zero-initialise and set what you need. */
typedef struct {
  uint32_t n_threads;  /* CPU: threads working on one op, the caller included;
                          0 = one per core this process may use */
  uint32_t hardware_only; /* GPU backends: refuse devices that emulate a GPU
                             on the CPU (Mesa's lavapipe), which are slower
                             than the CPU backend; `auto` sets it */
} SlBackendOptions;

/* The head of every backend's buffer struct. Backends allocate a larger struct
 * that starts with this one; callers treat buffers as opaque handles and read
 * them only through sl_buffer_get_desc(). */
struct SlBuffer {
  SlBackend   *backend;  /* the owner; set by sl_buffer_new() */
  SlBufferDesc desc;     /* set by sl_buffer_new() */
};

struct SlBackendIface {
  /* Short lower-case name: "cpu", "cuda", "vulkan". Static storage. */
  const char *name;

  /* Whether this kind of backend can run here (a device is present, the driver
   * loads). Cheap enough to call at start-up, callable from any thread, needs
   * no instance. When it returns false it writes a one-line English reason
   * into REASON (at most REASON_SIZE bytes, NUL-terminated). Never crashes
   * for lack of a device or a library. */
  bool (*probe) (char *reason, size_t reason_size);

  /* Creates the context of a new instance with OPTIONS (never NULL). Returns
   * NULL and writes a reason like probe() when it cannot. The caller owns the
   * context and releases it with destroy(). */
  void *(*create) (const SlBackendOptions *options, char *reason, size_t reason_size);

  /* Whether run_op() implements OP. Pure, no side effects. */
  bool (*supports_op) (SlBackend *self, SlOp op);

  /* Allocates a buffer described by DESC (already validated) and returns the
   * backend's struct whose first member is an SlBuffer, or NULL when out of
   * memory. Contents are undefined until written. The caller owns the buffer
   * and frees it with buffer_free() on this backend before destroy(). */
  SlBuffer *(*buffer_alloc) (SlBackend *self, const SlBufferDesc *desc);

  /* Frees BUFFER, waiting first for queued work that uses it. Takes ownership. */
  void (*buffer_free) (SlBackend *self, SlBuffer *buffer);

  /* Copies host memory into level LEVEL of BUFFER. DATA holds the level's rows
   * STRIDE bytes apart (stride >= row size, checked). DATA is borrowed: it may
   * be reused as soon as upload() returns. */
  SlStatus (*upload) (SlBackend *self, SlBuffer *buffer, uint32_t level,
                      const void *data, size_t stride);

  /* Copies level LEVEL of BUFFER into host memory DATA (rows STRIDE bytes
   * apart), after all earlier work has finished. Writes only the rows' bytes,
   * never the padding between them. */
  SlStatus (*download) (SlBackend *self, const SlBuffer *buffer, uint32_t level,
                        void *data, size_t stride);

  /* Runs (or queues) OP with PARAMS (the op's struct, copied before return:
   * the caller's memory is borrowed only for the call) on BUFFERS (borrowed;
   * they must stay alive until the work is done, which buffer_free() and
   * destroy() wait for). Arguments are validated by sl_backend_run_op(). May
   * report errors of earlier queued work. */
  SlStatus (*run_op) (SlBackend *self, SlOp op, const void *params,
                      const SlOpBuffers *buffers);

  /* Waits until all queued work has finished; reports its errors. */
  SlStatus (*sync) (SlBackend *self);

  /* Waits for queued work and releases the context. Buffers must already be
   * freed. Takes ownership of the context. */
  void (*destroy) (SlBackend *self);

  /* The device this instance runs on, for people ("NVIDIA H100 80GB HBM3",
   * "llvmpipe (LLVM 15.0.6, 256 bits)", "AMD EPYC 7B13, 2 threads"). Owned by
   * the context, valid until destroy(). Any thread. */
  const char *(*device_name) (SlBackend *self);
};

/* An opened backend: the table, its context, and the message of the last error
 * (for the engine's error reports). */
struct SlBackend {
  const SlBackendIface *iface;
  void                 *context;
  char                  error[256];
};

/* Opens a backend of kind IFACE with OPTIONS (NULL = defaults). Returns NULL
 * and writes a reason when it is unusable here. The caller owns the result and
 * frees it with sl_backend_free(). Engines normally call sl_backend_open() from
 * sl-backend-registry.h instead. */
SlBackend  *sl_backend_new            (const SlBackendIface    *iface,
                                       const SlBackendOptions  *options,
                                       char                    *reason,
                                       size_t                   reason_size);
/* Frees BACKEND (NULL is fine); all its buffers must be freed first. */
void        sl_backend_free           (SlBackend               *backend);
const char *sl_backend_get_name       (const SlBackend         *backend);
/* The device BACKEND runs on, for people (see SlBackendIface.device_name). */
const char *sl_backend_get_device_name (const SlBackend        *backend);
bool        sl_backend_supports_op    (SlBackend               *backend,
                                       SlOp                     op);
/* The message of the last failed call on BACKEND ("" when none failed). */
const char *sl_backend_get_error      (const SlBackend         *backend);

/* Allocates a buffer on BACKEND. Dimensions are 1..SL_MAX_DIMENSION; levels is
 * 1..the full chain (floor (log2 (max (w, h))) + 1). */
SlStatus    sl_buffer_new             (SlBackend               *backend,
                                       const SlBufferDesc      *desc,
                                       SlBuffer               **out_buffer);
/* Frees BUFFER (NULL is fine) on the backend that allocated it. */
void        sl_buffer_free            (SlBuffer                *buffer);
const SlBufferDesc *sl_buffer_get_desc (const SlBuffer         *buffer);
/* Size in bytes of one row and of the whole of level LEVEL of BUFFER. */
size_t      sl_buffer_get_row_size    (const SlBuffer          *buffer,
                                       uint32_t                 level);
size_t      sl_buffer_get_level_size  (const SlBuffer          *buffer,
                                       uint32_t                 level);

SlStatus    sl_backend_upload         (SlBackend               *backend,
                                       SlBuffer                *buffer,
                                       uint32_t                 level,
                                       const void              *data,
                                       size_t                   stride);
SlStatus    sl_backend_download       (SlBackend               *backend,
                                       const SlBuffer          *buffer,
                                       uint32_t                 level,
                                       void                    *data,
                                       size_t                   stride);
/* Validates and runs OP. PARAMS_SIZE must equal sizeof the op's struct (it
 * catches a struct passed for the wrong op). */
SlStatus    sl_backend_run_op         (SlBackend               *backend,
                                       SlOp                     op,
                                       const void              *params,
                                       size_t                   params_size,
                                       const SlOpBuffers       *buffers);
SlStatus    sl_backend_sync           (SlBackend               *backend);

/* Fills TEXTURE (RGBA_U16) from 8-bit sRGB straight-alpha PIXELS (rows STRIDE
 * bytes apart, the size of level 0): SRGB8_TO_TEXTURE into level 0, then
 * MIP_GENERATE for the whole chain, on the backend itself. */
SlStatus    sl_backend_upload_srgb8   (SlBackend               *backend,
                                       SlBuffer                *texture,
                                       const uint8_t           *pixels,
                                       size_t                   stride);

/* For implementations: records a formatted message as BACKEND's last error. */
void        sl_backend_set_error      (SlBackend               *backend,
                                       const char              *format,
                                       ...) __attribute__ ((format (printf, 2, 3)));

#ifdef __cplusplus
}
#endif
