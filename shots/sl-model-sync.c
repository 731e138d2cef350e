/* sl-model-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-model-sync"

#include "config.h"

#include "sl-history.h"
#include "sl-model.h"
#include "sl-model-sync.h"

static void sync_object (SlHistory *history, GObject *target, GObject *source);

/* The three edits, through @history when there is one (the document), or
 * straight on the objects (a snapshot that no one undoes). */
static void
list_insert (SlHistory *history, GListStore *list, guint position, gpointer item)
{
  if (history != NULL)
    sl_history_insert (history, list, position, item);
  else
    g_list_store_insert (list, position, item);
}

static void
list_remove (SlHistory *history, GListStore *list, guint position)
{
  if (history != NULL)
    sl_history_remove (history, list, position);
  else
    g_list_store_remove (list, position);
}

static void
set_value (SlHistory *history, GObject *object, const char *property, const GValue *value)
{
  if (history != NULL)
    sl_history_set_value (history, object, property, value);
  else
    g_object_set_property (object, property, value);
}

static gboolean
items_equal (GListModel *a, guint i, GListModel *b, guint j)
{
  g_autoptr(GObject) x = g_list_model_get_item (a, i);
  g_autoptr(GObject) y = g_list_model_get_item (b, j);

  return sl_model_equal (x, y, NULL);
}

static void
insert_copy (SlHistory *history, GListStore *target, guint position, GListModel *source, guint index)
{
  g_autoptr(GObject) item = g_list_model_get_item (source, index);
  g_autoptr(GObject) copy = sl_model_copy (item);

  list_insert (history, target, position, copy);
}

/* The item at @position becomes like @source's item @index: synced in place
 * when both are of one type (the views keep their object), else replaced. */
static void
sync_item (SlHistory *history, GListStore *target, guint position, GListModel *source, guint index)
{
  g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (target), position);
  g_autoptr(GObject) new = g_list_model_get_item (source, index);

  if (G_OBJECT_TYPE (old) == G_OBJECT_TYPE (new))
    {
      sync_object (history, old, new);
      return;
    }
  list_remove (history, target, position);
  insert_copy (history, target, position, source, index);
}

/* Equal runs at the start and the end are left alone, so deleting or
 * inserting one shot touches that shot only, not every shot after it. */
static void
sync_list (SlHistory *history, GListStore *target, GListModel *source)
{
  GListModel *live = G_LIST_MODEL (target);
  guint n_target = g_list_model_get_n_items (live);
  guint n_source = g_list_model_get_n_items (source);
  guint shorter = MIN (n_target, n_source);
  guint prefix = 0, suffix = 0, mid_target, mid_source, common;

  while (prefix < shorter && items_equal (live, prefix, source, prefix))
    prefix++;
  while (suffix < shorter - prefix
         && items_equal (live, n_target - 1 - suffix, source, n_source - 1 - suffix))
    suffix++;
  mid_target = n_target - prefix - suffix;
  mid_source = n_source - prefix - suffix;
  common = MIN (mid_target, mid_source);

  for (guint i = 0; i < common; i++)
    sync_item (history, target, prefix + i, source, prefix + i);
  for (guint i = common; i < mid_target; i++)
    list_remove (history, target, prefix + common);
  for (guint i = common; i < mid_source; i++)
    insert_copy (history, target, prefix + i, source, prefix + i);
}

static void
sync_property (SlHistory *history, GObject *target, GObject *source, GParamSpec *pspec)
{
  g_auto(GValue) live = G_VALUE_INIT;
  g_auto(GValue) wanted = G_VALUE_INIT;

  g_value_init (&live, pspec->value_type);
  g_value_init (&wanted, pspec->value_type);
  g_object_get_property (target, pspec->name, &live);
  g_object_get_property (source, pspec->name, &wanted);
  if (sl_model_is_list_property (pspec))
    sync_list (history, g_value_get_object (&live), g_value_get_object (&wanted));
  else if (g_param_values_cmp (pspec, &live, &wanted) != 0)
    set_value (history, target, pspec->name, &wanted);
}

static void
sync_object (SlHistory *history, GObject *target, GObject *source)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (target), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    if (sl_model_is_value_property (pspecs[i]) || sl_model_is_list_property (pspecs[i]))
      sync_property (history, target, source, pspecs[i]);
}

void
sl_model_sync (SlHistory *history,
               GObject   *target,
               GObject   *source)
{
  g_return_if_fail (history == NULL || SL_IS_HISTORY (history));
  g_return_if_fail (G_IS_OBJECT (target) && G_IS_OBJECT (source));
  g_return_if_fail (G_OBJECT_TYPE (target) == G_OBJECT_TYPE (source));

  if (history == NULL)
    {
      sync_object (NULL, target, source);
      return;
    }
  sl_history_begin (history, NULL);
  sync_object (history, target, source);
  sl_history_end (history);
}
