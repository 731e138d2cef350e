/* sl-audio-mixer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The limiter is explained in docs/export.md.
 */
#define G_LOG_DOMAIN "sl-audio-mixer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "shotline-shots.h"
#include "sl-audio-buffer.h"
#include "sl-audio-mixer.h"

/* The limiter works on blocks of 1 ms at absolute positions, so that any
 * range mixes the same whatever calls it is split into. Its gain reaches
 * the reduction a block needs over the ATTACK blocks before it and
 * recovers over the RELEASE blocks after it. */
#define BLOCK 48
#define ATTACK_BLOCKS 5
#define RELEASE_BLOCKS 50

typedef struct {
  SlAudioBuffer *buffer;
  gint64         start;     /* timeline sample of the clip's first sample */
  gint64         in;        /* its sample in the file */
  gint64         length;    /* samples played */
  float          gain;
  gint64         fade_in;   /* samples */
  gint64         fade_out;
} Clip;

struct _SlAudioMixer
{
  GObject  parent_instance;
  GArray  *clips;           /* of Clip */
};

G_DEFINE_FINAL_TYPE (SlAudioMixer, sl_audio_mixer, G_TYPE_OBJECT)

static void
clip_clear (gpointer data)
{
  Clip *clip = data;

  g_clear_pointer (&clip->buffer, sl_audio_buffer_unref);
}

static void
sl_audio_mixer_finalize (GObject *object)
{
  SlAudioMixer *self = SL_AUDIO_MIXER (object);

  g_array_unref (self->clips);
  G_OBJECT_CLASS (sl_audio_mixer_parent_class)->finalize (object);
}

static void
sl_audio_mixer_class_init (SlAudioMixerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_audio_mixer_finalize;
}

static void
sl_audio_mixer_init (SlAudioMixer *self)
{
  self->clips = g_array_new (FALSE, TRUE, sizeof (Clip));
  g_array_set_clear_func (self->clips, clip_clear);
}

/* value × num / den rounded to the nearest, halves away from zero; 128-bit
 * so that long timelines do not overflow. */
static gint64
scale_round (gint64 value, gint64 num, gint64 den)
{
  __int128 x = (__int128) value * num;
  __int128 half = den / 2;

  return (gint64) (x >= 0 ? (x + half) / den : -((-x + half) / den));
}

gint64
sl_audio_mixer_time_to_sample (gint64 time)
{
  return scale_round (time, SL_AUDIO_MIXER_RATE, SL_SECOND);
}

gint64
sl_audio_mixer_sample_to_time (gint64 sample)
{
  return scale_round (sample, SL_SECOND, SL_AUDIO_MIXER_RATE);
}

static Clip
clip_new (SlAudioClip *audio_clip, SlAudioBuffer *buffer)
{
  gint64 n = sl_audio_buffer_get_n_frames (buffer);
  gint64 duration = sl_audio_clip_get_duration (audio_clip);
  Clip clip = { 0 };

  clip.buffer = sl_audio_buffer_ref (buffer);
  clip.start = sl_audio_mixer_time_to_sample (sl_audio_clip_get_start (audio_clip));
  clip.in = MIN (sl_audio_mixer_time_to_sample (sl_audio_clip_get_in_point (audio_clip)), n);
  clip.length = n - clip.in;
  if (duration >= 0)
    clip.length = MIN (clip.length, sl_audio_mixer_time_to_sample (duration));
  clip.gain = powf (10.0f, (float) sl_audio_clip_get_gain_db (audio_clip) / 20.0f);
  clip.fade_in = sl_audio_mixer_time_to_sample (sl_audio_clip_get_fade_in (audio_clip));
  clip.fade_out = sl_audio_mixer_time_to_sample (sl_audio_clip_get_fade_out (audio_clip));
  return clip;
}

SlAudioMixer *
sl_audio_mixer_new (SlProject *project, GCancellable *cancellable, GError **error)
{
  g_autoptr(SlAudioMixer) self = NULL;
  g_autoptr(GHashTable) decoded = NULL;
  GListModel *clips;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  self = g_object_new (SL_TYPE_AUDIO_MIXER, NULL);
  decoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) sl_audio_buffer_unref);
  clips = G_LIST_MODEL (sl_project_get_audio_clips (project));
  for (guint i = 0; i < g_list_model_get_n_items (clips); i++)
    {
      g_autoptr(SlAudioClip) audio_clip = g_list_model_get_item (clips, i);
      g_autofree char *path = sl_project_resolve_path (project, sl_audio_clip_get_file (audio_clip));
      SlAudioBuffer *buffer = g_hash_table_lookup (decoded, path);
      Clip clip;

      if (buffer == NULL)
        {
          buffer = sl_audio_buffer_decode (path, SL_AUDIO_MIXER_RATE, SL_AUDIO_MIXER_CHANNELS,
                                           cancellable, error);
          if (buffer == NULL)
            return NULL;
          g_hash_table_insert (decoded, g_steal_pointer (&path), buffer);
        }
      clip = clip_new (audio_clip, buffer);
      g_array_append_val (self->clips, clip);
    }
  return g_steal_pointer (&self);
}

guint
sl_audio_mixer_get_n_clips (SlAudioMixer *self)
{
  g_return_val_if_fail (SL_IS_AUDIO_MIXER (self), 0);
  return self->clips->len;
}

/* Linear ramps: the first sample of a fade-in and the last of a fade-out
 * are silent. */
static float
clip_fade (const Clip *clip, gint64 j)
{
  float f = 1.0f;

  if (j < clip->fade_in)
    f *= (float) j / (float) clip->fade_in;
  if (clip->length - 1 - j < clip->fade_out)
    f *= (float) (clip->length - 1 - j) / (float) clip->fade_out;
  return f;
}

/* Adds the clip's part of [first, first + n) to out. */
static void
clip_add (const Clip *clip, gint64 first, gint64 n, float *out)
{
  const float *samples = sl_audio_buffer_get_samples (clip->buffer);
  gint64 from = MAX (first, clip->start);
  gint64 to = MIN (first + n, clip->start + clip->length);

  for (gint64 p = from; p < to; p++)
    {
      gint64 j = p - clip->start;
      const float *src = samples + (clip->in + j) * SL_AUDIO_MIXER_CHANNELS;
      float g = clip->gain * clip_fade (clip, j);
      float *dst = out + (p - first) * SL_AUDIO_MIXER_CHANNELS;

      dst[0] += src[0] * g;
      dst[1] += src[1] * g;
    }
}

/* The gain each block needs to stay within full scale (1 where it does). */
static gboolean
blocks_needed_gain (const float *mix, gint64 n_blocks, double *need)
{
  gboolean any = FALSE;

  for (gint64 b = 0; b < n_blocks; b++)
    {
      float peak = 0.0f;

      for (guint i = 0; i < BLOCK * SL_AUDIO_MIXER_CHANNELS; i++)
        peak = MAX (peak, fabsf (mix[b * BLOCK * SL_AUDIO_MIXER_CHANNELS + i]));
      need[b] = peak > 1.0f ? 1.0 / peak : 1.0;
      any |= peak > 1.0f;
    }
  return any;
}

/* The limiter's gain at block boundaries: boundary k is the start of block
 * k. A block c that needs gain r pulls both of its own boundaries down to
 * r and its neighbours down along straight lines that reach 1 at
 * ATTACK_BLOCKS before and RELEASE_BLOCKS after it. Samples interpolate
 * between boundaries, so every sample of block c gets at most r. */
static void
boundary_gains (const double *need, gint64 first_block, gint64 n_blocks,
                gint64 k0, gint64 n_bounds, double *gain)
{
  for (gint64 k = 0; k < n_bounds; k++)
    gain[k] = 1.0;
  for (gint64 i = 0; i < n_blocks; i++)
    {
      gint64 c = first_block + i;
      double r = need[i];

      if (r >= 1.0)
        continue;
      for (gint64 k = MAX (k0, c - ATTACK_BLOCKS); k <= MIN (k0 + n_bounds - 1, c + 1 + RELEASE_BLOCKS); k++)
        {
          double ramp = k <= c ? (double) (c - k) / (ATTACK_BLOCKS + 1)
                               : (double) (k - c - 1) / (RELEASE_BLOCKS + 1);

          gain[k - k0] = MIN (gain[k - k0], r + (1.0 - r) * ramp);
        }
    }
}

static void
mix_raw (SlAudioMixer *self, gint64 first, gint64 n, float *out)
{
  memset (out, 0, n * SL_AUDIO_MIXER_CHANNELS * sizeof (float));
  for (guint i = 0; i < self->clips->len; i++)
    clip_add (&g_array_index (self->clips, Clip, i), first, n, out);
}

void
sl_audio_mixer_mix (SlAudioMixer *self, gint64 first, gsize n_frames, float *out)
{
  gint64 k0, k1, c0, c1, n_blocks;
  g_autofree float *mix = NULL;
  g_autofree double *need = NULL;
  g_autofree double *gain = NULL;

  g_return_if_fail (SL_IS_AUDIO_MIXER (self));
  g_return_if_fail (first >= 0);

  if (n_frames == 0)
    return;
  /* Boundaries k0..k1 enclose the range; blocks c0..c1 can reach them. */
  k0 = first / BLOCK;
  k1 = (first + (gint64) n_frames + BLOCK - 1) / BLOCK;
  c0 = MAX (k0 - 1 - RELEASE_BLOCKS, 0);
  c1 = k1 + ATTACK_BLOCKS;
  n_blocks = c1 - c0 + 1;

  mix = g_new (float, n_blocks * BLOCK * SL_AUDIO_MIXER_CHANNELS);
  need = g_new (double, n_blocks);
  mix_raw (self, c0 * BLOCK, n_blocks * BLOCK, mix);
  if (!blocks_needed_gain (mix, n_blocks, need))
    {
      memcpy (out, mix + (first - c0 * BLOCK) * SL_AUDIO_MIXER_CHANNELS,
              n_frames * SL_AUDIO_MIXER_CHANNELS * sizeof (float));
      return;
    }

  gain = g_new (double, k1 - k0 + 1);
  boundary_gains (need, c0, n_blocks, k0, k1 - k0 + 1, gain);
  for (gsize i = 0; i < n_frames; i++)
    {
      gint64 p = first + (gint64) i;
      gint64 k = p / BLOCK;
      double t = (double) (p - k * BLOCK) / BLOCK;
      double g = gain[k - k0] * (1.0 - t) + gain[k + 1 - k0] * t;
      const float *src = mix + (p - c0 * BLOCK) * SL_AUDIO_MIXER_CHANNELS;

      /* The clamp only catches float rounding: g already keeps the block
       * within full scale. */
      for (guint ch = 0; ch < SL_AUDIO_MIXER_CHANNELS; ch++)
        out[i * SL_AUDIO_MIXER_CHANNELS + ch] = CLAMP ((float) (src[ch] * g), -1.0f, 1.0f);
    }
}
