/* sl-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-model"

#include "config.h"

#include "sl-model.h"

gboolean
sl_model_is_list_property (GParamSpec *pspec)
{
  return pspec->value_type == G_TYPE_LIST_STORE && !(pspec->flags & G_PARAM_WRITABLE);
}

gboolean
sl_model_is_value_property (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE
      && !(pspec->flags & G_PARAM_CONSTRUCT_ONLY);
}

static gboolean
lists_equal (GListModel *a, GListModel *b, const char *name, char **where)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    {
      if (where)
        *where = g_strdup_printf ("%s (length %u vs %u)", name, n, g_list_model_get_n_items (b));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);
      g_autofree char *inner = NULL;

      if (!sl_model_equal (x, y, where ? &inner : NULL))
        {
          if (where)
            *where = g_strdup_printf ("%s[%u].%s", name, i, inner);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
sl_model_equal (GObject *a, GObject *b, char **where)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_return_val_if_fail (G_IS_OBJECT (a) && G_IS_OBJECT (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    {
      if (where)
        *where = g_strdup_printf ("type %s vs %s", G_OBJECT_TYPE_NAME (a), G_OBJECT_TYPE_NAME (b));
      return FALSE;
    }
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!sl_model_is_list_property (pspec) && !sl_model_is_value_property (pspec))
        continue;
      g_value_init (&va, pspec->value_type);
      g_value_init (&vb, pspec->value_type);
      g_object_get_property (a, pspec->name, &va);
      g_object_get_property (b, pspec->name, &vb);
      if (sl_model_is_list_property (pspec))
        {
          if (!lists_equal (g_value_get_object (&va), g_value_get_object (&vb), pspec->name, where))
            return FALSE;
        }
      else if (g_param_values_cmp (pspec, &va, &vb) != 0)
        {
          if (where)
            {
              g_autofree char *sa = g_strdup_value_contents (&va);
              g_autofree char *sb = g_strdup_value_contents (&vb);

              *where = g_strdup_printf ("%s (%s vs %s)", pspec->name, sa, sb);
            }
          return FALSE;
        }
    }
  return TRUE;
}

static void
copy_list (GListModel *from, GListStore *to)
{
  for (guint i = 0; i < g_list_model_get_n_items (from); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (from, i);
      g_autoptr(GObject) item_copy = sl_model_copy (item);

      g_list_store_append (to, item_copy);
    }
}

gpointer
sl_model_copy (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  GObject *copy;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  copy = g_object_new (G_OBJECT_TYPE (object), NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) target = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      if (sl_model_is_value_property (pspec))
        {
          g_object_get_property (object, pspec->name, &value);
          g_object_set_property (copy, pspec->name, &value);
        }
      else if (sl_model_is_list_property (pspec))
        {
          g_value_init (&target, pspec->value_type);
          g_object_get_property (object, pspec->name, &value);
          g_object_get_property (copy, pspec->name, &target);
          copy_list (g_value_get_object (&value), g_value_get_object (&target));
        }
    }
  return copy;
}
