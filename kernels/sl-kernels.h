/* sl-kernels.h: the pixel layer (ops, backends, the registry)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C: libc, libm and threads only, so this layer builds and is tested on
 * a machine with a compiler and nothing else (see README.md).
 */
#pragma once

#include "sl-ops.h"
#include "sl-backend.h"
#include "sl-backend-registry.h"
