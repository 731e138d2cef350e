/* test-shot-list.c: the shot list's edits, drops, selection and thumbnails
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ui-test-util.h"

typedef struct {
  SlProject *project;
  SlEditor  *editor;
  SlHistory *history;
  GtkWindow *window;
  GtkWidget *list;
  GtkListBox *list_box;
  GPtrArray *errors;         /* messages the list reported */
} Fixture;

static void
on_error (SlEditor     *editor,
          const GError *error,
          Fixture      *f)
{
  g_ptr_array_add (f->errors, g_strdup (error->message));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->project = sl_test_load_demo ();
  f->editor = sl_editor_new (f->project, NULL);
  f->history = sl_editor_get_history (f->editor);
  f->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->editor, "error", G_CALLBACK (on_error), f);
  f->list = sl_shot_list_new (f->editor);
  f->window = sl_test_present (f->list, 360, 720);
  sl_test_ui_spin (200);
  f->list_box = GTK_LIST_BOX (sl_test_find_widget (f->list, GTK_TYPE_LIST_BOX));
  g_assert_nonnull (f->list_box);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  sl_test_ui_spin (50);
  g_ptr_array_unref (f->errors);
  g_object_unref (f->editor);
  g_object_unref (f->project);
}

static guint
n_shots (Fixture *f)
{
  return sl_project_get_n_shots (f->project);
}

static const char *
shot_name (Fixture *f,
           guint    index)
{
  return sl_shot_get_name (sl_project_get_shot (f->project, index));
}

/* The list shows the editor's selection, and the editor the list's. */
static void
assert_selected (Fixture *f,
                 guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (f->list_box);

  g_assert_cmpuint (sl_editor_get_selected_index (f->editor), ==, index);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, (int) index);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (f->list, action, NULL));
  sl_test_ui_spin (20);
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  sl_editor_select_index (f->editor, 1);
  activate (f, "shot.add");
  g_assert_cmpuint (n_shots (f), ==, 6);
  g_assert_cmpstr (shot_name (f, 2), ==, "Shot 6");
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (f->project, 2)), ==, 4 * SL_SECOND);
  assert_selected (f, 2);
  g_assert_cmpstr (sl_history_get_undo_label (f->history), ==, "Add Shot");

  g_assert_true (sl_history_undo (f->history));
  sl_test_ui_spin (20);
  g_assert_cmpuint (n_shots (f), ==, 5);
  g_assert_cmpstr (shot_name (f, 2), ==, "Neon city");
  g_assert_cmpuint (sl_editor_get_selected_index (f->editor), <, 5);
  g_assert_true (sl_history_redo (f->history));
  g_assert_cmpstr (shot_name (f, 2), ==, "Shot 6");

  /* The number follows the count of shots. */
  sl_editor_select_index (f->editor, 2);
  activate (f, "shot.add");
  g_assert_cmpstr (shot_name (f, 3), ==, "Shot 7");
  assert_selected (f, 3);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  SlShot *original = sl_project_get_shot (f->project, 0);
  g_autoptr(SlShot) expected = sl_model_copy (G_OBJECT (original));
  g_autofree char *where = NULL;
  g_autoptr(SlMove) copied_move = NULL;
  g_autoptr(SlMove) original_move = NULL;
  SlShot *copy;

  sl_editor_select_index (f->editor, 0);
  activate (f, "shot.duplicate");
  g_assert_cmpuint (n_shots (f), ==, 6);
  copy = sl_project_get_shot (f->project, 1);
  g_assert_true (copy != original);
  g_assert_cmpstr (sl_shot_get_name (copy), ==, "Dawn valley (copy)");
  g_object_set (expected, "name", "Dawn valley (copy)", NULL);
  g_assert_true (sl_model_equal (G_OBJECT (expected), G_OBJECT (copy), &where));
  /* Deep: the copy's moves are its own. */
  copied_move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (copy)), 0);
  original_move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (original)), 0);
  g_assert_nonnull (copied_move);
  g_assert_true (copied_move != original_move);
  assert_selected (f, 1);
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (f->history), ==, "Duplicate Shot");

  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (n_shots (f), ==, 5);
  g_assert_true (sl_project_get_shot (f->project, 0) == original);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  SlShot *neon = sl_project_get_shot (f->project, 2);
  g_autoptr(SlShot) before = sl_model_copy (G_OBJECT (neon));

  sl_editor_select_index (f->editor, 2);
  activate (f, "shot.delete");
  g_assert_cmpuint (n_shots (f), ==, 4);
  g_assert_cmpstr (shot_name (f, 2), ==, "雪山");
  assert_selected (f, 2);
  g_assert_cmpstr (sl_history_get_undo_label (f->history), ==, "Delete Shot");

  g_assert_true (sl_history_undo (f->history));
  sl_test_ui_spin (20);
  g_assert_cmpuint (n_shots (f), ==, 5);
  g_assert_true (sl_project_get_shot (f->project, 2) == neon);
  g_assert_true (sl_model_equal (G_OBJECT (before), G_OBJECT (neon), NULL));
  g_assert_nonnull (gtk_list_box_get_row_at_index (f->list_box, 4));
  g_assert_null (gtk_list_box_get_row_at_index (f->list_box, 5));
}

static void
test_delete_keeps_last_shot (Fixture       *f,
                             gconstpointer  data)
{
  for (guint i = 0; i < 10; i++)
    gtk_widget_activate_action (f->list, "shot.delete", NULL);
  sl_test_ui_spin (20);
  g_assert_cmpuint (n_shots (f), ==, 1);
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 4);
  assert_selected (f, 0);
}

static void
test_move_actions (Fixture       *f,
                   gconstpointer  data)
{
  SlShot *dawn = sl_project_get_shot (f->project, 0);

  sl_editor_select_index (f->editor, 0);
  activate (f, "shot.move-down");
  activate (f, "shot.move-down");
  g_assert_true (sl_project_get_shot (f->project, 2) == dawn);
  g_assert_cmpstr (shot_name (f, 0), ==, "Product");
  assert_selected (f, 2);
  g_assert_cmpstr (sl_history_get_undo_label (f->history), ==, "Move Shot");
  activate (f, "shot.move-up");
  g_assert_true (sl_project_get_shot (f->project, 1) == dawn);
  assert_selected (f, 1);

  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 3);
  while (sl_history_undo (f->history))
    ;
  g_assert_true (sl_project_get_shot (f->project, 0) == dawn);
  g_assert_cmpstr (shot_name (f, 1), ==, "Product");
}

static void
test_selection_follows (Fixture       *f,
                        gconstpointer  data)
{
  gtk_list_box_select_row (f->list_box, gtk_list_box_get_row_at_index (f->list_box, 3));
  g_assert_cmpuint (sl_editor_get_selected_index (f->editor), ==, 3);
  sl_editor_select_index (f->editor, 4);
  assert_selected (f, 4);
  sl_editor_select_shot (f->editor, sl_project_get_shot (f->project, 1));
  assert_selected (f, 1);
}

static GtkDropTarget *
find_drop_target (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->list_box));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

/* Drops @value on row @index, at @fraction of its height (the list's own
 * drop handler, as a drag would reach it). */
static gboolean
drop_on_row (Fixture      *f,
             const GValue *value,
             int           index,
             double        fraction)
{
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (f->list_box, index));
  graphene_point_t point;
  gboolean handled = FALSE;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (f->list_box),
                                           &GRAPHENE_POINT_INIT (10, gtk_widget_get_height (row) * fraction),
                                           &point));
  g_signal_emit_by_name (find_drop_target (f), "drop", value, (double) point.x, (double) point.y, &handled);
  sl_test_ui_spin (20);
  return handled;
}

static void
test_drop_reorders (Fixture       *f,
                    gconstpointer  data)
{
  SlShot *dawn = sl_project_get_shot (f->project, 0);
  SlShot *last = sl_project_get_shot (f->project, 4);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, SL_TYPE_SHOT);
  g_value_set_object (&value, dawn);
  /* The lower half of row 3: after it. */
  g_assert_true (drop_on_row (f, &value, 3, 0.75));
  g_assert_true (sl_project_get_shot (f->project, 3) == dawn);
  assert_selected (f, 3);
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 1);

  /* The upper half of row 0: before it. */
  g_value_set_object (&value, last);
  g_assert_true (drop_on_row (f, &value, 0, 0.25));
  g_assert_true (sl_project_get_shot (f->project, 0) == last);
  assert_selected (f, 0);

  g_assert_true (sl_history_undo (f->history));
  g_assert_true (sl_history_undo (f->history));
  g_assert_true (sl_project_get_shot (f->project, 0) == dawn);
  g_assert_true (sl_project_get_shot (f->project, 4) == last);
  g_assert_true (sl_history_redo (f->history));
  g_assert_true (sl_project_get_shot (f->project, 3) == dawn);
}

static void
test_drop_preset (Fixture       *f,
                  gconstpointer  data)
{
  SlShot *product = sl_project_get_shot (f->project, 1);
  GListModel *moves = G_LIST_MODEL (sl_shot_get_moves (product));
  guint n_moves = g_list_model_get_n_items (moves);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(SlMove) added = NULL;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "push-in");
  g_assert_true (drop_on_row (f, &value, 1, 0.5));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves + 1);
  added = g_list_model_get_item (moves, n_moves);
  g_assert_cmpstr (sl_move_get_kind (added), ==, "push-in");
  assert_selected (f, 1);

  g_value_set_string (&value, "no-such-move");
  g_assert_false (drop_on_row (f, &value, 1, 0.5));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves + 1);

  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, n_moves);
}

static char *
write_png (const char *dir,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 18);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3366aaff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
test_drop_images (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shot-list-XXXXXX", &error);
  g_autofree char *plate = write_png (dir, "harbour.png");
  g_autofree char *second = write_png (dir, "lighthouse.png");
  g_autofree char *broken = g_build_filename (dir, "broken.png", NULL);
  SlShot *product = sl_project_get_shot (f->project, 1);
  g_autoptr(SlShot) before = sl_model_copy (G_OBJECT (product));
  GSList *files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  SlReference *reference;
  SlShot *added;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (broken, "not a picture", -1, NULL));
  files = g_slist_append (files, g_file_new_for_path (plate));
  files = g_slist_append (files, g_file_new_for_path (broken));
  files = g_slist_append (files, g_file_new_for_path (second));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);

  g_assert_true (drop_on_row (f, &value, 1, 0.5));
  /* The first image is the plate of the shot it fell on... */
  reference = sl_shot_find_reference (product, SL_REFERENCE_ROLE_PLATE);
  g_assert_nonnull (reference);
  g_assert_cmpstr (sl_reference_get_file (reference), ==, plate);
  /* ...the next starts a shot of its own after it... */
  g_assert_cmpuint (n_shots (f), ==, 6);
  added = sl_project_get_shot (f->project, 2);
  g_assert_cmpstr (sl_shot_get_name (added), ==, "lighthouse");
  g_assert_cmpstr (sl_reference_get_file (sl_shot_find_reference (added, SL_REFERENCE_ROLE_PLATE)), ==, second);
  assert_selected (f, 2);
  /* ...and what is no image is refused by name. */
  g_assert_cmpuint (f->errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->errors, 0), "broken.png"));

  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 1);
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (n_shots (f), ==, 5);
  g_assert_true (sl_model_equal (G_OBJECT (before), G_OBJECT (product), NULL));

  g_unlink (plate);
  g_unlink (second);
  g_unlink (broken);
  g_rmdir (dir);
}

static gboolean
all_thumbnails_shown (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < n_shots (f); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (f->list_box, (int) i));
      GtkWidget *picture = sl_test_find_widget (row, GTK_TYPE_PICTURE);

      if (gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
on_ready (SlThumbnailer *thumbnailer,
          SlShot        *shot,
          GPtrArray     *ready)
{
  g_ptr_array_add (ready, shot);
}

static gboolean
shot_was_ready (gpointer data)
{
  GPtrArray *ready = data;

  return ready->len > 0;
}

static void
test_thumbnails (Fixture       *f,
                 gconstpointer  data)
{
  SlThumbnailer *thumbnailer = sl_thumbnailer_get_for_editor (f->editor);
  SlShot *dawn = sl_project_get_shot (f->project, 0);
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  GdkTexture *texture;
  g_autoptr(GdkTexture) stale = NULL;

  g_assert_true (sl_thumbnailer_get_for_editor (f->editor) == thumbnailer);
  g_assert_true (sl_test_ui_wait_for (all_thumbnails_shown, f, 240000));
  texture = sl_thumbnailer_lookup (thumbnailer, dawn, sl_shot_get_duration (dawn) / 2, 90);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 160);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 90);

  /* An edit of the shot keeps the old picture on show until the new one
   * is ready, and only that shot's pictures are redone. */
  g_signal_connect (thumbnailer, "ready", G_CALLBACK (on_ready), ready);
  sl_history_set (f->history, dawn, "dutch-degrees", 12.0, NULL);
  stale = g_object_ref (sl_thumbnailer_lookup (thumbnailer, dawn, sl_shot_get_duration (dawn) / 2, 90));
  g_assert_true (stale == texture);
  g_assert_true (sl_test_ui_wait_for (shot_was_ready, ready, 120000));
  g_assert_true (g_ptr_array_index (ready, 0) == dawn);
  g_assert_true (sl_thumbnailer_lookup (thumbnailer, dawn, sl_shot_get_duration (dawn) / 2, 90) != stale);
  g_signal_handlers_disconnect_by_func (thumbnailer, on_ready, ready);
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
  add_test ("/ui/shot-list/add", test_add);
  add_test ("/ui/shot-list/duplicate", test_duplicate);
  add_test ("/ui/shot-list/delete", test_delete);
  add_test ("/ui/shot-list/delete-keeps-last-shot", test_delete_keeps_last_shot);
  add_test ("/ui/shot-list/move-actions", test_move_actions);
  add_test ("/ui/shot-list/selection-follows", test_selection_follows);
  add_test ("/ui/shot-list/drop-reorders", test_drop_reorders);
  add_test ("/ui/shot-list/drop-preset", test_drop_preset);
  add_test ("/ui/shot-list/drop-images", test_drop_images);
  add_test ("/ui/shot-list/thumbnails", test_thumbnails);
  return g_test_run ();
}
