/* test-model-sync.c: syncing a live project to another is exact, undoable
 * in one step, and touches only what differs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "shotline-shots.h"

/* A random value inside the property's own range, so any document object
 * can be filled without knowing its type. */
static void
random_value (GParamSpec *pspec, GValue *value, GRand *rand)
{
  g_value_init (value, pspec->value_type);
  if (G_IS_PARAM_SPEC_INT64 (pspec))
    {
      GParamSpecInt64 *p = G_PARAM_SPEC_INT64 (pspec);
      gint64 v = p->minimum + g_rand_int_range (rand, 0, 40) * SL_SECOND / 4;
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
      static const char *words[] = { "a", "ab", "push-in", "雾", "dawn 晨", "" };
      g_value_set_string (value, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  else
    g_error ("no random values for %s", g_type_name (pspec->value_type));
}

static GObject *random_object (GType type, GRand *rand, guint depth);

/* (transfer none): the object keeps its child lists. */
static GListStore *
get_list (GObject *object, GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_LIST_STORE);
  g_object_get_property (object, pspec->name, &value);
  return g_value_get_object (&value);
}

static void
fill_list (GListStore *list, GRand *rand, guint depth)
{
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (list));

  for (guint n = g_rand_int_range (rand, 0, depth == 0 ? 6 : 4); n > 0; n--)
    {
      g_autoptr(GObject) item = random_object (item_type, rand, depth + 1);

      g_list_store_append (list, item);
    }
}

/* Every value property random with probability 1/2; lists of 0 to 5 items. */
static GObject *
random_object (GType type, GRand *rand, guint depth)
{
  GObject *object = g_object_new (type, NULL);
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (sl_model_is_list_property (pspecs[i]))
        fill_list (get_list (object, pspecs[i]), rand, depth);
      else if (sl_model_is_value_property (pspecs[i]) && g_rand_boolean (rand))
        {
          random_value (pspecs[i], &value, rand);
          g_object_set_property (object, pspecs[i]->name, &value);
        }
    }
  return object;
}

static void
mutate_object (GObject *object, GRand *rand, guint depth);

/* Changes, inserts, removes and replaces a few items of @list directly
 * (not through a history), as an edited script would. */
static void
mutate_list (GListStore *list, GRand *rand, guint depth)
{
  GType item_type = g_list_model_get_item_type (G_LIST_MODEL (list));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      {
        g_autoptr(GObject) item = random_object (item_type, rand, depth + 1);
        g_list_store_insert (list, g_rand_int_range (rand, 0, n + 1), item);
      }
      break;
    case 1:
      if (n > 0)
        g_list_store_remove (list, g_rand_int_range (rand, 0, n));
      break;
    case 2:
      if (n > 0)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), g_rand_int_range (rand, 0, n));
          mutate_object (item, rand, depth + 1);
        }
      break;
    default:
      break;
    }
}

static void
mutate_object (GObject *object, GRand *rand, guint depth)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (sl_model_is_list_property (pspecs[i]))
        mutate_list (get_list (object, pspecs[i]), rand, depth);
      else if (sl_model_is_value_property (pspecs[i]) && g_rand_int_range (rand, 0, 6) == 0)
        {
          random_value (pspecs[i], &value, rand);
          g_object_set_property (object, pspecs[i]->name, &value);
        }
    }
}

static void
check_sync (SlProject *live, SlProject *wanted, guint32 seed)
{
  SlHistory *history = sl_project_get_history (live);
  g_autoptr(SlProject) before = sl_model_copy (G_OBJECT (live));
  gboolean differ = !sl_model_equal (G_OBJECT (live), G_OBJECT (wanted), NULL);
  guint n_undo = sl_history_get_n_undo (history);
  g_autofree char *where = NULL;

  sl_model_sync (history, G_OBJECT (live), G_OBJECT (wanted));
  if (!sl_model_equal (G_OBJECT (live), G_OBJECT (wanted), &where))
    g_error ("seed %u: synced project differs at %s", seed, where);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + (differ ? 1 : 0));
  if (!differ)
    return;

  g_assert_true (sl_history_undo (history));
  if (!sl_model_equal (G_OBJECT (live), G_OBJECT (before), &where))
    g_error ("seed %u: undo differs at %s", seed, where);
  g_assert_true (sl_history_redo (history));
  if (!sl_model_equal (G_OBJECT (live), G_OBJECT (wanted), &where))
    g_error ("seed %u: redo differs at %s", seed, where);

  /* Nothing left to do: no step. */
  sl_model_sync (history, G_OBJECT (live), G_OBJECT (wanted));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
}

static void
test_random_projects (void)
{
  for (guint32 seed = 1; seed <= 200; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SlProject) live = SL_PROJECT (random_object (SL_TYPE_PROJECT, rand, 0));
      g_autoptr(SlProject) wanted = SL_PROJECT (random_object (SL_TYPE_PROJECT, rand, 0));

      sl_history_set_merge_window (sl_project_get_history (live), -1);
      check_sync (live, wanted, seed);
    }
}

static void
test_random_edits (void)
{
  for (guint32 seed = 1000; seed <= 1200; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SlProject) live = SL_PROJECT (random_object (SL_TYPE_PROJECT, rand, 0));
      SlHistory *history = sl_project_get_history (live);

      sl_history_set_merge_window (history, -1);
      /* A chain of edits, each undone and redone, on one live project. */
      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(SlProject) wanted = sl_model_copy (G_OBJECT (live));

          mutate_object (G_OBJECT (wanted), rand, 0);
          check_sync (live, wanted, seed);
        }
      g_assert_cmpuint (sl_history_get_n_undo (history), <=, 5);
    }
}

static void
test_equal_records_nothing (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(SlProject) live = SL_PROJECT (random_object (SL_TYPE_PROJECT, rand, 0));
  g_autoptr(SlProject) wanted = sl_model_copy (G_OBJECT (live));
  SlHistory *history = sl_project_get_history (live);

  sl_model_sync (history, G_OBJECT (live), G_OBJECT (wanted));
  g_assert_false (sl_history_can_undo (history));
}

static SlProject *
three_shots (void)
{
  SlProject *project = sl_project_new ();
  const char *names[] = { "A", "B", "C" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SlShot) shot = sl_shot_new (names[i], (i + 1) * SL_SECOND);
      g_autoptr(SlMove) move = sl_move_new ("push-in", 30, SL_UNIT_PERCENT);

      g_list_store_append (sl_shot_get_moves (shot), move);
      g_list_store_append (sl_project_get_shots (project), shot);
    }
  return project;
}

/* Views hold on to shot objects: an edit of one shot keeps every shot
 * object, and deleting the middle shot keeps the others. */
static void
test_minimal (void)
{
  g_autoptr(SlProject) live = three_shots ();
  g_autoptr(SlProject) wanted = three_shots ();
  SlHistory *history = sl_project_get_history (live);
  SlShot *a = sl_project_get_shot (live, 0);
  SlShot *b = sl_project_get_shot (live, 1);
  SlShot *c = sl_project_get_shot (live, 2);
  g_autoptr(GObject) move = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (b)), 0);
  g_autoptr(GObject) move_after = NULL;

  g_object_set (sl_project_get_shot (wanted, 1), "duration", 9 * SL_SECOND, NULL);
  sl_model_sync (history, G_OBJECT (live), G_OBJECT (wanted));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Change duration");
  g_assert_true (sl_project_get_shot (live, 1) == b);
  g_assert_cmpint (sl_shot_get_duration (b), ==, 9 * SL_SECOND);
  move_after = g_list_model_get_item (G_LIST_MODEL (sl_shot_get_moves (b)), 0);
  g_assert_true (move_after == move);

  g_list_store_remove (sl_project_get_shots (wanted), 1);
  sl_model_sync (history, G_OBJECT (live), G_OBJECT (wanted));
  g_assert_cmpuint (sl_project_get_n_shots (live), ==, 2);
  g_assert_true (sl_project_get_shot (live, 0) == a);
  g_assert_true (sl_project_get_shot (live, 1) == c);

  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_project_get_shot (live, 1) == b);
  g_assert_true (sl_project_get_shot (live, 2) == c);
}

static void
count_changes (SlProject *project, SlShot *shot, gint64 start, gint64 end, guint *n)
{
  (*n)++;
}

/* Without a history (a render thread's snapshot): equal afterwards, nothing
 * recorded, and the snapshot's ::changed fires for what differs only. */
static void
test_without_history (void)
{
  for (guint32 seed = 2000; seed <= 2100; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(SlProject) snapshot = SL_PROJECT (random_object (SL_TYPE_PROJECT, rand, 0));
      g_autoptr(SlProject) doc = sl_model_copy (G_OBJECT (snapshot));
      g_autofree char *where = NULL;
      guint n_changes = 0;

      g_signal_connect (snapshot, "changed", G_CALLBACK (count_changes), &n_changes);
      sl_model_sync (NULL, G_OBJECT (snapshot), G_OBJECT (doc));
      g_assert_cmpuint (n_changes, ==, 0);

      mutate_object (G_OBJECT (doc), rand, 0);
      sl_model_sync (NULL, G_OBJECT (snapshot), G_OBJECT (doc));
      if (!sl_model_equal (G_OBJECT (snapshot), G_OBJECT (doc), &where))
        g_error ("seed %u: snapshot differs at %s", seed, where);
      g_assert_false (sl_history_can_undo (sl_project_get_history (snapshot)));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model-sync/without-history", test_without_history);
  g_test_add_func ("/model-sync/random-projects", test_random_projects);
  g_test_add_func ("/model-sync/random-edits", test_random_edits);
  g_test_add_func ("/model-sync/equal-records-nothing", test_equal_records_nothing);
  g_test_add_func ("/model-sync/minimal", test_minimal);
  return g_test_run ();
}
