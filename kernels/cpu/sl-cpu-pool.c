/* sl-cpu-pool.c: a small pool of worker threads that share out rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workers sleep on a condition variable between jobs; within a job every
 * thread, the caller included, takes chunks of items from an atomic counter.
 * Which thread does which chunk varies from run to run; results do not,
 * because every op computes each item independently of the others.
 */
#define _GNU_SOURCE
#include "sl-cpu-pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 256

struct SlCpuPool {
  pthread_mutex_t lock;
  pthread_cond_t  wake;      /* a job was posted, or quit */
  pthread_cond_t  done;      /* the last worker left the job */
  pthread_t      *workers;
  uint32_t        n_workers; /* threads besides the caller */
  uint64_t        job;       /* number of the current job */
  uint32_t        busy;      /* workers still in the current job */
  bool            quit;

  SlCpuRangeFunc  func;
  void           *data;
  uint32_t        n_items;
  uint32_t        chunk;
  atomic_uint     next;      /* first item not yet taken */
};

static void
run_chunks (SlCpuPool *pool)
{
  for (;;)
    {
      uint32_t begin = atomic_fetch_add_explicit (&pool->next, pool->chunk, memory_order_relaxed);

      if (begin >= pool->n_items)
        return;
      pool->func (pool->data, begin,
                  pool->n_items - begin < pool->chunk ? pool->n_items : begin + pool->chunk);
    }
}

static void *
worker_main (void *data)
{
  SlCpuPool *pool = data;
  uint64_t seen = 0;

  pthread_mutex_lock (&pool->lock);
  for (;;)
    {
      while (pool->job == seen && !pool->quit)
        pthread_cond_wait (&pool->wake, &pool->lock);
      if (pool->quit)
        break;
      seen = pool->job;
      pthread_mutex_unlock (&pool->lock);

      run_chunks (pool);

      pthread_mutex_lock (&pool->lock);
      if (--pool->busy == 0)
        pthread_cond_signal (&pool->done);
    }
  pthread_mutex_unlock (&pool->lock);
  return NULL;
}

SlCpuPool *
sl_cpu_pool_new (uint32_t n_threads)
{
  SlCpuPool *pool = calloc (1, sizeof *pool);

  if (pool == NULL)
    return NULL;
  n_threads = n_threads < 1 ? 1 : n_threads > MAX_THREADS ? MAX_THREADS : n_threads;
  pthread_mutex_init (&pool->lock, NULL);
  pthread_cond_init (&pool->wake, NULL);
  pthread_cond_init (&pool->done, NULL);
  atomic_init (&pool->next, 0);
  pool->workers = calloc (n_threads, sizeof *pool->workers);
  if (pool->workers == NULL)
    {
      sl_cpu_pool_free (pool);
      return NULL;
    }
  for (uint32_t i = 0; i + 1 < n_threads; i++)
    {
      if (pthread_create (&pool->workers[i], NULL, worker_main, pool) != 0)
        {
          sl_cpu_pool_free (pool);
          return NULL;
        }
      pool->n_workers++;
    }
  return pool;
}

void
sl_cpu_pool_free (SlCpuPool *pool)
{
  pthread_mutex_lock (&pool->lock);
  pool->quit = true;
  pthread_cond_broadcast (&pool->wake);
  pthread_mutex_unlock (&pool->lock);
  for (uint32_t i = 0; i < pool->n_workers; i++)
    pthread_join (pool->workers[i], NULL);
  pthread_cond_destroy (&pool->done);
  pthread_cond_destroy (&pool->wake);
  pthread_mutex_destroy (&pool->lock);
  free (pool->workers);
  free (pool);
}

uint32_t
sl_cpu_pool_n_threads (const SlCpuPool *pool)
{
  return pool->n_workers + 1;
}

void
sl_cpu_pool_run (SlCpuPool *pool, uint32_t n_items, SlCpuRangeFunc func, void *data)
{
  uint32_t n_threads = pool->n_workers + 1;

  if (n_items == 0)
    return;
  if (pool->n_workers == 0 || n_items == 1)
    {
      func (data, 0, n_items);
      return;
    }

  /* About eight chunks per thread: enough to even out uneven rows (a card
   * covering half the frame, rows of a cut-out that are all transparent) and
   * a thread that the system runs late, without much contention on the
   * counter. */
  pthread_mutex_lock (&pool->lock);
  pool->func = func;
  pool->data = data;
  pool->n_items = n_items;
  pool->chunk = n_items / (8 * n_threads) > 0 ? n_items / (8 * n_threads) : 1;
  atomic_store_explicit (&pool->next, 0, memory_order_relaxed);
  pool->busy = pool->n_workers;
  pool->job++;
  pthread_cond_broadcast (&pool->wake);
  pthread_mutex_unlock (&pool->lock);

  run_chunks (pool);

  pthread_mutex_lock (&pool->lock);
  while (pool->busy > 0)
    pthread_cond_wait (&pool->done, &pool->lock);
  pthread_mutex_unlock (&pool->lock);
}

uint32_t
sl_cpu_count_cores (void)
{
  cpu_set_t set;
  long n;

  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return (uint32_t) CPU_COUNT (&set);
  n = sysconf (_SC_NPROCESSORS_ONLN);
  return n > 0 ? (uint32_t) n : 1;
}
