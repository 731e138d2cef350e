/* sl-audio-analysis.h: tempo, beats, onsets, loudness and waveform of audio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-audio-buffer.h"

G_BEGIN_DECLS

/* Files are analysed as a mono down-mix at this rate: it keeps everything
 * up to 11 kHz, where onsets and beats live, at half the work of 44.1 kHz. */
#define SL_AUDIO_ANALYSIS_RATE 22050
/* Changes whenever the method, its parameters or its stored form change, so
 * that results of an older method are never taken from a cache. */
#define SL_AUDIO_ANALYSIS_VERSION "1"
/* Waveform peaks come at these many samples per bucket. */
#define SL_AUDIO_ANALYSIS_N_PEAK_LEVELS 4

#define SL_TYPE_AUDIO_ANALYSIS (sl_audio_analysis_get_type ())
G_DECLARE_FINAL_TYPE (SlAudioAnalysis, sl_audio_analysis, SL, AUDIO_ANALYSIS, GObject)

/* An analysis never changes once made, so any thread may read it. Times are
 * nanoseconds from the start of the audio. docs/audio.md describes the
 * method. */

/* Analyses @buffer (any rate from 8 to 192 kHz, any number of channels,
 * which are mixed down). Fails only when cancelled or for an unusable rate
 * (SL_ENGINE_ERROR_INVALID). */
SlAudioAnalysis *sl_audio_analysis_new              (SlAudioBuffer   *buffer,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
/* Decodes @path at SL_AUDIO_ANALYSIS_RATE in mono and analyses it; no cache
 * (see SlAudioCache). */
SlAudioAnalysis *sl_audio_analysis_new_for_file     (const char      *path,
                                                     GCancellable    *cancellable,
                                                     GError         **error);

/* The results in a compact little-endian binary form, and back. Reading
 * checks every count and value against the data's length and ranges;
 * anything inconsistent is SL_ENGINE_ERROR_DECODE. */
GBytes          *sl_audio_analysis_serialize        (SlAudioAnalysis *self);
SlAudioAnalysis *sl_audio_analysis_deserialize      (GBytes          *bytes,
                                                     GError         **error);

/* The sample rate that the envelope, onset strength and peaks count in. */
guint            sl_audio_analysis_get_rate         (SlAudioAnalysis *self);
gint64           sl_audio_analysis_get_duration     (SlAudioAnalysis *self);
/* Beats per minute, 60–200; 0 when the audio has no steady beat. */
double           sl_audio_analysis_get_tempo        (SlAudioAnalysis *self);
/* In time order; empty when the tempo is unknown. */
const gint64    *sl_audio_analysis_get_beats        (SlAudioAnalysis *self,
                                                     gsize           *n_beats);
/* Where notes and hits start, in time order, at least 50 ms apart. */
const gint64    *sl_audio_analysis_get_onsets       (SlAudioAnalysis *self,
                                                     gsize           *n_onsets);
/* Loudness in dBFS (RMS, -100 for silence), one value per @hop samples:
 * value i covers samples [i * hop, (i + 1) * hop). */
const float     *sl_audio_analysis_get_envelope     (SlAudioAnalysis *self,
                                                     gsize           *n_values,
                                                     guint           *hop);
/* Onset strength in 0..1, one value per @hop samples: value i is centred on
 * sample i * hop. */
const float     *sl_audio_analysis_get_onset_strength (SlAudioAnalysis *self,
                                                     gsize           *n_values,
                                                     guint           *hop);
/* Waveform peaks at @level (0 = finest, < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS):
 * pairs (min, max) of the samples in each bucket of @samples_per_bucket
 * samples (64, 256, 1024, 4096). Returns 2 * @n_buckets floats. */
const float     *sl_audio_analysis_get_peaks        (SlAudioAnalysis *self,
                                                     guint            level,
                                                     guint           *samples_per_bucket,
                                                     gsize           *n_buckets);
/* The music's pulse at @time in 0..1: its smoothed loudness relative to its
 * loudest, accented by each onset, which decays over about a tenth of a
 * second. 0 before the start, after the end and in silence. */
double           sl_audio_analysis_get_pulse        (SlAudioAnalysis *self,
                                                     gint64           time);

G_END_DECLS
