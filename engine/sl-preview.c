/* sl-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline, the threads and the dropping policy are described in
 * docs/preview.md.
 */
#define G_LOG_DOMAIN "sl-preview"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/audio/audio.h>
#include <gst/video/video.h>

#include "shotline-shots.h"
#include "sl-audio-mixer.h"
#include "sl-engine-error.h"
#include "sl-preview.h"
#include "sl-renderer.h"

/* Frames waiting in appsrc. With the queue's and the sink's, a few frames
 * are rendered ahead: enough to ride out an uneven frame, few enough that
 * memory stays small and a flush throws little work away. */
#define MAX_QUEUED_FRAMES 2
#define QUEUE_FRAMES 2
/* The sound is mixed 100 ms at a time, just before it is needed. */
#define AUDIO_CHUNK (SL_AUDIO_MIXER_RATE / 10)
/* A frame that reaches the sink later than this is dropped, not shown. */
#define MAX_LATENESS (20 * GST_MSECOND)
/* Frames take this much longer than the average at times: the frame
 * chosen after a skip must be ready even then. */
#define RENDER_COST_MARGIN 1.25
/* How often the playhead is reported while playing. */
#define TICK_MS 40

struct _SlPreviewFrame
{
  gatomicrefcount  ref_count;
  guint            width;
  guint            height;
  gsize            stride;
  GBytes          *pixels;
  gint64           pts;
};

G_DEFINE_BOXED_TYPE (SlPreviewFrame, sl_preview_frame, sl_preview_frame_ref, sl_preview_frame_unref)

struct _SlPreview
{
  GObject        parent_instance;

  /* The main thread's: the document and what the window sees. */
  SlProject     *project;
  gulong         changed_handler;
  char          *backend_name;
  GMainContext  *context;
  GstElement    *pipeline;
  GstElement    *video_src;      /* borrowed from the pipeline */
  GstElement    *video_sink;
  GstElement    *audio_src;
  GSource       *bus_source;
  GSource       *tick_source;
  GSource       *sync_source;    /* an edit not yet handed to the render thread */
  gint64         changed_start;
  gint64         changed_end;
  gboolean       playing;
  gboolean       at_end;
  gboolean       loop;
  gboolean       disposed;
  double         rate;
  gint64         position;
  gint64         duration;
  guint          width;
  guint          height;
  GArray        *shown_times;    /* gint64 µs of the frames shown in the last second */
  double         achieved_fps;
  guint64        sink_dropped;
  guint64        reported_dropped;
  GPtrArray     *mixed_clips;    /* copies of the audio clips the mixer was made from */
  char          *mixed_base_dir;
  GCancellable  *mixer_cancellable;

  /* Shared with the render thread, under lock. */
  GMutex         lock;
  GCond          cond;
  GThread       *render_thread;
  gboolean       quit;
  gboolean       seeking;
  gboolean       running;        /* render ahead (playing), or only the still */
  gboolean       still_done;
  gboolean       first_of_seek;
  gboolean       eos_sent;
  gboolean       failed;
  guint          generation;     /* bumped by every flush */
  gint64         seek_time;
  gint64         next_frame;     /* -1: the frame under seek_time */
  gint64         ahead_end;      /* the end of the last frame queued or being rendered */
  double         render_rate;
  gint64         render_cost;    /* ns per frame, smoothed */
  guint64        skipped;
  SlProject     *pending_doc;
  gboolean       size_pending;
  guint          pending_width;
  guint          pending_height;

  /* The render thread's alone once it runs. */
  SlProject     *snapshot;
  SlRenderer    *renderer;
  GstCaps       *caps;

  /* Shared with the audio streaming thread, under audio_lock. */
  GMutex         audio_lock;
  SlAudioMixer  *mixer;
  gint64         audio_sample;
  gint64         audio_end;

  /* The video sink's streaming thread's, under frame_lock. */
  GMutex         frame_lock;
  GstBuffer     *preroll_buffer;
};

G_DEFINE_FINAL_TYPE (SlPreview, sl_preview, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_BACKEND_NAME,
  PROP_PLAYING,
  PROP_POSITION,
  PROP_DURATION,
  PROP_RATE,
  PROP_LOOP,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_ACHIEVED_FPS,
  PROP_DROPPED_FRAMES,
  N_PROPS
};

enum {
  SIGNAL_FRAME_READY,
  SIGNAL_POSITION_CHANGED,
  SIGNAL_ERROR,
  SIGNAL_EOS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Frames */

SlPreviewFrame *
sl_preview_frame_ref (SlPreviewFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);
  g_atomic_ref_count_inc (&frame->ref_count);
  return frame;
}

void
sl_preview_frame_unref (SlPreviewFrame *frame)
{
  g_return_if_fail (frame != NULL);
  if (!g_atomic_ref_count_dec (&frame->ref_count))
    return;
  g_bytes_unref (frame->pixels);
  g_free (frame);
}

guint
sl_preview_frame_get_width (SlPreviewFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);
  return frame->width;
}

guint
sl_preview_frame_get_height (SlPreviewFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);
  return frame->height;
}

gsize
sl_preview_frame_get_stride (SlPreviewFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);
  return frame->stride;
}

GBytes *
sl_preview_frame_get_pixels (SlPreviewFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);
  return frame->pixels;
}

gint64
sl_preview_frame_get_pts (SlPreviewFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);
  return frame->pts;
}

/* The pixels stay in the pipeline's buffer, mapped until the last GBytes
 * reference goes. */
typedef struct {
  GstBuffer  *buffer;
  GstMapInfo  map;
} MappedBuffer;

static void
mapped_buffer_free (gpointer data)
{
  MappedBuffer *mapped = data;

  gst_buffer_unmap (mapped->buffer, &mapped->map);
  gst_buffer_unref (mapped->buffer);
  g_free (mapped);
}

static SlPreviewFrame *
frame_new_from_sample (GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoInfo info;
  MappedBuffer *mapped;
  SlPreviewFrame *frame;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;
  mapped = g_new0 (MappedBuffer, 1);
  if (!gst_buffer_map (buffer, &mapped->map, GST_MAP_READ))
    {
      g_free (mapped);
      return NULL;
    }
  if (mapped->map.size < (gsize) GST_VIDEO_INFO_PLANE_STRIDE (&info, 0) * GST_VIDEO_INFO_HEIGHT (&info))
    {
      gst_buffer_unmap (buffer, &mapped->map);
      g_free (mapped);
      return NULL;
    }
  mapped->buffer = gst_buffer_ref (buffer);
  frame = g_new0 (SlPreviewFrame, 1);
  g_atomic_ref_count_init (&frame->ref_count);
  frame->width = GST_VIDEO_INFO_WIDTH (&info);
  frame->height = GST_VIDEO_INFO_HEIGHT (&info);
  frame->stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  frame->pts = GST_BUFFER_PTS (buffer);
  frame->pixels = g_bytes_new_with_free_func (mapped->map.data, mapped->map.size, mapped_buffer_free, mapped);
  return frame;
}

/* Time and frames */

/* The frame on screen at @time: the last one whose start is not after it
 * (frame n starts at ceil (n / fps), sl_project_get_frame_time ()). */
static gint64
frame_at (SlProject *project, gint64 time)
{
  return (gint64) ((__int128) MAX (time, 0) * sl_project_get_fps_num (project)
                   / ((__int128) sl_project_get_fps_den (project) * SL_SECOND));
}

/* Above normal speed only every step-th frame is rendered, so the window
 * never gets more frames a second than the project has. */
static gint64
frame_step (double rate)
{
  return rate > 1.0 ? (gint64) ceil (rate) : 1;
}

static SlProject *
copy_project (SlProject *project)
{
  SlProject *copy = sl_model_copy (G_OBJECT (project));

  sl_project_set_base_dir (copy, sl_project_get_base_dir (project));
  return copy;
}

/* Handing results to the main context */

typedef struct {
  GWeakRef        preview;
  SlPreviewFrame *frame;
  GError         *error;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_weak_ref_clear (&delivery->preview);
  g_clear_pointer (&delivery->frame, sl_preview_frame_unref);
  g_clear_error (&delivery->error);
  g_free (delivery);
}

static void frame_shown (SlPreview *self, SlPreviewFrame *frame);

static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;
  g_autoptr(SlPreview) self = g_weak_ref_get (&delivery->preview);

  if (self == NULL || self->disposed)
    return G_SOURCE_REMOVE;
  if (delivery->frame != NULL)
    frame_shown (self, delivery->frame);
  else
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, delivery->error);
  return G_SOURCE_REMOVE;
}

/* Always through an idle source, never a direct call: the thread that
 * posts must not emit even when it could acquire the context. Takes
 * @frame and @error. */
static void
post_to_main (SlPreview *self, SlPreviewFrame *frame, GError *error)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  g_weak_ref_init (&delivery->preview, self);
  delivery->frame = frame;
  delivery->error = error;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver, delivery, delivery_free);
  g_source_attach (source, self->context);
}

/* The render thread */

static void
sync_snapshot (SlPreview *self, SlProject *doc)
{
  if (g_strcmp0 (sl_project_get_base_dir (self->snapshot), sl_project_get_base_dir (doc)) != 0)
    {
      sl_project_set_base_dir (self->snapshot, sl_project_get_base_dir (doc));
      /* Relative paths now name other files: every plan is stale. */
      g_signal_emit_by_name (self->snapshot, "changed", NULL, (gint64) 0, (gint64) G_MAXINT64);
    }
  /* One property at a time, so that the snapshot emits ::changed only for
   * what differs and the renderer drops only the plans the edit touched. */
  sl_model_sync (NULL, G_OBJECT (self->snapshot), G_OBJECT (doc));
}

static GstCaps *
video_caps (SlProject *project, guint width, guint height)
{
  GstVideoInfo info;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBA, width, height);
  GST_VIDEO_INFO_FPS_N (&info) = sl_project_get_fps_num (project);
  GST_VIDEO_INFO_FPS_D (&info) = sl_project_get_fps_den (project);
  return gst_video_info_to_caps (&info);
}

/* Called and returns with the lock held; drops it while the document is
 * brought up to date, which the renderer sees only here, between frames. */
static void
apply_pending (SlPreview *self)
{
  g_autoptr(SlProject) doc = g_steal_pointer (&self->pending_doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstCaps) caps = NULL;
  gboolean size_pending = self->size_pending;
  guint width = self->pending_width, height = self->pending_height;

  self->size_pending = FALSE;
  g_mutex_unlock (&self->lock);
  if (doc != NULL)
    sync_snapshot (self, doc);
  if (size_pending && !sl_renderer_set_size (self->renderer, width, height, &error))
    post_to_main (self, NULL, g_steal_pointer (&error));
  sl_renderer_get_size (self->renderer, &width, &height);
  caps = video_caps (self->snapshot, width, height);
  if (!gst_caps_is_equal (caps, self->caps))
    {
      gst_caps_replace (&self->caps, caps);
      gst_app_src_set_caps (GST_APP_SRC (self->video_src), caps);
    }
  g_mutex_lock (&self->lock);
  self->failed = FALSE;
}

/* The playhead by the pipeline clock: the last seek's position plus the
 * running time since, at the rate of that seek (every flush starts the
 * running time again at 0); the seek's position while the clock stands.
 * The sinks' own position stops at the end of the last buffer they got,
 * which lags exactly when rendering falls behind. */
static gint64
clock_position (SlPreview *self, gint64 seek_time, double rate)
{
  GstElement *pipeline = self->pipeline;
  g_autoptr(GstClock) clock = NULL;
  GstClockTime base_time;

  GST_OBJECT_LOCK (pipeline);
  if (GST_STATE (pipeline) == GST_STATE_PLAYING && GST_STATE_PENDING (pipeline) == GST_STATE_VOID_PENDING
      && GST_ELEMENT_CLOCK (pipeline) != NULL)
    clock = gst_object_ref (GST_ELEMENT_CLOCK (pipeline));
  base_time = GST_ELEMENT_CAST (pipeline)->base_time;
  GST_OBJECT_UNLOCK (pipeline);
  if (clock == NULL)
    return seek_time;
  return seek_time + (gint64) (MAX (GST_CLOCK_DIFF (base_time, gst_clock_get_time (clock)), 0) * rate);
}

/* Where rendering falls behind the clock, the frames that could not be
 * ready in time are skipped rather than shown late, so the picture keeps
 * in step with the sound: the next frame rendered is the first that
 * starts after the playhead plus the time a frame takes to render. */
static gint64
skip_late_frames (SlPreview *self, gint64 n)
{
  gint64 position = clock_position (self, self->seek_time, self->render_rate);
  gint64 ready_at, first_in_time;

  ready_at = position + (gint64) (self->render_cost * RENDER_COST_MARGIN * self->render_rate);
  first_in_time = MIN (frame_at (self->snapshot, ready_at) + 1, sl_project_get_n_frames (self->snapshot));
  if (first_in_time <= n)
    return n;
  self->skipped += first_in_time - n;
  return first_in_time;
}

/* Called with the lock held: whether a frame is wanted now. Ends the video
 * stream once the last frame is queued. */
static gboolean
ready_to_render (SlPreview *self)
{
  gint64 n_frames = sl_project_get_n_frames (self->snapshot);

  if (self->seeking || self->failed)
    return FALSE;
  if (self->next_frame < 0)
    self->next_frame = MIN (frame_at (self->snapshot, self->seek_time), MAX (n_frames - 1, 0));
  if (self->next_frame >= n_frames)
    {
      if (!self->eos_sent)
        gst_app_src_end_of_stream (GST_APP_SRC (self->video_src));
      self->eos_sent = TRUE;
      return FALSE;
    }
  if (!self->running && self->still_done)
    return FALSE;
  return gst_app_src_get_current_level_buffers (GST_APP_SRC (self->video_src)) < MAX_QUEUED_FRAMES;
}

static GstBuffer *
render_frame (SlPreview *self, gint64 time, gint64 end, GError **error)
{
  g_autoptr(GstBuffer) buffer = NULL;
  GstMapInfo map;
  guint width, height;
  gboolean ok;

  sl_renderer_get_size (self->renderer, &width, &height);
  buffer = gst_buffer_new_allocate (NULL, (gsize) width * height * 4, NULL);
  if (!gst_buffer_map (buffer, &map, GST_MAP_WRITE))
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("No memory for a %u×%u preview frame"), width, height);
      return NULL;
    }
  ok = sl_renderer_render_rgba (self->renderer, time, map.data, (gsize) width * 4, error);
  gst_buffer_unmap (buffer, &map);
  if (!ok)
    return NULL;
  GST_BUFFER_PTS (buffer) = time;
  GST_BUFFER_DURATION (buffer) = end - time;
  return g_steal_pointer (&buffer);
}

/* Called and returns with the lock held, dropped while planning. Planning
 * a shot (its scene and camera) is a one-off that says nothing of how long
 * frames take, so it happens apart from rendering: TRUE when a plan was
 * made and the frame to render must be chosen again, the clock having
 * moved on. An error here is the render's too, and reported from there. */
static gboolean
plan_shot (SlPreview *self, gint64 time)
{
  guint shot, n_plans;

  if (sl_project_get_shot_at (self->snapshot, time, &shot, NULL) == NULL)
    return FALSE;
  g_mutex_unlock (&self->lock);
  n_plans = sl_renderer_get_n_plans (self->renderer);
  sl_renderer_get_scene (self->renderer, shot, NULL);
  g_mutex_lock (&self->lock);
  return sl_renderer_get_n_plans (self->renderer) != n_plans;
}

/* Called and returns with the lock held, dropped while rendering. A frame
 * whose flush generation has passed meanwhile is thrown away. */
static void
render_next (SlPreview *self)
{
  guint generation = self->generation;
  g_autoptr(GstBuffer) buffer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = self->next_frame, time, end, started, elapsed;
  guint n_plans;
  gboolean planned;

  if (self->running && !self->first_of_seek)
    n = skip_late_frames (self, n);
  if (n >= sl_project_get_n_frames (self->snapshot))
    {
      self->next_frame = n;
      return;
    }
  time = sl_project_get_frame_time (self->snapshot, n);
  end = sl_project_get_frame_time (self->snapshot, n + 1);
  self->ahead_end = MAX (self->ahead_end, end);
  if (plan_shot (self, time))
    return;
  self->first_of_seek = FALSE;
  g_mutex_unlock (&self->lock);

  /* A frame that still had to plan (the second shot of a transition) is
   * left out of the estimate. */
  n_plans = sl_renderer_get_n_plans (self->renderer);
  started = g_get_monotonic_time ();
  buffer = render_frame (self, time, end, &error);
  elapsed = (g_get_monotonic_time () - started) * 1000;
  planned = sl_renderer_get_n_plans (self->renderer) != n_plans;

  g_mutex_lock (&self->lock);
  if (generation != self->generation || self->seeking)
    return;
  if (buffer == NULL)
    {
      self->failed = TRUE;
      post_to_main (self, NULL, g_steal_pointer (&error));
      return;
    }
  if (!planned)
    self->render_cost = self->render_cost == 0 ? elapsed : (3 * self->render_cost + elapsed) / 4;
  gst_app_src_push_buffer (GST_APP_SRC (self->video_src), g_steal_pointer (&buffer));
  self->next_frame = n + frame_step (self->render_rate);
  if (!self->running)
    self->still_done = TRUE;
}

static gpointer
render_main (gpointer data)
{
  SlPreview *self = data;

  g_mutex_lock (&self->lock);
  while (!self->quit)
    {
      if (self->pending_doc != NULL || self->size_pending)
        apply_pending (self);
      else if (ready_to_render (self))
        render_next (self);
      else
        g_cond_wait (&self->cond, &self->lock);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* GStreamer callbacks, on streaming threads */

/* appsrc's queue went down: room for another frame. */
static void
on_video_need_data (GstAppSrc *src, guint length, gpointer data)
{
  SlPreview *self = data;

  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* The render thread learns of seeks from seek_to (), which knows the
 * frame; appsrc only needs to hear that the seek may go on. */
static gboolean
on_video_seek_data (GstAppSrc *src, guint64 offset, gpointer data)
{
  return TRUE;
}

static const GstAppSrcCallbacks video_src_callbacks = {
  .need_data = on_video_need_data,
  .seek_data = on_video_seek_data,
};

/* Runs under the source's stream lock, as does on_audio_seek_data (), so
 * the two never overlap. */
static void
on_audio_need_data (GstAppSrc *src, guint length, gpointer data)
{
  SlPreview *self = data;
  g_autoptr(SlAudioMixer) mixer = NULL;
  GstBuffer *buffer;
  GstMapInfo map;
  gint64 first, end;
  gsize n;

  g_mutex_lock (&self->audio_lock);
  first = self->audio_sample;
  end = self->audio_end;
  if (self->mixer != NULL)
    mixer = g_object_ref (self->mixer);
  n = first < end ? (gsize) MIN (AUDIO_CHUNK, end - first) : 0;
  self->audio_sample = first + n;
  g_mutex_unlock (&self->audio_lock);

  if (n == 0)
    {
      gst_app_src_end_of_stream (src);
      return;
    }
  buffer = gst_buffer_new_allocate (NULL, n * SL_AUDIO_MIXER_CHANNELS * sizeof (float), NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  if (mixer != NULL)
    sl_audio_mixer_mix (mixer, first, n, (float *) map.data);
  else
    memset (map.data, 0, map.size);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = sl_audio_mixer_sample_to_time (first);
  GST_BUFFER_DURATION (buffer) = sl_audio_mixer_sample_to_time (first + n) - GST_BUFFER_PTS (buffer);
  gst_app_src_push_buffer (src, buffer);
}

static gboolean
on_audio_seek_data (GstAppSrc *src, guint64 offset, gpointer data)
{
  SlPreview *self = data;

  g_mutex_lock (&self->audio_lock);
  self->audio_sample = sl_audio_mixer_time_to_sample ((gint64) offset);
  g_mutex_unlock (&self->audio_lock);
  return TRUE;
}

static const GstAppSrcCallbacks audio_src_callbacks = {
  .need_data = on_audio_need_data,
  .seek_data = on_audio_seek_data,
};

static void
hand_over (SlPreview *self, GstSample *sample)
{
  SlPreviewFrame *frame = frame_new_from_sample (sample);

  if (frame != NULL)
    post_to_main (self, frame, NULL);
}

/* A frame reaches the sink first as preroll (after a seek) and then again,
 * the same buffer, once the pipeline plays: it is handed over once. */
static GstFlowReturn
on_new_preroll (GstAppSink *sink, gpointer data)
{
  SlPreview *self = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_preroll (sink);

  if (sample == NULL)
    return GST_FLOW_OK;
  g_mutex_lock (&self->frame_lock);
  gst_buffer_replace (&self->preroll_buffer, gst_sample_get_buffer (sample));
  g_mutex_unlock (&self->frame_lock);
  hand_over (self, sample);
  return GST_FLOW_OK;
}

static GstFlowReturn
on_new_sample (GstAppSink *sink, gpointer data)
{
  SlPreview *self = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  gboolean shown;

  if (sample == NULL)
    return GST_FLOW_OK;
  g_mutex_lock (&self->frame_lock);
  shown = gst_sample_get_buffer (sample) == self->preroll_buffer;
  gst_buffer_replace (&self->preroll_buffer, NULL);
  g_mutex_unlock (&self->frame_lock);
  if (!shown)
    hand_over (self, sample);
  return GST_FLOW_OK;
}

static const GstAppSinkCallbacks video_sink_callbacks = {
  .new_preroll = on_new_preroll,
  .new_sample = on_new_sample,
};

/* Playback, on the main thread */

static void
set_shared (SlPreview *self, gboolean *field, gboolean value)
{
  g_mutex_lock (&self->lock);
  *field = value;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Flushes the pipeline and starts both sources again at @position (within
 * the project): the render thread renders the frame under it first. */
static void
seek_to (SlPreview *self, gint64 position)
{
  gint64 n_frames = sl_project_get_n_frames (self->project);

  if (position >= self->duration)
    position = n_frames > 0 ? sl_project_get_frame_time (self->project, n_frames - 1) : 0;
  position = MAX (position, 0);
  self->position = position;
  self->at_end = FALSE;

  g_mutex_lock (&self->lock);
  self->seeking = TRUE;
  self->generation++;
  self->seek_time = position;
  self->next_frame = -1;
  self->ahead_end = 0;
  self->still_done = FALSE;
  self->first_of_seek = TRUE;
  self->eos_sent = FALSE;
  self->failed = FALSE;
  self->render_rate = self->rate;
  g_mutex_unlock (&self->lock);

  if (!gst_element_seek (self->pipeline, self->rate, GST_FORMAT_TIME,
                         GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                         GST_SEEK_TYPE_SET, position, GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE))
    g_debug ("The pipeline refused a seek to %" GST_TIME_FORMAT, GST_TIME_ARGS (position));

  set_shared (self, &self->seeking, FALSE);
}

/* seek_time and render_rate change only on this thread. */
static gint64
current_position (SlPreview *self)
{
  if (self->playing)
    self->position = MIN (clock_position (self, self->seek_time, self->render_rate), self->duration);
  return self->position;
}

static void
emit_position (SlPreview *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_signal_emit (self, signals[SIGNAL_POSITION_CHANGED], 0, self->position);
}

static void
update_dropped (SlPreview *self)
{
  guint64 dropped = sl_preview_get_dropped_frames (self);

  if (dropped != self->reported_dropped)
    {
      self->reported_dropped = dropped;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED_FRAMES]);
    }
}

static void
set_achieved_fps (SlPreview *self, double fps)
{
  if (fps == self->achieved_fps)
    return;
  self->achieved_fps = fps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACHIEVED_FPS]);
}

static void
count_recent_frames (SlPreview *self)
{
  gint64 now = g_get_monotonic_time ();
  guint old = 0;

  while (old < self->shown_times->len
         && g_array_index (self->shown_times, gint64, old) <= now - G_USEC_PER_SEC)
    old++;
  g_array_remove_range (self->shown_times, 0, old);
  set_achieved_fps (self, self->playing ? self->shown_times->len : 0);
}

static void
frame_shown (SlPreview *self, SlPreviewFrame *frame)
{
  gint64 now = g_get_monotonic_time ();

  if (self->playing)
    g_array_append_val (self->shown_times, now);
  count_recent_frames (self);
  update_dropped (self);
  g_signal_emit (self, signals[SIGNAL_FRAME_READY], 0, frame);
}

static gboolean
on_tick (gpointer data)
{
  SlPreview *self = data;
  gint64 before = self->position;

  if (current_position (self) != before)
    emit_position (self);
  count_recent_frames (self);
  update_dropped (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Leaves the playing state; the caller seeks to show the frame to stay on. */
static void
halt (SlPreview *self)
{
  self->playing = FALSE;
  set_shared (self, &self->running, FALSE);
  stop_source (&self->tick_source);
  g_array_set_size (self->shown_times, 0);
  set_achieved_fps (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* An end posted before the last flush is stale: only the generation that
 * queued the last frame has ended. */
static void
reached_end (SlPreview *self)
{
  gboolean ended;

  g_mutex_lock (&self->lock);
  ended = self->eos_sent && !self->seeking;
  g_mutex_unlock (&self->lock);
  if (!ended)
    return;
  if (self->loop && self->playing && self->duration > 0)
    {
      seek_to (self, 0);
      emit_position (self);
      return;
    }
  halt (self);
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  self->position = self->duration;
  self->at_end = TRUE;
  emit_position (self);
  g_signal_emit (self, signals[SIGNAL_EOS], 0);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer data)
{
  SlPreview *self = data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      reached_end (self);
      break;
    case GST_MESSAGE_QOS:
      /* The sink posts one for every frame it dropped as too late. */
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->video_sink))
        {
          self->sink_dropped++;
          update_dropped (self);
        }
      break;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("%s", debug);
        if (self->playing)
          {
            halt (self);
            gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
          }
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
      }
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

/* Edits, on the main thread */

static gboolean
audio_unchanged (SlPreview *self)
{
  GListModel *clips = G_LIST_MODEL (sl_project_get_audio_clips (self->project));
  guint n = g_list_model_get_n_items (clips);

  if (self->mixed_clips == NULL || n != self->mixed_clips->len
      || g_strcmp0 (self->mixed_base_dir, sl_project_get_base_dir (self->project)) != 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) clip = g_list_model_get_item (clips, i);

      if (!sl_model_equal (clip, g_ptr_array_index (self->mixed_clips, i), NULL))
        return FALSE;
    }
  return TRUE;
}

static void
build_mixer (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  SlAudioMixer *mixer = sl_audio_mixer_new (task_data, cancellable, &error);

  if (mixer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, mixer, g_object_unref);
}

/* Until a mixer is ready (and where the audio files fail) the preview
 * plays silence; the sound already queued finishes with the old mix. */
static void
on_mixer_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  GWeakRef *weak = data;
  g_autoptr(SlPreview) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioMixer) mixer = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self == NULL || self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_mutex_lock (&self->audio_lock);
  g_set_object (&self->mixer, mixer);
  g_mutex_unlock (&self->audio_lock);
  if (error != NULL)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

/* Decoding takes a while, so it runs on a worker thread. */
static void
start_mixer (SlPreview *self)
{
  GListModel *clips = G_LIST_MODEL (sl_project_get_audio_clips (self->project));
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  if (self->mixer_cancellable != NULL)
    g_cancellable_cancel (self->mixer_cancellable);
  g_clear_object (&self->mixer_cancellable);
  self->mixer_cancellable = g_cancellable_new ();

  g_ptr_array_set_size (self->mixed_clips, 0);
  for (guint i = 0; i < g_list_model_get_n_items (clips); i++)
    {
      g_autoptr(GObject) clip = g_list_model_get_item (clips, i);

      g_ptr_array_add (self->mixed_clips, sl_model_copy (clip));
    }
  g_free (self->mixed_base_dir);
  self->mixed_base_dir = g_strdup (sl_project_get_base_dir (self->project));

  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->mixer_cancellable, on_mixer_ready, weak);
  g_task_set_source_tag (task, start_mixer);
  g_task_set_task_data (task, copy_project (self->project), g_object_unref);
  g_task_run_in_thread (task, build_mixer);
}

static void
update_duration (SlPreview *self)
{
  gint64 duration = sl_project_get_duration (self->project);

  if (duration == self->duration)
    return;
  self->duration = duration;
  g_mutex_lock (&self->audio_lock);
  self->audio_end = sl_audio_mixer_time_to_sample (duration);
  g_mutex_unlock (&self->audio_lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

/* Hands the edited document to the render thread. Frames already queued
 * or being rendered that the edit touched are flushed, and rendering
 * starts again from the frame on screen; an edit only after them needs no
 * flush, as the render thread takes the new document before its next
 * frame. */
static void
sync_document (SlPreview *self)
{
  gint64 shown_start, ahead_end;

  if (self->sync_source == NULL)
    return;
  stop_source (&self->sync_source);

  g_mutex_lock (&self->lock);
  g_clear_object (&self->pending_doc);
  self->pending_doc = copy_project (self->project);
  ahead_end = self->ahead_end;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  update_duration (self);
  if (!audio_unchanged (self))
    start_mixer (self);
  shown_start = sl_project_get_frame_time (self->project, MIN (frame_at (self->project, current_position (self)),
                                                               sl_project_get_n_frames (self->project) - 1));
  if (self->changed_start < ahead_end && self->changed_end > shown_start)
    {
      seek_to (self, self->position);
      emit_position (self);
    }
  self->changed_start = G_MAXINT64;
  self->changed_end = G_MININT64;
}

static gboolean
on_sync_idle (gpointer data)
{
  sync_document (data);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (one command sets several properties): they are
 * gathered and handed over once the main loop is idle, or before the next
 * playback command. */
static void
on_project_changed (SlProject *project, SlShot *shot, gint64 start, gint64 end, gpointer data)
{
  SlPreview *self = data;

  self->changed_start = MIN (self->changed_start, start);
  self->changed_end = MAX (self->changed_end, end);
  if (self->sync_source != NULL)
    return;
  self->sync_source = g_idle_source_new ();
  g_source_set_callback (self->sync_source, on_sync_idle, self, NULL);
  g_source_attach (self->sync_source, self->context);
}

/* The pipeline */

static gboolean
set_missing_error (GError **error, const char *factory)
{
  g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE,
               _("The preview needs the GStreamer element “%s”, which is not installed"), factory);
  return FALSE;
}

static GstElement *
add_element (GstBin *bin, const char *factory, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    {
      set_missing_error (error, factory);
      return NULL;
    }
  gst_bin_add (bin, element);
  return element;
}

/* autoaudiosink settles for a fakesink of its own when no device answers;
 * ours is configured to keep time. */
static gboolean
has_audio_device (GstElement *sink)
{
  gboolean fake = FALSE;

  if (gst_element_set_state (sink, GST_STATE_READY) == GST_STATE_CHANGE_FAILURE)
    return FALSE;
  GST_OBJECT_LOCK (sink);
  for (GList *l = GST_BIN_CHILDREN (sink); l != NULL; l = l->next)
    {
      GstElementFactory *factory = gst_element_get_factory (l->data);

      fake |= factory != NULL && g_str_equal (gst_plugin_feature_get_name (factory), "fakesink");
    }
  GST_OBJECT_UNLOCK (sink);
  return !fake;
}

static void
drop_element (GstElement *element)
{
  gst_element_set_state (element, GST_STATE_NULL);
  gst_object_unref (gst_object_ref_sink (element));
}

/* SHOTLINE_AUDIO_SINK names the sink to use (fakesink on machines without
 * sound); otherwise the desktop's device, or a fakesink that keeps time. */
static GstElement *
make_audio_sink (void)
{
  const char *name = g_getenv ("SHOTLINE_AUDIO_SINK");
  GstElement *sink = NULL;

  if (name != NULL && *name != '\0')
    {
      sink = gst_element_factory_make (name, NULL);
      if (sink == NULL)
        g_warning ("SHOTLINE_AUDIO_SINK names “%s”, which is not a GStreamer element", name);
    }
  else
    {
      sink = gst_element_factory_make ("autoaudiosink", NULL);
      if (sink != NULL && !has_audio_device (sink))
        g_clear_pointer (&sink, drop_element);
    }
  if (sink == NULL)
    sink = gst_element_factory_make ("fakesink", NULL);
  if (sink != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (sink), "sync") != NULL)
    g_object_set (sink, "sync", TRUE, NULL);
  return sink;
}

static gboolean
build_video_branch (SlPreview *self, GError **error)
{
  GstBin *bin = GST_BIN (self->pipeline);
  GstElement *queue;
  guint width, height;

  if ((self->video_src = add_element (bin, "appsrc", error)) == NULL
      || (queue = add_element (bin, "queue", error)) == NULL
      || (self->video_sink = add_element (bin, "appsink", error)) == NULL)
    return FALSE;

  sl_renderer_get_size (self->renderer, &width, &height);
  self->caps = video_caps (self->snapshot, width, height);
  /* Not blocking: a push must never wait while the render thread holds the
   * lock a seek needs; the render thread waits for room itself. */
  g_object_set (self->video_src,
                "caps", self->caps, "format", GST_FORMAT_TIME, "stream-type", GST_APP_STREAM_TYPE_SEEKABLE,
                "is-live", FALSE, "block", FALSE, "max-buffers", (guint64) MAX_QUEUED_FRAMES,
                "max-bytes", (guint64) 0, "min-percent", 50, "emit-signals", FALSE, NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (self->video_src), (GstAppSrcCallbacks *) &video_src_callbacks, self, NULL);
  g_object_set (queue, "max-size-buffers", QUEUE_FRAMES, "max-size-bytes", 0, "max-size-time", (guint64) 0, NULL);
  g_object_set (self->video_sink,
                "sync", TRUE, "qos", TRUE, "max-lateness", (gint64) MAX_LATENESS, "max-buffers", 2,
                "drop", TRUE, "enable-last-sample", FALSE, "emit-signals", FALSE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (self->video_sink), (GstAppSinkCallbacks *) &video_sink_callbacks, self, NULL);
  return gst_element_link_many (self->video_src, queue, self->video_sink, NULL);
}

static gboolean
build_audio_branch (SlPreview *self, GError **error)
{
  GstBin *bin = GST_BIN (self->pipeline);
  GstElement *convert, *tempo = NULL, *convert_back = NULL, *resample, *sink;
  g_autoptr(GstElementFactory) scaletempo = gst_element_factory_find ("scaletempo");
  g_autoptr(GstCaps) caps = NULL;
  GstAudioInfo info;

  if ((self->audio_src = add_element (bin, "appsrc", error)) == NULL
      || (convert = add_element (bin, "audioconvert", error)) == NULL
      || (scaletempo != NULL && (tempo = add_element (bin, "scaletempo", error)) == NULL)
      || (scaletempo != NULL && (convert_back = add_element (bin, "audioconvert", error)) == NULL)
      || (resample = add_element (bin, "audioresample", error)) == NULL)
    return FALSE;
  if ((sink = make_audio_sink ()) == NULL)
    return set_missing_error (error, "fakesink");
  gst_bin_add (bin, sink);

  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32, SL_AUDIO_MIXER_RATE, SL_AUDIO_MIXER_CHANNELS, NULL);
  caps = gst_audio_info_to_caps (&info);
  g_object_set (self->audio_src,
                "caps", caps, "format", GST_FORMAT_TIME, "stream-type", GST_APP_STREAM_TYPE_SEEKABLE,
                "is-live", FALSE, "block", FALSE, "emit-signals", FALSE,
                "max-bytes", (guint64) (2 * AUDIO_CHUNK * SL_AUDIO_MIXER_CHANNELS * sizeof (float)), NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (self->audio_src), (GstAppSrcCallbacks *) &audio_src_callbacks, self, NULL);
  if (tempo != NULL)
    return gst_element_link_many (self->audio_src, convert, tempo, convert_back, resample, sink, NULL);
  return gst_element_link_many (self->audio_src, convert, resample, sink, NULL);
}

static gboolean
build_pipeline (SlPreview *self, GError **error)
{
  g_autoptr(GstBus) bus = NULL;

  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("shotline-preview"));
  if (!build_video_branch (self, error) || !build_audio_branch (self, error))
    return FALSE;
  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (on_bus_message), self, NULL);
  g_source_attach (self->bus_source, self->context);
  return TRUE;
}

/* GObject */

static void
stop_render_thread (SlPreview *self)
{
  if (self->render_thread == NULL)
    return;
  set_shared (self, &self->quit, TRUE);
  g_thread_join (g_steal_pointer (&self->render_thread));
}

static void
sl_preview_dispose (GObject *object)
{
  SlPreview *self = SL_PREVIEW (object);

  self->disposed = TRUE;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_handler, self->project);
  stop_source (&self->bus_source);
  stop_source (&self->tick_source);
  stop_source (&self->sync_source);
  if (self->mixer_cancellable != NULL)
    g_cancellable_cancel (self->mixer_cancellable);
  stop_render_thread (self);
  /* Joins the streaming threads: no callback runs after this. */
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  self->video_src = self->video_sink = self->audio_src = NULL;
  g_clear_object (&self->pipeline);
  g_clear_object (&self->mixer_cancellable);
  g_clear_object (&self->renderer);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->pending_doc);
  g_clear_object (&self->mixer);
  g_clear_object (&self->project);
  gst_buffer_replace (&self->preroll_buffer, NULL);
  gst_caps_replace (&self->caps, NULL);
  G_OBJECT_CLASS (sl_preview_parent_class)->dispose (object);
}

static void
sl_preview_finalize (GObject *object)
{
  SlPreview *self = SL_PREVIEW (object);

  g_array_unref (self->shown_times);
  g_ptr_array_unref (self->mixed_clips);
  g_free (self->mixed_base_dir);
  g_free (self->backend_name);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->audio_lock);
  g_mutex_clear (&self->frame_lock);
  G_OBJECT_CLASS (sl_preview_parent_class)->finalize (object);
}

static void
sl_preview_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlPreview *self = SL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT: g_value_set_object (value, self->project); break;
    case PROP_BACKEND_NAME: g_value_set_string (value, sl_preview_get_backend_name (self)); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_POSITION: g_value_set_int64 (value, sl_preview_get_position (self)); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_RATE: g_value_set_double (value, self->rate); break;
    case PROP_LOOP: g_value_set_boolean (value, self->loop); break;
    case PROP_WIDTH: g_value_set_uint (value, self->width); break;
    case PROP_HEIGHT: g_value_set_uint (value, self->height); break;
    case PROP_ACHIEVED_FPS: g_value_set_double (value, self->achieved_fps); break;
    case PROP_DROPPED_FRAMES: g_value_set_uint64 (value, sl_preview_get_dropped_frames (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_preview_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SlPreview *self = SL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      if (g_value_get_boolean (value))
        sl_preview_play (self);
      else
        sl_preview_pause (self);
      break;
    case PROP_POSITION: sl_preview_seek (self, g_value_get_int64 (value)); break;
    case PROP_RATE: sl_preview_set_rate (self, g_value_get_double (value)); break;
    case PROP_LOOP: sl_preview_set_loop (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_preview_class_init (SlPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = sl_preview_dispose;
  object_class->finalize = sl_preview_finalize;
  object_class->get_property = sl_preview_get_property;
  object_class->set_property = sl_preview_set_property;

  properties[PROP_PROJECT] = g_param_spec_object ("project", NULL, NULL, SL_TYPE_PROJECT, ro);
  properties[PROP_BACKEND_NAME] = g_param_spec_string ("backend-name", NULL, NULL, NULL, ro);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_POSITION] = g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, SL_PREVIEW_MIN_RATE, SL_PREVIEW_MAX_RATE, 1.0, rw);
  properties[PROP_LOOP] = g_param_spec_boolean ("loop", NULL, NULL, FALSE, rw);
  properties[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HEIGHT] = g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ACHIEVED_FPS] = g_param_spec_double ("achieved-fps", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_DROPPED_FRAMES] = g_param_spec_uint64 ("dropped-frames", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FRAME_READY] = g_signal_new ("frame-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_PREVIEW_FRAME);
  signals[SIGNAL_POSITION_CHANGED] = g_signal_new ("position-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_EOS] = g_signal_new ("eos", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_preview_init (SlPreview *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_mutex_init (&self->audio_lock);
  g_mutex_init (&self->frame_lock);
  self->rate = 1.0;
  self->render_rate = 1.0;
  self->next_frame = -1;
  self->first_of_seek = TRUE;
  self->changed_start = G_MAXINT64;
  self->changed_end = G_MININT64;
  self->shown_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->mixed_clips = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

SlPreview *
sl_preview_new (SlProject *project, const char *backend, guint width, guint height, GError **error)
{
  g_autoptr(SlPreview) self = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gst_init_check (NULL, NULL, error))
    return NULL;
  self = g_object_new (SL_TYPE_PREVIEW, NULL);
  self->project = g_object_ref (project);
  self->context = g_main_context_ref_thread_default ();
  self->snapshot = copy_project (project);
  self->renderer = sl_renderer_new (self->snapshot, backend != NULL ? backend : "auto", error);
  if (self->renderer == NULL || !sl_renderer_set_size (self->renderer, width, height, error))
    return NULL;
  /* Copied now: the renderer belongs to the render thread from here on. */
  self->backend_name = g_strdup (sl_renderer_get_backend_name (self->renderer));
  self->width = width;
  self->height = height;
  self->duration = sl_project_get_duration (project);
  self->audio_end = sl_audio_mixer_time_to_sample (self->duration);
  if (!build_pipeline (self, error))
    return NULL;
  if (gst_element_set_state (self->pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE, _("The preview pipeline could not start"));
      return NULL;
    }
  self->changed_handler = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  start_mixer (self);
  /* Only now: appsrc drops what is pushed before it has started. */
  self->render_thread = g_thread_new ("sl-preview-render", render_main, self);
  return g_steal_pointer (&self);
}

SlProject *
sl_preview_get_project (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), NULL);
  return self->project;
}

const char *
sl_preview_get_backend_name (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), NULL);
  return self->backend_name;
}

void
sl_preview_play (SlPreview *self)
{
  g_return_if_fail (SL_IS_PREVIEW (self));

  if (self->playing)
    return;
  sync_document (self);
  if (self->at_end)
    {
      seek_to (self, 0);
      emit_position (self);
    }
  self->playing = TRUE;
  set_shared (self, &self->running, TRUE);
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  self->tick_source = g_timeout_source_new (TICK_MS);
  g_source_set_callback (self->tick_source, on_tick, self, NULL);
  g_source_attach (self->tick_source, self->context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* The flush comes before the pause: pausing first would let the next
 * queued frame preroll and flash on screen. */
void
sl_preview_pause (SlPreview *self)
{
  gint64 position;

  g_return_if_fail (SL_IS_PREVIEW (self));

  if (!self->playing)
    return;
  position = current_position (self);
  halt (self);
  sync_document (self);
  seek_to (self, position);
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  emit_position (self);
}

gboolean
sl_preview_get_playing (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), FALSE);
  return self->playing;
}

void
sl_preview_seek (SlPreview *self, gint64 position)
{
  g_return_if_fail (SL_IS_PREVIEW (self));

  sync_document (self);
  seek_to (self, position);
  emit_position (self);
}

void
sl_preview_step (SlPreview *self, int frames)
{
  gint64 n_frames, n, position;

  g_return_if_fail (SL_IS_PREVIEW (self));

  position = current_position (self);
  if (self->playing)
    {
      halt (self);
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
    }
  sync_document (self);
  n_frames = sl_project_get_n_frames (self->project);
  n = MIN (frame_at (self->project, position), n_frames - 1) + frames;
  n = CLAMP (n, 0, MAX (n_frames - 1, 0));
  seek_to (self, sl_project_get_frame_time (self->project, n));
  emit_position (self);
}

gint64
sl_preview_get_position (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), 0);
  return current_position (self);
}

gint64
sl_preview_get_duration (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), 0);
  return self->duration;
}

void
sl_preview_set_rate (SlPreview *self, double rate)
{
  g_return_if_fail (SL_IS_PREVIEW (self));

  rate = CLAMP (rate, SL_PREVIEW_MIN_RATE, SL_PREVIEW_MAX_RATE);
  if (rate == self->rate)
    return;
  self->rate = rate;
  sync_document (self);
  seek_to (self, current_position (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

double
sl_preview_get_rate (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), 1.0);
  return self->rate;
}

void
sl_preview_set_loop (SlPreview *self, gboolean loop)
{
  g_return_if_fail (SL_IS_PREVIEW (self));

  loop = !!loop;
  if (loop == self->loop)
    return;
  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

gboolean
sl_preview_get_loop (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), FALSE);
  return self->loop;
}

void
sl_preview_set_size (SlPreview *self, guint width, guint height)
{
  g_return_if_fail (SL_IS_PREVIEW (self));
  g_return_if_fail (width > 0 && height > 0);

  if (width == self->width && height == self->height)
    return;
  self->width = width;
  self->height = height;
  g_mutex_lock (&self->lock);
  self->size_pending = TRUE;
  self->pending_width = width;
  self->pending_height = height;
  g_mutex_unlock (&self->lock);
  sync_document (self);
  seek_to (self, current_position (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
}

void
sl_preview_get_size (SlPreview *self, guint *width, guint *height)
{
  g_return_if_fail (SL_IS_PREVIEW (self));

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

double
sl_preview_get_achieved_fps (SlPreview *self)
{
  g_return_val_if_fail (SL_IS_PREVIEW (self), 0);
  return self->achieved_fps;
}

guint64
sl_preview_get_dropped_frames (SlPreview *self)
{
  guint64 skipped;

  g_return_val_if_fail (SL_IS_PREVIEW (self), 0);
  g_mutex_lock (&self->lock);
  skipped = self->skipped;
  g_mutex_unlock (&self->lock);
  return self->sink_dropped + skipped;
}
