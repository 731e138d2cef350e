/* sl-image-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-image-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-image-cache.h"

#define READ_CHUNK (256 * 1024)
#define MAX_JPEG_REDUCTION 3   /* libjpeg scales by 1/2, 1/4 or 1/8 */

/* What the file looked like when last probed; a change drops its levels. */
typedef struct {
  gint64  mtime_usec;
  goffset size;
  guint64 inode;
} FileStamp;

typedef struct {
  FileStamp   stamp;
  int         width;              /* as stored, before orientation */
  int         height;
  const char *format;             /* interned gdk-pixbuf loader name */
  gboolean    orientation_known;  /* only decoding reveals it */
  gboolean    swapped;            /* EXIF orientation turns it a quarter */
} FileInfo;

typedef struct {
  char     *key;                  /* also the key in entries */
  char     *path;
  FileStamp stamp;
  SlImage  *image;                /* NULL while a thread decodes it */
  gsize     bytes;
  GList     link;                 /* in lru while image is set */
} Entry;

struct _SlImageCache
{
  GObject     parent_instance;
  GMutex      lock;
  GCond       decoded;            /* broadcast whenever a decode ends */
  gsize       budget;
  gsize       used;
  GHashTable *entries;            /* key -> Entry */
  GHashTable *files;              /* path -> FileInfo */
  GQueue      lru;                /* most recently used first */
  GHashTable *derived;            /* path + what -> Derived */
  GQueue      derived_lru;        /* of keys, most recently used first */
};

/* Something computed from a file's picture (the depth layers of a plate),
 * valid while the file is unchanged. */
typedef struct {
  FileStamp stamp;
  GObject  *result;
} Derived;

/* Enough for every plate of a long project; each is a few textures. */
#define MAX_DERIVED 24

G_DEFINE_FINAL_TYPE (SlImageCache, sl_image_cache, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_free (entry->path);
  g_clear_object (&entry->image);
  g_free (entry);
}

static void
derived_free (gpointer data)
{
  Derived *derived = data;

  g_clear_object (&derived->result);
  g_free (derived);
}

static void
sl_image_cache_finalize (GObject *object)
{
  SlImageCache *self = SL_IMAGE_CACHE (object);

  g_queue_clear_full (&self->derived_lru, g_free);
  g_hash_table_unref (self->derived);
  /* the lru links live inside the entries, which the table frees */
  g_queue_init (&self->lru);
  g_hash_table_unref (self->entries);
  g_hash_table_unref (self->files);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->decoded);
  G_OBJECT_CLASS (sl_image_cache_parent_class)->finalize (object);
}

static void
sl_image_cache_class_init (SlImageCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_image_cache_finalize;
}

static void
sl_image_cache_init (SlImageCache *self)
{
  self->derived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, derived_free);
  g_queue_init (&self->derived_lru);
  g_mutex_init (&self->lock);
  g_cond_init (&self->decoded);
  g_queue_init (&self->lru);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

SlImageCache *
sl_image_cache_new (gsize budget_bytes)
{
  SlImageCache *self = g_object_new (SL_TYPE_IMAGE_CACHE, NULL);

  self->budget = budget_bytes;
  return self;
}

static gboolean
stamp_equal (const FileStamp *a, const FileStamp *b)
{
  return a->mtime_usec == b->mtime_usec && a->size == b->size && a->inode == b->inode;
}

static int
ceil_shift (int value, int shift)
{
  return (int) (((gint64) value + ((gint64) 1 << shift) - 1) >> shift);
}

/* The deepest level whose size still covers max_width x max_height. */
static int
choose_level (int width, int height, int max_width, int max_height)
{
  int level = 0;

  while (level < 30)
    {
      int w = ceil_shift (width, level + 1);
      int h = ceil_shift (height, level + 1);

      if ((max_width > 0 && w < max_width) || (max_height > 0 && h < max_height))
        break;
      if (max_width <= 0 && max_height <= 0)
        break;
      if (w == ceil_shift (width, level) && h == ceil_shift (height, level))
        break;
      level++;
    }
  return level;
}

static void
remove_entry (SlImageCache *self, Entry *entry)
{
  if (entry->image != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      self->used -= entry->bytes;
    }
  g_hash_table_remove (self->entries, entry->key);
}

static void
evict_to_budget (SlImageCache *self)
{
  while (self->used > self->budget && self->lru.tail != NULL)
    remove_entry (self, self->lru.tail->data);
}

static void
forget_path (SlImageCache *self, const char *path)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      if (entry->image == NULL || g_strcmp0 (entry->path, path) != 0)
        continue;
      g_queue_unlink (&self->lru, &entry->link);
      self->used -= entry->bytes;
      g_hash_table_iter_remove (&iter);
    }
}

static gboolean
stat_file (const char *path, FileStamp *stamp, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                            G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND,
                     _("Cannot read image “%s”: the file does not exist"), path);
      else
        g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
                     _("Cannot read image “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
                   _("Cannot read image “%s”: it is not a regular file"), path);
      return FALSE;
    }
  stamp->size = g_file_info_get_size (info);
  stamp->mtime_usec = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
                      + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  stamp->inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
  return TRUE;
}

/* gdk-pixbuf cannot tell "not an image" from "an image it has no loader
 * for"; the content sniffer can. */
static void
set_unreadable_error (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;
  guint8 head[4096];
  gssize n = 0;

  if (stream != NULL)
    n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, NULL);
  if (n > 0)
    {
      type = g_content_type_guess (NULL, head, n, NULL);
      mime = g_content_type_get_mime_type (type);
    }
  /* the MIME type, not g_content_type_get_description(): GLib 2.74's
   * description lookup makes later content sniffing leak */
  if (mime != NULL && g_str_has_prefix (mime, "image/"))
    g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                 _("Cannot read image “%s”: its format (%s) is not supported on this system"),
                 path, mime);
  else
    g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                 _("Cannot read image “%s”: the file is not an image"), path);
}

static gboolean
probe_file (const char *path, FileInfo *info, GError **error)
{
  GdkPixbufFormat *format;
  int width = 0, height = 0;

  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format == NULL)
    {
      set_unreadable_error (path, error);
      return FALSE;
    }
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("Cannot read image “%s”: the file is truncated or corrupt (no image size)"), path);
      return FALSE;
    }
  {
    g_autofree char *name = gdk_pixbuf_format_get_name (format);

    info->format = g_intern_string (name);
  }
  info->width = width;
  info->height = height;
  info->orientation_known = FALSE;
  info->swapped = FALSE;
  return TRUE;
}

/* Copies the file's info into *out, probing the file if it is new or has
 * changed since. Called with the lock held; drops it while probing. */
static gboolean
ensure_info (SlImageCache *self, const char *path, const FileStamp *stamp,
             FileInfo *out, GError **error)
{
  FileInfo *info = g_hash_table_lookup (self->files, path);
  FileInfo probed = { .stamp = *stamp };
  gboolean ok;

  if (info != NULL && stamp_equal (&info->stamp, stamp))
    {
      *out = *info;
      return TRUE;
    }

  g_mutex_unlock (&self->lock);
  ok = probe_file (path, &probed, error);
  g_mutex_lock (&self->lock);
  if (!ok)
    return FALSE;

  /* another thread may have probed the same file meanwhile, and since
   * decoded levels of it or learnt its orientation */
  info = g_hash_table_lookup (self->files, path);
  if (info != NULL && stamp_equal (&info->stamp, stamp))
    {
      *out = *info;
      return TRUE;
    }
  forget_path (self, path);
  g_hash_table_replace (self->files, g_strdup (path), g_memdup2 (&probed, sizeof probed));
  *out = probed;
  return TRUE;
}

static gboolean
check_limits (const char *path, const FileInfo *info, int level, GError **error)
{
  int reduction = g_str_equal (info->format, "jpeg") ? MIN (level, MAX_JPEG_REDUCTION) : 0;
  gint64 decoded = (gint64) ceil_shift (info->width, reduction) * ceil_shift (info->height, reduction);
  int w = ceil_shift (info->width, level);
  int h = ceil_shift (info->height, level);

  if (decoded > SL_IMAGE_MAX_DECODE_PIXELS)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Cannot read image “%s”: it is too large (%d × %d pixels; at most %d megapixels can be decoded)"),
                   path, info->width, info->height, (int) (SL_IMAGE_MAX_DECODE_PIXELS / 1000000));
      return FALSE;
    }
  if (w > SL_IMAGE_MAX_SIDE || h > SL_IMAGE_MAX_SIDE)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Cannot read image “%s”: it is too large (%d × %d pixels at the size asked for; at most %d a side)"),
                   path, w, h, SL_IMAGE_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

static char *
make_key (const char *path, const FileStamp *stamp, int level)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GOFFSET_FORMAT ":%" G_GUINT64_FORMAT ":%s",
                          level, stamp->mtime_usec, stamp->size, stamp->inode, path);
}

/* gdk-pixbuf fills a truncated JPEG with grey and a truncated PNG with
 * nothing, and reports success for both; which rows the decoder actually
 * produced, and whether a PNG reached its end chunk, tell the truth. */
typedef struct {
  guint8  *rows;
  int      n_rows;
  gboolean png_end_seen;
  int      png_end_match;
} DecodeWatch;

static const guint8 png_end[] = { 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82 };

static void
watch_png_end (DecodeWatch *watch, const guint8 *data, gsize len)
{
  /* no byte of png_end repeats its first, so a mismatch restarts cleanly */
  for (gsize i = 0; i < len && !watch->png_end_seen; i++)
    {
      if (data[i] == png_end[watch->png_end_match])
        watch->png_end_match++;
      else
        watch->png_end_match = data[i] == png_end[0] ? 1 : 0;
      watch->png_end_seen = watch->png_end_match == (int) sizeof png_end;
    }
}

static void
on_area_updated (GdkPixbufLoader *loader, int x, int y, int width, int height, gpointer data)
{
  DecodeWatch *watch = data;

  for (int row = MAX (y, 0); row < y + height && row < watch->n_rows; row++)
    watch->rows[row] = 1;
}

static int
count_rows (const DecodeWatch *watch)
{
  int n = 0;

  for (int i = 0; i < watch->n_rows; i++)
    n += watch->rows[i];
  return n;
}

static void
on_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  const int *size = data;

  gdk_pixbuf_loader_set_size (loader, size[0], size[1]);
}

static gboolean
feed_loader (const char *path, GdkPixbufLoader *loader, DecodeWatch *watch, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK);
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
                   _("Cannot read image “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK, NULL, &local_error);

      if (n < 0)
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
                       _("Cannot read image “%s”: %s"), path, local_error->message);
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      watch_png_end (watch, buffer, n);
      if (!gdk_pixbuf_loader_write (loader, buffer, n, &local_error))
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                       _("Cannot read image “%s”: the file is corrupt (%s)"), path, local_error->message);
          return FALSE;
        }
    }
}

static gboolean
close_loader (const char *path, GdkPixbufLoader *loader, const FileInfo *info,
              DecodeWatch *watch, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean is_jpeg = g_str_equal (info->format, "jpeg");
  gboolean is_png = g_str_equal (info->format, "png");
  /* on close the JPEG loader paints the rows it never received */
  int rows_decoded = is_jpeg ? count_rows (watch) : 0;

  if (!gdk_pixbuf_loader_close (loader, &local_error))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("Cannot read image “%s”: the file is truncated or corrupt (%s)"),
                   path, local_error->message);
      return FALSE;
    }
  if (!is_jpeg)
    rows_decoded = count_rows (watch);
  if (rows_decoded < watch->n_rows || (is_png && !watch->png_end_seen)
      || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("Cannot read image “%s”: the file is truncated (the image data ends early)"), path);
      return FALSE;
    }
  return TRUE;
}

/* Turns a level into what the viewer should see, by the EXIF orientation. */
static SlImage *
apply_orientation (SlImage *image, const char *orientation)
{
  g_autoptr(GdkPixbuf) stored = sl_image_to_pixbuf (image);
  g_autoptr(GdkPixbuf) oriented = NULL;

  gdk_pixbuf_set_option (stored, "orientation", orientation);
  oriented = gdk_pixbuf_apply_embedded_orientation (stored);
  return sl_image_new_from_pixbuf (oriented);
}

static SlImage *
decode_level (const char *path, const FileInfo *info, int level, gboolean *swapped, GError **error)
{
  int reduction = g_str_equal (info->format, "jpeg") ? MIN (level, MAX_JPEG_REDUCTION) : 0;
  int decode_size[2] = { ceil_shift (info->width, reduction), ceil_shift (info->height, reduction) };
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SlImage) stored = NULL;
  g_autofree guint8 *rows = g_malloc0 (decode_size[1]);
  DecodeWatch watch = { .rows = rows, .n_rows = decode_size[1] };
  GdkPixbuf *pixbuf;
  const char *orientation;

  loader = gdk_pixbuf_loader_new_with_type (info->format, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Cannot read image “%s”: %s"), path, local_error->message);
      return NULL;
    }
  /* the size libjpeg itself produces at 1/2^reduction, so gdk-pixbuf picks
   * that scale and does not resample afterwards */
  if (reduction > 0)
    g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), decode_size);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), &watch);

  if (!feed_loader (path, loader, &watch, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!close_loader (path, loader, info, &watch, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (gdk_pixbuf_get_width (pixbuf) != decode_size[0] || gdk_pixbuf_get_height (pixbuf) != decode_size[1])
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("Cannot read image “%s”: the file changed while it was being read"), path);
      return NULL;
    }

  stored = sl_image_new_from_pixbuf_at_size (pixbuf,
                                             ceil_shift (info->width, level),
                                             ceil_shift (info->height, level));
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  /* EXIF orientations 5 to 8 turn the picture a quarter */
  *swapped = orientation != NULL && orientation[0] >= '5' && orientation[0] <= '8';
  if (orientation == NULL || g_str_equal (orientation, "1"))
    return g_steal_pointer (&stored);
  return apply_orientation (stored, orientation);
}

static int
level_for (const FileInfo *info, int max_width, int max_height)
{
  if (info->swapped)
    return choose_level (info->height, info->width, max_width, max_height);
  return choose_level (info->width, info->height, max_width, max_height);
}

/* Called with the lock held, after a decode: keeps the image within
 * the budget unless it alone exceeds it. */
static void
store_image (SlImageCache *self, Entry *entry, SlImage *image)
{
  entry->image = g_object_ref (image);
  entry->bytes = sl_image_get_byte_size (image);
  entry->link.data = entry;
  g_queue_push_head_link (&self->lru, &entry->link);
  self->used += entry->bytes;
  if (entry->bytes > self->budget)
    remove_entry (self, entry);
  evict_to_budget (self);
}

static void
learn_orientation (SlImageCache *self, const char *path, FileInfo *info, gboolean swapped)
{
  FileInfo *stored = g_hash_table_lookup (self->files, path);

  info->orientation_known = TRUE;
  info->swapped = swapped;
  if (stored != NULL && stamp_equal (&stored->stamp, &info->stamp))
    *stored = *info;
}

SlImage *
sl_image_cache_get (SlImageCache *self, const char *path, int max_width, int max_height, GError **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  FileStamp stamp;
  FileInfo info;

  g_return_val_if_fail (SL_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!stat_file (path, &stamp, error))
    return NULL;

  locker = g_mutex_locker_new (&self->lock);
  if (!ensure_info (self, path, &stamp, &info, error))
    return NULL;

  for (;;)
    {
      int level = level_for (&info, max_width, max_height);
      g_autofree char *key = make_key (path, &stamp, level);
      g_autoptr(SlImage) image = NULL;
      gboolean swapped = FALSE;
      Entry *entry;

      if (!check_limits (path, &info, level, error))
        return NULL;

      while ((entry = g_hash_table_lookup (self->entries, key)) != NULL && entry->image == NULL)
        g_cond_wait (&self->decoded, &self->lock);
      if (entry != NULL)
        {
          g_queue_unlink (&self->lru, &entry->link);
          g_queue_push_head_link (&self->lru, &entry->link);
          return g_object_ref (entry->image);
        }

      entry = g_new0 (Entry, 1);
      entry->key = g_strdup (key);
      entry->path = g_strdup (path);
      entry->stamp = stamp;
      g_hash_table_insert (self->entries, entry->key, entry);

      g_mutex_unlock (&self->lock);
      image = decode_level (path, &info, level, &swapped, error);
      g_mutex_lock (&self->lock);

      /* the entry is still ours: other threads only wait on it */
      g_cond_broadcast (&self->decoded);
      if (image == NULL)
        {
          remove_entry (self, entry);
          return NULL;
        }
      if (!info.orientation_known)
        {
          learn_orientation (self, path, &info, swapped);
          if (level_for (&info, max_width, max_height) != level)
            {
              remove_entry (self, entry);
              continue;
            }
        }
      store_image (self, entry, image);
      return g_steal_pointer (&image);
    }
}

gboolean
sl_image_cache_get_source_size (SlImageCache *self, const char *path, int *width, int *height, GError **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  FileStamp stamp;
  FileInfo info;

  g_return_val_if_fail (SL_IS_IMAGE_CACHE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!stat_file (path, &stamp, error))
    return FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!ensure_info (self, path, &stamp, &info, error))
    return FALSE;
  if (width != NULL)
    *width = info.width;
  if (height != NULL)
    *height = info.height;
  return TRUE;
}

gsize
sl_image_cache_get_budget (SlImageCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (SL_IS_IMAGE_CACHE (self), 0);
  locker = g_mutex_locker_new (&self->lock);
  return self->budget;
}

void
sl_image_cache_set_budget (SlImageCache *self, gsize budget_bytes)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (SL_IS_IMAGE_CACHE (self));
  locker = g_mutex_locker_new (&self->lock);
  self->budget = budget_bytes;
  evict_to_budget (self);
}

gsize
sl_image_cache_get_bytes_used (SlImageCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (SL_IS_IMAGE_CACHE (self), 0);
  locker = g_mutex_locker_new (&self->lock);
  return self->used;
}

guint
sl_image_cache_get_n_images (SlImageCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (SL_IS_IMAGE_CACHE (self), 0);
  locker = g_mutex_locker_new (&self->lock);
  return self->lru.length;
}

/* Images being decoded right now are kept; they arrive after. */
void
sl_image_cache_clear (SlImageCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (SL_IS_IMAGE_CACHE (self));
  locker = g_mutex_locker_new (&self->lock);
  while (self->lru.tail != NULL)
    remove_entry (self, self->lru.tail->data);
  g_queue_clear_full (&self->derived_lru, g_free);
  g_hash_table_remove_all (self->derived);
}

static char *
derived_key (const char *path, const char *what)
{
  return g_strconcat (what, "\n", path, NULL);
}

static void
touch_derived (SlImageCache *self, const char *key)
{
  GList *link = g_queue_find_custom (&self->derived_lru, key, (GCompareFunc) g_strcmp0);

  if (link != NULL)
    {
      g_queue_unlink (&self->derived_lru, link);
      g_queue_push_head_link (&self->derived_lru, link);
    }
}

GObject *
sl_image_cache_lookup_derived (SlImageCache *self, const char *path, const char *what)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  FileStamp stamp;
  Derived *derived;

  g_return_val_if_fail (SL_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (path != NULL && what != NULL, NULL);

  if (!stat_file (path, &stamp, NULL))
    return NULL;
  key = derived_key (path, what);
  locker = g_mutex_locker_new (&self->lock);
  derived = g_hash_table_lookup (self->derived, key);
  if (derived == NULL || !stamp_equal (&derived->stamp, &stamp))
    return NULL;
  touch_derived (self, key);
  return g_object_ref (derived->result);
}

void
sl_image_cache_store_derived (SlImageCache *self, const char *path, const char *what, GObject *result)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Derived *derived;
  FileStamp stamp;
  char *key;

  g_return_if_fail (SL_IS_IMAGE_CACHE (self));
  g_return_if_fail (path != NULL && what != NULL && G_IS_OBJECT (result));

  if (!stat_file (path, &stamp, NULL))
    return;
  key = derived_key (path, what);
  locker = g_mutex_locker_new (&self->lock);
  if (g_hash_table_contains (self->derived, key))
    {
      GList *link = g_queue_find_custom (&self->derived_lru, key, (GCompareFunc) g_strcmp0);
      g_free (link->data);
      g_queue_delete_link (&self->derived_lru, link);
    }
  derived = g_new0 (Derived, 1);
  derived->stamp = stamp;
  derived->result = g_object_ref (result);
  g_hash_table_replace (self->derived, g_strdup (key), derived);
  g_queue_push_head (&self->derived_lru, key);
  while (self->derived_lru.length > MAX_DERIVED)
    {
      g_autofree char *oldest = g_queue_pop_tail (&self->derived_lru);
      g_hash_table_remove (self->derived, oldest);
    }
}
