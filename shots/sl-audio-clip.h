/* sl-audio-clip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_AUDIO_CLIP (sl_audio_clip_get_type ())
G_DECLARE_FINAL_TYPE (SlAudioClip, sl_audio_clip, SL, AUDIO_CLIP, GObject)

/* An audio file placed on the timeline. start is the timeline position,
 * in-point the offset into the file, duration < 0 = to the end of the file.
 * Properties: file, start, in-point, duration, gain-db, fade-in, fade-out,
 * role. */
SlAudioClip *sl_audio_clip_new          (const char *file, gint64 start);
const char  *sl_audio_clip_get_file     (SlAudioClip *self);
gint64       sl_audio_clip_get_start    (SlAudioClip *self);
gint64       sl_audio_clip_get_in_point (SlAudioClip *self);
gint64       sl_audio_clip_get_duration (SlAudioClip *self);
double       sl_audio_clip_get_gain_db  (SlAudioClip *self);
gint64       sl_audio_clip_get_fade_in  (SlAudioClip *self);
gint64       sl_audio_clip_get_fade_out (SlAudioClip *self);
SlAudioRole  sl_audio_clip_get_role     (SlAudioClip *self);

G_END_DECLS
