/* sl-vulkan-device.c: the loader, the instance, the choice of device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader (libvulkan.so.1) is opened with dlopen() once per process and
 * never closed, so a machine without it only costs a reason string. Devices
 * are ranked discrete GPU, integrated GPU, virtual GPU, CPU (lavapipe), and
 * the best one that can run the shaders is used.
 */
#include "sl-vulkan-private.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALIDATION_LAYER "VK_LAYER_KHRONOS_validation"

static pthread_once_t loader_once = PTHREAD_ONCE_INIT;
static PFN_vkGetInstanceProcAddr loader_entry;
static char loader_error[160];
static atomic_uint validation_messages;

static void
open_loader (void)
{
  void *library = dlopen ("libvulkan.so.1", RTLD_NOW | RTLD_LOCAL);

  if (library == NULL)
    {
      snprintf (loader_error, sizeof loader_error, "%s", dlerror ());
      return;
    }
  loader_entry = (PFN_vkGetInstanceProcAddr) dlsym (library, "vkGetInstanceProcAddr");
  if (loader_entry == NULL)
    snprintf (loader_error, sizeof loader_error, "it has no vkGetInstanceProcAddr");
}

static const char *
result_to_string (VkResult result)
{
  switch (result)
    {
    case VK_SUCCESS:                        return "success";
    case VK_NOT_READY:                      return "not ready";
    case VK_TIMEOUT:                        return "timeout";
    case VK_ERROR_OUT_OF_HOST_MEMORY:       return "out of host memory";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:     return "out of device memory";
    case VK_ERROR_INITIALIZATION_FAILED:    return "initialization failed";
    case VK_ERROR_DEVICE_LOST:              return "device lost";
    case VK_ERROR_MEMORY_MAP_FAILED:        return "memory map failed";
    case VK_ERROR_LAYER_NOT_PRESENT:        return "layer not present";
    case VK_ERROR_EXTENSION_NOT_PRESENT:    return "extension not present";
    case VK_ERROR_FEATURE_NOT_PRESENT:      return "feature not present";
    case VK_ERROR_INCOMPATIBLE_DRIVER:      return "incompatible driver";
    case VK_ERROR_TOO_MANY_OBJECTS:         return "too many objects";
    case VK_ERROR_FRAGMENTED_POOL:          return "fragmented pool";
    case VK_ERROR_OUT_OF_POOL_MEMORY:       return "out of pool memory";
    case VK_ERROR_FRAGMENTATION:            return "fragmentation";
    default:                                return "error";
    }
}

VkResult
sl_vk_take_fault (SlVulkan *vk)
{
  VkResult fault = vk->fault;

  vk->fault = VK_SUCCESS;
  return fault;
}

SlStatus
sl_vk_fail (SlVulkan *vk, VkResult result, const char *what)
{
  SlStatus status;

  switch (result)
    {
    case VK_ERROR_OUT_OF_HOST_MEMORY:
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
    case VK_ERROR_OUT_OF_POOL_MEMORY:
    case VK_ERROR_FRAGMENTED_POOL:
    case VK_ERROR_FRAGMENTATION:
    case VK_ERROR_TOO_MANY_OBJECTS:
      status = SL_ERROR_OUT_OF_MEMORY;
      break;
    case VK_ERROR_DEVICE_LOST:
      /* Nothing recovers a lost device: every later call reports it. */
      if (!vk->lost)
        snprintf (vk->lost_reason, sizeof vk->lost_reason, "%s reported it", what);
      vk->lost = true;
      status = SL_ERROR_DEVICE;
      break;
    default:
      status = SL_ERROR_DEVICE;
      break;
    }
  snprintf (vk->error, sizeof vk->error, "vulkan: %s failed: %s (%d)", what, result_to_string (result),
            (int) result);
  return status;
}

SlStatus
sl_vk_check_lost (SlVulkan *vk)
{
  if (!vk->lost)
    return SL_OK;
  snprintf (vk->error, sizeof vk->error, "vulkan: the device was lost (%s)", vk->lost_reason);
  return SL_ERROR_DEVICE;
}

unsigned
sl_vk_validation_count (void)
{
  return atomic_load (&validation_messages);
}

static bool
validation_requested (void)
{
  const char *value = getenv ("SL_VULKAN_VALIDATION");

  return value != NULL && value[0] != '\0' && strcmp (value, "0") != 0;
}

static VKAPI_ATTR VkBool32 VKAPI_CALL
on_validation_message (VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                       VkDebugUtilsMessageTypeFlagsEXT types,
                       const VkDebugUtilsMessengerCallbackDataEXT *data,
                       void *user_data)
{
  atomic_fetch_add (&validation_messages, 1);
  fprintf (stderr, "vulkan validation %s: %s\n",
           severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "error" : "warning", data->pMessage);
  return VK_FALSE;
}

static const VkDebugUtilsMessengerCreateInfoEXT messenger_info = {
  .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
  .messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT,
  /* Not GENERAL: the loader's notes (such as "VK_INSTANCE_LAYERS adds a
   * layer") say nothing about how the backend uses Vulkan. */
  .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT,
  .pfnUserCallback = on_validation_message,
};

static bool
has_layer (SlVulkan *vk, const char *name)
{
  VkLayerProperties *layers;
  uint32_t n = 0;
  bool found = false;

  if (vk->f.EnumerateInstanceLayerProperties (&n, NULL) != VK_SUCCESS
      || (layers = calloc (n + 1, sizeof *layers)) == NULL)
    return false;
  if (vk->f.EnumerateInstanceLayerProperties (&n, layers) == VK_SUCCESS)
    for (uint32_t i = 0; i < n && !found; i++)
      found = strcmp (layers[i].layerName, name) == 0;
  free (layers);
  return found;
}

/* Whether the extension NAME is offered, by LAYER (or by the implementation
 * when LAYER is NULL). */
static bool
has_instance_extension (SlVulkan *vk, const char *layer, const char *name)
{
  VkExtensionProperties *extensions;
  uint32_t n = 0;
  bool found = false;

  if (vk->f.EnumerateInstanceExtensionProperties (layer, &n, NULL) != VK_SUCCESS
      || (extensions = calloc (n + 1, sizeof *extensions)) == NULL)
    return false;
  if (vk->f.EnumerateInstanceExtensionProperties (layer, &n, extensions) == VK_SUCCESS)
    for (uint32_t i = 0; i < n && !found; i++)
      found = strcmp (extensions[i].extensionName, name) == 0;
  free (extensions);
  return found;
}

static bool
load_global_functions (SlVulkan *vk, char *reason, size_t reason_size)
{
  uint32_t version = VK_API_VERSION_1_0;

  pthread_once (&loader_once, open_loader);
  if (loader_entry == NULL)
    {
      snprintf (reason, reason_size, "no Vulkan loader (libvulkan.so.1: %s)", loader_error);
      return false;
    }
  vk->f.GetInstanceProcAddr = loader_entry;
#define LOAD_GLOBAL(name) vk->f.name = (PFN_vk##name) loader_entry (NULL, "vk" #name);
  SL_VK_GLOBAL_FUNCS (LOAD_GLOBAL)
#undef LOAD_GLOBAL
  if (vk->f.CreateInstance == NULL || vk->f.EnumerateInstanceExtensionProperties == NULL
      || vk->f.EnumerateInstanceLayerProperties == NULL)
    {
      snprintf (reason, reason_size, "the Vulkan loader is incomplete");
      return false;
    }
  if (vk->f.EnumerateInstanceVersion != NULL)
    vk->f.EnumerateInstanceVersion (&version);
  if (version < VK_API_VERSION_1_1)
    {
      snprintf (reason, reason_size, "the Vulkan loader supports only Vulkan 1.0");
      return false;
    }
  return true;
}

static bool
load_instance_functions (SlVulkan *vk, char *reason, size_t reason_size)
{
#define LOAD_INSTANCE(name) \
  if ((vk->f.name = (PFN_vk##name) vk->f.GetInstanceProcAddr (vk->instance, "vk" #name)) == NULL) \
    { \
      snprintf (reason, reason_size, "the Vulkan loader has no vk%s", #name); \
      return false; \
    }
  SL_VK_INSTANCE_FUNCS (LOAD_INSTANCE)
#undef LOAD_INSTANCE
  return true;
}

/* Creates the instance; with VALIDATION, with the validation layer and a
 * messenger that counts what it reports. */
static bool
open_instance (SlVulkan *vk, bool validation, char *reason, size_t reason_size)
{
  static const char *const layers[] = { VALIDATION_LAYER };
  static const char *const extensions[] = {
    VK_EXT_DEBUG_UTILS_EXTENSION_NAME, VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME,
  };
  static const VkValidationFeatureEnableEXT enables[] = {
    VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT,
  };
  VkApplicationInfo app = {
    .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
    .pApplicationName = "shotline",
    .pEngineName = "shotline-kernels",
    .apiVersion = VK_API_VERSION_1_1,
  };
  VkDebugUtilsMessengerCreateInfoEXT creation_messenger = messenger_info;
  VkValidationFeaturesEXT features = {
    .sType = VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT,
    .pNext = &creation_messenger,
    .enabledValidationFeatureCount = 1,
    .pEnabledValidationFeatures = enables,
  };
  VkInstanceCreateInfo info = {
    .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
    .pApplicationInfo = &app,
  };
  VkResult result;

  if (!load_global_functions (vk, reason, reason_size))
    return false;
  if (validation)
    {
      if (!has_layer (vk, VALIDATION_LAYER)
          || !(has_instance_extension (vk, NULL, VK_EXT_DEBUG_UTILS_EXTENSION_NAME)
               || has_instance_extension (vk, VALIDATION_LAYER, VK_EXT_DEBUG_UTILS_EXTENSION_NAME)))
        {
          snprintf (reason, reason_size, "SL_VULKAN_VALIDATION is set but %s is not installed", VALIDATION_LAYER);
          return false;
        }
      info.enabledLayerCount = 1;
      info.ppEnabledLayerNames = layers;
      info.enabledExtensionCount = 1;
      info.ppEnabledExtensionNames = extensions;
      info.pNext = &creation_messenger;
      /* Synchronisation validation, where the layer offers it: it catches a
       * missing barrier, which the plain checks do not. */
      if (has_instance_extension (vk, VALIDATION_LAYER, VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME))
        {
          info.enabledExtensionCount = 2;
          info.pNext = &features;
        }
    }
  result = vk->f.CreateInstance (&info, NULL, &vk->instance);
  if (result != VK_SUCCESS)
    {
      snprintf (reason, reason_size, "vkCreateInstance failed: %s", result_to_string (result));
      return false;
    }
  if (!load_instance_functions (vk, reason, reason_size))
    return false;
  if (validation)
    {
      vk->f.CreateDebugUtilsMessengerEXT = (PFN_vkCreateDebugUtilsMessengerEXT)
        vk->f.GetInstanceProcAddr (vk->instance, "vkCreateDebugUtilsMessengerEXT");
      vk->f.DestroyDebugUtilsMessengerEXT = (PFN_vkDestroyDebugUtilsMessengerEXT)
        vk->f.GetInstanceProcAddr (vk->instance, "vkDestroyDebugUtilsMessengerEXT");
      if (vk->f.CreateDebugUtilsMessengerEXT == NULL || vk->f.DestroyDebugUtilsMessengerEXT == NULL
          || vk->f.CreateDebugUtilsMessengerEXT (vk->instance, &messenger_info, NULL, &vk->messenger) != VK_SUCCESS)
        {
          snprintf (reason, reason_size, "cannot install the validation messenger");
          return false;
        }
    }
  return true;
}

static bool
has_device_extension (SlVulkan *vk, VkPhysicalDevice device, const char *name)
{
  VkExtensionProperties *extensions;
  uint32_t n = 0;
  bool found = false;

  if (vk->f.EnumerateDeviceExtensionProperties (device, NULL, &n, NULL) != VK_SUCCESS
      || (extensions = calloc (n + 1, sizeof *extensions)) == NULL)
    return false;
  if (vk->f.EnumerateDeviceExtensionProperties (device, NULL, &n, extensions) == VK_SUCCESS)
    for (uint32_t i = 0; i < n && !found; i++)
      found = strcmp (extensions[i].extensionName, name) == 0;
  free (extensions);
  return found;
}

static int
type_rank (VkPhysicalDeviceType type)
{
  switch (type)
    {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:   return 0;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:    return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:            return 3;
    default:                                     return 4;
    }
}

/* Whether DEVICE can run the shaders; its compute queue family goes into
 * *FAMILY, and otherwise the reason into WHY. */
static bool
device_usable (SlVulkan *vk, VkPhysicalDevice device, const VkPhysicalDeviceProperties *props,
               uint32_t *family, char *why, size_t why_size)
{
  const VkPhysicalDeviceLimits *limits = &props->limits;
  VkQueueFamilyProperties *families;
  uint32_t n = 0;
  bool found = false;

  if (props->apiVersion < VK_API_VERSION_1_1)
    {
      snprintf (why, why_size, "%.100s supports only Vulkan 1.0", props->deviceName);
      return false;
    }
  if (limits->maxComputeWorkGroupInvocations < SL_VK_GROUP_SIZE * SL_VK_GROUP_SIZE
      || limits->maxComputeWorkGroupSize[0] < SL_VK_GROUP_SIZE
      || limits->maxComputeWorkGroupSize[1] < SL_VK_GROUP_SIZE
      || limits->maxPushConstantsSize < SL_MAX_PARAMS_SIZE)
    {
      snprintf (why, why_size, "%.100s has too small compute limits", props->deviceName);
      return false;
    }
  vk->f.GetPhysicalDeviceQueueFamilyProperties (device, &n, NULL);
  families = calloc (n + 1, sizeof *families);
  if (families == NULL)
    return false;
  vk->f.GetPhysicalDeviceQueueFamilyProperties (device, &n, families);
  for (uint32_t i = 0; i < n && !found; i++)
    if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT)
      {
        *family = i;
        found = true;
      }
  free (families);
  if (!found)
    snprintf (why, why_size, "%.100s has no compute queue", props->deviceName);
  return found;
}

/* Picks the best usable device into VK; SL_VULKAN_DEVICE, when set, limits
 * the choice to devices whose name contains it. */
static bool
choose_device (SlVulkan *vk, char *reason, size_t reason_size)
{
  const char *wanted = getenv ("SL_VULKAN_DEVICE");
  VkPhysicalDevice *devices;
  uint32_t n = 0;
  int best_rank = 5;
  char why[160] = "";

  if (vk->f.EnumeratePhysicalDevices (vk->instance, &n, NULL) != VK_SUCCESS || n == 0)
    {
      snprintf (reason, reason_size, "no Vulkan device");
      return false;
    }
  devices = calloc (n, sizeof *devices);
  if (devices == NULL || vk->f.EnumeratePhysicalDevices (vk->instance, &n, devices) < VK_SUCCESS)
    {
      free (devices);
      snprintf (reason, reason_size, "cannot list the Vulkan devices");
      return false;
    }
  for (uint32_t i = 0; i < n; i++)
    {
      VkPhysicalDeviceProperties props;
      uint32_t family;

      vk->f.GetPhysicalDeviceProperties (devices[i], &props);
      if (wanted != NULL && strstr (props.deviceName, wanted) == NULL)
        snprintf (why, sizeof why, "no device's name contains SL_VULKAN_DEVICE=%.80s", wanted);
      else if (type_rank (props.deviceType) < best_rank
               && device_usable (vk, devices[i], &props, &family, why, sizeof why))
        {
          best_rank = type_rank (props.deviceType);
          vk->physical = devices[i];
          vk->properties = props;
          vk->queue_family = family;
        }
    }
  free (devices);
  if (vk->physical == VK_NULL_HANDLE)
    {
      snprintf (reason, reason_size, "no usable Vulkan device (%s)", why);
      return false;
    }
  return true;
}

static bool
load_device_functions (SlVulkan *vk, char *reason, size_t reason_size)
{
#define LOAD_DEVICE(name) \
  if ((vk->f.name = (PFN_vk##name) vk->f.GetDeviceProcAddr (vk->device, "vk" #name)) == NULL) \
    { \
      snprintf (reason, reason_size, "the Vulkan driver has no vk%s", #name); \
      return false; \
    }
  SL_VK_DEVICE_FUNCS (LOAD_DEVICE)
#undef LOAD_DEVICE
  return true;
}

/* Creates the logical device with one compute queue, and 8-bit storage
 * (the YUV ops write bytes) when the device has it. */
static bool
create_device (SlVulkan *vk, char *reason, size_t reason_size)
{
  static const char *const extensions[] = { VK_KHR_8BIT_STORAGE_EXTENSION_NAME };
  static const float priority = 1.0f;
  VkPhysicalDevice8BitStorageFeaturesKHR storage8 = {
    .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES_KHR,
  };
  VkPhysicalDeviceFeatures2 features = {
    .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
  };
  VkDeviceQueueCreateInfo queue = {
    .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
    .queueFamilyIndex = vk->queue_family,
    .queueCount = 1,
    .pQueuePriorities = &priority,
  };
  VkDeviceCreateInfo info = {
    .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
    .queueCreateInfoCount = 1,
    .pQueueCreateInfos = &queue,
  };
  VkResult result;

  if (has_device_extension (vk, vk->physical, VK_KHR_8BIT_STORAGE_EXTENSION_NAME))
    {
      features.pNext = &storage8;
      vk->f.GetPhysicalDeviceFeatures2 (vk->physical, &features);
      vk->has_8bit_storage = storage8.storageBuffer8BitAccess;
    }
  if (vk->has_8bit_storage)
    {
      /* Only the feature the shaders use. */
      storage8 = (VkPhysicalDevice8BitStorageFeaturesKHR) {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES_KHR,
        .storageBuffer8BitAccess = VK_TRUE,
      };
      info.pNext = &storage8;
      info.enabledExtensionCount = 1;
      info.ppEnabledExtensionNames = extensions;
    }
  result = vk->f.CreateDevice (vk->physical, &info, NULL, &vk->device);
  if (result != VK_SUCCESS)
    {
      snprintf (reason, reason_size, "cannot open %.100s: %s", vk->properties.deviceName, result_to_string (result));
      return false;
    }
  if (!load_device_functions (vk, reason, reason_size))
    return false;
  vk->f.GetDeviceQueue (vk->device, vk->queue_family, 0, &vk->queue);
  vk->f.GetPhysicalDeviceMemoryProperties (vk->physical, &vk->memory);
  return true;
}

bool
sl_vk_device_open (SlVulkan *vk, char *reason, size_t reason_size)
{
  return open_instance (vk, validation_requested (), reason, reason_size)
         && choose_device (vk, reason, reason_size)
         && create_device (vk, reason, reason_size);
}

void
sl_vk_device_close (SlVulkan *vk)
{
  if (vk->device != VK_NULL_HANDLE)
    vk->f.DestroyDevice (vk->device, NULL);
  if (vk->messenger != VK_NULL_HANDLE)
    vk->f.DestroyDebugUtilsMessengerEXT (vk->instance, vk->messenger, NULL);
  if (vk->instance != VK_NULL_HANDLE)
    vk->f.DestroyInstance (vk->instance, NULL);
  vk->device = VK_NULL_HANDLE;
  vk->messenger = VK_NULL_HANDLE;
  vk->instance = VK_NULL_HANDLE;
}

bool
sl_vk_probe (char *reason, size_t reason_size)
{
  SlVulkan *vk = calloc (1, sizeof *vk);
  bool usable;

  if (vk == NULL)
    {
      snprintf (reason, reason_size, "out of memory");
      return false;
    }
  usable = open_instance (vk, false, reason, reason_size) && choose_device (vk, reason, reason_size);
  sl_vk_device_close (vk);
  free (vk);
  return usable;
}
