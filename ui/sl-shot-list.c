/* sl-shot-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-shot-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "shotline-ui.h"
#include <string.h>

#include "sl-preset-browser.h"
#include "sl-shot-list.h"
#include "sl-thumbnailer.h"

/* Rendered at 160 × 90 for 16:9 and shown at 80 × 45, so HiDPI stays sharp. */
#define THUMB_HEIGHT 90
#define THUMB_SHOWN_WIDTH 80
#define THUMB_SHOWN_HEIGHT 45
#define NEW_SHOT_DURATION (4 * SL_SECOND)

struct _SlShotList
{
  GtkWidget      parent_instance;
  SlEditor      *editor;
  SlThumbnailer *thumbnailer;
  gboolean       syncing;
  GtkListBoxRow *drop_row;

  GtkListBox    *list_box;
  GtkLabel      *summary_label;
};

G_DEFINE_FINAL_TYPE (SlShotList, sl_shot_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The parts of a row that change with its shot. */
typedef struct {
  SlShot     *shot;
  GtkLabel   *index_label;
  GtkLabel   *name_label;
  GtkLabel   *detail_label;
  GtkPicture *picture;
  GtkWidget  *placeholder;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->shot);
  g_free (row);
}

static Row *
row_get (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "sl-row") : NULL;
}

static SlShot *
row_get_shot (GtkListBoxRow *row)
{
  Row *parts = row_get (row);

  return parts ? parts->shot : NULL;
}

static SlProject *
get_project (SlShotList *self)
{
  return sl_editor_get_project (self->editor);
}

static GListStore *
get_shots (SlShotList *self)
{
  return sl_project_get_shots (get_project (self));
}

static guint
n_shots (SlShotList *self)
{
  return sl_project_get_n_shots (get_project (self));
}

static char *
format_seconds (gint64 duration)
{
  return g_strdup_printf (_("%.1f s"), (double) duration / SL_SECOND);
}

/* "4.0 s · Push In, Pan Right": the length and what the camera does. */
static char *
describe_shot (SlShot *shot)
{
  GListModel *moves = G_LIST_MODEL (sl_shot_get_moves (shot));
  SlPresetLibrary *library = sl_preset_library_get_default ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *seconds = format_seconds (sl_shot_get_duration (shot));

  g_string_append (text, seconds);
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr(SlMove) move = g_list_model_get_item (moves, i);
      SlPreset *preset = library ? sl_preset_library_lookup (library, sl_move_get_kind (move)) : NULL;

      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, preset ? sl_ui_preset_name (preset) : sl_move_get_kind (move));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_thumbnail (SlShotList *self,
                  Row        *row)
{
  GdkTexture *texture = sl_thumbnailer_lookup (self->thumbnailer, row->shot,
                                               sl_shot_get_duration (row->shot) / 2, THUMB_HEIGHT);

  gtk_picture_set_paintable (row->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (row->placeholder, texture == NULL);
}

static void
update_row (GtkListBoxRow *widget)
{
  SlShotList *self = SL_SHOT_LIST (gtk_widget_get_ancestor (GTK_WIDGET (widget), SL_TYPE_SHOT_LIST));
  Row *row = row_get (widget);
  g_autofree char *detail = describe_shot (row->shot);
  const char *name = sl_shot_get_name (row->shot);

  gtk_label_set_label (row->name_label, name && *name ? name : _("Untitled shot"));
  gtk_label_set_label (row->detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (widget), detail);
  if (self != NULL)
    update_thumbnail (self, row);
}

static void
on_thumbnail_ready (SlThumbnailer *thumbnailer,
                    SlShot        *shot,
                    GtkListBoxRow *widget)
{
  SlShotList *self = SL_SHOT_LIST (gtk_widget_get_ancestor (GTK_WIDGET (widget), SL_TYPE_SHOT_LIST));
  Row *row = row_get (widget);

  if (self != NULL && row->shot == shot)
    update_thumbnail (self, row);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListBoxRow *widget)
{
  return gdk_content_provider_new_typed (SL_TYPE_SHOT, row_get_shot (widget));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListBoxRow *widget)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (widget));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static GtkWidget *
make_thumbnail (Row *row)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *placeholder = gtk_image_new_from_icon_name ("camera-video-symbolic");

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, THUMB_SHOWN_WIDTH, THUMB_SHOWN_HEIGHT);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), placeholder);
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (overlay, "shot-thumbnail");
  gtk_widget_set_valign (overlay, GTK_ALIGN_CENTER);
  row->picture = GTK_PICTURE (picture);
  row->placeholder = placeholder;
  return overlay;
}

static GtkWidget *
make_labels (Row *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  row->name_label = GTK_LABEL (name);
  row->detail_label = GTK_LABEL (detail);
  return box;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SlShotList *self = user_data;
  GtkWidget *widget = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *index = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  Row *row = g_new0 (Row, 1);

  row->shot = g_object_ref (item);
  g_object_set_data_full (G_OBJECT (widget), "sl-row", row, row_free);
  gtk_widget_add_css_class (widget, "shot-row");

  gtk_label_set_width_chars (GTK_LABEL (index), 2);
  gtk_label_set_xalign (GTK_LABEL (index), 1);
  gtk_widget_add_css_class (index, "dim-label");
  gtk_widget_add_css_class (index, "numeric");
  gtk_widget_add_css_class (index, "caption-heading");
  row->index_label = GTK_LABEL (index);
  gtk_box_append (GTK_BOX (box), index);
  gtk_box_append (GTK_BOX (box), make_thumbnail (row));
  gtk_box_append (GTK_BOX (box), make_labels (row));
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (widget), box);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), widget);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));

  g_signal_connect_object (row->shot, "changed", G_CALLBACK (update_row), widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->thumbnailer, "ready", G_CALLBACK (on_thumbnail_ready), widget, 0);
  /* The thumbnail is asked for once the row is in the list (update_rows). */
  return widget;
}

/* Selection, numbers and actions */

static GtkListBoxRow *
find_row (SlShotList *self,
          SlShot     *shot)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL && shot != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_get_shot (GTK_LIST_BOX_ROW (child)) == shot)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
update_actions (SlShotList *self)
{
  guint index = sl_editor_get_selected_index (self->editor);
  guint n = n_shots (self);
  gboolean selected = index != G_MAXUINT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shot.duplicate", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shot.delete", selected && n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shot.move-up", selected && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shot.move-down", selected && index + 1 < n);
}

static void
select_from_editor (SlShotList *self)
{
  GtkListBoxRow *row = find_row (self, sl_editor_get_selected_shot (self->editor));

  self->syncing = TRUE;
  if (row == NULL)
    gtk_list_box_unselect_all (self->list_box);
  else if (row != gtk_list_box_get_selected_row (self->list_box))
    gtk_list_box_select_row (self->list_box, row);
  self->syncing = FALSE;
  update_actions (self);
}

static void
update_summary (SlShotList *self)
{
  guint n = n_shots (self);
  g_autofree char *seconds = format_seconds (sl_project_get_duration (get_project (self)));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u shot", "%u shots", n), n);
  g_autofree char *summary = g_strdup_printf ("%s · %s", count, seconds);

  gtk_label_set_label (self->summary_label, summary);
}

/* Numbers are positions, so every row after an insertion changes. */
static void
update_rows (SlShotList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Row *row;
      g_autofree char *number = NULL;

      if (!GTK_IS_LIST_BOX_ROW (child) || (row = row_get (GTK_LIST_BOX_ROW (child))) == NULL)
        continue;
      number = g_strdup_printf ("%d", gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (child)) + 1);
      gtk_label_set_label (row->index_label, number);
      update_row (GTK_LIST_BOX_ROW (child));
    }
}

static void
on_shots_changed (GListModel *shots,
                  guint       position,
                  guint       removed,
                  guint       added,
                  SlShotList *self)
{
  update_rows (self);
  update_summary (self);
  select_from_editor (self);
}

/* A change that names no shot (a reorder, the project's size, the music)
 * may change any picture; a shot's own changes reach its row directly. */
static void
on_project_changed (SlProject  *project,
                    SlShot     *shot,
                    gint64      start,
                    gint64      end,
                    SlShotList *self)
{
  update_summary (self);
  if (shot == NULL)
    update_rows (self);
}

static void
on_selected_shot_changed (SlShotList *self)
{
  select_from_editor (self);
}

static void
on_row_selected (GtkListBox    *list_box,
                 GtkListBoxRow *row,
                 SlShotList    *self)
{
  /* A row leaving the list unselects itself; the editor picks the next
   * selection then, not us. */
  if (self->syncing || row == NULL)
    return;
  sl_editor_select_shot (self->editor, row_get_shot (row));
}

/* Edits */

static char *
new_shot_name (SlShotList *self)
{
  for (guint n = n_shots (self) + 1;; n++)
    {
      g_autofree char *name = g_strdup_printf (_("Shot %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < n_shots (self) && !taken; i++)
        taken = g_strcmp0 (sl_shot_get_name (sl_project_get_shot (get_project (self), i)), name) == 0;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static gboolean
has_focus_within (SlShotList *self)
{
  return (gtk_widget_get_state_flags (GTK_WIDGET (self->list_box)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

/* An edit replaces the rows it touches; keyboard focus stays with the
 * selection so Alt+Down can be pressed again. */
static void
refocus (SlShotList *self,
         gboolean    had_focus)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (had_focus && row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Inserts @shot at @position as one undo step named @label and selects it. */
static void
insert_shot (SlShotList *self,
             guint       position,
             SlShot     *shot,
             const char *label)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  gboolean had_focus = has_focus_within (self);

  sl_history_begin (history, label);
  sl_history_insert (history, get_shots (self), position, shot);
  sl_history_end (history);
  sl_editor_select_shot (self->editor, shot);
  refocus (self, had_focus);
}

static guint
after_selection (SlShotList *self)
{
  guint index = sl_editor_get_selected_index (self->editor);

  return index == G_MAXUINT ? n_shots (self) : index + 1;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SlShotList *self = SL_SHOT_LIST (widget);
  g_autofree char *name = new_shot_name (self);
  g_autoptr(SlShot) shot = sl_shot_new (name, NEW_SHOT_DURATION);

  insert_shot (self, after_selection (self), shot, _("Add Shot"));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlShotList *self = SL_SHOT_LIST (widget);
  SlShot *selected = sl_editor_get_selected_shot (self->editor);
  g_autoptr(SlShot) copy = NULL;
  g_autofree char *name = NULL;

  if (selected == NULL)
    return;
  copy = sl_model_copy (G_OBJECT (selected));
  name = g_strdup_printf (_("%s (copy)"), sl_shot_get_name (selected));
  g_object_set (copy, "name", name, NULL);
  insert_shot (self, after_selection (self), copy, _("Duplicate Shot"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SlShotList *self = SL_SHOT_LIST (widget);
  SlHistory *history = sl_editor_get_history (self->editor);
  guint index = sl_editor_get_selected_index (self->editor);
  gboolean had_focus = has_focus_within (self);

  /* A project keeps at least one shot: an empty one has nothing to play. */
  if (index == G_MAXUINT || n_shots (self) < 2)
    return;
  sl_history_begin (history, _("Delete Shot"));
  sl_history_remove (history, get_shots (self), index);
  sl_history_end (history);
  refocus (self, had_focus);
}

static void
move_shot (SlShotList *self,
           guint       from,
           guint       to)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  g_autoptr(SlShot) shot = g_list_model_get_item (G_LIST_MODEL (get_shots (self)), from);
  gboolean had_focus = has_focus_within (self);

  if (shot == NULL || from == to || to >= n_shots (self))
    return;
  sl_history_begin (history, _("Move Shot"));
  sl_history_reorder (history, get_shots (self), from, to);
  sl_history_end (history);
  /* The reorder takes the shot out of the list for a moment, which moves
   * the selection to its neighbour. */
  sl_editor_select_shot (self->editor, shot);
  refocus (self, had_focus);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlShotList *self = SL_SHOT_LIST (widget);
  guint index = sl_editor_get_selected_index (self->editor);

  if (index == G_MAXUINT)
    return;
  if (g_str_equal (action_name, "shot.move-up") && index > 0)
    move_shot (self, index, index - 1);
  else if (g_str_equal (action_name, "shot.move-down"))
    move_shot (self, index, index + 1);
}

/* Drag and drop */

static void
clear_drop_indicator (SlShotList *self)
{
  if (self->drop_row == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_row), "drop-above");
  gtk_widget_remove_css_class (GTK_WIDGET (self->drop_row), "drop-below");
  g_clear_weak_pointer (&self->drop_row);
  gtk_list_box_drag_unhighlight_row (self->list_box);
}

/* The row under @y and whether @y is in its lower half; NULL below the rows. */
static GtkListBoxRow *
row_at (SlShotList *self,
        double      y,
        gboolean   *below)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list_box, (int) y);
  graphene_point_t point;

  *below = FALSE;
  if (row != NULL &&
      gtk_widget_compute_point (GTK_WIDGET (self->list_box), GTK_WIDGET (row),
                                &GRAPHENE_POINT_INIT (0, (float) y), &point))
    *below = point.y > gtk_widget_get_height (GTK_WIDGET (row)) / 2.0;
  return row;
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                SlShotList    *self)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  gboolean reorder = drop && gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), SL_TYPE_SHOT);
  gboolean below;
  GtkListBoxRow *row = row_at (self, y, &below);

  if (row == NULL && reorder)
    {
      row = gtk_list_box_get_row_at_index (self->list_box, (int) n_shots (self) - 1);
      below = TRUE;
    }
  clear_drop_indicator (self);
  if (row == NULL)
    return reorder ? GDK_ACTION_MOVE : GDK_ACTION_COPY;
  g_set_weak_pointer (&self->drop_row, row);
  /* A moved shot goes between rows; images and moves go onto one. */
  if (reorder)
    gtk_widget_add_css_class (GTK_WIDGET (row), below ? "drop-below" : "drop-above");
  else
    gtk_list_box_drag_highlight_row (self->list_box, row);
  return reorder ? GDK_ACTION_MOVE : GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               SlShotList    *self)
{
  clear_drop_indicator (self);
}

static gboolean
drop_shot (SlShotList    *self,
           SlShot        *shot,
           GtkListBoxRow *row,
           gboolean       below)
{
  guint from, to;

  if (!g_list_store_find (get_shots (self), shot, &from))
    return FALSE;
  if (row == NULL)
    to = n_shots (self);
  else
    to = (guint) gtk_list_box_row_get_index (row) + (below ? 1 : 0);
  if (from < to)
    to--;
  if (to != from)
    move_shot (self, from, to);
  return TRUE;
}

static char *
document_path (SlShotList *self,
               GFile      *file)
{
  const char *base = sl_project_get_base_dir (get_project (self));
  g_autoptr(GFile) base_file = base ? g_file_new_for_path (base) : NULL;
  char *relative = base_file ? g_file_get_relative_path (base_file, file) : NULL;

  return relative ? relative : g_file_get_path (file);
}

/* Replaces the shot's plate (its depth settings belonged to the old one). */
static void
set_plate (SlShotList *self,
           SlShot     *shot,
           const char *path)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  GListStore *references = sl_shot_get_references (shot);
  SlReference *old = sl_shot_find_reference (shot, SL_REFERENCE_ROLE_PLATE);
  g_autoptr(SlReference) plate = sl_reference_new (path, SL_REFERENCE_ROLE_PLATE);
  guint position = g_list_model_get_n_items (G_LIST_MODEL (references));

  if (old != NULL && g_list_store_find (references, old, &position))
    sl_history_remove (history, references, position);
  sl_history_insert (history, references, position, plate);
}

static gboolean
is_readable_image (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL && gdk_pixbuf_get_file_info (path, NULL, NULL) != NULL;
}

static void
report_refused (SlShotList *self,
                GPtrArray  *names)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;

  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               g_dngettext (GETTEXT_PACKAGE, "Not an image Shotline can read: %s",
                            "Not images Shotline can read: %s", names->len - 1),
               list);
  sl_editor_report_error (self->editor, error);
}

/* The first image becomes the plate of the shot it was dropped on; every
 * further one starts a new shot after it, in the order given, so dropping
 * a folder's worth of stills lays out a storyboard. Dropped below the
 * rows, every image starts a new shot at the end. */
static gboolean
drop_files (SlShotList    *self,
            GSList        *files,
            GtkListBoxRow *row)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  SlShot *target = row_get_shot (row);
  guint position = row ? (guint) gtk_list_box_row_get_index (row) + 1 : n_shots (self);
  SlShot *last = NULL;
  guint n_taken = 0;

  sl_history_begin (history, _("Add Images"));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = NULL;

      if (!is_readable_image (l->data))
        {
          g_ptr_array_add (refused, g_file_get_basename (l->data));
          continue;
        }
      path = document_path (self, l->data);
      if (target != NULL)
        {
          set_plate (self, target, path);
          last = g_steal_pointer (&target);
        }
      else
        {
          g_autofree char *basename = g_file_get_basename (l->data);
          g_autofree char *name = g_strndup (basename, strcspn (basename, "."));
          g_autoptr(SlShot) shot = sl_shot_new (name, NEW_SHOT_DURATION);
          g_autoptr(SlReference) plate = sl_reference_new (path, SL_REFERENCE_ROLE_PLATE);

          /* A new shot is not in the document yet: built directly. */
          g_list_store_append (sl_shot_get_references (shot), plate);
          sl_history_insert (history, get_shots (self), position++, shot);
          last = shot;
        }
      n_taken++;
    }
  sl_history_end (history);
  if (refused->len > 0)
    report_refused (self, refused);
  if (last != NULL)
    sl_editor_select_shot (self->editor, last);
  return n_taken > 0;
}

static gboolean
drop_preset (SlShotList    *self,
             const char    *id,
             GtkListBoxRow *row)
{
  g_autoptr(GError) error = NULL;
  SlShot *shot = row_get_shot (row);

  if (shot == NULL)
    return FALSE;
  if (!sl_preset_browser_add_move (self->editor, shot, id, &error))
    {
      sl_editor_report_error (self->editor, error);
      return FALSE;
    }
  sl_editor_select_shot (self->editor, shot);
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SlShotList    *self)
{
  gboolean below;
  GtkListBoxRow *row = row_at (self, y, &below);

  clear_drop_indicator (self);
  if (G_VALUE_HOLDS (value, SL_TYPE_SHOT))
    return drop_shot (self, g_value_get_object (value), row, below);
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return drop_files (self, g_value_get_boxed (value), row);
  if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    return drop_preset (self, g_value_get_string (value), row);
  return FALSE;
}

static void
setup_drop_target (SlShotList *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  GType types[] = { SL_TYPE_SHOT, GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (target));
}

/* The object */

static void
sl_shot_list_constructed (GObject *object)
{
  SlShotList *self = SL_SHOT_LIST (object);

  G_OBJECT_CLASS (sl_shot_list_parent_class)->constructed (object);

  g_return_if_fail (SL_IS_EDITOR (self->editor));
  self->thumbnailer = g_object_ref (sl_thumbnailer_get_for_editor (self->editor));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (get_shots (self)), create_row, self, NULL);
  g_signal_connect_object (get_shots (self), "items-changed", G_CALLBACK (on_shots_changed), self, 0);
  g_signal_connect_object (get_project (self), "changed", G_CALLBACK (on_project_changed), self, 0);
  g_signal_connect_object (self->editor, "notify::selected-shot", G_CALLBACK (on_selected_shot_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self->list_box, "row-selected", G_CALLBACK (on_row_selected), self);
  setup_drop_target (self);
  update_rows (self);
  update_summary (self);
  select_from_editor (self);
}

static void
sl_shot_list_dispose (GObject *object)
{
  SlShotList *self = SL_SHOT_LIST (object);
  GtkWidget *child;

  g_clear_weak_pointer (&self->drop_row);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_SHOT_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_shot_list_parent_class)->dispose (object);
}

static void
sl_shot_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlShotList *self = SL_SHOT_LIST (object);

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
sl_shot_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlShotList *self = SL_SHOT_LIST (object);

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
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "shot.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "shot.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "shot.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "shot.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "shot.move-down", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "shot.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "shot.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "shot.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "shot.move-down", NULL);
}

static void
sl_shot_list_class_init (SlShotListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_shot_list_constructed;
  object_class->dispose = sl_shot_list_dispose;
  object_class->get_property = sl_shot_list_get_property;
  object_class->set_property = sl_shot_list_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-shot-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SlShotList, list_box);
  gtk_widget_class_bind_template_child (widget_class, SlShotList, summary_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  install_actions (widget_class);
}

static void
sl_shot_list_init (SlShotList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_shot_list_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_SHOT_LIST, "editor", editor, NULL);
}

SlEditor *
sl_shot_list_get_editor (SlShotList *self)
{
  g_return_val_if_fail (SL_IS_SHOT_LIST (self), NULL);
  return self->editor;
}
