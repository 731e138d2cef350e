/* sl-handoff-actions.h: the window's hand-off actions: the timeline as
 * OpenTimelineIO or GES, camera paths as RealEstate10K text or JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-window.h"

G_BEGIN_DECLS

/* Installs the "handoff." action group on @window: export-timeline,
 * export-camera-path and import-camera-path (the last two act on the
 * selected shot). Long work runs on a worker thread with its progress in a
 * toast; errors name the file and the problem. */
void sl_handoff_actions_install (SlWindow *window);

G_END_DECLS
