/* sl-engine-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-engine-error"

#include "config.h"

#include "sl-engine-error.h"

G_DEFINE_QUARK (sl-engine-error-quark, sl_engine_error)
