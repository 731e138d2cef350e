/* test-preview.c: real-time playback through GStreamer, headless
 *
 * The sound goes to a fakesink that keeps time (SHOTLINE_AUDIO_SINK), so
 * the pipeline clock runs as it would with a device.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-preview"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "shotline-engine.h"
#include "shotline-shots.h"

#define WIDTH 160
#define HEIGHT 90
#define WAV_RATE 48000

/* Under AddressSanitizer: GLib drops its first quark table, made while the
 * libraries load, once GStreamer's quarks outgrow it. tests/lsan.supp
 * matches that block by _dl_init, which only a full unwind of the
 * allocation reaches (GLib has no frame pointers). */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

typedef struct {
  char       *dir;
  SlProject  *project;
  SlPreview  *preview;
  SlRenderer *reference;
  GPtrArray  *frames;       /* SlPreviewFrame, in the order they came */
  guint       n_eos;
  guint       n_errors;
  GError     *error;
  gint64      last_position;
} Fixture;

/* Waiting on the main loop */

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main loop until @done says so or @seconds pass. */
static gboolean
wait_for (Fixture *f, Condition done, gconstpointer data, double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint waker = g_timeout_add (5, keep_waking, NULL);
  gboolean ok;

  while (!(ok = done (f, data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
  return ok;
}

static gboolean
never (Fixture *f, gconstpointer data)
{
  return FALSE;
}

static void
run_for (Fixture *f, double seconds)
{
  wait_for (f, never, NULL, seconds);
}

static SlPreviewFrame *
frame (Fixture *f, guint i)
{
  return g_ptr_array_index (f->frames, i);
}

static SlPreviewFrame *
last_frame (Fixture *f)
{
  return f->frames->len > 0 ? frame (f, f->frames->len - 1) : NULL;
}

static gboolean
last_frame_is (Fixture *f, gconstpointer data)
{
  const gint64 *pts = data;

  return last_frame (f) != NULL && sl_preview_frame_get_pts (last_frame (f)) == *pts;
}

static void
wait_for_frame_at (Fixture *f, gint64 pts)
{
  if (!wait_for (f, last_frame_is, &pts, 20))
    g_error ("no frame at %" G_GINT64_FORMAT " ns came", pts);
}

static gboolean
has_n_frames (Fixture *f, gconstpointer data)
{
  return f->frames->len >= GPOINTER_TO_UINT (data);
}

static gboolean
has_eos (Fixture *f, gconstpointer data)
{
  return f->n_eos > 0;
}

static gboolean
has_error (Fixture *f, gconstpointer data)
{
  return f->n_errors > 0;
}

/* Fixture */

static void
on_frame_ready (SlPreview *preview, SlPreviewFrame *frame, Fixture *f)
{
  g_ptr_array_add (f->frames, sl_preview_frame_ref (frame));
}

static void
on_eos (SlPreview *preview, Fixture *f)
{
  f->n_eos++;
}

static void
on_error (SlPreview *preview, GError *error, Fixture *f)
{
  f->n_errors++;
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static void
on_position_changed (SlPreview *preview, gint64 position, Fixture *f)
{
  f->last_position = position;
}

/* A 16-bit stereo WAV of a 440 Hz tone. */
static void
write_tone (const char *path, double seconds)
{
  guint n = (guint) (seconds * WAV_RATE);
  guint data_size = n * 4;
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 u32;
  guint16 u16;

#define PUT(bytes, size) g_byte_array_append (wav, (const guint8 *) (bytes), size)
#define PUT32(v) (u32 = GUINT32_TO_LE (v), PUT (&u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), PUT (&u16, 2))
  PUT ("RIFF", 4);
  PUT32 (36 + data_size);
  PUT ("WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1);
  PUT16 (2);
  PUT32 (WAV_RATE);
  PUT32 (WAV_RATE * 4);
  PUT16 (4);
  PUT16 (16);
  PUT ("data", 4);
  PUT32 (data_size);
  for (guint i = 0; i < n; i++)
    {
      gint16 s = (gint16) (8000 * sin (2 * G_PI * 440 * i / WAV_RATE));

      PUT16 ((guint16) s);
      PUT16 ((guint16) s);
    }
#undef PUT16
#undef PUT32
#undef PUT
  g_file_set_contents (path, (const char *) wav->data, wav->len, &error);
  g_assert_no_error (error);
}

/* Three shots made from their prompts alone (the first 2 s long, so that an
 * edit during playback lands in it), over a short tone. */
static SlProject *
load_project (Fixture *f, const char *audio_file)
{
  g_autofree char *text = g_strdup_printf (
    "project \"Preview\" 160x90 30fps seed 7\n"
    "audio \"%s\" at 0s\n"
    "shot \"Dawn\" 2s\n"
    "  prompt \"serene mountains at dawn, mist\"\n"
    "shot \"City\" 1s\n"
    "  prompt \"sci-fi city at night, neon\"\n"
    "shot \"Sea\" 1s\n"
    "  prompt \"calm sea under a red sunset\"\n", audio_file);
  g_autofree char *path = g_build_filename (f->dir, "preview.shots", NULL);
  g_autoptr(GError) error = NULL;
  SlProject *project;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  project = sl_project_io_load (path, &error);
  g_assert_no_error (error);
  return project;
}

static void
make_preview (Fixture *f, guint width, guint height)
{
  g_autoptr(GError) error = NULL;

  f->preview = sl_preview_new (f->project, "cpu", width, height, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_preview_get_backend_name (f->preview), ==, "cpu");
  g_signal_connect (f->preview, "frame-ready", G_CALLBACK (on_frame_ready), f);
  g_signal_connect (f->preview, "eos", G_CALLBACK (on_eos), f);
  g_signal_connect (f->preview, "error", G_CALLBACK (on_error), f);
  g_signal_connect (f->preview, "position-changed", G_CALLBACK (on_position_changed), f);
}

/* The project alone, for tests that make their own preview. */
static void
fixture_set_up_project (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tone = NULL;

  f->dir = g_dir_make_tmp ("test-preview-XXXXXX", &error);
  g_assert_no_error (error);
  tone = g_build_filename (f->dir, "tone.wav", NULL);
  write_tone (tone, 1.5);
  f->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_preview_frame_unref);
  f->project = load_project (f, data != NULL ? data : "tone.wav");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_set_up_project (f, data);
  make_preview (f, WIDTH, HEIGHT);
  /* It starts paused on the first frame. */
  wait_for_frame_at (f, 0);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->preview);
  g_clear_object (&f->reference);
  g_clear_object (&f->project);
  g_ptr_array_unref (f->frames);
  g_clear_error (&f->error);
  remove_dir (f->dir);
  g_free (f->dir);
}

/* The same frame rendered directly, by a renderer of the test's own that
 * follows the document's edits on this thread. */
static GBytes *
reference_frame (Fixture *f, gint64 time, guint width, guint height)
{
  g_autoptr(GError) error = NULL;
  guint8 *pixels;

  if (f->reference == NULL)
    {
      f->reference = sl_renderer_new (f->project, "cpu", &error);
      g_assert_no_error (error);
    }
  g_assert_true (sl_renderer_set_size (f->reference, width, height, &error));
  pixels = g_malloc ((gsize) width * height * 4);
  g_assert_true (sl_renderer_render_rgba (f->reference, time, pixels, (gsize) width * 4, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

static void
assert_frame_equals (SlPreviewFrame *frame, GBytes *expected)
{
  g_assert_cmpuint (sl_preview_frame_get_stride (frame), ==, sl_preview_frame_get_width (frame) * 4);
  g_assert_true (g_bytes_equal (sl_preview_frame_get_pixels (frame), expected));
}

static gint64
frame_time (Fixture *f, gint64 n)
{
  return sl_project_get_frame_time (f->project, n);
}

/* Tests */

static void
test_play (Fixture *f, gconstpointer data)
{
  guint first, last;
  gint64 position;

  g_assert_false (sl_preview_get_playing (f->preview));
  g_assert_cmpint (sl_preview_get_duration (f->preview), ==, 4 * SL_SECOND);
  first = f->frames->len;
  sl_preview_play (f->preview);
  g_assert_true (sl_preview_get_playing (f->preview));
  run_for (f, 1.0);
  last = f->frames->len;
  position = sl_preview_get_position (f->preview);
  g_assert_cmpfloat (sl_preview_get_achieved_fps (f->preview), >, 10);
  sl_preview_pause (f->preview);
  g_assert_false (sl_preview_get_playing (f->preview));

  g_test_message ("%u frames in 1 s, position %.3f s, %" G_GUINT64_FORMAT " dropped",
                  last - first, position / 1e9, sl_preview_get_dropped_frames (f->preview));
  g_assert_cmpuint (last - first, >=, 15);
  g_assert_cmpint (position, >, SL_SECOND / 2);
  g_assert_cmpint (position, <, 2 * SL_SECOND);
  g_assert_cmpint (f->last_position, >, 0);
  for (guint i = first; i < last; i++)
    {
      g_assert_cmpuint (sl_preview_frame_get_width (frame (f, i)), ==, WIDTH);
      g_assert_cmpuint (sl_preview_frame_get_height (frame (f, i)), ==, HEIGHT);
      g_assert_cmpuint (g_bytes_get_size (sl_preview_frame_get_pixels (frame (f, i))), >=, WIDTH * HEIGHT * 4);
      if (i > 0)
        g_assert_cmpint (sl_preview_frame_get_pts (frame (f, i)), >, sl_preview_frame_get_pts (frame (f, i - 1)));
    }
  g_assert_cmpuint (f->n_errors, ==, 0);

  /* Paused, it rests on the frame under the playhead. */
  wait_for_frame_at (f, frame_time (f, sl_preview_get_position (f->preview) * 30 / SL_SECOND));
  g_assert_cmpfloat (sl_preview_get_achieved_fps (f->preview), ==, 0);
}

static void
test_seek_paused (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) expected = NULL;

  /* Between two frames: the one that starts before. */
  sl_preview_seek (f->preview, 1510 * SL_MSECOND);
  g_assert_cmpint (sl_preview_get_position (f->preview), ==, 1510 * SL_MSECOND);
  g_assert_cmpint (f->last_position, ==, 1510 * SL_MSECOND);
  wait_for_frame_at (f, frame_time (f, 45));
  expected = reference_frame (f, frame_time (f, 45), WIDTH, HEIGHT);
  assert_frame_equals (last_frame (f), expected);
  g_clear_pointer (&expected, g_bytes_unref);

  sl_preview_seek (f->preview, frame_time (f, 100));
  wait_for_frame_at (f, frame_time (f, 100));
  expected = reference_frame (f, frame_time (f, 100), WIDTH, HEIGHT);
  assert_frame_equals (last_frame (f), expected);
  g_assert_false (sl_preview_get_playing (f->preview));

  /* Past the end: the last frame. */
  sl_preview_seek (f->preview, 10 * SL_SECOND);
  wait_for_frame_at (f, frame_time (f, 119));
}

static void
test_step (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) expected = NULL;

  sl_preview_seek (f->preview, frame_time (f, 10));
  wait_for_frame_at (f, frame_time (f, 10));
  sl_preview_step (f->preview, 1);
  wait_for_frame_at (f, frame_time (f, 11));
  g_assert_cmpint (sl_preview_get_position (f->preview), ==, frame_time (f, 11));
  sl_preview_step (f->preview, -1);
  wait_for_frame_at (f, frame_time (f, 10));
  sl_preview_step (f->preview, -1);
  wait_for_frame_at (f, frame_time (f, 9));
  expected = reference_frame (f, frame_time (f, 9), WIDTH, HEIGHT);
  assert_frame_equals (last_frame (f), expected);

  /* Not before the first frame nor after the last. */
  sl_preview_seek (f->preview, 0);
  wait_for_frame_at (f, 0);
  sl_preview_step (f->preview, -1);
  g_assert_cmpint (sl_preview_get_position (f->preview), ==, 0);
  sl_preview_seek (f->preview, frame_time (f, 119));
  wait_for_frame_at (f, frame_time (f, 119));
  sl_preview_step (f->preview, 1);
  g_assert_cmpint (sl_preview_get_position (f->preview), ==, frame_time (f, 119));

  /* Stepping while playing pauses. */
  sl_preview_seek (f->preview, 0);
  sl_preview_play (f->preview);
  run_for (f, 0.1);
  sl_preview_step (f->preview, 1);
  g_assert_false (sl_preview_get_playing (f->preview));
}

static gboolean
wrapped (Fixture *f, gconstpointer data)
{
  gboolean seen_end = FALSE;

  for (guint i = 0; i < f->frames->len; i++)
    {
      gint64 pts = sl_preview_frame_get_pts (frame (f, i));

      if (pts >= frame_time (f, 110))
        seen_end = TRUE;
      else if (seen_end && pts < SL_SECOND / 2)
        return TRUE;
    }
  return FALSE;
}

static void
test_loop (Fixture *f, gconstpointer data)
{
  sl_preview_set_loop (f->preview, TRUE);
  g_assert_true (sl_preview_get_loop (f->preview));
  sl_preview_seek (f->preview, 4 * SL_SECOND - 300 * SL_MSECOND);
  g_ptr_array_set_size (f->frames, 0);
  sl_preview_play (f->preview);
  g_assert_true (wait_for (f, wrapped, NULL, 10));
  g_assert_true (sl_preview_get_playing (f->preview));
  g_assert_cmpint (sl_preview_get_position (f->preview), <, SL_SECOND);
  g_assert_cmpuint (f->n_eos, ==, 0);

  /* Without looping it stops at the end. */
  sl_preview_set_loop (f->preview, FALSE);
  sl_preview_seek (f->preview, 4 * SL_SECOND - 300 * SL_MSECOND);
  g_assert_true (wait_for (f, has_eos, NULL, 10));
  g_assert_false (sl_preview_get_playing (f->preview));
  g_assert_cmpint (sl_preview_get_position (f->preview), ==, 4 * SL_SECOND);
  g_assert_cmpint (sl_preview_frame_get_pts (last_frame (f)), ==, frame_time (f, 119));

  /* Playing again starts over. */
  sl_preview_play (f->preview);
  g_assert_true (wait_for (f, has_n_frames, GUINT_TO_POINTER (f->frames->len + 3), 10));
  g_assert_cmpint (sl_preview_frame_get_pts (last_frame (f)), <, SL_SECOND);
}

static void
test_edit_while_playing (Fixture *f, gconstpointer data)
{
  SlShot *dawn = sl_project_get_shot (f->project, 0);
  g_autoptr(GBytes) before = NULL;
  guint first, compared = 0, in_edited_shot = 0;

  sl_preview_play (f->preview);
  run_for (f, 0.2);
  g_object_set (dawn, "prompt", "sci-fi city at night, neon, rain", NULL);
  run_for (f, 0.25);
  first = f->frames->len;
  run_for (f, 0.3);
  sl_preview_pause (f->preview);
  g_assert_cmpuint (f->frames->len - first, >=, 5);

  for (guint i = first; i < f->frames->len; i++)
    {
      gint64 pts = sl_preview_frame_get_pts (frame (f, i));
      g_autoptr(GBytes) expected = reference_frame (f, pts, WIDTH, HEIGHT);

      assert_frame_equals (frame (f, i), expected);
      compared++;
      in_edited_shot += pts < 2 * SL_SECOND;
    }
  g_assert_cmpuint (compared, >, 0);
  g_assert_cmpuint (in_edited_shot, >, 0);

  /* The frames differ from what the old prompt made. */
  g_object_set (dawn, "prompt", "serene mountains at dawn, mist", NULL);
  before = reference_frame (f, sl_preview_frame_get_pts (frame (f, first)), WIDTH, HEIGHT);
  g_assert_false (g_bytes_equal (sl_preview_frame_get_pixels (frame (f, first)), before));
  g_assert_cmpuint (f->n_errors, ==, 0);
}

static void
test_edit_while_paused (Fixture *f, gconstpointer data)
{
  SlShot *city = sl_project_get_shot (f->project, 1);
  g_autoptr(GBytes) expected = NULL;
  guint n;

  sl_preview_seek (f->preview, frame_time (f, 70));
  wait_for_frame_at (f, frame_time (f, 70));
  n = f->frames->len;
  g_object_set (city, "prompt", "a misty pine forest", NULL);
  g_assert_true (wait_for (f, has_n_frames, GUINT_TO_POINTER (n + 1), 10));
  g_assert_cmpint (sl_preview_frame_get_pts (last_frame (f)), ==, frame_time (f, 70));
  expected = reference_frame (f, frame_time (f, 70), WIDTH, HEIGHT);
  assert_frame_equals (last_frame (f), expected);

  /* An edit of a shot before the playhead leaves the picture alone. */
  n = f->frames->len;
  g_object_set (sl_project_get_shot (f->project, 0), "prompt", "a desert at noon", NULL);
  run_for (f, 0.3);
  g_assert_cmpuint (f->frames->len, ==, n);
}

static void
test_size (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) expected = NULL;
  guint width, height;

  sl_preview_seek (f->preview, frame_time (f, 40));
  wait_for_frame_at (f, frame_time (f, 40));
  sl_preview_set_size (f->preview, 96, 54);
  sl_preview_get_size (f->preview, &width, &height);
  g_assert_cmpuint (width, ==, 96);
  g_assert_cmpuint (height, ==, 54);
  g_assert_true (wait_for (f, has_n_frames, GUINT_TO_POINTER (f->frames->len + 1), 10));
  g_assert_cmpuint (sl_preview_frame_get_width (last_frame (f)), ==, 96);
  g_assert_cmpuint (sl_preview_frame_get_height (last_frame (f)), ==, 54);
  g_assert_cmpint (sl_preview_frame_get_pts (last_frame (f)), ==, frame_time (f, 40));
  expected = reference_frame (f, frame_time (f, 40), 96, 54);
  assert_frame_equals (last_frame (f), expected);
}

static gboolean
clock_runs (Fixture *f, gconstpointer data)
{
  return sl_preview_get_position (f->preview) > 0;
}

static gboolean
has_dropped (Fixture *f, gconstpointer data)
{
  return sl_preview_get_dropped_frames (f->preview) > 0;
}

/* Position advanced over wall time while playing for @seconds. */
static double
measure_speed (Fixture *f, double seconds)
{
  gint64 wall, position;

  g_assert_true (wait_for (f, clock_runs, NULL, 60));
  wall = g_get_monotonic_time ();
  position = sl_preview_get_position (f->preview);
  run_for (f, seconds);
  return (sl_preview_get_position (f->preview) - position) / 1e3 / (g_get_monotonic_time () - wall);
}

static void
test_rate (Fixture *f, gconstpointer data)
{
  double speed;

  sl_preview_set_rate (f->preview, 10);
  g_assert_cmpfloat (sl_preview_get_rate (f->preview), ==, SL_PREVIEW_MAX_RATE);
  sl_preview_set_rate (f->preview, 2);
  g_assert_cmpfloat (sl_preview_get_rate (f->preview), ==, 2);
  sl_preview_play (f->preview);
  speed = measure_speed (f, 0.5);
  sl_preview_pause (f->preview);
  g_test_message ("at rate 2 the playhead moved %.3f s a second", speed);
  g_assert_cmpfloat (fabs (speed - 2), <, 0.2);
}

/* Rendering far slower than real time: frames are dropped, the clock (and
 * the sound) keep going. */
static void
test_slow_render (Fixture *f, gconstpointer data)
{
  double speed;

  make_preview (f, 1920, 1080);
  sl_preview_play (f->preview);
  speed = measure_speed (f, 0.8);
  g_assert_true (wait_for (f, has_dropped, NULL, 60));
  g_test_message ("at 1920x1080 the playhead moved %.3f s a second, %u frames shown, %" G_GUINT64_FORMAT " dropped",
                  speed, f->frames->len, sl_preview_get_dropped_frames (f->preview));
  g_assert_cmpfloat (fabs (speed - 1), <, 0.1);
  g_assert_cmpuint (sl_preview_get_dropped_frames (f->preview), >, 0);
  g_assert_true (sl_preview_get_playing (f->preview));
}

static void
test_dispose_while_playing (Fixture *f, gconstpointer data)
{
  guint n;

  sl_preview_play (f->preview);
  g_assert_true (wait_for (f, has_n_frames, GUINT_TO_POINTER (f->frames->len + 3), 10));
  g_clear_object (&f->preview);
  n = f->frames->len;
  run_for (f, 0.2);
  g_assert_cmpuint (f->frames->len, ==, n);
}

static void
test_missing_audio (Fixture *f, gconstpointer data)
{
  make_preview (f, WIDTH, HEIGHT);
  g_assert_true (wait_for (f, has_error, NULL, 10));
  g_assert_true (g_error_matches (f->error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_NOT_FOUND));
  g_assert_nonnull (strstr (f->error->message, "missing.wav"));

  /* The picture plays on, in silence. */
  sl_preview_play (f->preview);
  g_assert_true (wait_for (f, has_n_frames, GUINT_TO_POINTER (f->frames->len + 5), 10));
}

static void
test_bad_backend (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPreview) preview = sl_preview_new (project, "no-such-backend", WIDTH, HEIGHT, &error);

  g_assert_null (preview);
  g_assert_nonnull (error);
  g_clear_error (&error);
  preview = sl_preview_new (project, "cpu", 0, HEIGHT, &error);
  g_assert_null (preview);
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_setenv ("SHOTLINE_AUDIO_SINK", "fakesink", FALSE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/preview/play", test_play);
  ADD ("/preview/seek-paused", test_seek_paused);
  ADD ("/preview/step", test_step);
  ADD ("/preview/loop", test_loop);
  ADD ("/preview/edit-while-playing", test_edit_while_playing);
  ADD ("/preview/edit-while-paused", test_edit_while_paused);
  ADD ("/preview/size", test_size);
  ADD ("/preview/rate", test_rate);
  ADD ("/preview/dispose-while-playing", test_dispose_while_playing);
#undef ADD
  g_test_add ("/preview/slow-render", Fixture, NULL, fixture_set_up_project, test_slow_render, fixture_tear_down);
  g_test_add ("/preview/missing-audio", Fixture, "missing.wav", fixture_set_up_project, test_missing_audio,
              fixture_tear_down);
  g_test_add_func ("/preview/bad-backend", test_bad_backend);
  return g_test_run ();
}
