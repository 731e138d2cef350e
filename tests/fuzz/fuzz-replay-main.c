/* fuzz-replay-main.c: runs a fuzz target over saved inputs, without libFuzzer
 *
 * Each argument is a file or a folder of files. Every input goes through
 * LLVMFuzzerTestOneInput () once, folders in name order, and its name is
 * printed first, so that a crash names the input that caused it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree uint8_t *copy = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  g_printerr ("%s\n", path);
  /* Exactly @length bytes and no terminating NUL, as libFuzzer passes them,
   * so that AddressSanitizer catches a read past the end. */
  copy = g_malloc (MAX (length, 1));
  memcpy (copy, contents, length);
  LLVMFuzzerTestOneInput (copy, length);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static guint
replay_folder (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (path, 0, &error);
  const char *name;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    replay_file (names->pdata[i]);
  return names->len;
}

int
main (int argc, char *argv[])
{
  guint n_inputs = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        n_inputs += replay_folder (argv[i]);
      else
        {
          replay_file (argv[i]);
          n_inputs++;
        }
    }
  /* An empty or mistyped corpus must not pass as a clean run. */
  if (n_inputs == 0)
    {
      g_printerr ("usage: %s FILE-OR-FOLDER...: no inputs given\n", argv[0]);
      return EXIT_FAILURE;
    }
  g_printerr ("%u inputs replayed\n", n_inputs);
  return EXIT_SUCCESS;
}
