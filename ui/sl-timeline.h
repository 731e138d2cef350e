/* sl-timeline.h: the timeline: video and audio tracks, ruler, beats, playhead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_TIMELINE (sl_timeline_get_type ())
G_DECLARE_FINAL_TYPE (SlTimeline, sl_timeline, SL, TIMELINE, GtkWidget)

GtkWidget *sl_timeline_new        (SlEditor *editor);
SlEditor  *sl_timeline_get_editor (SlTimeline *self);

G_END_DECLS
