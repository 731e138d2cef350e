/* sl-keyframe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_KEYFRAME (sl_keyframe_get_type ())
G_DECLARE_FINAL_TYPE (SlKeyframe, sl_keyframe, SL, KEYFRAME, GObject)

/* One camera pose at a time inside a shot. Position in metres (x right,
 * y up, z forward into the scene), orientation as yaw/pitch/roll in degrees,
 * focal length in mm (full-frame equivalent), focus distance in metres.
 * Properties: time, x, y, z, yaw, pitch, roll, focal-length, focus-distance. */
SlKeyframe  *sl_keyframe_new       (gint64 time);
gint64       sl_keyframe_get_time  (SlKeyframe *self);

G_END_DECLS
