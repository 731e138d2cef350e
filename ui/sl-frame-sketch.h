/* sl-frame-sketch.h: frame mode: the shot's framings drawn over the preview, with handles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_FRAME_SKETCH (sl_frame_sketch_get_type ())
G_DECLARE_FINAL_TYPE (SlFrameSketch, sl_frame_sketch, SL, FRAME_SKETCH, GtkWidget)

GtkWidget *sl_frame_sketch_new        (SlEditor *editor);
SlEditor  *sl_frame_sketch_get_editor (SlFrameSketch *self);

G_END_DECLS
