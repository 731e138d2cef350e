/* test-history.c: undo and redo restore exactly, on random edit sequences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shotline-shots.h"

static void
random_value (GParamSpec *pspec, GValue *value, GRand *rand)
{
  g_value_init (value, pspec->value_type);
  if (G_IS_PARAM_SPEC_INT64 (pspec))
    {
      GParamSpecInt64 *p = G_PARAM_SPEC_INT64 (pspec);
      gint64 v = g_rand_int_range (rand, 0, 20) * SL_SECOND / 4;
      g_value_set_int64 (value, CLAMP (v, p->minimum, p->maximum));
    }
  else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      GParamSpecDouble *p = G_PARAM_SPEC_DOUBLE (pspec);
      double v = g_rand_double_range (rand, -100, 100);
      g_value_set_double (value, CLAMP (v, p->minimum, p->maximum));
    }
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      GParamSpecUInt *p = G_PARAM_SPEC_UINT (pspec);
      guint v = g_rand_int_range (rand, 1, 4000);
      g_value_set_uint (value, CLAMP (v, p->minimum, p->maximum));
    }
  else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    g_value_set_boolean (value, g_rand_boolean (rand));
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      g_value_set_enum (value, klass->values[g_rand_int_range (rand, 0, klass->n_values)].value);
    }
  else if (G_IS_PARAM_SPEC_STRING (pspec))
    {
      static const char *words[] = { "a", "ab", "abc", "雾", "dawn 晨", "" };
      g_value_set_string (value, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  else
    g_assert_not_reached ();
}

static void
random_set (SlHistory *history, GObject *object, GRand *rand)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;
  GPtrArray *values = g_ptr_array_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    if (sl_model_is_value_property (pspecs[i]))
      g_ptr_array_add (values, pspecs[i]);
  pspec = g_ptr_array_index (values, g_rand_int_range (rand, 0, values->len));
  g_ptr_array_unref (values);
  random_value (pspec, &value, rand);
  sl_history_set_value (history, object, pspec->name, &value);
}

static SlShot *
random_shot (SlProject *project, GRand *rand)
{
  guint n = sl_project_get_n_shots (project);

  return n ? sl_project_get_shot (project, g_rand_int_range (rand, 0, n)) : NULL;
}

/* One random edit through the history: a property of the project, a shot or
 * a move; a shot or move inserted, removed or reordered; or a group of two. */
static void
random_edit (SlProject *project, GRand *rand)
{
  SlHistory *history = sl_project_get_history (project);
  GListStore *shots = sl_project_get_shots (project);
  SlShot *shot = random_shot (project, rand);
  GListStore *moves = shot ? sl_shot_get_moves (shot) : NULL;
  guint n_shots = sl_project_get_n_shots (project);
  guint n_moves = moves ? g_list_model_get_n_items (G_LIST_MODEL (moves)) : 0;

  switch (g_rand_int_range (rand, 0, 9))
    {
    case 0:
      random_set (history, G_OBJECT (project), rand);
      break;
    case 1:
    case 2:
      if (shot)
        random_set (history, G_OBJECT (shot), rand);
      break;
    case 3:
      if (n_moves)
        {
          g_autoptr(GObject) move = g_list_model_get_item (G_LIST_MODEL (moves), g_rand_int_range (rand, 0, n_moves));
          random_set (history, move, rand);
        }
      break;
    case 4:
      {
        g_autoptr(SlShot) added = sl_shot_new ("new", SL_SECOND);
        sl_history_insert (history, shots, g_rand_int_range (rand, 0, n_shots + 1), added);
      }
      break;
    case 5:
      if (moves)
        {
          g_autoptr(SlMove) added = sl_move_new ("push-in", g_rand_double_range (rand, 0, 50), SL_UNIT_PERCENT);
          sl_history_insert (history, moves, g_rand_int_range (rand, 0, n_moves + 1), added);
        }
      break;
    case 6:
      if (n_shots > 1)
        sl_history_remove (history, shots, g_rand_int_range (rand, 0, n_shots));
      else if (n_moves)
        sl_history_remove (history, moves, g_rand_int_range (rand, 0, n_moves));
      break;
    case 7:
      if (n_shots > 1)
        sl_history_reorder (history, shots, g_rand_int_range (rand, 0, n_shots), g_rand_int_range (rand, 0, n_shots));
      break;
    case 8:
      sl_history_begin (history, "Group");
      random_edit (project, rand);
      random_edit (project, rand);
      sl_history_end (history);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Snapshots of the document after each undo step; undo walks them back and
 * redo forward, each compared property by property. */
static void
run_random_sequence (guint32 seed, gboolean merging)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(SlProject) project = sl_project_new ();
  SlHistory *history = sl_project_get_history (project);
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_steps;

  sl_history_set_merge_window (history, merging ? G_MAXINT64 / 2 : -1);
  g_ptr_array_add (snapshots, sl_model_copy (G_OBJECT (project)));
  for (guint i = 0; i < 200; i++)
    {
      guint before = sl_history_get_n_undo (history);

      random_edit (project, rand);
      if (sl_history_get_n_undo (history) > before)
        g_ptr_array_add (snapshots, sl_model_copy (G_OBJECT (project)));
      else if (sl_history_get_n_undo (history) == before && before > 0)
        {
          /* merged into the last step (or no change at all) */
          g_ptr_array_remove_index (snapshots, snapshots->len - 1);
          g_ptr_array_add (snapshots, sl_model_copy (G_OBJECT (project)));
        }
      if (merging && g_rand_int_range (rand, 0, 4) == 0)
        sl_history_seal (history);
    }

  n_steps = sl_history_get_n_undo (history);
  g_assert_cmpuint (n_steps + 1, ==, snapshots->len);
  for (guint i = n_steps; i > 0; i--)
    {
      g_autofree char *where = NULL;

      g_assert_true (sl_history_undo (history));
      if (!sl_model_equal (G_OBJECT (project), g_ptr_array_index (snapshots, i - 1), &where))
        g_error ("seed %u: undo to step %u differs at %s", seed, i - 1, where);
    }
  g_assert_false (sl_history_can_undo (history));
  for (guint i = 1; i <= n_steps; i++)
    {
      g_autofree char *where = NULL;

      g_assert_true (sl_history_redo (history));
      if (!sl_model_equal (G_OBJECT (project), g_ptr_array_index (snapshots, i), &where))
        g_error ("seed %u: redo to step %u differs at %s", seed, i, where);
    }
  g_assert_false (sl_history_can_redo (history));
}

static void
test_random_sequences (void)
{
  for (guint32 seed = 1; seed <= 40; seed++)
    run_random_sequence (seed, FALSE);
}

static void
test_random_sequences_merging (void)
{
  for (guint32 seed = 100; seed <= 140; seed++)
    run_random_sequence (seed, TRUE);
}

static void
test_typing_merges (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(SlShot) shot = sl_shot_new ("A", SL_SECOND);
  SlHistory *history = sl_project_get_history (project);
  const char *typed[] = { "f", "fo", "fog" };

  g_list_store_append (sl_project_get_shots (project), shot);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    sl_history_set (history, shot, "prompt", typed[i], NULL);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Change prompt");

  /* Another field starts a new step; so does the same field after a seal. */
  sl_history_set (history, shot, "duration", 2 * SL_SECOND, NULL);
  sl_history_seal (history);
  sl_history_set (history, shot, "duration", 3 * SL_SECOND, NULL);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 3);

  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_history_undo (history));
  g_assert_cmpstr (sl_shot_get_prompt (shot), ==, "");
  g_assert_cmpint (sl_shot_get_duration (shot), ==, SL_SECOND);
  g_assert_cmpstr (sl_history_get_redo_label (history), ==, "Change prompt");
}

static void
test_dirty (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  SlHistory *history = sl_project_get_history (project);

  g_assert_false (sl_history_is_dirty (history));
  sl_history_set (history, project, "title", "A", NULL);
  g_assert_true (sl_history_is_dirty (history));
  sl_history_mark_clean (history);
  g_assert_false (sl_history_is_dirty (history));
  /* Typing after a save does not merge into the saved step. */
  sl_history_set (history, project, "title", "AB", NULL);
  g_assert_true (sl_history_is_dirty (history));
  sl_history_undo (history);
  g_assert_false (sl_history_is_dirty (history));
  g_assert_cmpstr (sl_project_get_title (project), ==, "A");
  /* A new edit from an undone state makes the saved state unreachable. */
  sl_history_undo (history);
  sl_history_set (history, project, "title", "C", NULL);
  g_assert_true (sl_history_is_dirty (history));
}

static void
test_no_op_edits (void)
{
  g_autoptr(SlProject) project = sl_project_new ();
  SlHistory *history = sl_project_get_history (project);

  sl_history_set (history, project, "width", 1920u, NULL);
  sl_history_begin (history, "Nothing");
  sl_history_end (history);
  g_assert_false (sl_history_can_undo (history));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/random-sequences", test_random_sequences);
  g_test_add_func ("/history/random-sequences-merging", test_random_sequences_merging);
  g_test_add_func ("/history/typing-merges", test_typing_merges);
  g_test_add_func ("/history/dirty", test_dirty);
  g_test_add_func ("/history/no-op-edits", test_no_op_edits);
  return g_test_run ();
}
