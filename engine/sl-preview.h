/* sl-preview.h: the project played in real time, picture and sound in sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* The playback rates the preview accepts (forwards only). */
#define SL_PREVIEW_MIN_RATE 0.25
#define SL_PREVIEW_MAX_RATE 4.0

/* One picture on its way to the window: 8-bit RGBA, straight alpha
 * (always opaque), rows @stride bytes apart, ready for
 * gdk_memory_texture_new (GDK_MEMORY_R8G8B8A8). Immutable and refcounted;
 * any thread may hold one. */
typedef struct _SlPreviewFrame SlPreviewFrame;

#define SL_TYPE_PREVIEW_FRAME (sl_preview_frame_get_type ())
GType           sl_preview_frame_get_type   (void) G_GNUC_CONST;
SlPreviewFrame *sl_preview_frame_ref        (SlPreviewFrame *frame);
void            sl_preview_frame_unref      (SlPreviewFrame *frame);
guint           sl_preview_frame_get_width  (SlPreviewFrame *frame);
guint           sl_preview_frame_get_height (SlPreviewFrame *frame);
gsize           sl_preview_frame_get_stride (SlPreviewFrame *frame);
/* (transfer none): height × stride bytes. */
GBytes         *sl_preview_frame_get_pixels (SlPreviewFrame *frame);
/* The project time the frame shows (its shutter opens then), ns. */
gint64          sl_preview_frame_get_pts    (SlPreviewFrame *frame);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPreviewFrame, sl_preview_frame_unref)

#define SL_TYPE_PREVIEW (sl_preview_get_type ())
G_DECLARE_FINAL_TYPE (SlPreview, sl_preview, SL, PREVIEW, GObject)

/* Plays @project at @width × @height on a renderer of @backend (see
 * sl_renderer_new ()) through a GStreamer pipeline that also plays the
 * project's audio mix; docs/preview.md describes the threads and the
 * dropping policy. The preview starts paused at 0, showing that frame.
 *
 * Threading: create, use and drop it on one thread, whose thread-default
 * main context must run: every signal is emitted there. The document may
 * be edited freely from that thread; the preview renders from its own copy
 * of it, updated between frames, and shows the edit from the playhead on.
 *
 * Properties: project, backend-name, playing, position (ns; setting it
 * seeks), duration, rate, loop, width, height, achieved-fps (frames shown
 * in the last second), dropped-frames (frames never shown since the
 * preview was made: skipped by the render thread or dropped late by the
 * sink).
 *
 * Signals:
 * ::frame-ready (SlPreviewFrame *frame): a frame to show now.
 * ::position-changed (gint64 position): while playing (about 25 times a
 *   second) and after a seek or a step.
 * ::error (GError *error): rendering, the audio files or the pipeline
 *   failed; playback pauses on a pipeline error.
 * ::eos: the end was reached without looping; the preview is paused there.
 *
 * Errors: the renderer's (SL_ENGINE_ERROR_UNAVAILABLE for a backend that
 * cannot run here, SL_ENGINE_ERROR_INVALID for a size it refuses) or
 * GStreamer's when it cannot start or lacks an element. */
SlPreview   *sl_preview_new              (SlProject   *project,
                                          const char  *backend,
                                          guint        width,
                                          guint        height,
                                          GError     **error);
SlProject   *sl_preview_get_project      (SlPreview   *self);
const char  *sl_preview_get_backend_name (SlPreview   *self);

void         sl_preview_play             (SlPreview   *self);
void         sl_preview_pause            (SlPreview   *self);
gboolean     sl_preview_get_playing      (SlPreview   *self);
/* Moves the playhead to @position (clamped to the project) and shows the
 * frame under it, exactly, also while paused. */
void         sl_preview_seek             (SlPreview   *self,
                                          gint64       position);
/* Pauses and moves @frames frames (negative: back), within the project. */
void         sl_preview_step             (SlPreview   *self,
                                          int          frames);
gint64       sl_preview_get_position     (SlPreview   *self);
gint64       sl_preview_get_duration     (SlPreview   *self);
/* Clamped to SL_PREVIEW_MIN_RATE..SL_PREVIEW_MAX_RATE. The sound keeps its
 * pitch where GStreamer's scaletempo is installed. */
void         sl_preview_set_rate         (SlPreview   *self,
                                          double       rate);
double       sl_preview_get_rate         (SlPreview   *self);
/* Whether playing past the end starts again at 0. */
void         sl_preview_set_loop         (SlPreview   *self,
                                          gboolean     loop);
gboolean     sl_preview_get_loop         (SlPreview   *self);
/* The size frames are rendered at; the current frame is rendered again.
 * A size the renderer refuses is reported by ::error. */
void         sl_preview_set_size         (SlPreview   *self,
                                          guint        width,
                                          guint        height);
void         sl_preview_get_size         (SlPreview   *self,
                                          guint       *width,
                                          guint       *height);
double       sl_preview_get_achieved_fps (SlPreview   *self);
guint64      sl_preview_get_dropped_frames (SlPreview *self);

G_END_DECLS
