/* test-screenshots.c: PNGs of the editor's main states, for people to look
 * at (and for the README): empty, the demo loaded, the script view, the
 * plan view and an export in progress. They go to SHOTLINE_SCREENSHOT_DIR
 * (the build folder's screenshots/); the test fails if one cannot be made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-util.h"

static const char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("SHOTLINE_SCREENSHOT_DIR");

  return dir != NULL ? dir : "screenshots";
}

static void
save (GtkWidget *widget, const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (screenshot_dir (), file, NULL);

  g_assert_true (sl_test_snapshot_png (widget, path));
  g_test_message ("wrote %s", path);
}

static gboolean
preview_has_picture (gpointer data)
{
  GtkWidget *view = sl_test_find_widget (data, SL_TYPE_PREVIEW_VIEW);
  GtkWidget *picture = view ? sl_test_find_widget (view, GTK_TYPE_PICTURE) : NULL;

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static void
test_empty (void)
{
  SlWindow *window = sl_test_window_new (NULL);

  save (GTK_WIDGET (window), "empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_demo_script_plan (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  SlWindow *window = sl_test_window_new (editor);
  AdwViewStack *side = ADW_VIEW_STACK (sl_test_find_named (GTK_WIDGET (window), "side_stack"));
  AdwViewStack *centre = ADW_VIEW_STACK (sl_test_find_named (GTK_WIDGET (window), "centre_stack"));

  sl_editor_select_index (editor, 1);
  g_assert_true (sl_test_ui_wait_for (preview_has_picture, window, 60000));
  /* Thumbnails and waveforms arrive from worker threads. */
  sl_test_ui_spin (4000);
  save (GTK_WIDGET (window), "demo");

  adw_view_stack_set_visible_child_name (side, "script");
  sl_test_ui_spin (1000);
  save (GTK_WIDGET (window), "script");

  adw_view_stack_set_visible_child_name (centre, "plan");
  sl_test_ui_spin (2000);
  save (GTK_WIDGET (window), "plan");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
export_started (gpointer dialog)
{
  GtkWidget *bar = sl_test_find_widget (dialog, GTK_TYPE_PROGRESS_BAR);

  return sl_export_dialog_get_exporting (dialog) && bar != NULL &&
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0.02;
}

/* Closing the dialog cancels the export and destroys the dialog. */
static gboolean
dialog_gone (gpointer data)
{
  GtkWidget **dialog = data;

  return *dialog == NULL;
}

static void
test_export_in_progress (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  SlWindow *window = sl_test_window_new (editor);
  g_autofree char *tmp = g_dir_make_tmp ("shotline-shots-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  GtkWidget *dialog = sl_export_dialog_new (editor);
  GtkWidget *export_button;

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  /* Large enough that the export is still running when the picture is taken. */
  sl_export_dialog_set_size (SL_EXPORT_DIALOG (dialog), 960, 540);
  sl_export_dialog_set_folder (SL_EXPORT_DIALOG (dialog), folder);
  sl_test_ui_spin (300);
  export_button = sl_test_find_named (dialog, "export_button");
  g_assert_nonnull (export_button);
  g_signal_emit_by_name (export_button, "clicked");
  g_assert_true (sl_test_ui_wait_for (export_started, dialog, 120000));
  save (dialog, "export-in-progress");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sl_test_ui_wait_for (dialog_gone, &dialog, 60000));
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (tmp);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_mkdir_with_parents (screenshot_dir (), 0755);
  g_test_add_func ("/ui/screenshots/empty", test_empty);
  g_test_add_func ("/ui/screenshots/demo-script-plan", test_demo_script_plan);
  g_test_add_func ("/ui/screenshots/export-in-progress", test_export_in_progress);
  return g_test_run ();
}
