/* sl-thumbnailer.h: small pictures of shots, rendered off the UI thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-editor.h"

G_BEGIN_DECLS

#define SL_TYPE_THUMBNAILER (sl_thumbnailer_get_type ())
G_DECLARE_FINAL_TYPE (SlThumbnailer, sl_thumbnailer, SL, THUMBNAILER, GObject)

/* One per editor, shared by every view that shows shots in small (the shot
 * list, the timeline). It renders on a worker with its own renderer (the
 * CPU backend, so it never competes with the preview for the GPU) and its
 * own copy of the document, brought up to date between pictures.
 *
 * The cache is keyed by (shot, time inside the shot, height); the width
 * follows the project's aspect. SlProject::changed marks the pictures of
 * the shot it names stale, or, when it names none, those of the shots
 * overlapping the changed range (a reorder, the music, the project's size).
 * Stale pictures are still returned, so a view never flashes empty while an
 * edit re-renders, and looking one up renders it again: views redraw on
 * ::changed anyway, so only what is still shown is redone. Pictures that
 * failed to render (a missing image) are not retried until their shot
 * changes.
 *
 * Threading: use it on the main thread only; ::ready is emitted there.
 *
 * Signal ::ready (SlShot *shot): new pictures of @shot are in the cache. */
SlThumbnailer *sl_thumbnailer_get_for_editor (SlEditor      *editor);

/* The cached picture of @shot at @time_in_shot (ns, clamped to the shot)
 * @height pixels high, or NULL; when it is missing or stale, rendering it
 * is scheduled (repeated requests are merged; those of the latest turn of
 * the main loop are served first, in the order made, and the oldest are
 * dropped when too many wait).
 * (transfer none): valid until the next ::ready or return to the main loop. */
GdkTexture    *sl_thumbnailer_lookup         (SlThumbnailer *self,
                                              SlShot        *shot,
                                              gint64         time_in_shot,
                                              int            height);

G_END_DECLS
