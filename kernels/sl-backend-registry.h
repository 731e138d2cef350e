/* sl-backend-registry.h: the backends built into this program, and `auto`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-backend.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *name;        /* "cpu", "cuda", "vulkan" */
  bool        usable;      /* its probe() passed and it opened */
  bool        in_auto;     /* `auto` would pick it (not a software GPU) */
  char        reason[256]; /* why not, when !usable; why auto skips it,
                              when usable && !in_auto */
  char        device[256]; /* the device it runs on, when usable */
} SlBackendInfo;

/* The kinds built in, in the order `auto` tries them (CUDA, Vulkan, CPU). CPU
 * is always last and always present. */
size_t                sl_backend_registry_get_n_backends (void);
const SlBackendIface *sl_backend_registry_get_backend    (size_t index);
/* The kind named NAME, or NULL when none is built in under that name. */
const SlBackendIface *sl_backend_registry_find           (const char *name);

/* Probes and opens every kind built in (so it takes as long as starting each
 * device once) and fills up to N_INFOS entries of INFOS; returns how many
 * kinds there are. For `shotline info` and the preferences. */
size_t sl_backend_registry_probe_all (SlBackendInfo *infos, size_t n_infos);

/* Opens the backend NAME ("auto", "cpu", "cuda", "vulkan") with OPTIONS (NULL =
 * defaults). `auto` opens the first usable kind in registry order; kinds that
 * are unusable or fail to open are skipped, and their reasons are written into
 * REASON ("cuda: no device; vulkan: no driver") even when a later kind opens, so
 * the caller can report what it fell back from. Returns NULL with the reason
 * when nothing could be opened (never for `auto`: CPU always opens unless out
 * of memory). */
SlBackend *sl_backend_open (const char             *name,
                            const SlBackendOptions *options,
                            char                   *reason,
                            size_t                  reason_size);

#ifdef __cplusplus
}
#endif
