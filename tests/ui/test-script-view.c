/* test-script-view.c: the script text and the project follow each other;
 * errors are underlined, marked and listed, and leave the project alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtksourceview/gtksource.h>

#include "ui-test-util.h"

#define WAIT_MS 10000

typedef struct {
  SlProject     *project;
  SlEditor      *editor;
  GtkWindow     *window;
  GtkWidget     *script;
  GtkTextBuffer *buffer;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "script-language", "en");
  f->project = sl_test_load_demo ();
  f->editor = sl_editor_new (f->project, NULL);
  f->script = sl_script_view_new (f->editor);
  f->window = sl_test_present (f->script, 480, 700);
  f->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (sl_test_find_widget (f->script, GTK_SOURCE_TYPE_VIEW)));
  sl_test_ui_spin (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  sl_test_ui_spin (50);
  g_clear_object (&f->editor);
  g_clear_object (&f->project);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Replaces the first @old after @anchor as typing would. Returns the line
 * (from 0) and character column of the replacement. */
static void
type_over (GtkTextBuffer *buffer, const char *anchor, const char *old, const char *new, int *line, int *column)
{
  g_autofree char *text = buffer_text (buffer);
  const char *at = strstr (text, anchor);
  GtkTextIter start, end;

  g_assert_nonnull (at);
  at = strstr (at, old);
  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) g_utf8_pointer_to_offset (text, at));
  end = start;
  gtk_text_iter_forward_chars (&end, (int) g_utf8_strlen (old, -1));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  gtk_text_buffer_insert_interactive (buffer, &start, new, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_iter_backward_chars (&start, (int) g_utf8_strlen (new, -1));
  if (line != NULL)
    *line = gtk_text_iter_get_line (&start);
  if (column != NULL)
    *column = gtk_text_iter_get_line_offset (&start);
}

typedef struct {
  SlShot *shot;
  gint64  duration;
} DurationWait;

static gboolean
duration_is (gpointer data)
{
  DurationWait *wait = data;

  return sl_shot_get_duration (wait->shot) == wait->duration;
}

typedef struct {
  GtkTextBuffer *buffer;
  const char    *needle;
  gboolean       present;
} TextWait;

static gboolean
text_has (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = buffer_text (wait->buffer);

  return (strstr (text, wait->needle) != NULL) == wait->present;
}

static gboolean
revealer_is (gpointer data)
{
  GtkRevealer *revealer = data;

  return gtk_revealer_get_reveal_child (revealer);
}

static gboolean
revealer_is_not (gpointer data)
{
  return !revealer_is (data);
}

static void
test_shows_project (Fixture *f, gconstpointer data)
{
  g_autofree char *english = sl_script_print (f->project, SL_SCRIPT_ENGLISH);
  g_autofree char *chinese = sl_script_print (f->project, SL_SCRIPT_CHINESE);
  g_autofree char *text = buffer_text (f->buffer);
  GtkSourceLanguage *language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (f->buffer));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TextWait wait = { f->buffer, chinese, TRUE };
  g_autofree char *nick = NULL;

  g_assert_cmpstr (text, ==, english);
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "shotline");

  g_signal_emit_by_name (sl_test_find_named (f->script, "chinese_button"), "clicked");
  g_assert_true (sl_test_ui_wait_for (text_has, &wait, WAIT_MS));
  nick = g_settings_get_string (settings, "script-language");
  g_assert_cmpstr (nick, ==, "zh");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sl_test_find_named (f->script, "chinese_button"))));
  g_settings_set_string (settings, "script-language", "en");
  wait.needle = english;
  g_assert_true (sl_test_ui_wait_for (text_has, &wait, WAIT_MS));
}

/* Typing a new duration changes the shot after the pause, as one undo step;
 * undo puts back both the shot and the text. */
static void
test_text_to_model (Fixture *f, gconstpointer data)
{
  SlHistory *history = sl_editor_get_history (f->editor);
  SlShot *product = sl_project_get_shot (f->project, 1);
  DurationWait wait = { product, 6 * SL_SECOND };
  TextWait text_wait = { f->buffer, "shot \"Product\" 4s", TRUE };
  guint n_undo = sl_history_get_n_undo (history);

  g_assert_cmpint (sl_shot_get_duration (product), ==, 4 * SL_SECOND);
  type_over (f->buffer, "shot \"Product\"", "4s", "6s", NULL, NULL);
  g_assert_cmpint (sl_shot_get_duration (product), ==, 4 * SL_SECOND);
  g_assert_true (sl_test_ui_wait_for (duration_is, &wait, WAIT_MS));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  /* Only that shot changed: the shot objects are the same ones. */
  g_assert_true (sl_project_get_shot (f->project, 1) == product);

  g_assert_true (sl_history_undo (history));
  g_assert_cmpint (sl_shot_get_duration (product), ==, 4 * SL_SECOND);
  g_assert_true (sl_test_ui_wait_for (text_has, &text_wait, WAIT_MS));
  g_assert_true (sl_history_redo (history));
  text_wait.needle = "shot \"Product\" 6s";
  g_assert_true (sl_test_ui_wait_for (text_has, &text_wait, WAIT_MS));
}

/* An edit elsewhere reprints the text, the cursor stays where it was, and
 * GtkSource's own undo does not see it. */
static void
test_model_to_text (Fixture *f, gconstpointer data)
{
  SlHistory *history = sl_editor_get_history (f->editor);
  TextWait wait = { f->buffer, "shot \"Dawn valley\" 7s", TRUE };
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &cursor, 11, 4);
  gtk_text_buffer_place_cursor (f->buffer, &cursor);
  sl_history_set (history, sl_project_get_shot (f->project, 0), "duration", 7 * SL_SECOND, NULL);
  g_assert_true (sl_test_ui_wait_for (text_has, &wait, WAIT_MS));
  gtk_text_buffer_get_iter_at_mark (f->buffer, &cursor, gtk_text_buffer_get_insert (f->buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 11);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, 4);
  g_assert_false (gtk_text_buffer_get_can_undo (f->buffer));
  /* And the text is not parsed back into another step. */
  sl_test_ui_spin (600);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
}

static GtkWidget *
first_row_label (Fixture *f)
{
  GtkWidget *list = sl_test_find_named (f->script, "diagnostics_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

  g_assert_nonnull (row);
  return gtk_list_box_row_get_child (row);
}

/* A typo is underlined where it is, marked in the gutter and described in
 * the bar; the project keeps its last valid version, and does not overwrite
 * the text; fixing the typo clears all of it. */
static void
test_errors (Fixture *f, gconstpointer data)
{
  SlHistory *history = sl_editor_get_history (f->editor);
  GtkRevealer *revealer = GTK_REVEALER (sl_test_find_named (f->script, "diagnostics_revealer"));
  GtkSourceView *view = GTK_SOURCE_VIEW (sl_test_find_widget (f->script, GTK_SOURCE_TYPE_VIEW));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), "script-error");
  g_autofree char *where = NULL;
  g_autoptr(SlProject) before = sl_model_copy (G_OBJECT (f->project));
  GtkSourceMarkAttributes *attributes;
  g_autoptr(GSList) marks = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  const char *message;
  GtkTextIter iter, cursor;
  int line, column;

  type_over (f->buffer, "shot \"Dawn valley\"", "push in", "psh in", &line, &column);
  g_assert_true (sl_test_ui_wait_for (revealer_is, revealer, WAIT_MS));

  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, line, column);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, line, 0);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  g_assert_cmpint (column, ==, 2);

  message = gtk_label_get_label (GTK_LABEL (first_row_label (f)));
  text = g_strdup_printf ("Line %d, column %d: unknown move", line + 1, column + 1);
  g_assert_true (g_str_has_prefix (message, text));
  g_assert_nonnull (strstr (message, "did you mean “push in”?"));

  marks = gtk_source_buffer_get_source_marks_at_line (GTK_SOURCE_BUFFER (f->buffer), line, "error");
  g_assert_cmpuint (g_slist_length (marks), ==, 1);
  attributes = gtk_source_view_get_mark_attributes (view, "error", NULL);
  tooltip = gtk_source_mark_attributes_get_tooltip_text (attributes, marks->data);
  g_assert_cmpstr (tooltip, ==, message);
  g_assert_true (sl_model_equal (G_OBJECT (f->project), G_OBJECT (before), &where));

  /* A change elsewhere does not overwrite the broken text. */
  sl_history_set (history, f->project, "title", "Renamed", NULL);
  sl_test_ui_spin (200);
  g_free (text);
  text = buffer_text (f->buffer);
  g_assert_nonnull (strstr (text, "psh in"));
  g_assert_null (strstr (text, "Renamed"));

  /* Clicking the problem goes there. */
  g_signal_emit_by_name (sl_test_find_named (f->script, "diagnostics_list"), "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (sl_test_find_named (f->script, "diagnostics_list")), 0));
  gtk_text_buffer_get_iter_at_mark (f->buffer, &cursor, gtk_text_buffer_get_insert (f->buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, line);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, column);

  type_over (f->buffer, "shot \"Dawn valley\"", "psh in", "push in", NULL, NULL);
  g_assert_true (sl_test_ui_wait_for (revealer_is_not, revealer, WAIT_MS));
  gtk_text_buffer_get_iter_at_line_offset (f->buffer, &iter, line, column);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  g_slist_free (g_steal_pointer (&marks));
  marks = gtk_source_buffer_get_source_marks_at_line (GTK_SOURCE_BUFFER (f->buffer), line, "error");
  g_assert_null (marks);
  /* The fixed text is the document now, title and all. */
  g_assert_true (sl_model_equal (G_OBJECT (f->project), G_OBJECT (before), &where));
}

/* Another spelling of the same move changes nothing in the project;
 * Reformat writes it the canonical way. */
static void
test_reformat (Fixture *f, gconstpointer data)
{
  SlHistory *history = sl_editor_get_history (f->editor);
  g_autofree char *printed = sl_script_print (f->project, SL_SCRIPT_ENGLISH);
  g_autofree char *text = NULL;

  type_over (f->buffer, "shot \"Dawn valley\"", "push in 20%", "dolly   in 20 %", NULL, NULL);
  sl_test_ui_spin (600);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 0);
  text = buffer_text (f->buffer);
  g_assert_nonnull (strstr (text, "dolly   in 20 %"));
  g_clear_pointer (&text, g_free);

  g_signal_emit_by_name (sl_test_find_named (f->script, "reformat_button"), "clicked");
  text = buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, printed);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 0);
}

/* Revert drops the broken text for the project's. */
static void
test_revert (Fixture *f, gconstpointer data)
{
  GtkRevealer *revealer = GTK_REVEALER (sl_test_find_named (f->script, "diagnostics_revealer"));
  g_autofree char *printed = sl_script_print (f->project, SL_SCRIPT_ENGLISH);
  g_autofree char *text = NULL;

  type_over (f->buffer, "shot \"Product\"", "4s", "4q", NULL, NULL);
  g_assert_true (sl_test_ui_wait_for (revealer_is, revealer, WAIT_MS));
  g_assert_false (gtk_widget_is_sensitive (sl_test_find_named (f->script, "reformat_button")));
  g_signal_emit_by_name (sl_test_find_named (f->script, "revert_button"), "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  text = buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, printed);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add ("/ui/script-view/shows-project", Fixture, NULL, fixture_set_up, test_shows_project, fixture_tear_down);
  g_test_add ("/ui/script-view/text-to-model", Fixture, NULL, fixture_set_up, test_text_to_model, fixture_tear_down);
  g_test_add ("/ui/script-view/model-to-text", Fixture, NULL, fixture_set_up, test_model_to_text, fixture_tear_down);
  g_test_add ("/ui/script-view/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/ui/script-view/reformat", Fixture, NULL, fixture_set_up, test_reformat, fixture_tear_down);
  g_test_add ("/ui/script-view/revert", Fixture, NULL, fixture_set_up, test_revert, fixture_tear_down);
  return g_test_run ();
}
