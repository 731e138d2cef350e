/* sl-preset-library.h: all camera move presets, found by id or by words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-preset.h"

G_BEGIN_DECLS

#define SL_TYPE_PRESET_LIBRARY (sl_preset_library_get_type ())
G_DECLARE_FINAL_TYPE (SlPresetLibrary, sl_preset_library, SL, PRESET_LIBRARY, GObject)

SlPresetLibrary *sl_preset_library_new        (void);
/* Loads every *.json in @dir (sorted by name); a later preset with the same
 * id replaces an earlier one (user presets over the bundled ones). A broken
 * file fails the load with an error naming it. */
gboolean         sl_preset_library_load_dir   (SlPresetLibrary *self,
                                               const char      *dir,
                                               GError         **error);
/* The shared library: the bundled presets (SHOTLINE_DATADIR/moves if set,
 * else the source tree's data/moves when run uninstalled, else the installed
 * one), then $XDG_DATA_HOME/shotline/moves. Loaded once; NULL with a
 * critical if the bundled presets are broken. (transfer none) */
SlPresetLibrary *sl_preset_library_get_default (void);

guint            sl_preset_library_get_n_presets (SlPresetLibrary *self);
/* In id order. (transfer none) */
SlPreset        *sl_preset_library_get_preset (SlPresetLibrary *self, guint index);
SlPreset        *sl_preset_library_lookup     (SlPresetLibrary *self, const char *id);
/* The longest alias that matches a prefix of @words (lower-cased words, as
 * the shot-language lexer splits them). Returns the preset and sets
 * *n_consumed to the number of words used, or NULL. */
SlPreset        *sl_preset_library_match      (SlPresetLibrary   *self,
                                               const char *const *words,
                                               guint              n_words,
                                               guint             *n_consumed);
/* The alias nearest to @text by edit distance, for "did you mean"; NULL
 * when nothing is close enough to be a plausible typo. */
const char      *sl_preset_library_suggest    (SlPresetLibrary *self,
                                               const char      *text);

G_END_DECLS
