/* sl-cli.h: the shotline command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each command gets argv after its own name (argv[0] is the command name) and
 * returns the process exit status. Errors go to stderr, results to stdout. */
typedef int (*SlCliCommand) (int argc, char **argv);

int sl_cli_run          (int argc, char **argv);
int sl_cli_check        (int argc, char **argv);
int sl_cli_convert      (int argc, char **argv);
int sl_cli_info         (int argc, char **argv);
int sl_cli_frame        (int argc, char **argv);
int sl_cli_sheet        (int argc, char **argv);
int sl_cli_render       (int argc, char **argv);
int sl_cli_audio        (int argc, char **argv);
int sl_cli_camera       (int argc, char **argv);

/* Prints "shotline: error: MESSAGE" to stderr; returns 1 for `return`. */
int sl_cli_fail         (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* "640x360" into a size (each side 1..65535); FALSE when it is not one. */
gboolean sl_cli_parse_size (const char *text, guint *width, guint *height);
/* "2.5" or "2.5s" into nanoseconds; FALSE when it is not a time. */
gboolean sl_cli_parse_time (const char *text, gint64 *time);

G_END_DECLS
