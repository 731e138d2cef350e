/* test-window.c: the editor window's life: empty state, new, open (good and
 * broken files), the unsaved mark, save, undo and redo, closing with changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-util.h"

static char *tmpdir;

static const char *
visible_page (SlWindow *window)
{
  GtkStack *stack = GTK_STACK (sl_test_find_named (GTK_WIDGET (window), "main_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static const char *
shown_title (SlWindow *window)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (sl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));

  return adw_window_title_get_title (title);
}

static gboolean
has_editor (gpointer window)
{
  return sl_window_get_editor (window) != NULL;
}

/* The first visible AdwMessageDialog transient for @window, if any. */
static AdwMessageDialog *
find_message_dialog (SlWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer window)
{
  return find_message_dialog (window) != NULL;
}

static void
test_empty_then_new (void)
{
  SlWindow *window = sl_test_window_new (NULL);
  SlEditor *editor;

  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL) &&
                  sl_window_get_editor (window) != NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-project", NULL);
  editor = sl_window_get_editor (window);
  g_assert_nonnull (editor);
  g_assert_cmpstr (visible_page (window), ==, "editor");
  g_assert_cmpuint (sl_project_get_n_shots (sl_editor_get_project (editor)), ==, 1);
  g_assert_cmpstr (shown_title (window), ==, "Untitled");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_broken_project (void)
{
  SlWindow *window = sl_test_window_new (NULL);
  g_autofree char *path = g_build_filename (tmpdir, "broken.shotline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  g_file_set_contents (path, "{ \"format\": \"shotline\", \"version\": 1, \"shots\": [ { \"name\": 3", -1, &error);
  g_assert_no_error (error);
  sl_window_open (window, file);
  g_assert_true (sl_test_ui_wait_for (has_message_dialog, window, 10000));
  dialog = find_message_dialog (window);
  g_object_get (dialog, "body", &body, NULL);
  g_test_message ("broken project: %s / %s", adw_message_dialog_get_heading (dialog), body);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.shotline"));
  g_assert_true (body != NULL && body[0] != '\0');
  /* Nothing else changed: the window still offers to start. */
  g_assert_null (sl_window_get_editor (window));
  g_assert_cmpstr (visible_page (window), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_modified_save_undo (void)
{
  SlWindow *window = sl_test_window_new (NULL);
  g_autofree char *path = g_build_filename (tmpdir, "saved.shotline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SlEditor *editor;
  SlShot *shot;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  g_assert_true (sl_test_ui_wait_for (has_editor, window, 20000));
  editor = sl_window_get_editor (window);
  g_assert_cmpstr (shown_title (window), ==, "demo.shots");
  g_assert_false (sl_editor_get_modified (editor));

  shot = sl_project_get_shot (sl_editor_get_project (editor), 0);
  sl_history_set (sl_editor_get_history (editor), shot, "name", "Renamed", NULL);
  g_assert_cmpstr (shown_title (window), ==, "• demo.shots");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (sl_shot_get_name (shot), !=, "Renamed");
  g_assert_cmpstr (shown_title (window), ==, "demo.shots");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (sl_shot_get_name (shot), ==, "Renamed");

  g_assert_true (sl_editor_save (editor, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shown_title (window), ==, "saved.shotline");
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (sl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
    g_autofree char *home = g_build_filename (g_get_home_dir (), G_DIR_SEPARATOR_S, NULL);

    /* The folder under the name; home would be "~". */
    if (g_str_has_prefix (tmpdir, home))
      g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (title), "~"));
    else
      g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, tmpdir);
  }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_close_asks_when_modified (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  SlWindow *window = sl_test_window_new (editor);
  g_autoptr(GtkWidget) guard = g_object_ref (GTK_WIDGET (window));
  AdwMessageDialog *dialog;
  SlShot *shot = sl_project_get_shot (project, 0);

  sl_history_set (sl_editor_get_history (editor), shot, "name", "Unsaved", NULL);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sl_test_ui_wait_for (has_message_dialog, window, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  dialog = find_message_dialog (window);
  adw_message_dialog_response (dialog, "cancel");
  sl_test_ui_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (sl_shot_get_name (shot), ==, "Unsaved");

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sl_test_ui_wait_for (has_message_dialog, window, 5000));
  adw_message_dialog_response (find_message_dialog (window), "discard");
  sl_test_ui_spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
}

typedef struct {
  GtkEditable *field;
  const char  *want;
} FieldWait;

static gboolean
field_shows (gpointer data)
{
  FieldWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->field), wait->want) == 0;
}

static gboolean
buffer_contains (gpointer data)
{
  GtkTextBuffer *buffer = data;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return strstr (text, "shot \"From the inspector\"") != NULL;
}

/* The script and the inspector in one window edit one document: a name
 * typed in the script reaches the inspector, and back. */
static void
test_script_and_inspector_follow_each_other (void)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();
  g_autoptr(SlEditor) editor = sl_editor_new (project, NULL);
  SlWindow *window = sl_test_window_new (editor);
  GtkWidget *script = sl_test_find_widget (GTK_WIDGET (window), SL_TYPE_SCRIPT_VIEW);
  GtkWidget *inspector = sl_test_find_widget (GTK_WIDGET (window), SL_TYPE_SHOT_INSPECTOR);
  GtkTextView *view = GTK_TEXT_VIEW (sl_test_find_named (script, "view"));
  GtkEditable *name = GTK_EDITABLE (sl_test_find_named (inspector, "name_row"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  FieldWait wait = { name, "Dawn over the valley" };

  sl_editor_select_index (editor, 0);
  sl_test_ui_spin (100);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Dawn valley");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "shot \"Dawn valley\"", "shot \"Dawn over the valley\"", 1), ==, 1);
  gtk_text_buffer_set_text (buffer, edited->str, -1);
  g_assert_true (sl_test_ui_wait_for (field_shows, &wait, 10000));
  g_assert_cmpstr (sl_shot_get_name (sl_project_get_shot (project, 0)), ==, "Dawn over the valley");

  gtk_editable_set_text (name, "From the inspector");
  g_assert_true (sl_test_ui_wait_for (buffer_contains, buffer, 10000));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait.want = "Dawn valley";
  g_assert_true (sl_test_ui_wait_for (field_shows, &wait, 10000));
  sl_history_mark_clean (sl_editor_get_history (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  sl_test_ui_init (&argc, &argv);
  tmpdir = g_dir_make_tmp ("shotline-window-XXXXXX", NULL);
  g_test_add_func ("/ui/window/empty-then-new", test_empty_then_new);
  g_test_add_func ("/ui/window/open-broken-project", test_open_broken_project);
  g_test_add_func ("/ui/window/modified-save-undo", test_modified_save_undo);
  g_test_add_func ("/ui/window/close-asks-when-modified", test_close_asks_when_modified);
  g_test_add_func ("/ui/window/script-and-inspector-follow-each-other",
                   test_script_and_inspector_follow_each_other);
  status = g_test_run ();
  g_free (tmpdir);
  return status;
}
