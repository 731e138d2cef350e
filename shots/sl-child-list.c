/* sl-child-list.c
 *
 * GListStore says where items came and went but not which items left, so we
 * keep a mirror of the items to disconnect exactly the ones removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-child-list"

#include "config.h"

#include "sl-child-list.h"

struct _SlChildList
{
  GListStore        *store;
  GPtrArray         *mirror;   /* (element-type GObject) (owned) */
  gpointer           owner;
  SlChildListChanged changed;
};

static void
on_item_notify (GObject *item, GParamSpec *pspec, SlChildList *self)
{
  self->changed (self->owner, item);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, SlChildList *self)
{
  for (guint i = 0; i < removed; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->mirror, position + i), self);
  g_ptr_array_remove_range (self->mirror, position, removed);

  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (model, position + i);

      if (self->changed != NULL)
        g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
      g_ptr_array_insert (self->mirror, position + i, item);
    }
  if (self->changed != NULL)
    self->changed (self->owner, NULL);
}

SlChildList *
sl_child_list_new (GType item_type, gpointer owner, SlChildListChanged changed)
{
  SlChildList *self = g_new0 (SlChildList, 1);

  self->store = g_list_store_new (item_type);
  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->owner = owner;
  self->changed = changed;
  g_signal_connect (self->store, "items-changed", G_CALLBACK (on_items_changed), self);
  return self;
}

void
sl_child_list_free (SlChildList *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->store, self);
  for (guint i = 0; i < self->mirror->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->mirror, i), self);
  g_ptr_array_unref (self->mirror);
  g_object_unref (self->store);
  g_free (self);
}

GListStore *
sl_child_list_get_store (SlChildList *self)
{
  return self->store;
}
