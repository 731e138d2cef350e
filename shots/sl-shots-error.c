/* sl-shots-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-shots-error"

#include "config.h"

#include "sl-shots-error.h"

G_DEFINE_QUARK (sl-shots-error-quark, sl_shots_error)
