/* sl-reference.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_REFERENCE (sl_reference_get_type ())
G_DECLARE_FINAL_TYPE (SlReference, sl_reference, SL, REFERENCE, GObject)

/* An image attached to a shot in a role. file is relative to the project
 * folder (or absolute). Properties: file, role, depth-mode, depth-file,
 * depth-strength. */
SlReference    *sl_reference_new        (const char *file, SlReferenceRole role);
const char     *sl_reference_get_file   (SlReference *self);
SlReferenceRole sl_reference_get_role   (SlReference *self);
SlDepthMode     sl_reference_get_depth_mode (SlReference *self);
const char     *sl_reference_get_depth_file (SlReference *self);
double          sl_reference_get_depth_strength (SlReference *self);

G_END_DECLS
