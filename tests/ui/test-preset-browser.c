/* test-preset-browser.c: searching the move presets and adding them to shots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

typedef struct {
  SlProject  *project;
  SlEditor   *editor;
  GtkWindow  *window;
  GtkWidget  *browser;
  GtkEditable *search;
  GListModel *shown;         /* what the list view shows */
  guint       n_presets;
  guint       n_errors;
} Fixture;

static void
on_error (SlEditor     *editor,
          const GError *error,
          Fixture      *f)
{
  f->n_errors++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkListView *list_view;

  f->project = sl_test_load_demo ();
  f->editor = sl_editor_new (f->project, NULL);
  g_signal_connect (f->editor, "error", G_CALLBACK (on_error), f);
  f->browser = sl_preset_browser_new (f->editor);
  f->window = sl_test_present (f->browser, 360, 600);
  sl_test_ui_spin (200);
  f->search = GTK_EDITABLE (sl_test_find_widget (f->browser, GTK_TYPE_SEARCH_ENTRY));
  list_view = GTK_LIST_VIEW (sl_test_find_widget (f->browser, GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (f->search);
  g_assert_nonnull (list_view);
  f->shown = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  f->n_presets = sl_preset_library_get_n_presets (sl_preset_library_get_default ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  sl_test_ui_spin (50);
  g_object_unref (f->editor);
  g_object_unref (f->project);
}

typedef struct {
  Fixture *f;
  guint    n;
} Count;

static gboolean
shows_n (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (count->f->shown) == count->n;
}

static gboolean
shows_fewer (gpointer data)
{
  Fixture *f = data;
  guint n = g_list_model_get_n_items (f->shown);

  return n > 0 && n < f->n_presets;
}

static gboolean
shows_id (Fixture    *f,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
    {
      g_autoptr(SlPreset) preset = g_list_model_get_item (f->shown, i);
      if (g_str_equal (sl_preset_get_id (preset), id))
        return TRUE;
    }
  return FALSE;
}

/* Types @text and waits for the entry's delayed search to filter. */
static void
search (Fixture    *f,
        const char *text)
{
  Count all = { f, f->n_presets };

  gtk_editable_set_text (f->search, "");
  g_assert_true (sl_test_ui_wait_for (shows_n, &all, 10000));
  gtk_editable_set_text (f->search, text);
  g_assert_true (sl_test_ui_wait_for (shows_fewer, f, 10000));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (f->n_presets, >, 20);
  g_assert_cmpuint (g_list_model_get_n_items (f->shown), ==, f->n_presets);

  search (f, "push");
  g_assert_true (shows_id (f, "push-in"));
  g_assert_false (shows_id (f, "orbit-left"));
  g_assert_false (shows_id (f, "tilt-up"));

  search (f, "推");
  g_assert_true (shows_id (f, "push-in"));
  g_assert_false (shows_id (f, "orbit-left"));

  /* Case does not matter, and Chinese names are found by their words. */
  search (f, "ORBIT");
  g_assert_true (shows_id (f, "orbit-left"));
  g_assert_false (shows_id (f, "push-in"));
  search (f, "环绕");
  g_assert_true (shows_id (f, "orbit-left"));
}

static gboolean
nothing_shown (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (f->shown) == 0;
}

static void
test_no_match (Fixture       *f,
               gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (sl_test_find_widget (f->browser, GTK_TYPE_STACK));

  gtk_editable_set_text (f->search, "xyzzy");
  g_assert_true (sl_test_ui_wait_for (nothing_shown, f, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
    {
      g_autoptr(SlPreset) preset = g_list_model_get_item (f->shown, i);
      if (g_str_equal (sl_preset_get_id (preset), id))
        return i;
    }
  g_assert_not_reached ();
}

static void
test_activate_adds_move (Fixture       *f,
                         gconstpointer  data)
{
  GtkListView *list_view = GTK_LIST_VIEW (sl_test_find_widget (f->browser, GTK_TYPE_LIST_VIEW));
  SlHistory *history = sl_editor_get_history (f->editor);
  SlShot *shot = sl_project_get_shot (f->project, 2);
  GListModel *moves = G_LIST_MODEL (sl_shot_get_moves (shot));
  guint n_moves = g_list_model_get_n_items (moves);
  SlPreset *preset = sl_preset_library_lookup (sl_preset_library_get_default (), "push-in");
  g_autoptr(SlMove) move = NULL;

  sl_editor_select_index (f->editor, 2);
  search (f, "push");
  g_signal_emit_by_name (list_view, "activate", position_of (f, "push-in"));
  sl_test_ui_spin (20);

  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves + 1);
  move = g_list_model_get_item (moves, n_moves);
  g_assert_cmpstr (sl_move_get_kind (move), ==, "push-in");
  g_assert_cmpfloat (sl_move_get_amount (move), ==, sl_preset_get_default_amount (preset));
  g_assert_cmpint (sl_move_get_unit (move), ==, sl_preset_get_default_unit (preset));
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Add Move");

  g_assert_true (sl_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves);
  g_assert_true (sl_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves + 1);

  /* The row's "+" button goes through the same action. */
  g_assert_true (gtk_widget_activate_action (f->browser, "preset.add", "s", "orbit-left"));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves + 2);
  g_assert_cmpuint (f->n_errors, ==, 0);

  /* An unknown id is refused with an error, not added. */
  g_assert_true (gtk_widget_activate_action (f->browser, "preset.add", "s", "no-such-move"));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves + 2);
  g_assert_cmpuint (f->n_errors, ==, 1);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  add_test ("/ui/preset-browser/search", test_search);
  add_test ("/ui/preset-browser/no-match", test_no_match);
  add_test ("/ui/preset-browser/activate-adds-move", test_activate_adds_move);
  return g_test_run ();
}
