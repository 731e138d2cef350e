/* test-preferences.c: the preferences window: every backend listed, the
 * CPU usable, choices written to GSettings and shown back from them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

typedef struct {
  SlPreferencesWindow *window;
  GSettings           *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SlEditor) editor = sl_editor_new (NULL, NULL);

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "render-backend");
  g_settings_reset (f->settings, "preview-size");
  f->window = SL_PREFERENCES_WINDOW (sl_preferences_window_new (editor));
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  sl_test_ui_spin (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sl_test_ui_spin (50);
  g_assert_null (f->window);
  g_clear_object (&f->settings);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = sl_test_find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
probed (gpointer data)
{
  return !sl_preferences_window_get_probing (data);
}

static GtkCheckButton *
backend_check (Fixture    *f,
               const char *backend)
{
  g_autofree char *name = g_strconcat ("backend-", backend, NULL);

  return GTK_CHECK_BUTTON (sl_test_find_widget (child (f, name), GTK_TYPE_CHECK_BUTTON));
}

/* Once probed, each backend row is either usable or says why not. */
static void
test_backends_listed (Fixture       *f,
                      gconstpointer  data)
{
  static const char *backends[] = { "auto", "cpu", "vulkan", "cuda" };

  g_assert_true (sl_test_ui_wait_for (probed, f->window, 60000));
  for (guint i = 0; i < G_N_ELEMENTS (backends); i++)
    {
      g_autofree char *name = g_strconcat ("backend-", backends[i], NULL);
      AdwActionRow *row = ADW_ACTION_ROW (child (f, name));
      const char *subtitle = adw_action_row_get_subtitle (row);

      g_test_message ("%s: %s, %s", backends[i],
                      gtk_widget_get_sensitive (GTK_WIDGET (row)) ? "usable" : "unusable", subtitle);
      g_assert_nonnull (subtitle);
      g_assert_cmpstr (subtitle, !=, "");
      g_assert_cmpstr (subtitle, !=, "Checking…");
    }
  g_assert_true (gtk_widget_get_sensitive (child (f, "backend-cpu")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "backend-auto")));
  g_assert_true (gtk_check_button_get_active (backend_check (f, "auto")));
}

/* Activating a row (as a click does) writes the key; a change of the key
 * elsewhere moves the check. */
static void
test_choosing_backend_writes_setting (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *written = NULL;

  adw_action_row_activate (ADW_ACTION_ROW (child (f, "backend-cpu")));
  written = g_settings_get_string (f->settings, "render-backend");
  g_assert_cmpstr (written, ==, "cpu");
  g_assert_true (gtk_check_button_get_active (backend_check (f, "cpu")));
  g_assert_false (gtk_check_button_get_active (backend_check (f, "auto")));

  g_settings_set_string (f->settings, "render-backend", "auto");
  g_assert_true (gtk_check_button_get_active (backend_check (f, "auto")));
  g_assert_false (gtk_check_button_get_active (backend_check (f, "cpu")));
}

static void
test_preview_size_writes_setting (Fixture       *f,
                                  gconstpointer  data)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (f, "preview_size_row"));
  GListModel *model = adw_combo_row_get_model (row);
  g_autofree char *written = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (row)),
                   ==, "640 × 360");
  adw_combo_row_set_selected (row, 3);
  written = g_settings_get_string (f->settings, "preview-size");
  g_assert_cmpstr (written, ==, "1280x720");

  g_settings_set_string (f->settings, "preview-size", "960x540");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
}

static void
test_other_settings_write (Fixture       *f,
                           gconstpointer  data)
{
  GtkSpinButton *cache = GTK_SPIN_BUTTON (child (f, "cache_spin"));
  GtkSpinButton *autosave = GTK_SPIN_BUTTON (child (f, "autosave_spin"));

  gtk_spin_button_set_value (cache, 2048);
  g_assert_cmpint (g_settings_get_int (f->settings, "cache-budget-mb"), ==, 2048);
  gtk_spin_button_set_value (autosave, 30);
  g_assert_cmpint (g_settings_get_int (f->settings, "autosave-interval-seconds"), ==, 30);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "language_row")), 1);
  g_assert_cmpint (g_settings_get_enum (f->settings, "script-language"), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "language_row")), 0);
  g_assert_cmpint (g_settings_get_enum (f->settings, "script-language"), ==, 0);
}

int
main (int argc, char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_test_add ("/ui/preferences/backends-listed", Fixture, NULL,
              fixture_set_up, test_backends_listed, fixture_tear_down);
  g_test_add ("/ui/preferences/choosing-backend-writes-setting", Fixture, NULL,
              fixture_set_up, test_choosing_backend_writes_setting, fixture_tear_down);
  g_test_add ("/ui/preferences/preview-size-writes-setting", Fixture, NULL,
              fixture_set_up, test_preview_size_writes_setting, fixture_tear_down);
  g_test_add ("/ui/preferences/other-settings-write", Fixture, NULL,
              fixture_set_up, test_other_settings_write, fixture_tear_down);
  return g_test_run ();
}
