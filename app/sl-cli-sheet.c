/* sl-cli-sheet.c: `shotline sheet PROJECT -o sheet.png`, a contact sheet
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

#define GAP 8
#define MAX_COLUMNS 64
#define DEFAULT_TILE_WIDTH 320
/* The sheet's background, a dark grey that reads as "not the picture". */
static const guint8 background[4] = { 32, 32, 32, 255 };

static char *output;
static char *size_text;
static char *backend_name;
static int columns = 4;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG file to write"), "FILE" },
  { "columns", 'c', 0, G_OPTION_ARG_INT, &columns, N_("Frames per shot, from its first to its last (default 4)"), "N" },
  { "size", 's', 0, G_OPTION_ARG_STRING, &size_text, N_("Size of each frame (default 320 wide, the project's shape)"), "WxH" },
  { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name, N_("auto (default), cpu, vulkan or cuda"), "NAME" },
  { NULL }
};

/* Column COLUMN of N: evenly from the shot's start to its last frame. */
static gint64
column_time (SlProject *project, guint index, int column, int n)
{
  gint64 start = sl_project_get_shot_start (project, index);
  gint64 duration = sl_shot_get_duration (sl_project_get_shot (project, index));
  gint64 frame = sl_project_get_frame_time (project, 1);

  if (column == n - 1)
    return start + MAX (duration - frame, 0);
  return start + duration * column / MAX (n - 1, 1);
}

typedef struct {
  guint   tile_width;
  guint   tile_height;
  guint   width;
  guint   height;
  guint8 *pixels;         /* borrowed */
} Sheet;

static void
fill_background (Sheet *sheet)
{
  for (gsize i = 0; i < (gsize) sheet->width * sheet->height; i++)
    memcpy (sheet->pixels + 4 * i, background, 4);
}

static gboolean
render_tiles (SlRenderer *renderer, SlProject *project, Sheet *sheet, GError **error)
{
  gsize stride = (gsize) sheet->width * 4;

  for (guint row = 0; row < sl_project_get_n_shots (project); row++)
    for (int column = 0; column < columns; column++)
      {
        gsize x = GAP + (gsize) column * (sheet->tile_width + GAP);
        gsize y = GAP + (gsize) row * (sheet->tile_height + GAP);

        /* Straight into the sheet: each tile is a window of its rows. */
        if (!sl_renderer_render_rgba (renderer, column_time (project, row, column, columns),
                                      sheet->pixels + y * stride + x * 4, stride, error))
          return FALSE;
      }
  return TRUE;
}

static int
tile_size (SlProject *project, guint *width, guint *height)
{
  if (size_text == NULL)
    {
      double aspect = (double) sl_project_get_width (project) / MAX (sl_project_get_height (project), 1);

      *width = DEFAULT_TILE_WIDTH;
      *height = MAX ((guint) round (DEFAULT_TILE_WIDTH / aspect), 1);
      return 0;
    }
  if (!sl_cli_parse_size (size_text, width, height))
    return sl_cli_fail (_("“%s” is not a size such as 320x180"), size_text) + 1;
  return 0;
}

int
sl_cli_sheet (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — a contact sheet of every shot"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlImage) image = NULL;
  g_autofree guint8 *pixels = NULL;
  Sheet sheet = { 0 };
  guint n_shots;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("One row per shot with frames from its start to its end."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc != 2)
    return sl_cli_fail (_("sheet needs one project file")) + 1;
  if (output == NULL)
    return sl_cli_fail (_("sheet needs an output file: -o FILE.png")) + 1;
  if (columns < 1 || columns > MAX_COLUMNS)
    return sl_cli_fail (_("--columns must be 1 to %d"), MAX_COLUMNS) + 1;

  project = sl_project_io_load (argv[1], &error);
  if (project == NULL)
    return sl_cli_fail ("%s", error->message);
  n_shots = sl_project_get_n_shots (project);
  if (n_shots == 0)
    return sl_cli_fail (_("%s has no shots"), argv[1]);
  if ((status = tile_size (project, &sheet.tile_width, &sheet.tile_height)) != 0)
    return status;
  sheet.width = columns * (sheet.tile_width + GAP) + GAP;
  sheet.height = n_shots * (sheet.tile_height + GAP) + GAP;
  if ((guint64) sheet.width * sheet.height > G_MAXINT32 / 4)
    return sl_cli_fail (_("a sheet of %u×%u pixels is too large; use a smaller --size"),
                        sheet.width, sheet.height);

  renderer = sl_renderer_new (project, backend_name != NULL ? backend_name : "auto", &error);
  if (renderer == NULL || !sl_renderer_set_size (renderer, sheet.tile_width, sheet.tile_height, &error))
    return sl_cli_fail ("%s", error->message);

  pixels = g_malloc ((gsize) sheet.width * sheet.height * 4);
  sheet.pixels = pixels;
  fill_background (&sheet);
  if (!render_tiles (renderer, project, &sheet, &error))
    return sl_cli_fail ("%s", error->message);
  bytes = g_bytes_new_take (g_steal_pointer (&pixels), (gsize) sheet.width * sheet.height * 4);
  image = sl_image_new_from_bytes (sheet.width, sheet.height, sheet.width * 4, bytes);
  if (!sl_image_save_png (image, output, &error))
    return sl_cli_fail ("%s", error->message);
  return 0;
}
