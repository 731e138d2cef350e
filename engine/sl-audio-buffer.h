/* sl-audio-buffer.h: a decoded audio file as float samples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Interleaved 32-bit float samples in [-1, 1], immutable once decoded, so
 * any thread may read them. Reference counted. */
typedef struct _SlAudioBuffer SlAudioBuffer;

#define SL_TYPE_AUDIO_BUFFER (sl_audio_buffer_get_type ())
GType          sl_audio_buffer_get_type      (void) G_GNUC_CONST;

/* Decodes the whole of @path with GStreamer (any format it reads) and
 * converts it to @rate Hz and @channels channels (1 = a mono down-mix).
 * Errors (SL_ENGINE_ERROR) name the path and the reason: missing file, not
 * audio, corrupt data, no decoder for the format. @cancellable may stop a
 * long decode. */
SlAudioBuffer *sl_audio_buffer_decode        (const char    *path,
                                              guint          rate,
                                              guint          channels,
                                              GCancellable  *cancellable,
                                              GError       **error);
SlAudioBuffer *sl_audio_buffer_new           (const float   *samples,
                                              gsize          n_frames,
                                              guint          rate,
                                              guint          channels);
SlAudioBuffer *sl_audio_buffer_ref           (SlAudioBuffer *self);
void           sl_audio_buffer_unref         (SlAudioBuffer *self);
const float   *sl_audio_buffer_get_samples   (SlAudioBuffer *self);
gsize          sl_audio_buffer_get_n_frames  (SlAudioBuffer *self);
guint          sl_audio_buffer_get_rate      (SlAudioBuffer *self);
guint          sl_audio_buffer_get_channels  (SlAudioBuffer *self);
/* Length in nanoseconds. */
gint64         sl_audio_buffer_get_duration  (SlAudioBuffer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAudioBuffer, sl_audio_buffer_unref)

G_END_DECLS
