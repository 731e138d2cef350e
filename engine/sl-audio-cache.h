/* sl-audio-cache.h: audio analyses kept on disk, keyed by content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-audio-analysis.h"

G_BEGIN_DECLS

#define SL_TYPE_AUDIO_CACHE (sl_audio_cache_get_type ())
G_DECLARE_FINAL_TYPE (SlAudioCache, sl_audio_cache, SL, AUDIO_CACHE, GObject)

/* Every method may be called from any thread. A file's analysis is stored
 * under the SHA-256 of its content and SL_AUDIO_ANALYSIS_VERSION, so a
 * renamed or copied file is found again, an edited one is analysed again,
 * and a new method never reads an old result. docs/audio.md has the format.
 *
 * @dir: the folder of the cache files, made when first written; NULL for
 * g_get_user_cache_dir ()/shotline/audio. */
SlAudioCache    *sl_audio_cache_new      (const char    *dir);
const char      *sl_audio_cache_get_dir  (SlAudioCache  *self);

/* The analysis of @path: read from the cache, or else decoded, analysed and
 * stored. A cache file that is unreadable, damaged or of another version is
 * ignored and written again; a cache that cannot be written is logged, not
 * an error. Two threads asking for the same content analyse it once. @hit
 * (optional) says whether the result came from the cache. Errors name the
 * path: SL_ENGINE_ERROR_NOT_FOUND, _DECODE, or G_IO_ERROR_CANCELLED. */
SlAudioAnalysis *sl_audio_cache_analyze  (SlAudioCache  *self,
                                          const char    *path,
                                          gboolean      *hit,
                                          GCancellable  *cancellable,
                                          GError       **error);

G_END_DECLS
