/* sl-file-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-file-util"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl-file-util.h"
#include "sl-shots-error.h"

static gboolean
open_error (GError **error, const char *path, int saved_errno)
{
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
               _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
save_error (GError **error, const char *path, int saved_errno)
{
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
               _("Could not save “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
too_large (GError **error, const char *path, gsize max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_IO,
               _("Could not open “%s”: the file is larger than %s, too large for a Shotline document"),
               path, limit);
  return FALSE;
}

static gboolean
read_fd (int fd, const char *path, gsize size_hint, gsize max_size,
         char **contents, gsize *length, GError **error)
{
  gsize allocated = MIN (size_hint, max_size) + 4096;
  g_autofree char *buffer = g_malloc (allocated);
  gsize size = 0;

  for (;;)
    {
      gssize n;

      if (size + 1 == allocated)
        {
          allocated = MIN (allocated * 2, max_size + 2);
          buffer = g_realloc (buffer, allocated);
        }
      n = read (fd, buffer + size, allocated - 1 - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return open_error (error, path, errno);
      if (n == 0)
        break;
      size += n;
      /* The file may have grown since fstat (). */
      if (size > max_size)
        return too_large (error, path, max_size);
    }
  buffer[size] = '\0';
  *contents = g_steal_pointer (&buffer);
  if (length)
    *length = size;
  return TRUE;
}

gboolean
sl_file_read (const char *path, gsize max_size, char **contents, gsize *length, GError **error)
{
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return open_error (error, path, errno);
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return open_error (error, path, saved_errno);
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      close (fd);
      return too_large (error, path, max_size);
    }
  ok = read_fd (fd, path, S_ISREG (st.st_mode) ? (gsize) st.st_size : 0, max_size,
                contents, length, error);
  close (fd);
  return ok;
}

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* The rename has already happened and cannot be taken back, and some file
   * systems refuse to fsync a folder, so a failure here is not reported. */
  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

gboolean
sl_file_write_atomic (const char *path, const char *contents, gsize length, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temp = NULL;
  struct stat st;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  /* Hidden, and in the same folder so that the rename stays on one file system. */
  temp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", folder, name);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return save_error (error, path, errno);
  /* A replaced file keeps its permissions; failing that, the umask's apply. */
  if (g_stat (path, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);

  if (!write_all (fd, contents, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp);
      return save_error (error, path, saved_errno);
    }
  if (close (fd) != 0 || g_rename (temp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return save_error (error, path, saved_errno);
    }
  sync_folder (folder);
  return TRUE;
}

/* The non-empty components of a canonical path. */
static GPtrArray *
components (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (result, g_strdup (parts[i]));
  return result;
}

char *
sl_file_rebase_path (const char *path, const char *from_dir, const char *to_dir)
{
  g_autofree char *target = NULL;
  g_autofree char *canonical_to = NULL;
  g_autoptr(GPtrArray) file = NULL;
  g_autoptr(GPtrArray) folder = NULL;
  g_autoptr(GString) result = NULL;
  guint common = 0;

  g_return_val_if_fail (from_dir != NULL && g_path_is_absolute (from_dir), NULL);
  g_return_val_if_fail (to_dir != NULL && g_path_is_absolute (to_dir), NULL);

  /* Kept as the user wrote it where nothing moves. */
  if (path == NULL || path[0] == '\0' || g_path_is_absolute (path) || g_strcmp0 (from_dir, to_dir) == 0)
    return g_strdup (path);

  target = g_canonicalize_filename (path, from_dir);
  canonical_to = g_canonicalize_filename (to_dir, NULL);
  file = components (target);
  folder = components (canonical_to);
  while (common < file->len && common < folder->len
         && strcmp (file->pdata[common], folder->pdata[common]) == 0)
    common++;

  result = g_string_new (NULL);
  for (guint i = common; i < folder->len; i++)
    g_string_append (result, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < file->len; i++)
    {
      g_string_append (result, file->pdata[i]);
      g_string_append_c (result, G_DIR_SEPARATOR);
    }
  if (result->len == 0)
    return g_strdup (".");
  g_string_truncate (result, result->len - 1);
  return g_string_free (g_steal_pointer (&result), FALSE);
}

char *
sl_file_get_folder (const char *path)
{
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  absolute = g_canonicalize_filename (path, NULL);
  return g_path_get_dirname (absolute);
}
