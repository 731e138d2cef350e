/* media-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "media-util.h"

char *
media_util_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shotline-media-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
media_util_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          media_util_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

char *
media_util_write_text (const char *dir, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
put_u32 (GByteArray *out, guint32 v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_u16 (GByteArray *out, guint16 v)
{
  guint16 le = GUINT16_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 2);
}

char *
media_util_write_wav (const char *dir, const char *name, guint rate, guint channels,
                      const float *samples, gsize n_frames)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 data_bytes = n_frames * channels * sizeof (float);
  char *path = g_build_filename (dir, name, NULL);

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_u32 (out, 36 + data_bytes);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_u32 (out, 16);
  put_u16 (out, 3);                       /* IEEE float */
  put_u16 (out, channels);
  put_u32 (out, rate);
  put_u32 (out, rate * channels * sizeof (float));
  put_u16 (out, channels * sizeof (float));
  put_u16 (out, 32);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_u32 (out, data_bytes);
  for (gsize i = 0; i < n_frames * channels; i++)
    {
      guint32 bits;

      memcpy (&bits, &samples[i], 4);
      put_u32 (out, bits);
    }
  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);
  return path;
}
