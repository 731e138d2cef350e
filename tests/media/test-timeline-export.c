/* test-timeline-export.c: a two-shot project with sound as an OTIO and an
 * XGES timeline; the OTIO JSON's structure is checked and the XGES project
 * is rendered by ges-launch-1.0 and read back with GstDiscoverer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "media-util.h"
#include "sl-audio-mixer.h"

#define FPS 24
#define WIDTH 160
#define HEIGHT 90

typedef struct {
  guint  calls;
  guint  shots_done;
  double fraction;
} Progress;

static char *dir;

static void
on_progress (guint shots_done, guint n_shots, double fraction, gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (shots_done, <=, n_shots);
  g_assert_cmpfloat (fraction, >=, progress->fraction);
  progress->calls++;
  progress->shots_done = shots_done;
  progress->fraction = fraction;
}

/* Two half-second shots, the second dissolving in, over 1.5 s of tone
 * placed at 0.25 s from 0.1 s into the file (so it runs past the end). */
static SlProject *
make_project (void)
{
  gsize n = (gsize) (1.5 * SL_AUDIO_MIXER_RATE);
  g_autofree float *samples = g_new (float, n * 2);
  g_autofree char *wav = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  SlProject *project;

  for (gsize i = 0; i < n; i++)
    samples[2 * i] = samples[2 * i + 1] = 0.2 * sin (2 * G_PI * 440 * i / (double) SL_AUDIO_MIXER_RATE);
  wav = media_util_write_wav (dir, "tone.wav", SL_AUDIO_MIXER_RATE, 2, samples, n);
  text = g_strdup_printf ("project \"Hand-off\" %ux%u %ufps seed 3\n"
                          "audio \"tone.wav\" at 0.25s in 0.1s\n"
                          "shot \"First\" 0.5s\n  prompt \"white studio backdrop\"\n"
                          "shot \"Second\" 0.5s\n  prompt \"black studio backdrop\"\n",
                          WIDTH, HEIGHT, FPS);
  path = media_util_write_text (dir, "handoff.shots", text);
  project = sl_project_io_load (path, &error);
  g_assert_no_error (error);
  g_object_set (sl_project_get_shot (project, 1), "transition", SL_TRANSITION_DISSOLVE,
                "transition-duration", SL_SECOND / 4, NULL);
  return project;
}

static SlTimelineExport *
run_export (SlProject *project, const char *name, SlTimelineFormat format)
{
  g_autofree char *output = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SlTimelineExportSettings settings;
  SlTimelineExport *export;
  Progress progress = { 0 };

  sl_timeline_export_settings_init (&settings);
  settings.output = output;
  settings.format = format;
  settings.backend = "cpu";
  settings.quality = SL_EXPORT_QUALITY_DRAFT;
  export = sl_timeline_export_new (project, &settings);
  sl_timeline_export_set_progress_func (export, on_progress, &progress, NULL);
  g_assert_true (sl_timeline_export_run (export, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_cmpuint (progress.shots_done, ==, 2);
  g_assert_cmpfloat (progress.fraction, ==, 1.0);
  return export;
}

static JsonObject *
member_object (JsonObject *object, const char *name, const char *schema)
{
  JsonObject *member = json_object_get_object_member (object, name);

  g_assert_nonnull (member);
  if (schema != NULL)
    g_assert_cmpstr (json_object_get_string_member (member, "OTIO_SCHEMA"), ==, schema);
  return member;
}

static void
assert_time (JsonObject *range, const char *name, double frames)
{
  JsonObject *time = member_object (range, name, "RationalTime.1");

  g_assert_cmpfloat (json_object_get_double_member (time, "rate"), ==, FPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (time, "value"), frames, 1e-6);
}

static void
assert_clip (JsonObject *clip, double in_frames, double frames, const char *file_suffix)
{
  JsonObject *range = member_object (clip, "source_range", "TimeRange.1");
  JsonObject *reference = member_object (clip, "media_reference", "ExternalReference.1");
  g_autofree char *path = g_filename_from_uri (json_object_get_string_member (reference, "target_url"), NULL, NULL);

  g_assert_cmpstr (json_object_get_string_member (clip, "OTIO_SCHEMA"), ==, "Clip.1");
  assert_time (range, "start_time", in_frames);
  assert_time (range, "duration", frames);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_suffix (path, file_suffix));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static JsonArray *
track_children (JsonArray *tracks, guint index, const char *kind)
{
  JsonObject *track = json_array_get_object_element (tracks, index);

  g_assert_cmpstr (json_object_get_string_member (track, "OTIO_SCHEMA"), ==, "Track.1");
  g_assert_cmpstr (json_object_get_string_member (track, "kind"), ==, kind);
  return json_object_get_array_member (track, "children");
}

static void
check_otio (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *timeline, *stack, *gap, *shotline;
  JsonArray *tracks, *video, *audio;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  timeline = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (timeline, "OTIO_SCHEMA"), ==, "Timeline.1");
  g_assert_cmpstr (json_object_get_string_member (timeline, "name"), ==, "Hand-off");
  stack = member_object (timeline, "tracks", "Stack.1");
  tracks = json_object_get_array_member (stack, "children");
  g_assert_cmpuint (json_array_get_length (tracks), ==, 2);

  video = track_children (tracks, 0, "Video");
  g_assert_cmpuint (json_array_get_length (video), ==, 2);
  assert_clip (json_array_get_object_element (video, 0), 0, 12, "handoff-media/shot-01-First.mp4");
  assert_clip (json_array_get_object_element (video, 1), 0, 12, "handoff-media/shot-02-Second.mp4");
  shotline = member_object (member_object (json_array_get_object_element (video, 1), "metadata", NULL),
                            "shotline", NULL);
  g_assert_cmpstr (json_object_get_string_member (shotline, "transition"), ==, "dissolve");

  /* 0.25 s of silence, then 0.75 s of the file from 0.1 s: cut at the end. */
  audio = track_children (tracks, 1, "Audio");
  g_assert_cmpuint (json_array_get_length (audio), ==, 2);
  gap = json_array_get_object_element (audio, 0);
  g_assert_cmpstr (json_object_get_string_member (gap, "OTIO_SCHEMA"), ==, "Gap.1");
  assert_time (member_object (gap, "source_range", "TimeRange.1"), "duration", 6);
  assert_clip (json_array_get_object_element (audio, 1), 2.4, 18, "tone.wav");
}

/* ges-launch-1.0 --load FILE -o URI renders the project; the file it
 * writes must last as long as the project and have both kinds of stream. */
static void
render_xges (const char *xges)
{
  g_autofree char *ges_launch = g_find_program_in_path ("ges-launch-1.0");
  g_autofree char *output = g_build_filename (dir, "rendered.mp4", NULL);
  g_autofree char *uri = g_filename_to_uri (output, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  GList *video, *audio;
  int status;

  if (ges_launch == NULL)
    g_error ("ges-launch-1.0 is missing: install the Debian package ges1.0-tools "
             "(build-aux/install-deps.sh does) to check the .xges export");
  {
    const char *argv[] = { ges_launch, "--no-interactive", "--load", xges, "-o", uri, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ges-launch-1.0 failed:\n%s\n%s", out, err);

  discoverer = gst_discoverer_new (60 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  g_assert_cmpint (llabs ((long long) gst_discoverer_info_get_duration (info) - (long long) GST_SECOND),
                   <=, GST_SECOND / FPS);
  video = gst_discoverer_info_get_video_streams (info);
  audio = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (video), ==, 1);
  g_assert_cmpuint (g_list_length (audio), ==, 1);
  gst_discoverer_stream_info_list_free (video);
  gst_discoverer_stream_info_list_free (audio);
}

static void
test_timeline_export (void)
{
  g_autoptr(SlProject) project = make_project ();
  g_autoptr(SlTimelineExport) first = NULL;
  g_autoptr(SlTimelineExport) second = NULL;
  g_autofree char *otio = g_build_filename (dir, "handoff.otio", NULL);
  g_autofree char *xges = g_build_filename (dir, "handoff.xges", NULL);
  g_autofree char *text = NULL;

  first = run_export (project, "handoff.xges", SL_TIMELINE_FORMAT_XGES);
  g_assert_cmpuint (sl_timeline_export_get_n_rendered (first), ==, 2);
  g_assert_cmpuint (sl_timeline_export_get_n_reused (first), ==, 0);

  /* The same shots: their media are reused. */
  second = run_export (project, "handoff.otio", SL_TIMELINE_FORMAT_OTIO);
  g_assert_cmpuint (sl_timeline_export_get_n_rendered (second), ==, 0);
  g_assert_cmpuint (sl_timeline_export_get_n_reused (second), ==, 2);
  check_otio (otio);

  g_assert_true (g_file_get_contents (xges, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<ges version='0.4'>"));
  g_assert_nonnull (strstr (text, "extractable-type-name='GESUriClip'"));
  g_assert_nonnull (strstr (text, "track-types='2' start='250000000' duration='750000000' inpoint='100000000'"));
  render_xges (xges);

  /* The dissolve shows both shots on either side of the cut: making it a
   * cut renders both again. Then, with no transition between them, editing
   * the second shot renders it again, and only it. */
  g_object_set (sl_project_get_shot (project, 1), "transition", SL_TRANSITION_CUT, NULL);
  g_clear_object (&second);
  second = run_export (project, "handoff.otio", SL_TIMELINE_FORMAT_OTIO);
  g_assert_cmpuint (sl_timeline_export_get_n_rendered (second), ==, 2);
  g_object_set (sl_project_get_shot (project, 1), "prompt", "grey studio backdrop", NULL);
  g_clear_object (&second);
  second = run_export (project, "handoff.otio", SL_TIMELINE_FORMAT_OTIO);
  g_assert_cmpuint (sl_timeline_export_get_n_rendered (second), ==, 1);
  g_assert_cmpuint (sl_timeline_export_get_n_reused (second), ==, 1);
}

static void
test_formats (void)
{
  SlTimelineFormat format;
  g_autofree char *media = sl_timeline_export_get_media_dir_for ("/a/b/cut.v2.otio");

  g_assert_true (sl_timeline_format_from_path ("x/y.XGES", &format));
  g_assert_cmpint (format, ==, SL_TIMELINE_FORMAT_XGES);
  g_assert_true (sl_timeline_format_from_path ("y.otio", &format));
  g_assert_cmpint (format, ==, SL_TIMELINE_FORMAT_OTIO);
  g_assert_false (sl_timeline_format_from_path ("y.otio/z", &format));
  g_assert_cmpstr (media, ==, "/a/b/cut.v2-media");
}

int
main (int argc, char *argv[])
{
  int status;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  dir = media_util_make_dir ();
  g_test_add_func ("/timeline-export/formats", test_formats);
  g_test_add_func ("/timeline-export/otio-xges", test_timeline_export);
  status = g_test_run ();
  media_util_remove_tree (dir);
  g_free (dir);
  return status;
}
