/* sl-vulkan-backend.c: the Vulkan backend's table, buffers and transfers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Buffers are storage buffers in device memory, laid out like the CPU
 * backend's (levels one after another, tightly packed), between two guard
 * bands. Uploads and downloads go through the staging ring in chunks of at
 * most one batch's region; a download waits for all queued work.
 */
#include "sl-vulkan-private.h"
#include "../common/sl-color.h"
#include "../common/sl-sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SlStatus
report (SlBackend *self, SlStatus status)
{
  if (status != SL_OK)
    sl_backend_set_error (self, "%s", sl_vulkan_from_backend (self)->error);
  return status;
}

static bool
vk_probe (char *reason, size_t reason_size)
{
  return sl_vk_probe (reason, reason_size);
}

static void
destroy_context (SlVulkan *vk)
{
  if (vk->device != VK_NULL_HANDLE)
    {
      vk->f.DeviceWaitIdle (vk->device);
      sl_vk_allocation_free (vk, &vk->scratch);
      sl_vk_allocation_free (vk, &vk->dummy);
      sl_vk_allocation_free (vk, &vk->tables);
    }
  sl_vk_pipelines_clear (vk);
  sl_vk_batches_clear (vk);
  sl_vk_device_close (vk);
  free (vk);
}

/* Fills the sRGB tables in device memory, computed on the host exactly as
 * the CPU backend computes its own. */
static SlStatus
upload_tables (SlVulkan *vk)
{
  SlSrgbTables *tables = malloc (sizeof *tables);
  VkBufferCopy region = { 0, 0, sizeof *tables };
  SlStatus status;
  void *host;

  if (tables == NULL)
    return sl_vk_fail (vk, VK_ERROR_OUT_OF_HOST_MEMORY, "building the sRGB tables");
  sl_srgb_tables_init (tables);
  status = sl_vk_allocation_new (vk, sizeof *tables, false, &vk->tables);
  if (status == SL_OK)
    status = sl_vk_reserve (vk, 0, sizeof *tables);
  if (status == SL_OK)
    {
      region.srcOffset = sl_vk_stage (vk, sizeof *tables, &host);
      memcpy (host, tables, sizeof *tables);
      sl_vk_barrier (vk);
      vk->f.CmdCopyBuffer (sl_vk_cmd (vk), vk->staging.buffer, vk->tables.buffer, 1, &region);
    }
  free (tables);
  return status;
}

static void *
vk_create (const SlBackendOptions *options, char *reason, size_t reason_size)
{
  SlVulkan *vk = calloc (1, sizeof *vk);
  SlStatus status;

  if (vk == NULL)
    {
      snprintf (reason, reason_size, "out of memory");
      return NULL;
    }
  if (!sl_vk_device_open (vk, reason, reason_size))
    {
      destroy_context (vk);
      return NULL;
    }
  if (options->hardware_only && vk->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU)
    {
      snprintf (reason, reason_size, "only a software device (%.100s); the CPU backend is faster",
                vk->properties.deviceName);
      destroy_context (vk);
      return NULL;
    }
  status = sl_vk_batches_init (vk);
  if (status == SL_OK)
    status = sl_vk_pipelines_init (vk);
  if (status == SL_OK)
    status = sl_vk_allocation_new (vk, SL_VK_GUARD_SIZE, false, &vk->dummy);
  if (status == SL_OK)
    status = upload_tables (vk);
  /* Runs the first batch, so that a device that cannot work fails here. */
  if (status == SL_OK)
    status = sl_vk_finish (vk);
  if (status != SL_OK)
    {
      snprintf (reason, reason_size, "%.100s: %s", vk->properties.deviceName, vk->error);
      destroy_context (vk);
      return NULL;
    }
  return vk;
}

static void
vk_destroy (SlBackend *self)
{
  SlVulkan *vk = sl_vulkan_from_backend (self);

  sl_vk_finish (vk);
  destroy_context (vk);
}

static bool
vk_supports_op (SlBackend *self, SlOp op)
{
  return sl_vk_op_supported (sl_vulkan_from_backend (self), op);
}

static VkDeviceSize
data_size (const SlBufferDesc *desc)
{
  return sl_texture_level_offset (desc->width, desc->height, desc->levels) * sl_format_pixel_size (desc->format);
}

static VkDeviceSize
padded (VkDeviceSize size)
{
  return (size + 3) / 4 * 4;
}

static SlBuffer *
vk_buffer_alloc (SlBackend *self, const SlBufferDesc *desc)
{
  SlVulkan *vk = sl_vulkan_from_backend (self);
  SlVkBuffer *buffer;
  VkCommandBuffer cmd;

  if (data_size (desc) > vk->properties.limits.maxStorageBufferRange || (buffer = calloc (1, sizeof *buffer)) == NULL)
    return NULL;
  buffer->size = data_size (desc);
  if (sl_vk_allocation_new (vk, padded (buffer->size) + 2 * SL_VK_GUARD_SIZE, false, &buffer->allocation) != SL_OK
      || sl_vk_reserve (vk, 0, 0) != SL_OK)
    {
      sl_vk_allocation_free (vk, &buffer->allocation);
      free (buffer);
      return NULL;
    }
  cmd = sl_vk_cmd (vk);
  sl_vk_barrier (vk);
  vk->f.CmdFillBuffer (cmd, buffer->allocation.buffer, 0, SL_VK_GUARD_SIZE, SL_VK_GUARD_WORD);
  vk->f.CmdFillBuffer (cmd, buffer->allocation.buffer, SL_VK_GUARD_SIZE + padded (buffer->size),
                       SL_VK_GUARD_SIZE, SL_VK_GUARD_WORD);
  return &buffer->parent;
}

static void
vk_buffer_free (SlBackend *self, SlBuffer *parent)
{
  SlVkBuffer *buffer = (SlVkBuffer *) parent;

  sl_vk_allocation_retire (sl_vulkan_from_backend (self), &buffer->allocation);
  free (buffer);
}

SlVkRange
sl_vk_buffer_range (const SlBuffer *parent)
{
  const SlVkBuffer *buffer = (const SlVkBuffer *) parent;

  return (SlVkRange) { buffer->allocation.buffer, SL_VK_GUARD_SIZE, buffer->size };
}

/* Where level LEVEL of BUFFER starts in its VkBuffer. */
static VkDeviceSize
level_offset (const SlBuffer *buffer, uint32_t level)
{
  return SL_VK_GUARD_SIZE + sl_texture_level_offset (buffer->desc.width, buffer->desc.height, level)
                            * sl_format_pixel_size (buffer->desc.format);
}

static SlStatus
vk_upload (SlBackend *self, SlBuffer *buffer, uint32_t level, const void *data, size_t stride)
{
  SlVulkan *vk = sl_vulkan_from_backend (self);
  size_t row = sl_buffer_get_row_size (buffer, level);
  uint32_t rows = sl_level_size (buffer->desc.height, level);
  uint32_t chunk = (uint32_t) (SL_VK_STAGING_REGION / row);
  SlStatus status = SL_OK;

  for (uint32_t y = 0; y < rows && status == SL_OK; y += chunk)
    {
      uint32_t n = rows - y < chunk ? rows - y : chunk;
      VkBufferCopy region = { 0, level_offset (buffer, level) + row * y, row * n };
      uint8_t *host;

      status = sl_vk_reserve (vk, 0, region.size);
      if (status != SL_OK)
        break;
      region.srcOffset = sl_vk_stage (vk, region.size, (void **) &host);
      for (uint32_t i = 0; i < n; i++)
        memcpy (host + row * i, (const uint8_t *) data + stride * (y + i), row);
      sl_vk_barrier (vk);
      vk->f.CmdCopyBuffer (sl_vk_cmd (vk), vk->staging.buffer, ((SlVkBuffer *) buffer)->allocation.buffer, 1,
                           &region);
    }
  return report (self, status);
}

static SlStatus
vk_download (SlBackend *self, const SlBuffer *buffer, uint32_t level, void *data, size_t stride)
{
  SlVulkan *vk = sl_vulkan_from_backend (self);
  size_t row = sl_buffer_get_row_size (buffer, level);
  uint32_t rows = sl_level_size (buffer->desc.height, level);
  uint32_t chunk = (uint32_t) (SL_VK_STAGING_REGION / row);
  SlStatus status = SL_OK;

  for (uint32_t y = 0; y < rows && status == SL_OK; y += chunk)
    {
      uint32_t n = rows - y < chunk ? rows - y : chunk;
      VkBufferCopy region = { level_offset (buffer, level) + row * y, 0, row * n };
      SlVkReadback readback = { (uint8_t *) data + stride * y, stride, row, n, 0 };
      void *host;

      status = sl_vk_reserve (vk, 0, region.size);
      if (status != SL_OK)
        break;
      region.dstOffset = readback.offset = sl_vk_stage (vk, region.size, &host);
      sl_vk_barrier (vk);
      vk->f.CmdCopyBuffer (sl_vk_cmd (vk), ((const SlVkBuffer *) buffer)->allocation.buffer, vk->staging.buffer, 1,
                           &region);
      status = sl_vk_add_readback (vk, &readback);
    }
  /* Even after a failure: no read-back may outlive the caller's memory. */
  if (status == SL_OK)
    status = sl_vk_finish (vk);
  else
    sl_vk_finish (vk);
  return report (self, status);
}

static SlStatus
vk_run_op (SlBackend *self, SlOp op, const void *params, const SlOpBuffers *buffers)
{
  SlVulkan *vk = sl_vulkan_from_backend (self);
  SlStatus status = sl_vk_check_lost (vk);

  if (status == SL_OK)
    status = sl_vk_run_op (vk, op, params, buffers);
  return report (self, status);
}

static SlStatus
vk_sync (SlBackend *self)
{
  SlVulkan *vk = sl_vulkan_from_backend (self);
  SlStatus status = sl_vk_check_lost (vk);

  if (status == SL_OK)
    status = sl_vk_finish (vk);
  return report (self, status);
}

static const char *
vk_device_name (SlBackend *self)
{
  return sl_vulkan_from_backend (self)->properties.deviceName;
}

const SlBackendIface sl_vulkan_backend_iface = {
  .name = "vulkan",
  .probe = vk_probe,
  .create = vk_create,
  .supports_op = vk_supports_op,
  .buffer_alloc = vk_buffer_alloc,
  .buffer_free = vk_buffer_free,
  .upload = vk_upload,
  .download = vk_download,
  .run_op = vk_run_op,
  .sync = vk_sync,
  .destroy = vk_destroy,
  .device_name = vk_device_name,
};

const char *
sl_vulkan_backend_get_device_name (const SlBackend *backend)
{
  return sl_vulkan_from_backend (backend)->properties.deviceName;
}

unsigned
sl_vulkan_validation_message_count (void)
{
  return sl_vk_validation_count ();
}

bool
sl_vulkan_buffer_guards_intact (const SlBuffer *parent)
{
  const SlVkBuffer *buffer = (const SlVkBuffer *) parent;
  SlVulkan *vk = sl_vulkan_from_backend (parent->backend);
  uint8_t guards[2 * SL_VK_GUARD_SIZE];
  VkBufferCopy regions[2] = {
    { 0, 0, SL_VK_GUARD_SIZE },
    { SL_VK_GUARD_SIZE + padded (buffer->size), SL_VK_GUARD_SIZE, SL_VK_GUARD_SIZE },
  };
  SlVkReadback readback = { guards, sizeof guards, sizeof guards, 1, 0 };
  void *host;

  if (sl_vk_reserve (vk, 0, sizeof guards) != SL_OK)
    return false;
  readback.offset = sl_vk_stage (vk, sizeof guards, &host);
  regions[0].dstOffset += readback.offset;
  regions[1].dstOffset += readback.offset;
  sl_vk_barrier (vk);
  vk->f.CmdCopyBuffer (sl_vk_cmd (vk), buffer->allocation.buffer, vk->staging.buffer, 2, regions);
  if (sl_vk_add_readback (vk, &readback) != SL_OK || sl_vk_finish (vk) != SL_OK)
    return false;
  for (size_t i = 0; i < sizeof guards; i++)
    if (guards[i] != (SL_VK_GUARD_WORD & 0xff))
      return false;
  return true;
}

void
sl_vulkan_backend_inject_fault (SlBackend *backend, SlVulkanFault fault)
{
  sl_vulkan_from_backend (backend)->fault = fault == SL_VULKAN_FAULT_DEVICE_LOST ? VK_ERROR_DEVICE_LOST
                                                                                  : VK_ERROR_OUT_OF_DEVICE_MEMORY;
}
