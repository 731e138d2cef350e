/* test-shot-inspector.c: the inspector shows the selected shot, edits it
 * through the history and follows every change of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ui-test-util.h"
#include "sl-move-row.h"
#include "sl-reference-row.h"

typedef struct {
  SlProject       *project;
  SlEditor        *editor;
  SlHistory       *history;
  GtkWindow       *window;
  SlShotInspector *inspector;
  GError          *reported;     /* the last error the editor reported */
} Fixture;

static void
on_error (SlEditor     *editor,
          const GError *error,
          Fixture      *f)
{
  g_clear_error (&f->reported);
  f->reported = g_error_copy (error);
}

/* The inspector alone in a window as wide as the side pane, so that what
 * the test drives is what the user sees. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->project = sl_test_load_demo ();
  f->editor = sl_editor_new (f->project, NULL);
  f->history = sl_editor_get_history (f->editor);
  g_signal_connect (f->editor, "error", G_CALLBACK (on_error), f);
  sl_editor_select_index (f->editor, 0);
  f->inspector = SL_SHOT_INSPECTOR (sl_shot_inspector_new (f->editor));
  f->window = sl_test_present (GTK_WIDGET (f->inspector), 380, 1000);
  sl_test_ui_spin (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  sl_test_ui_spin (50);
  g_clear_error (&f->reported);
  g_object_unref (f->editor);
  g_object_unref (f->project);
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = sl_test_find_named (GTK_WIDGET (f->inspector), name);

  g_assert_nonnull (widget);
  return widget;
}

static SlShot *
selected (Fixture *f)
{
  return sl_editor_get_selected_shot (f->editor);
}

static char *
dup_prompt_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (f, "prompt_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s%s", out->len ? "|" : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* "Rain|Dawn|黄昏": the chips shown, in order. */
static char *
dup_chips (Fixture *f)
{
  GtkWidget *chips = named (f, "chips");
  GString *out = g_string_new (NULL);

  if (gtk_widget_get_visible (chips))
    collect_labels (chips, out);
  return g_string_free (out, FALSE);
}

static double
spin_value (Fixture    *f,
            GtkWidget  *root,
            const char *name)
{
  GtkWidget *spin = sl_test_find_named (root, name);

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

static void
test_follows_selection (Fixture       *f,
                        gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (named (f, "stack"));
  g_autofree char *prompt = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "shot");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "name_row"))), ==, "Dawn valley");
  g_assert_cmpfloat_with_epsilon (spin_value (f, GTK_WIDGET (f->inspector), "duration_spin"), 5.0, 1e-9);
  prompt = dup_prompt_text (f);
  g_assert_cmpstr (prompt, ==, sl_shot_get_prompt (selected (f)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (f, "size_start_row"))), ==, SL_SHOT_SIZE_LONG);

  sl_editor_select_shot (f->editor, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  sl_editor_select_index (f->editor, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "shot");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "name_row"))), ==, "Product");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (f, "transition_row"))), ==, SL_TRANSITION_DISSOLVE);
  g_assert_cmpfloat_with_epsilon (spin_value (f, GTK_WIDGET (f->inspector), "transition_duration_spin"), 0.5, 1e-9);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (f, "cut_on_beat_switch"))));
}

static void
test_prompt_chips (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (named (f, "prompt_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *chips = NULL;
  g_autofree char *typed = NULL;
  GtkTextIter cursor;

  /* However slowly the machine runs the test, the typing is one edit. */
  sl_history_set_merge_window (f->history, 60 * G_USEC_PER_SEC);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_set_text (buffer, "", -1);
  chips = dup_chips (f);
  g_assert_cmpstr (chips, ==, "");
  g_assert_cmpstr (sl_shot_get_prompt (selected (f)), ==, "");

  /* Typed a piece at a time, as a user would. */
  gtk_text_buffer_insert_at_cursor (buffer, "rain at ", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "dawn, ", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "黄昏", -1);
  g_clear_pointer (&chips, g_free);
  chips = dup_chips (f);
  g_assert_cmpstr (chips, ==, "Rain|Dawn|黄昏");
  g_assert_cmpstr (sl_shot_get_prompt (selected (f)), ==, "rain at dawn, 黄昏");

  /* The model's change came back without moving the cursor. */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, g_utf8_strlen ("rain at dawn, 黄昏", -1));

  /* Typing merged into one undo step, which brings the demo's prompt back. */
  g_assert_true (sl_history_undo (f->history));
  typed = dup_prompt_text (f);
  g_assert_cmpstr (typed, ==, "serene mountains at dawn, light mist, warm low sun");
  g_clear_pointer (&chips, g_free);
  chips = dup_chips (f);
  g_assert_cmpstr (chips, ==, "Serene|Mountains|Dawn|Mist|Warm tones");
}

static void
test_duration_and_undo (Fixture       *f,
                        gconstpointer  data)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (named (f, "duration_spin"));
  SlShot *shot = selected (f);

  gtk_spin_button_set_value (spin, 6.5);
  g_assert_cmpint (sl_shot_get_duration (shot), ==, 6500 * SL_MSECOND);

  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpint (sl_shot_get_duration (shot), ==, 5 * SL_SECOND);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 5.0, 1e-9);

  g_assert_true (sl_history_redo (f->history));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 6.5, 1e-9);
}

static GtkWidget *
move_row (Fixture *f,
          guint    index)
{
  GtkListBox *list = GTK_LIST_BOX (named (f, "moves_list"));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (list, index));
}

static gboolean
search_applied (gpointer data)
{
  GtkWidget *picker = data;
  GtkWidget *push = sl_test_find_named (picker, "push-in");
  GtkWidget *pan = sl_test_find_named (picker, "pan-left");

  return gtk_widget_get_child_visible (push) && !gtk_widget_get_child_visible (pan);
}

static void
test_moves (Fixture       *f,
            gconstpointer  data)
{
  GListStore *moves = sl_shot_get_moves (selected (f));
  GtkMenuButton *add = GTK_MENU_BUTTON (named (f, "add_move_button"));
  GtkWidget *picker = GTK_WIDGET (gtk_menu_button_get_popover (add));
  GtkWidget *entry = sl_test_find_named (picker, "search_entry");
  g_autoptr(SlMove) added = NULL;
  GtkWidget *row;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (moves)), ==, 2);
  g_assert_true (SL_IS_MOVE_ROW (move_row (f, 0)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (move_row (f, 0))), ==, "Push in");

  /* Add Move: search the presets and press Enter. */
  gtk_menu_button_popup (add);
  sl_test_ui_spin (50);
  gtk_editable_set_text (GTK_EDITABLE (entry), "push in");
  g_assert_true (sl_test_ui_wait_for (search_applied, picker, 5000));
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (picker));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (moves)), ==, 3);
  added = g_list_model_get_item (G_LIST_MODEL (moves), 2);
  g_assert_cmpstr (sl_move_get_kind (added), ==, "push-in");
  g_assert_cmpfloat (sl_move_get_amount (added), ==, 30.0);
  g_assert_cmpint (sl_move_get_unit (added), ==, SL_UNIT_PERCENT);
  row = move_row (f, 2);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* Edit its amount and easing in the row. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sl_test_find_named (row, "amount_spin")), 45.0);
  sl_history_seal (f->history);
  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_test_find_named (row, "easing_row")), SL_EASING_LINEAR);
  g_assert_cmpfloat (sl_move_get_amount (added), ==, 45.0);
  g_assert_cmpint (sl_move_get_easing (added), ==, SL_EASING_LINEAR);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "45%"));

  /* Move it up, then remove it. */
  g_signal_emit_by_name (sl_test_find_named (row, "up_button"), "clicked");
  row = move_row (f, 1);
  g_assert_true (sl_move_row_get_move (SL_MOVE_ROW (row)) == added);
  g_signal_emit_by_name (sl_test_find_named (row, "remove_button"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (moves)), ==, 2);

  /* Undo brings back the row, with what it showed. */
  g_assert_true (sl_history_undo (f->history));
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (moves)), ==, 3);
  row = move_row (f, 2);
  g_assert_true (sl_move_row_get_move (SL_MOVE_ROW (row)) == added);
  g_assert_cmpfloat (spin_value (f, row, "amount_spin"), ==, 45.0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sl_test_find_named (row, "easing_row"))), ==, SL_EASING_LINEAR);
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sl_test_find_named (row, "easing_row"))), ==, SL_EASING_EASE_IN_OUT);
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpfloat (spin_value (f, row, "amount_spin"), ==, 30.0);
  g_assert_true (sl_history_redo (f->history));
  g_assert_cmpfloat (spin_value (f, row, "amount_spin"), ==, 45.0);
}

static void
test_model_changes_update_fields (Fixture       *f,
                                  gconstpointer  data)
{
  SlShot *shot = selected (f);
  g_autoptr(SlMove) move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (shot)), 0);
  GtkWidget *dutch_row = named (f, "dutch_row");
  g_autofree char *chips = NULL;
  guint undo_steps = sl_history_get_n_undo (f->history);

  g_assert_false (gtk_widget_get_visible (dutch_row));
  sl_history_set (f->history, shot,
                  "name", "Changed elsewhere",
                  "duration", (gint64) 7 * SL_SECOND,
                  "prompt", "neon rain",
                  "angle", SL_ANGLE_DUTCH,
                  "dutch-degrees", 12.0,
                  "follow-mode", SL_FOLLOW_ZOOM,
                  "follow-amount", 0.25,
                  NULL);
  sl_history_set (f->history, move, "amount", 50.0, NULL);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "name_row"))), ==, "Changed elsewhere");
  g_assert_cmpfloat_with_epsilon (spin_value (f, GTK_WIDGET (f->inspector), "duration_spin"), 7.0, 1e-9);
  chips = dup_chips (f);
  g_assert_cmpstr (chips, ==, "Neon|Rain");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (f, "angle_row"))), ==, SL_ANGLE_DUTCH);
  g_assert_true (gtk_widget_get_visible (dutch_row));
  g_assert_cmpfloat_with_epsilon (spin_value (f, GTK_WIDGET (f->inspector), "dutch_spin"), 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (named (f, "follow_amount_scale"))), 0.25, 1e-9);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (move_row (f, 0))), "50%"));
  /* Showing the change wrote nothing back. */
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, undo_steps + 2);
}

static gboolean
has_reported (gpointer data)
{
  Fixture *f = data;

  return f->reported != NULL;
}

static gboolean
n_references_is_two (gpointer data)
{
  return g_list_model_get_n_items (data) == 2;
}

static gboolean
stack_shows_picture (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (data), "picture") == 0;
}

static void
drop_file (Fixture    *f,
           const char *path)
{
  GtkWidget *group = named (f, "references_group");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (group);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("shot-inspector-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.png", NULL);
  g_autofree char *valley = g_build_filename (SOURCE_DATADIR, "demo", "images", "valley.png", NULL);
  GListStore *references;
  g_autoptr(SlReference) added = NULL;
  GtkWidget *row;

  sl_editor_select_index (f->editor, 2);
  references = sl_shot_get_references (selected (f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (references)), ==, 1);

  /* A file that is no image is refused, and the error names it. */
  g_assert_true (g_file_set_contents (broken, "not a picture", -1, NULL));
  drop_file (f, broken);
  g_assert_true (sl_test_ui_wait_for (has_reported, f, 20000));
  g_assert_nonnull (strstr (f->reported->message, "broken.png"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (references)), ==, 1);

  /* An image is added; the shot has a plate, so it comes in as a subject. */
  drop_file (f, valley);
  g_assert_true (sl_test_ui_wait_for (n_references_is_two, references, 20000));
  added = g_list_model_get_item (G_LIST_MODEL (references), 1);
  g_assert_cmpint (sl_reference_get_role (added), ==, SL_REFERENCE_ROLE_SUBJECT);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (named (f, "references_list")), 1));
  g_assert_true (SL_IS_REFERENCE_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "valley.png");
  g_assert_true (sl_test_ui_wait_for (stack_shows_picture, sl_test_find_named (row, "thumbnail_stack"), 20000));

  /* Made a plate, it offers its estimated depth. */
  g_assert_false (gtk_widget_get_visible (sl_test_find_named (row, "depth_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_test_find_named (row, "role_row")), SL_REFERENCE_ROLE_PLATE);
  g_assert_cmpint (sl_reference_get_role (added), ==, SL_REFERENCE_ROLE_PLATE);
  g_assert_true (gtk_widget_get_visible (sl_test_find_named (row, "depth_row")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sl_test_find_named (row, "depth_button")), TRUE);
  g_assert_true (sl_test_ui_wait_for (stack_shows_picture, sl_test_find_named (row, "depth_stack"), 60000));

  /* Undo takes the role back, then the reference away. */
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sl_test_find_named (row, "role_row"))), ==, SL_REFERENCE_ROLE_SUBJECT);
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (references)), ==, 1);

  g_remove (broken);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add ("/ui/shot-inspector/follows-selection", Fixture, NULL,
              fixture_set_up, test_follows_selection, fixture_tear_down);
  g_test_add ("/ui/shot-inspector/prompt-chips", Fixture, NULL,
              fixture_set_up, test_prompt_chips, fixture_tear_down);
  g_test_add ("/ui/shot-inspector/duration-and-undo", Fixture, NULL,
              fixture_set_up, test_duration_and_undo, fixture_tear_down);
  g_test_add ("/ui/shot-inspector/moves", Fixture, NULL,
              fixture_set_up, test_moves, fixture_tear_down);
  g_test_add ("/ui/shot-inspector/model-changes-update-fields", Fixture, NULL,
              fixture_set_up, test_model_changes_update_fields, fixture_tear_down);
  g_test_add ("/ui/shot-inspector/references", Fixture, NULL,
              fixture_set_up, test_references, fixture_tear_down);
  return g_test_run ();
}
