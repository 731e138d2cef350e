/* sl-child-list.h: a GListStore whose items' changes reach their owner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called after the list changed (item == NULL) or after a property of one of
 * its items changed (the item). */
typedef void (*SlChildListChanged) (gpointer owner, GObject *item);

typedef struct _SlChildList SlChildList;

/* @changed may be NULL when the owner watches the store itself. */
SlChildList *sl_child_list_new   (GType item_type, gpointer owner, SlChildListChanged changed);
void         sl_child_list_free  (SlChildList *self);
GListStore  *sl_child_list_get_store (SlChildList *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlChildList, sl_child_list_free)

G_END_DECLS
