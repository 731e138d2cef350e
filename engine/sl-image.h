/* sl-image.h: an immutable decoded picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

#define SL_TYPE_IMAGE (sl_image_get_type ())
G_DECLARE_FINAL_TYPE (SlImage, sl_image, SL, IMAGE, GObject)

/* RGBA, 8 bits a channel, sRGB-encoded, straight (not premultiplied) alpha,
 * rows stride bytes apart. An SlImage never changes once made, so any thread
 * holding a reference may read its pixels without locking. */
SlImage      *sl_image_new_from_bytes        (int        width,
                                              int        height,
                                              int        stride,
                                              GBytes    *pixels);
SlImage      *sl_image_new_from_pixbuf       (GdkPixbuf *pixbuf);
SlImage      *sl_image_new_from_pixbuf_at_size (GdkPixbuf *pixbuf,
                                              int        width,
                                              int        height);

int           sl_image_get_width             (SlImage   *self);
int           sl_image_get_height            (SlImage   *self);
int           sl_image_get_stride            (SlImage   *self);
const guint8 *sl_image_get_pixels            (SlImage   *self);
GBytes       *sl_image_get_bytes             (SlImage   *self);
gsize         sl_image_get_byte_size         (SlImage   *self);

/* Box-filtered (area-averaged, in linear light, alpha-weighted) copies no
 * larger than the original; asking for the same size returns a new reference
 * to self. */
SlImage      *sl_image_downscale             (SlImage   *self,
                                              int        width,
                                              int        height);
SlImage      *sl_image_downscale_to_fit      (SlImage   *self,
                                              int        max_width,
                                              int        max_height);

/* Shares the pixels; the pixbuf must not be written to. */
GdkPixbuf    *sl_image_to_pixbuf             (SlImage   *self);
gboolean      sl_image_save_png              (SlImage   *self,
                                              const char *path,
                                              GError   **error);

G_END_DECLS
