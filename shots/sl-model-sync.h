/* sl-model-sync.h: make a live document object equal to another, undoably
 * (or a snapshot equal to the document, directly)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* Edits @target through @history until sl_model_equal (@target, @source)
 * holds, changing as little as it can so that views of @target redraw only
 * what differs: value properties are set only where they differ; in each
 * child list the equal items at both ends stay (the same objects), the
 * items between are matched by position and synced in place when of the
 * same type, and the rest are removed or inserted (copies of @source's
 * items, @source is never shared). All edits form one undo step (wrap the
 * call in sl_history_begin () to name it); an equal @source records none.
 * With @history NULL the same edits are made directly, unrecorded: how a
 * render thread brings its private snapshot of the document up to date,
 * so that the snapshot's ::changed names only what the edit touched.
 * @target and @source must have the same type. */
void sl_model_sync (SlHistory *history,
                    GObject   *target,
                    GObject   *source);

G_END_DECLS
