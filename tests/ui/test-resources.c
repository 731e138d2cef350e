/* test-resources.c: every .ui template in the resource builds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

/* Instantiating each widget type proves its template parses and that every
 * child it binds exists; GtkBuilder aborts otherwise. */
static void
test_every_ui_resource_builds (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children ("/app/shotline/Shotline/ui", 0, &error);
  g_autoptr(SlEditor) editor = sl_editor_new (NULL, NULL);
  guint n_ui = 0;

  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".ui"))
      n_ui++;
  g_assert_cmpuint (n_ui, >=, 11);

  {
    GType types[] = {
      SL_TYPE_SHOT_LIST, SL_TYPE_PRESET_BROWSER, SL_TYPE_PREVIEW_VIEW, SL_TYPE_FRAME_SKETCH,
      SL_TYPE_PLAN_VIEW, SL_TYPE_SHOT_INSPECTOR, SL_TYPE_SCRIPT_VIEW, SL_TYPE_TIMELINE,
    };
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        GtkWidget *widget = g_object_new (types[i], "editor", editor, NULL);
        g_object_ref_sink (widget);
        g_object_unref (widget);
      }
  }
  {
    GtkWidget *dialog = sl_export_dialog_new (editor);
    GtkWidget *preferences = sl_preferences_window_new (editor);
    gtk_window_destroy (GTK_WINDOW (dialog));
    gtk_window_destroy (GTK_WINDOW (preferences));
  }
  {
    SlWindow *window = sl_window_new (NULL);
    gtk_window_destroy (GTK_WINDOW (window));
  }
  {
    g_autoptr(GtkBuilder) builder =
      gtk_builder_new_from_resource ("/app/shotline/Shotline/gtk/help-overlay.ui");
    GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
    gtk_window_destroy (GTK_WINDOW (overlay));
  }
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/resources/every-template-builds", test_every_ui_resource_builds);
  return g_test_run ();
}
