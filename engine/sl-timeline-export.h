/* sl-timeline-export.h: a project as an editing timeline for other tools
 *
 * Writes OpenTimelineIO JSON (.otio) or a GStreamer Editing Services project
 * (.xges) whose video clips are the project's shots, each rendered by the
 * exporter into its own file in a folder next to the timeline
 * (NAME-media/shot-01-NAME.mp4…), and whose audio clips are the project's
 * audio files with their positions and in-points. docs/handoff.md has the
 * mapping.
 *
 * Transitions are rendered into the shots' media (the frames on either side
 * of a cut look as in `shotline render`), so the timeline plays the project
 * with plain cuts; each clip's metadata names the transition it carries.
 * The shots' media have silent sound: the sound comes from the audio clips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-exporter.h"

G_BEGIN_DECLS

typedef enum {
  SL_TIMELINE_FORMAT_OTIO,
  SL_TIMELINE_FORMAT_XGES,
} SlTimelineFormat;

/* What to write. Strings are borrowed: sl_timeline_export_new () copies them. */
typedef struct {
  const char      *output;        /* NAME.otio or NAME.xges */
  SlTimelineFormat format;
  SlExportFormat   media_format;  /* of the rendered shots */
  SlExportQuality  quality;
  guint            width;         /* of the rendered shots; 0: the project's */
  guint            height;
  const char      *backend;       /* NULL: "auto" */
} SlTimelineExportSettings;

/* Shots finished (rendered or reused), of how many, and the part of all
 * the work done (0 … 1, by frames to render). */
typedef void (*SlTimelineExportProgressFunc) (guint     shots_done,
                                              guint     n_shots,
                                              double    fraction,
                                              gpointer  user_data);

#define SL_TYPE_TIMELINE_EXPORT (sl_timeline_export_get_type ())
G_DECLARE_FINAL_TYPE (SlTimelineExport, sl_timeline_export, SL, TIMELINE_EXPORT, GObject)

/* OTIO, MP4 media at standard quality and the project's size, "auto". */
void               sl_timeline_export_settings_init       (SlTimelineExportSettings *settings);
/* "otio" or "xges"; from a path, by its extension. */
gboolean           sl_timeline_format_from_name           (const char               *name,
                                                           SlTimelineFormat         *format);
gboolean           sl_timeline_format_from_path           (const char               *path,
                                                           SlTimelineFormat         *format);
/* "NAME-media" next to @output (owned). */
char              *sl_timeline_export_get_media_dir_for   (const char               *output);

/* Takes a snapshot of @project, so the document may be edited while the
 * export runs on another thread. Call it on the thread that owns the
 * project. */
SlTimelineExport  *sl_timeline_export_new                 (SlProject                      *project,
                                                           const SlTimelineExportSettings *settings);
/* @func is called on the thread that runs sl_timeline_export_run (). */
void               sl_timeline_export_set_progress_func   (SlTimelineExport             *self,
                                                           SlTimelineExportProgressFunc  func,
                                                           gpointer                      user_data,
                                                           GDestroyNotify                destroy);
/* Renders the shots whose media are missing or out of date (a shot's file
 * is kept when the hash of everything its frames depend on is the one
 * recorded in NAME-media/media.json), then writes the timeline atomically.
 * Blocks; errors are the exporter's, an audio file's (its length when the
 * clip runs to its end), G_IO_ERROR_* naming a file, or
 * G_IO_ERROR_CANCELLED. One run at a time. */
gboolean           sl_timeline_export_run                 (SlTimelineExport  *self,
                                                           GCancellable      *cancellable,
                                                           GError           **error);
/* After a run: how many shots were rendered and how many reused. */
guint              sl_timeline_export_get_n_rendered      (SlTimelineExport  *self);
guint              sl_timeline_export_get_n_reused        (SlTimelineExport  *self);

G_END_DECLS
