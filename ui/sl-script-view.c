/* sl-script-view.c
 *
 * The text and the project are two views of one document. Typing is parsed
 * a moment after it stops; a clean parse is applied to the project as one
 * undo step of the project's history (sl_model_sync changes only what
 * differs). A change of the project from anywhere else prints the text
 * again, unless the text has errors: then the user's text stays, marked out
 * of sync, until it is fixed or reverted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-script-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gtksourceview/gtksource.h>

#include "sl-script-view.h"

/* Long enough not to parse half a word, short enough to feel live. */
#define PARSE_DELAY_MS 300
#define ERROR_CATEGORY "error"
#define ERROR_TAG "script-error"

struct _SlScriptView
{
  GtkWidget        parent_instance;
  SlEditor        *editor;
  SlProject       *project;
  GSettings       *settings;
  GSimpleAction   *reformat_action;
  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GtkSourceMarkAttributes *error_attributes;
  /* (element-type SlDiagnostic) of the text as it is now; empty when it parses */
  GPtrArray       *diagnostics;
  guint            parse_source;
  guint            reprint_source;
  /* Our own edit of the project is under way: its ::changed is no news. */
  gboolean         applying;
  /* We are replacing the text: that is no typing. */
  gboolean         reprinting;
  /* The project changed while the text had errors and was not reprinted. */
  gboolean         out_of_sync;

  GtkSourceView   *view;
  GtkImage        *status_icon;
  GtkRevealer     *diagnostics_revealer;
  GtkLabel        *diagnostics_title;
  GtkLabel        *diagnostics_subtitle;
  GtkListBox      *diagnostics_list;
};

G_DEFINE_FINAL_TYPE (SlScriptView, sl_script_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlScriptLanguage
get_language (SlScriptView *self)
{
  g_autofree char *nick = g_settings_get_string (self->settings, "script-language");

  return g_strcmp0 (nick, "zh") == 0 ? SL_SCRIPT_CHINESE : SL_SCRIPT_ENGLISH;
}

static char *
get_text (SlScriptView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

/* "Line 3, column 7: expected …; did you mean “x”?" */
static char *
describe (const SlDiagnostic *diagnostic)
{
  g_autofree char *message = NULL;

  if (diagnostic->suggestion != NULL)
    /* Translators: a problem in the script and the word the user may have meant */
    message = g_strdup_printf (_("%s; did you mean “%s”?"), diagnostic->message, diagnostic->suggestion);
  else
    message = g_strdup (diagnostic->message);
  /* Translators: where a problem in the script is, then what it is */
  return g_strdup_printf (_("Line %u, column %u: %s"), diagnostic->line, diagnostic->column, message);
}

/* The characters a diagnostic is about: at least one, so that a problem at
 * the end of a line (a missing word) still shows. */
static void
diagnostic_range (SlScriptView *self, const SlDiagnostic *diagnostic, GtkTextIter *start, GtkTextIter *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  guint line = MAX (diagnostic->line, 1) - 1;
  guint column = MAX (diagnostic->column, 1) - 1;
  guint length = MAX (diagnostic->end_column, diagnostic->column + 1) - diagnostic->column;

  gtk_text_buffer_get_iter_at_line (buffer, start, (int) line);
  if (!gtk_text_iter_ends_line (start))
    gtk_text_iter_forward_to_line_end (start);
  column = MIN (column, (guint) gtk_text_iter_get_line_offset (start));
  gtk_text_buffer_get_iter_at_line_offset (buffer, start, gtk_text_iter_get_line (start), (int) column);
  *end = *start;
  for (guint i = 0; i < length && !gtk_text_iter_ends_line (end); i++)
    gtk_text_iter_forward_char (end);
  if (gtk_text_iter_equal (start, end) && !gtk_text_iter_starts_line (start))
    gtk_text_iter_backward_char (start);
}

static void
update_status (SlScriptView *self)
{
  guint n = self->diagnostics->len;
  g_autofree char *title = NULL;

  g_simple_action_set_enabled (self->reformat_action, n == 0);
  if (n == 0)
    {
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), _("The project is up to date with the text"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "dim-label");
      gtk_revealer_set_reveal_child (self->diagnostics_revealer, FALSE);
      return;
    }
  gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), _("The text has errors: the project keeps its last valid version"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem in the script", "%u problems in the script", n), n);
  gtk_label_set_label (self->diagnostics_title, title);
  gtk_label_set_label (self->diagnostics_subtitle,
                       self->out_of_sync
                       ? _("The project has changed since. Fix the text to apply it, or revert to the project.")
                       : _("The project keeps its last valid version until the text is fixed."));
  gtk_revealer_set_reveal_child (self->diagnostics_revealer, TRUE);
}

static void
clear_diagnostics (SlScriptView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;
  GtkWidget *row;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, ERROR_CATEGORY);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->diagnostics_list))) != NULL)
    gtk_list_box_remove (self->diagnostics_list, row);
  g_ptr_array_set_size (self->diagnostics, 0);
}

static GtkWidget *
diagnostic_row (const SlDiagnostic *diagnostic)
{
  g_autofree char *text = describe (diagnostic);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_widget_set_tooltip_text (row, _("Go to the problem"));
  return row;
}

/* Takes @diagnostics (element-type SlDiagnostic); NULL = none. */
static void
show_diagnostics (SlScriptView *self, GPtrArray *diagnostics)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  clear_diagnostics (self);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      SlDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      GtkTextIter start, end, line_start;

      diagnostic_range (self, diagnostic, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
      gtk_text_buffer_get_iter_at_line (buffer, &line_start, gtk_text_iter_get_line (&start));
      gtk_source_buffer_create_source_mark (self->buffer, NULL, ERROR_CATEGORY, &line_start);
      gtk_list_box_append (self->diagnostics_list, diagnostic_row (diagnostic));
      g_ptr_array_add (self->diagnostics, sl_diagnostic_copy (diagnostic));
    }
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  if (self->diagnostics->len == 0)
    self->out_of_sync = FALSE;
  update_status (self);
}

/* Applies @parsed to the live project as one undo step. A fixed text wins
 * over changes made elsewhere while it was broken: they are undone by it,
 * undoably. */
static void
apply (SlScriptView *self, SlProject *parsed)
{
  self->applying = TRUE;
  sl_model_sync (sl_editor_get_history (self->editor), G_OBJECT (self->project), G_OBJECT (parsed));
  self->applying = FALSE;
}

static void
parse_now (SlScriptView *self)
{
  g_autofree char *text = get_text (self);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(SlProject) parsed = NULL;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  parsed = sl_script_parse (text, -1, NULL, NULL, &diagnostics, NULL);
  show_diagnostics (self, g_steal_pointer (&diagnostics));
  if (parsed != NULL)
    apply (self, parsed);
}

static gboolean
on_parse_timeout (gpointer data)
{
  SlScriptView *self = data;

  self->parse_source = 0;
  parse_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (SlScriptView *self)
{
  if (self->reprinting)
    return;
  g_clear_handle_id (&self->parse_source, g_source_remove);
  self->parse_source = g_timeout_add (PARSE_DELAY_MS, on_parse_timeout, self);
}

/* Bytes at the start and the end that @a and @b share, cut at whole
 * characters, not overlapping. */
static void
common_ends (const char *a, const char *b, gsize *prefix, gsize *suffix)
{
  gsize len_a = strlen (a), len_b = strlen (b);
  gsize p = 0, s = 0;

  while (p < len_a && p < len_b && a[p] == b[p])
    p++;
  while (p > 0 && (((guchar) a[p] & 0xC0) == 0x80 || ((guchar) b[p] & 0xC0) == 0x80))
    p--;
  while (s < len_a - p && s < len_b - p && a[len_a - 1 - s] == b[len_b - 1 - s])
    s++;
  while (s > 0 && ((guchar) a[len_a - s] & 0xC0) == 0x80)
    s--;
  *prefix = p;
  *suffix = s;
}

/* Replaces only what differs, so the view does not jump; outside GtkSource's
 * undo, which belongs to the user's typing. The cursor keeps its text when
 * that text stays, else its line and column (clamped). */
static void
replace_text (SlScriptView *self, const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *old = get_text (self);
  GtkTextIter start, end, cursor;
  gsize prefix, suffix;
  glong from, to, at;
  int line, column;

  if (g_strcmp0 (old, text) == 0)
    return;
  common_ends (old, text, &prefix, &suffix);
  from = g_utf8_pointer_to_offset (old, old + prefix);
  to = g_utf8_pointer_to_offset (old, old + strlen (old) - suffix);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  at = gtk_text_iter_get_offset (&cursor);
  line = gtk_text_iter_get_line (&cursor);
  column = gtk_text_iter_get_line_offset (&cursor);

  self->reprinting = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) to);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text + prefix, (int) (strlen (text) - prefix - suffix));
  gtk_text_buffer_end_irreversible_action (buffer);
  self->reprinting = FALSE;

  if (at >= from && at <= to)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &cursor, line);
      if (gtk_text_iter_get_line (&cursor) == line && !gtk_text_iter_ends_line (&cursor))
        gtk_text_iter_forward_to_line_end (&cursor);
      column = MIN (column, gtk_text_iter_get_line_offset (&cursor));
      gtk_text_buffer_get_iter_at_line_offset (buffer, &cursor, gtk_text_iter_get_line (&cursor), column);
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
}

/* The text becomes the project's, printed; whatever the user typed and did
 * not apply is dropped. */
static void
reprint (SlScriptView *self)
{
  g_autofree char *text = sl_script_print (self->project, get_language (self));

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->reprint_source, g_source_remove);
  replace_text (self, text);
  self->out_of_sync = FALSE;
  show_diagnostics (self, NULL);
}

static gboolean
on_reprint_idle (gpointer data)
{
  SlScriptView *self = data;

  self->reprint_source = 0;
  if (self->diagnostics->len > 0)
    {
      self->out_of_sync = TRUE;
      update_status (self);
    }
  else
    reprint (self);
  return G_SOURCE_REMOVE;
}

/* An undo step may change many things: print once, when it is done. */
static void
on_project_changed (SlScriptView *self)
{
  if (self->applying || self->reprint_source != 0)
    return;
  self->reprint_source = g_idle_add (on_reprint_idle, self);
}

static void
on_language_changed (SlScriptView *self)
{
  if (self->parse_source != 0)
    parse_now (self);
  if (self->diagnostics->len == 0)
    reprint (self);
}

static void
on_reformat (SlScriptView *self)
{
  /* Typing not yet applied is applied first, so reformatting keeps it. */
  if (self->parse_source != 0)
    parse_now (self);
  if (self->diagnostics->len == 0)
    reprint (self);
}

static void
setup_actions (SlScriptView *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) language = g_settings_create_action (self->settings, "script-language");
  g_autoptr(GSimpleAction) revert = g_simple_action_new ("revert", NULL);

  self->reformat_action = g_simple_action_new ("reformat", NULL);
  g_signal_connect_object (self->reformat_action, "activate", G_CALLBACK (on_reformat), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (revert, "activate", G_CALLBACK (reprint), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (group), language);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->reformat_action));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (revert));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "script", G_ACTION_GROUP (group));
}

static void
on_row_activated (SlScriptView *self, GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  if (index < 0 || (guint) index >= self->diagnostics->len)
    return;
  diagnostic_range (self, g_ptr_array_index (self->diagnostics, index), &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer), 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Every problem of @line (from 0), one per line of text, or NULL. */
static char *
describe_line (SlScriptView *self, int line, int column)
{
  GString *text = NULL;

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      SlDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      GtkTextIter start, end;
      g_autofree char *description = NULL;

      diagnostic_range (self, diagnostic, &start, &end);
      if (gtk_text_iter_get_line (&start) != line)
        continue;
      if (column >= 0 && (column < gtk_text_iter_get_line_offset (&start)
                          || column >= MAX (gtk_text_iter_get_line_offset (&end), gtk_text_iter_get_line_offset (&start) + 1)))
        continue;
      description = describe (diagnostic);
      if (text == NULL)
        text = g_string_new (description);
      else
        g_string_append_printf (text, "\n%s", description);
    }
  return text ? g_string_free (text, FALSE) : NULL;
}

static gboolean
on_query_tooltip (SlScriptView *self, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GtkTextIter iter;
  g_autofree char *text = NULL;
  int bx, by;

  if (keyboard)
    gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter,
                                      gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  else
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
        return FALSE;
    }
  if (!gtk_text_iter_has_tag (&iter, self->error_tag))
    return FALSE;
  text = describe_line (self, gtk_text_iter_get_line (&iter), gtk_text_iter_get_line_offset (&iter));
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static char *
on_mark_tooltip (GtkSourceMarkAttributes *attributes, GtkSourceMark *mark, SlScriptView *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter, GTK_TEXT_MARK (mark));
  return describe_line (self, gtk_text_iter_get_line (&iter), -1);
}

/* The Adwaita scheme and an error colour that reads on it. */
static void
on_dark_changed (SlScriptView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GdkRGBA red, line;

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita"));
  gdk_rgba_parse (&red, dark ? "#ff7b63" : "#e01b24");
  g_object_set (self->error_tag, "underline-rgba", &red, NULL);
  line = red;
  line.alpha = 0.12f;
  gtk_source_mark_attributes_set_background (self->error_attributes, &line);
}

static GtkSourceLanguage *
get_shotline_language (void)
{
  static gsize added;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  if (g_once_init_enter (&added))
    {
      gtk_source_language_manager_append_search_path (languages, "resource:///app/shotline/Shotline/language-specs/");
      g_once_init_leave (&added, 1);
    }
  return gtk_source_language_manager_get_language (languages, "shotline");
}

static void
setup_buffer (SlScriptView *self)
{
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (self->buffer, get_shotline_language ());
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), ERROR_TAG,
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->error_attributes = gtk_source_mark_attributes_new ();
  gtk_source_mark_attributes_set_icon_name (self->error_attributes, "dialog-error-symbolic");
  g_signal_connect_object (self->error_attributes, "query-tooltip-text", G_CALLBACK (on_mark_tooltip), self, 0);
  gtk_source_view_set_mark_attributes (self->view, ERROR_CATEGORY, self->error_attributes, 10);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  on_dark_changed (self);
}

static void
sl_script_view_constructed (GObject *object)
{
  SlScriptView *self = SL_SCRIPT_VIEW (object);

  G_OBJECT_CLASS (sl_script_view_parent_class)->constructed (object);

  self->project = g_object_ref (sl_editor_get_project (self->editor));
  self->settings = g_settings_new (APP_ID);
  setup_actions (self);
  g_signal_connect_object (self->settings, "changed::script-language",
                           G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  setup_buffer (self);
  reprint (self);
}

static void
sl_script_view_dispose (GObject *object)
{
  SlScriptView *self = SL_SCRIPT_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->reprint_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_SCRIPT_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->reformat_action);
  g_clear_object (&self->error_attributes);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_script_view_parent_class)->dispose (object);
}

static void
sl_script_view_finalize (GObject *object)
{
  SlScriptView *self = SL_SCRIPT_VIEW (object);

  g_ptr_array_unref (self->diagnostics);

  G_OBJECT_CLASS (sl_script_view_parent_class)->finalize (object);
}

static void
sl_script_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlScriptView *self = SL_SCRIPT_VIEW (object);

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
sl_script_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SlScriptView *self = SL_SCRIPT_VIEW (object);

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
sl_script_view_class_init (SlScriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_script_view_constructed;
  object_class->dispose = sl_script_view_dispose;
  object_class->finalize = sl_script_view_finalize;
  object_class->get_property = sl_script_view_get_property;
  object_class->set_property = sl_script_view_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-script-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlScriptView, view);
  gtk_widget_class_bind_template_child (widget_class, SlScriptView, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SlScriptView, diagnostics_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlScriptView, diagnostics_title);
  gtk_widget_class_bind_template_child (widget_class, SlScriptView, diagnostics_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SlScriptView, diagnostics_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sl_script_view_init (SlScriptView *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_diagnostic_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_script_view_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_SCRIPT_VIEW, "editor", editor, NULL);
}

SlEditor *
sl_script_view_get_editor (SlScriptView *self)
{
  g_return_val_if_fail (SL_IS_SCRIPT_VIEW (self), NULL);
  return self->editor;
}
