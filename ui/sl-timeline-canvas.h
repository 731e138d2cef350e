/* sl-timeline-canvas.h: the drawn part of the timeline: ruler, video and
 * audio tracks, beat grid and playhead, with its mouse, keyboard and drop
 * handling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_TIMELINE_CANVAS (sl_timeline_canvas_get_type ())
G_DECLARE_FINAL_TYPE (SlTimelineCanvas, sl_timeline_canvas, SL, TIMELINE_CANVAS, GtkWidget)

/* The zoom range, in pixels per second of project time. */
#define SL_TIMELINE_MIN_ZOOM 4.0
#define SL_TIMELINE_MAX_ZOOM 600.0

/* Properties: editor (construct-only), pixels-per-second, snapping.
 * Every edit it makes is one call of the sl_timeline_* edits, so one undo
 * step; refusals go to sl_editor_report_error (). */
GtkWidget *sl_timeline_canvas_new                   (SlEditor         *editor);
double     sl_timeline_canvas_get_pixels_per_second (SlTimelineCanvas *self);
/* Zooms so that the time under @anchor_x (widget pixels) stays there. */
void       sl_timeline_canvas_zoom_at               (SlTimelineCanvas *self,
                                                     double            pixels_per_second,
                                                     double            anchor_x);
/* Zooms around the playhead when it is in view, else around the middle. */
void       sl_timeline_canvas_set_pixels_per_second (SlTimelineCanvas *self,
                                                     double            pixels_per_second);
gboolean   sl_timeline_canvas_get_snapping          (SlTimelineCanvas *self);
void       sl_timeline_canvas_set_snapping          (SlTimelineCanvas *self,
                                                     gboolean          snapping);
void       sl_timeline_canvas_split_at_playhead     (SlTimelineCanvas *self);
void       sl_timeline_canvas_delete_selected       (SlTimelineCanvas *self);

G_END_DECLS
