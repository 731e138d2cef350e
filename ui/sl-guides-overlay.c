/* sl-guides-overlay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-guides-overlay"

#include "config.h"

#include <math.h>

#include "sl-guides-overlay.h"

/* The broadcast conventions: action stays inside 90 % of the frame, titles
 * inside 80 %. */
#define ACTION_SAFE 0.90f
#define TITLE_SAFE  0.80f

struct _SlGuidesOverlay
{
  GtkWidget parent_instance;
  gboolean  show_safe_areas;
  gboolean  show_thirds;
};

G_DEFINE_FINAL_TYPE (SlGuidesOverlay, sl_guides_overlay, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_SAFE_AREAS,
  PROP_SHOW_THIRDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Light lines with a dark one under them read on bright and dark frames
 * alike. */
static const GdkRGBA line_colour = { 1.0f, 1.0f, 1.0f, 0.55f };
static const GdkRGBA faint_colour = { 1.0f, 1.0f, 1.0f, 0.35f };
static const GdkRGBA shadow_colour = { 0.0f, 0.0f, 0.0f, 0.35f };

static void
append_line (GtkSnapshot   *snapshot,
             float          x,
             float          y,
             float          width,
             float          height,
             const GdkRGBA *colour)
{
  gtk_snapshot_append_color (snapshot, &shadow_colour,
                             &GRAPHENE_RECT_INIT (x + 1, y + 1, width, height));
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
}

/* A rectangle of @fraction of the frame, centred, outlined one pixel wide. */
static void
append_safe_frame (GtkSnapshot   *snapshot,
                   float          width,
                   float          height,
                   float          fraction,
                   const GdkRGBA *colour)
{
  float x = roundf (width * (1 - fraction) / 2);
  float y = roundf (height * (1 - fraction) / 2);
  float w = width - 2 * x;
  float h = height - 2 * y;

  append_line (snapshot, x, y, w, 1, colour);
  append_line (snapshot, x, y + h - 1, w, 1, colour);
  append_line (snapshot, x, y + 1, 1, h - 2, colour);
  append_line (snapshot, x + w - 1, y + 1, 1, h - 2, colour);
}

static void
append_thirds (GtkSnapshot *snapshot,
               float        width,
               float        height)
{
  for (int i = 1; i <= 2; i++)
    {
      append_line (snapshot, roundf (width * i / 3), 0, 1, height, &faint_colour);
      append_line (snapshot, 0, roundf (height * i / 3), width, 1, &faint_colour);
    }
}

static void
sl_guides_overlay_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SlGuidesOverlay *self = SL_GUIDES_OVERLAY (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);

  if (width < 4 || height < 4)
    return;
  if (self->show_thirds)
    append_thirds (snapshot, width, height);
  if (self->show_safe_areas)
    {
      append_safe_frame (snapshot, width, height, ACTION_SAFE, &line_colour);
      append_safe_frame (snapshot, width, height, TITLE_SAFE, &faint_colour);
    }
}

static void
sl_guides_overlay_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SlGuidesOverlay *self = SL_GUIDES_OVERLAY (object);

  switch (prop_id)
    {
    case PROP_SHOW_SAFE_AREAS:
      g_value_set_boolean (value, self->show_safe_areas);
      break;
    case PROP_SHOW_THIRDS:
      g_value_set_boolean (value, self->show_thirds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guides_overlay_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SlGuidesOverlay *self = SL_GUIDES_OVERLAY (object);

  switch (prop_id)
    {
    case PROP_SHOW_SAFE_AREAS:
      sl_guides_overlay_set_show_safe_areas (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_THIRDS:
      sl_guides_overlay_set_show_thirds (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guides_overlay_class_init (SlGuidesOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sl_guides_overlay_get_property;
  object_class->set_property = sl_guides_overlay_set_property;
  widget_class->snapshot = sl_guides_overlay_snapshot;

  properties[PROP_SHOW_SAFE_AREAS] =
    g_param_spec_boolean ("show-safe-areas", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_THIRDS] =
    g_param_spec_boolean ("show-thirds", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "guides");
}

static void
sl_guides_overlay_init (SlGuidesOverlay *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sl_guides_overlay_new (void)
{
  return g_object_new (SL_TYPE_GUIDES_OVERLAY, NULL);
}

void
sl_guides_overlay_set_show_safe_areas (SlGuidesOverlay *self,
                                       gboolean         show)
{
  g_return_if_fail (SL_IS_GUIDES_OVERLAY (self));

  show = !!show;
  if (self->show_safe_areas == show)
    return;
  self->show_safe_areas = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SAFE_AREAS]);
}

gboolean
sl_guides_overlay_get_show_safe_areas (SlGuidesOverlay *self)
{
  g_return_val_if_fail (SL_IS_GUIDES_OVERLAY (self), FALSE);
  return self->show_safe_areas;
}

void
sl_guides_overlay_set_show_thirds (SlGuidesOverlay *self,
                                   gboolean         show)
{
  g_return_if_fail (SL_IS_GUIDES_OVERLAY (self));

  show = !!show;
  if (self->show_thirds == show)
    return;
  self->show_thirds = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_THIRDS]);
}

gboolean
sl_guides_overlay_get_show_thirds (SlGuidesOverlay *self)
{
  g_return_val_if_fail (SL_IS_GUIDES_OVERLAY (self), FALSE);
  return self->show_thirds;
}
