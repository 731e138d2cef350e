/* sl-cpu-backend.c: the CPU backend's table, buffers and scratch memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-cpu-private.h"
#include "../common/sl-sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of known pattern before and after every buffer: tests check them to
 * catch a kernel writing out of bounds without a sanitizer. A cache line, so
 * the data stays aligned. */
#define GUARD_SIZE 64
#define GUARD_BYTE 0xa5

static const SlCpuOpFunc ops[SL_N_OPS] = {
  [SL_OP_CLEAR]            = sl_cpu_clear,
  [SL_OP_DRAW_CARD]        = sl_cpu_draw_card,
  [SL_OP_SKY]              = sl_cpu_sky,
  [SL_OP_PARTICLES]        = sl_cpu_particles,
  [SL_OP_GRADE]            = sl_cpu_grade,
  [SL_OP_BLOOM]            = sl_cpu_bloom,
  [SL_OP_BLUR]             = sl_cpu_blur,
  [SL_OP_ACCUMULATE]       = sl_cpu_accumulate,
  [SL_OP_SCALE]            = sl_cpu_scale,
  [SL_OP_TO_RGBA8]         = sl_cpu_to_rgba8,
  [SL_OP_TO_I420]          = sl_cpu_to_i420,
  [SL_OP_TO_NV12]          = sl_cpu_to_nv12,
  [SL_OP_MIP_GENERATE]     = sl_cpu_mip_generate,
  [SL_OP_SRGB8_TO_TEXTURE] = sl_cpu_srgb8_to_texture,
};

static bool
cpu_probe (char *reason, size_t reason_size)
{
  return true;
}

/* The processor's model name from /proc/cpuinfo ("CPU" elsewhere). */
static void
read_cpu_model (char *model, size_t model_size)
{
  FILE *info = fopen ("/proc/cpuinfo", "r");
  char line[256];

  snprintf (model, model_size, "CPU");
  while (info != NULL && fgets (line, sizeof line, info) != NULL)
    {
      char *colon = strchr (line, ':');

      if (strncmp (line, "model name", 10) != 0 || colon == NULL)
        continue;
      colon += 1 + strspn (colon + 1, " \t");
      colon[strcspn (colon, "\n")] = '\0';
      snprintf (model, model_size, "%s", colon);
      break;
    }
  if (info != NULL)
    fclose (info);
}

static void *
cpu_create (const SlBackendOptions *options, char *reason, size_t reason_size)
{
  SlCpu *cpu = calloc (1, sizeof *cpu);

  if (cpu == NULL)
    {
      snprintf (reason, reason_size, "out of memory");
      return NULL;
    }
  cpu->pool = sl_cpu_pool_new (options->n_threads > 0 ? options->n_threads : sl_cpu_count_cores ());
  if (cpu->pool == NULL)
    {
      snprintf (reason, reason_size, "cannot start worker threads");
      free (cpu);
      return NULL;
    }
  sl_srgb_tables_init (&cpu->srgb);
  {
    char model[128];
    uint32_t threads = sl_cpu_pool_n_threads (cpu->pool);

    read_cpu_model (model, sizeof model);
    snprintf (cpu->device_name, sizeof cpu->device_name, "%s, %u thread%s",
              model, threads, threads == 1 ? "" : "s");
  }
  return cpu;
}

static void
cpu_destroy (SlBackend *self)
{
  SlCpu *cpu = sl_cpu_from_backend (self);

  sl_cpu_pool_free (cpu->pool);
  free (cpu->scratch);
  free (cpu);
}

static bool
cpu_supports_op (SlBackend *self, SlOp op)
{
  return ops[op] != NULL;
}

static SlBuffer *
cpu_buffer_alloc (SlBackend *self, const SlBufferDesc *desc)
{
  SlCpuBuffer *buffer = calloc (1, sizeof *buffer);
  void *block;

  if (buffer == NULL)
    return NULL;
  buffer->size = sl_texture_level_offset (desc->width, desc->height, desc->levels)
               * sl_format_pixel_size (desc->format);
  if (posix_memalign (&block, GUARD_SIZE, buffer->size + 2 * GUARD_SIZE) != 0)
    {
      free (buffer);
      return NULL;
    }
  buffer->block = block;
  buffer->data = buffer->block + GUARD_SIZE;
  memset (buffer->block, GUARD_BYTE, GUARD_SIZE);
  memset (buffer->data + buffer->size, GUARD_BYTE, GUARD_SIZE);
  return &buffer->parent;
}

static void
cpu_buffer_free (SlBackend *self, SlBuffer *parent)
{
  SlCpuBuffer *buffer = (SlCpuBuffer *) parent;

  free (buffer->block);
  free (buffer);
}

static uint8_t *
level_data (const SlBuffer *buffer, uint32_t level)
{
  return sl_cpu_buffer_data (buffer)
         + sl_texture_level_offset (buffer->desc.width, buffer->desc.height, level)
           * sl_format_pixel_size (buffer->desc.format);
}

static SlStatus
cpu_upload (SlBackend *self, SlBuffer *buffer, uint32_t level, const void *data, size_t stride)
{
  uint8_t *dst = level_data (buffer, level);
  size_t row = sl_buffer_get_row_size (buffer, level);
  uint32_t rows = sl_level_size (buffer->desc.height, level);

  for (uint32_t y = 0; y < rows; y++)
    memcpy (dst + y * row, (const uint8_t *) data + y * stride, row);
  return SL_OK;
}

static SlStatus
cpu_download (SlBackend *self, const SlBuffer *buffer, uint32_t level, void *data, size_t stride)
{
  const uint8_t *src = level_data (buffer, level);
  size_t row = sl_buffer_get_row_size (buffer, level);
  uint32_t rows = sl_level_size (buffer->desc.height, level);

  for (uint32_t y = 0; y < rows; y++)
    memcpy ((uint8_t *) data + y * stride, src + y * row, row);
  return SL_OK;
}

static SlStatus
cpu_run_op (SlBackend *self, SlOp op, const void *params, const SlOpBuffers *buffers)
{
  SlStatus status = ops[op] (sl_cpu_from_backend (self), params, buffers);

  if (status == SL_ERROR_OUT_OF_MEMORY)
    sl_backend_set_error (self, "%s: out of memory", sl_op_get_name (op));
  return status;
}

static SlStatus
cpu_sync (SlBackend *self)
{
  return SL_OK;
}

static const char *
cpu_device_name (SlBackend *self)
{
  return sl_cpu_from_backend (self)->device_name;
}

const SlBackendIface sl_cpu_backend_iface = {
  .name = "cpu",
  .probe = cpu_probe,
  .create = cpu_create,
  .supports_op = cpu_supports_op,
  .buffer_alloc = cpu_buffer_alloc,
  .buffer_free = cpu_buffer_free,
  .upload = cpu_upload,
  .download = cpu_download,
  .run_op = cpu_run_op,
  .sync = cpu_sync,
  .destroy = cpu_destroy,
  .device_name = cpu_device_name,
};

float *
sl_cpu_scratch (SlCpu *cpu, size_t n_floats)
{
  if (n_floats > cpu->scratch_size)
    {
      float *scratch = malloc (n_floats * sizeof (float));

      if (scratch == NULL)
        return NULL;
      free (cpu->scratch);
      cpu->scratch = scratch;
      cpu->scratch_size = n_floats;
    }
  return cpu->scratch;
}

bool
sl_cpu_buffer_guards_intact (const SlBuffer *parent)
{
  const SlCpuBuffer *buffer = (const SlCpuBuffer *) parent;

  for (size_t i = 0; i < GUARD_SIZE; i++)
    if (buffer->block[i] != GUARD_BYTE || buffer->data[buffer->size + i] != GUARD_BYTE)
      return false;
  return true;
}

uint32_t
sl_cpu_backend_get_n_threads (const SlBackend *backend)
{
  return sl_cpu_pool_n_threads (((const SlCpu *) backend->context)->pool);
}
