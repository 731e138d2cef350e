/* sl-reference-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-reference-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-reference-row.h"

/* Thumbnails are squares this many pixels a side, cut from the middle of
 * the picture: enough for the 40 px frame at a scale of 1.5. */
#define THUMBNAIL_SIZE 64
/* Depth is estimated on a picture no larger than this: the preview is
 * small, and the estimate's cost grows with the pixels. */
#define DEPTH_SIZE 256

struct _SlReferenceRow
{
  AdwExpanderRow  parent_instance;

  SlEditor       *editor;
  SlShot         *shot;
  SlReference    *reference;
  SlImageCache   *cache;
  GCancellable   *cancellable;  /* of the thumbnail and depth tasks */
  gboolean        depth_done;   /* depth_picture shows the current file's depth */
  guint           updating;     /* > 0 while the row writes its own widgets */

  GtkStack       *thumbnail_stack;
  GtkImage       *thumbnail;
  AdwComboRow    *role_row;
  AdwActionRow   *depth_row;
  GtkToggleButton *depth_button;
  GtkListBoxRow  *depth_picture_row;
  GtkStack       *depth_stack;
  GtkSpinner     *depth_spinner;
  GtkPicture     *depth_picture;
};

G_DEFINE_FINAL_TYPE (SlReferenceRow, sl_reference_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_SHOT,
  PROP_REFERENCE,
  PROP_CACHE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  SlImageCache *cache;
  char         *path;
} ImageJob;

static void
image_job_free (ImageJob *job)
{
  g_object_unref (job->cache);
  g_free (job->path);
  g_free (job);
}

static char *
dup_path (SlReferenceRow *self)
{
  SlProject *project = sl_editor_get_project (self->editor);

  return sl_project_resolve_path (project, sl_reference_get_file (self->reference));
}

static GTask *
image_task_new (SlReferenceRow      *self,
                GAsyncReadyCallback  callback)
{
  GTask *task = g_task_new (self, self->cancellable, callback, NULL);
  ImageJob *job = g_new0 (ImageJob, 1);

  job->cache = g_object_ref (self->cache);
  job->path = dup_path (self);
  g_task_set_task_data (task, job, (GDestroyNotify) image_job_free);
  return task;
}

static GdkTexture *
texture_from_image (SlImage *image)
{
  return gdk_memory_texture_new (sl_image_get_width (image), sl_image_get_height (image),
                                 GDK_MEMORY_R8G8B8A8, sl_image_get_bytes (image),
                                 sl_image_get_stride (image));
}

/* The middle square of the picture at @size × @size. */
static GdkTexture *
square_texture (SlImage *image,
                int      size)
{
  g_autoptr(GdkPixbuf) pixbuf = sl_image_to_pixbuf (image);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int side = MIN (width, height);
  g_autoptr(GdkPixbuf) square = gdk_pixbuf_new_subpixbuf (pixbuf, (width - side) / 2, (height - side) / 2, side, side);
  g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (square, size, size, GDK_INTERP_BILINEAR);

  return gdk_texture_new_for_pixbuf (scaled);
}

static void
load_thumbnail_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ImageJob *job = task_data;
  GError *error = NULL;
  g_autoptr(SlImage) image = sl_image_cache_get (job->cache, job->path, THUMBNAIL_SIZE, THUMBNAIL_SIZE, &error);

  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, square_texture (image, THUMBNAIL_SIZE), g_object_unref);
}

static void
on_thumbnail_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SlReferenceRow *self = SL_REFERENCE_ROW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      gtk_stack_set_visible_child_name (self->thumbnail_stack, "broken");
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), error->message);
      return;
    }
  gtk_image_set_from_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "picture");
}

static void
estimate_depth_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ImageJob *job = task_data;
  GError *error = NULL;
  g_autoptr(SlImage) image = sl_image_cache_get (job->cache, job->path, DEPTH_SIZE, DEPTH_SIZE, &error);
  g_autoptr(SlImage) small = NULL;
  g_autoptr(SlDepthEstimator) estimator = NULL;
  g_autoptr(SlDepthMap) depth = NULL;
  g_autoptr(SlImage) gray = NULL;

  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  small = sl_image_downscale_to_fit (image, DEPTH_SIZE, DEPTH_SIZE);
  estimator = sl_depth_estimator_new ();
  /* Strength scales parallax, not the map: 1 shows it as estimated. */
  depth = sl_depth_estimator_estimate (estimator, small, 1.0);
  gray = sl_depth_map_to_image (depth);
  g_task_return_pointer (task, texture_from_image (gray), g_object_unref);
}

static void
on_depth_estimated (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SlReferenceRow *self = SL_REFERENCE_ROW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->depth_spinner);
  if (texture == NULL)
    {
      adw_action_row_set_subtitle (self->depth_row, error->message);
      gtk_toggle_button_set_active (self->depth_button, FALSE);
      return;
    }
  self->depth_done = TRUE;
  gtk_picture_set_paintable (self->depth_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->depth_stack, "picture");
}

static void
start_depth (SlReferenceRow *self)
{
  g_autoptr(GTask) task = image_task_new (self, on_depth_estimated);

  gtk_stack_set_visible_child_name (self->depth_stack, "computing");
  gtk_spinner_start (self->depth_spinner);
  g_task_run_in_thread (task, estimate_depth_thread);
}

/* A new file: drop what was decoded from the old one and load again. */
static void
load_images (SlReferenceRow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  self->depth_done = FALSE;
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "loading");
  task = image_task_new (self, on_thumbnail_loaded);
  g_task_run_in_thread (task, load_thumbnail_thread);
  if (gtk_toggle_button_get_active (self->depth_button))
    start_depth (self);
}

static void
refresh (SlReferenceRow *self)
{
  SlReferenceRole role = sl_reference_get_role (self->reference);
  GListModel *roles = adw_combo_row_get_model (self->role_row);
  g_autofree char *path = dup_path (self);
  g_autofree char *name = g_path_get_basename (sl_reference_get_file (self->reference));
  gboolean plate = role == SL_REFERENCE_ROLE_PLATE;

  self->updating++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), path);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->thumbnail_stack), "broken") != 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                   gtk_string_list_get_string (GTK_STRING_LIST (roles), role));
  adw_combo_row_set_selected (self->role_row, role);
  gtk_widget_set_visible (GTK_WIDGET (self->depth_row), plate);
  gtk_widget_set_visible (GTK_WIDGET (self->depth_picture_row),
                          plate && gtk_toggle_button_get_active (self->depth_button));
  self->updating--;
}

static void
on_reference_notify (SlReferenceRow *self,
                     GParamSpec     *pspec)
{
  if (g_strcmp0 (pspec->name, "file") == 0)
    load_images (self);
  refresh (self);
}

static void
on_role_selected (SlReferenceRow *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);

  if (self->updating > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  sl_history_set (sl_editor_get_history (self->editor), self->reference,
                  "role", (SlReferenceRole) selected, NULL);
}

static void
on_depth_toggled (SlReferenceRow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->depth_button);

  gtk_widget_set_visible (GTK_WIDGET (self->depth_picture_row), active);
  gtk_button_set_label (GTK_BUTTON (self->depth_button), active ? _("Hide") : _("Show"));
  if (active && !self->depth_done)
    start_depth (self);
}

static void
on_remove_clicked (SlReferenceRow *self)
{
  GListStore *references = sl_shot_get_references (self->shot);
  SlHistory *history = sl_editor_get_history (self->editor);
  guint position;

  if (!g_list_store_find (references, self->reference, &position))
    return;
  sl_history_begin (history, _("Remove Reference"));
  sl_history_remove (history, references, position);
  sl_history_end (history);
}

static void
sl_reference_row_constructed (GObject *object)
{
  SlReferenceRow *self = SL_REFERENCE_ROW (object);

  G_OBJECT_CLASS (sl_reference_row_parent_class)->constructed (object);

  g_signal_connect_object (self->reference, "notify", G_CALLBACK (on_reference_notify), self, G_CONNECT_SWAPPED);
  refresh (self);
  load_images (self);
}

static void
sl_reference_row_dispose (GObject *object)
{
  SlReferenceRow *self = SL_REFERENCE_ROW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->reference != NULL)
    g_signal_handlers_disconnect_by_data (self->reference, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_REFERENCE_ROW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reference);
  g_clear_object (&self->shot);
  g_clear_object (&self->cache);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_reference_row_parent_class)->dispose (object);
}

static void
sl_reference_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SlReferenceRow *self = SL_REFERENCE_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR: g_value_set_object (value, self->editor); break;
    case PROP_SHOT: g_value_set_object (value, self->shot); break;
    case PROP_REFERENCE: g_value_set_object (value, self->reference); break;
    case PROP_CACHE: g_value_set_object (value, self->cache); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_reference_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SlReferenceRow *self = SL_REFERENCE_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR: self->editor = g_value_dup_object (value); break;
    case PROP_SHOT: self->shot = g_value_dup_object (value); break;
    case PROP_REFERENCE: self->reference = g_value_dup_object (value); break;
    case PROP_CACHE: self->cache = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_reference_row_class_init (SlReferenceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_reference_row_constructed;
  object_class->dispose = sl_reference_row_dispose;
  object_class->get_property = sl_reference_row_get_property;
  object_class->set_property = sl_reference_row_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOT] =
    g_param_spec_object ("shot", NULL, NULL, SL_TYPE_SHOT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] =
    g_param_spec_object ("reference", NULL, NULL, SL_TYPE_REFERENCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, SL_TYPE_IMAGE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-reference-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, depth_row);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, depth_button);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, depth_picture_row);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, depth_stack);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, depth_spinner);
  gtk_widget_class_bind_template_child (widget_class, SlReferenceRow, depth_picture);
  gtk_widget_class_bind_template_callback (widget_class, on_role_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_depth_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
sl_reference_row_init (SlReferenceRow *self)
{
  /* The template's signal handlers fire while it is built. */
  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating--;
}

GtkWidget *
sl_reference_row_new (SlEditor     *editor,
                      SlShot       *shot,
                      SlReference  *reference,
                      SlImageCache *cache)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (SL_IS_SHOT (shot), NULL);
  g_return_val_if_fail (SL_IS_REFERENCE (reference), NULL);
  g_return_val_if_fail (SL_IS_IMAGE_CACHE (cache), NULL);

  return g_object_new (SL_TYPE_REFERENCE_ROW, "editor", editor, "shot", shot,
                       "reference", reference, "cache", cache, NULL);
}
