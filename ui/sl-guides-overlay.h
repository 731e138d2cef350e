/* sl-guides-overlay.h: safe-area frames and rule-of-thirds lines over the preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_GUIDES_OVERLAY (sl_guides_overlay_get_type ())
G_DECLARE_FINAL_TYPE (SlGuidesOverlay, sl_guides_overlay, SL, GUIDES_OVERLAY, GtkWidget)

/* Draws framing guides over its whole allocation, which its parent sizes to
 * the picture's frame: the action-safe (90 %) and title-safe (80 %)
 * rectangles and the lines that divide the frame into thirds. It never
 * takes input, so whatever lies under it keeps working.
 *
 * Properties: show-safe-areas, show-thirds (both FALSE by default). */
GtkWidget *sl_guides_overlay_new                 (void);
void       sl_guides_overlay_set_show_safe_areas (SlGuidesOverlay *self,
                                                  gboolean         show);
gboolean   sl_guides_overlay_get_show_safe_areas (SlGuidesOverlay *self);
void       sl_guides_overlay_set_show_thirds     (SlGuidesOverlay *self,
                                                  gboolean         show);
gboolean   sl_guides_overlay_get_show_thirds     (SlGuidesOverlay *self);

G_END_DECLS
