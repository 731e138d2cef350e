/* sl-beat-edits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-beat-edits"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "sl-beat-edits.h"
#include "sl-history.h"
#include "sl-project.h"
#include "sl-shot.h"
#include "sl-shots-error.h"

static int
compare_times (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The beat nearest to @time in the sorted @beats; the earlier of two as
 * near. */
static gint64
nearest_beat (const gint64 *beats, gsize n, gint64 time)
{
  gsize lo = 0, hi = n;

  /* The first beat at or after @time. */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (beats[mid] < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == n)
    return beats[n - 1];
  if (lo == 0 || beats[lo] - time < time - beats[lo - 1])
    return beats[lo];
  return beats[lo - 1];
}

/* The shortest a shot may become: one frame, and never below what a shot's
 * duration may be at all. */
static gint64
shortest_shot (SlProject *project, SlShot *shot)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (shot), "duration");

  return MAX (sl_project_get_frame_time (project, 1), G_PARAM_SPEC_INT64 (pspec)->minimum);
}

/* Works the new durations out on a copy, so that a refusal changes
 * nothing. */
static gint64 *
snapped_durations (SlProject *project, const gint64 *beats, gsize n_beats, GError **error)
{
  guint n = sl_project_get_n_shots (project);
  g_autofree gint64 *durations = g_new (gint64, MAX (n, 1));
  gint64 start = 0;

  for (guint i = 0; i < n; i++)
    durations[i] = sl_shot_get_duration (sl_project_get_shot (project, i));
  for (guint i = 1; i < n; i++)
    {
      SlShot *shot = sl_project_get_shot (project, i);
      gint64 beat;

      start += durations[i - 1];
      if (!sl_shot_get_cut_on_beat (shot))
        continue;
      beat = nearest_beat (beats, n_beats, start);
      if (durations[i - 1] + beat - start < shortest_shot (project, shot))
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                       /* Translators: Cannot cut “B” on the beat at 0.50 s: “A” before it would be shorter than one frame */
                       _("Cannot cut “%s” on the beat at %.2f s: “%s” before it would be shorter than one frame"),
                       sl_shot_get_name (shot), (double) beat / SL_SECOND,
                       sl_shot_get_name (sl_project_get_shot (project, i - 1)));
          return NULL;
        }
      durations[i - 1] += beat - start;
      start = beat;
    }
  return g_steal_pointer (&durations);
}

gboolean
sl_beat_edits_cut_on_beats (SlProject *project, const gint64 *beats, gsize n_beats, GError **error)
{
  g_autofree gint64 *sorted = NULL;
  g_autofree gint64 *durations = NULL;
  SlHistory *history;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (beats != NULL || n_beats == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_beats == 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Cannot cut on the beat: the music has no beats"));
      return FALSE;
    }
  sorted = g_memdup2 (beats, n_beats * sizeof (gint64));
  qsort (sorted, n_beats, sizeof (gint64), compare_times);
  durations = snapped_durations (project, sorted, n_beats, error);
  if (durations == NULL)
    return FALSE;

  history = sl_project_get_history (project);
  sl_history_begin (history, _("Cut on Beat"));
  for (guint i = 0; i < sl_project_get_n_shots (project); i++)
    sl_history_set (history, sl_project_get_shot (project, i), "duration", durations[i], NULL);
  sl_history_end (history);
  return TRUE;
}

void
sl_beat_edits_set_follow_music (SlProject *project, SlShot *shot, SlFollowMode mode, double amount)
{
  SlHistory *history;

  g_return_if_fail (SL_IS_PROJECT (project));
  g_return_if_fail (SL_IS_SHOT (shot));
  g_return_if_fail (g_list_store_find (sl_project_get_shots (project), shot, NULL));
  g_return_if_fail (mode >= SL_FOLLOW_NONE && mode <= SL_FOLLOW_ZOOM_AND_EXPOSURE);
  g_return_if_fail (amount >= 0.0 && amount <= 1.0);

  history = sl_project_get_history (project);
  sl_history_begin (history, _("Follow Music"));
  sl_history_set (history, shot, "follow-mode", mode, "follow-amount", amount, NULL);
  sl_history_end (history);
}
