/* test-export.c: exported files, read back with ffprobe, ffmpeg and
 * GstDiscoverer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Projects are shot-language text with a WAV file written by the test.
 * The disk-full and read-only cases mount a small tmpfs and a read-only
 * bind mount inside a private mount namespace of a child process (as root,
 * or in a user namespace); where neither is allowed they are skipped.
 */
#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "media-util.h"
#include "sl-audio-mixer.h"
#include "sl-engine-error.h"
#include "sl-exporter.h"

#define FPS 30
#define CLICK_EVERY 0.5

typedef struct {
  char *dir;
} Fixture;

/* Each test has a folder named after it, under one folder for the run,
 * so that a test's child process (g_test_trap_subprocess ()) finds the
 * files its parent wrote; only the parent removes them. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path () + 1), "/", '-');

  f->dir = g_build_filename (g_getenv ("SHOTLINE_TEST_ROOT"), name, NULL);
  if (!g_test_subprocess ())
    g_assert_cmpint (g_mkdir (f->dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (!g_test_subprocess ())
    media_util_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static gboolean
have_tools (void)
{
  g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
  g_autofree char *ffmpeg = g_find_program_in_path ("ffmpeg");

  if (ffprobe == NULL || ffmpeg == NULL)
    {
      g_test_skip ("ffmpeg and ffprobe are needed to read the files back");
      return FALSE;
    }
  return TRUE;
}

/* A stereo WAV of @seconds: a quiet tone, with a loud 2 ms burst every
 * CLICK_EVERY seconds after the start when @clicks. */
static void
write_audio (Fixture *f, double seconds, gboolean clicks)
{
  gsize n = (gsize) (seconds * SL_AUDIO_MIXER_RATE);
  g_autofree float *samples = g_new (float, n * 2);
  g_autofree char *path = NULL;
  gsize every = (gsize) (CLICK_EVERY * SL_AUDIO_MIXER_RATE);

  for (gsize i = 0; i < n; i++)
    {
      double t = (double) i / SL_AUDIO_MIXER_RATE;
      double v = clicks ? 0.0 : 0.2 * sin (2 * G_PI * 440 * t);

      if (clicks && i >= every && i % every < SL_AUDIO_MIXER_RATE / 500)
        v = 0.9 * sin (2 * G_PI * 3000 * (double) (i % every) / SL_AUDIO_MIXER_RATE + G_PI / 2);
      samples[i * 2] = samples[i * 2 + 1] = v;
    }
  path = media_util_write_wav (f->dir, "sound.wav", SL_AUDIO_MIXER_RATE, 2, samples, n);
}

/* @n_shots shots of @shot_seconds, white and black in turn, over the
 * sound (write_audio ()). */
static char *
write_project (Fixture *f, guint width, guint height, guint n_shots, double shot_seconds)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "project \"Export test\" %ux%u %ufps seed 7\n", width, height, FPS);
  g_string_append (text, "audio \"sound.wav\" at 0s\n");
  for (guint i = 0; i < n_shots; i++)
    g_string_append_printf (text, "shot \"S%u\" %gs\n  prompt \"%s studio backdrop\"\n",
                            i + 1, shot_seconds, i % 2 == 0 ? "white" : "black");
  return media_util_write_text (f->dir, "export.shots", text->str);
}

static SlProject *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  SlProject *project = sl_project_io_load (path, &error);

  g_assert_no_error (error);
  return project;
}

/* The CPU backend: these tests are about the files, and it is the one
 * every machine has. */
static void
settings_init (SlExportSettings *settings, const char *output)
{
  sl_export_settings_init (settings);
  settings->output = output;
  settings->backend = "cpu";
}

static gboolean
export (const char *project_path, const SlExportSettings *settings, GError **error)
{
  g_autoptr(SlProject) project = load (project_path);
  g_autoptr(SlExporter) exporter = sl_exporter_new (project, settings);

  return sl_exporter_run (exporter, NULL, error);
}

static void
assert_no_file (const char *path)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *mdat = g_strconcat (path, ".part.mdat", NULL);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (mdat, G_FILE_TEST_EXISTS));
}

/* A tool's standard output. */
static GBytes *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed on %s", argv[0], argv[g_strv_length ((char **) argv) - 1]);
  return g_steal_pointer (&out);
}

static JsonObject *
probe (const char *path)
{
  const char *argv[] = { "ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format",
                         "-of", "json", path, NULL };
  g_autoptr(GBytes) out = run_tool (argv);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (out, &size);

  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
probe_stream (JsonObject *root, const char *type)
{
  JsonArray *streams = json_object_get_array_member (root, "streams");

  for (guint i = 0; i < json_array_get_length (streams); i++)
    {
      JsonObject *stream = json_array_get_object_element (streams, i);

      if (g_str_equal (json_object_get_string_member (stream, "codec_type"), type))
        return stream;
    }
  g_error ("no %s stream", type);
}

static double
probe_double (JsonObject *object, const char *member)
{
  return g_ascii_strtod (json_object_get_string_member (object, member), NULL);
}

typedef struct {
  guint          width;
  guint          height;
  const char    *frame_rate;     /* as ffprobe writes it: "30/1" */
  gint64         n_frames;
  const char    *video_codec;
  const char    *audio_codec;    /* a prefix: "pcm_" */
  const char    *comment;        /* NULL: not checked */
} Expected;

static void
check_probe (const char *path, const Expected *e)
{
  g_autoptr(JsonObject) root = probe (path);
  JsonObject *format = json_object_get_object_member (root, "format");
  JsonObject *video = probe_stream (root, "video");
  JsonObject *audio = probe_stream (root, "audio");
  JsonObject *tags = json_object_get_object_member (format, "tags");
  double duration = (double) e->n_frames / FPS;

  g_assert_cmpstr (json_object_get_string_member (video, "codec_name"), ==, e->video_codec);
  g_assert_cmpint (json_object_get_int_member (video, "width"), ==, e->width);
  g_assert_cmpint (json_object_get_int_member (video, "height"), ==, e->height);
  g_assert_cmpstr (json_object_get_string_member (video, "r_frame_rate"), ==, e->frame_rate);
  g_assert_cmpint (g_ascii_strtoll (json_object_get_string_member (video, "nb_read_frames"), NULL, 10), ==, e->n_frames);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (audio, "codec_name"), e->audio_codec));
  g_assert_cmpstr (json_object_get_string_member (audio, "sample_rate"), ==, "48000");
  g_assert_cmpint (json_object_get_int_member (audio, "channels"), ==, 2);
  if (g_str_equal (e->frame_rate, "30/1"))
    g_assert_cmpfloat_with_epsilon (probe_double (format, "duration"), duration, 1.0 / FPS);

  /* Matroska names its tags in capitals. */
  if (json_object_has_member (tags, "TITLE"))
    {
      g_assert_cmpstr (json_object_get_string_member (tags, "TITLE"), ==, "Export test");
      if (e->comment != NULL)
        g_assert_cmpstr (json_object_get_string_member (tags, "COMMENTS"), ==, e->comment);
    }
  else
    {
      g_assert_cmpstr (json_object_get_string_member (tags, "title"), ==, "Export test");
      if (e->comment != NULL)
        g_assert_cmpstr (json_object_get_string_member (tags, "comment"), ==, e->comment);
    }
}

/* The discoverer merges the streams' tags (a track's name is a title in
 * Matroska) into the file's, so @value is one of several. */
static gboolean
has_tag_value (const GstTagList *tags, const char *tag, const char *value)
{
  for (guint i = 0; i < gst_tag_list_get_tag_size (tags, tag); i++)
    {
      const char *s = NULL;

      if (gst_tag_list_peek_string_index (tags, tag, i, &s) && g_strcmp0 (s, value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* GStreamer's own reading of the file, as gst-discoverer-1.0 -v shows it. */
static void
check_discoverer (const char *path, const Expected *e)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GList *video, *audio;
  const GstTagList *tags;
  GstDiscovererVideoInfo *v;

  gst_init (NULL, NULL);
  discoverer = gst_discoverer_new (30 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  video = gst_discoverer_info_get_video_streams (info);
  audio = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (video), ==, 1);
  g_assert_cmpuint (g_list_length (audio), ==, 1);
  v = video->data;
  g_assert_cmpuint (gst_discoverer_video_info_get_width (v), ==, e->width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (v), ==, e->height);
  g_assert_cmpuint (gst_discoverer_audio_info_get_sample_rate (audio->data), ==, 48000);
  if (g_str_equal (e->frame_rate, "30/1"))
    {
      g_assert_cmpuint (gst_discoverer_video_info_get_framerate_num (v), ==, FPS);
      g_assert_cmpuint (gst_discoverer_video_info_get_framerate_denom (v), ==, 1);
      g_assert_cmpuint (gst_discoverer_info_get_duration (info), <=,
                        (guint64) e->n_frames * GST_SECOND / FPS + GST_SECOND / FPS);
      g_assert_cmpuint (gst_discoverer_info_get_duration (info), >=,
                        (guint64) e->n_frames * GST_SECOND / FPS - GST_SECOND / FPS);
    }
  tags = gst_discoverer_info_get_tags (info);
  g_assert_nonnull (tags);
  g_assert_true (has_tag_value (tags, GST_TAG_TITLE, "Export test"));
  g_assert_true (has_tag_value (tags, GST_TAG_COMMENT, e->comment));
  gst_discoverer_stream_info_list_free (video);
  gst_discoverer_stream_info_list_free (audio);
}

typedef struct {
  SlExportFormat  format;
  SlExportQuality quality;
  const char     *file;
  const char     *video_codec;
  const char     *audio_codec;
} FormatCase;

static const FormatCase format_cases[] = {
  { SL_EXPORT_FORMAT_MP4, SL_EXPORT_QUALITY_STANDARD, "out.mp4", "h264", "aac" },
  { SL_EXPORT_FORMAT_WEBM, SL_EXPORT_QUALITY_DRAFT, "out.webm", "vp9", "opus" },
  { SL_EXPORT_FORMAT_MOV, SL_EXPORT_QUALITY_HIGH, "out.mov", "prores", "pcm_s24le" },
};

static void
test_format (Fixture *f, gconstpointer data)
{
  const FormatCase *c = data;
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, c->file);
  g_autofree char *part = g_strconcat (output, ".part", NULL);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;
  Expected e = { 320, 180, "30/1", FPS, c->video_codec, c->audio_codec, NULL };

  if (!have_tools ())
    return;
  write_audio (f, 1.0, FALSE);
  project_path = write_project (f, 320, 180, 2, 0.5);
  project = load (project_path);
  settings_init (&settings, output);
  settings.format = c->format;
  settings.quality = c->quality;
  exporter = sl_exporter_new (project, &settings);
  g_assert_cmpint (sl_exporter_get_n_frames (exporter, NULL), ==, FPS);
  g_assert_true (sl_exporter_run (exporter, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (sl_exporter_get_backend_name (exporter), ==, "cpu");
  e.comment = sl_exporter_get_comment (exporter);
  g_assert_true (g_regex_match_simple ("^project sha256=[0-9a-f]{64} seed=7 engine=\\S+ lexicon=\\S+$",
                                       e.comment, 0, 0));
  check_probe (output, &e);
  check_discoverer (output, &e);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

typedef struct {
  guint width;
  guint height;
} SizeCase;

static const SizeCase size_cases[] = { { 1280, 720 }, { 1080, 1920 }, { 1080, 1080 } };

/* The project is 16:9; the export's size wins. */
static void
test_size (Fixture *f, gconstpointer data)
{
  const SizeCase *c = data;
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "size.mp4");
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;
  Expected e = { c->width, c->height, "30/1", FPS / 2, "h264", "aac", NULL };

  if (!have_tools ())
    return;
  write_audio (f, 0.5, FALSE);
  project_path = write_project (f, 640, 360, 1, 0.5);
  settings_init (&settings, output);
  settings.width = c->width;
  settings.height = c->height;
  settings.quality = SL_EXPORT_QUALITY_DRAFT;
  g_assert_true (export (project_path, &settings, &error));
  g_assert_no_error (error);
  check_probe (output, &e);
}

static void
test_fps_override (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "fps.mp4");
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;
  Expected e = { 160, 90, "25/1", 25, "h264", "aac", NULL };

  if (!have_tools ())
    return;
  write_audio (f, 1.0, FALSE);
  project_path = write_project (f, 160, 90, 2, 0.5);
  settings_init (&settings, output);
  settings.fps_num = 25;
  settings.fps_den = 1;
  settings.quality = SL_EXPORT_QUALITY_DRAFT;
  g_assert_true (export (project_path, &settings, &error));
  g_assert_no_error (error);
  check_probe (output, &e);
}

static void
test_frame_range (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "range.mp4");
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;
  Expected e = { 160, 90, "30/1", 10, "h264", "aac", NULL };

  if (!have_tools ())
    return;
  write_audio (f, 1.0, FALSE);
  project_path = write_project (f, 160, 90, 2, 0.5);
  settings_init (&settings, output);
  settings.first_frame = 10;
  settings.last_frame = 19;
  settings.quality = SL_EXPORT_QUALITY_DRAFT;
  g_assert_true (export (project_path, &settings, &error));
  g_assert_no_error (error);
  check_probe (output, &e);

  settings.first_frame = 25;
  settings.last_frame = 30;
  g_assert_false (export (project_path, &settings, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
}

/* The mean luma of every frame, from a 16×9 grey decode. */
static GArray *
frame_lumas (const char *path)
{
  const char *argv[] = { "ffmpeg", "-v", "error", "-i", path, "-map", "0:v:0", "-vf", "scale=16:9",
                         "-pix_fmt", "gray", "-f", "rawvideo", "-", NULL };
  g_autoptr(GBytes) out = run_tool (argv);
  GArray *lumas = g_array_new (FALSE, FALSE, sizeof (double));
  gsize size;
  const guint8 *data = g_bytes_get_data (out, &size);

  for (gsize frame = 0; frame + 144 <= size; frame += 144)
    {
      double sum = 0;

      for (guint i = 0; i < 144; i++)
        sum += data[frame + i];
      sum /= 144;
      g_array_append_val (lumas, sum);
    }
  return lumas;
}

/* The times of the decoded frames of @stream ("v:0", "a:0"): for sound,
 * after the codec's own delay was skipped. */
static GArray *
frame_times (const char *path, const char *stream)
{
  const char *argv[] = { "ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
                         "frame=pts_time", "-of", "csv=p=0", path, NULL };
  g_autoptr(GBytes) out = run_tool (argv);
  g_autofree char *text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        double t = g_ascii_strtod (lines[i], NULL);

        g_array_append_val (times, t);
      }
  return times;
}

/* Times of the frames that differ strongly from the one before. */
static GArray *
find_cuts (const char *path)
{
  g_autoptr(GArray) lumas = frame_lumas (path);
  g_autoptr(GArray) times = frame_times (path, "v:0");
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_cmpuint (lumas->len, ==, times->len);
  for (guint i = 1; i < lumas->len; i++)
    if (fabs (g_array_index (lumas, double, i) - g_array_index (lumas, double, i - 1)) > 60)
      g_array_append_val (cuts, g_array_index (times, double, i));
  return cuts;
}

/* Times where the sound first rises over half scale, at least 0.2 s
 * after the one before: the clicks' onsets. */
static GArray *
find_clicks (const char *path)
{
  const char *argv[] = { "ffmpeg", "-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1",
                         "-f", "f32le", "-", NULL };
  g_autoptr(GBytes) out = run_tool (argv);
  g_autoptr(GArray) audio_frames = frame_times (path, "a:0");
  double start = g_array_index (audio_frames, double, 0);
  gsize size;
  const float *samples = g_bytes_get_data (out, &size);
  GArray *clicks = g_array_new (FALSE, FALSE, sizeof (double));
  double last = -1;

  for (gsize i = 0; i < size / sizeof (float); i++)
    {
      double t = start + (double) i / SL_AUDIO_MIXER_RATE;

      if (fabsf (samples[i]) > 0.45f && t - last > 0.2)
        {
          g_array_append_val (clicks, t);
          last = t;
        }
    }
  return clicks;
}

/* Shots cut every 0.5 s on clicks every 0.5 s: the file has each cut and
 * its click within a frame of each other, in every format. */
static void
test_sync (Fixture *f, gconstpointer data)
{
  const FormatCase *c = data;
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, c->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cuts = NULL;
  g_autoptr(GArray) clicks = NULL;
  SlExportSettings settings;

  if (!have_tools ())
    return;
  write_audio (f, 3.0, TRUE);
  project_path = write_project (f, 160, 90, 6, CLICK_EVERY);
  settings_init (&settings, output);
  settings.format = c->format;
  g_assert_true (export (project_path, &settings, &error));
  g_assert_no_error (error);

  cuts = find_cuts (output);
  clicks = find_clicks (output);
  g_assert_cmpuint (cuts->len, ==, 5);
  g_assert_cmpuint (clicks->len, ==, 5);
  for (guint i = 0; i < cuts->len; i++)
    {
      double cut = g_array_index (cuts, double, i);
      double click = g_array_index (clicks, double, i);

      g_test_message ("cut %.4f s, click %.4f s", cut, click);
      g_assert_cmpfloat_with_epsilon (cut, CLICK_EVERY * (i + 1), 0.5 / FPS);
      g_assert_cmpfloat (fabs (cut - click), <=, 1.0 / FPS);
      /* The promise is a frame, but sound is placed to the sample: 2 ms
       * catches an encoder's priming left in (21 ms for AAC). */
      g_assert_cmpfloat (fabs (cut - click), <=, 0.002);
    }
}

typedef struct {
  GCancellable *cancellable;
  gint64        last_done;
} CancelState;

static void
cancel_at_30 (gint64 done, gint64 n_frames, double fps, double eta, gpointer data)
{
  CancelState *state = data;

  g_assert_cmpint (done, >=, state->last_done);
  g_assert_cmpint (done, <=, n_frames);
  state->last_done = done;
  if (done * 10 >= n_frames * 3)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "cancel.mp4");
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlExporter) exporter = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelState state = { cancellable, 0 };
  SlExportSettings settings;

  write_audio (f, 2.0, FALSE);
  project_path = write_project (f, 160, 90, 4, 0.5);
  project = load (project_path);
  settings_init (&settings, output);
  exporter = sl_exporter_new (project, &settings);
  sl_exporter_set_progress_func (exporter, cancel_at_30, &state, NULL);
  g_assert_false (sl_exporter_run (exporter, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (state.last_done * 10, >=, 2 * FPS * 3);
  g_assert_cmpint (state.last_done, <, 2 * FPS);
  assert_no_file (output);
}

static void
test_missing_audio (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "missing.mp4");
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;

  /* No sound.wav is written. */
  project_path = write_project (f, 160, 90, 1, 0.5);
  settings_init (&settings, output);
  g_assert_false (export (project_path, &settings, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "sound.wav"));
  assert_no_file (output);
}

/* A plain file where the output's folder should be. */
static void
test_not_a_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *file = media_util_write_text (f->dir, "file", "not a folder");
  g_autofree char *output = g_build_filename (file, "out.mp4", NULL);
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;

  write_audio (f, 0.5, FALSE);
  project_path = write_project (f, 160, 90, 1, 0.5);
  settings_init (&settings, output);
  g_assert_false (export (project_path, &settings, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, output));
}

/* Run in a child: a private mount namespace, where mounts vanish with the
 * process. FALSE where this system allows none. */
static gboolean
enter_mount_namespace (void)
{
  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *map = g_strdup_printf ("0 %u 1", (guint) getuid ());

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0
          || !g_file_set_contents ("/proc/self/setgroups", "deny", -1, NULL)
          || !g_file_set_contents ("/proc/self/uid_map", map, -1, NULL))
        return FALSE;
    }
  return mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

/* A full disk under MP4 fails in mp4mux's fast-start file, under MOV in
 * filesink: two ways GStreamer reports it. */
typedef enum {
  MOUNT_FULL_MP4,
  MOUNT_FULL_MOV,
  MOUNT_READ_ONLY,
} MountCase;

static void
child_export_to_mount (const char *dir, MountCase which)
{
  g_autofree char *target = g_build_filename (dir, "mounted", NULL);
  g_autofree char *skip = g_build_filename (dir, "skipped", NULL);
  g_autofree char *project_path = g_build_filename (dir, "export.shots", NULL);
  g_autofree char *output = g_build_filename (target, which == MOUNT_FULL_MOV ? "out.mov" : "out.mp4", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  SlExportSettings settings;
  gboolean mounted;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  if (which != MOUNT_READ_ONLY)
    mounted = enter_mount_namespace ()
      && mount ("tmpfs", target, "tmpfs", 0, "size=48k") == 0;
  else
    mounted = enter_mount_namespace ()
      && mount (target, target, NULL, MS_BIND, NULL) == 0
      && mount (NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) == 0;
  if (!mounted)
    {
      g_file_set_contents (skip, g_strerror (errno), -1, NULL);
      return;
    }

  settings_init (&settings, output);
  settings.format = which == MOUNT_FULL_MOV ? SL_EXPORT_FORMAT_MOV : SL_EXPORT_FORMAT_MP4;
  g_assert_false (export (project_path, &settings, &error));
  g_test_message ("%s", error->message);
  if (which != MOUNT_READ_ONLY)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, output));
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "out.mp4.part"));
    }
  listing = g_dir_open (target, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
}

static void
test_mount (Fixture *f, gconstpointer data)
{
  MountCase which = GPOINTER_TO_INT (data);
  g_autofree char *skip = path_in (f, "skipped");
  g_autofree char *project_path = NULL;
  g_autofree char *reason = NULL;

  if (g_test_subprocess ())
    {
      child_export_to_mount (f->dir, which);
      return;
    }
  /* 3 s of AAC at 192 kb/s or of PCM: well over the 48 KiB. */
  write_audio (f, 3.0, FALSE);
  project_path = write_project (f, 160, 90, 3, 1.0);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (g_file_get_contents (skip, &reason, NULL, NULL))
    {
      g_autofree char *message = g_strdup_printf ("no mount namespace here: %s", reason);

      g_test_skip (message);
      return;
    }
  g_test_trap_assert_passed ();
}

/* A plugin folder of every system plugin but x264. */
static void
child_without_x264 (const char *dir)
{
  g_autofree char *plugins = g_build_filename (dir, "plugins", NULL);
  g_autofree char *registry = g_build_filename (dir, "registry.bin", NULL);
  g_autofree char *project_path = g_build_filename (dir, "export.shots", NULL);
  g_autofree char *output = g_build_filename (dir, "out.mp4", NULL);
  g_autoptr(GDir) system = g_dir_open (GST_PLUGINS_DIR, 0, NULL);
  g_autoptr(GError) error = NULL;
  SlExportSettings settings;
  const char *name;

  g_assert_nonnull (system);
  g_assert_cmpint (g_mkdir (plugins, 0755), ==, 0);
  while ((name = g_dir_read_name (system)) != NULL)
    if (!g_str_equal (name, "libgstx264.so"))
      {
        g_autofree char *from = g_build_filename (GST_PLUGINS_DIR, name, NULL);
        g_autofree char *to = g_build_filename (plugins, name, NULL);

        g_assert_cmpint (symlink (from, to), ==, 0);
      }
  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", plugins, TRUE);
  g_setenv ("GST_PLUGIN_PATH_1_0", "", TRUE);
  g_setenv ("GST_REGISTRY_1_0", registry, TRUE);

  settings_init (&settings, output);
  g_assert_false (export (project_path, &settings, &error));
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "“x264enc”"));
  g_assert_nonnull (strstr (error->message, "gstreamer1.0-plugins-ugly"));
  assert_no_file (output);
}

static void
test_missing_element (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;

  if (g_test_subprocess ())
    {
      child_without_x264 (f->dir);
      return;
    }
  write_audio (f, 0.5, FALSE);
  project_path = write_project (f, 160, 90, 1, 0.5);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* `shotline render` with a frame range: exactly those frames, and
 * progress lines every 10 % on a stderr that is not a terminal. */
static void
test_cli_frames (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "cli.mp4");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  Expected e = { 160, 90, "30/1", 10, "h264", "aac", NULL };

  if (!have_tools ())
    return;
  write_audio (f, 1.0, FALSE);
  project_path = write_project (f, 320, 180, 2, 0.5);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              SHOTLINE_CLI, "render", project_path, "-o", output, "--size", "160x90",
                              "--quality", "draft", "--frames", "10-19", "--backend", "cpu", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (err, "Rendering 10 frames on the cpu backend"));
  g_assert_nonnull (strstr (err, "100% 10/10 frames"));
  check_probe (output, &e);
}

/* Ctrl-C: exit status 130 and no file at all. */
static void
test_cli_interrupt (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = NULL;
  g_autofree char *output = path_in (f, "interrupted.webm");
  g_autofree char *part = g_strconcat (output, ".part", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  write_audio (f, 1.0, FALSE);
  project_path = write_project (f, 640, 360, 20, 1.0);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              SHOTLINE_CLI, "render", project_path, "-o", output, "--backend", "cpu", NULL);
  g_assert_no_error (error);
  while (!g_file_test (part, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_true (g_file_test (part, G_FILE_TEST_EXISTS));
  g_usleep (200 * 1000);
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  assert_no_file (output);
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_autofree char *root = NULL;
  int status;

  /* No gst_init () here: the missing-element child sets up GStreamer's
   * plugin path first. */
  g_test_init (&argc, &argv, NULL);
  if (!g_test_subprocess ())
    {
      root = media_util_make_dir ();
      g_setenv ("SHOTLINE_TEST_ROOT", root, TRUE);
    }

  ADD ("/export/format/mp4", test_format, &format_cases[0]);
  ADD ("/export/format/webm", test_format, &format_cases[1]);
  ADD ("/export/format/mov", test_format, &format_cases[2]);
  ADD ("/export/size/1280x720", test_size, &size_cases[0]);
  ADD ("/export/size/1080x1920", test_size, &size_cases[1]);
  ADD ("/export/size/1080x1080", test_size, &size_cases[2]);
  ADD ("/export/fps-override", test_fps_override, NULL);
  ADD ("/export/frame-range", test_frame_range, NULL);
  ADD ("/export/sync/mp4", test_sync, &format_cases[0]);
  ADD ("/export/sync/webm", test_sync, &format_cases[1]);
  ADD ("/export/sync/mov", test_sync, &format_cases[2]);
  ADD ("/export/cancel", test_cancel, NULL);
  ADD ("/export/error/missing-audio", test_missing_audio, NULL);
  ADD ("/export/error/not-a-folder", test_not_a_folder, NULL);
  ADD ("/export/error/disk-full/mp4", test_mount, GINT_TO_POINTER (MOUNT_FULL_MP4));
  ADD ("/export/error/disk-full/mov", test_mount, GINT_TO_POINTER (MOUNT_FULL_MOV));
  ADD ("/export/error/read-only", test_mount, GINT_TO_POINTER (MOUNT_READ_ONLY));
  ADD ("/export/error/missing-element", test_missing_element, NULL);
  ADD ("/export/cli/frames", test_cli_frames, NULL);
  ADD ("/export/cli/interrupt", test_cli_interrupt, NULL);
  status = g_test_run ();
  if (root != NULL)
    media_util_remove_tree (root);
  return status;
}
