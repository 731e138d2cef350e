/* sl-units.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-units"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-units.h"

/* Exponents beyond this are infinite or zero for any double and any time;
 * the cap keeps the arithmetic on them from overflowing. */
#define EXPONENT_CAP 100000

#define SL_SECOND_NS G_GINT64_CONSTANT (1000000000)

static void
push_digit (SlDecimal *decimal, gsize *n, char digit, gboolean fraction)
{
  if (*n == 0 && digit == '0')
    {
      /* A leading zero: before the point it is nothing, after it a shift. */
      if (fraction)
        decimal->exponent--;
      return;
    }
  if (*n < SL_DECIMAL_DIGITS)
    {
      decimal->digits[(*n)++] = digit;
      if (fraction)
        decimal->exponent--;
      return;
    }
  decimal->truncated |= digit != '0';
  if (!fraction)
    decimal->exponent++;
}

static const char *
parse_exponent (const char *p, int *exponent)
{
  gboolean negative = FALSE;
  int value = 0;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (!g_ascii_isdigit (*p))
    return NULL;
  for (; g_ascii_isdigit (*p); p++)
    value = MIN (value * 10 + (*p - '0'), EXPONENT_CAP);
  *exponent = negative ? -value : value;
  return p;
}

gboolean
sl_decimal_parse (const char *text, SlDecimal *decimal)
{
  const char *p = text;
  gboolean any_digit = FALSE;
  int exponent = 0;
  gsize n = 0;

  g_return_val_if_fail (text != NULL && decimal != NULL, FALSE);

  memset (decimal, 0, sizeof *decimal);
  if (*p == '+' || *p == '-')
    decimal->negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, any_digit = TRUE)
    push_digit (decimal, &n, *p, FALSE);
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, any_digit = TRUE)
      push_digit (decimal, &n, *p, TRUE);
  if (!any_digit)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p = parse_exponent (p + 1, &exponent);
      if (p == NULL)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  while (n > 0 && decimal->digits[n - 1] == '0')
    {
      decimal->digits[--n] = '\0';
      decimal->exponent++;
    }
  decimal->exponent = CLAMP (decimal->exponent + exponent, -2 * EXPONENT_CAP, 2 * EXPONENT_CAP);
  return TRUE;
}

double
sl_decimal_to_double (const SlDecimal *decimal, int shift)
{
  char text[SL_DECIMAL_DIGITS + 32];

  g_return_val_if_fail (decimal != NULL, 0.0);

  if (decimal->digits[0] == '\0')
    return decimal->negative ? -0.0 : 0.0;
  g_snprintf (text, sizeof text, "%s%se%d", decimal->negative ? "-" : "",
              decimal->digits, decimal->exponent + shift);
  return g_ascii_strtod (text, NULL);
}

/* digits × 10^exponent as a whole number, if it is one below 10^18. */
static gboolean
whole_value (const SlDecimal *decimal, int exponent, guint64 *result)
{
  gsize n = strlen (decimal->digits);
  guint64 value = 0;

  if (exponent < 0 || n + exponent > 18)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint64) (decimal->digits[i] - '0');
  for (int i = 0; i < exponent; i++)
    value *= 10;
  *result = value;
  return TRUE;
}

SlTimeStatus
sl_decimal_to_time (const SlDecimal *decimal, int unit_exponent, gint64 max, gint64 *result)
{
  int exponent;
  guint64 value;

  g_return_val_if_fail (decimal != NULL && result != NULL, SL_TIME_TOO_LARGE);

  *result = 0;
  if (decimal->digits[0] == '\0')
    return SL_TIME_OK;
  if (decimal->negative)
    return SL_TIME_NEGATIVE;
  exponent = decimal->exponent + unit_exponent;
  /* Past the digits we kept, the value has more than a double's precision;
   * whether the dropped digits are sub-nanosecond depends on the size. */
  if (strlen (decimal->digits) + exponent > 18)
    return SL_TIME_TOO_LARGE;
  if (exponent < 0 || decimal->truncated)
    return SL_TIME_TOO_FINE;
  if (!whole_value (decimal, exponent, &value) || value > (guint64) max)
    return SL_TIME_TOO_LARGE;
  *result = (gint64) value;
  return SL_TIME_OK;
}

gboolean
sl_decimal_to_uint (const SlDecimal *decimal, guint64 max, guint64 *result)
{
  guint64 value = 0;

  g_return_val_if_fail (decimal != NULL && result != NULL, FALSE);

  if (decimal->digits[0] != '\0'
      && (decimal->negative || decimal->truncated
          || !whole_value (decimal, decimal->exponent, &value)))
    return FALSE;
  if (value > max)
    return FALSE;
  *result = value;
  return TRUE;
}

static guint64
gcd (guint64 a, guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

static guint64
round_div (guint64 a, guint64 b)
{
  return (a + b / 2) / b;
}

gboolean
sl_decimal_to_rate (const SlDecimal *decimal, guint64 *num, guint64 *den)
{
  guint64 digits, scale = 1, ntsc;

  g_return_val_if_fail (decimal != NULL && num != NULL && den != NULL, FALSE);

  if (decimal->negative && decimal->digits[0] != '\0')
    return FALSE;
  if (decimal->exponent >= 0 || decimal->digits[0] == '\0')
    {
      *den = 1;
      return sl_decimal_to_uint (decimal, G_MAXUINT32, num);
    }
  /* Beyond nine decimals no rate of a real camera or codec is meant. */
  if (decimal->truncated || decimal->exponent < -9
      || !whole_value (decimal, 0, &digits) || digits > G_MAXUINT32 * (guint64) 1000)
    return FALSE;
  for (int i = 0; i < -decimal->exponent; i++)
    scale *= 10;
  /* NTSC-style rates are written rounded: 29.97 means 30000/1001. */
  ntsc = round_div (digits * 1001, 1000 * scale);
  if (ntsc > 0 && ntsc * 1000 <= G_MAXUINT32
      && round_div (ntsc * 1000 * scale, 1001) == digits)
    {
      *num = ntsc * 1000;
      *den = 1001;
      return TRUE;
    }
  *num = digits / gcd (digits, scale);
  *den = scale / gcd (digits, scale);
  return *num <= G_MAXUINT32;
}

/* The fewest significant digits that read back as @value (> 0, finite):
 * value = digits × 10^exponent. */
static void
shortest_digits (double value, char digits[32], int *exponent)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *e;
  gsize n = 0;

  for (int precision = 0; precision < 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }
  e = strchr (text, 'e');
  for (const char *p = text; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  digits[n] = '\0';
  *exponent = atoi (e + 1) - (int) (n - 1);
  while (n > 1 && digits[n - 1] == '0')
    {
      digits[--n] = '\0';
      (*exponent)++;
    }
}

static void
append_plain (GString *out, const char *digits, int exponent)
{
  int n = (int) strlen (digits);

  if (exponent >= 0)
    {
      g_string_append (out, digits);
      for (int i = 0; i < exponent; i++)
        g_string_append_c (out, '0');
    }
  else if (-exponent < n)
    {
      g_string_append_len (out, digits, n + exponent);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n + exponent);
    }
  else
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exponent - n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
}

char *
sl_format_double (double value, int shift)
{
  GString *out;
  char digits[32];
  int exponent, n, leading;

  if (value == 0.0)
    return g_strdup ("0");
  if (!isfinite (value))
    return g_strdup (isnan (value) ? "nan" : value > 0 ? "inf" : "-inf");
  out = g_string_new (value < 0 ? "-" : "");
  shortest_digits (fabs (value), digits, &exponent);
  exponent += shift;
  n = (int) strlen (digits);
  leading = exponent + n - 1;    /* the power of ten of the first digit */
  if (leading >= -7 && leading < 21)
    append_plain (out, digits, exponent);
  else
    {
      g_string_append_c (out, digits[0]);
      if (n > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%d", leading);
    }
  return g_string_free (out, FALSE);
}

/* |ns| / 10^places as an exact decimal without trailing zeros. */
static char *
format_fixed (gint64 ns, int places)
{
  guint64 magnitude = ns < 0 ? -(guint64) ns : (guint64) ns;
  guint64 scale = 1;
  char fraction[16];
  int length = places;

  for (int i = 0; i < places; i++)
    scale *= 10;
  if (magnitude % scale == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, ns < 0 ? "-" : "", magnitude / scale);
  g_snprintf (fraction, sizeof fraction, "%0*" G_GUINT64_FORMAT, places, magnitude % scale);
  while (fraction[length - 1] == '0')
    fraction[--length] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", ns < 0 ? "-" : "",
                          magnitude / scale, fraction);
}

char *
sl_format_time (gint64 ns, gboolean *in_ms)
{
  g_autofree char *seconds = format_fixed (ns, 9);
  g_autofree char *milliseconds = format_fixed (ns, 6);

  g_return_val_if_fail (in_ms != NULL, NULL);

  /* Compared with their units: "0.25s" against "250ms"; a tie goes to
   * milliseconds below a second ("250ms") and to seconds above ("12.345s"). */
  *in_ms = strlen (milliseconds) + 1 < strlen (seconds)
           || (strlen (milliseconds) + 1 == strlen (seconds) && ns < SL_SECOND_NS);
  if (*in_ms)
    return g_steal_pointer (&milliseconds);
  return g_steal_pointer (&seconds);
}
