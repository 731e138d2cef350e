/* sl-model.h: generic operations over the document's objects
 *
 * Every document object exposes its state as GObject properties, and its
 * children as read-only GListStore properties. These functions walk that
 * structure, so a new property is compared, copied and (in sl-project-json)
 * saved without further code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE when a and b have the same type, equal property values and equal
 * children, recursively. On a difference, *where (if given) says which
 * property path differs (owned). */
gboolean  sl_model_equal (GObject *a, GObject *b, char **where);
/* A deep copy: same type, same properties, copied children. */
gpointer  sl_model_copy  (GObject *object);
/* Is pspec one of the child lists (a read-only GListStore property)? */
gboolean  sl_model_is_list_property (GParamSpec *pspec);
/* Is pspec a plain value the document stores (readable and writable)? */
gboolean  sl_model_is_value_property (GParamSpec *pspec);

G_END_DECLS
