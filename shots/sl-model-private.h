/* sl-model-private.h: small helpers shared by the document objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Setters report whether the value really changed, so that objects emit
 * ::notify (and the project ::changed) only for real edits. */
static inline gboolean
sl_set_double (double *field, double value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static inline gboolean
sl_set_int64 (gint64 *field, gint64 value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static inline gboolean
sl_set_int (int *field, int value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static inline gboolean
sl_set_uint (guint *field, guint value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static inline gboolean
sl_set_boolean (gboolean *field, gboolean value)
{
  value = !!value;
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

static inline gboolean
sl_set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Flags every document property uses: only real changes notify. */
#define SL_PARAM_RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define SL_PARAM_LIST (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

/* Upper bound for amounts and coordinates: far beyond any sensible camera
 * move, small enough that sums and products stay finite. */
#define SL_AMOUNT_MAX 1.0e6

/* Longest time a document may hold: 100 hours in nanoseconds. */
#define SL_TIME_MAX ((gint64) 100 * 3600 * 1000000000)

G_END_DECLS
