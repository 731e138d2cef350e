/* sl-audio-mixer.h: the audio clips of a project as one stereo track
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* The mix is stereo float at 48 kHz, the rate every export format takes. */
#define SL_AUDIO_MIXER_RATE 48000
#define SL_AUDIO_MIXER_CHANNELS 2

#define SL_TYPE_AUDIO_MIXER (sl_audio_mixer_get_type ())
G_DECLARE_FINAL_TYPE (SlAudioMixer, sl_audio_mixer, SL, AUDIO_MIXER, GObject)

/* Decodes the file of every audio clip of @project once (clips sharing a
 * file share its samples) and keeps a copy of the clips' placement, gain
 * and fades, so the mixer is unaffected by later edits. Errors are the
 * decoder's (SL_ENGINE_ERROR naming the missing or unreadable file) or
 * G_IO_ERROR_CANCELLED. Once made, a mixer may be used from any thread. */
SlAudioMixer *sl_audio_mixer_new              (SlProject     *project,
                                               GCancellable  *cancellable,
                                               GError       **error);
guint         sl_audio_mixer_get_n_clips      (SlAudioMixer  *self);

/* Writes @n_frames interleaved stereo frames of the mix, starting at
 * sample @first (>= 0) of the project's timeline, into @out. The result
 * depends only on the sample positions, not on how a range is split into
 * calls. Where the sum stays within full scale (0 dBFS) it is passed
 * through unchanged; where it would go over, a limiter lowers the gain
 * smoothly around the peak (docs/export.md). */
void          sl_audio_mixer_mix              (SlAudioMixer  *self,
                                               gint64         first,
                                               gsize          n_frames,
                                               float         *out);

/* Timeline time (ns) to the nearest sample index at SL_AUDIO_MIXER_RATE,
 * round (time × 48000 / 10⁹), and a sample index back to its time. */
gint64        sl_audio_mixer_time_to_sample   (gint64         time);
gint64        sl_audio_mixer_sample_to_time   (gint64         sample);

G_END_DECLS
