/* main-app.c: the editor (shotline-app [PROJECT…])
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline-app"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sl-application.h"

/* Run from the build tree, the compiled schema sits next to the build's
 * data files; installed, the system one is found as usual. This must run
 * before anything asks GIO for its default schema source (it is cached). */
static void
find_uninstalled_schema (void)
{
  const char * const *dirs = g_get_system_data_dirs ();

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return;
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *xml = g_build_filename (dirs[i], "glib-2.0", "schemas",
                                               APP_ID ".gschema.xml", NULL);
      if (g_file_test (xml, G_FILE_TEST_EXISTS))
        return;
    }
  if (g_file_test (BUILD_SCHEMADIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMADIR, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  find_uninstalled_schema ();

  app = sl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
