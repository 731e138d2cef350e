/* sl-recovery.c
 *
 * A recovery file is the project's JSON (paths relative to the project's own
 * folder, so restored references still resolve) next to a small sidecar
 * JSON naming the file the work came from and that folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-recovery"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-recovery.h"
#include "sl-file-util.h"
#include "sl-project-json.h"

#define DEFAULT_INTERVAL_S 5
#define RECOVERY_SUFFIX ".shotline"
#define SIDECAR_SUFFIX ".recovery.json"

struct _SlRecovery
{
  GObject   parent_instance;
  SlEditor *editor;
  char     *path;
  guint     timeout_id;
  int       interval;
  gulong    changed_handler;
};

G_DEFINE_FINAL_TYPE (SlRecovery, sl_recovery, G_TYPE_OBJECT)

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "shotline", "recovery", NULL);
}

static char *
sidecar_path (const char *path)
{
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (RECOVERY_SUFFIX));

  return g_strconcat (stem, SIDECAR_SUFFIX, NULL);
}

static char *
sidecar_text (SlEditor *editor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GFile *file = sl_editor_get_file (editor);
  g_autofree char *original = file ? g_file_get_path (file) : NULL;
  g_autofree char *title = sl_editor_dup_title (editor);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "original");
  if (original != NULL)
    json_builder_add_string_value (builder, original);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "base-dir");
  json_builder_add_string_value (builder, sl_project_get_base_dir (sl_editor_get_project (editor)));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_string_value (builder, when);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
sl_recovery_write_now (SlRecovery  *self,
                       GError     **error)
{
  SlProject *project;
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *side = NULL;
  g_autofree char *side_path = NULL;

  g_return_val_if_fail (SL_IS_RECOVERY (self), FALSE);

  if (!sl_editor_get_modified (self->editor))
    return TRUE;
  dir = recovery_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the recovery folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  project = sl_editor_get_project (self->editor);
  json = sl_project_json_to_data (project, sl_project_get_base_dir (project));
  side = sidecar_text (self->editor);
  side_path = sidecar_path (self->path);
  /* The sidecar first: a project file without it would not be offered. */
  return sl_file_write_atomic (side_path, side, strlen (side), error) &&
         sl_file_write_atomic (self->path, json, strlen (json), error);
}

static gboolean
on_timeout (gpointer data)
{
  SlRecovery *self = data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!sl_recovery_write_now (self, &error))
    sl_editor_report_error (self->editor, error);
  return G_SOURCE_REMOVE;
}

static void
on_history_changed (SlHistory  *history,
                    SlRecovery *self)
{
  if (!sl_history_is_dirty (history))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      return;
    }
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add_seconds (self->interval, on_timeout, self);
}

static void
sl_recovery_dispose (GObject *object)
{
  SlRecovery *self = SL_RECOVERY (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->editor != NULL)
    g_clear_signal_handler (&self->changed_handler, sl_editor_get_history (self->editor));
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_recovery_parent_class)->dispose (object);
}

static void
sl_recovery_finalize (GObject *object)
{
  SlRecovery *self = SL_RECOVERY (object);

  g_free (self->path);

  G_OBJECT_CLASS (sl_recovery_parent_class)->finalize (object);
}

static void
sl_recovery_class_init (SlRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_recovery_dispose;
  object_class->finalize = sl_recovery_finalize;
}

static void
sl_recovery_init (SlRecovery *self)
{
  self->interval = DEFAULT_INTERVAL_S;
}

SlRecovery *
sl_recovery_new (SlEditor *editor)
{
  SlRecovery *self;
  g_autofree char *dir = recovery_dir ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (id, RECOVERY_SUFFIX, NULL);

  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  self = g_object_new (SL_TYPE_RECOVERY, NULL);
  self->editor = g_object_ref (editor);
  self->path = g_build_filename (dir, name, NULL);
  self->changed_handler = g_signal_connect (sl_editor_get_history (editor), "changed",
                                            G_CALLBACK (on_history_changed), self);
  if (sl_editor_get_modified (editor))
    on_history_changed (sl_editor_get_history (editor), self);
  return self;
}

void
sl_recovery_set_interval (SlRecovery *self,
                          int         seconds)
{
  g_return_if_fail (SL_IS_RECOVERY (self));
  self->interval = CLAMP (seconds, 1, 3600);
}

void
sl_recovery_discard (SlRecovery *self)
{
  g_return_if_fail (SL_IS_RECOVERY (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  sl_recovery_delete (self->path);
}

const char *
sl_recovery_get_path (SlRecovery *self)
{
  g_return_val_if_fail (SL_IS_RECOVERY (self), NULL);
  return self->path;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GStatBuf sa, sb;
  const char *pa = *(const char **) a;
  const char *pb = *(const char **) b;

  if (g_stat (pa, &sa) != 0 || g_stat (pb, &sb) != 0)
    return 0;
  return (sb.st_mtime > sa.st_mtime) - (sb.st_mtime < sa.st_mtime);
}

GStrv
sl_recovery_list_pending (void)
{
  g_autofree char *dir = recovery_dir ();
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *side = NULL;

      if (!g_str_has_suffix (name, RECOVERY_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      side = sidecar_path (path);
      if (g_file_test (side, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_newest_first);
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_steal (paths, NULL);
}

static JsonObject *
read_sidecar (const char  *path,
              JsonParser  *parser,
              GError     **error)
{
  g_autofree char *side = sidecar_path (path);
  JsonNode *root;

  if (!json_parser_load_from_file (parser, side, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The recovery notes “%s” are damaged"), side);
      return NULL;
    }
  return json_node_get_object (root);
}

SlEditor *
sl_recovery_restore (const char  *path,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  gsize length;
  JsonObject *notes;
  const char *original, *base_dir;
  SlEditor *editor;

  g_return_val_if_fail (path != NULL, NULL);

  notes = read_sidecar (path, parser, error);
  if (notes == NULL)
    return NULL;
  original = json_object_get_string_member_with_default (notes, "original", NULL);
  base_dir = json_object_get_string_member_with_default (notes, "base-dir", NULL);
  if (!sl_file_read (path, 64 * 1024 * 1024, &text, &length, error))
    return NULL;
  project = sl_project_json_from_data (text, length, base_dir, error);
  if (project == NULL)
    return NULL;
  if (original != NULL)
    file = g_file_new_for_path (original);
  editor = sl_editor_new (project, file);
  sl_history_mark_unsaved (sl_editor_get_history (editor));
  return editor;
}

char *
sl_recovery_describe (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *notes = read_sidecar (path, parser, NULL);
  const char *title = notes ? json_object_get_string_member_with_default (notes, "title", NULL) : NULL;

  return g_strdup (title != NULL ? title : _("Untitled"));
}

void
sl_recovery_delete (const char *path)
{
  g_autofree char *side = sidecar_path (path);

  g_unlink (path);
  g_unlink (side);
}
