/* sl-preview-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preview-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-preview-view.h"

struct _SlPreviewView
{
  GtkWidget parent_instance;
  SlEditor *editor;
};

G_DEFINE_FINAL_TYPE (SlPreviewView, sl_preview_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_preview_view_dispose (GObject *object)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PREVIEW_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_preview_view_parent_class)->dispose (object);
}

static void
sl_preview_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (object);

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
sl_preview_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (object);

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
sl_preview_view_class_init (SlPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_preview_view_dispose;
  object_class->get_property = sl_preview_view_get_property;
  object_class->set_property = sl_preview_view_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-preview-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sl_preview_view_init (SlPreviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_preview_view_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_PREVIEW_VIEW, "editor", editor, NULL);
}

SlEditor *
sl_preview_view_get_editor (SlPreviewView *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW_VIEW (self), NULL);
  return self->editor;
}
