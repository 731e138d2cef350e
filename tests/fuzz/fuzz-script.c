/* fuzz-script.c: the shot-language parser on arbitrary bytes
 *
 * Besides not crashing, whatever parses must print, in either language, to
 * a script that parses to an equal project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "shotline-shots.h"
#include "sl-script.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_reprint (SlProject *project, SlScriptLanguage language)
{
  g_autofree char *printed = sl_script_print (project, language);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) again = sl_script_parse (printed, -1, "printed.shots", NULL, NULL, &error);
  g_autofree char *where = NULL;

  if (again == NULL)
    g_error ("a printed script does not parse: %s\n%s", error->message, printed);
  if (!sl_model_equal (G_OBJECT (project), G_OBJECT (again), &where))
    g_error ("a printed script parses changed at %s:\n%s", where, printed);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  project = sl_script_parse ((const char *) data, size, "fuzz.shots", NULL, &diagnostics, &error);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    g_free (sl_diagnostic_format (diagnostics->pdata[i], "fuzz.shots"));
  if (project == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  check_reprint (project, SL_SCRIPT_ENGLISH);
  check_reprint (project, SL_SCRIPT_CHINESE);
  return 0;
}
