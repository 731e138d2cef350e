/* sl-cli.c: command dispatch, --help and --version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sl-cli.h"

typedef struct {
  const char   *name;
  SlCliCommand  run;
  const char   *summary;
} Command;

static const Command commands[] = {
  { "check",   sl_cli_check,   N_("Check projects and scripts for errors") },
  { "convert", sl_cli_convert, N_("Convert between .shots text and .shotline JSON, or to an .otio or .xges timeline") },
  { "info",    sl_cli_info,    N_("Show what this build can do: backends and media elements") },
  { "render",  sl_cli_render,  N_("Render a project to a video file (MP4, WebM or MOV)") },
  { "frame",   sl_cli_frame,   N_("Render one frame of a project to a PNG file") },
  { "sheet",   sl_cli_sheet,   N_("Render a contact sheet of every shot to a PNG file") },
  { "audio",   sl_cli_audio,   N_("Show the tempo, beats and onsets of an audio file") },
  { "camera",  sl_cli_camera,  N_("Export or import the camera path of a shot (RealEstate10K or JSON)") },
};

int
sl_cli_fail (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the prefix of every command-line error */
  g_printerr (_("shotline: error: %s\n"), message);
  return 1;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: shotline COMMAND [OPTIONS…] [ARGS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-10s %s\n", "--help", _("Show this help"));
  fprintf (out, "  %-10s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Run “shotline COMMAND --help” for the options of a command."));
}

int
sl_cli_run (int argc, char **argv)
{
  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("shotline %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  sl_cli_fail (_("unknown command “%s”; run “shotline --help” for the list"), argv[1]);
  return 2;
}
