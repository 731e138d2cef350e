/* sl-cuda-backend.h: the CUDA backend, for NVIDIA GPUs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled whenever nvcc is found, usable where probe() finds a GPU of compute
 * capability 7.5 or newer and a driver for the CUDA runtime it was built with.
 * The runtime is linked statically, so a program built with this backend still
 * starts on a machine without the CUDA toolkit or the NVIDIA driver: probe()
 * then says why the backend cannot run.
 *
 * Every op computes each pixel with the common/ functions that the CPU
 * backend uses, in the same order, with multiply-adds kept unfused
 * (--fmad=false), so results match the CPU reference bit for bit.
 *
 * run_op() only queues work on the instance's stream; download() and sync()
 * wait for it. Buffers are device memory (cudaMalloc) with guard bands.
 */
#pragma once

#include "../sl-backend.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const SlBackendIface sl_cuda_backend_iface;

/* Whether the guard bands around BUFFER's device memory still hold their
 * pattern (false: a kernel wrote out of bounds). Waits for queued work. For
 * tests. */
bool        sl_cuda_buffer_guards_intact           (const SlBuffer *buffer);

/* The name of the GPU a CUDA BACKEND runs on ("NVIDIA H100 80GB HBM3"). */
const char *sl_cuda_backend_get_device_name        (const SlBackend *backend);

/* Measures the device's copy bandwidth: cudaMemcpy device to device of a
 * buffer of BYTES, counted as bytes read plus bytes written per second, the
 * way bench-kernels counts the ops' traffic. Writes GB/s (10^9 bytes) into
 * *GB_PER_S. For benchmarks. */
SlStatus    sl_cuda_backend_measure_copy_bandwidth (SlBackend       *backend,
                                                    size_t           bytes,
                                                    double          *gb_per_s);

#ifdef __cplusplus
}
#endif
