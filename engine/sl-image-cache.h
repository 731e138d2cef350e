/* sl-image-cache.h: decoded images, shared, within a memory budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-image.h"
#include "sl-shots-error.h"

G_BEGIN_DECLS

/* Nothing larger than this many pixels a side is handed out. */
#define SL_IMAGE_MAX_SIDE 16384
/* Nothing larger than this is ever decoded at once; large JPEGs can still be
 * read because libjpeg decodes them at 1/2, 1/4 or 1/8 of their size. */
#define SL_IMAGE_MAX_DECODE_PIXELS ((gint64) 400 * 1000 * 1000)

#define SL_TYPE_IMAGE_CACHE (sl_image_cache_get_type ())
G_DECLARE_FINAL_TYPE (SlImageCache, sl_image_cache, SL, IMAGE_CACHE, GObject)

/* Every method may be called from any thread. A file is decoded once per
 * (path, level), where level n is the picture at 1/2^n of its size (sides
 * rounded up); a file that changes on disk (size or modification time) is
 * decoded again. Images handed out stay valid however the cache evicts. */
SlImageCache *sl_image_cache_new              (gsize         budget_bytes);

/* The smallest level at least max_width wide and max_height high (after
 * the file's EXIF orientation); a limit <= 0 does not constrain. Errors
 * (SL_SHOTS_ERROR) name the path and say what is wrong: missing, not an
 * image, unsupported format, truncated or corrupt, too large. */
SlImage      *sl_image_cache_get              (SlImageCache *self,
                                               const char   *path,
                                               int           max_width,
                                               int           max_height,
                                               GError      **error);
/* The stored size (before orientation), read from the header only. */
gboolean      sl_image_cache_get_source_size  (SlImageCache *self,
                                               const char   *path,
                                               int          *width,
                                               int          *height,
                                               GError      **error);

gsize         sl_image_cache_get_budget       (SlImageCache *self);
void          sl_image_cache_set_budget       (SlImageCache *self,
                                               gsize         budget_bytes);
gsize         sl_image_cache_get_bytes_used   (SlImageCache *self);
guint         sl_image_cache_get_n_images     (SlImageCache *self);
void          sl_image_cache_clear            (SlImageCache *self);

/* Results computed from a file's picture that are slow to make and do not
 * depend on the camera (a plate's depth layers), so that rebuilding a shot
 * after a camera edit does not make them again. @what names everything
 * else the result depends on. A lookup misses once the file changed on
 * disk. The most recent few are kept. (transfer full) */
GObject      *sl_image_cache_lookup_derived   (SlImageCache *self,
                                               const char   *path,
                                               const char   *what);
void          sl_image_cache_store_derived    (SlImageCache *self,
                                               const char   *path,
                                               const char   *what,
                                               GObject      *result);

G_END_DECLS
