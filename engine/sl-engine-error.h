/* sl-engine-error.h: the engine layer's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_ENGINE_ERROR (sl_engine_error_quark ())

typedef enum {
  SL_ENGINE_ERROR_INVALID,       /* a request the engine cannot honour (a zero size) */
  SL_ENGINE_ERROR_UNAVAILABLE,   /* the backend asked for cannot run here */
  SL_ENGINE_ERROR_BACKEND,       /* the backend failed while rendering */
  SL_ENGINE_ERROR_EMPTY,         /* the project has no shots */
  SL_ENGINE_ERROR_NOT_FOUND,     /* a media file does not exist */
  SL_ENGINE_ERROR_DECODE,        /* a media file is corrupt, not media, or has no decoder */
} SlEngineError;

GQuark sl_engine_error_quark (void);

G_END_DECLS
