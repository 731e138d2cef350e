/* sl-ops-private.h: argument checks shared by every backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-backend.h"

/* Checks that BUFFERS and PARAMS are what OP documents in sl-ops.h (formats,
 * sizes, ranges that keep kernels in bounds and free of NaN). On failure
 * writes why into MESSAGE. */
SlStatus sl_op_check (SlOp               op,
                      const void        *params,
                      const SlOpBuffers *buffers,
                      char              *message,
                      size_t             message_size);
