/* sl-script-lexer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-script-lexer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-script-lexer.h"

struct _SlLexer
{
  GHashTable   *vocabulary;
  guint         longest_word;   /* in characters */
  GStringChunk *strings;
  GArray       *tokens;         /* SlToken */
  guint         end_column;
};

/* The position while splitting a line. */
typedef struct {
  SlLexer    *lexer;
  const char *p;
  const char *end;
  guint       column;
  SlLexError *error;
} Cursor;

gboolean
sl_lexer_is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

SlLexer *
sl_lexer_new (GHashTable *vocabulary)
{
  SlLexer *self = g_new0 (SlLexer, 1);
  GHashTableIter iter;
  gpointer word;

  g_return_val_if_fail (vocabulary != NULL, NULL);

  self->vocabulary = g_hash_table_ref (vocabulary);
  self->strings = g_string_chunk_new (256);
  self->tokens = g_array_new (FALSE, FALSE, sizeof (SlToken));
  g_hash_table_iter_init (&iter, vocabulary);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    self->longest_word = MAX (self->longest_word, (guint) g_utf8_strlen (word, -1));
  return self;
}

void
sl_lexer_free (SlLexer *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->vocabulary);
  g_string_chunk_free (self->strings);
  g_array_unref (self->tokens);
  g_free (self);
}

guint
sl_lexer_get_n_tokens (SlLexer *self)
{
  return self->tokens->len;
}

const SlToken *
sl_lexer_get_token (SlLexer *self, guint index)
{
  g_return_val_if_fail (index < self->tokens->len, NULL);
  return &g_array_index (self->tokens, SlToken, index);
}

guint
sl_lexer_get_end_column (SlLexer *self)
{
  return self->end_column;
}

static gunichar
peek (Cursor *cursor, guint ahead)
{
  const char *p = cursor->p;

  for (guint i = 0; i < ahead && p < cursor->end; i++)
    p = g_utf8_next_char (p);
  return p < cursor->end ? g_utf8_get_char (p) : 0;
}

/* Never steps past the end: a backslash or a lead byte may be the input's
 * last byte. */
static void
advance (Cursor *cursor)
{
  if (cursor->p >= cursor->end)
    return;
  cursor->p = MIN (g_utf8_next_char (cursor->p), cursor->end);
  cursor->column++;
}

static void
emit (Cursor *cursor, SlTokenKind kind, const char *text, gssize length, guint column)
{
  SlToken token = {
    .kind = kind,
    .text = g_string_chunk_insert_len (cursor->lexer->strings, text, length),
    .column = column,
    .end_column = cursor->column,
  };

  g_array_append_val (cursor->lexer->tokens, token);
}

static gboolean
fail (Cursor *cursor, guint column, guint end_column, char *message)
{
  cursor->error->column = column;
  cursor->error->end_column = MAX (end_column, column + 1);
  cursor->error->message = message;
  return FALSE;
}

static gboolean
is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_letter (gunichar c)
{
  return g_unichar_isalpha (c) && !sl_lexer_is_cjk (c);
}

static gboolean
starts_number (Cursor *cursor)
{
  gunichar c = peek (cursor, 0);
  guint at = (c == '+' || c == '-') ? 1 : 0;

  if (is_digit (peek (cursor, at)))
    return TRUE;
  return peek (cursor, at) == '.' && is_digit (peek (cursor, at + 1));
}

static void
skip_digits (Cursor *cursor)
{
  while (is_digit (peek (cursor, 0)))
    advance (cursor);
}

static void
lex_number (Cursor *cursor)
{
  const char *start = cursor->p;
  guint column = cursor->column;
  gunichar sign;

  if (peek (cursor, 0) == '+' || peek (cursor, 0) == '-')
    advance (cursor);
  skip_digits (cursor);
  if (peek (cursor, 0) == '.' && is_digit (peek (cursor, 1)))
    {
      advance (cursor);
      skip_digits (cursor);
    }
  sign = peek (cursor, 1);
  if ((peek (cursor, 0) == 'e' || peek (cursor, 0) == 'E')
      && (is_digit (sign) || ((sign == '+' || sign == '-') && is_digit (peek (cursor, 2)))))
    {
      advance (cursor);
      advance (cursor);
      skip_digits (cursor);
    }
  emit (cursor, SL_TOKEN_NUMBER, start, cursor->p - start, column);
}

/* Latin words; a hyphen between letters separates two words ("close-up"
 * is "close up"), an apostrophe between letters belongs to the word. */
static void
lex_word (Cursor *cursor)
{
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *lower = NULL;
  guint column = cursor->column;

  for (;;)
    {
      gunichar c = peek (cursor, 0);

      if (is_letter (c))
        g_string_append_unichar (word, c);
      else if ((c == '\'' || c == 0x2019) && is_letter (peek (cursor, 1)))
        g_string_append_c (word, '\'');
      else
        break;
      advance (cursor);
    }
  lower = g_utf8_strdown (word->str, word->len);
  emit (cursor, SL_TOKEN_WORD, lower, -1, column);
  if (peek (cursor, 0) == '-' && is_letter (peek (cursor, 1)))
    advance (cursor);
}

/* The length in characters of the longest vocabulary word at @chars[i]. */
static guint
longest_known (SlLexer *self, const char *run, const gsize *offsets, guint i, guint n, GString *scratch)
{
  for (guint length = MIN (self->longest_word, n - i); length > 0; length--)
    {
      g_string_truncate (scratch, 0);
      g_string_append_len (scratch, run + offsets[i], offsets[i + length] - offsets[i]);
      if (g_hash_table_contains (self->vocabulary, scratch->str))
        return length;
    }
  return 0;
}

static void
emit_cjk (Cursor *cursor, const char *run, const gsize *offsets, guint column, guint from, guint to)
{
  guint saved = cursor->column;

  cursor->column = column + to;
  emit (cursor, SL_TOKEN_WORD, run + offsets[from], offsets[to] - offsets[from], column + from);
  cursor->column = saved;
}

/* Chinese is written without spaces: a run of CJK characters is cut into
 * the words of the vocabulary, longest first. */
static void
lex_cjk (Cursor *cursor)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *run = cursor->p;
  guint column = cursor->column;
  guint n, pending = 0;

  while (cursor->p < cursor->end && sl_lexer_is_cjk (peek (cursor, 0)))
    {
      gsize offset = cursor->p - run;

      g_array_append_val (offsets, offset);
      advance (cursor);
    }
  n = offsets->len;
  g_array_append_vals (offsets, &(gsize) { cursor->p - run }, 1);
  for (guint i = 0; i < n;)
    {
      const gsize *at = (const gsize *) offsets->data;
      guint length = longest_known (cursor->lexer, run, at, i, n, scratch);

      if (length == 0)
        {
          i++;
          continue;
        }
      if (pending < i)
        emit_cjk (cursor, run, at, column, pending, i);
      emit_cjk (cursor, run, at, column, i, i + length);
      i += length;
      pending = i;
    }
  if (pending < n)
    emit_cjk (cursor, run, (const gsize *) offsets->data, column, pending, n);
}

static gboolean
unescape (Cursor *cursor, GString *text, guint column)
{
  gunichar c = peek (cursor, 0);
  gunichar value = 0;

  advance (cursor);
  switch (c)
    {
    case 'n': g_string_append_c (text, '\n'); return TRUE;
    case 't': g_string_append_c (text, '\t'); return TRUE;
    case 'r': g_string_append_c (text, '\r'); return TRUE;
    case '"': case '\\': case 0x201C: case 0x201D:
      g_string_append_unichar (text, c);
      return TRUE;
    case 'u':
      for (guint i = 0; i < 4; i++, advance (cursor))
        {
          int digit = g_unichar_xdigit_value (peek (cursor, 0));

          if (digit < 0)
            return fail (cursor, column, cursor->column + 1,
                         g_strdup (_("expected four hex digits after \\u")));
          value = value * 16 + (gunichar) digit;
        }
      if (value == 0 || !g_unichar_validate (value))
        return fail (cursor, column, cursor->column,
                     g_strdup_printf (_("\\u%04X is not a character a string can hold"), value));
      g_string_append_unichar (text, value);
      return TRUE;
    default:
      return fail (cursor, column, cursor->column,
                   g_strdup (_("unknown escape in a string: use \\\" for a quote, \\\\ for a backslash, \\n for a new line")));
    }
}

static gboolean
lex_string (Cursor *cursor)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gunichar close = peek (cursor, 0) == '"' ? '"' : 0x201D;
  guint column = cursor->column;

  advance (cursor);
  while (cursor->p < cursor->end)
    {
      gunichar c = peek (cursor, 0);
      guint escape_column = cursor->column;

      if (c == close)
        {
          advance (cursor);
          emit (cursor, SL_TOKEN_STRING, text->str, text->len, column);
          return TRUE;
        }
      advance (cursor);
      if (c == '\\')
        {
          /* A backslash as the last byte: the string is unterminated. */
          if (cursor->p >= cursor->end)
            break;
          if (!unescape (cursor, text, escape_column))
            return FALSE;
        }
      else
        g_string_append_unichar (text, c);
    }
  return fail (cursor, column, cursor->column,
               g_strdup_printf (_("unterminated string: it needs a closing %s"),
                                close == '"' ? "\"" : "”"));
}

/* Full-width punctuation, as Chinese input methods type it, means the same
 * as its ASCII form. */
static const char *
fold_symbol (gunichar c)
{
  switch (c)
    {
    case 0xFF05: return "%";
    case 0xFF0C: case 0x3001: return ",";
    case 0xFF08: return "(";
    case 0xFF09: return ")";
    case 0x2192: return "->";
    case 0x00D7: return "x";
    default: return NULL;
    }
}

static void
lex_symbol (Cursor *cursor)
{
  guint column = cursor->column;
  gunichar c = peek (cursor, 0);
  const char *folded = fold_symbol (c);
  const char *start = cursor->p;

  if (c == '-' && peek (cursor, 1) == '>')
    {
      advance (cursor);
      advance (cursor);
      emit (cursor, SL_TOKEN_SYMBOL, "->", -1, column);
      return;
    }
  advance (cursor);
  if (folded != NULL)
    emit (cursor, SL_TOKEN_SYMBOL, folded, -1, column);
  else
    emit (cursor, SL_TOKEN_SYMBOL, start, cursor->p - start, column);
}

static gboolean
check_utf8 (Cursor *cursor)
{
  const char *bad;
  guint column;

  if (g_utf8_validate_len (cursor->p, cursor->end - cursor->p, &bad))
    return TRUE;
  column = (guint) g_utf8_strlen (cursor->p, bad - cursor->p) + 1;
  if (*bad == '\0')
    return fail (cursor, column, column + 1, g_strdup (_("the text holds a NUL character")));
  return fail (cursor, column, column + 1,
               g_strdup_printf (_("the text is not valid UTF-8 (byte 0x%02X)"), (guchar) *bad));
}

static gboolean
lex_one (Cursor *cursor)
{
  gunichar c = peek (cursor, 0);

  if (g_unichar_isspace (c) || c == 0xFEFF)
    advance (cursor);
  else if (c == '#' || c == 0xFF03)
    cursor->p = cursor->end;
  else if (c == '"' || c == 0x201C)
    return lex_string (cursor);
  else if (starts_number (cursor))
    lex_number (cursor);
  else if (sl_lexer_is_cjk (c))
    lex_cjk (cursor);
  else if (is_letter (c))
    lex_word (cursor);
  else
    lex_symbol (cursor);
  return TRUE;
}

gboolean
sl_lexer_split (SlLexer *self, const char *line, gsize length, SlLexError *error)
{
  Cursor cursor = { self, line, line + length, 1, error };

  g_return_val_if_fail (self != NULL && error != NULL, FALSE);

  g_string_chunk_clear (self->strings);
  g_array_set_size (self->tokens, 0);
  self->end_column = 1;
  if (!check_utf8 (&cursor))
    return FALSE;
  self->end_column = (guint) g_utf8_strlen (line, length) + 1;
  while (cursor.p < cursor.end)
    if (!lex_one (&cursor))
      return FALSE;
  return TRUE;
}
