/* sl-backend.c: the checked entry points in front of every backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-backend.h"
#include "sl-ops-private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *
sl_status_to_string (SlStatus status)
{
  switch (status)
    {
    case SL_OK:                     return "success";
    case SL_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case SL_ERROR_UNSUPPORTED:      return "not supported by this backend";
    case SL_ERROR_OUT_OF_MEMORY:    return "out of memory";
    case SL_ERROR_DEVICE:           return "device error";
    case SL_ERROR_UNAVAILABLE:      return "backend unavailable";
    default:                        return "unknown error";
    }
}

void
sl_backend_set_error (SlBackend *backend, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vsnprintf (backend->error, sizeof backend->error, format, args);
  va_end (args);
}

/* A failure with nothing to add to its status: the status becomes the
 * message, so that sl_backend_get_error() describes every failed call. */
static SlStatus
fail (SlBackend *backend, SlStatus status, const char *what)
{
  sl_backend_set_error (backend, "%s: %s", what, sl_status_to_string (status));
  return status;
}

SlBackend *
sl_backend_new (const SlBackendIface *iface, const SlBackendOptions *options,
                char *reason, size_t reason_size)
{
  static const SlBackendOptions defaults = { 0 };
  SlBackend *backend;
  void *context;

  if (!iface->probe (reason, reason_size))
    return NULL;
  backend = calloc (1, sizeof *backend);
  if (backend == NULL)
    {
      snprintf (reason, reason_size, "out of memory");
      return NULL;
    }
  context = iface->create (options ? options : &defaults, reason, reason_size);
  if (context == NULL)
    {
      free (backend);
      return NULL;
    }
  backend->iface = iface;
  backend->context = context;
  return backend;
}

void
sl_backend_free (SlBackend *backend)
{
  if (backend == NULL)
    return;
  backend->iface->destroy (backend);
  free (backend);
}

const char *
sl_backend_get_name (const SlBackend *backend)
{
  return backend->iface->name;
}

const char *
sl_backend_get_device_name (const SlBackend *backend)
{
  return backend->iface->device_name ((SlBackend *) backend);
}

bool
sl_backend_supports_op (SlBackend *backend, SlOp op)
{
  return (unsigned) op < SL_N_OPS && backend->iface->supports_op (backend, op);
}

const char *
sl_backend_get_error (const SlBackend *backend)
{
  return backend->error;
}

static uint32_t
full_chain_levels (uint32_t width, uint32_t height)
{
  uint32_t size = width > height ? width : height;
  uint32_t levels = 1;

  while (size >>= 1)
    levels++;
  return levels;
}

SlStatus
sl_buffer_new (SlBackend *backend, const SlBufferDesc *desc, SlBuffer **out_buffer)
{
  SlBuffer *buffer;

  *out_buffer = NULL;
  if ((unsigned) desc->format >= SL_N_FORMATS
      || desc->width < 1 || desc->width > SL_MAX_DIMENSION
      || desc->height < 1 || desc->height > SL_MAX_DIMENSION
      || desc->levels < 1 || desc->levels > full_chain_levels (desc->width, desc->height))
    {
      sl_backend_set_error (backend, "buffer %ux%u with %u levels in format %d is not allowed",
                            desc->width, desc->height, desc->levels, (int) desc->format);
      return SL_ERROR_INVALID_ARGUMENT;
    }
  buffer = backend->iface->buffer_alloc (backend, desc);
  if (buffer == NULL)
    return fail (backend, SL_ERROR_OUT_OF_MEMORY, "buffer");
  buffer->backend = backend;
  buffer->desc = *desc;
  *out_buffer = buffer;
  return SL_OK;
}

void
sl_buffer_free (SlBuffer *buffer)
{
  if (buffer != NULL)
    buffer->backend->iface->buffer_free (buffer->backend, buffer);
}

const SlBufferDesc *
sl_buffer_get_desc (const SlBuffer *buffer)
{
  return &buffer->desc;
}

size_t
sl_buffer_get_row_size (const SlBuffer *buffer, uint32_t level)
{
  return (size_t) sl_level_size (buffer->desc.width, level) * sl_format_pixel_size (buffer->desc.format);
}

size_t
sl_buffer_get_level_size (const SlBuffer *buffer, uint32_t level)
{
  return sl_buffer_get_row_size (buffer, level) * sl_level_size (buffer->desc.height, level);
}

static SlStatus
check_transfer (SlBackend *backend, const SlBuffer *buffer, uint32_t level,
                const void *data, size_t stride)
{
  if (buffer == NULL || buffer->backend != backend || data == NULL)
    {
      sl_backend_set_error (backend, "transfer needs data and a buffer of this backend");
      return SL_ERROR_INVALID_ARGUMENT;
    }
  if (level >= buffer->desc.levels || stride < sl_buffer_get_row_size (buffer, level))
    {
      sl_backend_set_error (backend, "transfer of level %u with stride %zu does not fit the buffer",
                            level, stride);
      return SL_ERROR_INVALID_ARGUMENT;
    }
  return SL_OK;
}

SlStatus
sl_backend_upload (SlBackend *backend, SlBuffer *buffer, uint32_t level,
                   const void *data, size_t stride)
{
  SlStatus status = check_transfer (backend, buffer, level, data, stride);

  if (status == SL_OK)
    status = backend->iface->upload (backend, buffer, level, data, stride);
  return status;
}

SlStatus
sl_backend_download (SlBackend *backend, const SlBuffer *buffer, uint32_t level,
                     void *data, size_t stride)
{
  SlStatus status = check_transfer (backend, buffer, level, data, stride);

  if (status == SL_OK)
    status = backend->iface->download (backend, buffer, level, data, stride);
  return status;
}

static bool
owned_or_null (const SlBackend *backend, const SlBuffer *buffer)
{
  return buffer == NULL || buffer->backend == backend;
}

SlStatus
sl_backend_run_op (SlBackend *backend, SlOp op, const void *params, size_t params_size,
                   const SlOpBuffers *buffers)
{
  SlStatus status;

  if ((unsigned) op >= SL_N_OPS || params_size != sl_op_get_params_size (op))
    {
      sl_backend_set_error (backend, "op %d does not take %zu bytes of parameters", (int) op, params_size);
      return SL_ERROR_INVALID_ARGUMENT;
    }
  if (buffers != NULL
      && !(owned_or_null (backend, buffers->dst) && owned_or_null (backend, buffers->src)
           && owned_or_null (backend, buffers->aux)))
    {
      sl_backend_set_error (backend, "%s: a buffer belongs to another backend", sl_op_get_name (op));
      return SL_ERROR_INVALID_ARGUMENT;
    }
  status = sl_op_check (op, params, buffers, backend->error, sizeof backend->error);
  if (status != SL_OK)
    return status;
  if (!backend->iface->supports_op (backend, op))
    return fail (backend, SL_ERROR_UNSUPPORTED, sl_op_get_name (op));
  return backend->iface->run_op (backend, op, params, buffers);
}

SlStatus
sl_backend_sync (SlBackend *backend)
{
  return backend->iface->sync (backend);
}

SlStatus
sl_backend_upload_srgb8 (SlBackend *backend, SlBuffer *texture, const uint8_t *pixels, size_t stride)
{
  SlBufferDesc desc = { SL_FORMAT_RGBA_U8, 0, 0, 1 };
  SlSrgb8ToTextureParams convert = { 0 };
  SlMipGenerateParams mips = { 0 };
  SlBuffer *staging;
  SlStatus status;

  if (texture == NULL || texture->backend != backend)
    {
      sl_backend_set_error (backend, "upload-srgb8 needs a texture of this backend");
      return SL_ERROR_INVALID_ARGUMENT;
    }
  desc.width = texture->desc.width;
  desc.height = texture->desc.height;
  status = sl_buffer_new (backend, &desc, &staging);
  if (status != SL_OK)
    return status;
  status = sl_backend_upload (backend, staging, 0, pixels, stride);
  if (status == SL_OK)
    status = sl_backend_run_op (backend, SL_OP_SRGB8_TO_TEXTURE, &convert, sizeof convert,
                                &(SlOpBuffers) { .dst = texture, .src = staging });
  if (status == SL_OK)
    status = sl_backend_run_op (backend, SL_OP_MIP_GENERATE, &mips, sizeof mips,
                                &(SlOpBuffers) { .dst = texture });
  sl_buffer_free (staging);
  return status;
}
