/* sl-vulkan-backend.h: the Vulkan compute backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs every op as a compute shader (kernels/vulkan/OP.comp, compiled to
 * SPIR-V at build time) on the best Vulkan device here: a discrete GPU, else
 * an integrated one, else a virtual or CPU device such as Mesa's lavapipe.
 * The Vulkan loader is opened at run time, so a machine without one gets a
 * reason from probe(), not a failure to start. SL_VULKAN_DEVICE=TEXT in the
 * environment limits the choice to devices whose name contains TEXT.
 *
 * run_op() records work and returns; download() and sync() wait for it.
 * After a lost device every call fails with SL_ERROR_DEVICE; freeing buffers
 * and the backend still works.
 *
 * With SL_VULKAN_VALIDATION=1 in the environment, create() enables the
 * Khronos validation layer (with synchronisation validation) and counts the
 * warnings and errors it reports (printing each on stderr): the tests fail
 * on any.
 */
#pragma once

#include "../sl-backend.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const SlBackendIface sl_vulkan_backend_iface;

/* The name of the device BACKEND (a Vulkan backend) runs on. */
const char *sl_vulkan_backend_get_device_name (const SlBackend *backend);

/* Warnings and errors the validation layer has reported in this process
 * (always 0 without SL_VULKAN_VALIDATION). For tests. */
unsigned sl_vulkan_validation_message_count (void);

/* Whether the guard bands the backend keeps before and after every buffer in
 * device memory still hold their pattern (false: a shader wrote out of
 * bounds). Waits for queued work. For tests. */
bool sl_vulkan_buffer_guards_intact (const SlBuffer *buffer);

typedef enum {
  SL_VULKAN_FAULT_OUT_OF_DEVICE_MEMORY,
  SL_VULKAN_FAULT_DEVICE_LOST,
} SlVulkanFault;

/* Makes the next Vulkan call of BACKEND that can fail report FAULT instead of
 * running, so tests can reach the paths of a full or lost device. */
void sl_vulkan_backend_inject_fault (SlBackend *backend, SlVulkanFault fault);

#ifdef __cplusplus
}
#endif
