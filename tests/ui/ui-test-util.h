/* ui-test-util.h: what the UI tests share: start GTK, spin the main loop,
 * wait for a condition, open the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shotline-ui.h"

G_BEGIN_DECLS

/* g_test_init + gtk_init + sl_ui_init; the environment comes from meson. */
void       sl_test_ui_init        (int    *argc,
                                   char ***argv);
/* Runs the main loop for about @ms milliseconds. */
void       sl_test_ui_spin        (guint   ms);
typedef gboolean (*SlTestCondition) (gpointer data);
/* Runs the main loop until @condition holds or @timeout_ms passed;
 * returns whether it holds. */
gboolean   sl_test_ui_wait_for    (SlTestCondition condition,
                                   gpointer        data,
                                   guint           timeout_ms);
/* The bundled demo, loaded; fails the test if it cannot be. */
SlProject *sl_test_load_demo      (void);
/* A window showing @editor, presented and laid out. */
SlWindow  *sl_test_window_new     (SlEditor *editor);
/* A plain window of @width × @height holding @child, presented and laid
 * out (the child has a size) before it returns. */
GtkWindow *sl_test_present       (GtkWidget *child,
                                   int        width,
                                   int        height);
/* The first descendant of @root of type @type (depth first), or NULL. */
GtkWidget *sl_test_find_widget    (GtkWidget *root,
                                   GType      type);
/* The first descendant of @root whose GtkBuildable id or widget name is
 * @name, or NULL. */
GtkWidget *sl_test_find_named     (GtkWidget  *root,
                                   const char *name);
/* Undoes the last step of @editor's history and fails the test unless the
 * document is then equal to @before, naming where it differs. */
void       sl_test_assert_undo_restores (SlEditor  *editor,
                                         SlProject *before);
/* Saves a PNG of @widget as it is drawn into @path, waiting up to about
 * two seconds for it to be laid out and drawn. */
gboolean   sl_test_snapshot_png   (GtkWidget  *widget,
                                   const char *path);

G_END_DECLS
