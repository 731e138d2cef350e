/* sl-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>

#include "sl-history.h"

typedef enum {
  OP_SET,
  OP_INSERT,
  OP_REMOVE,
  OP_REORDER,
} OpKind;

typedef struct {
  OpKind      kind;
  GObject    *object;    /* OP_SET: the edited object; else the GListStore */
  GParamSpec *pspec;     /* OP_SET */
  GValue      before;    /* OP_SET */
  GValue      after;     /* OP_SET */
  GObject    *item;      /* OP_INSERT / OP_REMOVE */
  guint       position;  /* OP_INSERT / OP_REMOVE / OP_REORDER (from) */
  guint       target;    /* OP_REORDER (to) */
} Op;

typedef struct {
  char      *label;
  GPtrArray *ops;        /* (element-type Op) in the order they were done */
  gint64     last_edit;  /* monotonic µs, for merging */
  gboolean   sealed;
} Step;

struct _SlHistory
{
  GObject    parent_instance;
  GPtrArray *undo;       /* (element-type Step) oldest first */
  GPtrArray *redo;       /* (element-type Step) next redo last */
  Step      *open;       /* the group being built, or NULL */
  guint      depth;      /* nesting of begin/end */
  gint64     merge_window;
  /* Undo-stack length at the last save; G_MAXUINT when the saved state can no
   * longer be reached (its steps were dropped). */
  guint      clean_len;
};

G_DEFINE_FINAL_TYPE (SlHistory, sl_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_DIRTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->object);
  g_clear_object (&op->item);
  if (G_IS_VALUE (&op->before))
    g_value_unset (&op->before);
  if (G_IS_VALUE (&op->after))
    g_value_unset (&op->after);
  g_free (op);
}

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->ops = g_ptr_array_new_with_free_func (op_free);
  step->last_edit = g_get_monotonic_time ();
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_ptr_array_unref (step->ops);
  g_free (step);
}

static void
op_apply (Op *op, gboolean forward)
{
  switch (op->kind)
    {
    case OP_SET:
      g_object_set_property (op->object, op->pspec->name, forward ? &op->after : &op->before);
      break;
    case OP_INSERT:
    case OP_REMOVE:
      if ((op->kind == OP_INSERT) == forward)
        g_list_store_insert (G_LIST_STORE (op->object), op->position, op->item);
      else
        g_list_store_remove (G_LIST_STORE (op->object), op->position);
      break;
    case OP_REORDER:
      {
        guint from = forward ? op->position : op->target;
        guint to = forward ? op->target : op->position;
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (op->object), from);

        g_list_store_remove (G_LIST_STORE (op->object), from);
        g_list_store_insert (G_LIST_STORE (op->object), to, item);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
notify_all (SlHistory *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A new edit forks history: the redo steps cannot be reached any more. */
static void
push_step (SlHistory *self, Step *step)
{
  if (self->clean_len != G_MAXUINT && self->clean_len > self->undo->len)
    self->clean_len = G_MAXUINT;
  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, step);
}

static gboolean
can_merge (SlHistory *self, Op *op)
{
  Step *top;
  Op *last;

  if (self->undo->len == 0 || op->kind != OP_SET)
    return FALSE;
  top = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (top->sealed || top->ops->len != 1 || self->clean_len == self->undo->len)
    return FALSE;
  if (g_get_monotonic_time () - top->last_edit > self->merge_window)
    return FALSE;
  last = g_ptr_array_index (top->ops, 0);
  return last->kind == OP_SET && last->object == op->object && last->pspec == op->pspec;
}

/* Files a done op as an undo step of its own, or merges it into the last
 * step when it continues the same edit (typing). Takes the op. */
static void
commit_op (SlHistory *self, Op *op, const char *label)
{
  if (can_merge (self, op))
    {
      Step *top = g_ptr_array_index (self->undo, self->undo->len - 1);
      Op *last = g_ptr_array_index (top->ops, 0);

      g_value_reset (&last->after);
      g_value_copy (&op->after, &last->after);
      top->last_edit = g_get_monotonic_time ();
      op_free (op);
    }
  else
    {
      Step *step = step_new (label);

      g_ptr_array_add (step->ops, op);
      push_step (self, step);
    }
  notify_all (self);
}

/* Does the op, then files it: into the open group or as its own step. */
static void
record (SlHistory *self, Op *op, const char *label)
{
  op_apply (op, TRUE);
  if (self->open != NULL)
    g_ptr_array_add (self->open->ops, op);
  else
    commit_op (self, op, label);
}

static void
sl_history_finalize (GObject *object)
{
  SlHistory *self = SL_HISTORY (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_clear_pointer (&self->open, step_free);
  G_OBJECT_CLASS (sl_history_parent_class)->finalize (object);
}

static void
sl_history_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SlHistory *self = SL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, sl_history_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, sl_history_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, sl_history_get_undo_label (self)); break;
    case PROP_REDO_LABEL: g_value_set_string (value, sl_history_get_redo_label (self)); break;
    case PROP_DIRTY: g_value_set_boolean (value, sl_history_is_dirty (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_class_init (SlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_history_finalize;
  object_class->get_property = sl_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_history_init (SlHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
  /* Long enough for a pause while typing a word, short enough that two
   * separate thoughts stay separate steps. */
  self->merge_window = 2 * G_USEC_PER_SEC;
}

SlHistory *
sl_history_new (void)
{
  return g_object_new (SL_TYPE_HISTORY, NULL);
}

void
sl_history_set_value (SlHistory *self, gpointer object, const char *property, const GValue *value)
{
  GParamSpec *pspec;
  Op *op;
  g_autofree char *label = NULL;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE));

  op = g_new0 (Op, 1);
  op->kind = OP_SET;
  op->object = g_object_ref (object);
  op->pspec = pspec;
  g_value_init (&op->before, pspec->value_type);
  g_value_init (&op->after, pspec->value_type);
  g_object_get_property (object, property, &op->before);
  if (!g_value_transform (value, &op->after) || g_param_value_validate (pspec, &op->after))
    {
      g_autofree char *contents = g_strdup_value_contents (value);

      g_warning ("Refusing an invalid value for %s:%s: %s", G_OBJECT_TYPE_NAME (object), property, contents);
      op_free (op);
      return;
    }
  if (g_param_values_cmp (pspec, &op->before, &op->after) == 0)
    {
      op_free (op);
      return;
    }
  /* Translators: an undo step, e.g. "Change duration" */
  label = g_strdup_printf (_("Change %s"), pspec->name);
  record (self, op, label);
}

void
sl_history_set (SlHistory *self, gpointer object, const char *first_property, ...)
{
  va_list args;
  const char *name;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));

  sl_history_begin (self, NULL);
  va_start (args, first_property);
  for (name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property %s", G_OBJECT_TYPE_NAME (object), name);
          break;
        }
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          break;
        }
      sl_history_set_value (self, object, name, &value);
    }
  va_end (args);
  sl_history_end (self);
}

void
sl_history_insert (SlHistory *self, GListStore *list, guint position, gpointer item)
{
  Op *op;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (G_IS_LIST_STORE (list));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (list)));

  op = g_new0 (Op, 1);
  op->kind = OP_INSERT;
  op->object = g_object_ref (G_OBJECT (list));
  op->item = g_object_ref (item);
  op->position = position;
  record (self, op, _("Add"));
}

void
sl_history_remove (SlHistory *self, GListStore *list, guint position)
{
  Op *op;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (G_IS_LIST_STORE (list));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (list)));

  op = g_new0 (Op, 1);
  op->kind = OP_REMOVE;
  op->object = g_object_ref (G_OBJECT (list));
  op->item = g_list_model_get_item (G_LIST_MODEL (list), position);
  op->position = position;
  record (self, op, _("Delete"));
}

void
sl_history_reorder (SlHistory *self, GListStore *list, guint from, guint to)
{
  Op *op;
  guint n;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (G_IS_LIST_STORE (list));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;

  op = g_new0 (Op, 1);
  op->kind = OP_REORDER;
  op->object = g_object_ref (G_OBJECT (list));
  op->position = from;
  op->target = to;
  record (self, op, _("Reorder"));
}

void
sl_history_begin (SlHistory *self, const char *label)
{
  g_return_if_fail (SL_IS_HISTORY (self));

  if (self->depth++ == 0)
    self->open = step_new (label);
  else if (self->open->label == NULL && label != NULL)
    self->open->label = g_strdup (label);
}

void
sl_history_end (SlHistory *self)
{
  Step *step;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;
  step = g_steal_pointer (&self->open);
  if (step->ops->len == 0)
    {
      step_free (step);
      return;
    }
  if (step->ops->len == 1 && step->label == NULL)
    {
      /* A group of one edit is that edit: it may merge, and takes its label. */
      Op *op = g_ptr_array_steal_index (step->ops, 0);
      g_autofree char *label = NULL;

      if (op->kind == OP_SET)
        label = g_strdup_printf (_("Change %s"), op->pspec->name);
      commit_op (self, op, label ? label : _("Edit"));
      step_free (step);
      return;
    }
  if (step->label == NULL)
    step->label = g_strdup (_("Edit"));
  /* Merging into a group would undo only part of it later. */
  step->sealed = TRUE;
  push_step (self, step);
  notify_all (self);
}

void
sl_history_seal (SlHistory *self)
{
  g_return_if_fail (SL_IS_HISTORY (self));

  if (self->undo->len > 0)
    ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->sealed = TRUE;
}

void
sl_history_set_merge_window (SlHistory *self, gint64 microseconds)
{
  g_return_if_fail (SL_IS_HISTORY (self));
  self->merge_window = microseconds;
}

gboolean
sl_history_can_undo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  return self->undo->len > 0 && self->open == NULL;
}

gboolean
sl_history_can_redo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  return self->redo->len > 0 && self->open == NULL;
}

gboolean
sl_history_undo (SlHistory *self)
{
  Step *step;

  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  if (!sl_history_can_undo (self))
    return FALSE;

  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  for (guint i = step->ops->len; i > 0; i--)
    op_apply (g_ptr_array_index (step->ops, i - 1), FALSE);
  /* Neither the undone step nor the one now on top may absorb the next edit:
   * that would rewrite history the user has already stepped through. */
  step->sealed = TRUE;
  sl_history_seal (self);
  g_ptr_array_add (self->redo, step);
  notify_all (self);
  return TRUE;
}

gboolean
sl_history_redo (SlHistory *self)
{
  Step *step;

  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  if (!sl_history_can_redo (self))
    return FALSE;

  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  for (guint i = 0; i < step->ops->len; i++)
    op_apply (g_ptr_array_index (step->ops, i), TRUE);
  g_ptr_array_add (self->undo, step);
  notify_all (self);
  return TRUE;
}

const char *
sl_history_get_undo_label (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

const char *
sl_history_get_redo_label (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

guint
sl_history_get_n_undo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), 0);
  return self->undo->len;
}

void
sl_history_clear (SlHistory *self)
{
  g_return_if_fail (SL_IS_HISTORY (self));
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->clean_len = 0;
  notify_all (self);
}

gboolean
sl_history_is_dirty (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  return self->clean_len != self->undo->len;
}

void
sl_history_mark_clean (SlHistory *self)
{
  g_return_if_fail (SL_IS_HISTORY (self));
  self->clean_len = self->undo->len;
  notify_all (self);
}

void
sl_history_mark_unsaved (SlHistory *self)
{
  g_return_if_fail (SL_IS_HISTORY (self));
  self->clean_len = G_MAXUINT;
  notify_all (self);
}
