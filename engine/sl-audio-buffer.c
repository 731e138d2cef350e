/* sl-audio-buffer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-audio-buffer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>

#include "sl-audio-buffer.h"
#include "sl-engine-error.h"

/* How long one pull waits before the bus and the cancellable are looked at
 * again: short enough for a prompt cancel, long enough not to spin. */
#define PULL_TIMEOUT (20 * GST_MSECOND)
#define MAX_RATE 768000
/* The most that GStreamer has standard channel positions for (7.1). */
#define MAX_CHANNELS 8

struct _SlAudioBuffer
{
  gatomicrefcount ref_count;
  float          *samples;
  gsize           n_frames;
  guint           rate;
  guint           channels;
};

G_DEFINE_BOXED_TYPE (SlAudioBuffer, sl_audio_buffer, sl_audio_buffer_ref, sl_audio_buffer_unref)

/* The decoder's pads appear from a streaming thread; only the first audio
 * stream is linked, and the main thread learns whether there was one. */
typedef struct {
  GstElement *convert;
  gint        linked;         /* atomic: an audio pad was linked */
  gint        no_more_pads;   /* atomic: the decoder exposed all its streams */
} Decoder;

static SlAudioBuffer *
buffer_new_take (float *samples, gsize n_frames, guint rate, guint channels)
{
  SlAudioBuffer *self = g_new0 (SlAudioBuffer, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->samples = samples;
  self->n_frames = n_frames;
  self->rate = rate;
  self->channels = channels;
  return self;
}

SlAudioBuffer *
sl_audio_buffer_new (const float *samples, gsize n_frames, guint rate, guint channels)
{
  g_return_val_if_fail (samples != NULL || n_frames == 0, NULL);
  g_return_val_if_fail (rate > 0 && channels > 0, NULL);

  return buffer_new_take (g_memdup2 (samples, n_frames * channels * sizeof (float)),
                          n_frames, rate, channels);
}

SlAudioBuffer *
sl_audio_buffer_ref (SlAudioBuffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sl_audio_buffer_unref (SlAudioBuffer *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->samples);
  g_free (self);
}

const float *sl_audio_buffer_get_samples (SlAudioBuffer *self) { g_return_val_if_fail (self != NULL, NULL); return self->samples; }
gsize sl_audio_buffer_get_n_frames (SlAudioBuffer *self) { g_return_val_if_fail (self != NULL, 0); return self->n_frames; }
guint sl_audio_buffer_get_rate (SlAudioBuffer *self) { g_return_val_if_fail (self != NULL, 0); return self->rate; }
guint sl_audio_buffer_get_channels (SlAudioBuffer *self) { g_return_val_if_fail (self != NULL, 0); return self->channels; }

gint64
sl_audio_buffer_get_duration (SlAudioBuffer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (gint64) gst_util_uint64_scale_int (self->n_frames, GST_SECOND, self->rate);
}

static void
on_pad_added (GstElement *decodebin, GstPad *pad, gpointer user_data)
{
  Decoder *decoder = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstPad) sink = NULL;
  GstStructure *structure;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  structure = gst_caps_get_size (caps) > 0 ? gst_caps_get_structure (caps, 0) : NULL;
  if (structure == NULL || !g_str_has_prefix (gst_structure_get_name (structure), "audio/"))
    return;
  sink = gst_element_get_static_pad (decoder->convert, "sink");
  if (gst_pad_is_linked (sink))
    return;
  if (gst_pad_link (pad, sink) == GST_PAD_LINK_OK)
    g_atomic_int_set (&decoder->linked, TRUE);
}

static void
on_no_more_pads (GstElement *decodebin, gpointer user_data)
{
  Decoder *decoder = user_data;

  g_atomic_int_set (&decoder->no_more_pads, TRUE);
}

static GstElement *
make_element (const char *factory, const char *path, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE,
                 _("Cannot decode the audio file “%s”: the GStreamer element “%s” is not installed"),
                 path, factory);
  return element;
}

/* uridecodebin ! audioconvert ! audioresample ! capsfilter ! appsink */
static GstElement *
build_pipeline (const char *path, guint rate, guint channels, Decoder *decoder,
                GstElement **sink, GError **error)
{
  static const char *const factories[] = { "uridecodebin", "audioconvert", "audioresample", "capsfilter", "appsink" };
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  GstElement *elements[G_N_ELEMENTS (factories)];
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstAudioChannelPosition positions[MAX_CHANNELS];
  GstAudioInfo info;

  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    {
      elements[i] = make_element (factories[i], path, error);
      if (elements[i] == NULL)
        return NULL;
      gst_bin_add (GST_BIN (pipeline), elements[i]);
    }
  if (!gst_element_link_many (elements[1], elements[2], elements[3], elements[4], NULL))
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE,
                   _("Cannot decode the audio file “%s”: the conversion elements do not link"), path);
      return NULL;
    }
  uri = g_filename_to_uri (absolute, NULL, error);
  if (uri == NULL)
    return NULL;
  /* Without standard positions, more than two channels would be
   * "unpositioned", which audioconvert cannot mix into. */
  gst_audio_channel_positions_from_mask (channels, gst_audio_channel_get_fallback_mask (channels), positions);
  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32LE, rate, channels, positions);
  caps = gst_audio_info_to_caps (&info);
  g_object_set (elements[0], "uri", uri, NULL);
  g_object_set (elements[3], "caps", caps, NULL);
  /* As fast as decoding goes, not in real time. */
  g_object_set (elements[4], "sync", FALSE, NULL);
  decoder->convert = elements[1];
  *sink = elements[4];
  g_signal_connect (elements[0], "pad-added", G_CALLBACK (on_pad_added), decoder);
  g_signal_connect (elements[0], "no-more-pads", G_CALLBACK (on_no_more_pads), decoder);
  return g_steal_pointer (&pipeline);
}

/* GStreamer's own message says what went wrong (no decoder, not a media
 * file, broken data); the domain says which of our codes it is. */
static void
set_gst_error (GError **error, const char *path, GError *gst_error)
{
  if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND))
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_NOT_FOUND,
                 _("Cannot open the audio file “%s”: %s"), path, gst_error->message);
  else if (gst_error->domain == GST_STREAM_ERROR && gst_error->code == GST_STREAM_ERROR_TYPE_NOT_FOUND)
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                 _("Cannot decode “%s”: it is not an audio file in a format GStreamer knows"), path);
  else if ((gst_error->domain == GST_CORE_ERROR && gst_error->code == GST_CORE_ERROR_MISSING_PLUGIN)
           || (gst_error->domain == GST_STREAM_ERROR && gst_error->code == GST_STREAM_ERROR_CODEC_NOT_FOUND))
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                 _("Cannot decode “%s”: no decoder for its format is installed (%s)"), path, gst_error->message);
  else
    g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                 _("Cannot decode the audio file “%s”: %s"), path, gst_error->message);
}

/* FALSE with @error set once the decoder has shown all its streams and none
 * was audio; TRUE while audio may still come. */
static gboolean
check_has_audio (Decoder *decoder, const char *path, GError **error)
{
  if (g_atomic_int_get (&decoder->no_more_pads) && !g_atomic_int_get (&decoder->linked))
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                   _("Cannot decode “%s”: it has no audio"), path);
      return FALSE;
    }
  return TRUE;
}

/* TRUE while decoding may go on; FALSE with @error set once the bus reports
 * an error or the decoder found no audio stream at all. */
static gboolean
check_bus (GstBus *bus, Decoder *decoder, const char *path, GError **error)
{
  GstMessage *message;

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR)) != NULL)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      gst_message_unref (message);
      /* A stream nobody takes fails as "not linked": say why instead. */
      if (check_has_audio (decoder, path, error))
        set_gst_error (error, path, gst_error);
      return FALSE;
    }
  return check_has_audio (decoder, path, error);
}

static void
append_sample (GByteArray *data, GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstMapInfo map;

  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;
  g_byte_array_append (data, map.data, map.size);
  gst_buffer_unmap (buffer, &map);
}

static gboolean
pull_all (GstElement *pipeline, GstAppSink *sink, Decoder *decoder, const char *path,
          GCancellable *cancellable, GByteArray *data, GError **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (check_bus (bus, decoder, path, error))
        g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                     _("Cannot decode the audio file “%s”: the decoder did not start"), path);
      return FALSE;
    }
  for (;;)
    {
      GstSample *sample;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sample = gst_app_sink_try_pull_sample (sink, PULL_TIMEOUT);
      if (sample != NULL)
        {
          append_sample (data, sample);
          gst_sample_unref (sample);
          continue;
        }
      /* An error may stop the stream before EOS; look first. */
      if (!check_bus (bus, decoder, path, error))
        return FALSE;
      if (gst_app_sink_is_eos (sink))
        return TRUE;
    }
}

static gboolean
check_request (const char *path, guint rate, guint channels, GError **error)
{
  if (rate == 0 || rate > MAX_RATE || channels == 0 || channels > MAX_CHANNELS)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("Cannot decode “%s” to %u Hz and %u channels"), path, rate, channels);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_NOT_FOUND,
                   _("Cannot open the audio file “%s”: it does not exist"), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
                   _("Cannot decode “%s”: it is not a file"), path);
      return FALSE;
    }
  return gst_init_check (NULL, NULL, error);
}

SlAudioBuffer *
sl_audio_buffer_decode (const char *path, guint rate, guint channels, GCancellable *cancellable, GError **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GByteArray) data = NULL;
  Decoder decoder = { 0 };
  GstElement *sink;
  gboolean ok;
  gsize n_frames;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_request (path, rate, channels, error))
    return NULL;
  pipeline = build_pipeline (path, rate, channels, &decoder, &sink, error);
  if (pipeline == NULL)
    return NULL;
  data = g_byte_array_new ();
  ok = pull_all (pipeline, GST_APP_SINK (sink), &decoder, path, cancellable, data, error);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (!ok)
    return NULL;
  n_frames = data->len / (sizeof (float) * channels);
  return buffer_new_take ((float *) g_byte_array_free (g_steal_pointer (&data), FALSE), n_frames, rate, channels);
}
