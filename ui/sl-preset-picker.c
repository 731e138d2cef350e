/* sl-preset-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preset-picker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shotline-ui.h"

#include "sl-preset-picker.h"

struct _SlPresetPicker
{
  GtkPopover      parent_instance;
  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  char           *query;          /* casefolded, NULL when empty */
};

G_DEFINE_FINAL_TYPE (SlPresetPicker, sl_preset_picker, GTK_TYPE_POPOVER)

enum {
  PRESET_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Both the move presets' and the lexicon's categories, so that one table
 * gives every group name the inspector shows; the moves' come first, in the
 * order the picker lists them: simple moves before combined ones. */
static const struct {
  const char *id;
  const char *title;
} categories[] = {
  { "static", NC_("category", "Static") },
  { "dolly", NC_("category", "Dolly") },
  { "truck", NC_("category", "Truck") },
  { "pedestal", NC_("category", "Pedestal") },
  { "crane", NC_("category", "Crane") },
  { "pan", NC_("category", "Pan") },
  { "tilt", NC_("category", "Tilt") },
  { "roll", NC_("category", "Roll") },
  { "zoom", NC_("category", "Zoom") },
  { "dolly-zoom", NC_("category", "Dolly Zoom") },
  { "orbit", NC_("category", "Orbit") },
  { "handheld", NC_("category", "Handheld") },
  { "follow", NC_("category", "Follow") },
  { "focus", NC_("category", "Focus") },
  { "drone", NC_("category", "Drone") },
  { "compound", NC_("category", "Compound") },
  { "colour", NC_("category", "Colour") },
  { "genre", NC_("category", "Genre") },
  { "landscape", NC_("category", "Landscape") },
  { "light", NC_("category", "Light") },
  { "mood", NC_("category", "Mood") },
  { "optics", NC_("category", "Optics") },
  { "particles", NC_("category", "Particles") },
  { "product", NC_("category", "Product") },
  { "season", NC_("category", "Season") },
  { "time", NC_("category", "Time of Day") },
  { "weather", NC_("category", "Weather") },
};

/* Unknown categories (a user's presets) go last. */
static guint
category_rank (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].id, category) == 0)
      return i;
  return G_N_ELEMENTS (categories);
}

const char *
sl_preset_picker_category_title (const char *category)
{
  guint rank = category_rank (category);

  return rank < G_N_ELEMENTS (categories)
         ? g_dpgettext2 (GETTEXT_PACKAGE, "category", categories[rank].title) : category;
}

static SlPreset *
row_get_preset (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "preset");
}

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, query) != NULL;
}

static gboolean
preset_matches (SlPreset   *preset,
                const char *query)
{
  const char *const *aliases = sl_preset_get_aliases (preset);

  if (contains_folded (sl_preset_get_id (preset), query)
      || contains_folded (sl_preset_get_name_en (preset), query)
      || contains_folded (sl_preset_get_name_zh (preset), query)
      || contains_folded (sl_preset_picker_category_title (sl_preset_get_category (preset)), query))
    return TRUE;
  for (guint i = 0; aliases[i] != NULL; i++)
    if (contains_folded (aliases[i], query))
      return TRUE;
  return FALSE;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  SlPresetPicker *self = user_data;

  return self->query == NULL || preset_matches (row_get_preset (row), self->query);
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  SlPreset *pa = row_get_preset (a);
  SlPreset *pb = row_get_preset (b);
  guint rank_a = category_rank (sl_preset_get_category (pa));
  guint rank_b = category_rank (sl_preset_get_category (pb));
  int by_category = rank_a != rank_b ? (rank_a < rank_b ? -1 : 1)
                                     : g_strcmp0 (sl_preset_get_category (pa), sl_preset_get_category (pb));

  if (by_category != 0)
    return by_category;
  return g_utf8_collate (sl_ui_preset_name (pa), sl_ui_preset_name (pb));
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *category = sl_preset_get_category (row_get_preset (row));
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (category, sl_preset_get_category (row_get_preset (before))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (sl_preset_picker_category_title (category));
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_set_margin_start (header, 8);
  gtk_widget_set_margin_top (header, before != NULL ? 10 : 2);
  gtk_widget_set_margin_bottom (header, 2);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
make_row (SlPreset *preset)
{
  const char *description = sl_ui_preset_description (preset);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (sl_ui_preset_name (preset));

  gtk_widget_set_name (row, sl_preset_get_id (preset));
  g_object_set_data_full (G_OBJECT (row), "preset", g_object_ref (preset), g_object_unref);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (box), title);
  if (description != NULL && *description != '\0')
    {
      GtkWidget *caption = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (caption), 40);
      gtk_widget_set_tooltip_text (row, description);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (box), caption);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_list (SlPresetPicker *self)
{
  SlPresetLibrary *library = sl_preset_library_get_default ();

  for (guint i = 0; library != NULL && i < sl_preset_library_get_n_presets (library); i++)
    gtk_list_box_append (self->list, make_row (sl_preset_library_get_preset (library, i)));
}

static void
choose (SlPresetPicker *self,
        GtkListBoxRow  *row)
{
  g_autoptr(SlPreset) preset = g_object_ref (row_get_preset (row));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PRESET_CHOSEN], 0, preset);
}

static void
on_row_activated (SlPresetPicker *self,
                  GtkListBoxRow  *row)
{
  choose (self, row);
}

static void
on_search_changed (SlPresetPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);
}

/* Enter picks the first move shown, so "push" Enter is enough. */
static void
on_search_activate (SlPresetPicker *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      if (filter_row (row, self))
        {
          choose (self, row);
          return;
        }
    }
}

static void
sl_preset_picker_show (GtkWidget *widget)
{
  SlPresetPicker *self = SL_PRESET_PICKER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  GTK_WIDGET_CLASS (sl_preset_picker_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sl_preset_picker_finalize (GObject *object)
{
  SlPresetPicker *self = SL_PRESET_PICKER (object);

  g_free (self->query);

  G_OBJECT_CLASS (sl_preset_picker_parent_class)->finalize (object);
}

static void
sl_preset_picker_class_init (SlPresetPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sl_preset_picker_finalize;
  widget_class->show = sl_preset_picker_show;

  signals[PRESET_CHOSEN] =
    g_signal_new ("preset-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_PRESET);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-preset-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPresetPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SlPresetPicker, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
}

static void
sl_preset_picker_init (SlPresetPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_list_box_set_sort_func (self->list, sort_rows, NULL, NULL);
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  fill_list (self);
}

GtkWidget *
sl_preset_picker_new (void)
{
  return g_object_new (SL_TYPE_PRESET_PICKER, NULL);
}
