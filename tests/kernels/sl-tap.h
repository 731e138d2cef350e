/* sl-tap.h: a tiny TAP test runner for the kernel tests (no GLib here)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sl_tap_run() runs one test function and prints "ok N - name" or "not ok";
 * SL_CHECK() inside it records a failure with its location and carries on.
 * sl_tap_done() prints the plan and gives the exit status.
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int sl_tap_count;
static int sl_tap_failed_tests;
static int sl_tap_failures;  /* in the test running now */

__attribute__ ((format (printf, 4, 5)))
static bool
sl_tap_check (bool ok, const char *file, int line, const char *format, ...)
{
  va_list args;

  if (ok)
    return true;
  sl_tap_failures++;
  printf ("# %s:%d: ", file, line);
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  printf ("\n");
  return false;
}

#define SL_CHECK(cond, ...) sl_tap_check ((cond), __FILE__, __LINE__, __VA_ARGS__)

static void
sl_tap_run (const char *name, void (*test) (void))
{
  sl_tap_failures = 0;
  test ();
  sl_tap_count++;
  if (sl_tap_failures > 0)
    sl_tap_failed_tests++;
  printf ("%s %d - %s\n", sl_tap_failures > 0 ? "not ok" : "ok", sl_tap_count, name);
  fflush (stdout);
}

static int
sl_tap_done (void)
{
  printf ("1..%d\n", sl_tap_count);
  return sl_tap_failed_tests > 0 ? 1 : 0;
}
