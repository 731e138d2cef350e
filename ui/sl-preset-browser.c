/* sl-preset-browser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preset-browser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shotline-ui.h"
#include <string.h>

#include "sl-preset-browser.h"

struct _SlPresetBrowser
{
  GtkWidget           parent_instance;
  SlEditor           *editor;
  char               *needle;      /* the search text, case-folded; NULL: all */
  GListStore         *presets;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkStack           *stack;
};

G_DEFINE_FINAL_TYPE (SlPresetBrowser, sl_preset_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
sl_preset_browser_add_move (SlEditor    *editor,
                            SlShot      *shot,
                            const char  *preset_id,
                            GError     **error)
{
  SlPresetLibrary *library = sl_preset_library_get_default ();
  SlPreset *preset = library && preset_id ? sl_preset_library_lookup (library, preset_id) : NULL;
  SlHistory *history;
  GListStore *moves;
  g_autoptr(SlMove) move = NULL;

  g_return_val_if_fail (SL_IS_EDITOR (editor), FALSE);
  g_return_val_if_fail (SL_IS_SHOT (shot), FALSE);

  if (preset == NULL)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_NOT_FOUND,
                   _("There is no camera move preset named “%s”"), preset_id ? preset_id : "");
      return FALSE;
    }
  history = sl_editor_get_history (editor);
  moves = sl_shot_get_moves (shot);
  move = sl_move_new (sl_preset_get_id (preset), sl_preset_get_default_amount (preset),
                      sl_preset_get_default_unit (preset));
  sl_history_begin (history, _("Add Move"));
  sl_history_insert (history, moves, g_list_model_get_n_items (G_LIST_MODEL (moves)), move);
  sl_history_end (history);
  return TRUE;
}

/* Searching */

static gboolean
contains_folded (const char *text,
                 const char *needle)
{
  g_autofree char *folded = text ? g_utf8_casefold (text, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

static gboolean
matches_any (const char *const *texts,
             const char        *needle)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    if (contains_folded (texts[i], needle))
      return TRUE;
  return FALSE;
}

static gboolean
preset_matches (gpointer item,
                gpointer user_data)
{
  SlPresetBrowser *self = user_data;
  SlPreset *preset = item;

  if (self->needle == NULL)
    return TRUE;
  return contains_folded (sl_preset_get_id (preset), self->needle) ||
         contains_folded (sl_preset_get_name_en (preset), self->needle) ||
         contains_folded (sl_preset_get_name_zh (preset), self->needle) ||
         matches_any (sl_preset_get_aliases (preset), self->needle);
}

static void
update_count (SlPresetBrowser *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->presets));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u move", "%u moves", total), total);
  else
    text = g_strdup_printf (_("%u of %u"), shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
on_search_changed (GtkSearchEntry  *entry,
                   SlPresetBrowser *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Rows */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  SlPreset *preset = g_object_get_data (G_OBJECT (row), "sl-preset");

  if (preset == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_STRING, sl_preset_get_id (preset));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static GtkWidget *
make_label (const char *style,
            gboolean    expand)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}


static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SlPresetBrowser          *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name_en = make_label (NULL, FALSE);
  GtkWidget *name_zh = make_label ("dim-label", TRUE);
  GtkWidget *description = make_label ("dim-label", TRUE);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_widget_add_css_class (description, "caption");
  gtk_box_append (GTK_BOX (names), name_en);
  gtk_box_append (GTK_BOX (names), name_zh);
  gtk_box_append (GTK_BOX (text), names);
  gtk_box_append (GTK_BOX (text), description);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), text);

  gtk_widget_add_css_class (add, "flat");
  gtk_widget_add_css_class (add, "circular");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, _("Add to the selected shot"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add to the selected shot"), -1);
  gtk_box_append (GTK_BOX (row), add);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  g_object_set_data (G_OBJECT (row), "name-en", name_en);
  g_object_set_data (G_OBJECT (row), "name-zh", name_zh);
  g_object_set_data (G_OBJECT (row), "description", description);
  g_object_set_data (G_OBJECT (row), "add", add);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SlPresetBrowser          *self)
{
  SlPreset *preset = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  const char *description = sl_ui_preset_description (preset);
  const char *en = sl_preset_get_description (preset);
  const char *zh = sl_preset_get_description_zh (preset);
  g_autofree char *both = g_strdup_printf ("%s\n%s", en, zh);

  g_object_set_data (G_OBJECT (row), "sl-preset", preset);
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "name-en"), sl_preset_get_name_en (preset));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "name-zh"), sl_preset_get_name_zh (preset));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "description"), description);
  /* The row shows one line; the tooltip gives the whole text in both. */
  gtk_widget_set_tooltip_text (row, g_strcmp0 (en, zh) != 0 ? both : en);
  /* The target first: an action name without its parameter is a warning. */
  gtk_actionable_set_action_target_value (g_object_get_data (G_OBJECT (row), "add"),
                                          g_variant_new_string (sl_preset_get_id (preset)));
  gtk_actionable_set_action_name (g_object_get_data (G_OBJECT (row), "add"), "preset.add");
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SlPresetBrowser          *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "sl-preset", NULL);
}

/* Adding */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SlPresetBrowser *self = SL_PRESET_BROWSER (widget);
  SlShot *shot = sl_editor_get_selected_shot (self->editor);
  g_autoptr(GError) error = NULL;

  if (shot == NULL)
    {
      g_set_error (&error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID, _("Select a shot to add the move to"));
      sl_editor_report_error (self->editor, error);
      return;
    }
  if (!sl_preset_browser_add_move (self->editor, shot, g_variant_get_string (parameter, NULL), &error))
    sl_editor_report_error (self->editor, error);
}

static void
on_activate (GtkListView     *list_view,
             guint            position,
             SlPresetBrowser *self)
{
  g_autoptr(SlPreset) preset = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (preset != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "preset.add", "s", sl_preset_get_id (preset));
}

/* The object */

static void
fill_presets (SlPresetBrowser *self)
{
  SlPresetLibrary *library = sl_preset_library_get_default ();

  for (guint i = 0; library != NULL && i < sl_preset_library_get_n_presets (library); i++)
    g_list_store_append (self->presets, sl_preset_library_get_preset (library, i));
}

static void
sl_preset_browser_dispose (GObject *object)
{
  SlPresetBrowser *self = SL_PRESET_BROWSER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PRESET_BROWSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filtered);
  g_clear_object (&self->presets);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_preset_browser_parent_class)->dispose (object);
}

static void
sl_preset_browser_finalize (GObject *object)
{
  SlPresetBrowser *self = SL_PRESET_BROWSER (object);

  g_free (self->needle);

  G_OBJECT_CLASS (sl_preset_browser_parent_class)->finalize (object);
}

static void
sl_preset_browser_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SlPresetBrowser *self = SL_PRESET_BROWSER (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_preset_browser_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SlPresetBrowser *self = SL_PRESET_BROWSER (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_preset_browser_class_init (SlPresetBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_preset_browser_dispose;
  object_class->finalize = sl_preset_browser_finalize;
  object_class->get_property = sl_preset_browser_get_property;
  object_class->set_property = sl_preset_browser_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-preset-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPresetBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SlPresetBrowser, list_view);
  gtk_widget_class_bind_template_child (widget_class, SlPresetBrowser, count_label);
  gtk_widget_class_bind_template_child (widget_class, SlPresetBrowser, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "preset.add", "s", add_action);
}

static void
sl_preset_browser_init (SlPresetBrowser *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->presets = g_list_store_new (SL_TYPE_PRESET);
  fill_presets (self);
  self->filter = gtk_custom_filter_new (preset_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->presets)),
                                              GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);
  update_count (self);
}

GtkWidget *
sl_preset_browser_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_PRESET_BROWSER, "editor", editor, NULL);
}

SlEditor *
sl_preset_browser_get_editor (SlPresetBrowser *self)
{
  g_return_val_if_fail (SL_IS_PRESET_BROWSER (self), NULL);
  return self->editor;
}
