/* sl-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shotline-ui.h"
#include "sl-application.h"
#include "sl-recovery.h"

struct _SlApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

static SlWindow *
new_window (SlApplication *self)
{
  SlWindow *window = sl_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
restore_pending (GStrv pending, SlWindow *first)
{
  SlWindow *target = first;

  for (guint i = 0; pending[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlEditor) editor = sl_recovery_restore (pending[i], &error);

      if (editor == NULL)
        {
          sl_window_toast (first, error->message);
          continue;
        }
      if (target == NULL)
        target = new_window (SL_APPLICATION (gtk_window_get_application (GTK_WINDOW (first))));
      sl_window_set_editor (target, editor);
      /* The restored work now has a live recovery file of its own. */
      sl_recovery_delete (pending[i]);
      target = NULL;
    }
}

static void
on_recovery_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SlWindow         *window)
{
  GStrv pending = g_object_get_data (G_OBJECT (dialog), "pending");

  if (g_strcmp0 (response, "restore") == 0)
    restore_pending (pending, window);
  else if (g_strcmp0 (response, "discard") == 0)
    for (guint i = 0; pending[i] != NULL; i++)
      sl_recovery_delete (pending[i]);
}

/* After a crash the recovery files are still there: offer them before
 * anything else happens in the first window. */
static void
offer_recovery (SlWindow *window)
{
  g_auto(GStrv) pending = sl_recovery_list_pending ();
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *dialog;

  if (pending[0] == NULL)
    return;
  for (guint i = 0; pending[i] != NULL; i++)
    {
      g_autofree char *name = sl_recovery_describe (pending[i]);
      g_string_append_printf (names, "%s• %s", i ? "\n" : "", name);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Restore Unsaved Work?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Shotline did not close properly last time. These projects had unsaved changes:\n%s"),
                                  names->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Not Now"),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "pending", g_steal_pointer (&pending), (GDestroyNotify) g_strfreev);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sl_application_activate (GApplication *app)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }
  offer_recovery (new_window (SL_APPLICATION (app)));
}

static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    sl_window_open (new_window (SL_APPLICATION (app)), files[i]);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  sl_window_new_project (new_window (SL_APPLICATION (user_data)));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  SlEditor *editor = SL_IS_WINDOW (parent) ? sl_window_get_editor (SL_WINDOW (parent)) : NULL;
  g_autoptr(SlEditor) scratch = editor ? NULL : sl_editor_new (NULL, NULL);
  GtkWidget *preferences = sl_preferences_window_new (editor ? editor : scratch);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Shotline authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", "Shotline",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Shotline authors"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Write shots, sketch camera moves, preview them in real time and render finished clips, all on your own machine."),
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
sl_application_startup (GApplication *app)
{
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  sl_ui_init ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = sl_application_startup;
  app_class->activate = sl_application_activate;
  app_class->open = sl_application_open;
}

static void
sl_application_init (SlApplication *self)
{
}

SlApplication *
sl_application_new (void)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/app/shotline/Shotline",
                       NULL);
}
