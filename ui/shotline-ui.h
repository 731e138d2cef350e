/* shotline-ui.h: the editor window and its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-editor.h"
#include "sl-export-dialog.h"
#include "sl-frame-sketch.h"
#include "sl-plan-view.h"
#include "sl-preferences-window.h"
#include "sl-preset-browser.h"
#include "sl-preview-view.h"
#include "sl-script-view.h"
#include "sl-shot-inspector.h"
#include "sl-shot-list.h"
#include "sl-thumbnailer.h"
#include "sl-timeline.h"
#include "sl-window.h"

/* Registers the resources and the style sheet; call once after gtk_init (). */
void        sl_ui_init                (void);
/* Whether the interface speaks Chinese (its first language is zh…): data
 * with both names (presets, lexicon entries) then shows the Chinese one. */
gboolean    sl_ui_prefers_chinese     (void);
/* A preset's name and one-line description in the interface's language. */
const char *sl_ui_preset_name         (SlPreset *preset);
const char *sl_ui_preset_description  (SlPreset *preset);
