/* sl-shots-error.h: the document layer's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_SHOTS_ERROR (sl_shots_error_quark ())

typedef enum {
  SL_SHOTS_ERROR_PARSE,          /* the shot language text has errors */
  SL_SHOTS_ERROR_INVALID,        /* a value is out of range or inconsistent */
  SL_SHOTS_ERROR_CORRUPT,        /* a project file is not a readable project */
  SL_SHOTS_ERROR_NEWER_FORMAT,   /* written by a newer Shotline */
  SL_SHOTS_ERROR_NOT_FOUND,      /* a preset, lexicon entry or file is missing */
  SL_SHOTS_ERROR_IO,             /* reading or writing failed */
} SlShotsError;

GQuark sl_shots_error_quark (void);

G_END_DECLS
