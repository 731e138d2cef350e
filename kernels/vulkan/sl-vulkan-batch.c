/* sl-vulkan-batch.c: memory, command batches in flight, the staging ring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work is recorded into one of SL_VK_N_BATCHES command buffers. A batch is
 * submitted when it runs out of staging memory or descriptor sets, or when
 * the caller needs results (download, sync); recording then goes on in the
 * next batch while the GPU works, and a batch is only waited for when its
 * turn to be recorded comes round again. Each batch owns a region of one
 * host-visible staging buffer (uploads, read-backs, per-dispatch info
 * blocks), a descriptor pool, the read-backs to deliver when it finishes and
 * the memory to free then.
 */
#include "sl-vulkan-private.h"

#include <stdlib.h>
#include <string.h>

static VkDeviceSize
align_up (VkDeviceSize value, VkDeviceSize alignment)
{
  return (value + alignment - 1) / alignment * alignment;
}

/* Staging offsets suit any use: copies, and binding as a storage buffer. */
static VkDeviceSize
stage_alignment (const SlVulkan *vk)
{
  VkDeviceSize alignment = vk->properties.limits.minStorageBufferOffsetAlignment;

  return alignment > 16 ? alignment : 16;
}

/* A memory type allowed by BITS with every flag of REQUIRED, preferably with
 * those of PREFERRED too; -1 when none. */
static int
find_memory_type (const SlVulkan *vk, uint32_t bits, VkMemoryPropertyFlags required,
                  VkMemoryPropertyFlags preferred)
{
  int fallback = -1;

  for (uint32_t i = 0; i < vk->memory.memoryTypeCount; i++)
    {
      VkMemoryPropertyFlags flags = vk->memory.memoryTypes[i].propertyFlags;

      if (!(bits & (1u << i)) || (flags & required) != required)
        continue;
      if ((flags & preferred) == preferred)
        return (int) i;
      if (fallback < 0)
        fallback = (int) i;
    }
  return fallback;
}

SlStatus
sl_vk_allocation_new (SlVulkan *vk, VkDeviceSize size, bool host_visible, SlVkAllocation *out)
{
  VkBufferCreateInfo info = {
    .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
    .size = size,
    .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT
             | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
    .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
  };
  VkMemoryAllocateInfo allocate = { .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO };
  VkMemoryRequirements needs;
  VkResult result;
  int type;

  *out = (SlVkAllocation) { VK_NULL_HANDLE, VK_NULL_HANDLE };
  SL_VK_TRY (vk, CreateBuffer, vk->device, &info, NULL, &out->buffer);
  vk->f.GetBufferMemoryRequirements (vk->device, out->buffer, &needs);
  type = host_visible
         ? find_memory_type (vk, needs.memoryTypeBits,
                             VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                             VK_MEMORY_PROPERTY_HOST_CACHED_BIT)
         : find_memory_type (vk, needs.memoryTypeBits, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  allocate.allocationSize = needs.size;
  allocate.memoryTypeIndex = (uint32_t) type;
  result = type < 0 ? VK_ERROR_FEATURE_NOT_PRESENT
                    : SL_VK_CALL (vk, AllocateMemory, vk->device, &allocate, NULL, &out->memory);
  if (result == VK_SUCCESS)
    result = SL_VK_CALL (vk, BindBufferMemory, vk->device, out->buffer, out->memory, 0);
  if (result != VK_SUCCESS)
    {
      sl_vk_allocation_free (vk, out);
      return sl_vk_fail (vk, result, type < 0 ? "finding a memory type" : "vkAllocateMemory");
    }
  return SL_OK;
}

void
sl_vk_allocation_free (SlVulkan *vk, SlVkAllocation *allocation)
{
  if (allocation->buffer != VK_NULL_HANDLE)
    vk->f.DestroyBuffer (vk->device, allocation->buffer, NULL);
  if (allocation->memory != VK_NULL_HANDLE)
    vk->f.FreeMemory (vk->device, allocation->memory, NULL);
  *allocation = (SlVkAllocation) { VK_NULL_HANDLE, VK_NULL_HANDLE };
}

static void
free_garbage (SlVulkan *vk, SlVkBatch *batch)
{
  for (size_t i = 0; i < batch->n_garbage; i++)
    sl_vk_allocation_free (vk, &batch->garbage[i]);
  batch->n_garbage = 0;
}

/* Gives up on BATCH after a failure: its read-backs will not come, its
 * memory is freed once the device is idle, and its command buffer is reset
 * for the next use, whatever state the failure left it in. */
static void
abandon (SlVulkan *vk, SlVkBatch *batch)
{
  batch->n_readbacks = 0;
  batch->recording = false;
  batch->submitted = false;
  vk->f.DeviceWaitIdle (vk->device);
  vk->f.ResetCommandBuffer (batch->cmd, 0);
  free_garbage (vk, batch);
}

static SlStatus
batch_wait (SlVulkan *vk, SlVkBatch *batch)
{
  VkResult result;

  if (!batch->submitted)
    return SL_OK;
  result = SL_VK_CALL (vk, WaitForFences, vk->device, 1, &batch->fence, VK_TRUE, UINT64_MAX);
  if (result != VK_SUCCESS)
    {
      abandon (vk, batch);
      return sl_vk_fail (vk, result, "vkWaitForFences");
    }
  batch->submitted = false;
  for (size_t i = 0; i < batch->n_readbacks; i++)
    {
      const SlVkReadback *r = &batch->readbacks[i];

      for (uint32_t y = 0; y < r->rows; y++)
        memcpy (r->host + r->stride * y, vk->staging_map + r->offset + r->row_size * y, r->row_size);
    }
  batch->n_readbacks = 0;
  free_garbage (vk, batch);
  return SL_OK;
}

static SlStatus
batch_begin (SlVulkan *vk)
{
  static const VkCommandBufferBeginInfo begin = {
    .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
    .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
  };
  SlVkBatch *batch = &vk->batches[vk->current];
  SlStatus status;

  if (batch->recording)
    return SL_OK;
  status = batch_wait (vk, batch);
  if (status != SL_OK)
    return status;
  SL_VK_TRY (vk, ResetDescriptorPool, vk->device, batch->pool, 0);
  SL_VK_TRY (vk, BeginCommandBuffer, batch->cmd, &begin);
  batch->recording = true;
  batch->n_sets = 0;
  batch->staged = 0;
  return SL_OK;
}

SlStatus
sl_vk_submit (SlVulkan *vk)
{
  SlVkBatch *batch = &vk->batches[vk->current];
  VkMemoryBarrier to_host = {
    .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
    .srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
    .dstAccessMask = VK_ACCESS_HOST_READ_BIT,
  };
  VkSubmitInfo submit = {
    .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
    .commandBufferCount = 1,
    .pCommandBuffers = &batch->cmd,
  };
  VkResult result;
  const char *what = "vkEndCommandBuffer";

  if (!batch->recording)
    return SL_OK;
  /* Read-backs are read by the host once the fence has signalled. */
  vk->f.CmdPipelineBarrier (batch->cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                            VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0, NULL, 0, NULL);
  result = SL_VK_CALL (vk, EndCommandBuffer, batch->cmd);
  if (result == VK_SUCCESS)
    {
      what = "vkResetFences";
      result = SL_VK_CALL (vk, ResetFences, vk->device, 1, &batch->fence);
    }
  if (result == VK_SUCCESS)
    {
      what = "vkQueueSubmit";
      result = SL_VK_CALL (vk, QueueSubmit, vk->queue, 1, &submit, batch->fence);
    }
  if (result != VK_SUCCESS)
    {
      abandon (vk, batch);
      return sl_vk_fail (vk, result, what);
    }
  batch->recording = false;
  batch->submitted = true;
  vk->current = (vk->current + 1) % SL_VK_N_BATCHES;
  return SL_OK;
}

SlStatus
sl_vk_finish (SlVulkan *vk)
{
  SlStatus status = sl_vk_submit (vk);

  /* Oldest first: the batch after the last submitted one. */
  for (uint32_t i = 0; i < SL_VK_N_BATCHES; i++)
    {
      SlStatus waited = batch_wait (vk, &vk->batches[(vk->current + i) % SL_VK_N_BATCHES]);

      if (status == SL_OK)
        status = waited;
    }
  return status;
}

SlStatus
sl_vk_reserve (SlVulkan *vk, uint32_t n_sets, VkDeviceSize bytes)
{
  SlStatus status = sl_vk_check_lost (vk);
  SlVkBatch *batch;

  if (status == SL_OK)
    status = batch_begin (vk);
  if (status != SL_OK)
    return status;
  batch = &vk->batches[vk->current];
  if (batch->n_sets + n_sets > SL_VK_SETS_PER_BATCH
      || batch->staged + align_up (bytes, stage_alignment (vk)) > SL_VK_STAGING_REGION)
    {
      status = sl_vk_submit (vk);
      if (status == SL_OK)
        status = batch_begin (vk);
    }
  if (status == SL_OK && align_up (bytes, stage_alignment (vk)) > SL_VK_STAGING_REGION)
    return sl_vk_fail (vk, VK_ERROR_OUT_OF_DEVICE_MEMORY, "staging a block larger than the ring");
  return status;
}

VkDeviceSize
sl_vk_stage (SlVulkan *vk, VkDeviceSize bytes, void **host)
{
  SlVkBatch *batch = &vk->batches[vk->current];
  VkDeviceSize offset = (VkDeviceSize) vk->current * SL_VK_STAGING_REGION + batch->staged;

  batch->staged += align_up (bytes, stage_alignment (vk));
  *host = vk->staging_map + offset;
  return offset;
}

VkCommandBuffer
sl_vk_cmd (SlVulkan *vk)
{
  return vk->batches[vk->current].cmd;
}

SlStatus
sl_vk_allocate_set (SlVulkan *vk, VkDescriptorSet *set)
{
  SlVkBatch *batch = &vk->batches[vk->current];
  VkDescriptorSetAllocateInfo info = {
    .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
    .descriptorPool = batch->pool,
    .descriptorSetCount = 1,
    .pSetLayouts = &vk->set_layout,
  };

  SL_VK_TRY (vk, AllocateDescriptorSets, vk->device, &info, set);
  batch->n_sets++;
  return SL_OK;
}

void
sl_vk_barrier (SlVulkan *vk)
{
  VkMemoryBarrier barrier = {
    .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
    .srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
    .dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT
                     | VK_ACCESS_TRANSFER_WRITE_BIT,
  };
  VkPipelineStageFlags stages = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;

  vk->f.CmdPipelineBarrier (sl_vk_cmd (vk), stages, stages, 0, 1, &barrier, 0, NULL, 0, NULL);
}

/* Grows *ITEMS (of *CAPACITY elements of SIZE bytes) to hold one more. */
static bool
grow (void **items, size_t *capacity, size_t count, size_t size)
{
  size_t n = *capacity > 0 ? 2 * *capacity : 8;
  void *more;

  if (count < *capacity)
    return true;
  more = realloc (*items, n * size);
  if (more == NULL)
    return false;
  *items = more;
  *capacity = n;
  return true;
}

SlStatus
sl_vk_add_readback (SlVulkan *vk, const SlVkReadback *readback)
{
  SlVkBatch *batch = &vk->batches[vk->current];

  if (!grow ((void **) &batch->readbacks, &batch->readbacks_capacity, batch->n_readbacks, sizeof *readback))
    return sl_vk_fail (vk, VK_ERROR_OUT_OF_HOST_MEMORY, "recording a read-back");
  batch->readbacks[batch->n_readbacks++] = *readback;
  return SL_OK;
}

void
sl_vk_allocation_retire (SlVulkan *vk, SlVkAllocation *allocation)
{
  SlVkBatch *batch = &vk->batches[vk->current];

  /* Work runs in submission order, so the newest batch finishes last. */
  if (!batch->recording)
    batch = &vk->batches[(vk->current + SL_VK_N_BATCHES - 1) % SL_VK_N_BATCHES];
  if (!batch->recording && !batch->submitted)
    {
      sl_vk_allocation_free (vk, allocation);
      return;
    }
  if (!grow ((void **) &batch->garbage, &batch->garbage_capacity, batch->n_garbage, sizeof *allocation))
    {
      sl_vk_finish (vk);
      sl_vk_allocation_free (vk, allocation);
      return;
    }
  batch->garbage[batch->n_garbage++] = *allocation;
  *allocation = (SlVkAllocation) { VK_NULL_HANDLE, VK_NULL_HANDLE };
}

SlStatus
sl_vk_batches_init (SlVulkan *vk)
{
  VkCommandPoolCreateInfo pool_info = {
    .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
    .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
    .queueFamilyIndex = vk->queue_family,
  };
  VkCommandBuffer cmds[SL_VK_N_BATCHES];
  VkCommandBufferAllocateInfo cmd_info = {
    .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
    .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
    .commandBufferCount = SL_VK_N_BATCHES,
  };
  VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
  VkDescriptorPoolSize sizes = {
    VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, SL_VK_SETS_PER_BATCH * SL_VK_N_BINDINGS,
  };
  VkDescriptorPoolCreateInfo descriptor_info = {
    .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
    .maxSets = SL_VK_SETS_PER_BATCH,
    .poolSizeCount = 1,
    .pPoolSizes = &sizes,
  };
  SlStatus status;
  void *map;

  SL_VK_TRY (vk, CreateCommandPool, vk->device, &pool_info, NULL, &vk->command_pool);
  cmd_info.commandPool = vk->command_pool;
  SL_VK_TRY (vk, AllocateCommandBuffers, vk->device, &cmd_info, cmds);
  for (int i = 0; i < SL_VK_N_BATCHES; i++)
    {
      vk->batches[i].cmd = cmds[i];
      SL_VK_TRY (vk, CreateFence, vk->device, &fence_info, NULL, &vk->batches[i].fence);
      SL_VK_TRY (vk, CreateDescriptorPool, vk->device, &descriptor_info, NULL, &vk->batches[i].pool);
    }
  status = sl_vk_allocation_new (vk, (VkDeviceSize) SL_VK_N_BATCHES * SL_VK_STAGING_REGION, true, &vk->staging);
  if (status != SL_OK)
    return status;
  SL_VK_TRY (vk, MapMemory, vk->device, vk->staging.memory, 0, VK_WHOLE_SIZE, 0, &map);
  vk->staging_map = map;
  return SL_OK;
}

void
sl_vk_batches_clear (SlVulkan *vk)
{
  if (vk->device == VK_NULL_HANDLE)
    return;
  vk->f.DeviceWaitIdle (vk->device);
  for (int i = 0; i < SL_VK_N_BATCHES; i++)
    {
      SlVkBatch *batch = &vk->batches[i];

      free_garbage (vk, batch);
      free (batch->garbage);
      free (batch->readbacks);
      if (batch->fence != VK_NULL_HANDLE)
        vk->f.DestroyFence (vk->device, batch->fence, NULL);
      if (batch->pool != VK_NULL_HANDLE)
        vk->f.DestroyDescriptorPool (vk->device, batch->pool, NULL);
      *batch = (SlVkBatch) { 0 };
    }
  if (vk->command_pool != VK_NULL_HANDLE)
    vk->f.DestroyCommandPool (vk->device, vk->command_pool, NULL);
  vk->command_pool = VK_NULL_HANDLE;
  if (vk->staging_map != NULL)
    vk->f.UnmapMemory (vk->device, vk->staging.memory);
  vk->staging_map = NULL;
  sl_vk_allocation_free (vk, &vk->staging);
}
