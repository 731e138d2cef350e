/* fuzz-project-json.c: the project file reader on arbitrary bytes
 *
 * Besides not crashing, whatever loads must save, load again as an equal
 * project, and save to the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "shotline-shots.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *where = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  project = sl_project_json_from_data ((const char *) data, size, "/fuzz", &error);
  if (project == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  text = sl_project_json_to_data (project, NULL);
  again = sl_project_json_from_data (text, -1, "/fuzz", &error);
  if (again == NULL)
    g_error ("a saved project does not load: %s\n%s", error->message, text);
  if (!sl_model_equal (G_OBJECT (project), G_OBJECT (again), &where))
    g_error ("a saved project loads changed at %s", where);
  text_again = sl_project_json_to_data (again, NULL);
  if (strcmp (text, text_again) != 0)
    g_error ("saving a loaded project changes its text:\n%s\n%s", text, text_again);
  return 0;
}
