/* test-export-dialog.c: the export dialog: its defaults, a real export
 * through the Export button (read back with GstDiscoverer), a cancel and an
 * unwritable folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>

#include "ui-test-util.h"

static char *tmpdir;

/* Two shots of @shot_seconds each at 64×36, 30 fps. */
static SlProject *
make_project (double shot_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("project \"Tiny Film\" 64x36 30fps seed 7\n"
                                           "shot \"A\" %gs\n  prompt \"white studio backdrop\"\n"
                                           "shot \"B\" %gs\n  prompt \"black studio backdrop\"\n",
                                           shot_seconds, shot_seconds);
  SlProject *project = sl_script_parse (text, -1, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

typedef struct {
  SlWindow       *window;
  SlExportDialog *dialog;
} Fixture;

static void
fixture_open (Fixture  *f,
              SlEditor *editor)
{
  /* An empty window receives the toast: the dialog needs only the editor. */
  f->window = sl_test_window_new (NULL);
  f->dialog = SL_EXPORT_DIALOG (sl_export_dialog_new (editor));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  gtk_window_set_transient_for (GTK_WINDOW (f->dialog), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (f->dialog));
  sl_test_ui_spin (100);
}

static void
fixture_close (Fixture *f)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  sl_test_ui_spin (50);
  g_assert_null (f->dialog);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = sl_test_find_named (GTK_WIDGET (f->dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
file_name (Fixture *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (f, "name_row")));
}

static void
click_export (Fixture    *f,
              const char *folder,
              const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);

  sl_export_dialog_set_folder (f->dialog, file);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "name_row")), name);
  g_assert_true (gtk_widget_get_sensitive (child (f, "export_button")));
  g_signal_emit_by_name (child (f, "export_button"), "clicked");
}

static gboolean
dialog_gone (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL;
}

static gboolean
export_finished (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || !sl_export_dialog_get_exporting (f->dialog);
}

static gboolean
some_frames_done (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || !sl_export_dialog_get_exporting (f->dialog)
         || gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (f, "progress_bar"))) > 0;
}

static void
assert_no_part_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));
}

/* The name comes from the title, with the format's extension, and follows
 * the format; the folder is the project's. */
static void
test_defaults (void)
{
  g_autoptr(SlProject) project = make_project (0.25);
  g_autofree char *project_path = g_build_filename (tmpdir, "films", "tiny.shots", NULL);
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) project_folder = g_file_get_parent (project_file);
  g_autoptr(SlEditor) editor = sl_editor_new (project, project_file);
  Fixture f = { 0 };

  fixture_open (&f, editor);
  g_assert_cmpstr (file_name (&f), ==, "Tiny Film.mp4");
  g_assert_true (g_file_equal (sl_export_dialog_get_folder (f.dialog), project_folder));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (&f, "format_row")), 1);
  g_assert_cmpstr (file_name (&f), ==, "Tiny Film.webm");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (&f, "format_row")), 2);
  g_assert_cmpstr (file_name (&f), ==, "Tiny Film.mov");
  gtk_editable_set_text (GTK_EDITABLE (child (&f, "name_row")), "  ");
  g_assert_false (gtk_widget_get_sensitive (child (&f, "export_button")));
  gtk_editable_set_text (GTK_EDITABLE (child (&f, "name_row")), "cut");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (&f, "format_row")), 0);
  g_assert_cmpstr (file_name (&f), ==, "cut.mp4");
  fixture_close (&f);
}

/* Through the Export button to a file GStreamer reads back: 0.5 s of
 * 64×36 video; the dialog closes and the window shows the toast with both
 * buttons. */
static void
test_export_writes_file (void)
{
  g_autoptr(SlProject) project = make_project (0.25);
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  g_autofree char *dir = make_dir ("written");
  g_autofree char *output = g_build_filename (dir, "clip.mp4", NULL);
  g_autofree char *uri = g_filename_to_uri (output, NULL, NULL);
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GList *videos;
  Fixture f = { 0 };

  fixture_open (&f, editor);
  sl_export_dialog_set_size (f.dialog, 64, 36);
  click_export (&f, dir, "clip");
  g_assert_true (sl_export_dialog_get_exporting (f.dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (&f, "stack"))), ==, "progress");
  g_assert_true (sl_test_ui_wait_for (dialog_gone, &f, 120000));

  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  assert_no_part_files (dir);
  discoverer = gst_discoverer_new (30 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  g_assert_cmpfloat_with_epsilon ((double) gst_discoverer_info_get_duration (info) / GST_SECOND, 0.5, 0.1);
  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (videos->data), ==, 64);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (videos->data), ==, 36);
  gst_discoverer_stream_info_list_free (videos);

  g_assert_nonnull (sl_test_find_named (GTK_WIDGET (f.window), "export-toast-title"));
  g_assert_nonnull (sl_test_find_named (GTK_WIDGET (f.window), "show-in-folder-button"));
  fixture_close (&f);
}

/* Cancelling mid-export leaves neither the file nor its part file, and the
 * dialog stays open to try again. */
static void
test_cancel_leaves_no_file (void)
{
  g_autoptr(SlProject) project = make_project (30);
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  g_autofree char *dir = make_dir ("cancelled");
  g_autofree char *output = g_build_filename (dir, "long.mp4", NULL);
  Fixture f = { 0 };

  fixture_open (&f, editor);
  sl_export_dialog_set_size (f.dialog, 320, 180);
  click_export (&f, dir, "long.mp4");
  g_assert_true (sl_test_ui_wait_for (some_frames_done, &f, 120000));
  g_assert_nonnull (f.dialog);
  g_assert_true (sl_export_dialog_get_exporting (f.dialog));
  g_signal_emit_by_name (child (&f, "cancel_button"), "clicked");
  g_assert_true (sl_test_ui_wait_for (export_finished, &f, 60000));

  g_assert_nonnull (f.dialog);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (&f, "stack"))), ==, "settings");
  g_assert_true (gtk_widget_get_visible (child (&f, "message_group")));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  assert_no_part_files (dir);
  g_assert_true (gtk_widget_get_sensitive (child (&f, "export_button")));
  fixture_close (&f);
}

/* A folder the file cannot be written into: the dialog stays, names the
 * problem, and nothing is left behind. As root, which may write anywhere,
 * a "folder" inside a plain file stands in for it. */
static void
test_unwritable_folder_shows_error (void)
{
  g_autoptr(SlProject) project = make_project (0.25);
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  g_autofree char *dir = make_dir ("locked");
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *folder = NULL;
  const char *message;
  Fixture f = { 0 };

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
      folder = g_build_filename (blocker, "sub", NULL);
    }
  else
    folder = g_strdup (dir);

  fixture_open (&f, editor);
  sl_export_dialog_set_size (f.dialog, 64, 36);
  click_export (&f, folder, "clip.mp4");
  g_assert_true (sl_test_ui_wait_for (export_finished, &f, 60000));

  g_assert_nonnull (f.dialog);
  g_assert_true (gtk_widget_get_visible (child (&f, "message_group")));
  message = gtk_label_get_label (GTK_LABEL (child (&f, "message_label")));
  g_test_message ("error shown: %s", message);
  g_assert_nonnull (strstr (message, "clip.mp4"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (&f, "message_title"))), ==, "Export failed");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (&f, "stack"))), ==, "settings");
  fixture_close (&f);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR))
        remove_tree (child_path);
      else
        g_unlink (child_path);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  int status;

  sl_test_ui_init (&argc, &argv);
  gst_init (NULL, NULL);
  tmpdir = g_dir_make_tmp ("shotline-export-dialog-XXXXXX", NULL);
  g_test_add_func ("/ui/export-dialog/defaults", test_defaults);
  g_test_add_func ("/ui/export-dialog/export-writes-file", test_export_writes_file);
  g_test_add_func ("/ui/export-dialog/cancel-leaves-no-file", test_cancel_leaves_no_file);
  g_test_add_func ("/ui/export-dialog/unwritable-folder-shows-error", test_unwritable_folder_shows_error);
  status = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
