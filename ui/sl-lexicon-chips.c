/* sl-lexicon-chips.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-lexicon-chips"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shotline-shots.h"
#include "sl-lexicon-chips.h"
#include "sl-preset-picker.h"

/* Pixels between chips, across and down. */
#define SPACING 4

struct _SlLexiconChips
{
  GtkWidget  parent_instance;
  GStrv      shown;        /* "label\ncategory" of each chip, to skip rebuilds */
};

G_DEFINE_FINAL_TYPE (SlLexiconChips, sl_lexicon_chips, GTK_TYPE_WIDGET)

/* Chips flow left to right at their natural width and wrap like words
 * (GtkFlowBox would stretch them to fill each line). Returns the height
 * the chips take at @width, allocating them when @allocate. */
static int
flow (SlLexiconChips *self,
      int             width,
      gboolean        allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self));
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    {
      int chip_width, chip_height;

      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &chip_width, NULL, NULL);
      chip_width = MIN (chip_width, width);
      gtk_widget_measure (chip, GTK_ORIENTATION_VERTICAL, chip_width, NULL, &chip_height, NULL, NULL);
      if (x > 0 && x + chip_width > width)
        {
          x = 0;
          y += line_height + SPACING;
          line_height = 0;
        }
      if (allocate)
        gtk_widget_size_allocate (chip, &(GtkAllocation) { x, y, chip_width, chip_height }, -1);
      x += chip_width + SPACING;
      line_height = MAX (line_height, chip_height);
    }
  return y + line_height;
}

static void
sl_lexicon_chips_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SlLexiconChips *self = SL_LEXICON_CHIPS (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = flow (self, for_size < 0 ? G_MAXINT / 2 : for_size, FALSE);
      return;
    }
  for (GtkWidget *chip = gtk_widget_get_first_child (widget);
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    {
      int chip_minimum, chip_natural;

      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, &chip_minimum, &chip_natural, NULL, NULL);
      *minimum = MAX (*minimum, chip_minimum);
      *natural += chip_natural + (*natural > 0 ? SPACING : 0);
    }
}

static void
sl_lexicon_chips_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  flow (SL_LEXICON_CHIPS (widget), width, TRUE);
}

static GtkSizeRequestMode
sl_lexicon_chips_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
remove_chips (SlLexiconChips *self)
{
  GtkWidget *chip;

  while ((chip = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (chip);
}

static void
sl_lexicon_chips_dispose (GObject *object)
{
  SlLexiconChips *self = SL_LEXICON_CHIPS (object);

  remove_chips (self);
  g_clear_pointer (&self->shown, g_strfreev);

  G_OBJECT_CLASS (sl_lexicon_chips_parent_class)->dispose (object);
}

static void
sl_lexicon_chips_class_init (SlLexiconChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_lexicon_chips_dispose;
  widget_class->measure = sl_lexicon_chips_measure;
  widget_class->size_allocate = sl_lexicon_chips_size_allocate;
  widget_class->get_request_mode = sl_lexicon_chips_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "lexiconchips");
}

static void
sl_lexicon_chips_init (SlLexiconChips *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sl_lexicon_chips_new (void)
{
  return g_object_new (SL_TYPE_LEXICON_CHIPS, NULL);
}

/* "label\ncategory" for each match; the Chinese label when the prompt used
 * the Chinese word, since that is the language the user is writing in. */
static GStrv
describe_matches (const char *prompt)
{
  SlLexicon *lexicon = sl_lexicon_get_default ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(SlLook) look = NULL;

  if (lexicon == NULL || prompt == NULL || *prompt == '\0')
    return g_strv_builder_end (builder);
  look = sl_lexicon_resolve (lexicon, prompt, &matches);
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      SlLexiconMatch *match = g_ptr_array_index (matches, i);
      const char *label = g_str_is_ascii (match->text) ? match->label_en : match->label_zh;
      const char *category = "";
      g_autofree char *description = NULL;
      guint index;

      if (sl_lexicon_lookup (lexicon, match->entry_id, &index))
        category = sl_lexicon_get_entry_category (lexicon, index);
      description = g_strconcat (label, "\n", category, NULL);
      g_strv_builder_add (builder, description);
    }
  return g_strv_builder_end (builder);
}

static GtkWidget *
make_chip (const char *description)
{
  g_auto(GStrv) parts = g_strsplit (description, "\n", 2);
  GtkWidget *chip = gtk_label_new (parts[0]);

  gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (chip, "lexicon-chip");
  if (parts[1] != NULL && *parts[1] != '\0')
    {
      /* Translators: the tooltip of a prompt word's chip, e.g. "Category: Weather" */
      g_autofree char *tooltip = g_strdup_printf (_("Category: %s"),
                                                  sl_preset_picker_category_title (parts[1]));
      gtk_widget_set_tooltip_text (chip, tooltip);
    }
  return chip;
}

void
sl_lexicon_chips_set_prompt (SlLexiconChips *self,
                             const char     *prompt)
{
  g_auto(GStrv) descriptions = NULL;

  g_return_if_fail (SL_IS_LEXICON_CHIPS (self));

  descriptions = describe_matches (prompt);
  if (self->shown != NULL && g_strv_equal ((const char *const *) self->shown,
                                           (const char *const *) descriptions))
    return;
  remove_chips (self);
  for (guint i = 0; descriptions[i] != NULL; i++)
    gtk_widget_set_parent (make_chip (descriptions[i]), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), descriptions[0] != NULL);
  g_strfreev (self->shown);
  self->shown = g_steal_pointer (&descriptions);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
