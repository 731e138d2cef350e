/* sl-texture-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-texture-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-engine-error.h"
#include "sl-texture-cache.h"

typedef struct {
  SlBuffer *texture;      /* NULL until first drawn */
  int       opaque;       /* -1 until asked */
} Entry;

struct _SlTextureCache
{
  GObject     parent_instance;
  SlBackend  *backend;
  GHashTable *entries;    /* SlImage (owned) -> Entry */
};

G_DEFINE_FINAL_TYPE (SlTextureCache, sl_texture_cache, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  sl_buffer_free (entry->texture);
  g_free (entry);
}

static void
sl_texture_cache_finalize (GObject *object)
{
  SlTextureCache *self = SL_TEXTURE_CACHE (object);

  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (sl_texture_cache_parent_class)->finalize (object);
}

static void
sl_texture_cache_class_init (SlTextureCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_texture_cache_finalize;
}

static void
sl_texture_cache_init (SlTextureCache *self)
{
  self->entries = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, entry_free);
}

SlTextureCache *
sl_texture_cache_new (SlBackend *backend)
{
  SlTextureCache *self;

  g_return_val_if_fail (backend != NULL, NULL);

  self = g_object_new (SL_TYPE_TEXTURE_CACHE, NULL);
  self->backend = backend;
  return self;
}

static guint32
full_chain (guint32 width, guint32 height)
{
  guint32 size = MAX (width, height);
  guint32 levels = 1;

  while (size >>= 1)
    levels++;
  return levels;
}

static SlBuffer *
upload (SlTextureCache *self, SlImage *image, GError **error)
{
  SlBufferDesc desc = { SL_FORMAT_RGBA_U16, 0, 0, 0 };
  SlBuffer *texture = NULL;
  SlStatus status;

  desc.width = sl_image_get_width (image);
  desc.height = sl_image_get_height (image);
  desc.levels = full_chain (desc.width, desc.height);
  status = sl_buffer_new (self->backend, &desc, &texture);
  if (status == SL_OK)
    status = sl_backend_upload_srgb8 (self->backend, texture, sl_image_get_pixels (image),
                                      sl_image_get_stride (image));
  if (status != SL_OK)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_BACKEND,
                   _("Cannot upload a %u×%u picture to the %s backend: %s"),
                   desc.width, desc.height, sl_backend_get_name (self->backend),
                   sl_backend_get_error (self->backend));
      sl_buffer_free (texture);
      return NULL;
    }
  return texture;
}

static Entry *
lookup (SlTextureCache *self, SlImage *image)
{
  Entry *entry = g_hash_table_lookup (self->entries, image);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->opaque = -1;
      g_hash_table_insert (self->entries, g_object_ref (image), entry);
    }
  return entry;
}

SlBuffer *
sl_texture_cache_get (SlTextureCache *self, SlImage *image, GError **error)
{
  Entry *entry;

  g_return_val_if_fail (SL_IS_TEXTURE_CACHE (self), NULL);
  g_return_val_if_fail (SL_IS_IMAGE (image), NULL);

  entry = lookup (self, image);
  if (entry->texture == NULL)
    entry->texture = upload (self, image, error);
  return entry->texture;
}

static gboolean
all_opaque (SlImage *image)
{
  const guint8 *pixels = sl_image_get_pixels (image);
  int width = sl_image_get_width (image);

  for (int y = 0; y < sl_image_get_height (image); y++)
    {
      const guint8 *row = pixels + (gsize) y * sl_image_get_stride (image);

      for (int x = 0; x < width; x++)
        if (row[4 * x + 3] != 255)
          return FALSE;
    }
  return TRUE;
}

gboolean
sl_texture_cache_is_opaque (SlTextureCache *self, SlImage *image)
{
  Entry *entry;

  g_return_val_if_fail (SL_IS_TEXTURE_CACHE (self), FALSE);
  g_return_val_if_fail (SL_IS_IMAGE (image), FALSE);

  entry = lookup (self, image);
  if (entry->opaque < 0)
    entry->opaque = all_opaque (image);
  return entry->opaque;
}

static gboolean
not_kept (gpointer key, gpointer value, gpointer keep)
{
  return !g_hash_table_contains (keep, key);
}

void
sl_texture_cache_prune (SlTextureCache *self, GHashTable *keep)
{
  g_return_if_fail (SL_IS_TEXTURE_CACHE (self));
  g_return_if_fail (keep != NULL);

  g_hash_table_foreach_remove (self->entries, not_kept, keep);
}

guint
sl_texture_cache_get_n_textures (SlTextureCache *self)
{
  GHashTableIter iter;
  Entry *entry;
  guint n = 0;

  g_return_val_if_fail (SL_IS_TEXTURE_CACHE (self), 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    n += entry->texture != NULL;
  return n;
}

guint64
sl_texture_cache_get_bytes (SlTextureCache *self)
{
  GHashTableIter iter;
  Entry *entry;
  guint64 bytes = 0;

  g_return_val_if_fail (SL_IS_TEXTURE_CACHE (self), 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    for (guint32 level = 0; entry->texture != NULL && level < sl_buffer_get_desc (entry->texture)->levels; level++)
      bytes += sl_buffer_get_level_size (entry->texture, level);
  return bytes;
}
