/* sl-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-backend-registry.h"
#include "sl-preferences-window.h"

/* The choices of the render-backend key, in the order the rows show them. */
typedef struct {
  const char *name;
  const char *title;
} BackendChoice;

static const BackendChoice backend_choices[] = {
  { "auto", N_("Automatic") },
  { "cpu", N_("CPU") },
  { "vulkan", N_("Vulkan") },
  { "cuda", N_("CUDA") },
};

/* What the registry said, probed once per process: opening a Vulkan or
 * CUDA driver can take a second, and the answer does not change while the
 * program runs. Main thread only. */
static SlBackendInfo *probed_infos;
static gsize n_probed_infos;

struct _SlPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  SlEditor            *editor;
  GSettings           *settings;
  GCancellable        *probe_cancellable;
  AdwActionRow        *backend_rows[G_N_ELEMENTS (backend_choices)];
  GtkCheckButton      *backend_checks[G_N_ELEMENTS (backend_choices)];

  AdwPreferencesGroup *backend_group;
  GtkSpinner          *probe_spinner;
  AdwComboRow         *preview_size_row;
  GtkAdjustment       *cache_adjustment;
  GtkAdjustment       *autosave_adjustment;
  AdwComboRow         *language_row;
};

G_DEFINE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_PROBING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Backends */

static const SlBackendInfo *
find_info (const char *name)
{
  for (gsize i = 0; i < n_probed_infos; i++)
    if (g_str_equal (probed_infos[i].name, name))
      return &probed_infos[i];
  return NULL;
}

/* A usable backend can be chosen; one that cannot run here stays listed,
 * insensitive, with the reason, so the user learns why it is missing. */
static void
show_backend_state (SlPreferencesWindow *self,
                    guint                i)
{
  const char *name = backend_choices[i].name;
  const SlBackendInfo *info = find_info (name);
  gboolean usable = TRUE;
  const char *subtitle;
  g_autofree char *described = NULL;

  if (g_str_equal (name, "auto"))
    subtitle = _("The first that works here: CUDA, then Vulkan, then the CPU");
  else if (g_str_equal (name, "cpu") && (info == NULL || !info->usable))
    subtitle = _("Works on every machine");
  else if (probed_infos == NULL)
    {
      subtitle = _("Checking…");
      usable = FALSE;
    }
  else if (info == NULL)
    {
      subtitle = _("Not built into this program");
      usable = FALSE;
    }
  else if (!info->usable)
    {
      subtitle = info->reason;
      usable = FALSE;
    }
  else if (!info->in_auto)
    /* Translators: a device that works but that Automatic passes over, and why */
    subtitle = described = g_strdup_printf (_("%s — Automatic skips it: %s"), info->device, info->reason);
  else
    subtitle = info->device;
  adw_action_row_set_subtitle (self->backend_rows[i], subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backend_rows[i]), usable);
}

static void
show_backend_states (SlPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (backend_choices); i++)
    show_backend_state (self, i);
  gtk_spinner_set_spinning (self->probe_spinner, probed_infos == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), probed_infos == NULL);
}

static void
on_backend_setting_changed (SlPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "render-backend");

  for (guint i = 0; i < G_N_ELEMENTS (backend_choices); i++)
    if (g_str_equal (current, backend_choices[i].name))
      gtk_check_button_set_active (self->backend_checks[i], TRUE);
}

static void
on_backend_toggled (SlPreferencesWindow *self,
                    GtkCheckButton      *check)
{
  const char *name = g_object_get_data (G_OBJECT (check), "backend");
  g_autofree char *current = g_settings_get_string (self->settings, "render-backend");

  if (gtk_check_button_get_active (check) && !g_str_equal (current, name))
    g_settings_set_string (self->settings, "render-backend", name);
}

static void
add_backend_rows (SlPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (backend_choices); i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkCheckButton *check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      g_autofree char *row_name = g_strconcat ("backend-", backend_choices[i].name, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(backend_choices[i].title));
      gtk_widget_set_name (GTK_WIDGET (row), row_name);
      gtk_widget_set_valign (GTK_WIDGET (check), GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "backend", (gpointer) backend_choices[i].name);
      if (i > 0)
        gtk_check_button_set_group (check, self->backend_checks[0]);
      adw_action_row_add_prefix (row, GTK_WIDGET (check));
      adw_action_row_set_activatable_widget (row, GTK_WIDGET (check));
      adw_preferences_group_add (self->backend_group, GTK_WIDGET (row));
      self->backend_rows[i] = row;
      self->backend_checks[i] = check;
    }
}

static void
connect_backend_rows (SlPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (backend_choices); i++)
    g_signal_connect_object (self->backend_checks[i], "toggled",
                             G_CALLBACK (on_backend_toggled), self, G_CONNECT_SWAPPED);
}

typedef struct {
  SlBackendInfo *infos;
  gsize          n_infos;
} ProbeResult;

static void
probe_result_free (gpointer data)
{
  ProbeResult *result = data;

  g_free (result->infos);
  g_free (result);
}

static void
probe_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ProbeResult *result = g_new0 (ProbeResult, 1);
  gsize n = sl_backend_registry_get_n_backends ();

  result->infos = g_new0 (SlBackendInfo, n);
  result->n_infos = sl_backend_registry_probe_all (result->infos, n);
  g_task_return_pointer (task, result, probe_result_free);
}

/* @data is the window, which cancels the probe when it goes away: then the
 * result is NULL (a cancelled task returns its error) and it is not
 * touched. */
static void
on_probe_done (GObject      *source,
               GAsyncResult *async_result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  ProbeResult *result = g_task_propagate_pointer (G_TASK (async_result), &error);
  SlPreferencesWindow *self;

  if (result == NULL)
    return;
  if (probed_infos == NULL)
    {
      probed_infos = g_steal_pointer (&result->infos);
      n_probed_infos = MIN (result->n_infos, sl_backend_registry_get_n_backends ());
    }
  probe_result_free (result);
  self = data;
  g_clear_object (&self->probe_cancellable);
  show_backend_states (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBING]);
}

/* No source object: the task may be released on the worker thread, where a
 * widget must not be finalized. */
static void
start_probe (SlPreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (probed_infos != NULL)
    return;
  self->probe_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->probe_cancellable, on_probe_done, self);
  g_task_run_in_thread (task, probe_thread);
}

/* Preview size: the key's own choices, "640x360", shown as "640 × 360". */

static GVariant *
get_preview_sizes (SlPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) values = NULL;
  const char *type;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "preview-size");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &values);
  return g_steal_pointer (&values);
}

static void
fill_preview_sizes (SlPreferencesWindow *self)
{
  g_autoptr(GVariant) sizes = get_preview_sizes (self);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (gsize i = 0; i < g_variant_n_children (sizes); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (sizes, i);
      g_auto(GStrv) parts = g_strsplit (g_variant_get_string (child, NULL), "x", 2);
      g_autofree char *label = NULL;

      /* Translators: a preview size in pixels, e.g. "640 × 360" */
      label = g_strdup_printf (_("%s × %s"), parts[0], parts[1] ? parts[1] : "?");
      gtk_string_list_append (list, label);
    }
  adw_combo_row_set_model (self->preview_size_row, G_LIST_MODEL (list));
}

static gboolean
preview_size_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  data)
{
  g_autoptr(GVariant) sizes = get_preview_sizes (data);
  const char *current = g_variant_get_string (variant, NULL);

  for (gsize i = 0; i < g_variant_n_children (sizes); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (sizes, i);

      if (g_str_equal (g_variant_get_string (child, NULL), current))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
preview_size_set_mapping (const GValue       *value,
                          const GVariantType *type,
                          gpointer            data)
{
  g_autoptr(GVariant) sizes = get_preview_sizes (data);
  guint i = g_value_get_uint (value);

  if (i >= g_variant_n_children (sizes))
    return NULL;
  return g_variant_get_child_value (sizes, i);
}

/* Shot language: the enum's nicks, in the row's order. */
static const char *languages[] = { "en", "zh" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  data)
{
  const char *current = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (current, languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *type,
                      gpointer            data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (languages))
    return NULL;
  return g_variant_new_string (languages[i]);
}

static void
bind_settings (SlPreferencesWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "preview-size", self->preview_size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, preview_size_get_mapping, preview_size_set_mapping,
                                self, NULL);
  g_settings_bind_with_mapping (self->settings, "script-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_get_mapping, language_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "cache-budget-mb", self->cache_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "autosave-interval-seconds", self->autosave_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::render-backend",
                           G_CALLBACK (on_backend_setting_changed), self, G_CONNECT_SWAPPED);
  on_backend_setting_changed (self);
  connect_backend_rows (self);
}

static void
sl_preferences_window_dispose (GObject *object)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

  if (self->probe_cancellable != NULL)
    g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  /* The rows outlive the template's references and, emptied as they go,
   * would write their last state through the bindings. */
  if (self->settings != NULL)
    {
      g_settings_unbind (self->preview_size_row, "selected");
      g_settings_unbind (self->language_row, "selected");
      g_settings_unbind (self->cache_adjustment, "value");
      g_settings_unbind (self->autosave_adjustment, "value");
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_preferences_window_parent_class)->dispose (object);
}

static void
sl_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    case PROP_PROBING:
      g_value_set_boolean (value, sl_preferences_window_get_probing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

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
sl_preferences_window_class_init (SlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_preferences_window_dispose;
  object_class->get_property = sl_preferences_window_get_property;
  object_class->set_property = sl_preferences_window_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBING] =
    g_param_spec_boolean ("probing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, backend_group);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, probe_spinner);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, preview_size_row);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, cache_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, autosave_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, language_row);
}

static void
sl_preferences_window_init (SlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  add_backend_rows (self);
  fill_preview_sizes (self);
  bind_settings (self);
  show_backend_states (self);
  start_probe (self);
}

GtkWidget *
sl_preferences_window_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_PREFERENCES_WINDOW, "editor", editor, NULL);
}

SlEditor *
sl_preferences_window_get_editor (SlPreferencesWindow *self)
{
  g_return_val_if_fail (SL_IS_PREFERENCES_WINDOW (self), NULL);
  return self->editor;
}

gboolean
sl_preferences_window_get_probing (SlPreferencesWindow *self)
{
  g_return_val_if_fail (SL_IS_PREFERENCES_WINDOW (self), FALSE);
  return probed_infos == NULL;
}
