/* sl-history.h: undo and redo for every edit of the document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_HISTORY (sl_history_get_type ())
G_DECLARE_FINAL_TYPE (SlHistory, sl_history, SL, HISTORY, GObject)

/* Interactive code edits the document only through these calls; each one is
 * undoable. Every edit is one of three primitives (set a property of a
 * document object; insert into, remove from or reorder one of its lists), so
 * undo restores exactly what was there. Consecutive sets of the same property
 * of the same object merge into one step (typing) unless sealed or more than
 * the merge window apart.
 *
 * Properties: can-undo, can-redo, undo-label, redo-label, dirty (changed
 * since sl_history_mark_clean ()). Signal ::changed after any of them. */
SlHistory   *sl_history_new        (void);

void         sl_history_set_value  (SlHistory   *self,
                                    gpointer     object,
                                    const char  *property,
                                    const GValue *value);
/* Like g_object_set (): pairs of property name and value, NULL-terminated;
 * all of them form one undo step. */
void         sl_history_set        (SlHistory   *self,
                                    gpointer     object,
                                    const char  *first_property,
                                    ...) G_GNUC_NULL_TERMINATED;
void         sl_history_insert     (SlHistory   *self,
                                    GListStore  *list,
                                    guint        position,
                                    gpointer     item);
void         sl_history_remove     (SlHistory   *self,
                                    GListStore  *list,
                                    guint        position);
void         sl_history_reorder    (SlHistory   *self,
                                    GListStore  *list,
                                    guint        from,
                                    guint        to);

/* Several edits as one undo step, named for the menu ("Split Shot"). Groups
 * nest; the outermost label wins. */
void         sl_history_begin      (SlHistory   *self,
                                    const char  *label);
void         sl_history_end        (SlHistory   *self);
/* The next edit starts a new step even if it could merge (focus left a field). */
void         sl_history_seal       (SlHistory   *self);
void         sl_history_set_merge_window (SlHistory *self,
                                    gint64       microseconds);

gboolean     sl_history_can_undo   (SlHistory   *self);
gboolean     sl_history_can_redo   (SlHistory   *self);
gboolean     sl_history_undo       (SlHistory   *self);
gboolean     sl_history_redo       (SlHistory   *self);
const char  *sl_history_get_undo_label (SlHistory *self);
const char  *sl_history_get_redo_label (SlHistory *self);
guint        sl_history_get_n_undo (SlHistory   *self);
void         sl_history_clear      (SlHistory   *self);
gboolean     sl_history_is_dirty   (SlHistory   *self);
void         sl_history_mark_clean (SlHistory   *self);
/* The document differs from its file in a way no undo can reach (work
 * restored after a crash): dirty until the next sl_history_mark_clean (). */
void         sl_history_mark_unsaved (SlHistory *self);

G_END_DECLS
