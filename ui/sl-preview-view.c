/* sl-preview-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preview-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sl-frame-sketch.h"
#include "sl-guides-overlay.h"
#include "sl-preview-view.h"

struct _SlPreviewView
{
  GtkWidget        parent_instance;
  SlEditor        *editor;
  SlPreview       *preview;
  GSettings       *settings;
  /* The preview-size values the schema allows, in the dropdown's order. */
  char           **sizes;
  /* What went wrong while there is no preview, for the status page. */
  char            *preview_error;
  gboolean         loop;
  gboolean         show_frame_sketch;
  GtkWidget       *frame_sketch;

  GtkStack        *content_stack;
  GtkOverlay      *overlay;
  GtkPicture      *picture;
  GtkSpinner      *spinner;
  SlGuidesOverlay *guides;
  AdwStatusPage   *status_page;
  GtkButton       *play_button;
  GtkLabel        *shot_label;
  GtkLabel        *rate_label;
  GtkLabel        *position_label;
  GtkLabel        *duration_label;
  GtkLabel        *stats_label;
  GtkToggleButton *thirds_button;
  GtkToggleButton *safe_areas_button;
  GtkDropDown     *size_dropdown;
};

G_DEFINE_FINAL_TYPE (SlPreviewView, sl_preview_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_LOOP,
  PROP_SHOW_FRAME_SKETCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Frames and timecode */

/* The frame under @position, counted the way SlProject counts them:
 * frame n covers [n / fps, (n + 1) / fps). */
static gint64
frame_at (SlProject *project,
          gint64     position)
{
  guint num = MAX (sl_project_get_fps_num (project), 1);
  guint den = MAX (sl_project_get_fps_den (project), 1);

  return (gint64) (((__int128) MAX (position, 0) * num) / ((__int128) den * SL_SECOND));
}

/* The first frame that starts at or after @position: a shot's first frame
 * when @position is where the shot starts. */
static gint64
frame_from (SlProject *project,
            gint64     position)
{
  guint num = MAX (sl_project_get_fps_num (project), 1);
  __int128 den = (__int128) MAX (sl_project_get_fps_den (project), 1) * SL_SECOND;

  return (gint64) (((__int128) MAX (position, 0) * num + den - 1) / den);
}

static gint64
last_frame (SlProject *project)
{
  return MAX (sl_project_get_n_frames (project) - 1, 0);
}

/* HH:MM:SS:FF counting whole frames at the nominal rate (non-drop-frame:
 * 30000/1001 counts 30 frames a second), as editing software does. */
static char *
format_timecode (SlProject *project,
                 gint64     frame)
{
  guint num = MAX (sl_project_get_fps_num (project), 1);
  guint den = MAX (sl_project_get_fps_den (project), 1);
  gint64 base = MAX ((num + den / 2) / den, 1);
  gint64 seconds = frame / base;

  return g_strdup_printf ("%02lld:%02lld:%02lld:%02lld",
                          (long long) (seconds / 3600), (long long) (seconds / 60 % 60),
                          (long long) (seconds % 60), (long long) (frame % base));
}

static void
update_shot_label (SlPreviewView *self,
                   gint64         position)
{
  SlProject *project = sl_editor_get_project (self->editor);
  guint index = 0;
  SlShot *shot = sl_project_get_shot_at (project, position, &index, NULL);
  g_autofree char *text = NULL;

  if (shot != NULL)
    /* Translators: the shot under the playhead: its number and name. */
    text = g_strdup_printf (_("%u · %s"), index + 1, sl_shot_get_name (shot));
  gtk_label_set_label (self->shot_label, text != NULL ? text : _("No Shots"));
}

static void
update_position (SlPreviewView *self,
                 gint64         position)
{
  SlProject *project = sl_editor_get_project (self->editor);
  g_autofree char *text = NULL;

  text = format_timecode (project, MIN (frame_at (project, position), last_frame (project)));
  gtk_label_set_label (self->position_label, text);
  update_shot_label (self, position);
}

static void
update_duration (SlPreviewView *self)
{
  SlProject *project = sl_editor_get_project (self->editor);
  g_autofree char *text = format_timecode (project, sl_project_get_n_frames (project));

  gtk_label_set_label (self->duration_label, text);
}

/* The overlays */

/* Where GtkPicture draws its paintable when it fits it inside the
 * overlay (content-fit contain), so the guides and the sketch lie exactly
 * on the frame and not on the letterbox bars. Before the first frame the
 * project's own shape stands in for the picture's. */
static void
compute_frame_rect (SlPreviewView *self,
                    GdkRectangle  *rect)
{
  SlProject *project = sl_editor_get_project (self->editor);
  GdkPaintable *paintable = gtk_picture_get_paintable (self->picture);
  double width = gtk_widget_get_width (GTK_WIDGET (self->overlay));
  double height = gtk_widget_get_height (GTK_WIDGET (self->overlay));
  double ratio = paintable != NULL ? gdk_paintable_get_intrinsic_aspect_ratio (paintable) : 0;
  double w, h;

  if (ratio <= 0)
    ratio = (double) MAX (sl_project_get_width (project), 1) / MAX (sl_project_get_height (project), 1);
  if (width <= 0 || height <= 0)
    {
      *rect = (GdkRectangle) { 0, 0, 0, 0 };
      return;
    }
  if (ratio > width / height)
    {
      w = width;
      h = width / ratio;
    }
  else
    {
      w = height * ratio;
      h = height;
    }
  rect->width = (int) ceil (w);
  rect->height = (int) ceil (h);
  rect->x = (int) floor ((width - rect->width) / 2);
  rect->y = (int) floor ((height - rect->height) / 2);
}

static gboolean
on_get_child_position (GtkOverlay    *overlay,
                       GtkWidget     *child,
                       GdkRectangle  *rect,
                       SlPreviewView *self)
{
  if (child != GTK_WIDGET (self->guides) && child != self->frame_sketch)
    return FALSE;
  compute_frame_rect (self, rect);
  return TRUE;
}

static void
update_guides (SlPreviewView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->guides),
                          sl_guides_overlay_get_show_thirds (self->guides) ||
                          sl_guides_overlay_get_show_safe_areas (self->guides));
}

/* The preview's state */

static void
update_playing (SlPreviewView *self)
{
  gboolean playing = self->preview != NULL && sl_preview_get_playing (self->preview);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space or K)") : _("Play (Space or L)"));
  gtk_widget_set_visible (GTK_WIDGET (self->stats_label), playing);
}

static void
update_rate (SlPreviewView *self)
{
  double rate = self->preview != NULL ? sl_preview_get_rate (self->preview) : 1.0;
  g_autofree char *text = NULL;

  /* Translators: the playback rate, as in "2×" (twice as fast). */
  text = g_strdup_printf (_("%g×"), rate);
  gtk_label_set_label (self->rate_label, text);
  if (rate == 1.0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->rate_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->rate_label), "accent");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->rate_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->rate_label), "accent");
    }
}

static void
update_stats (SlPreviewView *self)
{
  g_autofree char *text = NULL;
  guint64 dropped;

  if (self->preview == NULL)
    return;
  dropped = sl_preview_get_dropped_frames (self->preview);
  /* Translators: achieved frames per second and frames dropped while
   * playing, as in "24.0 fps · 3 dropped". */
  text = g_strdup_printf (ngettext ("%.1f fps · %llu dropped", "%.1f fps · %llu dropped",
                                    (gulong) MIN (dropped, G_MAXULONG)),
                          sl_preview_get_achieved_fps (self->preview), (unsigned long long) dropped);
  gtk_label_set_label (self->stats_label, text);
}

/* Rendering the first frame can take a moment (decoding the images). */
static void
update_spinner (SlPreviewView *self)
{
  gboolean waiting = self->preview != NULL && gtk_picture_get_paintable (self->picture) == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), waiting);
  gtk_spinner_set_spinning (self->spinner, waiting);
}

static void
update_status (SlPreviewView *self)
{
  update_spinner (self);
  gtk_stack_set_visible_child_name (self->content_stack, self->preview != NULL ? "picture" : "status");
  adw_status_page_set_description (self->status_page, self->preview_error);
}

static void
update_actions (SlPreviewView *self)
{
  gboolean have_preview = self->preview != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.play-pause", have_preview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.play-forward", have_preview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.pause", have_preview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.loop", have_preview);
}

static void
on_frame_ready (SlPreview      *preview,
                SlPreviewFrame *frame,
                SlPreviewView  *self)
{
  int width = sl_preview_frame_get_width (frame);
  int height = sl_preview_frame_get_height (frame);
  GdkPaintable *old = gtk_picture_get_paintable (self->picture);
  g_autoptr(GdkTexture) texture = NULL;
  gboolean reshaped;

  reshaped = old == NULL || gdk_paintable_get_intrinsic_width (old) != width ||
             gdk_paintable_get_intrinsic_height (old) != height;
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8,
                                    sl_preview_frame_get_pixels (frame),
                                    sl_preview_frame_get_stride (frame));
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  if (reshaped)
    {
      update_spinner (self);
      gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
    }
}

static void
on_position_changed (SlPreview     *preview,
                     gint64         position,
                     SlPreviewView *self)
{
  update_position (self, position);
}

static void
on_preview_notify (SlPreview     *preview,
                   GParamSpec    *pspec,
                   SlPreviewView *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "playing"))
    update_playing (self);
  else if (g_str_equal (name, "rate"))
    update_rate (self);
  else if (g_str_equal (name, "loop") && self->loop != sl_preview_get_loop (preview))
    {
      self->loop = sl_preview_get_loop (preview);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
    }
  else
    update_stats (self);
}

/* Render and pipeline failures reach the user through the editor, which
 * shows them as toasts. */
static void
on_preview_error (SlPreview     *preview,
                  const GError  *error,
                  SlPreviewView *self)
{
  sl_editor_report_error (self->editor, error);
}

static void
connect_preview (SlPreviewView *self)
{
  static const char *notified[] = {
    "notify::playing", "notify::rate", "notify::loop", "notify::achieved-fps", "notify::dropped-frames",
  };

  g_signal_connect_object (self->preview, "frame-ready", G_CALLBACK (on_frame_ready), self, 0);
  g_signal_connect_object (self->preview, "position-changed", G_CALLBACK (on_position_changed), self, 0);
  g_signal_connect_object (self->preview, "error", G_CALLBACK (on_preview_error), self, 0);
  for (guint i = 0; i < G_N_ELEMENTS (notified); i++)
    g_signal_connect_object (self->preview, notified[i], G_CALLBACK (on_preview_notify), self, 0);
}

/* The editor replaces its preview when the backend or the size changes;
 * the old picture stays up until the new preview's first frame. */
static void
set_preview (SlPreviewView *self,
             SlPreview     *preview)
{
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_set_object (&self->preview, preview);
  if (preview != NULL)
    {
      g_clear_pointer (&self->preview_error, g_free);
      sl_preview_set_loop (preview, self->loop);
      connect_preview (self);
    }
  update_status (self);
  update_actions (self);
  update_playing (self);
  update_rate (self);
  update_stats (self);
  update_position (self, sl_editor_get_position (self->editor));
}

static void
on_editor_preview (SlEditor      *editor,
                   GParamSpec    *pspec,
                   SlPreviewView *self)
{
  set_preview (self, sl_editor_get_preview (editor));
}

static void
on_editor_error (SlEditor      *editor,
                 const GError  *error,
                 SlPreviewView *self)
{
  if (self->preview != NULL)
    return;
  g_free (self->preview_error);
  self->preview_error = g_strdup (error->message);
  update_status (self);
}

static void
on_seek_requested (SlEditor      *editor,
                   gint64         position,
                   SlPreviewView *self)
{
  update_position (self, position);
}

static void
on_project_changed (SlPreviewView *self)
{
  update_duration (self);
  update_position (self, sl_editor_get_position (self->editor));
  gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
}

/* Moving the playhead */

static void
pause_preview (SlPreviewView *self)
{
  if (self->preview != NULL)
    sl_preview_pause (self->preview);
}

/* Through the editor, so every view follows the playhead, with or
 * without a preview. */
static void
seek_to_frame (SlPreviewView *self,
               gint64         frame)
{
  SlProject *project = sl_editor_get_project (self->editor);

  frame = CLAMP (frame, 0, last_frame (project));
  sl_editor_seek (self->editor, sl_project_get_frame_time (project, frame));
}

static gint64
current_frame (SlPreviewView *self)
{
  SlProject *project = sl_editor_get_project (self->editor);

  return MIN (frame_at (project, sl_editor_get_position (self->editor)), last_frame (project));
}

static void
step (SlPreviewView *self,
      int            frames)
{
  pause_preview (self);
  seek_to_frame (self, current_frame (self) + frames);
}

/* The start of the shot under the playhead, or of the one before when the
 * playhead already is on the first frame of its shot. */
static gint64
previous_shot_frame (SlPreviewView *self)
{
  SlProject *project = sl_editor_get_project (self->editor);
  gint64 frame = current_frame (self);
  guint index = 0;
  gint64 start;

  if (sl_project_get_n_shots (project) == 0)
    return 0;
  sl_project_get_shot_at (project, sl_editor_get_position (self->editor), &index, NULL);
  start = frame_from (project, sl_project_get_shot_start (project, index));
  if (frame > start || index == 0)
    return start;
  return frame_from (project, sl_project_get_shot_start (project, index - 1));
}

static gint64
next_shot_frame (SlPreviewView *self)
{
  SlProject *project = sl_editor_get_project (self->editor);
  guint index = 0;

  if (sl_project_get_n_shots (project) == 0)
    return last_frame (project);
  sl_project_get_shot_at (project, sl_editor_get_position (self->editor), &index, NULL);
  if (index + 1 >= sl_project_get_n_shots (project))
    return last_frame (project);
  return frame_from (project, sl_project_get_shot_start (project, index + 1));
}

/* Actions */

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (widget);

  if (sl_preview_get_playing (self->preview))
    sl_preview_pause (self->preview);
  else
    sl_preview_play (self->preview);
}

/* L: plays at normal speed; pressed again while playing, doubles the rate
 * up to the fastest the preview plays. */
static void
play_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (widget);

  if (!sl_preview_get_playing (self->preview))
    {
      sl_preview_set_rate (self->preview, 1.0);
      sl_preview_play (self->preview);
      return;
    }
  sl_preview_set_rate (self->preview, MIN (sl_preview_get_rate (self->preview) * 2, SL_PREVIEW_MAX_RATE));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pause_preview (SL_PREVIEW_VIEW (widget));
}

/* Also J: the preview cannot play backwards, so J steps back a frame and,
 * held down, keeps stepping with the key's repeat. */
static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  step (SL_PREVIEW_VIEW (widget), -1);
}

static void
step_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step (SL_PREVIEW_VIEW (widget), 1);
}

static void
previous_shot_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (widget);

  seek_to_frame (self, previous_shot_frame (self));
}

static void
next_shot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (widget);

  seek_to_frame (self, next_shot_frame (self));
}

static void
go_to_start_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  seek_to_frame (SL_PREVIEW_VIEW (widget), 0);
}

/* Pauses first: playing on from the last frame would only end at once. */
static void
go_to_end_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (widget);

  pause_preview (self);
  seek_to_frame (self, last_frame (sl_editor_get_project (self->editor)));
}

/* The size dropdown */

static void
load_sizes (SlPreviewView *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *type = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "preview-size");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &values);
  self->sizes = g_str_equal (type, "enum") ? g_variant_dup_strv (values, NULL) : g_new0 (char *, 1);
  for (guint i = 0; self->sizes[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (self->sizes[i], "x", 2);
      g_autofree char *label = NULL;

      if (g_strv_length (parts) == 2)
        /* Translators: a preview size in pixels, width × height. */
        label = g_strdup_printf (_("%s × %s"), parts[0], parts[1]);
      gtk_string_list_append (labels, label != NULL ? label : self->sizes[i]);
    }
  gtk_drop_down_set_model (self->size_dropdown, G_LIST_MODEL (labels));
}

static gboolean
size_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  SlPreviewView *self = user_data;
  const char *size = g_variant_get_string (variant, NULL);

  for (guint i = 0; self->sizes[i] != NULL; i++)
    if (g_str_equal (self->sizes[i], size))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static GVariant *
index_to_size (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  SlPreviewView *self = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length (self->sizes))
    return NULL;
  return g_variant_new_string (self->sizes[index]);
}

static void
bind_settings (SlPreviewView *self)
{
  load_sizes (self);
  g_settings_bind_with_mapping (self->settings, "preview-size", self->size_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, size_to_index, index_to_size, self, NULL);
  g_settings_bind (self->settings, "show-thirds", self->thirds_button, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-safe-areas", self->safe_areas_button, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-thirds", self->guides, "show-thirds", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-safe-areas", self->guides, "show-safe-areas", G_SETTINGS_BIND_GET);
}

/* Clicking the picture gives the view the keyboard, so the transport keys
 * work right after. Capture phase, without claiming: the frame sketch
 * still gets the click. */
static void
on_picture_pressed (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    SlPreviewView   *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->picture));
}

/* GObject */

static void
sl_preview_view_constructed (GObject *object)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (object);
  SlProject *project = sl_editor_get_project (self->editor);

  G_OBJECT_CLASS (sl_preview_view_parent_class)->constructed (object);

  self->frame_sketch = sl_frame_sketch_new (self->editor);
  gtk_widget_set_visible (self->frame_sketch, FALSE);
  gtk_overlay_add_overlay (self->overlay, self->frame_sketch);
  g_object_bind_property (self, "show-frame-sketch", self->frame_sketch, "visible", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->editor, "notify::preview", G_CALLBACK (on_editor_preview), self, 0);
  g_signal_connect_object (self->editor, "error", G_CALLBACK (on_editor_error), self, 0);
  g_signal_connect_object (self->editor, "seek-requested", G_CALLBACK (on_seek_requested), self, 0);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::fps-num", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::fps-den", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::width", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::height", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);

  update_duration (self);
  set_preview (self, sl_editor_get_preview (self->editor));
}

static void
sl_preview_view_dispose (GObject *object)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (object);
  GtkWidget *child;

  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  if (self->editor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->editor, self);
      g_signal_handlers_disconnect_by_data (sl_editor_get_project (self->editor), self);
    }
  if (self->settings != NULL)
    {
      g_settings_unbind (self->size_dropdown, "selected");
      g_settings_unbind (self->thirds_button, "active");
      g_settings_unbind (self->safe_areas_button, "active");
      g_settings_unbind (self->guides, "show-thirds");
      g_settings_unbind (self->guides, "show-safe-areas");
    }
  self->frame_sketch = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PREVIEW_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->preview);
  g_clear_object (&self->settings);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_preview_view_parent_class)->dispose (object);
}

static void
sl_preview_view_finalize (GObject *object)
{
  SlPreviewView *self = SL_PREVIEW_VIEW (object);

  g_strfreev (self->sizes);
  g_free (self->preview_error);

  G_OBJECT_CLASS (sl_preview_view_parent_class)->finalize (object);
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
    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;
    case PROP_SHOW_FRAME_SKETCH:
      g_value_set_boolean (value, self->show_frame_sketch);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_loop (SlPreviewView *self,
          gboolean       loop)
{
  loop = !!loop;
  if (self->loop == loop)
    return;
  self->loop = loop;
  if (self->preview != NULL)
    sl_preview_set_loop (self->preview, loop);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

static void
set_show_frame_sketch (SlPreviewView *self,
                       gboolean       show)
{
  show = !!show;
  if (self->show_frame_sketch == show)
    return;
  self->show_frame_sketch = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FRAME_SKETCH]);
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
    case PROP_LOOP:
      set_loop (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_FRAME_SKETCH:
      set_show_frame_sketch (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "transport.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "transport.play-forward", NULL, play_forward_action);
  gtk_widget_class_install_action (widget_class, "transport.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "transport.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "transport.step-forward", NULL, step_forward_action);
  gtk_widget_class_install_action (widget_class, "transport.previous-shot", NULL, previous_shot_action);
  gtk_widget_class_install_action (widget_class, "transport.next-shot", NULL, next_shot_action);
  gtk_widget_class_install_action (widget_class, "transport.go-to-start", NULL, go_to_start_action);
  gtk_widget_class_install_action (widget_class, "transport.go-to-end", NULL, go_to_end_action);
  gtk_widget_class_install_property_action (widget_class, "transport.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "preview.frame-sketch", "show-frame-sketch");
}

static void
add_bindings (GtkWidgetClass *widget_class)
{
  static const struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } bindings[] = {
    { GDK_KEY_space, 0, "transport.play-pause" },
    { GDK_KEY_l, 0, "transport.play-forward" },
    { GDK_KEY_k, 0, "transport.pause" },
    { GDK_KEY_j, 0, "transport.step-back" },
    { GDK_KEY_Left, 0, "transport.step-back" },
    { GDK_KEY_Right, 0, "transport.step-forward" },
    { GDK_KEY_Left, GDK_SHIFT_MASK, "transport.previous-shot" },
    { GDK_KEY_Right, GDK_SHIFT_MASK, "transport.next-shot" },
    { GDK_KEY_Home, 0, "transport.go-to-start" },
    { GDK_KEY_End, 0, "transport.go-to-end" },
    { GDK_KEY_f, 0, "preview.frame-sketch" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].keyval, bindings[i].modifiers,
                                         bindings[i].action, NULL);
}

static void
sl_preview_view_class_init (SlPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_preview_view_constructed;
  object_class->dispose = sl_preview_view_dispose;
  object_class->finalize = sl_preview_view_finalize;
  object_class->get_property = sl_preview_view_get_property;
  object_class->set_property = sl_preview_view_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FRAME_SKETCH] =
    g_param_spec_boolean ("show-frame-sketch", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SL_TYPE_GUIDES_OVERLAY);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-preview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, overlay);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, picture);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, guides);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, status_page);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, play_button);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, shot_label);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, rate_label);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, position_label);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, duration_label);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, stats_label);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, thirds_button);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, safe_areas_button);
  gtk_widget_class_bind_template_child (widget_class, SlPreviewView, size_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_get_child_position);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "previewview");

  install_actions (widget_class);
  add_bindings (widget_class);
}

static void
sl_preview_view_init (SlPreviewView *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_settings (self);
  g_signal_connect_object (self->guides, "notify::show-thirds", G_CALLBACK (update_guides), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->guides, "notify::show-safe-areas", G_CALLBACK (update_guides), self,
                           G_CONNECT_SWAPPED);
  update_guides (self);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_picture_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->overlay), GTK_EVENT_CONTROLLER (click));
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
