/* sl-backend-registry.c: the backends built into this program, and `auto`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-backend-registry.h"
#include "cpu/sl-cpu-backend.h"
#ifdef SL_HAVE_CUDA
#include "cuda/sl-cuda-backend.h"
#endif
#ifdef SL_HAVE_VULKAN
#include "vulkan/sl-vulkan-backend.h"
#endif

#include <stdio.h>
#include <string.h>

/* Preference order for `auto`. A GPU backend joins this list under the
 * configure-time define of its build option, ahead of the CPU. */
static const SlBackendIface *const backends[] = {
#ifdef SL_HAVE_CUDA
  &sl_cuda_backend_iface,
#endif
#ifdef SL_HAVE_VULKAN
  &sl_vulkan_backend_iface,
#endif
  &sl_cpu_backend_iface,
};

#define N_BACKENDS (sizeof backends / sizeof backends[0])

size_t
sl_backend_registry_get_n_backends (void)
{
  return N_BACKENDS;
}

const SlBackendIface *
sl_backend_registry_get_backend (size_t index)
{
  return index < N_BACKENDS ? backends[index] : NULL;
}

const SlBackendIface *
sl_backend_registry_find (const char *name)
{
  for (size_t i = 0; i < N_BACKENDS; i++)
    if (strcmp (backends[i]->name, name) == 0)
      return backends[i];
  return NULL;
}

/* Opens the kind once to name its device, and once more as `auto` would, to
 * tell whether `auto` takes it. */
static void
describe_device (const SlBackendIface *iface, SlBackendInfo *info)
{
  SlBackendOptions hardware = { 0 };
  SlBackend *backend = sl_backend_new (iface, NULL, info->reason, sizeof info->reason);

  if (backend == NULL)
    {
      info->usable = false;
      return;
    }
  snprintf (info->device, sizeof info->device, "%s", sl_backend_get_device_name (backend));
  sl_backend_free (backend);
  hardware.hardware_only = 1;
  backend = sl_backend_new (iface, &hardware, info->reason, sizeof info->reason);
  info->in_auto = backend != NULL;
  if (backend != NULL)
    info->reason[0] = '\0';
  sl_backend_free (backend);
}

size_t
sl_backend_registry_probe_all (SlBackendInfo *infos, size_t n_infos)
{
  for (size_t i = 0; i < N_BACKENDS && i < n_infos; i++)
    {
      infos[i].name = backends[i]->name;
      infos[i].reason[0] = '\0';
      infos[i].device[0] = '\0';
      infos[i].usable = backends[i]->probe (infos[i].reason, sizeof infos[i].reason);
      infos[i].in_auto = false;
      if (infos[i].usable)
        describe_device (backends[i], &infos[i]);
    }
  return N_BACKENDS;
}

/* Appends "NAME: WHY" to the list of skipped kinds in REASON. */
static void
append_reason (char *reason, size_t reason_size, const char *name, const char *why)
{
  size_t used = strlen (reason);

  if (used < reason_size)
    snprintf (reason + used, reason_size - used, "%s%s: %s", used > 0 ? "; " : "", name, why);
}

SlBackend *
sl_backend_open (const char *name, const SlBackendOptions *options, char *reason, size_t reason_size)
{
  char why[256];

  if (reason_size > 0)
    reason[0] = '\0';
  if (strcmp (name, "auto") != 0)
    {
      const SlBackendIface *iface = sl_backend_registry_find (name);
      SlBackend *backend;

      if (iface == NULL)
        {
          snprintf (reason, reason_size, "no backend named '%s' is built into this program", name);
          return NULL;
        }
      why[0] = '\0';
      backend = sl_backend_new (iface, options, why, sizeof why);
      if (backend == NULL)
        append_reason (reason, reason_size, name, why);
      return backend;
    }

  for (size_t i = 0; i < N_BACKENDS; i++)
    {
      SlBackendOptions auto_options = { 0 };
      SlBackend *backend;

      /* A GPU emulated on the CPU only slows down what the CPU backend, last
       * in the list, does natively. */
      if (options != NULL)
        auto_options = *options;
      auto_options.hardware_only = 1;
      why[0] = '\0';
      backend = sl_backend_new (backends[i], &auto_options, why, sizeof why);
      if (backend != NULL)
        return backend;
      append_reason (reason, reason_size, backends[i]->name, why);
    }
  return NULL;
}
