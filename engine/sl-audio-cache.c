/* sl-audio-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-audio-cache"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sl-audio-cache.h"
#include "sl-engine-error.h"
#include "sl-file-util.h"

#define MAGIC "SLAUDIO\n"
#define MAGIC_LENGTH 8
#define DIGEST_LENGTH 32
#define READ_CHUNK (256 * 1024)

struct _SlAudioCache
{
  GObject     parent_instance;
  char       *dir;
  GMutex      lock;
  GCond       done;               /* broadcast whenever a key is released */
  GHashTable *busy;               /* keys being looked up or analysed */
};

G_DEFINE_FINAL_TYPE (SlAudioCache, sl_audio_cache, G_TYPE_OBJECT)

static void
sl_audio_cache_finalize (GObject *object)
{
  SlAudioCache *self = SL_AUDIO_CACHE (object);

  g_free (self->dir);
  g_hash_table_unref (self->busy);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);
  G_OBJECT_CLASS (sl_audio_cache_parent_class)->finalize (object);
}

static void
sl_audio_cache_class_init (SlAudioCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_audio_cache_finalize;
}

static void
sl_audio_cache_init (SlAudioCache *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

SlAudioCache *
sl_audio_cache_new (const char *dir)
{
  SlAudioCache *self = g_object_new (SL_TYPE_AUDIO_CACHE, NULL);

  self->dir = dir != NULL ? g_strdup (dir)
                          : g_build_filename (g_get_user_cache_dir (), "shotline", "audio", NULL);
  return self;
}

const char *
sl_audio_cache_get_dir (SlAudioCache *self)
{
  g_return_val_if_fail (SL_IS_AUDIO_CACHE (self), NULL);

  return self->dir;
}

static void
set_open_error (GError **error, const char *path, GError *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_NOT_FOUND,
                 _("Cannot open the audio file “%s”: it does not exist"), path);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                 _("Cannot read the audio file “%s”: %s"), path, io_error->message);
}

/* The hex SHA-256 of the file's content. */
static char *
hash_file (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &local_error);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *chunk = g_malloc (READ_CHUNK);
  gssize got;

  if (stream == NULL)
    {
      set_open_error (error, path, local_error);
      return NULL;
    }
  while ((got = g_input_stream_read (G_INPUT_STREAM (stream), chunk, READ_CHUNK, cancellable, &local_error)) > 0)
    g_checksum_update (checksum, chunk, got);
  if (got < 0)
    {
      set_open_error (error, path, local_error);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
cache_file (SlAudioCache *self, const char *key)
{
  g_autofree char *name = g_strdup_printf ("%s-v%s.slaudio", key, SL_AUDIO_ANALYSIS_VERSION);

  return g_build_filename (self->dir, name, NULL);
}

static void
digest (const guint8 *data, gsize length, guint8 out[DIGEST_LENGTH])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize out_length = DIGEST_LENGTH;

  g_checksum_update (checksum, data, length);
  g_checksum_get_digest (checksum, out, &out_length);
}

/* MAGIC, the version's length (u32 LE) and text, the analysis, then the
 * SHA-256 of all that: a torn or damaged file never parses as a result. */
static GBytes *
encode (SlAudioAnalysis *analysis)
{
  g_autoptr(GBytes) payload = sl_audio_analysis_serialize (analysis);
  GByteArray *out = g_byte_array_new ();
  guint32 version_length = GUINT32_TO_LE (strlen (SL_AUDIO_ANALYSIS_VERSION));
  guint8 sum[DIGEST_LENGTH];
  gsize size;
  gconstpointer data = g_bytes_get_data (payload, &size);

  g_byte_array_append (out, (const guint8 *) MAGIC, MAGIC_LENGTH);
  g_byte_array_append (out, (const guint8 *) &version_length, 4);
  g_byte_array_append (out, (const guint8 *) SL_AUDIO_ANALYSIS_VERSION, strlen (SL_AUDIO_ANALYSIS_VERSION));
  g_byte_array_append (out, data, size);
  digest (out->data, out->len, sum);
  g_byte_array_append (out, sum, DIGEST_LENGTH);
  return g_byte_array_free_to_bytes (out);
}

static SlAudioAnalysis *
decode (const guint8 *data, gsize length, GError **error)
{
  gsize version_length = strlen (SL_AUDIO_ANALYSIS_VERSION);
  gsize header = MAGIC_LENGTH + 4 + version_length;
  guint8 sum[DIGEST_LENGTH];
  guint32 stored_length;
  g_autoptr(GBytes) payload = NULL;

  if (length < header + DIGEST_LENGTH)
    goto corrupt;
  digest (data, length - DIGEST_LENGTH, sum);
  memcpy (&stored_length, data + MAGIC_LENGTH, 4);
  if (memcmp (sum, data + length - DIGEST_LENGTH, DIGEST_LENGTH) != 0
      || memcmp (data, MAGIC, MAGIC_LENGTH) != 0
      || GUINT32_FROM_LE (stored_length) != version_length
      || memcmp (data + MAGIC_LENGTH + 4, SL_AUDIO_ANALYSIS_VERSION, version_length) != 0)
    goto corrupt;
  payload = g_bytes_new_static (data + header, length - header - DIGEST_LENGTH);
  return sl_audio_analysis_deserialize (payload, error);

corrupt:
  g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
               _("The cache file is damaged or of another version"));
  return NULL;
}

static SlAudioAnalysis *
load (const char *file)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  SlAudioAnalysis *analysis;
  gsize length;

  if (!g_file_get_contents (file, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Ignoring the unreadable cache file %s: %s", file, error->message);
      return NULL;
    }
  analysis = decode ((const guint8 *) contents, length, &error);
  if (analysis == NULL)
    g_debug ("Ignoring the cache file %s: %s", file, error->message);
  return analysis;
}

static void
store (SlAudioCache *self, const char *file, SlAudioAnalysis *analysis)
{
  g_autoptr(GBytes) bytes = encode (analysis);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      g_warning ("Cannot make the audio cache folder %s: %s", self->dir, g_strerror (errno));
      return;
    }
  if (!sl_file_write_atomic (file, data, length, &error))
    g_warning ("Cannot store the audio analysis: %s", error->message);
}

/* Waits while another thread works on @key, then claims it. */
static void
claim (SlAudioCache *self, const char *key)
{
  g_mutex_lock (&self->lock);
  while (g_hash_table_contains (self->busy, key))
    g_cond_wait (&self->done, &self->lock);
  g_hash_table_add (self->busy, g_strdup (key));
  g_mutex_unlock (&self->lock);
}

static void
release (SlAudioCache *self, const char *key)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->busy, key);
  g_cond_broadcast (&self->done);
  g_mutex_unlock (&self->lock);
}

SlAudioAnalysis *
sl_audio_cache_analyze (SlAudioCache *self, const char *path, gboolean *hit,
                        GCancellable *cancellable, GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *file = NULL;
  SlAudioAnalysis *analysis;

  g_return_val_if_fail (SL_IS_AUDIO_CACHE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = hash_file (path, cancellable, error);
  if (key == NULL)
    return NULL;
  file = cache_file (self, key);
  claim (self, key);
  analysis = load (file);
  if (hit != NULL)
    *hit = analysis != NULL;
  if (analysis == NULL)
    {
      analysis = sl_audio_analysis_new_for_file (path, cancellable, error);
      if (analysis != NULL)
        store (self, file, analysis);
    }
  release (self, key);
  return analysis;
}
