/* sl-timeline-edits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-timeline-edits"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-audio-clip.h"
#include "sl-history.h"
#include "sl-keyframe.h"
#include "sl-model.h"
#include "sl-move.h"
#include "sl-project.h"
#include "sl-shot.h"
#include "sl-shots-error.h"
#include "sl-timeline-edits.h"

#define SECONDS(t) ((double) (t) / SL_SECOND)

gint64
sl_timeline_get_min_duration (SlProject *project)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), SL_SECOND);

  /* Never below what a shot's duration property accepts at all. */
  return MAX (sl_project_get_frame_time (project, 1), SL_MSECOND);
}

static gboolean
check_index (SlProject *project, guint index, GError **error)
{
  guint n = sl_project_get_n_shots (project);

  if (index < n)
    return TRUE;
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
               /* Translators: There is no shot 7: the project has 5 shots */
               ngettext ("There is no shot %u: the project has %u shot",
                         "There is no shot %u: the project has %u shots", n),
               index + 1, n);
  return FALSE;
}

/* Every edit is its own undo step, also when it sets the same property as
 * the last one did a moment ago. */
static void
begin_step (SlProject *project, const char *label)
{
  sl_history_begin (sl_project_get_history (project), label);
}

static void
end_step (SlProject *project)
{
  sl_history_end (sl_project_get_history (project));
}

gboolean
sl_timeline_reorder_shot (SlProject *project, guint from, guint to, GError **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_index (project, from, error) || !check_index (project, to, error))
    return FALSE;
  begin_step (project, _("Move Shot"));
  sl_history_reorder (sl_project_get_history (project), sl_project_get_shots (project), from, to);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_trim_shot_end (SlProject *project, guint index, gint64 end_time, GError **error)
{
  SlShot *shot;
  gint64 start, min;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_index (project, index, error))
    return FALSE;
  shot = sl_project_get_shot (project, index);
  start = sl_project_get_shot_start (project, index);
  min = sl_timeline_get_min_duration (project);
  if (end_time - start < min)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   /* Translators: Cannot trim “Dawn” to 0.010 s: a shot lasts at least 0.033 s */
                   _("Cannot trim “%s” to %.3f s: a shot lasts at least %.3f s"),
                   sl_shot_get_name (shot), SECONDS (end_time - start), SECONDS (min));
      return FALSE;
    }
  begin_step (project, _("Trim Shot"));
  sl_history_set (sl_project_get_history (project), shot, "duration", end_time - start, NULL);
  end_step (project);
  return TRUE;
}

/* Cuts the first part's moves at @cut: those starting at or after it go,
 * those running across it end there. */
static void
trim_moves_before (SlHistory *history, SlShot *shot, gint64 cut)
{
  GListStore *moves = sl_shot_get_moves (shot);
  gint64 duration = sl_shot_get_duration (shot);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (moves)); i-- > 0;)
    {
      g_autoptr(SlMove) move = g_list_model_get_item (G_LIST_MODEL (moves), i);
      gint64 start, stop;

      sl_move_resolve_range (move, duration, &start, &stop);
      if (start >= cut)
        sl_history_remove (history, moves, i);
      else if (stop > cut && sl_move_get_end (move) >= 0)
        sl_history_set (history, move, "end", cut, NULL);
    }
}

static void
trim_keyframes_before (SlHistory *history, SlShot *shot, gint64 cut)
{
  GListStore *keyframes = sl_shot_get_keyframes (shot);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (keyframes)); i-- > 0;)
    {
      g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (G_LIST_MODEL (keyframes), i);

      if (sl_keyframe_get_time (keyframe) >= cut)
        sl_history_remove (history, keyframes, i);
    }
}

/* The second part, made before it enters the document, so its own
 * changes need no undo. */
static SlShot *
second_part (SlShot *shot, gint64 cut)
{
  g_autoptr(SlShot) part = sl_model_copy (G_OBJECT (shot));
  GListStore *moves = sl_shot_get_moves (part);
  GListStore *keyframes = sl_shot_get_keyframes (part);
  gint64 duration = sl_shot_get_duration (shot);
  g_autofree char *name = g_strdup_printf (_("%s (2)"), sl_shot_get_name (shot));

  g_object_set (part, "name", name, "duration", duration - cut,
                "transition", SL_TRANSITION_CUT, "transition-duration", (gint64) 0,
                "cut-on-beat", FALSE, NULL);
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (moves)); i-- > 0;)
    {
      g_autoptr(SlMove) move = g_list_model_get_item (G_LIST_MODEL (moves), i);
      gint64 start, stop;

      sl_move_resolve_range (move, duration, &start, &stop);
      if (stop <= cut)
        g_list_store_remove (moves, i);
      else
        g_object_set (move, "start", MAX (start - cut, 0),
                      "end", sl_move_get_end (move) < 0 ? (gint64) -1 : stop - cut, NULL);
    }
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (keyframes)); i-- > 0;)
    {
      g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (G_LIST_MODEL (keyframes), i);
      gint64 time = sl_keyframe_get_time (keyframe);

      if (time < cut)
        g_list_store_remove (keyframes, i);
      else
        g_object_set (keyframe, "time", time - cut, NULL);
    }
  return g_steal_pointer (&part);
}

gboolean
sl_timeline_split_shot (SlProject *project, gint64 time, GError **error)
{
  g_autoptr(SlShot) part = NULL;
  SlHistory *history;
  SlShot *shot;
  gint64 cut, min;
  guint index;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sl_project_get_n_shots (project) == 0 || time < 0 || time >= sl_project_get_duration (project))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Cannot split at %.3f s: there is no shot there"), SECONDS (time));
      return FALSE;
    }
  shot = sl_project_get_shot_at (project, time, &index, &cut);
  min = sl_timeline_get_min_duration (project);
  if (cut < min || sl_shot_get_duration (shot) - cut < min)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   /* Translators: Cannot split “Dawn” at 5.000 s: both parts must last at least 0.033 s */
                   _("Cannot split “%s” at %.3f s: both parts must last at least %.3f s"),
                   sl_shot_get_name (shot), SECONDS (time), SECONDS (min));
      return FALSE;
    }

  part = second_part (shot, cut);
  history = sl_project_get_history (project);
  begin_step (project, _("Split Shot"));
  trim_moves_before (history, shot, cut);
  trim_keyframes_before (history, shot, cut);
  sl_history_set (history, shot, "duration", cut, NULL);
  sl_history_insert (history, sl_project_get_shots (project), index + 1, part);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_delete_shot (SlProject *project, guint index, GError **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_index (project, index, error))
    return FALSE;
  begin_step (project, _("Delete Shot"));
  sl_history_remove (sl_project_get_history (project), sl_project_get_shots (project), index);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_insert_shot (SlProject *project, guint index, SlShot *shot, GError **error)
{
  guint n;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (SL_IS_SHOT (shot), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = sl_project_get_n_shots (project);
  if (index > n)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   /* Translators: Cannot insert “Dawn” at place 9: the project has 5 shots */
                   ngettext ("Cannot insert “%s” at place %u: the project has %u shot",
                             "Cannot insert “%s” at place %u: the project has %u shots", n),
                   sl_shot_get_name (shot), index + 1, n);
      return FALSE;
    }
  begin_step (project, _("Insert Shot"));
  sl_history_insert (sl_project_get_history (project), sl_project_get_shots (project), index, shot);
  end_step (project);
  return TRUE;
}

gint64
sl_timeline_get_clip_length (SlAudioClip *clip, gint64 source_duration)
{
  g_return_val_if_fail (SL_IS_AUDIO_CLIP (clip), -1);

  if (sl_audio_clip_get_duration (clip) >= 0)
    return sl_audio_clip_get_duration (clip);
  if (source_duration < 0)
    return -1;
  return MAX (source_duration - sl_audio_clip_get_in_point (clip), 0);
}

static const char *
clip_name (SlAudioClip *clip)
{
  const char *file = sl_audio_clip_get_file (clip);
  const char *slash = strrchr (file, '/');

  return slash != NULL ? slash + 1 : file;
}

static gboolean
check_start (SlAudioClip *clip, gint64 start, GError **error)
{
  if (start >= 0)
    return TRUE;
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
               /* Translators: Cannot move “theme.ogg” to -1.000 s: clips start at 0 s or later */
               _("Cannot move “%s” to %.3f s: clips start at 0 s or later"),
               clip_name (clip), SECONDS (start));
  return FALSE;
}

static gboolean
check_length (SlProject *project, SlAudioClip *clip, gint64 length, GError **error)
{
  gint64 min = sl_timeline_get_min_duration (project);

  if (length < 0 || length >= min)
    return TRUE;
  g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
               /* Translators: Cannot trim “theme.ogg” to 0.010 s: a clip lasts at least 0.033 s */
               _("Cannot trim “%s” to %.3f s: a clip lasts at least %.3f s"),
               clip_name (clip), SECONDS (length), SECONDS (min));
  return FALSE;
}

static gboolean
is_clip_of (SlProject *project, SlAudioClip *clip)
{
  return SL_IS_AUDIO_CLIP (clip) && g_list_store_find (sl_project_get_audio_clips (project), clip, NULL);
}

gboolean
sl_timeline_add_clip (SlProject *project, SlAudioClip *clip, GError **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (SL_IS_AUDIO_CLIP (clip), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_start (clip, sl_audio_clip_get_start (clip), error))
    return FALSE;
  begin_step (project, _("Add Audio"));
  sl_history_insert (sl_project_get_history (project), sl_project_get_audio_clips (project),
                     g_list_model_get_n_items (G_LIST_MODEL (sl_project_get_audio_clips (project))),
                     clip);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_move_clip (SlProject *project, SlAudioClip *clip, gint64 start, GError **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (is_clip_of (project, clip), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_start (clip, start, error))
    return FALSE;
  begin_step (project, _("Move Audio"));
  sl_history_set (sl_project_get_history (project), clip, "start", start, NULL);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_trim_clip_start (SlProject   *project,
                             SlAudioClip *clip,
                             gint64       start,
                             gint64       source_duration,
                             GError     **error)
{
  gint64 delta, in_point, duration, length, fade_in, fade_out;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (is_clip_of (project, clip), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  delta = start - sl_audio_clip_get_start (clip);
  in_point = sl_audio_clip_get_in_point (clip) + delta;
  duration = sl_audio_clip_get_duration (clip);
  if (duration >= 0)
    duration -= delta;
  if (!check_start (clip, start, error))
    return FALSE;
  if (in_point < 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   /* Translators: Cannot start “theme.ogg” 1.000 s before the beginning of its file */
                   _("Cannot start “%s” %.3f s before the beginning of its file"),
                   clip_name (clip), SECONDS (-in_point));
      return FALSE;
    }
  length = duration >= 0 ? duration : source_duration >= 0 ? source_duration - in_point : -1;
  if (!check_length (project, clip, length, error))
    return FALSE;

  fade_in = sl_audio_clip_get_fade_in (clip);
  fade_out = sl_audio_clip_get_fade_out (clip);
  if (length >= 0)
    {
      fade_in = MIN (fade_in, length);
      fade_out = MIN (fade_out, length - fade_in);
    }
  begin_step (project, _("Trim Audio"));
  sl_history_set (sl_project_get_history (project), clip, "start", start, "in-point", in_point,
                  "duration", duration, "fade-in", fade_in, "fade-out", fade_out, NULL);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_trim_clip_end (SlProject   *project,
                           SlAudioClip *clip,
                           gint64       end_time,
                           gint64       source_duration,
                           GError     **error)
{
  gint64 length, fade_in, fade_out, available;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (is_clip_of (project, clip), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = end_time - sl_audio_clip_get_start (clip);
  if (!check_length (project, clip, MAX (length, 0), error))
    return FALSE;
  available = source_duration - sl_audio_clip_get_in_point (clip);
  if (source_duration >= 0 && length > available)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   /* Translators: Cannot make “theme.ogg” 9.000 s long: only 8.000 s of its file are left */
                   _("Cannot make “%s” %.3f s long: only %.3f s of its file are left"),
                   clip_name (clip), SECONDS (length), SECONDS (available));
      return FALSE;
    }
  fade_in = MIN (sl_audio_clip_get_fade_in (clip), length);
  fade_out = MIN (sl_audio_clip_get_fade_out (clip), length - fade_in);
  begin_step (project, _("Trim Audio"));
  sl_history_set (sl_project_get_history (project), clip, "duration", length,
                  "fade-in", fade_in, "fade-out", fade_out, NULL);
  end_step (project);
  return TRUE;
}

gboolean
sl_timeline_set_clip_fades (SlProject   *project,
                            SlAudioClip *clip,
                            gint64       fade_in,
                            gint64       fade_out,
                            gint64       source_duration,
                            GError     **error)
{
  gint64 length;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (is_clip_of (project, clip), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = sl_timeline_get_clip_length (clip, source_duration);
  if (fade_in < 0 || fade_out < 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Cannot fade “%s” for a negative time"), clip_name (clip));
      return FALSE;
    }
  if (length >= 0 && fade_in + fade_out > length)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   /* Translators: Cannot fade “theme.ogg” for 5.000 s: the clip lasts 4.000 s */
                   _("Cannot fade “%s” for %.3f s: the clip lasts %.3f s"),
                   clip_name (clip), SECONDS (fade_in + fade_out), SECONDS (length));
      return FALSE;
    }
  begin_step (project, _("Fade Audio"));
  sl_history_set (sl_project_get_history (project), clip, "fade-in", fade_in, "fade-out", fade_out, NULL);
  end_step (project);
  return TRUE;
}

static void
consider (gint64 candidate, gint64 t, gint64 *best, gint64 *best_distance)
{
  gint64 distance = ABS (candidate - t);

  if (distance < *best_distance)
    {
      *best = candidate;
      *best_distance = distance;
    }
}

gint64
sl_timeline_snap (SlProject    *project,
                  gint64        t,
                  gint64        tolerance,
                  SlSnapFlags   what,
                  const gint64 *beats,
                  guint         n_beats,
                  gint64        playhead)
{
  GListModel *clips;
  gint64 best = t, best_distance;

  g_return_val_if_fail (SL_IS_PROJECT (project), t);
  g_return_val_if_fail (beats != NULL || n_beats == 0, t);

  best_distance = tolerance < 0 ? 0 : tolerance + 1;
  if (what & SL_SNAP_BEATS)
    for (guint i = 0; i < n_beats; i++)
      consider (beats[i], t, &best, &best_distance);
  if (what & SL_SNAP_PLAYHEAD)
    consider (playhead, t, &best, &best_distance);
  if (what & SL_SNAP_SHOT_EDGES)
    {
      gint64 edge = 0;

      consider (edge, t, &best, &best_distance);
      for (guint i = 0; i < sl_project_get_n_shots (project); i++)
        {
          edge += sl_shot_get_duration (sl_project_get_shot (project, i));
          consider (edge, t, &best, &best_distance);
        }
    }
  clips = G_LIST_MODEL (sl_project_get_audio_clips (project));
  if (what & SL_SNAP_CLIP_EDGES)
    for (guint i = 0; i < g_list_model_get_n_items (clips); i++)
      {
        g_autoptr(SlAudioClip) clip = g_list_model_get_item (clips, i);
        gint64 length = sl_timeline_get_clip_length (clip, -1);

        consider (sl_audio_clip_get_start (clip), t, &best, &best_distance);
        if (length >= 0)
          consider (sl_audio_clip_get_start (clip) + length, t, &best, &best_distance);
      }
  return best;
}
