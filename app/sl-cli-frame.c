/* sl-cli-frame.c: `shotline frame PROJECT --time T -o frame.png`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "shotline-engine.h"
#include "shotline-shots.h"
#include "sl-cli.h"
#include "sl-project-io.h"
#include "sl-units.h"

static char *time_text;
static char *output;
static char *size_text;
static char *backend_name;
static char *layer;

static const GOptionEntry entries[] = {
  { "time", 't', 0, G_OPTION_ARG_STRING, &time_text, N_("Project time of the frame, in seconds (default 0)"), "SECONDS" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG file to write"), "FILE" },
  { "size", 's', 0, G_OPTION_ARG_STRING, &size_text, N_("Picture size (default: the project's)"), "WxH" },
  { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name, N_("auto (default), cpu, vulkan or cuda"), "NAME" },
  { "layer", 'l', 0, G_OPTION_ARG_STRING, &layer, N_("picture (default), or depth: the plate's depth map at its own size"), "LAYER" },
  { NULL }
};

gboolean
sl_cli_parse_size (const char *text, guint *width, guint *height)
{
  guint64 w, h;
  char *end;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    return FALSE;
  if (!g_ascii_isdigit (end[1]))
    return FALSE;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || w == 0 || h == 0 || w > G_MAXUINT16 || h > G_MAXUINT16)
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

gboolean
sl_cli_parse_time (const char *text, gint64 *time)
{
  g_autofree char *number = g_strdup (text);
  SlDecimal decimal;

  if (g_str_has_suffix (number, "s"))
    number[strlen (number) - 1] = '\0';
  return sl_decimal_parse (number, &decimal)
      && sl_decimal_to_time (&decimal, 9, G_MAXINT64, time) == SL_TIME_OK;
}

static int
write_depth (SlRenderer *renderer, SlProject *project, gint64 time)
{
  g_autoptr(GError) error = NULL;
  SlImage *depth;
  SlScene *scene;
  SlShot *shot;
  guint index = 0;

  shot = sl_project_get_shot_at (project, time, &index, NULL);
  scene = sl_renderer_get_scene (renderer, index, &error);
  if (scene == NULL)
    return sl_cli_fail ("%s", error->message);
  depth = sl_scene_get_depth_image (scene);
  if (depth == NULL)
    return sl_cli_fail (_("shot %u “%s” has no plate, so it has no depth map"),
                        index + 1, sl_shot_get_name (shot));
  if (!sl_image_save_png (depth, output, &error))
    return sl_cli_fail ("%s", error->message);
  return 0;
}

static int
write_picture (SlRenderer *renderer, gint64 time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlImage) image = NULL;

  if (size_text != NULL)
    {
      guint width = 0, height = 0;

      if (!sl_cli_parse_size (size_text, &width, &height))
        return sl_cli_fail (_("“%s” is not a size such as 640x360"), size_text) + 1;
      if (!sl_renderer_set_size (renderer, width, height, &error))
        return sl_cli_fail ("%s", error->message);
    }
  image = sl_renderer_render_image (renderer, time, &error);
  if (image == NULL || !sl_image_save_png (image, output, &error))
    return sl_cli_fail ("%s", error->message);
  return 0;
}

int
sl_cli_frame (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — render one frame to a PNG file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  gint64 time = 0, duration;
  gboolean depth;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc != 2)
    return sl_cli_fail (_("frame needs one project file")) + 1;
  if (output == NULL)
    return sl_cli_fail (_("frame needs an output file: -o FILE.png")) + 1;
  if (time_text != NULL && !sl_cli_parse_time (time_text, &time))
    return sl_cli_fail (_("“%s” is not a time in seconds such as 2.5"), time_text) + 1;
  depth = layer != NULL && g_str_equal (layer, "depth");
  if (layer != NULL && !depth && !g_str_equal (layer, "picture"))
    return sl_cli_fail (_("unknown layer “%s”; use picture or depth"), layer) + 1;

  project = sl_project_io_load (argv[1], &error);
  if (project == NULL)
    return sl_cli_fail ("%s", error->message);
  duration = sl_project_get_duration (project);
  if (sl_project_get_n_shots (project) == 0)
    return sl_cli_fail (_("%s has no shots"), argv[1]);
  if (time >= duration)
    return sl_cli_fail (_("%.3f s is past the end of the project (%.3f s)"),
                        (double) time / SL_SECOND, (double) duration / SL_SECOND);
  renderer = sl_renderer_new (project, backend_name != NULL ? backend_name : "auto", &error);
  if (renderer == NULL)
    return sl_cli_fail ("%s", error->message);
  return depth ? write_depth (renderer, project, time) : write_picture (renderer, time);
}
