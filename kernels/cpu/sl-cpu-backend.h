/* sl-cpu-backend.h: the CPU backend, the reference every other one is held to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Always usable. Each op runs over rows on a pool of SlBackendOptions.n_threads
 * threads; every op is deterministic: the same inputs give the same bits for
 * any thread count. Calls are synchronous (sync() has nothing to wait for).
 */
#pragma once

#include "../sl-backend.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const SlBackendIface sl_cpu_backend_iface;

/* Whether the guard bands the CPU backend keeps before and after every
 * buffer's memory still hold their pattern (false: something wrote out of
 * bounds). For tests. */
bool sl_cpu_buffer_guards_intact (const SlBuffer *buffer);

/* The number of threads the CPU BACKEND works with. */
uint32_t sl_cpu_backend_get_n_threads (const SlBackend *backend);

#ifdef __cplusplus
}
#endif
