/* sl-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-editor.h"

struct _SlEditor
{
  GObject    parent_instance;
  SlProject *project;
  GFile     *file;
  SlShot    *selected_shot;
  SlPreview *preview;
  gint64     position;
  gulong     history_handler;
  gulong     shots_handler;
};

G_DEFINE_FINAL_TYPE (SlEditor, sl_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_FILE,
  PROP_TITLE,
  PROP_SELECTED_SHOT,
  PROP_PREVIEW,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  ERROR,
  SEEK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_history_changed (SlHistory *history,
                    SlEditor  *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* A removed selection moves to its neighbour, so the inspector never shows a
 * shot that is no longer in the project. */
static void
on_shots_changed (GListModel *shots,
                  guint       position,
                  guint       removed,
                  guint       added,
                  SlEditor   *self)
{
  guint n = g_list_model_get_n_items (shots);

  if (self->selected_shot == NULL)
    {
      if (n > 0 && added > 0)
        sl_editor_select_index (self, position);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlShot) shot = g_list_model_get_item (shots, i);
      if (shot == self->selected_shot)
        return;
    }
  sl_editor_select_index (self, n == 0 ? G_MAXUINT : MIN (position, n - 1));
}

static void
sl_editor_constructed (GObject *object)
{
  SlEditor *self = SL_EDITOR (object);

  G_OBJECT_CLASS (sl_editor_parent_class)->constructed (object);

  if (self->project == NULL)
    self->project = sl_project_new ();
  self->history_handler = g_signal_connect (sl_project_get_history (self->project), "changed",
                                            G_CALLBACK (on_history_changed), self);
  self->shots_handler = g_signal_connect (sl_project_get_shots (self->project), "items-changed",
                                          G_CALLBACK (on_shots_changed), self);
  if (sl_project_get_n_shots (self->project) > 0)
    self->selected_shot = g_object_ref (sl_project_get_shot (self->project, 0));
}

static void
sl_editor_dispose (GObject *object)
{
  SlEditor *self = SL_EDITOR (object);

  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->history_handler, sl_project_get_history (self->project));
      g_clear_signal_handler (&self->shots_handler, sl_project_get_shots (self->project));
    }
  if (self->preview != NULL)
    sl_preview_pause (self->preview);
  g_clear_object (&self->preview);
  g_clear_object (&self->selected_shot);
  g_clear_object (&self->file);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (sl_editor_parent_class)->dispose (object);
}

static void
sl_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlEditor *self = SL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_take_string (value, sl_editor_dup_title (self));
      break;
    case PROP_SELECTED_SHOT:
      g_value_set_object (value, self->selected_shot);
      break;
    case PROP_PREVIEW:
      g_value_set_object (value, self->preview);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, sl_editor_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_editor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlEditor *self = SL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    case PROP_FILE:
      sl_editor_set_file (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_SHOT:
      sl_editor_select_shot (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_editor_class_init (SlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sl_editor_constructed;
  object_class->dispose = sl_editor_dispose;
  object_class->get_property = sl_editor_get_property;
  object_class->set_property = sl_editor_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, SL_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_SHOT] =
    g_param_spec_object ("selected-shot", NULL, NULL, SL_TYPE_SHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIEW] =
    g_param_spec_object ("preview", NULL, NULL, SL_TYPE_PREVIEW,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SEEK_REQUESTED] =
    g_signal_new ("seek-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sl_editor_init (SlEditor *self)
{
}

SlEditor *
sl_editor_new (SlProject *project,
               GFile     *file)
{
  g_return_val_if_fail (project == NULL || SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (SL_TYPE_EDITOR, "project", project, "file", file, NULL);
}

SlProject *
sl_editor_get_project (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), NULL);
  return self->project;
}

SlHistory *
sl_editor_get_history (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), NULL);
  return sl_project_get_history (self->project);
}

GFile *
sl_editor_get_file (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), NULL);
  return self->file;
}

void
sl_editor_set_file (SlEditor *self,
                    GFile    *file)
{
  g_return_if_fail (SL_IS_EDITOR (self));

  if (g_set_object (&self->file, file))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

char *
sl_editor_dup_title (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("Untitled"));
  return g_file_get_basename (self->file);
}

gboolean
sl_editor_get_modified (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), FALSE);
  return sl_history_is_dirty (sl_project_get_history (self->project));
}

SlShot *
sl_editor_get_selected_shot (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), NULL);
  return self->selected_shot;
}

guint
sl_editor_get_selected_index (SlEditor *self)
{
  GListModel *shots;
  guint n;

  g_return_val_if_fail (SL_IS_EDITOR (self), G_MAXUINT);

  if (self->selected_shot == NULL)
    return G_MAXUINT;
  shots = G_LIST_MODEL (sl_project_get_shots (self->project));
  n = g_list_model_get_n_items (shots);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlShot) shot = g_list_model_get_item (shots, i);
      if (shot == self->selected_shot)
        return i;
    }
  return G_MAXUINT;
}

void
sl_editor_select_shot (SlEditor *self,
                       SlShot   *shot)
{
  g_return_if_fail (SL_IS_EDITOR (self));
  g_return_if_fail (shot == NULL || SL_IS_SHOT (shot));

  if (g_set_object (&self->selected_shot, shot))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SHOT]);
}

void
sl_editor_select_index (SlEditor *self,
                        guint     index)
{
  g_return_if_fail (SL_IS_EDITOR (self));

  if (index >= sl_project_get_n_shots (self->project))
    sl_editor_select_shot (self, NULL);
  else
    sl_editor_select_shot (self, sl_project_get_shot (self->project, index));
}

static void
on_preview_position (SlPreview *preview,
                     gint64     position,
                     SlEditor  *self)
{
  self->position = position;
}

gboolean
sl_editor_start_preview (SlEditor    *self,
                         const char  *backend,
                         guint        width,
                         guint        height,
                         GError     **error)
{
  g_autoptr(SlPreview) preview = NULL;

  g_return_val_if_fail (SL_IS_EDITOR (self), FALSE);

  preview = sl_preview_new (self->project, backend, width, height, error);
  if (preview == NULL)
    return FALSE;
  if (self->preview != NULL)
    {
      sl_preview_pause (self->preview);
      g_signal_handlers_disconnect_by_data (self->preview, self);
    }
  g_set_object (&self->preview, preview);
  g_signal_connect_object (preview, "position-changed", G_CALLBACK (on_preview_position), self, 0);
  sl_preview_seek (preview, self->position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
  return TRUE;
}

SlPreview *
sl_editor_get_preview (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), NULL);
  return self->preview;
}

gint64
sl_editor_get_position (SlEditor *self)
{
  g_return_val_if_fail (SL_IS_EDITOR (self), 0);

  if (self->preview != NULL)
    return sl_preview_get_position (self->preview);
  return self->position;
}

void
sl_editor_seek (SlEditor *self,
                gint64    position)
{
  g_return_if_fail (SL_IS_EDITOR (self));

  self->position = CLAMP (position, 0, MAX (sl_project_get_duration (self->project), 0));
  if (self->preview != NULL)
    sl_preview_seek (self->preview, self->position);
  g_signal_emit (self, signals[SEEK_REQUESTED], 0, self->position);
}

gboolean
sl_editor_save (SlEditor  *self,
                GFile     *file,
                GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SL_IS_EDITOR (self), FALSE);

  if (file == NULL)
    file = self->file;
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot save to “%s”: only local files are supported"), uri);
      return FALSE;
    }
  if (!sl_project_io_save (self->project, path, error))
    return FALSE;
  sl_history_mark_clean (sl_project_get_history (self->project));
  sl_editor_set_file (self, file);
  return TRUE;
}

void
sl_editor_report_error (SlEditor     *self,
                        const GError *error)
{
  g_return_if_fail (SL_IS_EDITOR (self));
  g_return_if_fail (error != NULL);

  g_signal_emit (self, signals[ERROR], 0, error);
}
