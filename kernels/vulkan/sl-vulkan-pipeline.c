/* sl-vulkan-pipeline.c: the shaders, one pipeline per op, and dispatching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SPIR-V of each op's shader is compiled by glslc at build time into an
 * initializer list (glslc -mfmt=c) that is included here. Every pipeline
 * shares one layout: a descriptor set of SL_VK_N_BINDINGS storage buffers,
 * and push constants that hold the op's parameter struct as it is.
 */
#include "sl-vulkan-private.h"

#include <string.h>

static const uint32_t accumulate_spv[] =
#include "accumulate.spv.inc"
;
static const uint32_t bloom_spv[] =
#include "bloom.spv.inc"
;
static const uint32_t blur_spv[] =
#include "blur.spv.inc"
;
static const uint32_t clear_spv[] =
#include "clear.spv.inc"
;
static const uint32_t draw_card_spv[] =
#include "draw-card.spv.inc"
;
static const uint32_t grade_spv[] =
#include "grade.spv.inc"
;
static const uint32_t mip_generate_spv[] =
#include "mip-generate.spv.inc"
;
static const uint32_t particles_spv[] =
#include "particles.spv.inc"
;
static const uint32_t scale_spv[] =
#include "scale.spv.inc"
;
static const uint32_t sky_spv[] =
#include "sky.spv.inc"
;
static const uint32_t srgb8_to_texture_spv[] =
#include "srgb8-to-texture.spv.inc"
;
static const uint32_t to_i420_spv[] =
#include "to-i420.spv.inc"
;
static const uint32_t to_nv12_spv[] =
#include "to-nv12.spv.inc"
;
static const uint32_t to_rgba8_spv[] =
#include "to-rgba8.spv.inc"
;

#define SHADER(code) { code, sizeof code }

static const struct {
  const uint32_t *code;
  size_t          size;
} shaders[SL_N_OPS] = {
  [SL_OP_CLEAR]            = SHADER (clear_spv),
  [SL_OP_DRAW_CARD]        = SHADER (draw_card_spv),
  [SL_OP_SKY]              = SHADER (sky_spv),
  [SL_OP_PARTICLES]        = SHADER (particles_spv),
  [SL_OP_GRADE]            = SHADER (grade_spv),
  [SL_OP_BLOOM]            = SHADER (bloom_spv),
  [SL_OP_BLUR]             = SHADER (blur_spv),
  [SL_OP_ACCUMULATE]       = SHADER (accumulate_spv),
  [SL_OP_SCALE]            = SHADER (scale_spv),
  [SL_OP_TO_RGBA8]         = SHADER (to_rgba8_spv),
  [SL_OP_TO_I420]          = SHADER (to_i420_spv),
  [SL_OP_TO_NV12]          = SHADER (to_nv12_spv),
  [SL_OP_MIP_GENERATE]     = SHADER (mip_generate_spv),
  [SL_OP_SRGB8_TO_TEXTURE] = SHADER (srgb8_to_texture_spv),
};

SlStatus
sl_vk_pipelines_init (SlVulkan *vk)
{
  VkDescriptorSetLayoutBinding bindings[SL_VK_N_BINDINGS];
  VkDescriptorSetLayoutCreateInfo set_info = {
    .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
    .bindingCount = SL_VK_N_BINDINGS,
    .pBindings = bindings,
  };
  VkPushConstantRange push = { VK_SHADER_STAGE_COMPUTE_BIT, 0, SL_MAX_PARAMS_SIZE };
  VkPipelineLayoutCreateInfo layout_info = {
    .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
    .setLayoutCount = 1,
    .pSetLayouts = &vk->set_layout,
    .pushConstantRangeCount = 1,
    .pPushConstantRanges = &push,
  };

  for (uint32_t i = 0; i < SL_VK_N_BINDINGS; i++)
    bindings[i] = (VkDescriptorSetLayoutBinding) {
      .binding = i,
      .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
      .descriptorCount = 1,
      .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT,
    };
  SL_VK_TRY (vk, CreateDescriptorSetLayout, vk->device, &set_info, NULL, &vk->set_layout);
  SL_VK_TRY (vk, CreatePipelineLayout, vk->device, &layout_info, NULL, &vk->pipeline_layout);
  return SL_OK;
}

void
sl_vk_pipelines_clear (SlVulkan *vk)
{
  if (vk->device == VK_NULL_HANDLE)
    return;
  for (int op = 0; op < SL_N_OPS; op++)
    if (vk->pipelines[op] != VK_NULL_HANDLE)
      vk->f.DestroyPipeline (vk->device, vk->pipelines[op], NULL);
  if (vk->pipeline_layout != VK_NULL_HANDLE)
    vk->f.DestroyPipelineLayout (vk->device, vk->pipeline_layout, NULL);
  if (vk->set_layout != VK_NULL_HANDLE)
    vk->f.DestroyDescriptorSetLayout (vk->device, vk->set_layout, NULL);
  memset (vk->pipelines, 0, sizeof vk->pipelines);
  vk->pipeline_layout = VK_NULL_HANDLE;
  vk->set_layout = VK_NULL_HANDLE;
}

/* Pipelines are built on first use: a driver compiles each shader then. */
static SlStatus
ensure_pipeline (SlVulkan *vk, SlOp op)
{
  VkShaderModuleCreateInfo module_info = {
    .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
    .codeSize = shaders[op].size,
    .pCode = shaders[op].code,
  };
  VkComputePipelineCreateInfo info = {
    .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
    .stage = {
      .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
      .stage = VK_SHADER_STAGE_COMPUTE_BIT,
      .pName = "main",
    },
    .layout = vk->pipeline_layout,
  };
  VkResult result;

  if (vk->pipelines[op] != VK_NULL_HANDLE)
    return SL_OK;
  SL_VK_TRY (vk, CreateShaderModule, vk->device, &module_info, NULL, &info.stage.module);
  result = SL_VK_CALL (vk, CreateComputePipelines, vk->device, VK_NULL_HANDLE, 1, &info, NULL, &vk->pipelines[op]);
  vk->f.DestroyShaderModule (vk->device, info.stage.module, NULL);
  if (result != VK_SUCCESS)
    {
      vk->pipelines[op] = VK_NULL_HANDLE;
      return sl_vk_fail (vk, result, "vkCreateComputePipelines");
    }
  return SL_OK;
}

SlStatus
sl_vk_dispatch (SlVulkan *vk, SlOp op, const void *params, const void *info, size_t info_size,
                const SlVkRange ranges[SL_VK_N_BINDINGS], uint32_t groups_x, uint32_t groups_y)
{
  VkDescriptorBufferInfo buffers[SL_VK_N_BINDINGS];
  VkWriteDescriptorSet writes[SL_VK_N_BINDINGS];
  VkDescriptorSet set;
  VkCommandBuffer cmd;
  VkDeviceSize offset;
  SlStatus status;
  void *host;

  if (groups_x == 0 || groups_y == 0)
    return SL_OK;
  status = ensure_pipeline (vk, op);
  if (status == SL_OK)
    status = sl_vk_reserve (vk, 1, info_size);
  if (status == SL_OK)
    status = sl_vk_allocate_set (vk, &set);
  if (status != SL_OK)
    return status;
  offset = sl_vk_stage (vk, info_size, &host);
  memcpy (host, info, info_size);

  for (uint32_t i = 0; i < SL_VK_N_BINDINGS; i++)
    {
      if (i == SL_VK_BINDING_INFO)
        buffers[i] = (VkDescriptorBufferInfo) { vk->staging.buffer, offset, info_size };
      else if (ranges[i].buffer != VK_NULL_HANDLE)
        buffers[i] = (VkDescriptorBufferInfo) { ranges[i].buffer, ranges[i].offset, ranges[i].range };
      else
        buffers[i] = (VkDescriptorBufferInfo) { vk->dummy.buffer, 0, VK_WHOLE_SIZE };
      writes[i] = (VkWriteDescriptorSet) {
        .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
        .dstSet = set,
        .dstBinding = i,
        .descriptorCount = 1,
        .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
        .pBufferInfo = &buffers[i],
      };
    }
  vk->f.UpdateDescriptorSets (vk->device, SL_VK_N_BINDINGS, writes, 0, NULL);

  cmd = sl_vk_cmd (vk);
  sl_vk_barrier (vk);
  vk->f.CmdBindPipeline (cmd, VK_PIPELINE_BIND_POINT_COMPUTE, vk->pipelines[op]);
  vk->f.CmdBindDescriptorSets (cmd, VK_PIPELINE_BIND_POINT_COMPUTE, vk->pipeline_layout, 0, 1, &set, 0, NULL);
  vk->f.CmdPushConstants (cmd, vk->pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0,
                          (uint32_t) sl_op_get_params_size (op), params);
  vk->f.CmdDispatch (cmd, groups_x, groups_y, 1);
  return SL_OK;
}
