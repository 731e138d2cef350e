/* sl-script-lexer.h: one line of the shot language, split into tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SL_TOKEN_WORD,     /* lower-cased; Latin letters or one word of CJK text */
  SL_TOKEN_NUMBER,   /* the literal as written, sign included */
  SL_TOKEN_STRING,   /* the text between the quotes, escapes resolved */
  SL_TOKEN_SYMBOL,   /* one character, or "->"; full-width forms folded */
} SlTokenKind;

typedef struct {
  SlTokenKind  kind;
  const char  *text;         /* owned by the lexer, valid until the next line */
  guint        column;       /* from 1, in characters */
  guint        end_column;   /* exclusive */
} SlToken;

/* Why a line could not be split; column/end_column as in SlToken. */
typedef struct {
  guint  column;
  guint  end_column;
  char  *message;
} SlLexError;

typedef struct _SlLexer SlLexer;

/* @vocabulary: the CJK words to split runs of CJK text into (set of
 * strings, borrowed); runs are cut greedily at the longest known word, and
 * unknown characters between known words stay together. */
SlLexer       *sl_lexer_new            (GHashTable *vocabulary);
void           sl_lexer_free           (SlLexer    *self);
/* Splits @line (@length bytes, no newline) into tokens. A comment (#) ends
 * the line. On FALSE, @error says where and why (message owned by the
 * caller) and the tokens are those before the problem. */
gboolean       sl_lexer_split          (SlLexer    *self,
                                        const char *line,
                                        gsize       length,
                                        SlLexError *error);
guint          sl_lexer_get_n_tokens   (SlLexer    *self);
const SlToken *sl_lexer_get_token      (SlLexer    *self,
                                        guint       index);
/* Where the line ends, for "found the end of the line". */
guint          sl_lexer_get_end_column (SlLexer    *self);

/* Is @c written with CJK characters, for token boundaries and for telling
 * Chinese aliases from English ones? */
gboolean       sl_lexer_is_cjk         (gunichar    c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlLexer, sl_lexer_free)

G_END_DECLS
