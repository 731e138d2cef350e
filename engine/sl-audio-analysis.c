/* sl-audio-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-audio-analysis"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sl-audio-analysis.h"
#include "sl-engine-error.h"
#include "sl-types.h"

#define MIN_RATE 8000
#define MAX_RATE 192000
/* Far beyond any song, small enough that counts stay sane in a cache file. */
#define MAX_SAMPLES ((guint64) MAX_RATE * 60 * 60 * 24)

#define ENVELOPE_HOP_SECONDS 0.010
/* The STFT window: 1024 samples at 22050 Hz, 2048 at 44100 Hz. The hop is a
 * quarter of it (11.6 ms), fine enough for onsets, coarse enough for speed. */
#define WINDOW_SECONDS 0.0464
#define HOPS_PER_WINDOW 4
/* Log magnitude log (1 + gain * amplitude): the knee sits at -40 dBFS, so a
 * quiet hit counts nearly as much as a loud one. */
#define LOG_GAIN 100.0
/* Bins are pooled into bands a sixth of an octave wide, so that the few bins
 * of a kick drum weigh as much as the hundreds of a cymbal. */
#define BANDS_PER_OCTAVE 6
#define LOWEST_BAND_HZ 40.0
/* Quieter than this everywhere, the audio counts as silence. */
#define SILENCE_AMPLITUDE 1e-4
#define SILENCE_DB -100.0

/* Peak picking: a peak is the largest value within ±PEAK_SECONDS and rises
 * above the mean within ±MEAN_SECONDS plus MAD_FACTOR local median absolute
 * deviations (within ±MAD_SECONDS) plus DELTA. */
#define PEAK_SECONDS 0.030
#define MEAN_SECONDS 0.100
#define MAD_SECONDS 1.0
#define MAD_FACTOR 1.5
#define DELTA 0.05
#define MIN_GAP_SECONDS 0.050
/* An onset's time is refined on the waveform, in blocks of half a
 * millisecond against the 10 ms before them. */
#define REFINE_BLOCK_SECONDS 0.0005
#define REFINE_HISTORY_BLOCKS 20
#define REFINE_RANGE_DB 20.0

/* Tempo: autocorrelation over 60–200 BPM weighted by a log-normal prior of
 * one octave around 120 BPM. */
#define MIN_BPM 60.0
#define MAX_BPM 200.0
#define PRIOR_BPM 120.0
#define PRIOR_OCTAVES 1.0
#define MIN_ONSETS_FOR_TEMPO 4
/* Below this share of the energy at lag 0 the periodicity is noise. */
#define MIN_PERIODICITY 0.1
#define TEMPO_HARMONICS 4
/* Off-beats this strong against the beats make the off-beats beats too. */
#define EVEN_PULSE 0.8

/* Beat tracking after Ellis (2007): how hard the tracker holds the tempo. */
#define TIGHTNESS 100.0

/* The pulse: loudness over the top 48 dB, released over 200 ms, times an
 * accent that decays over 100 ms. */
#define PULSE_RANGE_DB 48.0
#define PULSE_FLOOR_DB -80.0
#define PULSE_RELEASE_SECONDS 0.2
#define PULSE_ACCENT_SECONDS 0.1

static const guint peak_sizes[SL_AUDIO_ANALYSIS_N_PEAK_LEVELS] = { 64, 256, 1024, 4096 };

typedef struct {
  guint  samples_per_bucket;
  gsize  n_buckets;
  float *values;                  /* (min, max) pairs */
} PeakLevel;

struct _SlAudioAnalysis
{
  GObject   parent_instance;
  guint     rate;
  guint64   n_samples;
  double    tempo;
  gint64   *beats;
  gsize     n_beats;
  gint64   *onsets;
  gsize     n_onsets;
  guint     envelope_hop;
  float    *envelope;
  gsize     n_envelope;
  guint     strength_hop;
  float    *strength;
  gsize     n_strength;
  PeakLevel levels[SL_AUDIO_ANALYSIS_N_PEAK_LEVELS];
  float    *pulse;                /* one per envelope value */
};

G_DEFINE_FINAL_TYPE (SlAudioAnalysis, sl_audio_analysis, G_TYPE_OBJECT)

static void
sl_audio_analysis_finalize (GObject *object)
{
  SlAudioAnalysis *self = SL_AUDIO_ANALYSIS (object);

  g_free (self->beats);
  g_free (self->onsets);
  g_free (self->envelope);
  g_free (self->strength);
  g_free (self->pulse);
  for (guint i = 0; i < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS; i++)
    g_free (self->levels[i].values);
  G_OBJECT_CLASS (sl_audio_analysis_parent_class)->finalize (object);
}

static void
sl_audio_analysis_class_init (SlAudioAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_audio_analysis_finalize;
}

static void
sl_audio_analysis_init (SlAudioAnalysis *self)
{
}

/* The parameters that follow from the rate; deserialising checks the stored
 * ones against them. */
static guint
envelope_hop_for_rate (guint rate)
{
  return (guint) lround (rate * ENVELOPE_HOP_SECONDS);
}

static guint
window_for_rate (guint rate)
{
  return 1u << (guint) lround (log2 (rate * WINDOW_SECONDS));
}

static gint64
samples_to_time (double samples, guint rate)
{
  return (gint64) llround (samples * SL_SECOND / rate);
}

static gsize
ceil_div (guint64 a, guint b)
{
  return (gsize) ((a + b - 1) / b);
}

/* ---- The real FFT -------------------------------------------------------- */

/* A radix-2 FFT of n real points, done as a complex FFT of n / 2 points on
 * the even and odd samples, then split into the n / 2 + 1 bins. */
typedef struct {
  guint   n;
  guint   m;                      /* n / 2 */
  guint  *bitrev;                 /* m */
  double *cos_m;                  /* m / 2: e^(-2πik/m) of the complex FFT */
  double *sin_m;
  double *cos_n;                  /* m: e^(-2πik/n) of the split */
  double *sin_n;
  double *re;                     /* m, work */
  double *im;
} Fft;

static void
fft_free (Fft *fft)
{
  g_free (fft->bitrev);
  g_free (fft->cos_m);
  g_free (fft->sin_m);
  g_free (fft->cos_n);
  g_free (fft->sin_n);
  g_free (fft->re);
  g_free (fft->im);
  g_free (fft);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fft, fft_free)

static Fft *
fft_new (guint n)
{
  Fft *fft = g_new0 (Fft, 1);
  guint bits = 0;

  g_assert (n >= 4 && (n & (n - 1)) == 0);
  fft->n = n;
  fft->m = n / 2;
  while ((1u << bits) < fft->m)
    bits++;
  fft->bitrev = g_new (guint, fft->m);
  for (guint i = 0; i < fft->m; i++)
    {
      guint r = 0;

      for (guint b = 0; b < bits; b++)
        r |= ((i >> b) & 1) << (bits - 1 - b);
      fft->bitrev[i] = r;
    }
  fft->cos_m = g_new (double, fft->m / 2);
  fft->sin_m = g_new (double, fft->m / 2);
  for (guint k = 0; k < fft->m / 2; k++)
    {
      fft->cos_m[k] = cos (2 * G_PI * k / fft->m);
      fft->sin_m[k] = sin (2 * G_PI * k / fft->m);
    }
  fft->cos_n = g_new (double, fft->m);
  fft->sin_n = g_new (double, fft->m);
  for (guint k = 0; k < fft->m; k++)
    {
      fft->cos_n[k] = cos (2 * G_PI * k / n);
      fft->sin_n[k] = sin (2 * G_PI * k / n);
    }
  fft->re = g_new (double, fft->m);
  fft->im = g_new (double, fft->m);
  return fft;
}

/* In place on re/im: bit-reversed order, then log2 (m) butterfly passes. */
static void
fft_complex (Fft *fft)
{
  double *re = fft->re;
  double *im = fft->im;
  guint m = fft->m;

  for (guint i = 0; i < m; i++)
    {
      guint j = fft->bitrev[i];

      if (j > i)
        {
          double t = re[i]; re[i] = re[j]; re[j] = t;
          t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
  for (guint len = 2; len <= m; len <<= 1)
    {
      guint half = len / 2;
      guint step = m / len;

      for (guint i = 0; i < m; i += len)
        for (guint j = 0; j < half; j++)
          {
            double wr = fft->cos_m[j * step];
            double wi = -fft->sin_m[j * step];
            guint a = i + j;
            guint b = a + half;
            double vr = re[b] * wr - im[b] * wi;
            double vi = re[b] * wi + im[b] * wr;

            re[b] = re[a] - vr;
            im[b] = im[a] - vi;
            re[a] += vr;
            im[a] += vi;
          }
    }
}

/* |X[k]| for k = 0 … n / 2 of the n real samples @in. */
static void
fft_magnitude (Fft *fft, const double *in, double *magnitude)
{
  guint m = fft->m;

  for (guint k = 0; k < m; k++)
    {
      fft->re[k] = in[2 * k];
      fft->im[k] = in[2 * k + 1];
    }
  fft_complex (fft);
  magnitude[0] = fabs (fft->re[0] + fft->im[0]);
  magnitude[m] = fabs (fft->re[0] - fft->im[0]);
  for (guint k = 1; k < m; k++)
    {
      /* Z[k] and conj (Z[m - k]) give the spectra of the even (e) and odd
       * (o) samples; X[k] = E[k] + e^(-2πik/n) O[k]. */
      double ar = fft->re[k], ai = fft->im[k];
      double br = fft->re[m - k], bi = fft->im[m - k];
      double er = (ar + br) / 2, ei = (ai - bi) / 2;
      double odd_r = (ai + bi) / 2, odd_i = (br - ar) / 2;
      double c = fft->cos_n[k], s = fft->sin_n[k];

      magnitude[k] = hypot (er + c * odd_r + s * odd_i, ei + c * odd_i - s * odd_r);
    }
}

/* ---- Envelope and peaks -------------------------------------------------- */

static float *
compute_envelope (const float *x, gsize n, guint hop, gsize *n_values)
{
  gsize count = ceil_div (n, hop);
  float *envelope = g_new (float, MAX (count, 1));

  for (gsize i = 0; i < count; i++)
    {
      gsize end = MIN (n, (i + 1) * hop);
      double sum = 0;

      for (gsize j = i * hop; j < end; j++)
        sum += (double) x[j] * x[j];
      envelope[i] = (float) MAX (SILENCE_DB, 10 * log10 (sum / (end - i * hop) + 1e-30));
    }
  *n_values = count;
  return envelope;
}

static void
compute_peaks (SlAudioAnalysis *self, const float *x, gsize n)
{
  for (guint level = 0; level < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS; level++)
    {
      PeakLevel *peaks = &self->levels[level];
      /* Each level is 4 buckets of the one below; the finest reads samples. */
      guint ratio = level == 0 ? peak_sizes[0] : peak_sizes[level] / peak_sizes[level - 1];
      const float *source = level == 0 ? x : self->levels[level - 1].values;
      gsize n_source = level == 0 ? n : self->levels[level - 1].n_buckets;
      guint stride = level == 0 ? 1 : 2;

      peaks->samples_per_bucket = peak_sizes[level];
      peaks->n_buckets = ceil_div (n, peak_sizes[level]);
      peaks->values = g_new (float, MAX (2 * peaks->n_buckets, 1));
      for (gsize b = 0; b < peaks->n_buckets; b++)
        {
          gsize end = MIN (n_source, (b + 1) * ratio);
          float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;

          for (gsize i = b * ratio; i < end; i++)
            {
              lo = MIN (lo, source[i * stride]);
              hi = MAX (hi, source[i * stride + stride - 1]);
            }
          peaks->values[2 * b] = lo;
          peaks->values[2 * b + 1] = hi;
        }
    }
}

/* ---- Onset strength ------------------------------------------------------ */

/* Bin ranges [lo, hi) of bands a sixth of an octave wide from 40 Hz up,
 * at least one bin each. */
static GArray *
make_bands (guint n, guint rate)
{
  GArray *bands = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint last = n / 2 + 1;
  guint start = MAX (1, (guint) ceil (LOWEST_BAND_HZ * n / rate));
  double f = LOWEST_BAND_HZ;

  while (start < last)
    {
      guint range[2];

      f *= exp2 (1.0 / BANDS_PER_OCTAVE);
      range[0] = start;
      range[1] = MIN (last, MAX (start + 1, (guint) ceil (f * n / rate)));
      g_array_append_val (bands, range);
      start = range[1];
    }
  return bands;
}

static void
band_levels (const double *magnitude, GArray *bands, double scale, double *levels)
{
  for (guint b = 0; b < bands->len; b++)
    {
      const guint *range = &g_array_index (bands, guint, 2 * b);
      double sum = 0;

      for (guint k = range[0]; k < range[1]; k++)
        sum += magnitude[k];
      levels[b] = log1p (LOG_GAIN * scale * sum / (range[1] - range[0]));
    }
}

/* Spectral flux: per frame, the mean over the bands of the rise in log
 * magnitude since the frame before (falls count as nothing), normalised to
 * a peak of 1. Frame t is centred on sample t * hop; before the start is
 * silence, so sound from the first sample is an onset. Frames that reach
 * past the end stay 0. */
static float *
compute_strength (const float *x, gsize n, guint rate, guint window, guint hop,
                  gsize *n_frames, GCancellable *cancellable, GError **error)
{
  g_autoptr(Fft) fft = fft_new (window);
  g_autoptr(GArray) bands = make_bands (window, rate);
  g_autofree double *hann = g_new (double, window);
  g_autofree double *frame = g_new (double, window);
  g_autofree double *magnitude = g_new (double, window / 2 + 1);
  g_autofree double *previous = g_new0 (double, bands->len);
  g_autofree double *current = g_new (double, bands->len);
  g_autofree float *strength = NULL;
  gsize count = n / hop + 1;
  float peak = 0, input_peak = 0;
  /* A full-scale sine reads as amplitude 1. */
  double scale = 4.0 / window;

  for (gsize i = 0; i < n; i++)
    input_peak = MAX (input_peak, fabsf (x[i]));
  for (guint i = 0; i < window; i++)
    hann[i] = 0.5 - 0.5 * cos (2 * G_PI * i / window);
  strength = g_new0 (float, count);
  *n_frames = count;
  if (input_peak < SILENCE_AMPLITUDE)
    return g_steal_pointer (&strength);

  for (gsize t = 0; t < count; t++)
    {
      gint64 first = (gint64) (t * hop) - window / 2;
      double flux = 0;

      if (t % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (guint i = 0; i < window; i++)
        {
          gint64 s = first + i;

          frame[i] = s >= 0 && (guint64) s < n ? x[s] * hann[i] : 0.0;
        }
      fft_magnitude (fft, frame, magnitude);
      band_levels (magnitude, bands, scale, current);
      for (guint b = 0; b < bands->len; b++)
        flux += MAX (0.0, current[b] - previous[b]);
      /* Sound cut off by the end of the file splatters over every band; an
       * end is not an onset. */
      if (first + window <= (gint64) n)
        strength[t] = (float) (flux / bands->len);
      peak = MAX (peak, strength[t]);
      memcpy (previous, current, bands->len * sizeof (double));
    }
  for (gsize t = 0; peak > 0 && t < count; t++)
    strength[t] /= peak;
  return g_steal_pointer (&strength);
}

/* ---- Onsets -------------------------------------------------------------- */

typedef struct {
  gsize  frame;
  float  strength;
  gint64 time;
} Onset;

static int
compare_floats (const void *a, const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x > y) - (x < y);
}

static float
median (float *values, gsize n)
{
  qsort (values, n, sizeof (float), compare_floats);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The median absolute deviation of @s over [lo, hi); @scratch holds it. */
static float
local_mad (const float *s, gsize lo, gsize hi, float *scratch)
{
  gsize n = hi - lo;
  float mid;

  memcpy (scratch, s + lo, n * sizeof (float));
  mid = median (scratch, n);
  for (gsize i = 0; i < n; i++)
    scratch[i] = fabsf (s[lo + i] - mid);
  return median (scratch, n);
}

static gboolean
is_local_max (const float *s, gsize n, gsize t, gsize radius)
{
  gsize lo = t > radius ? t - radius : 0;
  gsize hi = MIN (n, t + radius + 1);

  for (gsize j = lo; j < hi; j++)
    if (s[j] > s[t] || (s[j] == s[t] && j < t))
      return FALSE;
  return TRUE;
}

static gboolean
above_threshold (const float *s, gsize n, gsize t, gsize mean_radius, gsize mad_radius, float *scratch)
{
  gsize lo = t > mean_radius ? t - mean_radius : 0;
  gsize hi = MIN (n, t + mean_radius + 1);
  double mean = 0;

  for (gsize j = lo; j < hi; j++)
    mean += s[j];
  mean /= hi - lo;
  lo = t > mad_radius ? t - mad_radius : 0;
  hi = MIN (n, t + mad_radius + 1);
  return s[t] >= mean + MAD_FACTOR * local_mad (s, lo, hi, scratch) + DELTA;
}

/* Peaks of the onset strength above the adaptive threshold; of two closer
 * than the minimum gap the stronger stays. */
static GArray *
pick_peaks (const float *s, gsize n, double frames_per_second)
{
  GArray *peaks = g_array_new (FALSE, FALSE, sizeof (Onset));
  gsize peak_radius = MAX (1, lround (PEAK_SECONDS * frames_per_second));
  gsize mean_radius = lround (MEAN_SECONDS * frames_per_second);
  gsize mad_radius = lround (MAD_SECONDS * frames_per_second);
  gsize gap = lround (MIN_GAP_SECONDS * frames_per_second);
  g_autofree float *scratch = g_new (float, 2 * mad_radius + 1);

  for (gsize t = 0; t < n; t++)
    {
      Onset onset = { t, s[t], 0 };
      Onset *last = peaks->len ? &g_array_index (peaks, Onset, peaks->len - 1) : NULL;

      if (s[t] <= DELTA || !is_local_max (s, n, t, peak_radius)
          || !above_threshold (s, n, t, mean_radius, mad_radius, scratch))
        continue;
      if (last != NULL && t - last->frame < gap)
        {
          if (onset.strength > last->strength)
            *last = onset;
          continue;
        }
      g_array_append_val (peaks, onset);
    }
  return peaks;
}

/* The level of a block in dB; @emphasis takes the first difference, which
 * lifts a hi-hat or a click out from under a bass line. */
static double
block_level (const float *x, gsize n, gint64 start, guint block, gboolean emphasis)
{
  double sum = 0;

  if (start < 0 || (guint64) start >= n)
    return SILENCE_DB;
  for (gsize i = start; i < MIN (n, (gsize) start + block); i++)
    {
      double v = emphasis ? x[i] - (i > 0 ? x[i - 1] : 0.0f) : x[i];

      sum += v * v;
    }
  return MAX (SILENCE_DB, 10 * log10 (sum / block + 1e-30));
}

/* For each block from @first (REFINE_HISTORY_BLOCKS of history, then the
 * blocks to judge), how far its level rises above the mean of the history
 * before it; -G_MAXDOUBLE for blocks more than REFINE_RANGE_DB below the
 * loudest judged block, which are decay or noise. */
static void
block_rises (const float *x, gsize n, gint64 first, guint block, gsize total,
             gboolean emphasis, double *rise)
{
  g_autofree double *level = g_new (double, total);
  double loudest = SILENCE_DB;

  for (gsize j = 0; j < total; j++)
    level[j] = block_level (x, n, first + (gint64) j * block, block, emphasis);
  for (gsize j = REFINE_HISTORY_BLOCKS; j < total; j++)
    loudest = MAX (loudest, level[j]);
  for (gsize j = REFINE_HISTORY_BLOCKS; j < total; j++)
    {
      double before = 0;

      for (gsize i = j - REFINE_HISTORY_BLOCKS; i < j; i++)
        before += level[i];
      rise[j] = level[j] < loudest - REFINE_RANGE_DB ? -G_MAXDOUBLE
                                                    : level[j] - before / REFINE_HISTORY_BLOCKS;
    }
}

/* The STFT places an onset only to within a window; the waveform places it
 * to half a millisecond: the block in the window whose level rises most
 * above the 10 ms before it, in the signal or in its first difference. */
static gint64
refine_onset (const float *x, gsize n, guint rate, gint64 centre, guint window)
{
  guint block = MAX (1, (guint) lround (rate * REFINE_BLOCK_SECONDS));
  gint64 start = MAX (0, centre - (gint64) window / 2);
  gint64 first = start - (gint64) REFINE_HISTORY_BLOCKS * block;
  gsize total = window / block + 1 + REFINE_HISTORY_BLOCKS;
  g_autofree double *plain = g_new (double, total);
  g_autofree double *emphasised = g_new (double, total);
  double best_rise = -G_MAXDOUBLE;
  gint64 best = centre;

  block_rises (x, n, first, block, total, FALSE, plain);
  block_rises (x, n, first, block, total, TRUE, emphasised);
  for (gsize j = REFINE_HISTORY_BLOCKS; j < total; j++)
    {
      double rise = MAX (plain[j], emphasised[j]);

      if (rise > best_rise)
        {
          best_rise = rise;
          best = first + (gint64) j * block;
        }
    }
  return MIN (best, (gint64) n);
}

static GArray *
detect_onsets (const float *x, gsize n, guint rate, const float *strength, gsize n_frames,
               guint window, guint hop)
{
  GArray *onsets = pick_peaks (strength, n_frames, (double) rate / hop);
  gint64 gap = samples_to_time (MIN_GAP_SECONDS * rate, rate);
  guint kept = 0;

  for (guint i = 0; i < onsets->len; i++)
    {
      Onset onset = g_array_index (onsets, Onset, i);

      onset.time = samples_to_time (refine_onset (x, n, rate, (gint64) (onset.frame * hop), window), rate);
      /* Refining may bring two onsets together; the earlier stays. */
      if (kept > 0 && onset.time < g_array_index (onsets, Onset, kept - 1).time + gap)
        continue;
      g_array_index (onsets, Onset, kept++) = onset;
    }
  g_array_set_size (onsets, kept);
  return onsets;
}

/* ---- Tempo --------------------------------------------------------------- */

/* The vertex of the parabola through acf[i - 1], acf[i], acf[i + 1]. */
static double
parabolic_peak (const double *acf, gsize n, gsize i)
{
  double a, b, c, den;

  if (i == 0 || i + 1 >= n)
    return i;
  a = acf[i - 1];
  b = acf[i];
  c = acf[i + 1];
  den = a - 2 * b + c;
  if (den >= 0)
    return i;
  return i + CLAMP (0.5 * (a - c) / den, -0.5, 0.5);
}

static double
tempo_prior (double bpm)
{
  double octaves = log2 (bpm / PRIOR_BPM) / PRIOR_OCTAVES;

  return exp (-0.5 * octaves * octaves);
}

/* The autocorrelation of the onset strength, smoothed and mean-removed,
 * each lag divided by the number of products it sums. Peaks one frame wide
 * would split a period that falls between two lags into two halves; the
 * smoothing (a Gaussian of one frame) keeps them whole. */
static double *
autocorrelate (const float *s, gsize n, gsize n_lags)
{
  static const double kernel[] = { 0.0044, 0.054, 0.242, 0.399, 0.242, 0.054, 0.0044 };
  gssize radius = G_N_ELEMENTS (kernel) / 2;
  double *acf = g_new0 (double, n_lags);
  g_autofree double *smooth = g_new0 (double, n);
  double mean = 0;

  for (gsize t = 0; t < n; t++)
    {
      for (gssize j = -radius; j <= radius; j++)
        if ((gssize) t + j >= 0 && (gsize) ((gssize) t + j) < n)
          smooth[t] += kernel[j + radius] * s[t + j];
      mean += smooth[t];
    }
  mean /= n;
  for (gsize t = 0; t < n; t++)
    smooth[t] -= mean;
  for (gsize lag = 0; lag < n_lags; lag++)
    {
      double sum = 0;

      for (gsize t = 0; t + lag < n; t++)
        sum += smooth[t] * smooth[t + lag];
      acf[lag] = sum / (n - lag);
    }
  return acf;
}

/* The period from the peaks near 1, 2 … TEMPO_HARMONICS times @lag: their
 * least-squares slope, so that the error of each shrinks by its multiple. */
static double
refine_period (const double *acf, gsize n_lags, gsize lag)
{
  double num = 0, den = 0;

  for (guint k = 1; k <= TEMPO_HARMONICS; k++)
    {
      gsize centre = k * lag, best = centre;

      if (centre + 2 >= n_lags)
        break;
      for (gsize j = centre - 1; j <= centre + 1; j++)
        if (acf[j] > acf[best])
          best = j;
      if (acf[best] <= 0 || acf[best] < acf[best - 1] || acf[best] < acf[best + 1])
        break;
      num += k * parabolic_peak (acf, n_lags, best);
      den += (double) k * k;
    }
  return den > 0 ? num / den : lag;
}

/* The onset strength near frame @at (the largest within a frame). */
static float
strength_near (const float *s, gsize n, double at)
{
  gssize i = (gssize) lround (at);
  float best = 0;

  for (gssize j = MAX (0, i - 1); j <= i + 1 && (gsize) j < n; j++)
    best = MAX (best, s[j]);
  return best;
}

/* For a grid of @period frames at the phase where it meets the most onset
 * strength: the mean strength on the grid and halfway between its lines. */
static void
grid_accents (const float *s, gsize n, double period, double *on, double *between)
{
  *on = *between = 0;
  for (double phase = 0; phase < period; phase += 1)
    {
      double sum_on = 0, sum_between = 0;
      guint count = 0;

      for (double at = phase; at + period / 2 < n; at += period, count++)
        {
          sum_on += strength_near (s, n, at);
          sum_between += strength_near (s, n, at + period / 2);
        }
      if (count > 0 && sum_on / count > *on)
        {
          *on = sum_on / count;
          *between = sum_between / count;
        }
    }
}

/* Beats per minute, or 0 when nothing repeats. The score of a lag is its
 * autocorrelation plus half that of twice the lag (a true period repeats
 * there too, a half period does not), times the prior. Where the prior
 * chose the slower of two octaves, a grid whose in-between lines carry
 * nearly as much as its own lines is a half-tempo reading of an even pulse:
 * the faster octave is meant. */
static double
estimate_tempo (const float *s, gsize n, double frames_per_second, guint n_onsets)
{
  gsize lag_min = (gsize) floor (60 * frames_per_second / MAX_BPM);
  gsize lag_max = (gsize) ceil (60 * frames_per_second / MIN_BPM);
  gsize n_lags = MIN (n / 2, TEMPO_HARMONICS * lag_max + 2);
  g_autofree double *acf = NULL;
  double best_score = 0, period, bpm;
  gsize best = 0;

  if (n_onsets < MIN_ONSETS_FOR_TEMPO || n_lags < 2 * lag_max + 2)
    return 0;
  acf = autocorrelate (s, n, n_lags);
  if (acf[0] <= 0)
    return 0;
  for (gsize lag = lag_min; lag <= lag_max; lag++)
    {
      double score = tempo_prior (60 * frames_per_second / lag) * (acf[lag] + 0.5 * acf[2 * lag]);

      if (score > best_score)
        {
          best_score = score;
          best = lag;
        }
    }
  if (best == 0 || acf[best] < MIN_PERIODICITY * acf[0])
    return 0;
  period = refine_period (acf, n_lags, best);
  if (period / 2 >= lag_min)
    {
      double on, between;

      grid_accents (s, n, period, &on, &between);
      if (between >= EVEN_PULSE * on)
        period /= 2;
    }
  bpm = 60 * frames_per_second / period;
  return CLAMP (bpm, MIN_BPM, MAX_BPM);
}

/* ---- Beats --------------------------------------------------------------- */

/* The onset strength over its standard deviation, smoothed by a Gaussian a
 * 32nd of a beat wide: what a beat at each frame would earn. */
static double *
beat_local_score (const float *s, gsize n, double period)
{
  double *score = g_new0 (double, n);
  gssize radius = (gssize) ceil (period);
  double sigma = period / 32, mean = 0, var = 0;
  g_autofree double *kernel = g_new (double, 2 * radius + 1);

  for (gsize t = 0; t < n; t++)
    mean += s[t];
  mean /= n;
  for (gsize t = 0; t < n; t++)
    var += (s[t] - mean) * (s[t] - mean);
  if (var <= 0)
    return score;
  for (gssize j = -radius; j <= radius; j++)
    kernel[j + radius] = exp (-0.5 * (j / sigma) * (j / sigma));
  for (gsize t = 0; t < n; t++)
    {
      double sum = 0;

      for (gssize j = -radius; j <= radius; j++)
        if ((gssize) t + j >= 0 && (gsize) ((gssize) t + j) < n)
          sum += kernel[j + radius] * s[t + j];
      score[t] = sum / sqrt (var / n);
    }
  return score;
}

/* The last beat: the last local maximum of the cumulative score that reaches
 * half the median of all of them. */
static gssize
last_beat (const double *cumulative, gsize n)
{
  g_autoptr(GArray) maxima = g_array_new (FALSE, FALSE, sizeof (float));
  gssize last = -1;
  float mid;

  for (gsize t = 1; t + 1 < n; t++)
    if (cumulative[t] > cumulative[t - 1] && cumulative[t] >= cumulative[t + 1])
      {
        float value = (float) cumulative[t];
        g_array_append_val (maxima, value);
      }
  if (maxima->len == 0)
    return -1;
  mid = median ((float *) maxima->data, maxima->len);
  for (gsize t = 1; t + 1 < n; t++)
    if (cumulative[t] > cumulative[t - 1] && cumulative[t] >= cumulative[t + 1] && cumulative[t] >= 0.5 * mid)
      last = t;
  return last;
}

/* Dynamic programming after Ellis (2007): each frame's best score is its
 * local score plus the best of the earlier frames half a period to two
 * periods back, less a penalty on the log of how far the interval is from
 * the period. The beats are the chain that ends at the last strong frame. */
static GArray *
track_frames (const double *local, gsize n, double period)
{
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize lag_min = MAX (1, (gsize) lround (period / 2));
  gsize lag_max = MAX (lag_min, (gsize) lround (2 * period));
  g_autofree double *cumulative = g_new (double, n);
  g_autofree gssize *back = g_new (gssize, n);
  g_autofree double *penalty = g_new (double, lag_max + 1);
  double max_local = 0;
  gboolean first = TRUE;
  gssize t;

  for (gsize i = 0; i < n; i++)
    max_local = MAX (max_local, local[i]);
  for (gsize lag = lag_min; lag <= lag_max; lag++)
    penalty[lag] = -TIGHTNESS * pow (log (lag / period), 2);
  for (gsize i = 0; i < n; i++)
    {
      double best = -G_MAXDOUBLE;
      gssize from = -1;

      for (gsize lag = lag_min; lag <= lag_max; lag++)
        {
          gssize p = (gssize) i - (gssize) lag;
          double value = penalty[lag] + (p >= 0 ? cumulative[p] : 0);

          if (value > best)
            {
              best = value;
              from = p;
            }
        }
      cumulative[i] = local[i] + best;
      /* Until the first real onset there is nothing to chain back to. */
      if (first && local[i] < 0.01 * max_local)
        back[i] = -1;
      else
        {
          back[i] = from;
          first = FALSE;
        }
    }
  for (t = last_beat (cumulative, n); t >= 0; t = back[t])
    g_array_prepend_val (frames, t);
  return frames;
}

/* Beats at the start and end with less than half the typical local score
 * are where the music has not begun or has stopped. */
static void
trim_frames (GArray *frames, const double *local)
{
  double sum = 0, threshold;
  guint first = 0, end = frames->len;

  for (guint i = 0; i < frames->len; i++)
    sum += pow (local[g_array_index (frames, gsize, i)], 2);
  threshold = 0.5 * sqrt (sum / MAX (1, frames->len));
  while (first < end && local[g_array_index (frames, gsize, first)] < threshold)
    first++;
  while (end > first && local[g_array_index (frames, gsize, end - 1)] < threshold)
    end--;
  g_array_remove_range (frames, end, frames->len - end);
  g_array_remove_range (frames, 0, first);
}

static int
compare_times (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The tracker works on frames, late or early by up to a window; a beat with
 * an onset within a fifth of a period takes the strongest such onset's time,
 * the others move by the median of those moves. */
static GArray *
snap_beats (GArray *frames, GArray *onsets, guint rate, guint hop, double period)
{
  GArray *beats = g_array_sized_new (FALSE, FALSE, sizeof (gint64), frames->len);
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gboolean *snapped = g_new0 (gboolean, MAX (1, frames->len));
  gint64 tolerance = samples_to_time (period * hop / 5, rate);
  gint64 shift = 0;
  guint kept = 0, first = 0;

  for (guint i = 0; i < frames->len; i++)
    {
      gint64 time = samples_to_time ((double) g_array_index (frames, gsize, i) * hop, rate);
      float strongest = -1;

      g_array_append_val (beats, time);
      /* Both are in time order: the onsets before this beat's reach are
       * before every later beat's too. */
      while (first < onsets->len && g_array_index (onsets, Onset, first).time < time - tolerance)
        first++;
      for (guint j = first; j < onsets->len && g_array_index (onsets, Onset, j).time <= time + tolerance; j++)
        {
          Onset *onset = &g_array_index (onsets, Onset, j);

          if (onset->strength > strongest)
            {
              strongest = onset->strength;
              g_array_index (beats, gint64, i) = onset->time;
              snapped[i] = TRUE;
            }
        }
      if (snapped[i])
        {
          gint64 move = g_array_index (beats, gint64, i) - time;
          g_array_append_val (moves, move);
        }
    }
  if (moves->len > 0)
    {
      qsort (moves->data, moves->len, sizeof (gint64), compare_times);
      shift = g_array_index (moves, gint64, moves->len / 2);
    }
  for (guint i = 0; i < beats->len; i++)
    {
      gint64 time = g_array_index (beats, gint64, i) + (snapped[i] ? 0 : shift);

      /* Two beats that snapped to one onset are one beat. */
      if (time < 0 || (kept > 0 && time <= g_array_index (beats, gint64, kept - 1)))
        continue;
      g_array_index (beats, gint64, kept++) = time;
    }
  g_array_set_size (beats, kept);
  return beats;
}

static GArray *
track_beats (const float *s, gsize n, guint rate, guint hop, double bpm, GArray *onsets)
{
  double period = 60.0 * rate / hop / bpm;
  g_autofree double *local = beat_local_score (s, n, period);
  g_autoptr(GArray) frames = track_frames (local, n, period);

  trim_frames (frames, local);
  return snap_beats (frames, onsets, rate, hop, period);
}

/* ---- The pulse ----------------------------------------------------------- */

static double
strength_at (SlAudioAnalysis *self, double sample)
{
  double position = sample / self->strength_hop;
  gsize i = (gsize) position;
  double f = position - i;

  if (self->n_strength == 0 || i >= self->n_strength - 1)
    return self->n_strength ? self->strength[self->n_strength - 1] : 0;
  return self->strength[i] * (1 - f) + self->strength[i + 1] * f;
}

static void
compute_pulse (SlAudioAnalysis *self)
{
  double loudest = SILENCE_DB, floor_db, range, smooth = 0, accent = 0;
  double hop_seconds = (double) self->envelope_hop / self->rate;
  double release = exp (-hop_seconds / PULSE_RELEASE_SECONDS);
  double decay = exp (-hop_seconds / PULSE_ACCENT_SECONDS);

  for (gsize i = 0; i < self->n_envelope; i++)
    loudest = MAX (loudest, self->envelope[i]);
  floor_db = MAX (loudest - PULSE_RANGE_DB, PULSE_FLOOR_DB);
  range = loudest - floor_db;
  self->pulse = g_new (float, MAX (1, self->n_envelope));
  for (gsize i = 0; i < self->n_envelope; i++)
    {
      double loud = range > 0 ? CLAMP ((self->envelope[i] - floor_db) / range, 0.0, 1.0) : 0.0;

      smooth = loud > smooth ? loud : smooth * release + loud * (1 - release);
      accent = MAX (strength_at (self, (i + 0.5) * self->envelope_hop), accent * decay);
      self->pulse[i] = (float) CLAMP (smooth * (0.5 + 0.5 * accent), 0.0, 1.0);
    }
}

/* ---- Analysis ------------------------------------------------------------ */

static float *
mix_down (SlAudioBuffer *buffer)
{
  const float *samples = sl_audio_buffer_get_samples (buffer);
  gsize n = sl_audio_buffer_get_n_frames (buffer);
  guint channels = sl_audio_buffer_get_channels (buffer);
  float *mono = g_new (float, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      double sum = 0;

      for (guint c = 0; c < channels; c++)
        sum += samples[i * channels + c];
      mono[i] = (float) (sum / channels);
    }
  return mono;
}

static void
take_times (GArray *times, gint64 **out, gsize *n_out)
{
  *n_out = times->len;
  *out = (gint64 *) (void *) g_array_free (times, FALSE);
}

SlAudioAnalysis *
sl_audio_analysis_new (SlAudioBuffer *buffer, GCancellable *cancellable, GError **error)
{
  g_autoptr(SlAudioAnalysis) self = NULL;
  g_autofree float *x = NULL;
  g_autoptr(GArray) onsets = NULL;
  GArray *times;
  guint window, rate;
  gsize n;

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rate = sl_audio_buffer_get_rate (buffer);
  if (rate < MIN_RATE || rate > MAX_RATE)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("Cannot analyse audio at %u Hz: the rate must be from %u to %u Hz"),
                   rate, MIN_RATE, MAX_RATE);
      return NULL;
    }
  self = g_object_new (SL_TYPE_AUDIO_ANALYSIS, NULL);
  x = mix_down (buffer);
  n = sl_audio_buffer_get_n_frames (buffer);
  window = window_for_rate (rate);
  self->rate = rate;
  self->n_samples = n;
  self->envelope_hop = envelope_hop_for_rate (rate);
  self->strength_hop = window / HOPS_PER_WINDOW;
  self->envelope = compute_envelope (x, n, self->envelope_hop, &self->n_envelope);
  compute_peaks (self, x, n);
  self->strength = compute_strength (x, n, rate, window, self->strength_hop, &self->n_strength, cancellable, error);
  if (self->strength == NULL)
    return NULL;
  onsets = detect_onsets (x, n, rate, self->strength, self->n_strength, window, self->strength_hop);
  self->tempo = estimate_tempo (self->strength, self->n_strength, (double) rate / self->strength_hop, onsets->len);
  if (self->tempo > 0)
    times = track_beats (self->strength, self->n_strength, rate, self->strength_hop, self->tempo, onsets);
  else
    times = g_array_new (FALSE, FALSE, sizeof (gint64));
  take_times (times, &self->beats, &self->n_beats);
  times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), onsets->len);
  for (guint i = 0; i < onsets->len; i++)
    g_array_append_val (times, g_array_index (onsets, Onset, i).time);
  take_times (times, &self->onsets, &self->n_onsets);
  compute_pulse (self);
  return g_steal_pointer (&self);
}

SlAudioAnalysis *
sl_audio_analysis_new_for_file (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(SlAudioBuffer) buffer = sl_audio_buffer_decode (path, SL_AUDIO_ANALYSIS_RATE, 1, cancellable, error);

  if (buffer == NULL)
    return NULL;
  return sl_audio_analysis_new (buffer, cancellable, error);
}

/* ---- The stored form ----------------------------------------------------- */

static void
put_u32 (GByteArray *out, guint32 value)
{
  value = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, 4);
}

static void
put_u64 (GByteArray *out, guint64 value)
{
  value = GUINT64_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &value, 8);
}

static void
put_f64 (GByteArray *out, double value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  put_u64 (out, bits);
}

static void
put_floats (GByteArray *out, const float *values, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits;

      memcpy (&bits, &values[i], 4);
      put_u32 (out, bits);
    }
}

static void
put_times (GByteArray *out, const gint64 *times, gsize n)
{
  put_u64 (out, n);
  for (gsize i = 0; i < n; i++)
    put_u64 (out, (guint64) times[i]);
}

GBytes *
sl_audio_analysis_serialize (SlAudioAnalysis *self)
{
  GByteArray *out;

  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), NULL);

  out = g_byte_array_new ();
  put_u32 (out, self->rate);
  put_u64 (out, self->n_samples);
  put_f64 (out, self->tempo);
  put_u32 (out, self->envelope_hop);
  put_u64 (out, self->n_envelope);
  put_floats (out, self->envelope, self->n_envelope);
  put_u32 (out, self->strength_hop);
  put_u64 (out, self->n_strength);
  put_floats (out, self->strength, self->n_strength);
  put_times (out, self->onsets, self->n_onsets);
  put_times (out, self->beats, self->n_beats);
  put_u32 (out, SL_AUDIO_ANALYSIS_N_PEAK_LEVELS);
  for (guint i = 0; i < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS; i++)
    {
      put_u32 (out, self->levels[i].samples_per_bucket);
      put_u64 (out, self->levels[i].n_buckets);
      put_floats (out, self->levels[i].values, 2 * self->levels[i].n_buckets);
    }
  return g_byte_array_free_to_bytes (out);
}

/* Reads stop at the first shortfall; the caller checks ok once at the end
 * of each part. */
typedef struct {
  const guint8 *data;
  gsize         left;
  gboolean      ok;
} Reader;

static guint64
get_u64 (Reader *in)
{
  guint64 value = 0;

  if (!in->ok || in->left < 8)
    return in->ok = FALSE;
  memcpy (&value, in->data, 8);
  in->data += 8;
  in->left -= 8;
  return GUINT64_FROM_LE (value);
}

static guint32
get_u32 (Reader *in)
{
  guint32 value = 0;

  if (!in->ok || in->left < 4)
    return in->ok = FALSE;
  memcpy (&value, in->data, 4);
  in->data += 4;
  in->left -= 4;
  return GUINT32_FROM_LE (value);
}

static double
get_f64 (Reader *in)
{
  guint64 bits = get_u64 (in);
  double value;

  memcpy (&value, &bits, 8);
  return value;
}

/* @n floats, each finite and within [lo, hi]. */
static float *
get_floats (Reader *in, gsize n, float lo, float hi)
{
  g_autofree float *values = NULL;

  if (!in->ok || n > in->left / 4)
    {
      in->ok = FALSE;
      return NULL;
    }
  values = g_new (float, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      guint32 bits = get_u32 (in);

      memcpy (&values[i], &bits, 4);
      if (!isfinite (values[i]) || values[i] < lo || values[i] > hi)
        {
          in->ok = FALSE;
          return NULL;
        }
    }
  return g_steal_pointer (&values);
}

/* A count, then that many times, increasing, within [0, @duration]. */
static gint64 *
get_times (Reader *in, gint64 duration, gsize *n)
{
  g_autofree gint64 *times = NULL;
  guint64 count = get_u64 (in);

  if (!in->ok || count > in->left / 8)
    {
      in->ok = FALSE;
      return NULL;
    }
  times = g_new (gint64, MAX (count, 1));
  for (gsize i = 0; i < count; i++)
    {
      times[i] = (gint64) get_u64 (in);
      if (times[i] < 0 || times[i] > duration || (i > 0 && times[i] <= times[i - 1]))
        {
          in->ok = FALSE;
          return NULL;
        }
    }
  *n = count;
  return g_steal_pointer (&times);
}

static gboolean
read_header (SlAudioAnalysis *self, Reader *in)
{
  self->rate = get_u32 (in);
  self->n_samples = get_u64 (in);
  self->tempo = get_f64 (in);
  return in->ok && self->rate >= MIN_RATE && self->rate <= MAX_RATE
         && self->n_samples <= MAX_SAMPLES
         && (self->tempo == 0 || (self->tempo >= MIN_BPM && self->tempo <= MAX_BPM));
}

static gboolean
read_curves (SlAudioAnalysis *self, Reader *in)
{
  self->envelope_hop = get_u32 (in);
  self->n_envelope = get_u64 (in);
  if (!in->ok || self->envelope_hop != envelope_hop_for_rate (self->rate)
      || self->n_envelope != ceil_div (self->n_samples, self->envelope_hop))
    return FALSE;
  self->envelope = get_floats (in, self->n_envelope, SILENCE_DB, 100);
  self->strength_hop = get_u32 (in);
  self->n_strength = get_u64 (in);
  if (!in->ok || self->strength_hop != window_for_rate (self->rate) / HOPS_PER_WINDOW
      || self->n_strength != self->n_samples / self->strength_hop + 1)
    return FALSE;
  self->strength = get_floats (in, self->n_strength, 0, 1);
  return in->ok;
}

static gboolean
read_peaks (SlAudioAnalysis *self, Reader *in)
{
  if (get_u32 (in) != SL_AUDIO_ANALYSIS_N_PEAK_LEVELS)
    return FALSE;
  for (guint i = 0; i < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS; i++)
    {
      PeakLevel *level = &self->levels[i];

      level->samples_per_bucket = get_u32 (in);
      level->n_buckets = get_u64 (in);
      if (!in->ok || level->samples_per_bucket != peak_sizes[i]
          || level->n_buckets != ceil_div (self->n_samples, peak_sizes[i]))
        return FALSE;
      level->values = get_floats (in, 2 * level->n_buckets, -G_MAXFLOAT, G_MAXFLOAT);
    }
  return in->ok;
}

SlAudioAnalysis *
sl_audio_analysis_deserialize (GBytes *bytes, GError **error)
{
  g_autoptr(SlAudioAnalysis) self = g_object_new (SL_TYPE_AUDIO_ANALYSIS, NULL);
  Reader in = { NULL, 0, TRUE };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in.data = g_bytes_get_data (bytes, &in.left);
  if (!read_header (self, &in) || !read_curves (self, &in))
    goto corrupt;
  self->onsets = get_times (&in, sl_audio_analysis_get_duration (self), &self->n_onsets);
  self->beats = get_times (&in, sl_audio_analysis_get_duration (self), &self->n_beats);
  if (!in.ok || !read_peaks (self, &in) || in.left != 0)
    goto corrupt;
  compute_pulse (self);
  return g_steal_pointer (&self);

corrupt:
  g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_DECODE,
               _("The stored audio analysis is damaged or of another version"));
  return NULL;
}

/* ---- Getters ------------------------------------------------------------- */

guint
sl_audio_analysis_get_rate (SlAudioAnalysis *self)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), 0);

  return self->rate;
}

gint64
sl_audio_analysis_get_duration (SlAudioAnalysis *self)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), 0);

  return samples_to_time ((double) self->n_samples, self->rate);
}

double
sl_audio_analysis_get_tempo (SlAudioAnalysis *self)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), 0);

  return self->tempo;
}

const gint64 *
sl_audio_analysis_get_beats (SlAudioAnalysis *self, gsize *n_beats)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_beats != NULL, NULL);

  *n_beats = self->n_beats;
  return self->beats;
}

const gint64 *
sl_audio_analysis_get_onsets (SlAudioAnalysis *self, gsize *n_onsets)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_onsets != NULL, NULL);

  *n_onsets = self->n_onsets;
  return self->onsets;
}

const float *
sl_audio_analysis_get_envelope (SlAudioAnalysis *self, gsize *n_values, guint *hop)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_values != NULL, NULL);

  *n_values = self->n_envelope;
  if (hop != NULL)
    *hop = self->envelope_hop;
  return self->envelope;
}

const float *
sl_audio_analysis_get_onset_strength (SlAudioAnalysis *self, gsize *n_values, guint *hop)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), NULL);
  g_return_val_if_fail (n_values != NULL, NULL);

  *n_values = self->n_strength;
  if (hop != NULL)
    *hop = self->strength_hop;
  return self->strength;
}

const float *
sl_audio_analysis_get_peaks (SlAudioAnalysis *self, guint level, guint *samples_per_bucket, gsize *n_buckets)
{
  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), NULL);
  g_return_val_if_fail (level < SL_AUDIO_ANALYSIS_N_PEAK_LEVELS, NULL);
  g_return_val_if_fail (n_buckets != NULL, NULL);

  if (samples_per_bucket != NULL)
    *samples_per_bucket = self->levels[level].samples_per_bucket;
  *n_buckets = self->levels[level].n_buckets;
  return self->levels[level].values;
}

double
sl_audio_analysis_get_pulse (SlAudioAnalysis *self, gint64 time)
{
  double position;
  gsize i;
  double f;

  g_return_val_if_fail (SL_IS_AUDIO_ANALYSIS (self), 0);

  if (time < 0 || time >= sl_audio_analysis_get_duration (self) || self->n_envelope == 0)
    return 0;
  /* Value i describes the middle of its bucket. */
  position = (double) time * self->rate / SL_SECOND / self->envelope_hop - 0.5;
  if (position <= 0)
    return self->pulse[0];
  i = (gsize) position;
  if (i + 1 >= self->n_envelope)
    return self->pulse[self->n_envelope - 1];
  f = position - i;
  return self->pulse[i] * (1 - f) + self->pulse[i + 1] * f;
}
