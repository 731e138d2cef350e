/* test-recovery.c: autosave to a recovery file, restore after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-util.h"
#include "sl-recovery.h"

static void
rename_first_shot (SlEditor *editor, const char *name)
{
  SlShot *shot = sl_project_get_shot (sl_editor_get_project (editor), 0);

  sl_history_set (sl_editor_get_history (editor), shot, "name", name, NULL);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
clear_pending (void)
{
  g_auto(GStrv) pending = sl_recovery_list_pending ();

  for (guint i = 0; pending[i] != NULL; i++)
    sl_recovery_delete (pending[i]);
}

static void
test_write_and_restore (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autofree char *demo_path = g_build_filename (sl_project_get_base_dir (project), "demo.shots", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (demo_path);
  g_autoptr(SlEditor) editor = sl_editor_new (project, file);
  g_autoptr(SlRecovery) recovery = sl_recovery_new (editor);
  g_autoptr(SlEditor) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pending = NULL;
  g_autofree char *where = NULL;

  clear_pending ();
  /* A clean document is on disk already: nothing to recover. */
  g_assert_true (sl_recovery_write_now (recovery, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (sl_recovery_get_path (recovery), G_FILE_TEST_EXISTS));

  rename_first_shot (editor, "Recovered dawn");
  g_assert_true (sl_recovery_write_now (recovery, &error));
  g_assert_no_error (error);
  pending = sl_recovery_list_pending ();
  g_assert_cmpuint (g_strv_length (pending), ==, 1);
  g_assert_cmpstr (pending[0], ==, sl_recovery_get_path (recovery));

  restored = sl_recovery_restore (pending[0], &error);
  g_assert_no_error (error);
  g_assert_true (sl_model_equal (G_OBJECT (sl_editor_get_project (restored)), G_OBJECT (project), &where));
  /* Relative references still resolve from the project's own folder. */
  g_assert_cmpstr (sl_project_get_base_dir (sl_editor_get_project (restored)), ==,
                   sl_project_get_base_dir (project));
  g_assert_true (sl_editor_get_modified (restored));
  g_assert_true (g_file_equal (sl_editor_get_file (restored), file));

  sl_recovery_discard (recovery);
  g_strfreev (pending);
  pending = sl_recovery_list_pending ();
  g_assert_cmpuint (g_strv_length (pending), ==, 0);
}

static void
test_autosave_after_change (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  g_autoptr(SlRecovery) recovery = sl_recovery_new (editor);
  char *path = (char *) sl_recovery_get_path (recovery);

  clear_pending ();
  sl_recovery_set_interval (recovery, 1);
  rename_first_shot (editor, "Autosaved");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (sl_test_ui_wait_for (file_exists, path, 20000));

  /* Saving makes the document clean; the window then discards the file. */
  sl_recovery_discard (recovery);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_damaged_recovery_file (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  g_autoptr(SlRecovery) recovery = sl_recovery_new (editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlEditor) restored = NULL;

  clear_pending ();
  rename_first_shot (editor, "Will be damaged");
  g_assert_true (sl_recovery_write_now (recovery, &error));
  g_file_set_contents (sl_recovery_get_path (recovery), "{ \"format\": ", -1, &error);
  g_assert_no_error (error);
  restored = sl_recovery_restore (sl_recovery_get_path (recovery), &error);
  g_assert_null (restored);
  g_assert_nonnull (error);
  g_test_message ("damaged recovery file: %s", error->message);
  sl_recovery_discard (recovery);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/recovery/write-and-restore", test_write_and_restore);
  g_test_add_func ("/ui/recovery/autosave-after-change", test_autosave_after_change);
  g_test_add_func ("/ui/recovery/damaged-file", test_damaged_recovery_file);
  return g_test_run ();
}
