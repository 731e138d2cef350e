/* sl-preset-picker.h: a searchable popover of the camera move presets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "shotline-shots.h"

G_BEGIN_DECLS

#define SL_TYPE_PRESET_PICKER (sl_preset_picker_get_type ())
G_DECLARE_FINAL_TYPE (SlPresetPicker, sl_preset_picker, SL, PRESET_PICKER, GtkPopover)

/* Lists the presets of the default library by category; typing filters them
 * by name, alias or id in either language. Signal ::preset-chosen (SlPreset
 * *preset) when one is clicked or Enter picks the first one shown; the
 * popover closes itself. */
GtkWidget  *sl_preset_picker_new           (void);

/* A lexicon or preset category ("dolly", "weather") in words for the user;
 * the id itself when it is unknown. */
const char *sl_preset_picker_category_title (const char *category);

G_END_DECLS
