/* sl-timeline-canvas-private.h: the canvas's input path, for tests
 *
 * The gesture and controller callbacks of SlTimelineCanvas only unpack
 * their event and call these, so a test that calls them runs the same code
 * as a user's mouse and keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-timeline-canvas.h"

G_BEGIN_DECLS

typedef enum {
  SL_TIMELINE_AREA_RULER,
  SL_TIMELINE_AREA_VIDEO,
  SL_TIMELINE_AREA_AUDIO,
} SlTimelineArea;

/* A drag with the primary button; a click is a drag that did not move.
 * @state holds the modifiers (Shift turns snapping off). */
void      sl_timeline_canvas_drag_begin  (SlTimelineCanvas *self,
                                          double            x,
                                          double            y,
                                          GdkModifierType   state);
void      sl_timeline_canvas_drag_update (SlTimelineCanvas *self,
                                          double            dx,
                                          double            dy,
                                          GdkModifierType   state);
void      sl_timeline_canvas_drag_end    (SlTimelineCanvas *self,
                                          double            dx,
                                          double            dy,
                                          GdkModifierType   state);
/* A scroll of (@dx, @dy) steps with the pointer at @pointer_x. */
void      sl_timeline_canvas_scroll      (SlTimelineCanvas *self,
                                          double            dx,
                                          double            dy,
                                          GdkModifierType   state,
                                          double            pointer_x);
gboolean  sl_timeline_canvas_key_pressed (SlTimelineCanvas *self,
                                          guint             keyval,
                                          GdkModifierType   state);
/* Files dropped at (@x, @y), all as one undo step: each image becomes a
 * shot with it as the plate, inserted at the shot boundary nearest @x (by
 * its kind, wherever it is dropped); each audio file a clip starting at @x.
 * Files that are unreadable or neither are refused by name through the
 * editor's ::error. FALSE when none could be used. */
gboolean  sl_timeline_canvas_drop_files  (SlTimelineCanvas *self,
                                          GSList           *files,
                                          double            x,
                                          double            y);

/* Where things are drawn: the x of project time @time, and the middle of
 * @area (the first audio lane). */
double    sl_timeline_canvas_time_to_x   (SlTimelineCanvas *self,
                                          gint64            time);
double    sl_timeline_canvas_area_y      (SlTimelineCanvas *self,
                                          SlTimelineArea    area);

G_END_DECLS
