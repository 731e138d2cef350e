/* test-audio.c: decoding, onsets, tempo, beats, waveform peaks and the
 * analysis cache, on synthetic audio written by the test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "shotline-engine.h"
#include "sl-engine-error.h"

/* Synthetic music is written at the analysis rate (no resampling: quick
 * under sanitizers); the decoding test resamples from 44.1 kHz. */
#define RATE SL_AUDIO_ANALYSIS_RATE
#define TONE_RATE 44100
#define LOOP_SECONDS 16.0

static char *tmp_dir;

/* Under AddressSanitizer, GLib's deliberate leak of its first quark table
 * (see tests/lsan.supp) is only recognised with full stack traces. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* A deterministic noise sample in [-1, 1] (xorshift). */
static float
noise (guint32 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return (float) (*state / 2147483648.0 - 1.0);
}

static void
put_u32 (GByteArray *out, guint32 value)
{
  value = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, 4);
}

static void
put_u16 (GByteArray *out, guint16 value)
{
  value = GUINT16_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, 2);
}

/* A 16-bit PCM WAV file; every channel gets @mono. */
static char *
write_wav (const char *name, const float *mono, gsize n, guint rate, guint channels)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 data_size = n * channels * 2;
  char *path = tmp_path (name);

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_u32 (out, 36 + data_size);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_u32 (out, 16);
  put_u16 (out, 1);
  put_u16 (out, channels);
  put_u32 (out, rate);
  put_u32 (out, rate * channels * 2);
  put_u16 (out, channels * 2);
  put_u16 (out, 16);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_u32 (out, data_size);
  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < channels; c++)
      put_u16 (out, (guint16) (gint16) lrint (CLAMP (mono[i], -1.0f, 1.0f) * 32767));
  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A click: 10 ms of noise decaying over 2 ms, starting at @time. */
static void
add_click (float *x, gsize n, double time, float amplitude, guint32 *seed)
{
  gsize start = (gsize) llround (time * RATE);

  for (gsize i = 0; i < RATE / 100 && start + i < n; i++)
    x[start + i] += amplitude * noise (seed) * (float) exp (-(double) i / (RATE * 0.002));
}

/* A kick drum: a sine falling from 150 to 45 Hz and dying away over 400 ms
 * (no cut-off click at the end), with a click at the start. */
static void
add_kick (float *x, gsize n, double time, guint32 *seed)
{
  gsize start = (gsize) llround (time * RATE);
  gsize length = RATE * 4 / 10;
  double phase = 0;

  for (gsize i = 0; i < length && start + i < n; i++)
    {
      double t = (double) i / RATE;
      double fade = 0.5 + 0.5 * cos (G_PI * i / length);

      phase += 2 * G_PI * (45 + 105 * exp (-t / 0.03)) / RATE;
      x[start + i] += (float) (0.8 * exp (-t / 0.1) * fade * sin (phase) + 0.2 * noise (seed) * exp (-t / 0.002));
    }
}

/* A hi-hat: 50 ms of high-passed noise decaying over 15 ms. */
static void
add_hat (float *x, gsize n, double time, guint32 *seed)
{
  gsize start = (gsize) llround (time * RATE);
  float last = 0;

  for (gsize i = 0; i < RATE / 20 && start + i < n; i++)
    {
      float white = noise (seed);

      x[start + i] += (float) (0.2 * (white - last) * exp (-(double) i / (RATE * 0.015)));
      last = white;
    }
}

/* A loop at @bpm: a kick on every beat, a hi-hat on every off-beat and a
 * sustained bass tone changing pitch every four beats. The kicks' times go
 * to @kicks. */
static float *
make_loop (double bpm, gsize *n_samples, GArray *kicks)
{
  static const double bass[] = { 55.0, 43.65, 65.41, 49.0 };
  gsize n = (gsize) (LOOP_SECONDS * RATE);
  float *x = g_new0 (float, n);
  double beat = 60.0 / bpm, phase = 0;
  guint32 seed = 12345;

  for (guint k = 0; k * beat < LOOP_SECONDS; k++)
    {
      double time = k * beat;

      add_kick (x, n, time, &seed);
      add_hat (x, n, time + beat / 2, &seed);
      g_array_append_val (kicks, time);
    }
  for (gsize i = 0; i < n; i++)
    {
      double t = (double) i / RATE;
      guint bar = (guint) (t / (4 * beat));

      phase += 2 * G_PI * bass[bar % G_N_ELEMENTS (bass)] / RATE;
      x[i] += (float) (0.25 * sin (phase));
    }
  *n_samples = n;
  return x;
}

static gint64
to_ns (double seconds)
{
  return (gint64) llround (seconds * SL_SECOND);
}

static gint64
nearest_distance (const gint64 *times, gsize n, gint64 time)
{
  gint64 best = G_MAXINT64;

  for (gsize i = 0; i < n; i++)
    best = MIN (best, ABS (times[i] - time));
  return best;
}

static SlAudioAnalysis *
analyse_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  SlAudioAnalysis *analysis = sl_audio_analysis_new_for_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

/* The tempo within 1 %, every beat within 20 ms of a kick, and every kick
 * but the first and last two with a beat. */
static void
assert_beats_on_kicks (SlAudioAnalysis *analysis, double bpm, GArray *kicks)
{
  gsize n_beats;
  const gint64 *beats = sl_audio_analysis_get_beats (analysis, &n_beats);
  g_autofree gint64 *kick_times = g_new (gint64, kicks->len);

  g_test_message ("tempo %.3f BPM (true %.1f), %zu beats", sl_audio_analysis_get_tempo (analysis), bpm, n_beats);
  g_assert_cmpfloat_with_epsilon (sl_audio_analysis_get_tempo (analysis), bpm, bpm * 0.01);
  for (guint i = 0; i < kicks->len; i++)
    kick_times[i] = to_ns (g_array_index (kicks, double, i));
  for (gsize i = 0; i < n_beats; i++)
    g_assert_cmpint (nearest_distance (kick_times, kicks->len, beats[i]), <=, 20 * SL_MSECOND);
  for (guint i = 2; i + 2 < kicks->len; i++)
    g_assert_cmpint (nearest_distance (beats, n_beats, kick_times[i]), <=, 20 * SL_MSECOND);
}

static void
test_loop (gconstpointer data)
{
  double bpm = *(const double *) data;
  g_autoptr(GArray) kicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = g_strdup_printf ("loop-%g.wav", bpm);
  g_autofree float *x = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  gsize n;

  x = make_loop (bpm, &n, kicks);
  path = write_wav (name, x, n, RATE, 1);
  analysis = analyse_file (path);
  g_assert_cmpint (ABS (sl_audio_analysis_get_duration (analysis) - to_ns (LOOP_SECONDS)), <, SL_MSECOND);
  assert_beats_on_kicks (analysis, bpm, kicks);
}

static void
test_clicks (void)
{
  gsize n = 7 * RATE;
  g_autofree float *x = g_new0 (float, n);
  g_autofree gint64 *truth = g_new (gint64, 17);
  g_autofree char *path = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  guint32 seed = 99;
  double time = 0.2;
  const gint64 *onsets;
  gsize n_onsets;

  /* Irregular gaps of 0.12 to 0.6 s, loudness from -20 to -1 dBFS. */
  for (guint i = 0; i < 17; i++)
    {
      add_click (x, n, time, (float) pow (10, g_rand_double_range (rand, -1, -0.05)), &seed);
      truth[i] = to_ns (time);
      time += g_rand_double_range (rand, 0.12, 0.6);
    }
  g_rand_free (rand);
  path = write_wav ("clicks.wav", x, n, RATE, 1);
  analysis = analyse_file (path);
  onsets = sl_audio_analysis_get_onsets (analysis, &n_onsets);
  g_assert_cmpuint (n_onsets, ==, 17);
  for (guint i = 0; i < 17; i++)
    g_assert_cmpint (ABS (onsets[i] - truth[i]), <=, 10 * SL_MSECOND);
  g_assert_cmpfloat (sl_audio_analysis_get_pulse (analysis, truth[3] + 20 * SL_MSECOND), >,
                     sl_audio_analysis_get_pulse (analysis, truth[3] - 20 * SL_MSECOND));
}

static void
test_silence (void)
{
  gsize n = 3 * RATE;
  g_autofree float *x = g_new0 (float, n);
  g_autofree char *path = write_wav ("silence.wav", x, n, RATE, 2);
  g_autoptr(SlAudioAnalysis) analysis = analyse_file (path);
  gsize n_onsets, n_beats, n_values;
  const float *envelope;

  sl_audio_analysis_get_onsets (analysis, &n_onsets);
  sl_audio_analysis_get_beats (analysis, &n_beats);
  g_assert_cmpuint (n_onsets, ==, 0);
  g_assert_cmpuint (n_beats, ==, 0);
  g_assert_cmpfloat (sl_audio_analysis_get_tempo (analysis), ==, 0);
  g_assert_cmpfloat (sl_audio_analysis_get_pulse (analysis, SL_SECOND), ==, 0);
  envelope = sl_audio_analysis_get_envelope (analysis, &n_values, NULL);
  g_assert_cmpuint (n_values, ==, 300);
  for (gsize i = 0; i < n_values; i++)
    g_assert_cmpfloat (envelope[i], ==, -100);
}

static void
test_empty_buffer (void)
{
  g_autoptr(SlAudioBuffer) buffer = sl_audio_buffer_new (NULL, 0, SL_AUDIO_ANALYSIS_RATE, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioAnalysis) analysis = sl_audio_analysis_new (buffer, NULL, &error);
  gsize n;

  g_assert_no_error (error);
  g_assert_cmpint (sl_audio_analysis_get_duration (analysis), ==, 0);
  g_assert_cmpfloat (sl_audio_analysis_get_tempo (analysis), ==, 0);
  sl_audio_analysis_get_onsets (analysis, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpfloat (sl_audio_analysis_get_pulse (analysis, 0), ==, 0);
}

static void
test_decode (void)
{
  gsize n = TONE_RATE;
  g_autofree float *x = g_new (float, n);
  g_autofree char *path = NULL;
  g_autoptr(SlAudioBuffer) stereo = NULL;
  g_autoptr(SlAudioBuffer) mono = NULL;
  g_autoptr(GError) error = NULL;
  const float *samples;
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    x[i] = (float) (0.5 * sin (2 * G_PI * 441 * i / TONE_RATE));
  path = write_wav ("tone.wav", x, n, TONE_RATE, 2);

  stereo = sl_audio_buffer_decode (path, TONE_RATE, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_audio_buffer_get_channels (stereo), ==, 2);
  g_assert_cmpuint (sl_audio_buffer_get_n_frames (stereo), ==, n);
  samples = sl_audio_buffer_get_samples (stereo);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (fabsf (samples[2 * i] - x[i]), <, 1e-4);

  mono = sl_audio_buffer_decode (path, 22050, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_audio_buffer_get_channels (mono), ==, 1);
  g_assert_cmpint (ABS ((gint64) sl_audio_buffer_get_n_frames (mono) - 22050), <=, 2);
  g_assert_cmpint (ABS (sl_audio_buffer_get_duration (mono) - SL_SECOND), <, SL_MSECOND);
  /* The tone keeps its power: RMS 0.5 / √2. */
  samples = sl_audio_buffer_get_samples (mono);
  for (gsize i = 1000; i < 21000; i++)
    sum += samples[i] * samples[i];
  g_assert_cmpfloat_with_epsilon (sqrt (sum / 20000), 0.5 / G_SQRT2, 0.01);

  g_clear_pointer (&mono, sl_audio_buffer_unref);
  mono = sl_audio_buffer_decode (path, 0, 1, NULL, &error);
  g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID);
  g_assert_null (mono);
}

static void
test_decode_cancelled (void)
{
  gsize n = RATE;
  g_autofree float *x = g_new0 (float, n);
  g_autofree char *path = write_wav ("cancel.wav", x, n, RATE, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioBuffer) buffer = NULL;

  g_cancellable_cancel (cancellable);
  buffer = sl_audio_buffer_decode (path, RATE, 1, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (buffer);
}

static void
assert_error_names (GError *error, int code, const char *path)
{
  g_assert_error (error, SL_ENGINE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_bad_files (void)
{
  g_autofree char *missing = tmp_path ("missing.ogg");
  g_autofree char *corrupt = tmp_path ("corrupt.ogg");
  g_autofree char *text = tmp_path ("notes.txt");
  guint8 bytes[4096];
  guint32 seed = 5;
  g_autoptr(GError) error = NULL;
  SlAudioBuffer *buffer;
  g_autoptr(SlAudioCache) cache = NULL;
  g_autofree char *cache_dir = tmp_path ("cache-bad");

  buffer = sl_audio_buffer_decode (missing, RATE, 1, NULL, &error);
  g_assert_null (buffer);
  assert_error_names (error, SL_ENGINE_ERROR_NOT_FOUND, missing);
  g_clear_error (&error);

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) (noise (&seed) * 127 + 128);
  g_assert_true (g_file_set_contents (corrupt, (const char *) bytes, sizeof bytes, NULL));
  buffer = sl_audio_buffer_decode (corrupt, RATE, 1, NULL, &error);
  g_assert_null (buffer);
  assert_error_names (error, SL_ENGINE_ERROR_DECODE, corrupt);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "shot one\npush in 30 %\n", -1, NULL));
  buffer = sl_audio_buffer_decode (text, RATE, 1, NULL, &error);
  g_assert_null (buffer);
  assert_error_names (error, SL_ENGINE_ERROR_DECODE, text);
  g_clear_error (&error);

  buffer = sl_audio_buffer_decode (tmp_dir, RATE, 1, NULL, &error);
  g_assert_null (buffer);
  assert_error_names (error, SL_ENGINE_ERROR_DECODE, tmp_dir);
  g_clear_error (&error);

  cache = sl_audio_cache_new (cache_dir);
  g_assert_null (sl_audio_cache_analyze (cache, missing, NULL, NULL, &error));
  assert_error_names (error, SL_ENGINE_ERROR_NOT_FOUND, missing);
  g_clear_error (&error);
  g_assert_null (sl_audio_cache_analyze (cache, corrupt, NULL, NULL, &error));
  assert_error_names (error, SL_ENGINE_ERROR_DECODE, corrupt);
}

/* Encodes a WAV file to Ogg Vorbis with GStreamer. */
static char *
encode_vorbis (const char *wav, const char *name)
{
  char *path = tmp_path (name);
  g_autofree char *description = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! "
                                                  "vorbisenc quality=0.5 ! oggmux ! filesink location=\"%s\"",
                                                  wav, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return path;
}

static void
test_vorbis (void)
{
  g_autoptr(GArray) kicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree float *x = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *ogg = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  g_autoptr(GstElementFactory) encoder = gst_element_factory_find ("vorbisenc");
  gsize n;

  if (encoder == NULL)
    {
      g_test_skip ("no vorbisenc");
      return;
    }
  x = make_loop (120, &n, kicks);
  wav = write_wav ("vorbis-source.wav", x, n, RATE, 1);
  ogg = encode_vorbis (wav, "loop.ogg");
  analysis = analyse_file (ogg);
  assert_beats_on_kicks (analysis, 120, kicks);
}

/* The demo theme (made by build-aux/generate-demo-assets.sh): 120 BPM with
 * a kick on every half second. */
static void
test_demo_theme (void)
{
  const char *datadir = g_getenv ("SHOTLINE_DATADIR");
  g_autofree char *path = g_build_filename (datadir ? datadir : SOURCE_DATADIR, "demo", "audio", "theme.ogg", NULL);
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  const gint64 *beats;
  gsize n_beats;
  guint on_kicks = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the demo theme is not there");
      return;
    }
  analysis = analyse_file (path);
  g_test_message ("tempo %.3f BPM", sl_audio_analysis_get_tempo (analysis));
  g_assert_cmpfloat_with_epsilon (sl_audio_analysis_get_tempo (analysis), 120, 1.2);
  /* The last bars fade out; the 26 kicks before must each have a beat. */
  beats = sl_audio_analysis_get_beats (analysis, &n_beats);
  for (gsize i = 0; i < n_beats; i++)
    {
      gint64 kick = llround ((double) beats[i] / to_ns (0.5)) * to_ns (0.5);

      if (kick < to_ns (13))
        {
          g_assert_cmpint (ABS (beats[i] - kick), <=, 20 * SL_MSECOND);
          on_kicks++;
        }
    }
  g_assert_cmpuint (on_kicks, ==, 26);
}

static void
test_peaks (void)
{
  gsize n = 100003;
  g_autofree float *x = g_new (float, n);
  g_autoptr(SlAudioBuffer) buffer = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  guint32 seed = 3;
  guint previous = 0;

  for (gsize i = 0; i < n; i++)
    x[i] = noise (&seed) * (float) (0.5 + 0.5 * sin (i / 3000.0));
  buffer = sl_audio_buffer_new (x, n, SL_AUDIO_ANALYSIS_RATE, 1);
  analysis = sl_audio_analysis_new (buffer, NULL, NULL);
  for (guint level = 0; level < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS; level++)
    {
      guint size;
      gsize n_buckets;
      const float *peaks = sl_audio_analysis_get_peaks (analysis, level, &size, &n_buckets);

      g_assert_cmpuint (size, >, previous);
      previous = size;
      g_assert_cmpuint (n_buckets, ==, (n + size - 1) / size);
      for (gsize b = 0; b < n_buckets; b++)
        {
          gboolean min_seen = FALSE, max_seen = FALSE;

          for (gsize i = b * size; i < MIN (n, (b + 1) * size); i++)
            {
              g_assert_cmpfloat (peaks[2 * b], <=, x[i]);
              g_assert_cmpfloat (peaks[2 * b + 1], >=, x[i]);
              min_seen |= peaks[2 * b] == x[i];
              max_seen |= peaks[2 * b + 1] == x[i];
            }
          g_assert_true (min_seen && max_seen);
        }
    }
}

static void
test_pulse (void)
{
  g_autoptr(GArray) kicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree float *x = NULL;
  g_autoptr(SlAudioBuffer) buffer = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  double on = 0, off = 0;
  gsize n;

  x = make_loop (120, &n, kicks);
  buffer = sl_audio_buffer_new (x, n, RATE, 1);
  analysis = sl_audio_analysis_new (buffer, NULL, NULL);
  for (guint i = 1; i + 1 < kicks->len; i++)
    {
      gint64 kick = to_ns (g_array_index (kicks, double, i));

      on += sl_audio_analysis_get_pulse (analysis, kick + 30 * SL_MSECOND);
      off += sl_audio_analysis_get_pulse (analysis, kick - 30 * SL_MSECOND);
    }
  g_test_message ("pulse after kicks %.3f, before %.3f", on / (kicks->len - 2), off / (kicks->len - 2));
  g_assert_cmpfloat (on, >, 1.5 * off);
  for (gint64 t = -SL_SECOND; t < 17 * SL_SECOND; t += 7 * SL_MSECOND)
    {
      double pulse = sl_audio_analysis_get_pulse (analysis, t);

      g_assert_cmpfloat (pulse, >=, 0);
      g_assert_cmpfloat (pulse, <=, 1);
    }
  g_assert_cmpfloat (sl_audio_analysis_get_pulse (analysis, 17 * SL_SECOND), ==, 0);
}

static void
assert_same (SlAudioAnalysis *a, SlAudioAnalysis *b)
{
  g_autoptr(GBytes) x = sl_audio_analysis_serialize (a);
  g_autoptr(GBytes) y = sl_audio_analysis_serialize (b);

  g_assert_true (g_bytes_equal (x, y));
}

static void
test_serialize (void)
{
  g_autoptr(GArray) kicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree float *x = NULL;
  g_autoptr(SlAudioBuffer) buffer = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;
  g_autoptr(SlAudioAnalysis) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize n, size;
  guint32 seed = 11;

  x = make_loop (120, &n, kicks);
  buffer = sl_audio_buffer_new (x, n / 4, RATE, 1);
  analysis = sl_audio_analysis_new (buffer, NULL, NULL);
  bytes = sl_audio_analysis_serialize (analysis);
  copy = sl_audio_analysis_deserialize (bytes, &error);
  g_assert_no_error (error);
  assert_same (analysis, copy);
  for (gint64 t = 0; t < SL_SECOND; t += 13 * SL_MSECOND)
    g_assert_cmpfloat (sl_audio_analysis_get_pulse (analysis, t), ==, sl_audio_analysis_get_pulse (copy, t));

  /* Cut short anywhere, or with any byte changed, it fails or reads a
   * consistent analysis; it never reads out of bounds. */
  data = g_bytes_get_data (bytes, &size);
  for (guint i = 0; i < 300; i++)
    {
      gsize cut = (gsize) ((noise (&seed) * 0.5 + 0.5) * size);
      g_autoptr(GBytes) part = g_bytes_new (data, MIN (cut, size - 1));
      g_autoptr(SlAudioAnalysis) broken = sl_audio_analysis_deserialize (part, &error);

      g_assert_null (broken);
      g_assert_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE);
      g_clear_error (&error);
    }
  for (guint i = 0; i < 300; i++)
    {
      g_autofree guint8 *changed = g_memdup2 (data, size);
      g_autoptr(GBytes) part = NULL;
      g_autoptr(SlAudioAnalysis) read = NULL;

      changed[(gsize) ((noise (&seed) * 0.5 + 0.5) * (size - 1))] ^= 1u << (i % 8);
      part = g_bytes_new_take (g_steal_pointer (&changed), size);
      read = sl_audio_analysis_deserialize (part, &error);
      g_assert_true ((read == NULL) == (error != NULL));
      g_clear_error (&error);
    }
}

static char *
only_file (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_assert_null (found);
      found = g_build_filename (dir, name, NULL);
    }
  g_assert_nonnull (found);
  return found;
}

static SlAudioAnalysis *
cached (SlAudioCache *cache, const char *path, gboolean expect_hit, double *seconds)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean hit = !expect_hit;
  SlAudioAnalysis *analysis = sl_audio_cache_analyze (cache, path, &hit, NULL, &error);

  *seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpint (hit, ==, expect_hit);
  return analysis;
}

static void
test_cache (void)
{
  g_autoptr(GArray) kicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = tmp_path ("cache");
  g_autofree float *x = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy_path = tmp_path ("cache-copy.wav");
  g_autofree char *contents = NULL;
  g_autofree char *file = NULL;
  g_autoptr(SlAudioCache) cache = sl_audio_cache_new (dir);
  g_autoptr(SlAudioAnalysis) first = NULL;
  g_autoptr(SlAudioAnalysis) second = NULL;
  g_autoptr(SlAudioAnalysis) copied = NULL;
  g_autoptr(SlAudioAnalysis) rebuilt = NULL;
  g_autoptr(SlAudioAnalysis) again = NULL;
  double miss_time, hit_time, seconds;
  gsize n, length;

  g_assert_cmpstr (sl_audio_cache_get_dir (cache), ==, dir);
  x = make_loop (90, &n, kicks);
  path = write_wav ("cache.wav", x, n / 4, RATE, 1);

  first = cached (cache, path, FALSE, &miss_time);
  second = cached (cache, path, TRUE, &hit_time);
  g_test_message ("analysed in %.3f s, read from the cache in %.3f s", miss_time, hit_time);
  assert_same (first, second);

  /* The same content under another name is the same entry. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy_path, contents, length, NULL));
  copied = cached (cache, copy_path, TRUE, &seconds);
  assert_same (first, copied);

  /* A damaged cache file is ignored and written again. */
  file = only_file (dir);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  contents[length / 2] ^= 0x40;
  g_assert_true (g_file_set_contents (file, contents, length, NULL));
  rebuilt = cached (cache, path, FALSE, &seconds);
  assert_same (first, rebuilt);
  again = cached (cache, path, TRUE, &seconds);
  assert_same (first, again);

  /* So is a truncated one. */
  g_assert_true (g_file_set_contents (file, contents, 20, NULL));
  g_clear_object (&again);
  again = cached (cache, path, FALSE, &seconds);
  assert_same (first, again);
}

typedef struct {
  SlAudioCache *cache;
  const char   *path;
  gint          misses;
} ThreadData;

static gpointer
analyse_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  gboolean hit = FALSE;
  SlAudioAnalysis *analysis = sl_audio_cache_analyze (data->cache, data->path, &hit, NULL, NULL);

  g_assert_nonnull (analysis);
  if (!hit)
    g_atomic_int_inc (&data->misses);
  return analysis;
}

static void
test_cache_threads (void)
{
  g_autofree char *dir = tmp_path ("cache-threads");
  g_autoptr(SlAudioCache) cache = sl_audio_cache_new (dir);
  g_autoptr(GArray) kicks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree float *x = NULL;
  g_autofree char *path = NULL;
  ThreadData data = { cache, NULL, 0 };
  GThread *threads[4];
  SlAudioAnalysis *results[G_N_ELEMENTS (threads)];
  gsize n;

  x = make_loop (140, &n, kicks);
  path = write_wav ("threads.wav", x, n / 4, RATE, 1);
  data.path = path;
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("analyse", analyse_in_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    results[i] = g_thread_join (threads[i]);
  g_assert_cmpint (data.misses, ==, 1);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    {
      assert_same (results[0], results[i]);
      g_object_unref (results[i]);
    }
  g_object_unref (results[0]);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int argc, char **argv)
{
  static const double bpm_90 = 90, bpm_120 = 120, bpm_140 = 140;
  int status;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("test-audio-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/audio/decode", test_decode);
  g_test_add_func ("/audio/decode-cancelled", test_decode_cancelled);
  g_test_add_func ("/audio/bad-files", test_bad_files);
  g_test_add_func ("/audio/clicks", test_clicks);
  g_test_add_func ("/audio/silence", test_silence);
  g_test_add_func ("/audio/empty", test_empty_buffer);
  g_test_add_data_func ("/audio/loop-120", &bpm_120, test_loop);
  g_test_add_data_func ("/audio/loop-90", &bpm_90, test_loop);
  g_test_add_data_func ("/audio/loop-140", &bpm_140, test_loop);
  g_test_add_func ("/audio/vorbis", test_vorbis);
  g_test_add_func ("/audio/demo-theme", test_demo_theme);
  g_test_add_func ("/audio/peaks", test_peaks);
  g_test_add_func ("/audio/pulse", test_pulse);
  g_test_add_func ("/audio/serialize", test_serialize);
  g_test_add_func ("/audio-cache/hit-and-rebuild", test_cache);
  g_test_add_func ("/audio-cache/threads", test_cache_threads);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  gst_deinit ();
  return status;
}
