/* sl-cpu-pool.h: a small pool of worker threads that share out rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>

typedef struct SlCpuPool SlCpuPool;

/* Processes items [begin, end) of a job. Called concurrently for disjoint
 * ranges; must not depend on which thread runs it or how items are grouped. */
typedef void (*SlCpuRangeFunc) (void *data, uint32_t begin, uint32_t end);

/* A pool in which N_THREADS threads (the caller of sl_cpu_pool_run() being one
 * of them) work on each job. Returns NULL when threads cannot be started. */
SlCpuPool *sl_cpu_pool_new       (uint32_t        n_threads);
/* Stops and joins the workers. Not while a job runs. */
void       sl_cpu_pool_free      (SlCpuPool      *pool);
uint32_t   sl_cpu_pool_n_threads (const SlCpuPool *pool);

/* Runs FUNC over items [0, N_ITEMS) in chunks and returns when all are done.
 * One job at a time: calls must not overlap. */
void       sl_cpu_pool_run       (SlCpuPool      *pool,
                                  uint32_t        n_items,
                                  SlCpuRangeFunc  func,
                                  void           *data);

/* The number of cores this process may run on (at least 1). */
uint32_t   sl_cpu_count_cores    (void);
