/* sl-exporter.h: a project rendered and encoded into a media file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_EXPORT_FORMAT_MP4,    /* H.264 High + AAC */
  SL_EXPORT_FORMAT_WEBM,   /* VP9 + Opus */
  SL_EXPORT_FORMAT_MOV,    /* ProRes 422 + PCM */
} SlExportFormat;

/* Encoder settings and motion-blur samples (1, 2, 4); docs/export.md has
 * the table. */
typedef enum {
  SL_EXPORT_QUALITY_DRAFT,
  SL_EXPORT_QUALITY_STANDARD,
  SL_EXPORT_QUALITY_HIGH,
} SlExportQuality;

/* What to export. Strings are borrowed: sl_exporter_new () copies them. */
typedef struct {
  const char      *output;       /* the final file; "OUTPUT.part" while writing */
  SlExportFormat   format;
  guint            width;        /* 0: the project's size */
  guint            height;
  guint            fps_num;      /* 0: the project's frame rate */
  guint            fps_den;
  SlExportQuality  quality;
  const char      *backend;      /* NULL: "auto"; see sl_renderer_new () */
  gint64           first_frame;  /* frames at the export rate, both included */
  gint64           last_frame;   /* -1: the project's last frame */
} SlExportSettings;

/* Frames done (encoded), of how many, frames per second so far and the
 * seconds left (negative while unknown). */
typedef void (*SlExportProgressFunc) (gint64    frames_done,
                                      gint64    n_frames,
                                      double    fps,
                                      double    eta,
                                      gpointer  user_data);

#define SL_TYPE_EXPORTER (sl_exporter_get_type ())
G_DECLARE_FINAL_TYPE (SlExporter, sl_exporter, SL, EXPORTER, GObject)

/* MP4, standard quality, the project's size, rate and frames, "auto". */
void            sl_export_settings_init        (SlExportSettings *settings);
/* "mp4", "webm", "mov" (any case); from a path, by its extension. FALSE
 * when it is none of them. */
gboolean        sl_export_format_from_name     (const char       *name,
                                                SlExportFormat   *format);
gboolean        sl_export_format_from_path     (const char       *path,
                                                SlExportFormat   *format);
const char     *sl_export_format_get_name      (SlExportFormat    format);
/* "draft", "standard", "high". */
gboolean        sl_export_quality_from_name    (const char       *name,
                                                SlExportQuality  *quality);
const char     *sl_export_quality_get_name     (SlExportQuality   quality);
/* Whether every GStreamer element @format needs is installed; the error
 * (SL_ENGINE_ERROR_UNAVAILABLE) names the first missing element and the
 * Debian package that has it. Calls gst_init () when needed. */
gboolean        sl_export_format_check         (SlExportFormat    format,
                                                GError          **error);

/* Takes a snapshot of @project (through its JSON, whose SHA-256 goes into
 * the file's metadata), so the document may be edited while an export runs
 * from another thread. Call it on the thread that owns the project. */
SlExporter     *sl_exporter_new                (SlProject              *project,
                                                const SlExportSettings *settings);
/* @func is called on the thread that runs sl_exporter_run (), whenever the
 * number of frames done changes and once at the end. */
void            sl_exporter_set_progress_func  (SlExporter             *self,
                                                SlExportProgressFunc    func,
                                                gpointer                user_data,
                                                GDestroyNotify          destroy);
/* Renders and encodes, blocking the calling thread until the file is
 * complete: it is written as "OUTPUT.part" and renamed to OUTPUT only after
 * the muxer finished and the file was flushed to disk. On any error or a
 * cancel the part file is deleted, OUTPUT is left as it was, and the error
 * says what happened: SL_ENGINE_ERROR_INVALID (size, rate or frame range),
 * SL_ENGINE_ERROR_UNAVAILABLE (a missing element, with its package, or
 * backend), G_IO_ERROR_* naming the file (unwritable folder, full disk),
 * the renderer's and the audio decoder's errors, or G_IO_ERROR_CANCELLED.
 * One run at a time per exporter. */
gboolean        sl_exporter_run                (SlExporter             *self,
                                                GCancellable           *cancellable,
                                                GError                **error);
/* The number of frames the settings select, or -1 (with @error) when the
 * size, rate or range is not valid for the project. */
gint64          sl_exporter_get_n_frames       (SlExporter             *self,
                                                GError                **error);
/* The backend the run renders on ("cpu"...) and, for "auto", why better
 * ones were skipped (or NULL): set by sl_exporter_run () before its first
 * progress report and kept after it; NULL before. */
const char     *sl_exporter_get_backend_name   (SlExporter             *self);
const char     *sl_exporter_get_fallback_reason (SlExporter            *self);
/* The "comment" metadata: "project sha256=HASH seed=N engine=V lexicon=V". */
const char     *sl_exporter_get_comment        (SlExporter             *self);

G_END_DECLS
