/* sl-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-timeline"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sl-timeline.h"
#include "sl-timeline-canvas.h"

struct _SlTimeline
{
  GtkWidget         parent_instance;
  SlEditor         *editor;
  SlTimelineCanvas *canvas;

  AdwBin           *canvas_slot;
  GtkLabel         *timecode;
  GtkWidget        *delete_button;
  GtkToggleButton  *snap_button;
  GtkAdjustment    *zoom_adjustment;
};

G_DEFINE_FINAL_TYPE (SlTimeline, sl_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The slider runs 0..1 over the zoom range on a log scale, so each step
 * zooms by the same factor. */
static double
slider_to_zoom (double value)
{
  return SL_TIMELINE_MIN_ZOOM * pow (SL_TIMELINE_MAX_ZOOM / SL_TIMELINE_MIN_ZOOM, value);
}

static double
zoom_to_slider (double zoom)
{
  return log (zoom / SL_TIMELINE_MIN_ZOOM) / log (SL_TIMELINE_MAX_ZOOM / SL_TIMELINE_MIN_ZOOM);
}

static void
on_zoom_changed (SlTimeline *self)
{
  double zoom = slider_to_zoom (gtk_adjustment_get_value (self->zoom_adjustment));

  /* The canvas's own zoom (Ctrl+scroll) moved the slider: nothing to do. */
  if (self->canvas != NULL && fabs (zoom - sl_timeline_canvas_get_pixels_per_second (self->canvas)) > 1e-6)
    sl_timeline_canvas_set_pixels_per_second (self->canvas, zoom);
}

static void
on_canvas_zoom (SlTimeline *self)
{
  gtk_adjustment_set_value (self->zoom_adjustment,
                            zoom_to_slider (sl_timeline_canvas_get_pixels_per_second (self->canvas)));
}

static void
on_split_clicked (SlTimeline *self)
{
  sl_timeline_canvas_split_at_playhead (self->canvas);
}

static void
on_delete_clicked (SlTimeline *self)
{
  sl_timeline_canvas_delete_selected (self->canvas);
}

static char *
format_timecode (gint64 t)
{
  gint64 hundredths = MAX (t, 0) / (SL_SECOND / 100);

  return g_strdup_printf ("%02lld:%02lld.%02lld", (long long) (hundredths / 6000),
                          (long long) (hundredths / 100 % 60), (long long) (hundredths % 100));
}

static void
update_timecode (SlTimeline *self)
{
  g_autofree char *position = format_timecode (sl_editor_get_position (self->editor));
  g_autofree char *duration = format_timecode (sl_project_get_duration (sl_editor_get_project (self->editor)));
  g_autofree char *text = g_strdup_printf ("%s / %s", position, duration);

  gtk_label_set_label (self->timecode, text);
}

static void
update_buttons (SlTimeline *self)
{
  gtk_widget_set_sensitive (self->delete_button, sl_editor_get_selected_shot (self->editor) != NULL);
}

static void
on_preview_changed (SlTimeline *self)
{
  SlPreview *preview = sl_editor_get_preview (self->editor);

  if (preview != NULL)
    g_signal_connect_object (preview, "position-changed", G_CALLBACK (update_timecode), self, G_CONNECT_SWAPPED);
  update_timecode (self);
}

static void
sl_timeline_constructed (GObject *object)
{
  SlTimeline *self = SL_TIMELINE (object);

  G_OBJECT_CLASS (sl_timeline_parent_class)->constructed (object);

  self->canvas = SL_TIMELINE_CANVAS (sl_timeline_canvas_new (self->editor));
  adw_bin_set_child (self->canvas_slot, GTK_WIDGET (self->canvas));
  g_object_bind_property (self->snap_button, "active", self->canvas, "snapping",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->canvas, "notify::pixels-per-second", G_CALLBACK (on_canvas_zoom),
                           self, G_CONNECT_SWAPPED);
  on_canvas_zoom (self);

  g_signal_connect_object (self->editor, "notify::selected-shot", G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "seek-requested", G_CALLBACK (update_timecode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::preview", G_CALLBACK (on_preview_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_editor_get_project (self->editor), "changed", G_CALLBACK (update_timecode),
                           self, G_CONNECT_SWAPPED);
  on_preview_changed (self);
  update_buttons (self);
}

static void
sl_timeline_dispose (GObject *object)
{
  SlTimeline *self = SL_TIMELINE (object);
  GtkWidget *child;

  if (self->editor != NULL)
    {
      SlPreview *preview = sl_editor_get_preview (self->editor);

      g_signal_handlers_disconnect_by_data (self->editor, self);
      g_signal_handlers_disconnect_by_data (sl_editor_get_project (self->editor), self);
      if (preview != NULL)
        g_signal_handlers_disconnect_by_data (preview, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_TIMELINE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->canvas = NULL;
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_timeline_parent_class)->dispose (object);
}

static void
sl_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlTimeline *self = SL_TIMELINE (object);

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
sl_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlTimeline *self = SL_TIMELINE (object);

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
sl_timeline_class_init (SlTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_timeline_constructed;
  object_class->dispose = sl_timeline_dispose;
  object_class->get_property = sl_timeline_get_property;
  object_class->set_property = sl_timeline_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, SlTimeline, canvas_slot);
  gtk_widget_class_bind_template_child (widget_class, SlTimeline, timecode);
  gtk_widget_class_bind_template_child (widget_class, SlTimeline, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SlTimeline, snap_button);
  gtk_widget_class_bind_template_child (widget_class, SlTimeline, zoom_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_split_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sl-timeline");
}

static void
sl_timeline_init (SlTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_timeline_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_TIMELINE, "editor", editor, NULL);
}

SlEditor *
sl_timeline_get_editor (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), NULL);
  return self->editor;
}
