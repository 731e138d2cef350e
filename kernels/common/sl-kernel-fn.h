/* sl-kernel-fn.h: marks the per-pixel functions shared by the CPU and CUDA
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything under common/ is header-only: `static inline SL_KERNEL_FN`
 * functions on plain floats and the op parameter structs, compiled as C for the
 * CPU backend and as host+device code by nvcc for the CUDA backend, so both
 * compute each pixel with the same arithmetic. Only <math.h> functions that
 * CUDA also provides on the device may be used here.
 */
#pragma once

#include <stdint.h>
#include <string.h>

#if defined(__CUDACC__)
# define SL_KERNEL_FN __host__ __device__
#else
# define SL_KERNEL_FN
#endif

/* For the large per-pixel functions: a CPU row loop can only be vectorised
 * when the whole pixel is inlined into it, which compilers' size limits would
 * otherwise refuse. nvcc inlines device functions by itself (and its
 * __forceinline__ repeats the `inline` these functions already have). */
#if defined(__CUDACC__)
# define SL_FORCE_INLINE
#elif defined(__GNUC__)
# define SL_FORCE_INLINE __attribute__ ((always_inline))
#else
# define SL_FORCE_INLINE
#endif
