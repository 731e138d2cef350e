/* sl-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-export-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sl-export-dialog.h"
#include "sl-window.h"

typedef struct {
  const char *name;
  guint       width;
  guint       height;
} SizePreset;

static const SizePreset size_presets[] = {
  { N_("1080p"), 1920, 1080 },
  { N_("720p"), 1280, 720 },
  { N_("4K"), 3840, 2160 },
  { N_("Vertical"), 1080, 1920 },
  { N_("Square"), 1080, 1080 },
};

/* The first choice is the project's own rate (0). */
static const guint frame_rates[] = { 0, 24, 25, 30, 50, 60 };

typedef struct {
  SlExportFormat  format;
  const char     *name;
  const char     *use;
} FormatChoice;

static const FormatChoice format_choices[] = {
  { SL_EXPORT_FORMAT_MP4, N_("MP4 (H.264 + AAC)"), N_("Plays everywhere; best for sharing") },
  { SL_EXPORT_FORMAT_WEBM, N_("WebM (VP9 + Opus)"), N_("Open formats, for the web") },
  { SL_EXPORT_FORMAT_MOV, N_("MOV (ProRes + PCM)"), N_("Large files, for further editing") },
};

typedef struct {
  const char *name;
  const char *use;
} QualityChoice;

/* In SlExportQuality's order. */
static const QualityChoice quality_choices[] = {
  { N_("Draft"), N_("Fast, for checking the cut") },
  { N_("Standard"), N_("Motion blur, good for sharing") },
  { N_("High"), N_("Smoothest motion, largest file, slowest") },
};

/* What the export thread and the dialog share. The dialog pointer is read
 * and cleared only on the main thread; the progress numbers are written by
 * the worker under the mutex and shown by one idle at a time, so a fast
 * export cannot flood the main loop. */
typedef struct {
  SlExportDialog *dialog;
  SlExporter     *exporter;
  GCancellable   *cancellable;
  char           *output;
  GMutex          mutex;
  gint64          done;
  gint64          total;
  double          fps;
  double          eta;
  gboolean        update_pending;
} ExportJob;

struct _SlExportDialog
{
  AdwWindow             parent_instance;

  SlEditor             *editor;
  GFile                *folder;
  GtkFileChooserNative *chooser;
  ExportJob            *job;
  /* The size beyond the presets, the last choice of the size row; 0 when
   * there is none. */
  guint                 extra_width;
  guint                 extra_height;
  gboolean              close_when_cancelled;
  gboolean              format_usable;

  GtkButton            *close_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *message_group;
  GtkImage             *message_icon;
  GtkLabel             *message_title;
  GtkLabel             *message_label;
  AdwComboRow          *size_row;
  AdwComboRow          *rate_row;
  AdwComboRow          *format_row;
  AdwComboRow          *quality_row;
  AdwEntryRow          *name_row;
  AdwActionRow         *folder_row;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *stats_label;
  GtkButton            *cancel_button;
};

G_DEFINE_FINAL_TYPE (SlExportDialog, sl_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
export_job_clear (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->exporter);
  g_clear_object (&job->cancellable);
  g_free (job->output);
  g_mutex_clear (&job->mutex);
}

static ExportJob *
export_job_ref (ExportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
export_job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, export_job_clear);
}

/* Messages and state */

static void
show_message (SlExportDialog *self,
              const char     *icon_name,
              const char     *title,
              const char     *message)
{
  gtk_image_set_from_icon_name (self->message_icon, icon_name);
  gtk_label_set_label (self->message_title, title);
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), TRUE);
}

static void
show_error (SlExportDialog *self,
            const char     *title,
            const GError   *error)
{
  show_message (self, "dialog-warning-symbolic", title, error->message);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_icon), "error");
}

static void
hide_message (SlExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_icon), "error");
}

/* The file name as typed, without surrounding spaces. */
static char *
dup_file_name (SlExportDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static gboolean
file_name_is_valid (const char *name)
{
  return name[0] != '\0' && strchr (name, G_DIR_SEPARATOR) == NULL
         && !g_str_equal (name, ".") && !g_str_equal (name, "..");
}

static void
update_export_sensitive (SlExportDialog *self)
{
  g_autofree char *name = dup_file_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            self->job == NULL && self->format_usable && file_name_is_valid (name));
}

static void
on_name_changed (SlExportDialog *self)
{
  update_export_sensitive (self);
}

/* Choices */

static SlExportFormat
get_format (SlExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return format_choices[MIN (i, G_N_ELEMENTS (format_choices) - 1)].format;
}

static SlExportQuality
get_quality (SlExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->quality_row);

  return (SlExportQuality) MIN (i, G_N_ELEMENTS (quality_choices) - 1);
}

static void
get_size (SlExportDialog *self,
          guint          *width,
          guint          *height)
{
  guint i = adw_combo_row_get_selected (self->size_row);

  if (i < G_N_ELEMENTS (size_presets))
    {
      *width = size_presets[i].width;
      *height = size_presets[i].height;
    }
  else
    {
      *width = self->extra_width;
      *height = self->extra_height;
    }
}

static char *
format_rate (guint num,
             guint den)
{
  if (den == 1 || num % den == 0)
    return g_strdup_printf ("%u", num / den);
  return g_strdup_printf ("%.2f", (double) num / den);
}

static void
fill_rates (SlExportDialog *self)
{
  SlProject *project = sl_editor_get_project (self->editor);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *own = format_rate (sl_project_get_fps_num (project), sl_project_get_fps_den (project));
  g_autofree char *own_label = g_strdup_printf (_("Project’s (%s fps)"), own);

  gtk_string_list_append (list, own_label);
  for (guint i = 1; i < G_N_ELEMENTS (frame_rates); i++)
    {
      g_autofree char *label = g_strdup_printf (_("%u fps"), frame_rates[i]);

      gtk_string_list_append (list, label);
    }
  adw_combo_row_set_model (self->rate_row, G_LIST_MODEL (list));
}

static void
fill_sizes (SlExportDialog *self,
            const char     *extra_label)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    {
      /* Translators: a size preset, e.g. "1080p (1920 × 1080)" */
      g_autofree char *label = g_strdup_printf (_("%s (%u × %u)"), _(size_presets[i].name),
                                                size_presets[i].width, size_presets[i].height);

      gtk_string_list_append (list, label);
    }
  if (extra_label != NULL)
    gtk_string_list_append (list, extra_label);
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (list));
}

/* Selects the preset of the project's size; a size that is none of them
 * becomes the extra choice, so exporting at the project's size is one
 * click away. */
static void
select_project_size (SlExportDialog *self)
{
  SlProject *project = sl_editor_get_project (self->editor);
  guint width = sl_project_get_width (project);
  guint height = sl_project_get_height (project);
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    if (size_presets[i].width == width && size_presets[i].height == height)
      {
        fill_sizes (self, NULL);
        adw_combo_row_set_selected (self->size_row, i);
        return;
      }
  if (width == 0 || height == 0 || width % 2 != 0 || height % 2 != 0)
    {
      fill_sizes (self, NULL);
      adw_combo_row_set_selected (self->size_row, 0);
      return;
    }
  self->extra_width = width;
  self->extra_height = height;
  label = g_strdup_printf (_("Project’s (%u × %u)"), width, height);
  fill_sizes (self, label);
  adw_combo_row_set_selected (self->size_row, G_N_ELEMENTS (size_presets));
}

static void
fill_static_choices (SlExportDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) qualities = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_choices); i++)
    gtk_string_list_append (formats, _(format_choices[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (quality_choices); i++)
    gtk_string_list_append (qualities, _(quality_choices[i].name));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  adw_combo_row_set_model (self->quality_row, G_LIST_MODEL (qualities));
  adw_combo_row_set_selected (self->quality_row, SL_EXPORT_QUALITY_STANDARD);
}

static void
on_quality_selected (SlExportDialog *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->quality_row),
                               _(quality_choices[get_quality (self)].use));
}

/* Gives the typed name the format's extension, replacing the extension of
 * another export format. */
static void
apply_extension (SlExportDialog *self)
{
  g_autofree char *name = dup_file_name (self);
  const char *extension = sl_export_format_get_name (get_format (self));
  SlExportFormat typed;
  g_autofree char *renamed = NULL;

  if (name[0] == '\0')
    return;
  if (sl_export_format_from_path (name, &typed))
    *strrchr (name, '.') = '\0';
  renamed = g_strconcat (name, ".", extension, NULL);
  if (!g_str_equal (renamed, gtk_editable_get_text (GTK_EDITABLE (self->name_row))))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), renamed);
}

/* A format whose encoder or muxer is not installed cannot be exported: say
 * which element is missing (and its package) before the user waits. */
static void
on_format_selected (SlExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);
  g_autoptr(GError) error = NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                               _(format_choices[MIN (i, G_N_ELEMENTS (format_choices) - 1)].use));
  apply_extension (self);
  self->format_usable = sl_export_format_check (get_format (self), &error);
  if (self->format_usable)
    hide_message (self);
  else
    show_error (self, _("This format cannot be written"), error);
  update_export_sensitive (self);
}

/* Destination */

static char *
dup_display_folder (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  const char *home = g_get_home_dir ();

  if (path == NULL)
    return g_file_get_parse_name (folder);
  if (g_str_equal (path, home))
    return g_strdup ("~");
  if (g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

static GFile *
default_folder (SlExportDialog *self)
{
  GFile *file = sl_editor_get_file (self->editor);
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);

  if (file != NULL && g_file_has_parent (file, NULL))
    return g_file_get_parent (file);
  if (videos != NULL && g_file_test (videos, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (videos);
  return g_file_new_for_path (g_get_home_dir ());
}

/* The project's title, else the editor's (the file name, "Untitled"),
 * without an extension and with no character a file name cannot hold. */
static char *
default_base_name (SlExportDialog *self)
{
  const char *title = sl_project_get_title (sl_editor_get_project (self->editor));
  g_autofree char *name = NULL;
  char *dot;

  if (title != NULL && title[0] != '\0')
    name = g_strdup (title);
  else
    {
      name = sl_editor_dup_title (self->editor);
      dot = strrchr (name, '.');
      if (dot != NULL && dot != name)
        *dot = '\0';
    }
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
  g_strstrip (name);
  if (name[0] == '\0' || name[0] == '.')
    return g_strdup (_("Untitled"));
  return g_steal_pointer (&name);
}

static void
on_chooser_response (SlExportDialog *self,
                     int             response,
                     GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        sl_export_dialog_set_folder (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
on_folder_clicked (SlExportDialog *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->folder, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* After the export: opening the file and its folder from the toast. The
 * actions live on the editor window, which outlives this dialog. */

static void
on_launch_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(SlWindow) window = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    sl_window_toast (window, error->message);
}

static void
launch_uri (SlWindow   *window,
            const char *uri)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (display);

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launch_done, g_object_ref (window));
}

static void
open_file_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  launch_uri (SL_WINDOW (data), g_variant_get_string (parameter, NULL));
}

typedef struct {
  SlWindow *window;
  char     *uri;
} ShowItem;

static void
show_item_free (ShowItem *item)
{
  g_object_unref (item->window);
  g_free (item->uri);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowItem, show_item_free)

/* Without a file manager that selects the file, its folder opens. */
static void
open_parent_folder (ShowItem *item)
{
  g_autoptr(GFile) file = g_file_new_for_uri (item->uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *parent_uri = parent != NULL ? g_file_get_uri (parent) : NULL;

  if (parent_uri != NULL)
    launch_uri (item->window, parent_uri);
}

static void
on_show_items_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(ShowItem) item = data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  if (reply == NULL)
    open_parent_folder (item);
}

static void
on_session_bus (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(ShowItem) item = data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  const char *uris[] = { item->uri, NULL };

  if (bus == NULL)
    {
      open_parent_folder (item);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          on_show_items_done, g_steal_pointer (&item));
}

static void
show_in_folder_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  ShowItem *item = g_new0 (ShowItem, 1);

  item->window = g_object_ref (SL_WINDOW (data));
  item->uri = g_variant_dup_string (parameter, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_session_bus, item);
}

static void
install_file_actions (SlWindow *window)
{
  static const GActionEntry entries[] = {
    { "open-file", open_file_action, "s" },
    { "show-in-folder", show_in_folder_action, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "export", G_ACTION_GROUP (group));
}

/* One toast with both buttons: AdwToast has one, so "Show in Folder"
 * sits in its custom title. */
static void
show_done_toast (SlExportDialog *self,
                 const char     *output)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *uri = g_filename_to_uri (output, NULL, NULL);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), base);
  AdwToast *toast;
  GtkWidget *box, *label, *button;

  if (!SL_IS_WINDOW (parent) || uri == NULL)
    return;
  install_file_actions (SL_WINDOW (parent));
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_action_name (toast, "export.open-file");
  adw_toast_set_action_target (toast, "s", uri);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_name (box, "export-toast-title");
  label = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  button = gtk_button_new_with_mnemonic (_("Show in _Folder"));
  gtk_widget_set_name (button, "show-in-folder-button");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "export.show-in-folder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
  g_signal_connect_object (button, "clicked", G_CALLBACK (adw_toast_dismiss), toast, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  adw_toast_set_custom_title (toast, box);
  sl_window_add_toast (SL_WINDOW (parent), toast);
}

/* Progress */

static char *
format_time_left (double eta)
{
  guint seconds = (guint) (eta + 0.5);

  if (eta < 0)
    return g_strdup (_("estimating time left"));
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second left", "%u seconds left", seconds), seconds);
  if (seconds < 3600)
    /* Translators: minutes:seconds */
    return g_strdup_printf (_("%u:%02u left"), seconds / 60, seconds % 60);
  /* Translators: hours:minutes:seconds */
  return g_strdup_printf (_("%u:%02u:%02u left"), seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/* The backend as the preferences name it. */
static const char *
backend_display_name (const char *backend)
{
  if (g_str_equal (backend, "cpu"))
    return _("the CPU");
  if (g_str_equal (backend, "vulkan"))
    return "Vulkan";
  if (g_str_equal (backend, "cuda"))
    return "CUDA";
  return backend;
}

static void
show_progress (SlExportDialog *self,
               gint64          done,
               gint64          total,
               double          fps,
               double          eta)
{
  double fraction = total > 0 ? CLAMP ((double) done / total, 0, 1) : 0;
  g_autofree char *percent = g_strdup_printf (_("%d %%"), (int) (100 * fraction));
  g_autofree char *left = format_time_left (eta);
  g_autofree char *stats = NULL;
  const char *backend = sl_exporter_get_backend_name (self->job->exporter);

  /* Translators: frames done, of all; render speed; time left */
  stats = g_strdup_printf (_("Frame %lld of %lld · %.1f frames/s · %s"),
                           (long long) done, (long long) total, fps, left);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, percent);
  gtk_label_set_label (self->stats_label, stats);
  if (backend != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->job->output);
      /* Translators: the file's name and the render backend ("the CPU", "Vulkan") */
      g_autofree char *description = g_strdup_printf (_("“%s”, rendered on %s"), base,
                                                      backend_display_name (backend));

      adw_status_page_set_description (self->progress_page, description);
    }
}

static gboolean
deliver_progress (gpointer data)
{
  ExportJob *job = data;
  gint64 done, total;
  double fps, eta;

  g_mutex_lock (&job->mutex);
  done = job->done;
  total = job->total;
  fps = job->fps;
  eta = job->eta;
  job->update_pending = FALSE;
  g_mutex_unlock (&job->mutex);
  if (job->dialog != NULL)
    show_progress (job->dialog, done, total, fps, eta);
  return G_SOURCE_REMOVE;
}

/* Runs on the export thread. */
static void
on_export_progress (gint64   done,
                    gint64   total,
                    double   fps,
                    double   eta,
                    gpointer data)
{
  ExportJob *job = data;
  gboolean schedule;

  g_mutex_lock (&job->mutex);
  job->done = done;
  job->total = total;
  job->fps = fps;
  job->eta = eta;
  schedule = !job->update_pending;
  job->update_pending = TRUE;
  g_mutex_unlock (&job->mutex);
  if (schedule)
    g_idle_add_full (G_PRIORITY_DEFAULT, deliver_progress, export_job_ref (job), export_job_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (sl_exporter_run (job->exporter, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_exporting (SlExportDialog *self,
               gboolean        exporting)
{
  gtk_stack_set_visible_child_name (self->stack, exporting ? "progress" : "settings");
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), !exporting);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), !exporting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  update_export_sensitive (self);
}

static void
finish_export (SlExportDialog *self,
               gboolean        ok,
               const GError   *error)
{
  g_autofree char *output = g_strdup (self->job->output);

  self->job->dialog = NULL;
  g_clear_pointer (&self->job, export_job_unref);
  set_exporting (self, FALSE);
  if (ok)
    show_done_toast (self, output);
  if (ok || self->close_when_cancelled)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, "dialog-information-symbolic", _("Export cancelled"),
                  _("No file was written."));
  else
    show_error (self, _("Export failed"), error);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (job->dialog != NULL)
    finish_export (job->dialog, ok, error);
  export_job_unref (job);
}

static SlExporter *
create_exporter (SlExportDialog *self,
                 const char     *output,
                 GError        **error)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *backend = g_settings_get_string (settings, "render-backend");
  guint rate = frame_rates[MIN (adw_combo_row_get_selected (self->rate_row), G_N_ELEMENTS (frame_rates) - 1)];
  g_autoptr(SlExporter) exporter = NULL;
  SlExportSettings export_settings;

  sl_export_settings_init (&export_settings);
  export_settings.output = output;
  export_settings.format = get_format (self);
  export_settings.quality = get_quality (self);
  export_settings.backend = backend;
  export_settings.fps_num = rate;
  export_settings.fps_den = rate > 0 ? 1 : 0;
  get_size (self, &export_settings.width, &export_settings.height);
  /* The exporter snapshots the project here, so the document may change
   * while the worker renders. */
  exporter = sl_exporter_new (sl_editor_get_project (self->editor), &export_settings);
  if (sl_exporter_get_n_frames (exporter, error) < 0)
    return NULL;
  return g_steal_pointer (&exporter);
}

static void
start_export (SlExportDialog *self,
              const char     *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlExporter) exporter = create_exporter (self, output, &error);
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = g_path_get_basename (output);
  ExportJob *job;

  if (exporter == NULL)
    {
      show_error (self, _("Export failed"), error);
      return;
    }
  job = g_atomic_rc_box_new0 (ExportJob);
  g_mutex_init (&job->mutex);
  job->dialog = self;
  job->exporter = g_steal_pointer (&exporter);
  job->cancellable = g_cancellable_new ();
  job->output = g_strdup (output);
  job->eta = -1;
  /* The exporter calls back with the job but holds no reference: the task
   * keeps the job (and so the exporter) alive for the whole run. */
  sl_exporter_set_progress_func (job->exporter, on_export_progress, job, NULL);
  self->job = job;
  self->close_when_cancelled = FALSE;

  hide_message (self);
  adw_status_page_set_description (self->progress_page, base);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("0 %"));
  gtk_label_set_label (self->stats_label, _("Starting…"));
  set_exporting (self, TRUE);

  /* No source object: the task may be released on the worker thread, and
   * a widget must not be finalized there. */
  task = g_task_new (NULL, job->cancellable, on_export_done, export_job_ref (job));
  g_task_set_task_data (task, export_job_ref (job), export_job_unref);
  g_task_run_in_thread (task, export_thread);
}

static void
on_replace_response (SlExportDialog *self,
                     const char     *response,
                     AdwMessageDialog *dialog)
{
  const char *output = g_object_get_data (G_OBJECT (dialog), "output");

  if (g_str_equal (response, "replace") && self->job == NULL)
    start_export (self, output);
}

static void
confirm_replace (SlExportDialog *self,
                 const char     *output)
{
  g_autofree char *base = g_path_get_basename (output);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Replace “%s”?"), base);
  adw_message_dialog_set_body (dialog, _("A file with this name already exists in the folder. "
                                         "Exporting replaces it when the new file is complete."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "output", g_strdup (output), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_clicked (SlExportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *folder_path = g_file_get_path (self->folder);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->export_button)) || self->job != NULL)
    return;
  apply_extension (self);
  name = dup_file_name (self);
  if (folder_path == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Exports can only be written to a local folder"));

      show_error (self, _("Export failed"), error);
      return;
    }
  output = g_build_filename (folder_path, name, NULL);
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    confirm_replace (self, output);
  else
    start_export (self, output);
}

static void
on_cancel_clicked (SlExportDialog *self)
{
  if (self->job == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_label_set_label (self->stats_label, _("Cancelling…"));
  g_cancellable_cancel (self->job->cancellable);
}

/* Closing while exporting cancels; the window goes once the part file is
 * gone, so no half-written file outlives it. */
static gboolean
sl_export_dialog_close_request (GtkWindow *window)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (window);

  if (self->job == NULL)
    return FALSE;
  self->close_when_cancelled = TRUE;
  on_cancel_clicked (self);
  return TRUE;
}

static void
sl_export_dialog_constructed (GObject *object)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  G_OBJECT_CLASS (sl_export_dialog_parent_class)->constructed (object);

  fill_rates (self);
  select_project_size (self);
  base = default_base_name (self);
  name = g_strconcat (base, ".", sl_export_format_get_name (get_format (self)), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  folder = default_folder (self);
  sl_export_dialog_set_folder (self, folder);
  on_format_selected (self);
  on_quality_selected (self);
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (on_format_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quality_row, "notify::selected", G_CALLBACK (on_quality_selected), self, G_CONNECT_SWAPPED);
}

static void
sl_export_dialog_dispose (GObject *object)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  /* Destroyed with its parent while exporting: stop the worker; it deletes
   * the part file on its own. */
  if (self->job != NULL)
    {
      self->job->dialog = NULL;
      g_cancellable_cancel (self->job->cancellable);
      g_clear_pointer (&self->job, export_job_unref);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->folder);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_export_dialog_parent_class)->dispose (object);
}

static void
sl_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_export_dialog_class_init (SlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sl_export_dialog_constructed;
  object_class->dispose = sl_export_dialog_dispose;
  object_class->get_property = sl_export_dialog_get_property;
  object_class->set_property = sl_export_dialog_set_property;
  window_class->close_request = sl_export_dialog_close_request;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, message_title);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, rate_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, quality_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, stats_label);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_export_dialog_init (SlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->format_usable = TRUE;
  fill_static_choices (self);
}

GtkWidget *
sl_export_dialog_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_EXPORT_DIALOG, "editor", editor, NULL);
}

SlEditor *
sl_export_dialog_get_editor (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), NULL);
  return self->editor;
}

void
sl_export_dialog_set_size (SlExportDialog *self,
                           guint           width,
                           guint           height)
{
  g_autofree char *label = NULL;

  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (width > 0 && height > 0 && width % 2 == 0 && height % 2 == 0);

  self->extra_width = width;
  self->extra_height = height;
  label = g_strdup_printf (_("Custom (%u × %u)"), width, height);
  fill_sizes (self, label);
  adw_combo_row_set_selected (self->size_row, G_N_ELEMENTS (size_presets));
}

void
sl_export_dialog_set_folder (SlExportDialog *self,
                             GFile          *folder)
{
  g_autofree char *display = NULL;

  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  display = dup_display_folder (folder);
  adw_action_row_set_subtitle (self->folder_row, display);
}

GFile *
sl_export_dialog_get_folder (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), NULL);
  return self->folder;
}

gboolean
sl_export_dialog_get_exporting (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), FALSE);
  return self->job != NULL;
}
