/* sl-ui.c: what every editor widget needs before the first one is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-ui"

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "shotline-ui.h"
#include "sl-ui-resources.h"

void
sl_ui_init (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      sl_ui_register_resource ();
      adw_init ();
      gtk_source_init ();
      gtk_css_provider_load_from_resource (css, "/app/shotline/Shotline/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      /* Run from the build tree, the app's icon is only in the sources. */
      if (g_file_test (SOURCE_DATADIR "/icons/hicolor", G_FILE_TEST_IS_DIR))
        gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        SOURCE_DATADIR "/icons");
      g_once_init_leave (&initialised, 1);
    }
}

gboolean
sl_ui_prefers_chinese (void)
{
  const char *const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

const char *
sl_ui_preset_name (SlPreset *preset)
{
  g_return_val_if_fail (SL_IS_PRESET (preset), NULL);

  return sl_ui_prefers_chinese () ? sl_preset_get_name_zh (preset) : sl_preset_get_name_en (preset);
}

const char *
sl_ui_preset_description (SlPreset *preset)
{
  g_return_val_if_fail (SL_IS_PRESET (preset), NULL);

  return sl_ui_prefers_chinese () ? sl_preset_get_description_zh (preset) : sl_preset_get_description (preset);
}
