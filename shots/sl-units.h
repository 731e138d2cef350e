/* sl-units.h: exact numbers for the shot language
 *
 * Numbers are kept as the decimal digits the user wrote, so that "1.5s"
 * becomes exactly 1 500 000 000 ns and "30%" the double nearest to 0.3,
 * and printed back in the shortest form that reads back to the same value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* More significant digits than any double or time needs; further digits
 * are dropped and noted in truncated. */
#define SL_DECIMAL_DIGITS 40

/* value = (negative ? -1 : 1) × digits × 10^exponent; digits has no
 * leading or trailing zeros ("" for zero). */
typedef struct {
  gboolean negative;
  gboolean truncated;
  char     digits[SL_DECIMAL_DIGITS + 1];
  int      exponent;
} SlDecimal;

typedef enum {
  SL_TIME_OK,
  SL_TIME_NEGATIVE,
  SL_TIME_TOO_FINE,     /* finer than a nanosecond */
  SL_TIME_TOO_LARGE,
} SlTimeStatus;

/* @text is a number literal as the lexer accepts it: [+-] digits [. digits]
 * [(e|E) [+-] digits]. FALSE when it is not one. */
gboolean      sl_decimal_parse     (const char      *text,
                                    SlDecimal       *decimal);
/* The double nearest to value × 10^shift (±inf when too large). */
double        sl_decimal_to_double (const SlDecimal *decimal,
                                    int              shift);
/* value × 10^unit_exponent as a whole number (nanoseconds when the value is
 * in seconds and unit_exponent is 9). */
SlTimeStatus  sl_decimal_to_time   (const SlDecimal *decimal,
                                    int              unit_exponent,
                                    gint64           max,
                                    gint64          *result);
/* A whole number, FALSE when it is not one or is above @max. */
gboolean      sl_decimal_to_uint   (const SlDecimal *decimal,
                                    guint64          max,
                                    guint64         *result);
/* A frame rate as a fraction: whole numbers over 1, rates written like the
 * NTSC ones (29.97, 23.976, 59.94) as N×1000/1001, any other decimal
 * reduced (12.5 = 25/2). FALSE when the fraction does not fit in 32 bits. */
gboolean      sl_decimal_to_rate   (const SlDecimal *decimal,
                                    guint64         *num,
                                    guint64         *den);

/* The shortest text that reads back as exactly @value × 10^-shift, i.e.
 * shift 2 prints 0.3 as "30" for "30%". Plain decimals where they are
 * short, else with an exponent ("1e-20"). */
char         *sl_format_double     (double           value,
                                    int              shift);
/* The shortest exact decimal for a time, in seconds or in milliseconds
 * (whichever is shorter with its unit; on a tie milliseconds below a second,
 * seconds above): 4 s = "4", *in_ms FALSE; 250 ms = "250", *in_ms TRUE;
 * 12.345 s = "12.345", *in_ms FALSE. */
char         *sl_format_time       (gint64           ns,
                                    gboolean        *in_ms);

G_END_DECLS
