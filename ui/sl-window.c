/* sl-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shotline-ui.h"
#include "sl-handoff-actions.h"
#include "sl-recovery.h"

#define MAX_RECENT 10

struct _SlWindow
{
  AdwApplicationWindow parent_instance;

  SlEditor          *editor;
  SlRecovery        *recovery;
  GSettings         *settings;
  gboolean           close_confirmed;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkButton         *play_button;
  GtkStack          *main_stack;
  AdwBin            *shot_list_slot;
  AdwBin            *preset_browser_slot;
  AdwBin            *preview_slot;
  AdwBin            *plan_slot;
  AdwBin            *inspector_slot;
  AdwBin            *script_slot;
  AdwBin            *timeline_slot;
  AdwViewStack      *side_stack;
  GMenu             *recent_section;
};

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_title (SlWindow *self);
static void update_actions (SlWindow *self);

void
sl_window_toast (SlWindow   *self,
                 const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SL_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
sl_window_add_toast (SlWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_editor_error (SlEditor     *editor,
                 const GError *error,
                 SlWindow     *self)
{
  sl_window_toast (self, error->message);
}

/* Recent projects live in GSettings, newest first, as absolute paths. */
static void
rebuild_recent_menu (SlWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
}

static void
remember_recent (SlWindow *self,
                 GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (path == NULL)
    return;
  recent = g_settings_get_strv (self->settings, "recent-projects");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
}

static void
on_editor_notify (SlEditor   *editor,
                  GParamSpec *pspec,
                  SlWindow   *self)
{
  update_title (self);
  update_actions (self);
}

static void
on_history_changed (SlHistory *history,
                    SlWindow  *self)
{
  update_actions (self);
}

static void
on_playing_changed (SlPreview  *preview,
                    GParamSpec *pspec,
                    SlWindow   *self)
{
  gboolean playing = sl_preview_get_playing (preview);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
}

static void
on_preview_changed (SlEditor   *editor,
                    GParamSpec *pspec,
                    SlWindow   *self)
{
  SlPreview *preview = sl_editor_get_preview (editor);

  if (preview != NULL)
    g_signal_connect_object (preview, "notify::playing", G_CALLBACK (on_playing_changed), self, 0);
  update_actions (self);
}

static gboolean
parse_preview_size (const char *text,
                    guint      *width,
                    guint      *height)
{
  guint w, h;

  if (text == NULL || sscanf (text, "%ux%u", &w, &h) != 2 || w < 16 || h < 16 || w > 3840 || h > 2160)
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

static void
start_preview (SlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backend = g_settings_get_string (self->settings, "render-backend");
  g_autofree char *size = g_settings_get_string (self->settings, "preview-size");
  guint width = 640, height = 360;

  parse_preview_size (size, &width, &height);
  if (!sl_editor_start_preview (self->editor, backend, width, height, &error) &&
      !sl_editor_start_preview (self->editor, "cpu", width, height, NULL))
    sl_editor_report_error (self->editor, error);
}

static void
on_preview_settings_changed (GSettings  *settings,
                             const char *key,
                             SlWindow   *self)
{
  if (self->editor != NULL)
    start_preview (self);
}

void
sl_window_set_editor (SlWindow *self,
                      SlEditor *editor)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (SL_IS_EDITOR (editor));
  g_return_if_fail (self->editor == NULL);

  self->editor = g_object_ref (editor);
  g_signal_connect_object (editor, "error", G_CALLBACK (on_editor_error), self, 0);
  g_signal_connect_object (editor, "notify::title", G_CALLBACK (on_editor_notify), self, 0);
  g_signal_connect_object (editor, "notify::modified", G_CALLBACK (on_editor_notify), self, 0);
  g_signal_connect_object (editor, "notify::preview", G_CALLBACK (on_preview_changed), self, 0);
  g_signal_connect_object (sl_editor_get_history (editor), "changed",
                           G_CALLBACK (on_history_changed), self, 0);

  adw_bin_set_child (self->shot_list_slot, sl_shot_list_new (editor));
  adw_bin_set_child (self->preset_browser_slot, sl_preset_browser_new (editor));
  adw_bin_set_child (self->preview_slot, sl_preview_view_new (editor));
  adw_bin_set_child (self->plan_slot, sl_plan_view_new (editor));
  adw_bin_set_child (self->inspector_slot, sl_shot_inspector_new (editor));
  adw_bin_set_child (self->script_slot, sl_script_view_new (editor));
  adw_bin_set_child (self->timeline_slot, sl_timeline_new (editor));
  gtk_stack_set_visible_child_name (self->main_stack, "editor");

  sl_handoff_actions_install (self);
  self->recovery = sl_recovery_new (editor);
  sl_recovery_set_interval (self->recovery,
                            g_settings_get_int (self->settings, "autosave-interval-seconds"));
  start_preview (self);
  if (sl_editor_get_file (editor) != NULL)
    remember_recent (self, sl_editor_get_file (editor));
  update_title (self);
  update_actions (self);
}

SlEditor *
sl_window_get_editor (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->editor;
}

/* The folder for the subtitle, with the home folder as "~" as GNOME's
 * editors show it. */
static char *
display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;

  if (parent == NULL)
    return NULL;
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (parent);
}

static void
update_title (SlWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *folder = NULL;
  GFile *file;

  if (self->editor == NULL)
    {
      adw_window_title_set_title (self->window_title, "Shotline");
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), "Shotline");
      return;
    }
  title = sl_editor_dup_title (self->editor);
  /* The dot is GNOME's mark for unsaved changes (Text Editor, Builder). */
  shown = sl_editor_get_modified (self->editor) ? g_strdup_printf ("• %s", title) : g_strdup (title);
  file = sl_editor_get_file (self->editor);
  if (file != NULL)
    folder = display_folder (file);
  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, folder);
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

static void
update_actions (SlWindow *self)
{
  gboolean have_editor = self->editor != NULL;
  SlHistory *history = have_editor ? sl_editor_get_history (self->editor) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", have_editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", have_editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", have_editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", history && sl_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", history && sl_history_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play-pause",
                                 have_editor && sl_editor_get_preview (self->editor) != NULL);
}

/* Loading runs on a worker thread so a large script never freezes the window. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  SlProject *project;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot open “%s”: only local files are supported"), uri);
      return;
    }
  project = sl_project_io_load (path, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

static void
show_open_error (SlWindow     *self,
                 GFile        *file,
                 const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(SlEditor) editor = NULL;
  SlWindow *target = self;

  if (project == NULL)
    {
      show_open_error (self, file, error);
      return;
    }
  if (self->editor != NULL)
    {
      target = sl_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_present (GTK_WINDOW (target));
    }
  editor = sl_editor_new (project, file);
  sl_window_set_editor (target, editor);
}

void
sl_window_open (SlWindow *self,
                GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, NULL, on_loaded, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

void
sl_window_new_project (SlWindow *self)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(SlShot) shot = sl_shot_new (_("Shot 1"), 4 * SL_SECOND);
  g_autoptr(SlEditor) editor = NULL;
  SlWindow *target = self;

  g_list_store_append (sl_project_get_shots (project), shot);
  if (self->editor != NULL)
    {
      target = sl_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_present (GTK_WINDOW (target));
    }
  editor = sl_editor_new (project, NULL);
  sl_window_set_editor (target, editor);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sl_window_new_project (SL_WINDOW (widget));
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Shotline projects and scripts"));
  gtk_file_filter_add_pattern (filter, "*.shotline");
  gtk_file_filter_add_pattern (filter, "*.shots");
  gtk_file_filter_add_mime_type (filter, "application/x-shotline");
  return filter;
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      sl_window_open (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), project_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  sl_window_open (SL_WINDOW (widget), file);
}

/* The demo ships with the app; uninstalled runs find it in the source tree. */
static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *data_dir = g_getenv ("SHOTLINE_DATADIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "demo", "demo.shots", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (data_dir != NULL)
    path = g_build_filename (data_dir, "demo", "demo.shots", NULL);
  else if (g_file_test (installed, G_FILE_TEST_EXISTS))
    path = g_strdup (installed);
  else
    path = g_build_filename (SOURCE_DATADIR, "demo", "demo.shots", NULL);
  file = g_file_new_for_path (path);
  sl_window_open (SL_WINDOW (widget), file);
}

static gboolean
save_to (SlWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!sl_editor_save (self->editor, file, &error))
    {
      sl_window_toast (self, error->message);
      return FALSE;
    }
  sl_recovery_discard (self->recovery);
  remember_recent (self, sl_editor_get_file (self->editor));
  return TRUE;
}

typedef void (*SavedFunc) (SlWindow *self);

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     SlWindow        *self)
{
  SavedFunc then = g_object_get_data (G_OBJECT (dialog), "then");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);

      /* A name without our extensions becomes a project file. */
      if (!g_str_has_suffix (name, ".shotline") && !g_str_has_suffix (name, ".shots"))
        {
          g_autofree char *with_ext = g_strconcat (g_file_peek_path (file), ".shotline", NULL);
          g_autoptr(GFile) named = g_file_new_for_path (with_ext);
          g_set_object (&file, named);
        }
      if (save_to (self, file) && then != NULL)
        then (self);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as (SlWindow  *self,
         SavedFunc  then)
{
  GtkFileChooserNative *chooser;
  g_autofree char *title = sl_editor_dup_title (self->editor);
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), project_filter ());
  name = sl_editor_get_file (self->editor) ? g_strdup (title) : g_strconcat (title, ".shotline", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "then", then);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save (SlWindow  *self,
      SavedFunc  then)
{
  if (sl_editor_get_file (self->editor) == NULL)
    save_as (self, then);
  else if (save_to (self, NULL) && then != NULL)
    then (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (SL_WINDOW (widget), NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (SL_WINDOW (widget), NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkWidget *dialog = sl_export_dialog_new (self->editor);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  sl_history_undo (sl_editor_get_history (self->editor));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  sl_history_redo (sl_editor_get_history (self->editor));
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  SlPreview *preview = sl_editor_get_preview (self->editor);

  if (sl_preview_get_playing (preview))
    sl_preview_pause (preview);
  else
    sl_preview_play (preview);
}

static void
close_after_save (SlWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   SlWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      sl_recovery_discard (self->recovery);
      close_after_save (self);
    }
  else if (g_strcmp0 (response, "save") == 0)
    save (self, close_after_save);
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_settings_set_int (self->settings, "window-width", gtk_widget_get_width (GTK_WIDGET (self)));
  g_settings_set_int (self->settings, "window-height", gtk_widget_get_height (GTK_WIDGET (self)));
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (self->close_confirmed || self->editor == NULL || !sl_editor_get_modified (self->editor))
    {
      if (self->recovery != NULL && self->editor != NULL && !sl_editor_get_modified (self->editor))
        sl_recovery_discard (self->recovery);
      return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
    }

  title = sl_editor_dup_title (self->editor);
  heading = g_strdup_printf (_("Save Changes to “%s”?"), title);
  dialog = adw_message_dialog_new (window, heading,
                                   _("Unsaved changes are lost for good if you close without saving."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Project files dropped anywhere on the window open; images and audio are
 * taken by the shot list and the timeline, which sit above this target. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SlWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  gboolean opened = FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (g_str_has_suffix (name, ".shotline") || g_str_has_suffix (name, ".shots"))
        {
          sl_window_open (self, l->data);
          opened = TRUE;
        }
    }
  return opened;
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  if (self->editor != NULL && sl_editor_get_preview (self->editor) != NULL)
    sl_preview_pause (sl_editor_get_preview (self->editor));
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->recovery);
  g_clear_object (&self->editor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_window_dispose;
  window_class->close_request = sl_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, shot_list_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, preset_browser_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, preview_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, plan_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, script_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, timeline_slot);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
}

static void
sl_window_init (SlWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::render-backend",
                           G_CALLBACK (on_preview_settings_changed), self, 0);
  g_signal_connect_object (self->settings, "changed::preview-size",
                           G_CALLBACK (on_preview_settings_changed), self, 0);
  rebuild_recent_menu (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_title (self);
  update_actions (self);
}

SlWindow *
sl_window_new (GtkApplication *application)
{
  return g_object_new (SL_TYPE_WINDOW, "application", application, NULL);
}
