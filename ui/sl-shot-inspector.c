/* sl-shot-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-shot-inspector"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sl-lexicon-chips.h"
#include "sl-move-row.h"
#include "sl-preset-picker.h"
#include "sl-reference-row.h"
#include "sl-shot-inspector.h"

/* Thumbnails of a few shots' references stay decoded while the user moves
 * between shots. */
#define IMAGE_CACHE_BUDGET ((gsize) 32 * 1024 * 1024)
/* The smallest size a dropped file is decoded at to check that it is an
 * image: what the reference row's thumbnail will ask for. */
#define CHECK_SIZE 64

struct _SlShotInspector
{
  GtkWidget          parent_instance;

  SlEditor          *editor;
  SlShot            *shot;
  SlImageCache      *cache;
  GCancellable      *cancellable;   /* of the checks of added images */
  guint              updating;      /* > 0 while the inspector writes its own widgets */

  GtkStack          *stack;
  AdwEntryRow       *name_row;
  GtkSpinButton     *duration_spin;
  GtkTextView       *prompt_view;
  SlLexiconChips    *chips;
  AdwComboRow       *size_start_row;
  AdwComboRow       *size_end_row;
  AdwComboRow       *angle_row;
  AdwActionRow      *dutch_row;
  GtkSpinButton     *dutch_spin;
  GtkListBox        *moves_list;
  GtkMenuButton     *add_move_button;
  AdwPreferencesGroup *references_group;
  GtkListBox        *references_list;
  AdwComboRow       *transition_row;
  AdwActionRow      *transition_duration_row;
  GtkSpinButton     *transition_duration_spin;
  GtkSwitch         *cut_on_beat_switch;
  AdwComboRow       *follow_row;
  AdwActionRow      *follow_amount_row;
  GtkScale          *follow_amount_scale;
};

G_DEFINE_FINAL_TYPE (SlShotInspector, sl_shot_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlHistory *
history (SlShotInspector *self)
{
  return sl_editor_get_history (self->editor);
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

static gboolean
editing (SlShotInspector *self)
{
  return self->updating == 0 && self->shot != NULL;
}

/* Showing the model ------------------------------------------------------ */

static char *
dup_prompt_text (SlShotInspector *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Only a text that differs is replaced, so typing (whose change comes back
 * from the model unchanged) keeps its cursor; undo puts the cursor where it
 * was, as far as the new text reaches. */
static void
show_prompt (SlShotInspector *self,
             const char      *prompt)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  g_autofree char *current = dup_prompt_text (self);
  GtkTextIter iter;
  int offset;

  sl_lexicon_chips_set_prompt (self->chips, prompt);
  if (g_strcmp0 (current, prompt) == 0)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_set_text (buffer, prompt, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
show_name (SlShotInspector *self,
           const char      *name)
{
  GtkEditable *editable = GTK_EDITABLE (self->name_row);
  int position;

  if (g_strcmp0 (gtk_editable_get_text (editable), name) == 0)
    return;
  position = gtk_editable_get_position (editable);
  gtk_editable_set_text (editable, name);
  gtk_editable_set_position (editable, MIN (position, (int) g_utf8_strlen (name, -1)));
}

static void
show_framing (SlShotInspector *self)
{
  SlAngle angle = sl_shot_get_angle (self->shot);

  adw_combo_row_set_selected (self->size_start_row, sl_shot_get_size_start (self->shot));
  adw_combo_row_set_selected (self->size_end_row, sl_shot_get_size_end (self->shot));
  adw_combo_row_set_selected (self->angle_row, angle);
  gtk_spin_button_set_value (self->dutch_spin, sl_shot_get_dutch_degrees (self->shot));
  gtk_widget_set_visible (GTK_WIDGET (self->dutch_row), angle == SL_ANGLE_DUTCH);
}

static void
show_transition_and_music (SlShotInspector *self)
{
  SlTransition transition = sl_shot_get_transition (self->shot);
  SlFollowMode follow = sl_shot_get_follow_mode (self->shot);

  adw_combo_row_set_selected (self->transition_row, transition);
  gtk_spin_button_set_value (self->transition_duration_spin,
                             (double) sl_shot_get_transition_duration (self->shot) / SL_SECOND);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transition_duration_row), transition != SL_TRANSITION_CUT);
  gtk_switch_set_active (self->cut_on_beat_switch, sl_shot_get_cut_on_beat (self->shot));
  adw_combo_row_set_selected (self->follow_row, follow);
  gtk_range_set_value (GTK_RANGE (self->follow_amount_scale), sl_shot_get_follow_amount (self->shot));
  gtk_widget_set_sensitive (GTK_WIDGET (self->follow_amount_row), follow != SL_FOLLOW_NONE);
}

static void
show_shot (SlShotInspector *self)
{
  if (self->shot == NULL)
    return;
  self->updating++;
  show_name (self, sl_shot_get_name (self->shot));
  gtk_spin_button_set_value (self->duration_spin, (double) sl_shot_get_duration (self->shot) / SL_SECOND);
  show_prompt (self, sl_shot_get_prompt (self->shot));
  show_framing (self);
  show_transition_and_music (self);
  self->updating--;
}

static GtkWidget *
create_move_row (gpointer item,
                 gpointer user_data)
{
  SlShotInspector *self = user_data;

  return sl_move_row_new (self->editor, self->shot, item);
}

static GtkWidget *
create_reference_row (gpointer item,
                      gpointer user_data)
{
  SlShotInspector *self = user_data;

  return sl_reference_row_new (self->editor, self->shot, item, self->cache);
}

static void
set_shot (SlShotInspector *self,
          SlShot          *shot)
{
  if (self->shot == shot)
    return;
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_data (self->shot, self);
  /* Typing in another shot is another edit. */
  sl_history_seal (history (self));
  gtk_list_box_bind_model (self->moves_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->references_list, NULL, NULL, NULL, NULL);
  g_set_object (&self->shot, shot);
  gtk_stack_set_visible_child_name (self->stack, shot != NULL ? "shot" : "empty");
  if (shot == NULL)
    return;
  g_signal_connect_swapped (shot, "notify", G_CALLBACK (show_shot), self);
  gtk_list_box_bind_model (self->moves_list, G_LIST_MODEL (sl_shot_get_moves (shot)),
                           create_move_row, self, NULL);
  gtk_list_box_bind_model (self->references_list, G_LIST_MODEL (sl_shot_get_references (shot)),
                           create_reference_row, self, NULL);
  show_shot (self);
}

static void
on_selected_shot_changed (SlShotInspector *self)
{
  set_shot (self, sl_editor_get_selected_shot (self->editor));
}

/* Editing ---------------------------------------------------------------- */

static void
on_name_changed (SlShotInspector *self)
{
  if (editing (self))
    sl_history_set (history (self), self->shot,
                    "name", gtk_editable_get_text (GTK_EDITABLE (self->name_row)), NULL);
}

static void
on_duration_changed (SlShotInspector *self)
{
  gint64 duration;

  if (!editing (self) || spin_shows (self->duration_spin, (double) sl_shot_get_duration (self->shot) / SL_SECOND))
    return;
  duration = MAX (SL_MSECOND, llround (gtk_spin_button_get_value (self->duration_spin) * SL_SECOND));
  sl_history_set (history (self), self->shot, "duration", duration, NULL);
}

static void
on_prompt_changed (SlShotInspector *self)
{
  g_autofree char *text = NULL;

  if (!editing (self))
    return;
  text = dup_prompt_text (self);
  sl_history_set (history (self), self->shot, "prompt", text, NULL);
}

static void
set_enum_from_combo (SlShotInspector *self,
                     AdwComboRow     *row,
                     const char      *property)
{
  guint selected = adw_combo_row_get_selected (row);

  if (editing (self) && selected != GTK_INVALID_LIST_POSITION)
    sl_history_set (history (self), self->shot, property, (int) selected, NULL);
}

static void
on_size_start_selected (SlShotInspector *self)
{
  set_enum_from_combo (self, self->size_start_row, "size-start");
}

static void
on_size_end_selected (SlShotInspector *self)
{
  set_enum_from_combo (self, self->size_end_row, "size-end");
}

static void
on_angle_selected (SlShotInspector *self)
{
  set_enum_from_combo (self, self->angle_row, "angle");
}

static void
on_dutch_changed (SlShotInspector *self)
{
  if (!editing (self) || spin_shows (self->dutch_spin, sl_shot_get_dutch_degrees (self->shot)))
    return;
  sl_history_set (history (self), self->shot,
                  "dutch-degrees", gtk_spin_button_get_value (self->dutch_spin), NULL);
}

/* A transition chosen after a cut gets half a second, else it would not
 * be seen; both in one undo step. */
static void
on_transition_selected (SlShotInspector *self)
{
  guint selected = adw_combo_row_get_selected (self->transition_row);
  gint64 duration;

  if (!editing (self) || selected == GTK_INVALID_LIST_POSITION)
    return;
  duration = sl_shot_get_transition_duration (self->shot);
  if (selected != SL_TRANSITION_CUT && duration == 0)
    duration = SL_SECOND / 2;
  sl_history_set (history (self), self->shot,
                  "transition", (SlTransition) selected,
                  "transition-duration", duration, NULL);
}

static void
on_transition_duration_changed (SlShotInspector *self)
{
  double value = gtk_spin_button_get_value (self->transition_duration_spin);

  if (!editing (self)
      || spin_shows (self->transition_duration_spin,
                     (double) sl_shot_get_transition_duration (self->shot) / SL_SECOND))
    return;
  sl_history_set (history (self), self->shot, "transition-duration", (gint64) llround (value * SL_SECOND), NULL);
}

static void
on_cut_on_beat_toggled (SlShotInspector *self)
{
  if (editing (self))
    sl_history_set (history (self), self->shot,
                    "cut-on-beat", gtk_switch_get_active (self->cut_on_beat_switch), NULL);
}

/* Following with an amount of 0 would do nothing: start at half. */
static void
on_follow_selected (SlShotInspector *self)
{
  guint selected = adw_combo_row_get_selected (self->follow_row);
  double amount;

  if (!editing (self) || selected == GTK_INVALID_LIST_POSITION)
    return;
  amount = sl_shot_get_follow_amount (self->shot);
  if (selected != SL_FOLLOW_NONE && amount == 0.0)
    amount = 0.5;
  sl_beat_edits_set_follow_music (sl_editor_get_project (self->editor), self->shot,
                                  (SlFollowMode) selected, amount);
}

static void
on_follow_amount_changed (SlShotInspector *self)
{
  if (editing (self))
    sl_history_set (history (self), self->shot, "follow-amount",
                    gtk_range_get_value (GTK_RANGE (self->follow_amount_scale)), NULL);
}

static char *
format_follow_amount (GtkScale *scale,
                      double    value,
                      gpointer  user_data)
{
  /* Translators: a percentage, e.g. "30 %" */
  return g_strdup_printf (_("%d %%"), (int) round (value * 100.0));
}

/* Leaving a field ends its edit: the next change there is a new undo step. */
static void
on_focus_leave (GtkEventControllerFocus *controller,
                SlShotInspector         *self)
{
  sl_history_seal (history (self));
}

static void
seal_on_focus_leave (SlShotInspector *self,
                     GtkWidget       *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

/* Moves ------------------------------------------------------------------ */

/* The move a preset makes when written without an amount, as the shot
 * language's parser makes it; it lands at the end, open for editing. */
static void
on_preset_chosen (SlShotInspector *self,
                  SlPreset        *preset)
{
  GListStore *moves;
  g_autoptr(SlMove) move = NULL;
  GtkListBoxRow *row;
  guint position;

  if (self->shot == NULL)
    return;
  moves = sl_shot_get_moves (self->shot);
  position = g_list_model_get_n_items (G_LIST_MODEL (moves));
  move = sl_move_new (sl_preset_get_id (preset), sl_preset_get_default_amount (preset),
                      sl_preset_get_default_unit (preset));
  sl_history_begin (history (self), _("Add Move"));
  sl_history_insert (history (self), moves, position, move);
  sl_history_end (history (self));
  row = gtk_list_box_get_row_at_index (self->moves_list, position);
  if (SL_IS_MOVE_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* References ------------------------------------------------------------- */

typedef struct {
  SlShot       *shot;
  SlImageCache *cache;
  GFile        *file;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_object_unref (job->shot);
  g_object_unref (job->cache);
  g_object_unref (job->file);
  g_free (job);
}

/* Decodes the file once, so that what is not a readable image is refused
 * before it enters the document (and the thumbnail is ready when it does). */
static void
check_image_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AddJob *job = task_data;
  g_autofree char *path = g_file_get_path (job->file);
  g_autoptr(SlImage) image = NULL;
  GError *error = NULL;

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (job->file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot use “%s” as a reference: only local files can be added"), name);
      return;
    }
  image = sl_image_cache_get (job->cache, path, CHECK_SIZE, CHECK_SIZE, &error);
  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Inside the project's folder the path is kept relative, so the project
 * can move with its images. */
static char *
dup_stored_path (SlShotInspector *self,
                 GFile           *file)
{
  const char *base_dir = sl_project_get_base_dir (sl_editor_get_project (self->editor));
  g_autoptr(GFile) base = base_dir ? g_file_new_for_path (base_dir) : NULL;
  char *relative = base ? g_file_get_relative_path (base, file) : NULL;

  return relative ? relative : g_file_get_path (file);
}

static void
on_image_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SlShotInspector *self = SL_SHOT_INSPECTOR (source);
  AddJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlReference) reference = NULL;
  g_autofree char *path = NULL;
  GListStore *references;
  SlReferenceRole role;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sl_editor_report_error (self->editor, error);
      return;
    }
  /* The first image of a shot is its plate; later ones are subjects until
   * the user gives them another role. */
  role = sl_shot_find_reference (job->shot, SL_REFERENCE_ROLE_PLATE) ? SL_REFERENCE_ROLE_SUBJECT
                                                                    : SL_REFERENCE_ROLE_PLATE;
  path = dup_stored_path (self, job->file);
  reference = sl_reference_new (path, role);
  references = sl_shot_get_references (job->shot);
  sl_history_begin (history (self), _("Add Reference"));
  sl_history_insert (history (self), references, g_list_model_get_n_items (G_LIST_MODEL (references)), reference);
  sl_history_end (history (self));
}

static void
add_reference_file (SlShotInspector *self,
                    GFile           *file)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_image_checked, NULL);
  AddJob *job = g_new0 (AddJob, 1);

  job->shot = g_object_ref (self->shot);
  job->cache = g_object_ref (self->cache);
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, check_image_thread);
}

static void
add_reference_files (SlShotInspector *self,
                     GListModel      *files)
{
  for (guint i = 0; self->shot != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      add_reference_file (self, file);
    }
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     SlShotInspector *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      add_reference_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_add_reference_clicked (SlShotInspector *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Add Reference Images"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_files_dropped (GtkDropTarget   *target,
                  const GValue    *value,
                  double           x,
                  double           y,
                  SlShotInspector *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GSList *l;

  if (self->shot == NULL || list == NULL)
    return FALSE;
  l = gdk_file_list_get_files (list);
  for (GSList *it = l; it != NULL; it = it->next)
    g_list_store_append (files, it->data);
  g_slist_free (l);
  add_reference_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* Object ----------------------------------------------------------------- */

static void
sl_shot_inspector_constructed (GObject *object)
{
  SlShotInspector *self = SL_SHOT_INSPECTOR (object);

  G_OBJECT_CLASS (sl_shot_inspector_parent_class)->constructed (object);

  g_signal_connect_object (self->editor, "notify::selected-shot",
                           G_CALLBACK (on_selected_shot_changed), self, G_CONNECT_SWAPPED);
  set_shot (self, sl_editor_get_selected_shot (self->editor));
}

static void
sl_shot_inspector_dispose (GObject *object)
{
  SlShotInspector *self = SL_SHOT_INSPECTOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_data (self->shot, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_SHOT_INSPECTOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->shot);
  g_clear_object (&self->cache);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_shot_inspector_parent_class)->dispose (object);
}

static void
sl_shot_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SlShotInspector *self = SL_SHOT_INSPECTOR (object);

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
sl_shot_inspector_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SlShotInspector *self = SL_SHOT_INSPECTOR (object);

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
load_css (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) css = NULL;

  if (display == NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/app/shotline/Shotline/ui/sl-shot-inspector.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
sl_shot_inspector_class_init (SlShotInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_shot_inspector_constructed;
  object_class->dispose = sl_shot_inspector_dispose;
  object_class->get_property = sl_shot_inspector_get_property;
  object_class->set_property = sl_shot_inspector_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SL_TYPE_LEXICON_CHIPS);
  g_type_ensure (SL_TYPE_PRESET_PICKER);
  load_css ();

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-shot-inspector.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, chips);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, size_start_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, size_end_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, angle_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, dutch_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, dutch_spin);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, moves_list);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, add_move_button);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, references_group);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, references_list);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, transition_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, transition_duration_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, transition_duration_spin);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, cut_on_beat_switch);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, follow_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, follow_amount_row);
  gtk_widget_class_bind_template_child (widget_class, SlShotInspector, follow_amount_scale);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_duration_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_size_start_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_size_end_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_angle_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_dutch_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_add_reference_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_transition_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_transition_duration_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cut_on_beat_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_amount_changed);
}

static void
sl_shot_inspector_init (SlShotInspector *self)
{
  GtkDropTarget *drop;
  GtkTextBuffer *buffer;

  /* The template's signal handlers fire while it is built. */
  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating--;

  self->cache = sl_image_cache_new (IMAGE_CACHE_BUDGET);
  self->cancellable = g_cancellable_new ();

  /* Undo is the document's, never a text field's own. */
  buffer = gtk_text_view_get_buffer (self->prompt_view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->name_row), FALSE);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_prompt_changed), self);

  gtk_scale_set_format_value_func (self->follow_amount_scale, format_follow_amount, NULL, NULL);
  seal_on_focus_leave (self, GTK_WIDGET (self->name_row));
  seal_on_focus_leave (self, GTK_WIDGET (self->prompt_view));
  seal_on_focus_leave (self, GTK_WIDGET (self->duration_spin));
  seal_on_focus_leave (self, GTK_WIDGET (self->dutch_spin));
  seal_on_focus_leave (self, GTK_WIDGET (self->transition_duration_spin));
  seal_on_focus_leave (self, GTK_WIDGET (self->follow_amount_scale));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self->references_group), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
sl_shot_inspector_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_SHOT_INSPECTOR, "editor", editor, NULL);
}

SlEditor *
sl_shot_inspector_get_editor (SlShotInspector *self)
{
  g_return_val_if_fail (SL_IS_SHOT_INSPECTOR (self), NULL);
  return self->editor;
}
