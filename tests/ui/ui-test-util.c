/* ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

void
sl_test_ui_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);
  gtk_init ();
  sl_ui_init ();
}

static gboolean
on_spin_timeout (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
sl_test_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spin_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
sl_test_ui_wait_for (SlTestCondition condition,
                     gpointer        data,
                     guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      sl_test_ui_spin (10);
    }
  return TRUE;
}

SlProject *
sl_test_load_demo (void)
{
  const char *data_dir = g_getenv ("SHOTLINE_DATADIR");
  g_autofree char *path = g_build_filename (data_dir ? data_dir : SOURCE_DATADIR,
                                            "demo", "demo.shots", NULL);
  g_autoptr(GError) error = NULL;
  SlProject *project = sl_project_io_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

SlWindow *
sl_test_window_new (SlEditor *editor)
{
  SlWindow *window = sl_window_new (NULL);

  if (editor != NULL)
    sl_window_set_editor (window, editor);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_ui_spin (200);
  return window;
}

static gboolean
is_laid_out (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

GtkWindow *
sl_test_present (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_child (window, child);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  g_assert_true (sl_test_ui_wait_for (is_laid_out, child, 10000));
  return window;
}

GtkWidget *
sl_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sl_test_find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
sl_test_find_named (GtkWidget  *root,
                    const char *name)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (id, name) == 0 || g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sl_test_find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
try_snapshot_png (GtkWidget  *widget,
                  const char *path)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (renderer == NULL || width <= 0 || height <= 0)
    return FALSE;
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

/* A widget whose content just changed may not have been laid out and drawn
 * yet (more so on a slow or sanitised build): try again for a moment. */
gboolean
sl_test_snapshot_png (GtkWidget  *widget,
                      const char *path)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      if (try_snapshot_png (widget, path))
        return TRUE;
      sl_test_ui_spin (20);
    }
  return FALSE;
}

void
sl_test_assert_undo_restores (SlEditor  *editor,
                              SlProject *before)
{
  g_autofree char *where = NULL;

  g_assert_true (sl_history_undo (sl_editor_get_history (editor)));
  if (!sl_model_equal (G_OBJECT (before), G_OBJECT (sl_editor_get_project (editor)), &where))
    g_error ("undo left the document different at %s", where);
}
