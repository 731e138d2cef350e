/* sl-timeline-canvas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-timeline-canvas"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sl-thumbnailer.h"
#include "sl-timeline-canvas-private.h"

/* The layout, in pixels from the top: the ruler, the video track, then one
 * lane per set of audio clips that do not overlap. */
#define RULER_H     24.0
#define TRACK_GAP   6.0
#define VIDEO_Y     (RULER_H + TRACK_GAP)
#define VIDEO_H     64.0
#define AUDIO_Y     (VIDEO_Y + VIDEO_H + TRACK_GAP)
#define LANE_H      46.0
#define LANE_GAP    4.0
#define LEFT_PAD    8.0
/* How close (pixels) the pointer must be to an edge or a fade handle to
 * grab it, to a snap target to snap, and how far it moves before a press
 * on a shot becomes a reorder. */
#define EDGE_PX     6.0
#define HANDLE_PX   8.0
#define SNAP_PX     8.0
#define DRAG_PX     4.0
#define RADIUS      5.0

typedef enum {
  DRAG_NONE,
  DRAG_SCRUB,
  DRAG_SHOT_PRESS,
  DRAG_REORDER,
  DRAG_TRIM_SHOT,
  DRAG_CLIP_MOVE,
  DRAG_CLIP_TRIM_START,
  DRAG_CLIP_TRIM_END,
  DRAG_FADE_IN,
  DRAG_FADE_OUT,
} DragKind;

/* A clip as drawn: where it is, with a drag in progress applied. */
typedef struct {
  gint64 start;
  gint64 length;       /* -1: to the end of a file of unknown length */
  gint64 in_point;
  gint64 fade_in;
  gint64 fade_out;
  gint64 source;       /* the file's length, -1 while unknown */
  guint  lane;
} ClipSpan;

struct _SlTimelineCanvas
{
  GtkWidget      parent_instance;

  SlEditor      *editor;
  SlProject     *project;
  SlThumbnailer *thumbnailer;
  SlPreview     *preview;       /* whose position we follow */
  SlAudioCache  *audio_cache;
  GHashTable    *analyses;      /* resolved path -> SlAudioAnalysis */
  GHashTable    *requested;     /* resolved paths asked for (set) */
  GCancellable  *cancellable;
  GPtrArray     *proxies;       /* accessible stand-ins: shots, then clips */

  double         pps;           /* pixels per second */
  double         scroll_x;      /* pixels of the timeline left of the view */
  gboolean       snapping;
  double         pointer_x;
  double         play_rate;     /* L pressed again plays faster */

  DragKind       drag;
  guint          drag_index;    /* the shot dragged */
  SlAudioClip   *drag_clip;
  double         drag_x;        /* where it began */
  gint64         drag_origin;   /* the dragged edge or value when it began */
  gint64         drag_value;    /* what it is now */
  guint          drag_to;       /* reorder: the index it would take */
  gint64         snapped_at;    /* where the last update snapped, or -1 */

  gboolean       drop_active;
  double         drop_x;
  double         drop_y;
};

G_DEFINE_FINAL_TYPE (SlTimelineCanvas, sl_timeline_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_PIXELS_PER_SECOND,
  PROP_SNAPPING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GdkRGBA bg_color = { 0.110, 0.110, 0.125, 1 };
static const GdkRGBA ruler_color = { 0.165, 0.165, 0.180, 1 };
static const GdkRGBA track_color = { 0.145, 0.145, 0.160, 1 };
static const GdkRGBA tick_color = { 1, 1, 1, 0.35 };
static const GdkRGBA label_color = { 1, 1, 1, 0.80 };
static const GdkRGBA text_color = { 1, 1, 1, 0.95 };
static const GdkRGBA shade_color = { 0, 0, 0, 0.55 };
static const GdkRGBA accent_color = { 0.384, 0.627, 0.918, 1 };
static const GdkRGBA playhead_color = { 0.933, 0.267, 0.267, 1 };
static const GdkRGBA snap_color = { 0.976, 0.804, 0.263, 1 };
static const GdkRGBA beat_color = { 1, 1, 1, 0.07 };
static const GdkRGBA bar_color = { 1, 1, 1, 0.15 };
static const GdkRGBA clip_color = { 0.157, 0.408, 0.373, 1 };
static const GdkRGBA wave_color = { 0.553, 0.867, 0.780, 0.9 };

/* ---- Geometry ---------------------------------------------------------- */

double
sl_timeline_canvas_time_to_x (SlTimelineCanvas *self, gint64 time)
{
  g_return_val_if_fail (SL_IS_TIMELINE_CANVAS (self), 0);
  return LEFT_PAD + (double) time / SL_SECOND * self->pps - self->scroll_x;
}

static gint64
x_to_time (SlTimelineCanvas *self, double x)
{
  return (gint64) llround ((x + self->scroll_x - LEFT_PAD) / self->pps * SL_SECOND);
}

static gint64
pixels_to_time (SlTimelineCanvas *self, double pixels)
{
  return (gint64) llround (pixels / self->pps * SL_SECOND);
}

static double
lane_y (guint lane)
{
  return AUDIO_Y + lane * (LANE_H + LANE_GAP);
}

double
sl_timeline_canvas_area_y (SlTimelineCanvas *self, SlTimelineArea area)
{
  g_return_val_if_fail (SL_IS_TIMELINE_CANVAS (self), 0);
  switch (area)
    {
    case SL_TIMELINE_AREA_RULER: return RULER_H / 2;
    case SL_TIMELINE_AREA_VIDEO: return VIDEO_Y + VIDEO_H / 2;
    case SL_TIMELINE_AREA_AUDIO: return lane_y (0) + LANE_H / 2;
    default: g_return_val_if_reached (0);
    }
}

static guint
n_clips (SlTimelineCanvas *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sl_project_get_audio_clips (self->project)));
}

static SlAudioClip *
clip_at (SlTimelineCanvas *self, guint i)
{
  SlAudioClip *clip = g_list_model_get_item (G_LIST_MODEL (sl_project_get_audio_clips (self->project)), i);

  /* The project holds it; the canvas only looks. */
  g_object_unref (clip);
  return clip;
}

static SlAudioAnalysis *
analysis_of (SlTimelineCanvas *self, SlAudioClip *clip)
{
  g_autofree char *path = sl_project_resolve_path (self->project, sl_audio_clip_get_file (clip));

  return g_hash_table_lookup (self->analyses, path);
}

static gint64
source_duration (SlTimelineCanvas *self, SlAudioClip *clip)
{
  SlAudioAnalysis *analysis = analysis_of (self, clip);

  return analysis != NULL ? sl_audio_analysis_get_duration (analysis) : -1;
}

/* The clip as the model has it, with the drag in progress applied. */
static ClipSpan
clip_span (SlTimelineCanvas *self, SlAudioClip *clip)
{
  ClipSpan span = {
    .start = sl_audio_clip_get_start (clip),
    .in_point = sl_audio_clip_get_in_point (clip),
    .fade_in = sl_audio_clip_get_fade_in (clip),
    .fade_out = sl_audio_clip_get_fade_out (clip),
    .source = source_duration (self, clip),
  };

  span.length = sl_timeline_get_clip_length (clip, span.source);
  if (clip != self->drag_clip)
    return span;
  switch (self->drag)
    {
    case DRAG_CLIP_MOVE:
      span.start = self->drag_value;
      break;
    case DRAG_CLIP_TRIM_START:
      span.in_point += self->drag_value - span.start;
      if (span.length >= 0)
        span.length -= self->drag_value - span.start;
      span.start = self->drag_value;
      break;
    case DRAG_CLIP_TRIM_END:
      span.length = self->drag_value - span.start;
      break;
    case DRAG_FADE_IN:
      span.fade_in = self->drag_value;
      break;
    case DRAG_FADE_OUT:
      span.fade_out = self->drag_value;
      break;
    default:
      break;
    }
  return span;
}

/* How long a clip is drawn: a clip of unknown length reaches to the end of
 * the shots, and at least a second, until its file is decoded. */
static gint64
drawn_length (SlTimelineCanvas *self, const ClipSpan *span)
{
  if (span->length >= 0)
    return span->length;
  return MAX (sl_project_get_duration (self->project) - span->start, SL_SECOND);
}

/* Puts each clip into the first lane where it overlaps no other. */
static guint
assign_lanes (SlTimelineCanvas *self, ClipSpan *spans)
{
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = n_clips (self);

  for (guint i = 0; i < n; i++)
    {
      gint64 end;
      guint lane;

      spans[i] = clip_span (self, clip_at (self, i));
      end = spans[i].start + drawn_length (self, &spans[i]);
      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, gint64, lane) <= spans[i].start)
          break;
      if (lane == lane_ends->len)
        g_array_append_val (lane_ends, end);
      else
        g_array_index (lane_ends, gint64, lane) = end;
      spans[i].lane = lane;
    }
  return MAX (lane_ends->len, 1);
}

/* The shots in the order and with the durations they have while a drag is
 * in progress (a reorder or a trim shows its result live). */
static guint *
drawn_order (SlTimelineCanvas *self, gint64 *durations)
{
  guint n = sl_project_get_n_shots (self->project);
  guint *order = g_new (guint, MAX (n, 1));
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      durations[i] = sl_shot_get_duration (sl_project_get_shot (self->project, i));
      if (self->drag == DRAG_TRIM_SHOT && i == self->drag_index)
        durations[i] = self->drag_value - sl_project_get_shot_start (self->project, i);
    }
  for (guint i = 0; i < n; i++)
    {
      if (self->drag == DRAG_REORDER && i == self->drag_index)
        continue;
      if (self->drag == DRAG_REORDER && k == self->drag_to)
        order[k++] = self->drag_index;
      order[k++] = i;
    }
  if (k < n)
    order[k++] = self->drag_index;
  return order;
}

/* ---- The music's beats ------------------------------------------------- */

/* The beats of the first audio clip, in project time, within the clip. */
static GArray *
project_beats (SlTimelineCanvas *self)
{
  GArray *beats = g_array_new (FALSE, FALSE, sizeof (gint64));
  SlAudioAnalysis *analysis;
  const gint64 *times;
  ClipSpan span;
  gsize n;

  if (n_clips (self) == 0 || (analysis = analysis_of (self, clip_at (self, 0))) == NULL)
    return beats;
  span = clip_span (self, clip_at (self, 0));
  times = sl_audio_analysis_get_beats (analysis, &n);
  for (gsize i = 0; i < n; i++)
    {
      gint64 t = span.start + times[i] - span.in_point;

      if (times[i] >= span.in_point && (span.length < 0 || t <= span.start + span.length))
        g_array_append_val (beats, t);
    }
  return beats;
}

static gint64
snap (SlTimelineCanvas *self, gint64 t, GdkModifierType state)
{
  g_autoptr(GArray) beats = NULL;
  gint64 snapped;

  if (!self->snapping || (state & GDK_SHIFT_MASK) != 0)
    return t;
  beats = project_beats (self);
  snapped = sl_timeline_snap (self->project, t, pixels_to_time (self, SNAP_PX), SL_SNAP_ALL,
                              (const gint64 *) beats->data, beats->len,
                              sl_editor_get_position (self->editor));
  if (snapped != t)
    self->snapped_at = snapped;
  return snapped;
}

/* ---- Analyses off the main thread ------------------------------------- */

static void
analyze_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SlAudioCache *cache = g_object_get_data (G_OBJECT (task), "cache");
  GError *error = NULL;
  SlAudioAnalysis *analysis = sl_audio_cache_analyze (cache, data, NULL, cancellable, &error);

  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, g_object_unref);
}

static void
on_analyzed (GObject *source, GAsyncResult *result, gpointer data)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (source);
  g_autoptr(GError) error = NULL;
  SlAudioAnalysis *analysis = g_task_propagate_pointer (G_TASK (result), &error);

  if (analysis == NULL)
    {
      /* The preview and the export report a missing or broken file; the
       * timeline just draws the clip without its waveform. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No waveform for %s: %s", (const char *) data, error->message);
      return;
    }
  g_hash_table_replace (self->analyses, g_strdup (data), analysis);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
request_analyses (SlTimelineCanvas *self)
{
  for (guint i = 0; i < n_clips (self); i++)
    {
      g_autofree char *path = sl_project_resolve_path (self->project, sl_audio_clip_get_file (clip_at (self, i)));
      g_autoptr(GTask) task = NULL;

      if (g_hash_table_contains (self->requested, path))
        continue;
      g_hash_table_add (self->requested, g_strdup (path));
      if (self->audio_cache == NULL)
        self->audio_cache = sl_audio_cache_new (NULL);
      task = g_task_new (self, self->cancellable, on_analyzed, g_strdup (path));
      g_object_set_data_full (G_OBJECT (task), "cache", g_object_ref (self->audio_cache), g_object_unref);
      g_task_set_task_data (task, g_strdup (path), g_free);
      g_task_run_in_thread (task, analyze_in_thread);
    }
}

/* ---- Accessibility ----------------------------------------------------- */

/* GTK 4.8 has no accessible objects without widgets, so each shot and clip
 * gets an empty, untargetable widget over it that carries its name. */
static void
update_proxies (SlTimelineCanvas *self)
{
  guint n_shots = sl_project_get_n_shots (self->project);
  guint n = n_shots + n_clips (self);

  while (self->proxies->len > n)
    {
      gtk_widget_unparent (g_ptr_array_index (self->proxies, self->proxies->len - 1));
      g_ptr_array_set_size (self->proxies, self->proxies->len - 1);
    }
  while (self->proxies->len < n)
    {
      GtkWidget *proxy = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                       "can-target", FALSE, "can-focus", FALSE, NULL);

      gtk_widget_set_parent (proxy, GTK_WIDGET (self));
      g_ptr_array_add (self->proxies, proxy);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      if (i < n_shots)
        {
          SlShot *shot = sl_project_get_shot (self->project, i);

          /* Translators: a shot on the timeline: its name, then its length */
          label = g_strdup_printf (_("Shot “%s”, %.1f seconds"), sl_shot_get_name (shot),
                                   (double) sl_shot_get_duration (shot) / SL_SECOND);
        }
      else
        {
          SlAudioClip *clip = clip_at (self, i - n_shots);
          g_autofree char *name = g_path_get_basename (sl_audio_clip_get_file (clip));

          /* Translators: an audio clip on the timeline: its file, then where it starts */
          label = g_strdup_printf (_("Audio “%s” at %.1f seconds"), name,
                                   (double) sl_audio_clip_get_start (clip) / SL_SECOND);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->proxies, i)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
allocate_proxy (GtkWidget *proxy, double x0, double x1, double y, double h)
{
  GtkAllocation rect = { (int) x0, (int) y, (int) MAX (x1 - x0, 0), (int) h };
  int min, nat;

  gtk_widget_measure (proxy, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (proxy, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_size_allocate (proxy, &rect, -1);
}

/* ---- Following the document and the playhead -------------------------- */

static double
content_width (SlTimelineCanvas *self)
{
  gint64 end = sl_project_get_duration (self->project);

  for (guint i = 0; i < n_clips (self); i++)
    {
      ClipSpan span = clip_span (self, clip_at (self, i));

      end = MAX (end, span.start + MAX (span.length, 0));
    }
  return (double) end / SL_SECOND * self->pps + 2 * LEFT_PAD;
}

static void
clamp_scroll (SlTimelineCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  /* Leave room to drag a shot's end past the last one. */
  double limit = MAX (content_width (self) - width * 0.5, 0);

  self->scroll_x = CLAMP (self->scroll_x, 0, limit);
}

static void
on_project_changed (SlTimelineCanvas *self)
{
  update_proxies (self);
  request_analyses (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* While playing, the view pages along so the playhead stays in sight. */
static void
on_position_changed (SlTimelineCanvas *self, gint64 position)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double x = sl_timeline_canvas_time_to_x (self, position);

  if (self->preview != NULL && sl_preview_get_playing (self->preview) && self->drag == DRAG_NONE
      && width > 0 && (x > width - 24 || x < 0))
    {
      self->scroll_x += x - width * 0.1;
      clamp_scroll (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_preview_changed (SlTimelineCanvas *self)
{
  SlPreview *preview = sl_editor_get_preview (self->editor);

  if (preview == self->preview)
    return;
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_set_object (&self->preview, preview);
  if (preview != NULL)
    g_signal_connect_object (preview, "position-changed", G_CALLBACK (on_position_changed),
                             self, G_CONNECT_SWAPPED);
}

/* ---- Drawing ----------------------------------------------------------- */

static void
append_text (SlTimelineCanvas *self, GtkSnapshot *snapshot, const char *text,
             double x, double y, double max_width, gboolean bold, const GdkRGBA *color)
{
  PangoLayout *layout;
  PangoAttrList *attrs;

  if (max_width < 12)
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.82));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static char *
format_time (gint64 t, gboolean fraction)
{
  gint64 tenths = (t + SL_SECOND / 20) / (SL_SECOND / 10);

  if (fraction)
    return g_strdup_printf ("%lld:%02lld.%lld", (long long) (tenths / 600),
                            (long long) (tenths / 10 % 60), (long long) (tenths % 10));
  return g_strdup_printf ("%lld:%02lld", (long long) (tenths / 600), (long long) (tenths / 10 % 60));
}

/* A label every 80 px or more, at a round step. */
static double
ruler_step (SlTimelineCanvas *self)
{
  static const double steps[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * self->pps >= 80)
      return steps[i];
  return 1200;
}

static void
draw_ruler (SlTimelineCanvas *self, GtkSnapshot *snapshot, double width)
{
  double step = ruler_step (self);
  double minor = step / 5;
  gint64 first = (gint64) floor (MAX (x_to_time (self, 0), 0) / (minor * SL_SECOND));
  gint64 last = (gint64) ceil (x_to_time (self, width) / (minor * SL_SECOND));

  gtk_snapshot_append_color (snapshot, &ruler_color, &GRAPHENE_RECT_INIT (0, 0, width, RULER_H));
  for (gint64 k = first; k <= last; k++)
    {
      gint64 t = (gint64) llround (k * minor * SL_SECOND);
      double x = round (sl_timeline_canvas_time_to_x (self, t));
      gboolean major = k % 5 == 0;

      gtk_snapshot_append_color (snapshot, &tick_color,
                                 &GRAPHENE_RECT_INIT (x, major ? RULER_H - 10 : RULER_H - 5, 1, major ? 10 : 5));
      if (major)
        {
          g_autofree char *label = format_time (t, step < 1);

          append_text (self, snapshot, label, x + 4, 2, 80, FALSE, &label_color);
        }
    }
}

/* The tracks' ground, with the beat grid on it (behind the shots and
 * clips, which stay clean). */
static void
draw_tracks (SlTimelineCanvas *self, GtkSnapshot *snapshot, double width)
{
  g_autoptr(GArray) beats = project_beats (self);
  guint n = n_clips (self);
  g_autofree ClipSpan *spans = g_new0 (ClipSpan, MAX (n, 1));
  guint lanes = assign_lanes (self, spans);
  double spacing;

  gtk_snapshot_append_color (snapshot, &track_color, &GRAPHENE_RECT_INIT (0, VIDEO_Y, width, VIDEO_H));
  for (guint lane = 0; lane < lanes; lane++)
    gtk_snapshot_append_color (snapshot, &track_color, &GRAPHENE_RECT_INIT (0, lane_y (lane), width, LANE_H));
  if (beats->len < 2)
    return;
  spacing = (double) (g_array_index (beats, gint64, 1) - g_array_index (beats, gint64, 0)) / SL_SECOND * self->pps;
  for (guint i = 0; i < beats->len; i++)
    {
      double x = round (sl_timeline_canvas_time_to_x (self, g_array_index (beats, gint64, i)));
      gboolean bar = i % 4 == 0;

      if (x < 0 || x > width || (!bar && spacing < 6))
        continue;
      gtk_snapshot_append_color (snapshot, bar ? &bar_color : &beat_color,
                                 &GRAPHENE_RECT_INIT (x, VIDEO_Y, 1, lane_y (lanes) - LANE_GAP - VIDEO_Y));
      /* The beats also show as marks on the ruler's lower edge. */
      gtk_snapshot_append_color (snapshot, &snap_color,
                                 &GRAPHENE_RECT_INIT (x - (bar ? 1 : 0.5), RULER_H - 3, bar ? 3 : 1, 3));
    }
}

static void
shot_color (guint index, GdkRGBA *color)
{
  /* Muted, distinct hues for shots without a picture yet. */
  static const GdkRGBA palette[] = {
    { 0.267, 0.337, 0.490, 1 }, { 0.404, 0.282, 0.455, 1 }, { 0.282, 0.412, 0.400, 1 },
    { 0.463, 0.357, 0.255, 1 }, { 0.322, 0.404, 0.271, 1 },
  };

  *color = palette[index % G_N_ELEMENTS (palette)];
}

static void
draw_thumbnails (SlTimelineCanvas *self, GtkSnapshot *snapshot, SlShot *shot,
                 double x0, double x1, double width)
{
  int height = (int) VIDEO_H;
  double tile = height * (double) sl_project_get_width (self->project) / MAX (sl_project_get_height (self->project), 1);
  gint64 tile_time = pixels_to_time (self, tile);

  for (double x = x0; x < x1 && x < width; x += tile)
    {
      gint64 time = (gint64) llround ((x - x0) / tile) * tile_time;
      GdkTexture *texture;

      if (x + tile < 0)
        continue;
      texture = sl_thumbnailer_lookup (self->thumbnailer, shot, time, height);
      if (texture != NULL)
        gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (x, VIDEO_Y, tile, VIDEO_H));
    }
}

static void
draw_transition (GtkSnapshot *snapshot, SlShot *shot, double x, double pps)
{
  double half = MAX ((double) sl_shot_get_transition_duration (shot) / SL_SECOND * pps / 2, 6);
  double y = VIDEO_Y + VIDEO_H / 2 - 6;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - half - 1, y - 1, 2 * half + 2, 14));

  /* A bow tie across the cut, as wide as the transition. */
  cairo_move_to (cr, x - half, y);
  cairo_line_to (cr, x + half, y + 12);
  cairo_line_to (cr, x + half, y);
  cairo_line_to (cr, x - half, y + 12);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_shot (SlTimelineCanvas *self, GtkSnapshot *snapshot, guint index, guint position,
           double x0, double x1, double width)
{
  SlShot *shot = sl_project_get_shot (self->project, index);
  GskRoundedRect outline;
  GdkRGBA fill;
  gboolean selected = shot == sl_editor_get_selected_shot (self->editor);
  gboolean dragged = (self->drag == DRAG_REORDER || self->drag == DRAG_TRIM_SHOT) && index == self->drag_index;
  g_autofree char *duration = g_strdup_printf (_("%.1f s"), (double) sl_shot_get_duration (shot) / SL_SECOND);
  const GdkRGBA *border = selected || dragged ? &accent_color : &shade_color;
  float border_width = selected || dragged ? 2 : 1;

  if (x1 < 0 || x0 > width)
    return;
  if (self->drag == DRAG_TRIM_SHOT && index == self->drag_index)
    {
      g_free (duration);
      duration = g_strdup_printf (_("%.2f s"), (x1 - x0) / self->pps);
    }
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x0 + 1, VIDEO_Y, MAX (x1 - x0 - 2, 1), VIDEO_H), RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  shot_color (position, &fill);
  gtk_snapshot_append_color (snapshot, &fill, &outline.bounds);
  draw_thumbnails (self, snapshot, shot, x0 + 1, x1 - 1, width);
  /* Dark bands behind the labels keep them readable on any picture. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.5 }, &GRAPHENE_RECT_INIT (x0, VIDEO_Y, x1 - x0, 18));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.45 }, &GRAPHENE_RECT_INIT (x0, VIDEO_Y + VIDEO_H - 18, x1 - x0, 18));
  append_text (self, snapshot, sl_shot_get_name (shot), MAX (x0, 0) + 6, VIDEO_Y + 1, x1 - MAX (x0, 0) - 12, TRUE, &text_color);
  append_text (self, snapshot, duration, MAX (x0, 0) + 6, VIDEO_Y + VIDEO_H - 17, x1 - MAX (x0, 0) - 12, FALSE, &label_color);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { border_width, border_width, border_width, border_width },
                              (GdkRGBA[4]) { *border, *border, *border, *border });
  if (position > 0 && sl_shot_get_transition (shot) != SL_TRANSITION_CUT)
    draw_transition (snapshot, shot, x0, self->pps);
}

static void
draw_video (SlTimelineCanvas *self, GtkSnapshot *snapshot, double width)
{
  guint n = sl_project_get_n_shots (self->project);
  g_autofree gint64 *durations = g_new (gint64, MAX (n, 1));
  g_autofree guint *order = drawn_order (self, durations);
  gint64 start = 0;

  for (guint k = 0; k < n; k++)
    {
      gint64 end = start + durations[order[k]];

      draw_shot (self, snapshot, order[k], k, sl_timeline_canvas_time_to_x (self, start),
                 sl_timeline_canvas_time_to_x (self, end), width);
      start = end;
    }
  if (n == 0)
    append_text (self, snapshot, _("Drop images here to add shots"), 12, VIDEO_Y + VIDEO_H / 2 - 8,
                 width - 24, FALSE, &tick_color);
}

/* Pairs of (min, max) peaks at the coarsest level that still has a value
 * per pixel. */
static const float *
choose_peaks (SlAudioAnalysis *analysis, double samples_per_pixel, guint *per_bucket, gsize *n_buckets)
{
  const float *peaks = NULL;

  for (guint level = 0; level < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS; level++)
    {
      guint spb;
      gsize n;
      const float *values = sl_audio_analysis_get_peaks (analysis, level, &spb, &n);

      if (peaks != NULL && spb > samples_per_pixel)
        break;
      peaks = values;
      *per_bucket = spb;
      *n_buckets = n;
    }
  return peaks;
}

static void
draw_waveform (SlTimelineCanvas *self, cairo_t *cr, SlAudioAnalysis *analysis,
               const ClipSpan *span, double x0, double x1, double y, double width)
{
  double rate = sl_audio_analysis_get_rate (analysis);
  double mid = y + LANE_H / 2 + 6, half = LANE_H / 2 - 10;
  double left = MAX (x0, 0), right = MIN (x1, width);
  guint spb = 1;
  gsize n = 0;
  const float *peaks = choose_peaks (analysis, rate / self->pps, &spb, &n);

  if (peaks == NULL || n == 0 || right <= left)
    return;
  for (double x = floor (left); x < right; x++)
    {
      double t0 = (double) (span->in_point + x_to_time (self, x) - span->start) / SL_SECOND;
      double t1 = t0 + 1 / self->pps;
      gsize b0 = (gsize) CLAMP (t0 * rate / spb, 0, (double) n - 1);
      gsize b1 = (gsize) CLAMP (t1 * rate / spb, (double) b0, (double) n - 1);
      float lo = 0, hi = 0;

      if (t0 < 0)
        continue;
      for (gsize b = b0; b <= b1; b++)
        {
          lo = MIN (lo, peaks[2 * b]);
          hi = MAX (hi, peaks[2 * b + 1]);
        }
      cairo_rectangle (cr, x, mid - hi * half, 1, MAX ((hi - lo) * half, 1));
    }
  cairo_set_source_rgba (cr, wave_color.red, wave_color.green, wave_color.blue, wave_color.alpha);
  cairo_fill (cr);
}

/* The fades as darkened wedges, with a handle at each top corner. */
static void
draw_fades (cairo_t *cr, double x0, double x1, double fade_in_x, double fade_out_x, double y)
{
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, fade_in_x, y);
  cairo_line_to (cr, x0, y + LANE_H);
  cairo_close_path (cr);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, fade_out_x, y);
  cairo_line_to (cr, x1, y + LANE_H);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_fill (cr);
  cairo_move_to (cr, x0, y + LANE_H);
  cairo_line_to (cr, fade_in_x, y);
  cairo_move_to (cr, x1, y + LANE_H);
  cairo_line_to (cr, fade_out_x, y);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  /* Handles stay inside the clip's rounded corners even without a fade. */
  cairo_arc (cr, MAX (fade_in_x, x0 + 6), y + 5, 3.5, 0, 2 * G_PI);
  cairo_new_sub_path (cr);
  cairo_arc (cr, MIN (fade_out_x, x1 - 6), y + 5, 3.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill (cr);
}

static void
draw_clip (SlTimelineCanvas *self, GtkSnapshot *snapshot, SlAudioClip *clip, const ClipSpan *span, double width)
{
  double y = lane_y (span->lane);
  double x0 = sl_timeline_canvas_time_to_x (self, span->start);
  double x1 = sl_timeline_canvas_time_to_x (self, span->start + drawn_length (self, span));
  SlAudioAnalysis *analysis = analysis_of (self, clip);
  g_autofree char *name = g_path_get_basename (sl_audio_clip_get_file (clip));
  GskRoundedRect outline;
  cairo_t *cr;
  double visible0 = MAX (x0, -2), visible1 = MIN (x1, width + 2);

  if (x1 < 0 || x0 > width)
    return;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, LANE_H), RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &clip_color, &outline.bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (visible0, y, visible1 - visible0, LANE_H));
  if (analysis != NULL)
    draw_waveform (self, cr, analysis, span, x0, x1, y, width);
  draw_fades (cr, x0, x1, x0 + (double) span->fade_in / SL_SECOND * self->pps,
              x1 - (double) span->fade_out / SL_SECOND * self->pps, y);
  cairo_destroy (cr);
  append_text (self, snapshot, name, MAX (x0, 0) + 14, y + 1, x1 - MAX (x0, 0) - 28, TRUE, &text_color);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { shade_color, shade_color, shade_color, shade_color });
}

static void
draw_audio (SlTimelineCanvas *self, GtkSnapshot *snapshot, double width)
{
  guint n = n_clips (self);
  g_autofree ClipSpan *spans = g_new0 (ClipSpan, MAX (n, 1));

  assign_lanes (self, spans);
  for (guint i = 0; i < n; i++)
    draw_clip (self, snapshot, clip_at (self, i), &spans[i], width);
  if (n == 0)
    append_text (self, snapshot, _("Drop music here"), 12, lane_y (0) + LANE_H / 2 - 8,
                 width - 24, FALSE, &tick_color);
}

static void
draw_playhead (SlTimelineCanvas *self, GtkSnapshot *snapshot, double height)
{
  double x = round (sl_timeline_canvas_time_to_x (self, sl_editor_get_position (self->editor)));
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &playhead_color, &GRAPHENE_RECT_INIT (x - 0.5, 0, 2, height));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - 7, 0, 16, 12));
  cairo_move_to (cr, x - 6, 0);
  cairo_line_to (cr, x + 7, 0);
  cairo_line_to (cr, x + 7, 5);
  cairo_line_to (cr, x + 0.5, 11);
  cairo_line_to (cr, x - 6, 5);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, playhead_color.red, playhead_color.green, playhead_color.blue, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static guint insertion_index (SlTimelineCanvas *self, gint64 time);

static void
draw_drop_marker (SlTimelineCanvas *self, GtkSnapshot *snapshot, double height)
{
  double x;

  if (self->drop_y < AUDIO_Y - TRACK_GAP / 2)
    x = sl_timeline_canvas_time_to_x (self, sl_project_get_shot_start (self->project,
                                      insertion_index (self, x_to_time (self, self->drop_x))));
  else
    x = self->drop_x;
  gtk_snapshot_append_color (snapshot, &accent_color, &GRAPHENE_RECT_INIT (x - 1, RULER_H, 3, height - RULER_H));
}

static void
sl_timeline_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);

  gtk_snapshot_append_color (snapshot, &bg_color, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_ruler (self, snapshot, width);
  draw_tracks (self, snapshot, width);
  draw_video (self, snapshot, width);
  draw_audio (self, snapshot, width);
  if (self->drag != DRAG_NONE && self->snapped_at >= 0)
    gtk_snapshot_append_color (snapshot, &snap_color,
                               &GRAPHENE_RECT_INIT (round (sl_timeline_canvas_time_to_x (self, self->snapped_at)), RULER_H, 1, height - RULER_H));
  if (self->drop_active)
    draw_drop_marker (self, snapshot, height);
  draw_playhead (self, snapshot, height);
  if (gtk_widget_has_visible_focus (widget))
    gtk_snapshot_append_color (snapshot, &accent_color, &GRAPHENE_RECT_INIT (0, height - 2, width, 2));
  gtk_snapshot_pop (snapshot);
}

/* ---- Size -------------------------------------------------------------- */

static void
sl_timeline_canvas_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    {
      guint n = n_clips (self);
      g_autofree ClipSpan *spans = g_new0 (ClipSpan, MAX (n, 1));
      guint lanes = assign_lanes (self, spans);

      *minimum = *natural = (int) (lane_y (lanes) + TRACK_GAP);
    }
}

static void
sl_timeline_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (widget);
  guint n_shots = sl_project_get_n_shots (self->project);
  guint n = n_clips (self);
  g_autofree ClipSpan *spans = g_new0 (ClipSpan, MAX (n, 1));

  clamp_scroll (self);
  assign_lanes (self, spans);
  for (guint i = 0; i < self->proxies->len; i++)
    {
      GtkWidget *proxy = g_ptr_array_index (self->proxies, i);

      if (i < n_shots)
        {
          gint64 start = sl_project_get_shot_start (self->project, i);
          gint64 end = start + sl_shot_get_duration (sl_project_get_shot (self->project, i));

          allocate_proxy (proxy, sl_timeline_canvas_time_to_x (self, start),
                          sl_timeline_canvas_time_to_x (self, end), VIDEO_Y, VIDEO_H);
        }
      else if (i - n_shots < n)
        {
          ClipSpan *span = &spans[i - n_shots];

          allocate_proxy (proxy, sl_timeline_canvas_time_to_x (self, span->start),
                          sl_timeline_canvas_time_to_x (self, span->start + drawn_length (self, span)),
                          lane_y (span->lane), LANE_H);
        }
    }
}

/* ---- Zoom and scroll --------------------------------------------------- */

double
sl_timeline_canvas_get_pixels_per_second (SlTimelineCanvas *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE_CANVAS (self), 0);
  return self->pps;
}

void
sl_timeline_canvas_zoom_at (SlTimelineCanvas *self, double pixels_per_second, double anchor_x)
{
  double seconds;

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  pixels_per_second = CLAMP (pixels_per_second, SL_TIMELINE_MIN_ZOOM, SL_TIMELINE_MAX_ZOOM);
  if (pixels_per_second == self->pps)
    return;
  seconds = (anchor_x + self->scroll_x - LEFT_PAD) / self->pps;
  self->pps = pixels_per_second;
  self->scroll_x = LEFT_PAD + seconds * self->pps - anchor_x;
  clamp_scroll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIXELS_PER_SECOND]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_timeline_canvas_set_pixels_per_second (SlTimelineCanvas *self, double pixels_per_second)
{
  double width, x;

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  x = sl_timeline_canvas_time_to_x (self, sl_editor_get_position (self->editor));
  if (x < 0 || x > width)
    x = width / 2;
  sl_timeline_canvas_zoom_at (self, pixels_per_second, x);
}

void
sl_timeline_canvas_scroll (SlTimelineCanvas *self, double dx, double dy, GdkModifierType state, double pointer_x)
{
  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  if (state & GDK_CONTROL_MASK)
    sl_timeline_canvas_zoom_at (self, self->pps * pow (1.2, -dy), pointer_x);
  else
    {
      self->scroll_x += (dx + dy) * 48;
      clamp_scroll (self);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, SlTimelineCanvas *self)
{
  sl_timeline_canvas_scroll (self, dx, dy,
                             gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)),
                             self->pointer_x);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, SlTimelineCanvas *self)
{
  const char *cursor = NULL;

  self->pointer_x = x;
  if (self->drag != DRAG_NONE)
    return;
  /* Say what a press would grab. */
  if (y >= VIDEO_Y && y < VIDEO_Y + VIDEO_H)
    {
      for (guint i = 0; i < sl_project_get_n_shots (self->project); i++)
        {
          gint64 end = sl_project_get_shot_start (self->project, i + 1);

          if (fabs (sl_timeline_canvas_time_to_x (self, end) - x) <= EDGE_PX)
            cursor = "col-resize";
        }
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

/* ---- Hit testing and dragging ------------------------------------------ */

static gboolean
hit_shot (SlTimelineCanvas *self, double x, guint *index, gboolean *on_end)
{
  for (guint i = 0; i < sl_project_get_n_shots (self->project); i++)
    {
      double x0 = sl_timeline_canvas_time_to_x (self, sl_project_get_shot_start (self->project, i));
      double x1 = sl_timeline_canvas_time_to_x (self, sl_project_get_shot_start (self->project, i + 1));

      /* The right edge wins over the next shot's body, so a short shot
       * stays trimmable. */
      if (fabs (x - x1) <= EDGE_PX || (x >= x0 && x < x1))
        {
          *index = i;
          *on_end = fabs (x - x1) <= EDGE_PX;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
begin_clip_drag (SlTimelineCanvas *self, double x, double y)
{
  guint n = n_clips (self);
  g_autofree ClipSpan *spans = g_new0 (ClipSpan, MAX (n, 1));

  assign_lanes (self, spans);
  for (guint i = n; i-- > 0;)
    {
      ClipSpan *span = &spans[i];
      double top = lane_y (span->lane);
      double x0 = sl_timeline_canvas_time_to_x (self, span->start);
      double x1 = sl_timeline_canvas_time_to_x (self, span->start + drawn_length (self, span));
      double fade_in_x = x0 + (double) span->fade_in / SL_SECOND * self->pps;
      double fade_out_x = x1 - (double) span->fade_out / SL_SECOND * self->pps;

      if (y < top || y >= top + LANE_H || x < x0 - EDGE_PX || x > x1 + EDGE_PX)
        continue;
      self->drag_clip = clip_at (self, i);
      if (y < top + 2 * HANDLE_PX && fabs (x - fade_in_x) <= HANDLE_PX)
        self->drag = DRAG_FADE_IN, self->drag_origin = span->fade_in;
      else if (y < top + 2 * HANDLE_PX && fabs (x - fade_out_x) <= HANDLE_PX)
        self->drag = DRAG_FADE_OUT, self->drag_origin = span->fade_out;
      else if (fabs (x - x0) <= EDGE_PX)
        self->drag = DRAG_CLIP_TRIM_START, self->drag_origin = span->start;
      else if (fabs (x - x1) <= EDGE_PX && span->length >= 0)
        self->drag = DRAG_CLIP_TRIM_END, self->drag_origin = span->start + span->length;
      else
        self->drag = DRAG_CLIP_MOVE, self->drag_origin = span->start;
      self->drag_value = self->drag_origin;
      return TRUE;
    }
  return FALSE;
}

void
sl_timeline_canvas_drag_begin (SlTimelineCanvas *self, double x, double y, GdkModifierType state)
{
  guint index;
  gboolean on_end;

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  self->drag = DRAG_NONE;
  self->drag_clip = NULL;
  self->drag_x = x;
  self->snapped_at = -1;
  if (y >= VIDEO_Y && y < VIDEO_Y + VIDEO_H && hit_shot (self, x, &index, &on_end))
    {
      self->drag_index = index;
      self->drag_to = index;
      self->drag = on_end ? DRAG_TRIM_SHOT : DRAG_SHOT_PRESS;
      self->drag_origin = self->drag_value = sl_project_get_shot_start (self->project, index + 1);
      sl_editor_select_index (self->editor, index);
    }
  else if (y >= AUDIO_Y && begin_clip_drag (self, x, y))
    ;
  else
    {
      /* The ruler, and any empty place, scrub. */
      self->drag = DRAG_SCRUB;
      sl_editor_seek (self->editor, x_to_time (self, x));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The index a shot dragged to project time @time takes: that of the shot
 * under it, in the order without the dragged one moved. */
static guint
reorder_target (SlTimelineCanvas *self, gint64 time)
{
  guint index = 0;

  if (sl_project_get_shot_at (self->project, time, &index, NULL) == NULL)
    return 0;
  return index;
}

/* Where a picture dropped at @time goes: before the shot whose middle is
 * after it. */
static guint
insertion_index (SlTimelineCanvas *self, gint64 time)
{
  guint n = sl_project_get_n_shots (self->project);

  for (guint i = 0; i < n; i++)
    {
      gint64 start = sl_project_get_shot_start (self->project, i);

      if (time < start + sl_shot_get_duration (sl_project_get_shot (self->project, i)) / 2)
        return i;
    }
  return n;
}

/* Snaps the clip's start, or its end when that is the nearer snap. */
static gint64
snap_clip_start (SlTimelineCanvas *self, gint64 start, GdkModifierType state)
{
  ClipSpan span = clip_span (self, self->drag_clip);
  gint64 by_start = snap (self, start, state) - start;
  gint64 by_end = 0;

  if (span.length >= 0)
    by_end = snap (self, start + span.length, state) - (start + span.length);
  if (by_start != 0 && (by_end == 0 || ABS (by_start) <= ABS (by_end)))
    {
      self->snapped_at = start + by_start;
      return start + by_start;
    }
  return start + by_end;
}

void
sl_timeline_canvas_drag_update (SlTimelineCanvas *self, double dx, double dy, GdkModifierType state)
{
  gint64 min, dt;
  ClipSpan span = { 0 };

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  min = sl_timeline_get_min_duration (self->project);
  dt = pixels_to_time (self, dx);
  self->snapped_at = -1;
  if (self->drag_clip != NULL)
    {
      /* The span before this update's value: reset it to the origin. */
      gint64 value = self->drag_value;

      self->drag_value = self->drag_origin;
      span = clip_span (self, self->drag_clip);
      self->drag_value = value;
    }
  switch (self->drag)
    {
    case DRAG_SCRUB:
      sl_editor_seek (self->editor, x_to_time (self, self->drag_x + dx));
      break;
    case DRAG_SHOT_PRESS:
      if (fabs (dx) < DRAG_PX)
        break;
      self->drag = DRAG_REORDER;
      G_GNUC_FALLTHROUGH;
    case DRAG_REORDER:
      self->drag_to = reorder_target (self, x_to_time (self, self->drag_x + dx));
      break;
    case DRAG_TRIM_SHOT:
      self->drag_value = MAX (snap (self, self->drag_origin + dt, state),
                              sl_project_get_shot_start (self->project, self->drag_index) + min);
      break;
    case DRAG_CLIP_MOVE:
      self->drag_value = MAX (snap_clip_start (self, self->drag_origin + dt, state), 0);
      break;
    case DRAG_CLIP_TRIM_START:
      self->drag_value = CLAMP (snap (self, self->drag_origin + dt, state),
                                MAX (span.start - span.in_point, 0),
                                span.length >= 0 ? span.start + span.length - min : G_MAXINT64);
      break;
    case DRAG_CLIP_TRIM_END:
      self->drag_value = CLAMP (snap (self, self->drag_origin + dt, state), span.start + min,
                                span.source >= 0 ? span.start + span.source - span.in_point : G_MAXINT64);
      break;
    case DRAG_FADE_IN:
      self->drag_value = CLAMP (self->drag_origin + dt, 0, MAX (drawn_length (self, &span) - span.fade_out, 0));
      break;
    case DRAG_FADE_OUT:
      self->drag_value = CLAMP (self->drag_origin - dt, 0, MAX (drawn_length (self, &span) - span.fade_in, 0));
      break;
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Makes the edit the gesture showed: one call of the timeline edits. */
static gboolean
commit_drag (SlTimelineCanvas *self, GError **error)
{
  SlAudioClip *clip = self->drag_clip;
  gint64 source = clip != NULL ? source_duration (self, clip) : -1;

  if (self->drag_value == self->drag_origin && self->drag != DRAG_REORDER)
    return TRUE;
  switch (self->drag)
    {
    case DRAG_REORDER:
      if (self->drag_to == self->drag_index)
        return TRUE;
      if (!sl_timeline_reorder_shot (self->project, self->drag_index, self->drag_to, error))
        return FALSE;
      sl_editor_select_index (self->editor, self->drag_to);
      return TRUE;
    case DRAG_TRIM_SHOT:
      return sl_timeline_trim_shot_end (self->project, self->drag_index, self->drag_value, error);
    case DRAG_CLIP_MOVE:
      return sl_timeline_move_clip (self->project, clip, self->drag_value, error);
    case DRAG_CLIP_TRIM_START:
      return sl_timeline_trim_clip_start (self->project, clip, self->drag_value, source, error);
    case DRAG_CLIP_TRIM_END:
      return sl_timeline_trim_clip_end (self->project, clip, self->drag_value, source, error);
    case DRAG_FADE_IN:
      return sl_timeline_set_clip_fades (self->project, clip, self->drag_value,
                                         sl_audio_clip_get_fade_out (clip), source, error);
    case DRAG_FADE_OUT:
      return sl_timeline_set_clip_fades (self->project, clip, sl_audio_clip_get_fade_in (clip),
                                         self->drag_value, source, error);
    case DRAG_NONE:
    case DRAG_SCRUB:
    case DRAG_SHOT_PRESS:
    default:
      return TRUE;
    }
}

void
sl_timeline_canvas_drag_end (SlTimelineCanvas *self, double dx, double dy, GdkModifierType state)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  sl_timeline_canvas_drag_update (self, dx, dy, state);
  if (!commit_drag (self, &error))
    sl_editor_report_error (self->editor, error);
  self->drag = DRAG_NONE;
  self->drag_clip = NULL;
  self->snapped_at = -1;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, SlTimelineCanvas *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  sl_timeline_canvas_drag_begin (self, x, y,
                                 gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, SlTimelineCanvas *self)
{
  sl_timeline_canvas_drag_update (self, dx, dy,
                                  gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, SlTimelineCanvas *self)
{
  sl_timeline_canvas_drag_end (self, dx, dy,
                               gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

/* ---- Keyboard ---------------------------------------------------------- */

void
sl_timeline_canvas_split_at_playhead (SlTimelineCanvas *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  if (!sl_timeline_split_shot (self->project, sl_editor_get_position (self->editor), &error))
    sl_editor_report_error (self->editor, error);
}

void
sl_timeline_canvas_delete_selected (SlTimelineCanvas *self)
{
  g_autoptr(GError) error = NULL;
  guint index;

  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  index = sl_editor_get_selected_index (self->editor);
  if (index != G_MAXUINT && !sl_timeline_delete_shot (self->project, index, &error))
    sl_editor_report_error (self->editor, error);
}

/* The nearest shot boundary before (@direction < 0) or after the playhead. */
static gint64
boundary_near (SlTimelineCanvas *self, gint64 position, int direction)
{
  guint n = sl_project_get_n_shots (self->project);
  gint64 best = direction < 0 ? 0 : sl_project_get_duration (self->project);

  for (guint i = 0; i <= n; i++)
    {
      gint64 edge = sl_project_get_shot_start (self->project, i);

      if (direction < 0 && edge < position - SL_MSECOND)
        best = MAX (best, edge);
      else if (direction > 0 && edge > position + SL_MSECOND)
        best = MIN (best, edge);
    }
  return best;
}

static void
pause_preview (SlTimelineCanvas *self)
{
  if (self->preview != NULL)
    sl_preview_pause (self->preview);
  self->play_rate = 1;
}

/* J, K and L as in video editors, forwards only as the preview plays only
 * forwards: L plays (again: faster, up to 4×), K pauses, J pauses and steps
 * back a second. */
static void
shuttle (SlTimelineCanvas *self, guint keyval)
{
  if (keyval == GDK_KEY_l && self->preview != NULL)
    {
      if (sl_preview_get_playing (self->preview))
        self->play_rate = MIN (self->play_rate * 2, SL_PREVIEW_MAX_RATE);
      else
        self->play_rate = 1;
      sl_preview_set_rate (self->preview, self->play_rate);
      sl_preview_play (self->preview);
      return;
    }
  pause_preview (self);
  if (self->preview != NULL)
    sl_preview_set_rate (self->preview, 1);
  if (keyval == GDK_KEY_j)
    sl_editor_seek (self->editor, sl_editor_get_position (self->editor) - SL_SECOND);
}

gboolean
sl_timeline_canvas_key_pressed (SlTimelineCanvas *self, guint keyval, GdkModifierType state)
{
  gint64 position, frame;

  g_return_val_if_fail (SL_IS_TIMELINE_CANVAS (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  position = sl_editor_get_position (self->editor);
  frame = sl_project_get_frame_time (self->project, 1);
  switch (keyval)
    {
    case GDK_KEY_space:
      if (self->preview != NULL && sl_preview_get_playing (self->preview))
        pause_preview (self);
      else if (self->preview != NULL)
        sl_preview_play (self->preview);
      return TRUE;
    case GDK_KEY_j: case GDK_KEY_k: case GDK_KEY_l:
      shuttle (self, keyval);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Right:
      pause_preview (self);
      sl_editor_seek (self->editor, position + (keyval == GDK_KEY_Left ? -frame : frame));
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_Down:
      pause_preview (self);
      sl_editor_seek (self->editor, boundary_near (self, position, keyval == GDK_KEY_Up ? -1 : 1));
      return TRUE;
    case GDK_KEY_Home: case GDK_KEY_End:
      pause_preview (self);
      sl_editor_seek (self->editor, keyval == GDK_KEY_Home ? 0 : sl_project_get_duration (self->project));
      return TRUE;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      sl_timeline_canvas_delete_selected (self);
      return TRUE;
    case GDK_KEY_s:
      sl_timeline_canvas_split_at_playhead (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, SlTimelineCanvas *self)
{
  return sl_timeline_canvas_key_pressed (self, gdk_keyval_to_lower (keyval), state);
}

/* ---- Drag and drop of files -------------------------------------------- */

/* The document's path for @file: relative to the project's folder when it
 * is inside it, so that the folder can move. */
static char *
document_path (SlTimelineCanvas *self, GFile *file)
{
  const char *base = sl_project_get_base_dir (self->project);
  g_autoptr(GFile) folder = base != NULL ? g_file_new_for_path (base) : NULL;
  char *relative = folder != NULL ? g_file_get_relative_path (folder, file) : NULL;

  return relative != NULL ? relative : g_file_get_path (file);
}

/* "image", "audio", or NULL for a file we cannot read or use. */
static const char *
file_kind (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                                                 G_FILE_ATTRIBUTE_ACCESS_CAN_READ ","
                                                 G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *mime = NULL;

  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
      || !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
      || g_file_peek_path (file) == NULL)
    return NULL;
  mime = g_content_type_get_mime_type (g_file_info_get_content_type (info));
  if (mime != NULL && g_str_has_prefix (mime, "image/"))
    return "image";
  if (mime != NULL && (g_str_has_prefix (mime, "audio/") || g_str_equal (mime, "application/ogg")))
    return "audio";
  return NULL;
}

static gboolean
add_file (SlTimelineCanvas *self, GFile *file, guint *index, gint64 time, GError **error)
{
  const char *kind = file_kind (file);
  g_autofree char *path = NULL;

  if (kind == NULL)
    return FALSE;
  path = document_path (self, file);
  if (g_str_equal (kind, "image"))
    {
      g_autofree char *base = g_file_get_basename (file);
      char *dot = strrchr (base, '.');
      g_autoptr(SlShot) shot = NULL;
      g_autoptr(SlReference) plate = sl_reference_new (path, SL_REFERENCE_ROLE_PLATE);

      if (dot != NULL && dot != base)
        *dot = '\0';
      shot = sl_shot_new (base, 3 * SL_SECOND);
      g_list_store_append (sl_shot_get_references (shot), plate);
      if (!sl_timeline_insert_shot (self->project, *index, shot, error))
        return FALSE;
      (*index)++;
    }
  else
    {
      g_autoptr(SlAudioClip) clip = sl_audio_clip_new (path, MAX (time, 0));

      if (!sl_timeline_add_clip (self->project, clip, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sl_timeline_canvas_drop_files (SlTimelineCanvas *self, GSList *files, double x, double y)
{
  SlHistory *history;
  g_autoptr(GString) refused = g_string_new (NULL);
  gint64 time;
  guint index, added = 0;

  g_return_val_if_fail (SL_IS_TIMELINE_CANVAS (self), FALSE);

  time = snap (self, x_to_time (self, x), 0);
  index = insertion_index (self, time);
  history = sl_project_get_history (self->project);
  sl_history_begin (history, _("Add Files"));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (add_file (self, l->data, &index, time, &error))
        added++;
      else if (error != NULL)
        sl_editor_report_error (self->editor, error);
      else
        {
          g_autofree char *name = g_file_get_basename (l->data);

          g_string_append_printf (refused, "%s“%s”", refused->len > 0 ? ", " : "", name);
        }
    }
  sl_history_end (history);
  if (refused->len > 0)
    {
      g_autoptr(GError) error = g_error_new (SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                                             /* Translators: %s is a list of quoted file names */
                                             _("Cannot add %s: not a readable image or audio file"),
                                             refused->str);

      sl_editor_report_error (self->editor, error);
    }
  return added > 0;
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target, double x, double y, SlTimelineCanvas *self)
{
  self->drop_active = TRUE;
  self->drop_x = x;
  self->drop_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target, SlTimelineCanvas *self)
{
  self->drop_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, SlTimelineCanvas *self)
{
  self->drop_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return sl_timeline_canvas_drop_files (self, g_value_get_boxed (value), x, y);
}

/* ---- GObject ----------------------------------------------------------- */

gboolean
sl_timeline_canvas_get_snapping (SlTimelineCanvas *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE_CANVAS (self), FALSE);
  return self->snapping;
}

void
sl_timeline_canvas_set_snapping (SlTimelineCanvas *self, gboolean snapping)
{
  g_return_if_fail (SL_IS_TIMELINE_CANVAS (self));

  snapping = !!snapping;
  if (self->snapping == snapping)
    return;
  self->snapping = snapping;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPPING]);
}

static void
sl_timeline_canvas_constructed (GObject *object)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (object);

  G_OBJECT_CLASS (sl_timeline_canvas_parent_class)->constructed (object);

  self->project = g_object_ref (sl_editor_get_project (self->editor));
  self->thumbnailer = g_object_ref (sl_thumbnailer_get_for_editor (self->editor));
  g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->thumbnailer, "ready", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::selected-shot", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "seek-requested", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::preview", G_CALLBACK (on_preview_changed), self, G_CONNECT_SWAPPED);
  on_preview_changed (self);
  on_project_changed (self);
}

static void
sl_timeline_canvas_dispose (GObject *object)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (object);

  g_cancellable_cancel (self->cancellable);
  /* A running analysis keeps the canvas alive past its dispose: it must
   * hear nothing more from the document. */
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (self->thumbnailer, self);
      g_signal_handlers_disconnect_by_data (self->editor, self);
    }
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  if (self->proxies != NULL)
    {
      for (guint i = 0; i < self->proxies->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->proxies, i));
      g_clear_pointer (&self->proxies, g_ptr_array_unref);
    }
  g_clear_object (&self->preview);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->project);
  g_clear_object (&self->editor);
  g_clear_object (&self->audio_cache);
  G_OBJECT_CLASS (sl_timeline_canvas_parent_class)->dispose (object);
}

static void
sl_timeline_canvas_finalize (GObject *object)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (object);

  g_hash_table_unref (self->analyses);
  g_hash_table_unref (self->requested);
  g_object_unref (self->cancellable);
  G_OBJECT_CLASS (sl_timeline_canvas_parent_class)->finalize (object);
}

static void
sl_timeline_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_EDITOR: g_value_set_object (value, self->editor); break;
    case PROP_PIXELS_PER_SECOND: g_value_set_double (value, self->pps); break;
    case PROP_SNAPPING: g_value_set_boolean (value, self->snapping); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_timeline_canvas_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlTimelineCanvas *self = SL_TIMELINE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_EDITOR: self->editor = g_value_dup_object (value); break;
    case PROP_PIXELS_PER_SECOND: sl_timeline_canvas_set_pixels_per_second (self, g_value_get_double (value)); break;
    case PROP_SNAPPING: sl_timeline_canvas_set_snapping (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_timeline_canvas_class_init (SlTimelineCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_timeline_canvas_constructed;
  object_class->dispose = sl_timeline_canvas_dispose;
  object_class->finalize = sl_timeline_canvas_finalize;
  object_class->get_property = sl_timeline_canvas_get_property;
  object_class->set_property = sl_timeline_canvas_set_property;
  widget_class->snapshot = sl_timeline_canvas_snapshot;
  widget_class->measure = sl_timeline_canvas_measure;
  widget_class->size_allocate = sl_timeline_canvas_size_allocate;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIXELS_PER_SECOND] =
    g_param_spec_double ("pixels-per-second", NULL, NULL, SL_TIMELINE_MIN_ZOOM, SL_TIMELINE_MAX_ZOOM, 40,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAPPING] =
    g_param_spec_boolean ("snapping", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sl-timeline-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
sl_timeline_canvas_init (SlTimelineCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *drag;
  GtkDropTarget *drop;

  self->pps = 40;
  self->snapping = TRUE;
  self->play_rate = 1;
  self->snapped_at = -1;
  self->analyses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->proxies = g_ptr_array_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
sl_timeline_canvas_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_TIMELINE_CANVAS, "editor", editor, NULL);
}
