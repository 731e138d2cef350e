/* sl-move-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-move-row"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "shotline-ui.h"

#include "sl-move-row.h"
#include "sl-preset-picker.h"
#include "sl-units.h"

struct _SlMoveRow
{
  AdwExpanderRow  parent_instance;

  SlEditor       *editor;
  SlShot         *shot;
  SlMove         *move;
  GArray         *units;        /* SlUnit shown in unit_dropdown, in its order */
  guint           updating;     /* > 0 while the row writes its own widgets */

  GtkButton      *up_button;
  GtkButton      *down_button;
  GtkButton      *remove_button;
  AdwActionRow   *amount_row;
  GtkSpinButton  *amount_spin;
  GtkLabel       *unit_label;
  GtkDropDown    *unit_dropdown;
  GtkSpinButton  *start_spin;
  GtkSpinButton  *end_spin;
  AdwComboRow    *easing_row;
};

G_DEFINE_FINAL_TYPE (SlMoveRow, sl_move_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_SHOT,
  PROP_MOVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
unit_symbol (SlUnit unit)
{
  switch (unit)
    {
    case SL_UNIT_DEGREES: return "°";
    case SL_UNIT_PERCENT: return "%";
    /* Translators: the symbol of metres after an amount */
    case SL_UNIT_METERS: return C_("unit", "m");
    case SL_UNIT_FACTOR: return "×";
    /* Translators: the symbol of millimetres after a focal length */
    case SL_UNIT_MILLIMETERS: return C_("unit", "mm");
    /* Translators: the symbol of seconds after a time */
    case SL_UNIT_SECONDS: return C_("unit", "s");
    case SL_UNIT_NONE:
    default:
      return "";
    }
}

/* "20%", "6°", "1.5×", "2 m": symbols glue to the number, words do not. */
static char *
format_amount (double amount,
               SlUnit unit)
{
  g_autofree char *number = sl_format_double (amount, 0);
  gboolean glued = unit == SL_UNIT_DEGREES || unit == SL_UNIT_PERCENT || unit == SL_UNIT_FACTOR;

  if (unit == SL_UNIT_NONE)
    return g_steal_pointer (&number);
  return g_strconcat (number, glued ? "" : " ", unit_symbol (unit), NULL);
}

/* Seconds with at most two decimals, without trailing zeros. */
static char *
format_seconds (gint64 ns)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", (double) ns / SL_SECOND));
  char *end = text + strlen (text);

  while (end > text && end[-1] == '0')
    *--end = '\0';
  if (end > text && end[-1] == '.')
    *--end = '\0';
  return g_steal_pointer (&text);
}

static SlPreset *
lookup_preset (SlMoveRow *self)
{
  SlPresetLibrary *library = sl_preset_library_get_default ();

  return library ? sl_preset_library_lookup (library, sl_move_get_kind (self->move)) : NULL;
}

static char *
dup_summary (SlMoveRow *self)
{
  GListModel *easings = adw_combo_row_get_model (self->easing_row);
  gint64 duration = sl_shot_get_duration (self->shot);
  g_autofree char *amount = NULL;
  g_autofree char *timing = NULL;
  const char *easing;
  gint64 start, end;

  sl_move_resolve_range (self->move, duration, &start, &end);
  if (start == 0 && end == duration)
    timing = g_strdup (_("whole shot"));
  else
    {
      g_autofree char *from = format_seconds (start);
      g_autofree char *to = format_seconds (end);

      /* Translators: the part of a shot a camera move takes, e.g. "1–3.5 s" */
      timing = g_strdup_printf (_("%s–%s s"), from, to);
    }
  easing = gtk_string_list_get_string (GTK_STRING_LIST (easings), sl_move_get_easing (self->move));
  if (!gtk_widget_get_visible (GTK_WIDGET (self->amount_row)))
    return g_strdup_printf ("%s · %s", timing, easing);
  amount = format_amount (sl_move_get_amount (self->move), sl_move_get_unit (self->move));
  return g_strdup_printf ("%s · %s · %s", amount, timing, easing);
}

/* Does the spin button already show @value, as far as its digits go? Then
 * writing its value back would only round the document's number. */
static gboolean
spin_shows (GtkSpinButton *spin,
            double         value)
{
  double scale = pow (10.0, gtk_spin_button_get_digits (spin));

  return round (gtk_spin_button_get_value (spin) * scale) == round (value * scale);
}

/* The units the move may be written in: its preset's, plus the one it has
 * (a document may carry a unit the preset no longer takes). */
static void
fill_units (SlMoveRow *self)
{
  SlPreset *preset = lookup_preset (self);
  g_autoptr(GtkStringList) symbols = gtk_string_list_new (NULL);

  g_array_set_size (self->units, 0);
  for (SlUnit unit = SL_UNIT_NONE; unit <= SL_UNIT_SECONDS; unit++)
    {
      if (unit == sl_move_get_unit (self->move) || (preset != NULL && sl_preset_accepts_unit (preset, unit)))
        {
          g_array_append_val (self->units, unit);
          gtk_string_list_append (symbols, unit_symbol (unit));
        }
    }
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (symbols));
}

static guint
unit_position (SlMoveRow *self,
               SlUnit     unit)
{
  for (guint i = 0; i < self->units->len; i++)
    if (g_array_index (self->units, SlUnit, i) == unit)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
refresh_amount (SlMoveRow *self)
{
  SlUnit unit = sl_move_get_unit (self->move);
  gboolean has_amount;

  if (unit_position (self, unit) == GTK_INVALID_LIST_POSITION)
    fill_units (self);
  has_amount = !(self->units->len == 1 && unit == SL_UNIT_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), has_amount);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_dropdown), self->units->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label), self->units->len <= 1);
  gtk_label_set_text (self->unit_label, unit_symbol (unit));
  gtk_drop_down_set_selected (self->unit_dropdown, unit_position (self, unit));
  gtk_spin_button_set_value (self->amount_spin, sl_move_get_amount (self->move));
}

static void
refresh_timing (SlMoveRow *self)
{
  gint64 duration = sl_shot_get_duration (self->shot);
  double seconds = (double) duration / SL_SECOND;
  gint64 start, end;

  sl_move_resolve_range (self->move, duration, &start, &end);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->start_spin), seconds);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->end_spin), seconds);
  gtk_spin_button_set_value (self->start_spin, (double) start / SL_SECOND);
  gtk_spin_button_set_value (self->end_spin, (double) end / SL_SECOND);
}

static void
refresh_order (SlMoveRow *self)
{
  GListStore *moves = sl_shot_get_moves (self->shot);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (moves));
  guint position;

  if (!g_list_store_find (moves, self->move, &position))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), position > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), position + 1 < n);
}

static void
refresh (SlMoveRow *self)
{
  SlPreset *preset = lookup_preset (self);
  g_autofree char *summary = NULL;

  self->updating++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 preset ? sl_ui_preset_name (preset) : sl_move_get_kind (self->move));
  refresh_amount (self);
  refresh_timing (self);
  adw_combo_row_set_selected (self->easing_row, sl_move_get_easing (self->move));
  summary = dup_summary (self);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary);
  refresh_order (self);
  self->updating--;
}

static void
on_move_notify (SlMoveRow  *self,
                GParamSpec *pspec)
{
  if (g_strcmp0 (pspec->name, "kind") == 0)
    fill_units (self);
  refresh (self);
}

static void
on_amount_changed (SlMoveRow *self)
{
  double value = gtk_spin_button_get_value (self->amount_spin);

  if (self->updating > 0 || spin_shows (self->amount_spin, sl_move_get_amount (self->move)))
    return;
  sl_history_set (sl_editor_get_history (self->editor), self->move, "amount", value, NULL);
}

static void
on_unit_selected (SlMoveRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->updating > 0 || selected >= self->units->len)
    return;
  sl_history_set (sl_editor_get_history (self->editor), self->move,
                  "unit", g_array_index (self->units, SlUnit, selected), NULL);
}

static void
on_start_changed (SlMoveRow *self)
{
  gint64 start, end;

  sl_move_resolve_range (self->move, sl_shot_get_duration (self->shot), &start, &end);
  if (self->updating > 0 || spin_shows (self->start_spin, (double) start / SL_SECOND))
    return;
  start = llround (gtk_spin_button_get_value (self->start_spin) * SL_SECOND);
  sl_history_set (sl_editor_get_history (self->editor), self->move, "start", start, NULL);
}

/* The shot's full length stores "until the end", so the move keeps ending
 * with the shot when the shot's length changes. */
static void
on_end_changed (SlMoveRow *self)
{
  gint64 duration = sl_shot_get_duration (self->shot);
  gint64 start, end;

  sl_move_resolve_range (self->move, duration, &start, &end);
  if (self->updating > 0 || spin_shows (self->end_spin, (double) end / SL_SECOND))
    return;
  end = llround (gtk_spin_button_get_value (self->end_spin) * SL_SECOND);
  if (spin_shows (self->end_spin, (double) duration / SL_SECOND))
    end = -1;
  sl_history_set (sl_editor_get_history (self->editor), self->move, "end", end, NULL);
}

static void
on_easing_selected (SlMoveRow *self)
{
  guint selected = adw_combo_row_get_selected (self->easing_row);

  if (self->updating > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  sl_history_set (sl_editor_get_history (self->editor), self->move, "easing", (SlEasing) selected, NULL);
}

static void
reorder (SlMoveRow *self,
         int        delta)
{
  GListStore *moves = sl_shot_get_moves (self->shot);
  SlHistory *history = sl_editor_get_history (self->editor);
  guint position;

  if (!g_list_store_find (moves, self->move, &position))
    return;
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= g_list_model_get_n_items (G_LIST_MODEL (moves))))
    return;
  sl_history_begin (history, _("Reorder Moves"));
  sl_history_reorder (history, moves, position, position + delta);
  sl_history_end (history);
}

static void
on_up_clicked (SlMoveRow *self)
{
  reorder (self, -1);
}

static void
on_down_clicked (SlMoveRow *self)
{
  reorder (self, 1);
}

static void
on_remove_clicked (SlMoveRow *self)
{
  GListStore *moves = sl_shot_get_moves (self->shot);
  SlHistory *history = sl_editor_get_history (self->editor);
  guint position;

  if (!g_list_store_find (moves, self->move, &position))
    return;
  sl_history_begin (history, _("Remove Move"));
  sl_history_remove (history, moves, position);
  sl_history_end (history);
}

/* Leaving a field ends its edit: the next change there is a new undo step. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                SlMoveRow               *self)
{
  sl_history_seal (sl_editor_get_history (self->editor));
}

static void
seal_on_focus_leave (SlMoveRow *self,
                     GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

static void
sl_move_row_constructed (GObject *object)
{
  SlMoveRow *self = SL_MOVE_ROW (object);

  G_OBJECT_CLASS (sl_move_row_parent_class)->constructed (object);

  fill_units (self);
  g_signal_connect_object (self->move, "notify", G_CALLBACK (on_move_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shot, "notify::duration", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_shot_get_moves (self->shot), "items-changed",
                           G_CALLBACK (refresh_order), self, G_CONNECT_SWAPPED);
  seal_on_focus_leave (self, GTK_WIDGET (self->amount_spin));
  seal_on_focus_leave (self, GTK_WIDGET (self->start_spin));
  seal_on_focus_leave (self, GTK_WIDGET (self->end_spin));
  refresh (self);
}

static void
sl_move_row_dispose (GObject *object)
{
  SlMoveRow *self = SL_MOVE_ROW (object);

  if (self->move != NULL)
    g_signal_handlers_disconnect_by_data (self->move, self);
  if (self->shot != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->shot, self);
      g_signal_handlers_disconnect_by_data (sl_shot_get_moves (self->shot), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_MOVE_ROW);
  g_clear_object (&self->move);
  g_clear_object (&self->shot);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->units, g_array_unref);

  G_OBJECT_CLASS (sl_move_row_parent_class)->dispose (object);
}

static void
sl_move_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlMoveRow *self = SL_MOVE_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR: g_value_set_object (value, self->editor); break;
    case PROP_SHOT: g_value_set_object (value, self->shot); break;
    case PROP_MOVE: g_value_set_object (value, self->move); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_move_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlMoveRow *self = SL_MOVE_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR: self->editor = g_value_dup_object (value); break;
    case PROP_SHOT: self->shot = g_value_dup_object (value); break;
    case PROP_MOVE: self->move = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_move_row_class_init (SlMoveRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_move_row_constructed;
  object_class->dispose = sl_move_row_dispose;
  object_class->get_property = sl_move_row_get_property;
  object_class->set_property = sl_move_row_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOT] =
    g_param_spec_object ("shot", NULL, NULL, SL_TYPE_SHOT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOVE] =
    g_param_spec_object ("move", NULL, NULL, SL_TYPE_MOVE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-move-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, amount_row);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, amount_spin);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, unit_label);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, start_spin);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, end_spin);
  gtk_widget_class_bind_template_child (widget_class, SlMoveRow, easing_row);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_start_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_end_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_easing_selected);
}

static void
sl_move_row_init (SlMoveRow *self)
{
  self->units = g_array_new (FALSE, FALSE, sizeof (SlUnit));
  /* The template's signal handlers fire while it is built. */
  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating--;
}

GtkWidget *
sl_move_row_new (SlEditor *editor,
                 SlShot   *shot,
                 SlMove   *move)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (SL_IS_SHOT (shot), NULL);
  g_return_val_if_fail (SL_IS_MOVE (move), NULL);

  return g_object_new (SL_TYPE_MOVE_ROW, "editor", editor, "shot", shot, "move", move, NULL);
}

SlMove *
sl_move_row_get_move (SlMoveRow *self)
{
  g_return_val_if_fail (SL_IS_MOVE_ROW (self), NULL);
  return self->move;
}
