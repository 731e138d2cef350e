/* test-audio-mixer.c: placement, gain, fades and the limiter of the mix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "media-util.h"
#include "sl-audio-mixer.h"

#define RATE SL_AUDIO_MIXER_RATE

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = media_util_make_dir ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  media_util_remove_tree (f->dir);
  g_free (f->dir);
}

/* A stereo file that is silent but for one sample (left 0.5, right -0.25). */
static void
write_impulse (Fixture *f, const char *name, gsize n_frames, gsize at)
{
  g_autofree float *samples = g_new0 (float, n_frames * 2);
  g_autofree char *path = NULL;

  samples[at * 2] = 0.5f;
  samples[at * 2 + 1] = -0.25f;
  path = media_util_write_wav (f->dir, name, RATE, 2, samples, n_frames);
}

static void
write_constant (Fixture *f, const char *name, gsize n_frames, float value)
{
  g_autofree float *samples = g_new (float, n_frames * 2);
  g_autofree char *path = NULL;

  for (gsize i = 0; i < n_frames * 2; i++)
    samples[i] = value;
  path = media_util_write_wav (f->dir, name, RATE, 2, samples, n_frames);
}

/* A project of one 2-second shot and the audio lines given. */
static SlAudioMixer *
mixer_for (Fixture *f, const char *audio_lines, GError **error)
{
  g_autofree char *text = g_strdup_printf ("project \"Mix\" 64x36 30fps\n%s\nshot \"A\" 2s\n", audio_lines);
  g_autofree char *path = media_util_write_text (f->dir, "mix.shots", text);
  g_autoptr(GError) load_error = NULL;
  g_autoptr(SlProject) project = sl_project_io_load (path, &load_error);

  g_assert_no_error (load_error);
  return sl_audio_mixer_new (project, NULL, error);
}

static float *
mix_all (SlAudioMixer *mixer, gsize n_frames)
{
  float *out = g_new (float, n_frames * 2);

  sl_audio_mixer_mix (mixer, 0, n_frames, out);
  return out;
}

static void
test_time_to_sample (void)
{
  g_assert_cmpint (sl_audio_mixer_time_to_sample (0), ==, 0);
  g_assert_cmpint (sl_audio_mixer_time_to_sample (SL_SECOND), ==, RATE);
  /* 12000.49997 and 12000.50002 samples: to the nearest. */
  g_assert_cmpint (sl_audio_mixer_time_to_sample (250010416), ==, 12000);
  g_assert_cmpint (sl_audio_mixer_time_to_sample (250010417), ==, 12001);
  /* 100 hours do not overflow. */
  g_assert_cmpint (sl_audio_mixer_time_to_sample (360000 * SL_SECOND), ==, (gint64) 360000 * RATE);
  g_assert_cmpint (sl_audio_mixer_sample_to_time (RATE / 2), ==, SL_SECOND / 2);
  g_assert_cmpint (sl_audio_mixer_sample_to_time (1), ==, 20833);
}

/* The impulse at file sample 12000, with the clip at 0.25 s (timeline
 * sample 12000) and its in-point at 0.125 s (file sample 6000), lands on
 * timeline sample 12000 + 12000 - 6000 and nowhere else. */
static void
test_placement (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioMixer) mixer = NULL;
  g_autofree float *out = NULL;

  write_impulse (f, "click.wav", RATE, 12000);
  mixer = mixer_for (f, "audio \"click.wav\" at 0.25s in 0.125s", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_audio_mixer_get_n_clips (mixer), ==, 1);
  out = mix_all (mixer, 2 * RATE);
  for (gsize i = 0; i < 2 * RATE; i++)
    {
      if (i == 18000)
        continue;
      if (out[i * 2] != 0.0f || out[i * 2 + 1] != 0.0f)
        g_error ("sample %" G_GSIZE_FORMAT " is %g, %g instead of silence", i, out[i * 2], out[i * 2 + 1]);
    }
  g_assert_cmpfloat (out[18000 * 2], ==, 0.5f);
  g_assert_cmpfloat (out[18000 * 2 + 1], ==, -0.25f);
}

/* A start half a sample past 12000 rounds up to 12001. */
static void
test_placement_rounding (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioMixer) mixer = NULL;
  g_autofree float *out = NULL;

  write_impulse (f, "click.wav", 100, 0);
  mixer = mixer_for (f, "audio \"click.wav\" at 0.250010417s", &error);
  g_assert_no_error (error);
  out = mix_all (mixer, RATE);
  g_assert_cmpfloat (out[12000 * 2], ==, 0.0f);
  g_assert_cmpfloat (out[12001 * 2], ==, 0.5f);
}

static void
test_gain_and_trim (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioMixer) mixer = NULL;
  g_autofree float *out = NULL;
  g_autofree float *trimmed = NULL;

  write_impulse (f, "click.wav", RATE, 6000);
  mixer = mixer_for (f, "audio \"click.wav\" at 0s gain -6dB", &error);
  g_assert_no_error (error);
  out = mix_all (mixer, RATE);
  g_assert_cmpfloat_with_epsilon (out[6000 * 2], 0.5 * pow (10, -6.0 / 20), 1e-6);
  g_assert_cmpfloat_with_epsilon (out[6000 * 2 + 1], -0.25 * pow (10, -6.0 / 20), 1e-6);
  g_clear_object (&mixer);

  /* 0.1 s = 4800 samples are played: the impulse at 6000 is cut off. */
  mixer = mixer_for (f, "audio \"click.wav\" at 0s for 0.1s", &error);
  g_assert_no_error (error);
  trimmed = mix_all (mixer, RATE);
  for (gsize i = 0; i < RATE * 2; i++)
    g_assert_cmpfloat (trimmed[i], ==, 0.0f);
}

static void
test_fades (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioMixer) mixer = NULL;
  g_autofree float *out = NULL;
  const gsize fade = RATE / 10;

  write_constant (f, "dc.wav", RATE, 0.5f);
  mixer = mixer_for (f, "audio \"dc.wav\" at 0s fade in 0.1s fade out 0.1s", &error);
  g_assert_no_error (error);
  out = mix_all (mixer, 2 * RATE);
  for (gsize j = 0; j < fade; j++)
    {
      g_assert_cmpfloat_with_epsilon (out[j * 2], 0.5 * j / fade, 1e-6);
      g_assert_cmpfloat_with_epsilon (out[(RATE - 1 - j) * 2], 0.5 * j / fade, 1e-6);
    }
  for (gsize j = fade; j < RATE - fade; j++)
    g_assert_cmpfloat (out[j * 2 + 1], ==, 0.5f);
  for (gsize j = RATE; j < 2 * RATE; j++)
    g_assert_cmpfloat (out[j * 2], ==, 0.0f);
}

/* Two clips of 0.8 overlap from 0.5 s to 1 s: the sum would be 1.6. */
static SlAudioMixer *
overlapping_mixer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SlAudioMixer *mixer;

  write_constant (f, "dc.wav", RATE, 0.8f);
  mixer = mixer_for (f, "audio \"dc.wav\" at 0s\naudio \"dc.wav\" at 0.5s", &error);
  g_assert_no_error (error);
  return mixer;
}

static void
test_limiter (Fixture *f, gconstpointer data)
{
  g_autoptr(SlAudioMixer) mixer = overlapping_mixer (f);
  g_autofree float *out = mix_all (mixer, 2 * RATE);
  const gsize overlap_start = RATE / 2, overlap_end = RATE;
  const gsize quiet_before = overlap_start - RATE / 100;     /* 10 ms > the attack */
  const gsize quiet_after = overlap_end + RATE / 10;         /* 100 ms > the release */
  double largest_step = 0.0, previous_gain = 1.0;

  for (gsize i = 0; i < 2 * RATE * 2; i++)
    g_assert_cmpfloat (fabsf (out[i]), <=, 1.0f);
  /* Untouched where the sum is within full scale... */
  for (gsize i = 0; i < quiet_before; i++)
    g_assert_cmpfloat (out[i * 2], ==, 0.8f);
  for (gsize i = quiet_after; i < 3 * RATE / 2; i++)
    g_assert_cmpfloat (out[i * 2], ==, 0.8f);
  /* ...at full scale inside the overlap... */
  g_assert_cmpfloat_with_epsilon (out[(overlap_start + RATE / 4) * 2], 1.0f, 1e-5);
  /* ...and the gain glides, without steps of its own. */
  for (gsize i = 0; i < 3 * RATE / 2; i++)
    {
      double raw = i >= overlap_start && i < overlap_end ? 1.6 : 0.8;
      double gain = out[i * 2] / raw;

      largest_step = MAX (largest_step, fabs (gain - previous_gain));
      previous_gain = gain;
    }
  g_assert_cmpfloat (largest_step, <, 0.01);
}

/* The mix of a range does not depend on how it is cut into calls. */
static void
test_chunks (Fixture *f, gconstpointer data)
{
  g_autoptr(SlAudioMixer) mixer = overlapping_mixer (f);
  g_autofree float *whole = mix_all (mixer, 2 * RATE);
  g_autofree float *pieces = g_new (float, 2 * RATE * 2);
  gsize at = 0, step = 1;

  while (at < 2 * RATE)
    {
      gsize n = MIN (step, 2 * RATE - at);

      sl_audio_mixer_mix (mixer, at, n, pieces + at * 2);
      at += n;
      step = step * 3 + 7;
    }
  g_assert_cmpmem (whole, 2 * RATE * 2 * sizeof (float), pieces, 2 * RATE * 2 * sizeof (float));
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioMixer) mixer = mixer_for (f, "audio \"no-such-sound.wav\" at 0s", &error);

  g_assert_null (mixer);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-sound.wav"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audio-mixer/time-to-sample", test_time_to_sample);
  g_test_add ("/audio-mixer/placement", Fixture, NULL, fixture_set_up, test_placement, fixture_tear_down);
  g_test_add ("/audio-mixer/placement-rounding", Fixture, NULL, fixture_set_up, test_placement_rounding, fixture_tear_down);
  g_test_add ("/audio-mixer/gain-and-trim", Fixture, NULL, fixture_set_up, test_gain_and_trim, fixture_tear_down);
  g_test_add ("/audio-mixer/fades", Fixture, NULL, fixture_set_up, test_fades, fixture_tear_down);
  g_test_add ("/audio-mixer/limiter", Fixture, NULL, fixture_set_up, test_limiter, fixture_tear_down);
  g_test_add ("/audio-mixer/chunks", Fixture, NULL, fixture_set_up, test_chunks, fixture_tear_down);
  g_test_add ("/audio-mixer/missing-file", Fixture, NULL, fixture_set_up, test_missing_file, fixture_tear_down);
  return g_test_run ();
}
