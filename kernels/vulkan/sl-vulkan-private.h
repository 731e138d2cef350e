/* sl-vulkan-private.h: what the Vulkan backend's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pieces:
 *  - sl-vulkan-device.c: the loader (dlopen), instance, device choice, probe,
 *    and the mapping of VkResult to SlStatus;
 *  - sl-vulkan-batch.c: device memory, command batches in flight, the
 *    staging ring for transfers, deferred frees;
 *  - sl-vulkan-pipeline.c: the embedded SPIR-V, one pipeline per op, and
 *    dispatching one shader;
 *  - sl-vulkan-ops.c: what each op records (its info blocks, its passes);
 *  - sl-vulkan-backend.c: the SlBackendIface table.
 */
#pragma once

#define VK_NO_PROTOTYPES
#include <vulkan/vulkan.h>

#include "sl-vulkan-backend.h"

/* Every op's workgroup is SL_VK_GROUP_SIZE^2 invocations (SL_GROUP_SIZE in
 * the shaders). */
#define SL_VK_GROUP_SIZE 16

/* Command batches in flight, each with its own region of the staging ring. */
#define SL_VK_N_BATCHES       3
#define SL_VK_STAGING_REGION  (8u << 20)
#define SL_VK_SETS_PER_BATCH  256

/* Bytes of known pattern before and after every buffer's data, a multiple of
 * every device's minStorageBufferOffsetAlignment (at most 256). */
#define SL_VK_GUARD_SIZE 256
#define SL_VK_GUARD_WORD 0xa5a5a5a5u

/* The descriptor bindings of every pipeline (common/sl-bindings.glsl). */
typedef enum {
  SL_VK_BINDING_DST,
  SL_VK_BINDING_SRC,
  SL_VK_BINDING_AUX,
  SL_VK_BINDING_INFO,
  SL_VK_BINDING_TABLES,
  SL_VK_BINDING_SCRATCH,
  SL_VK_N_BINDINGS
} SlVkBinding;

/* The Vulkan entry points the backend calls, loaded at run time. */
#define SL_VK_GLOBAL_FUNCS(X) \
  X (CreateInstance) \
  X (EnumerateInstanceExtensionProperties) \
  X (EnumerateInstanceLayerProperties) \
  X (EnumerateInstanceVersion)

#define SL_VK_INSTANCE_FUNCS(X) \
  X (DestroyInstance) \
  X (EnumeratePhysicalDevices) \
  X (GetPhysicalDeviceProperties) \
  X (GetPhysicalDeviceFeatures2) \
  X (GetPhysicalDeviceQueueFamilyProperties) \
  X (GetPhysicalDeviceMemoryProperties) \
  X (EnumerateDeviceExtensionProperties) \
  X (CreateDevice) \
  X (GetDeviceProcAddr)

#define SL_VK_DEBUG_FUNCS(X) \
  X (CreateDebugUtilsMessengerEXT) \
  X (DestroyDebugUtilsMessengerEXT)

#define SL_VK_DEVICE_FUNCS(X) \
  X (DestroyDevice) \
  X (GetDeviceQueue) \
  X (DeviceWaitIdle) \
  X (CreateBuffer) \
  X (DestroyBuffer) \
  X (GetBufferMemoryRequirements) \
  X (AllocateMemory) \
  X (FreeMemory) \
  X (BindBufferMemory) \
  X (MapMemory) \
  X (UnmapMemory) \
  X (CreateCommandPool) \
  X (DestroyCommandPool) \
  X (AllocateCommandBuffers) \
  X (BeginCommandBuffer) \
  X (ResetCommandBuffer) \
  X (EndCommandBuffer) \
  X (CmdCopyBuffer) \
  X (CmdFillBuffer) \
  X (CmdPipelineBarrier) \
  X (CmdBindPipeline) \
  X (CmdBindDescriptorSets) \
  X (CmdPushConstants) \
  X (CmdDispatch) \
  X (QueueSubmit) \
  X (CreateFence) \
  X (DestroyFence) \
  X (WaitForFences) \
  X (ResetFences) \
  X (CreateDescriptorSetLayout) \
  X (DestroyDescriptorSetLayout) \
  X (CreatePipelineLayout) \
  X (DestroyPipelineLayout) \
  X (CreateDescriptorPool) \
  X (DestroyDescriptorPool) \
  X (ResetDescriptorPool) \
  X (AllocateDescriptorSets) \
  X (UpdateDescriptorSets) \
  X (CreateShaderModule) \
  X (DestroyShaderModule) \
  X (CreateComputePipelines) \
  X (DestroyPipeline)

#define SL_VK_DECLARE_FUNC(name) PFN_vk##name name;

typedef struct {
  PFN_vkGetInstanceProcAddr GetInstanceProcAddr;
  SL_VK_GLOBAL_FUNCS (SL_VK_DECLARE_FUNC)
  SL_VK_INSTANCE_FUNCS (SL_VK_DECLARE_FUNC)
  SL_VK_DEBUG_FUNCS (SL_VK_DECLARE_FUNC)
  SL_VK_DEVICE_FUNCS (SL_VK_DECLARE_FUNC)
} SlVkFuncs;

/* A buffer and the memory bound to it. */
typedef struct {
  VkBuffer       buffer;
  VkDeviceMemory memory;
} SlVkAllocation;

/* Rows that a batch copies into staging memory, for the host to pick up once
 * the batch has finished. */
typedef struct {
  uint8_t     *host;
  size_t       stride;
  size_t       row_size;
  uint32_t     rows;
  VkDeviceSize offset;  /* in the staging buffer */
} SlVkReadback;

typedef struct {
  VkCommandBuffer  cmd;
  VkFence          fence;
  VkDescriptorPool pool;
  uint32_t         n_sets;      /* descriptor sets taken from the pool */
  VkDeviceSize     staged;      /* bytes taken from this batch's staging region */
  bool             recording;
  bool             submitted;   /* and its fence not yet waited for */
  SlVkReadback    *readbacks;
  size_t           n_readbacks;
  size_t           readbacks_capacity;
  SlVkAllocation  *garbage;     /* freed once the batch has finished */
  size_t           n_garbage;
  size_t           garbage_capacity;
} SlVkBatch;

/* One device instance: the context of an SlBackend. */
typedef struct {
  SlVkFuncs                        f;
  VkInstance                       instance;
  VkDebugUtilsMessengerEXT         messenger;
  VkPhysicalDevice                 physical;
  VkPhysicalDeviceProperties       properties;
  VkPhysicalDeviceMemoryProperties memory;
  bool                             has_8bit_storage;
  uint32_t                         queue_family;
  VkDevice                         device;
  VkQueue                          queue;

  VkCommandPool                    command_pool;
  SlVkBatch                        batches[SL_VK_N_BATCHES];
  uint32_t                         current;      /* the batch being recorded or next */
  SlVkAllocation                   staging;
  uint8_t                         *staging_map;

  VkDescriptorSetLayout            set_layout;
  VkPipelineLayout                 pipeline_layout;
  VkPipeline                       pipelines[SL_N_OPS];

  SlVkAllocation                   tables;       /* SlSrgbTables */
  SlVkAllocation                   dummy;        /* bound to the slots an op leaves empty */
  SlVkAllocation                   scratch;      /* blur and bloom */
  VkDeviceSize                     scratch_size;

  VkResult                         fault;        /* injected by a test */
  bool                             lost;
  char                             lost_reason[200];
  char                             error[256];   /* why the last call failed */
} SlVulkan;

typedef struct {
  SlBuffer       parent;
  SlVkAllocation allocation;
  VkDeviceSize   size;  /* bytes of data, after the leading guard */
} SlVkBuffer;

/* A range of a buffer that a binding shows to a shader. */
typedef struct {
  VkBuffer     buffer;  /* VK_NULL_HANDLE: the slot is empty */
  VkDeviceSize offset;
  VkDeviceSize range;
} SlVkRange;

static inline SlVulkan *
sl_vulkan_from_backend (const SlBackend *backend)
{
  return backend->context;
}

/* Runs CALL, the Vulkan function NAME with the arguments after it, unless a
 * test injected a fault: then the fault is the result, once. */
#define SL_VK_CALL(vk, name, ...) \
  ((vk)->fault != VK_SUCCESS ? sl_vk_take_fault (vk) : (vk)->f.name (__VA_ARGS__))

/* Returns from the enclosing SlStatus function when CALL fails. */
#define SL_VK_TRY(vk, name, ...) \
  do { \
    VkResult sl_vk_result = SL_VK_CALL (vk, name, __VA_ARGS__); \
    if (sl_vk_result != VK_SUCCESS) \
      return sl_vk_fail (vk, sl_vk_result, "vk" #name); \
  } while (0)

/* sl-vulkan-device.c */
VkResult    sl_vk_take_fault        (SlVulkan     *vk);
SlStatus    sl_vk_fail              (SlVulkan     *vk,
                                     VkResult      result,
                                     const char   *what);
/* SL_ERROR_DEVICE with the reason when the device was lost earlier. */
SlStatus    sl_vk_check_lost        (SlVulkan     *vk);
bool        sl_vk_probe             (char         *reason,
                                     size_t        reason_size);
/* Opens the instance and the device for VK; false with a reason when it
 * cannot. sl_vk_device_close() undoes what was done, also after a failure. */
bool        sl_vk_device_open       (SlVulkan     *vk,
                                     char         *reason,
                                     size_t        reason_size);
void        sl_vk_device_close      (SlVulkan     *vk);
unsigned    sl_vk_validation_count  (void);

/* sl-vulkan-batch.c */
SlStatus    sl_vk_allocation_new    (SlVulkan          *vk,
                                     VkDeviceSize       size,
                                     bool               host_visible,
                                     SlVkAllocation    *out);
/* Frees at once: only for memory no queued work uses. */
void        sl_vk_allocation_free   (SlVulkan          *vk,
                                     SlVkAllocation    *allocation);
/* Frees once the work queued so far has finished. */
void        sl_vk_allocation_retire (SlVulkan          *vk,
                                     SlVkAllocation    *allocation);
SlStatus    sl_vk_batches_init      (SlVulkan          *vk);
void        sl_vk_batches_clear     (SlVulkan          *vk);
/* Makes room in the batch being recorded for N_SETS descriptor sets and
 * BYTES of staging memory, submitting it and starting the next when it is
 * full; afterwards sl_vk_cmd() is the command buffer to record into. */
SlStatus    sl_vk_reserve           (SlVulkan          *vk,
                                     uint32_t           n_sets,
                                     VkDeviceSize       bytes);
/* BYTES of the reserved staging memory, aligned for a storage buffer: its
 * offset in the staging buffer, and where the host writes it. */
VkDeviceSize sl_vk_stage            (SlVulkan          *vk,
                                     VkDeviceSize       bytes,
                                     void             **host);
VkCommandBuffer sl_vk_cmd           (SlVulkan          *vk);
/* One of the reserved descriptor sets, laid out as vk->set_layout. */
SlStatus    sl_vk_allocate_set      (SlVulkan          *vk,
                                     VkDescriptorSet   *set);
/* Records a full barrier: every command after it sees every write before
 * it. Recorded before each command, so work runs in the order it is
 * queued, across batches too. */
void        sl_vk_barrier           (SlVulkan          *vk);
/* Has the current batch copy staging memory at OFFSET into HOST once it has
 * finished. */
SlStatus    sl_vk_add_readback      (SlVulkan          *vk,
                                     const SlVkReadback *readback);
/* Submits the batch being recorded, if any. */
SlStatus    sl_vk_submit            (SlVulkan          *vk);
/* Submits, then waits for every batch, delivering its read-backs. */
SlStatus    sl_vk_finish            (SlVulkan          *vk);

/* sl-vulkan-pipeline.c */
SlStatus    sl_vk_pipelines_init    (SlVulkan          *vk);
void        sl_vk_pipelines_clear   (SlVulkan          *vk);
/* Records one dispatch of OP's shader: PARAMS (the op's struct) as push
 * constants, INFO (INFO_SIZE bytes) copied into the staging ring and bound
 * as SL_VK_BINDING_INFO, RANGES for the other bindings (empty ones get a
 * dummy buffer), GROUPS_X by GROUPS_Y workgroups. */
SlStatus    sl_vk_dispatch          (SlVulkan          *vk,
                                     SlOp               op,
                                     const void        *params,
                                     const void        *info,
                                     size_t             info_size,
                                     const SlVkRange    ranges[SL_VK_N_BINDINGS],
                                     uint32_t           groups_x,
                                     uint32_t           groups_y);

/* sl-vulkan-ops.c */
bool        sl_vk_op_supported      (const SlVulkan    *vk,
                                     SlOp               op);
SlStatus    sl_vk_run_op            (SlVulkan          *vk,
                                     SlOp               op,
                                     const void        *params,
                                     const SlOpBuffers *buffers);

/* sl-vulkan-backend.c */
/* The data of BUFFER as a binding sees it. */
SlVkRange   sl_vk_buffer_range      (const SlBuffer    *buffer);
