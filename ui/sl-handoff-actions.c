/* sl-handoff-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-handoff-actions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-handoff-actions.h"

/* One timeline export: the worker renders, the main context shows. */
typedef struct {
  SlWindow         *window;     /* weak: the window may close first */
  AdwToast         *toast;      /* the progress toast, kept until done */
  SlTimelineExport *export;
  char             *path;
  int               permille;   /* written by the worker, read by the UI */
  guint             progress_id;
} TimelineJob;

static void
timeline_job_free (gpointer data)
{
  TimelineJob *job = data;

  g_clear_handle_id (&job->progress_id, g_source_remove);
  g_clear_weak_pointer (&job->window);
  if (job->toast != NULL)
    adw_toast_dismiss (job->toast);
  g_clear_object (&job->toast);
  g_clear_object (&job->export);
  g_free (job->path);
  g_free (job);
}

static void
on_timeline_progress (guint    shots_done,
                      guint    n_shots,
                      double   fraction,
                      gpointer user_data)
{
  TimelineJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) (fraction * 1000));
}

/* The toast's title is refreshed from the main context, never the worker. */
static gboolean
show_timeline_progress (gpointer data)
{
  TimelineJob *job = data;
  g_autofree char *title = g_strdup_printf (_("Exporting the timeline… %d %%"),
                                            (g_atomic_int_get (&job->permille) + 5) / 10);

  adw_toast_set_title (job->toast, title);
  return G_SOURCE_CONTINUE;
}

static void
export_timeline_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  TimelineJob *job = task_data;
  GError *error = NULL;

  if (sl_timeline_export_run (job->export, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_timeline_exported (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TimelineJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  if (job->window == NULL)
    return;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("Exported the timeline to “%s” (%u shots rendered, %u reused)"),
                               name, sl_timeline_export_get_n_rendered (job->export),
                               sl_timeline_export_get_n_reused (job->export));
  else
    message = g_strdup_printf (_("Could not export the timeline to “%s”: %s"), name, error->message);
  sl_window_toast (job->window, message);
}

static void
start_timeline_export (SlWindow *window,
                       GFile    *file)
{
  SlEditor *editor = sl_window_get_editor (window);
  SlTimelineExportSettings settings;
  g_autoptr(GTask) task = NULL;
  TimelineJob *job;

  sl_timeline_export_settings_init (&settings);
  job = g_new0 (TimelineJob, 1);
  job->path = g_file_get_path (file);
  settings.output = job->path;
  if (!sl_timeline_format_from_path (job->path, &settings.format))
    settings.format = SL_TIMELINE_FORMAT_OTIO;
  job->export = sl_timeline_export_new (sl_editor_get_project (editor), &settings);
  sl_timeline_export_set_progress_func (job->export, on_timeline_progress, job, NULL);
  g_set_weak_pointer (&job->window, window);
  job->toast = g_object_ref (adw_toast_new (_("Exporting the timeline…")));
  adw_toast_set_timeout (job->toast, 0);
  sl_window_add_toast (window, g_object_ref (job->toast));
  job->progress_id = g_timeout_add (250, show_timeline_progress, job);

  task = g_task_new (NULL, NULL, on_timeline_exported, NULL);
  g_task_set_task_data (task, job, timeline_job_free);
  g_task_run_in_thread (task, export_timeline_in_thread);
}

typedef void (*ChosenFunc) (SlWindow *window, GFile *file);

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                SlWindow        *window)
{
  ChosenFunc chosen = g_object_get_data (G_OBJECT (dialog), "chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      chosen (window, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (SlWindow             *window,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *suggested_name,
             GtkFileFilter        *filter,
             ChosenFunc            chosen)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window), action,
                                                               accept, _("_Cancel"));

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "chosen", chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
suggested_name (SlWindow *window, const char *extension)
{
  g_autofree char *title = sl_editor_dup_title (sl_window_get_editor (window));
  char *dot = strrchr (title, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strconcat (title, extension, NULL);
}

static void
export_timeline_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  SlWindow *window = user_data;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (window, ".otio");

  gtk_file_filter_set_name (filter, _("OpenTimelineIO or GES timelines"));
  gtk_file_filter_add_pattern (filter, "*.otio");
  gtk_file_filter_add_pattern (filter, "*.xges");
  choose_file (window, _("Export Timeline"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
               name, filter, start_timeline_export);
}

static GtkFileFilter *
camera_path_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Camera paths (RealEstate10K text, JSON)"));
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

/* The selected shot's index, or G_MAXUINT with a toast saying why not. */
static guint
selected_shot_or_explain (SlWindow *window)
{
  guint index = sl_editor_get_selected_index (sl_window_get_editor (window));

  if (index == G_MAXUINT)
    sl_window_toast (window, _("Select a shot first"));
  return index;
}

static void
camera_path_transfer (SlWindow *window,
                      GFile    *file,
                      gboolean  import)
{
  SlEditor *editor = sl_window_get_editor (window);
  guint index = selected_shot_or_explain (window);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  SlCameraPathFormat format;
  gboolean done;

  if (index == G_MAXUINT)
    return;
  if (!sl_camera_path_format_from_path (path, &format))
    format = SL_CAMERA_PATH_FORMAT_RE10K;
  if (import)
    done = sl_camera_path_import_shot (sl_editor_get_project (editor), index, path, format, &error);
  else
    done = sl_camera_path_export_shot (sl_editor_get_project (editor), index, path, format, &error);
  if (!done)
    message = g_strdup_printf (import ? _("Could not import the camera path “%s”: %s")
                                      : _("Could not export the camera path to “%s”: %s"),
                               name, error->message);
  else
    message = g_strdup_printf (import ? _("Imported the camera path “%s”")
                                      : _("Exported the camera path to “%s”"), name);
  sl_window_toast (window, message);
}

static void
export_camera_to (SlWindow *window, GFile *file)
{
  camera_path_transfer (window, file, FALSE);
}

static void
import_camera_from (SlWindow *window, GFile *file)
{
  camera_path_transfer (window, file, TRUE);
}

static void
export_camera_path_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  SlWindow *window = user_data;
  g_autofree char *name = suggested_name (window, "-camera.txt");

  if (selected_shot_or_explain (window) == G_MAXUINT)
    return;
  choose_file (window, _("Export Camera Path"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
               name, camera_path_filter (), export_camera_to);
}

static void
import_camera_path_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  SlWindow *window = user_data;

  if (selected_shot_or_explain (window) == G_MAXUINT)
    return;
  choose_file (window, _("Import Camera Path"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
               NULL, camera_path_filter (), import_camera_from);
}

static const GActionEntry handoff_actions[] = {
  { "export-timeline", export_timeline_action },
  { "export-camera-path", export_camera_path_action },
  { "import-camera-path", import_camera_path_action },
};

void
sl_handoff_actions_install (SlWindow *window)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_return_if_fail (SL_IS_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (group), handoff_actions,
                                   G_N_ELEMENTS (handoff_actions), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "handoff", G_ACTION_GROUP (group));
}
