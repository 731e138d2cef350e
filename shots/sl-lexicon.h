/* sl-lexicon.h: prompt words (English and Chinese) to render parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-look.h"

G_BEGIN_DECLS

/* One lexicon entry found in a prompt, for the UI to show as a chip.
 * offset and length are in bytes of the prompt as given; text is that
 * slice. The labels are short names of the entry in each language. */
typedef struct {
  char  *entry_id;
  char  *text;
  gsize  offset;
  gsize  length;
  char  *label_en;
  char  *label_zh;
} SlLexiconMatch;

#define SL_TYPE_LEXICON_MATCH (sl_lexicon_match_get_type ())
GType           sl_lexicon_match_get_type (void) G_GNUC_CONST;
SlLexiconMatch *sl_lexicon_match_copy     (const SlLexiconMatch *self);
void            sl_lexicon_match_free     (SlLexiconMatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlLexiconMatch, sl_lexicon_match_free)

#define SL_TYPE_LEXICON (sl_lexicon_get_type ())
G_DECLARE_FINAL_TYPE (SlLexicon, sl_lexicon, SL, LEXICON, GObject)

/* A lexicon is immutable once made, so one may be shared between threads.
 *
 * Parses one lexicon file's JSON (docs/lexicon.md); @origin names it in
 * errors. Every problem fails the load with an error that names the entry
 * and the field: SL_SHOTS_ERROR_CORRUPT for text that is not a lexicon,
 * SL_SHOTS_ERROR_INVALID for a bad entry. */
SlLexicon  *sl_lexicon_new_from_data  (const char  *text,
                                       gssize       length,
                                       const char  *origin,
                                       GError     **error);
/* The same for a file; a file that cannot be read gives a GFileError. */
SlLexicon  *sl_lexicon_new_from_file  (const char  *path,
                                       GError     **error);
/* @base's entries with @user's laid over them: a user entry replaces the
 * base entry of the same id in place, others are appended; where the same
 * words are in both, the user's entry wins. Version: base's version,
 * "+user-" and the first 8 hex digits of the SHA-256 of the user file. */
SlLexicon  *sl_lexicon_new_merged     (SlLexicon   *base,
                                       SlLexicon   *user);
/* The shared lexicon: the bundled lexicon.json (in $SHOTLINE_DATADIR if set,
 * else the source tree's data/ when it exists, else the installed data
 * folder) merged with $XDG_DATA_HOME/shotline/lexicon.json if present.
 * Loaded once, thread-safely. A broken user file is reported with a warning
 * and left out; a broken bundled file gives a critical and NULL.
 * (transfer none) */
SlLexicon  *sl_lexicon_get_default   (void);

/* What a project pins: the "version" of the file, e.g. "1", or
 * "1+user-0123abcd" for a merged lexicon. */
const char *sl_lexicon_get_version    (SlLexicon   *self);

/* Entries in lexicon order. */
guint              sl_lexicon_get_n_entries        (SlLexicon  *self);
gboolean           sl_lexicon_lookup               (SlLexicon  *self,
                                                    const char *id,
                                                    guint      *index);
const char        *sl_lexicon_get_entry_id         (SlLexicon  *self,
                                                    guint       index);
/* "" when the file gives none. */
const char        *sl_lexicon_get_entry_category   (SlLexicon  *self,
                                                    guint       index);
const char        *sl_lexicon_get_entry_label_en   (SlLexicon  *self,
                                                    guint       index);
const char        *sl_lexicon_get_entry_label_zh   (SlLexicon  *self,
                                                    guint       index);
/* The words and phrases as written in the file; NULL-terminated, may be
 * empty. */
const char *const *sl_lexicon_get_entry_words_en   (SlLexicon  *self,
                                                    guint       index);
const char *const *sl_lexicon_get_entry_words_zh   (SlLexicon  *self,
                                                    guint       index);
/* The look of the entry alone, as if its word were the whole prompt. */
SlLook            *sl_lexicon_get_entry_look       (SlLexicon  *self,
                                                    guint       index);

/* Reads @prompt through the lexicon. Matching ignores case; words in
 * Latin script match on word boundaries, Chinese (and other scripts written
 * without spaces) anywhere; spaces, "-" and "_" count alike. Longer phrases
 * win over the shorter ones they overlap, and text is matched only once.
 * The matched entries combine by the rule in docs/lexicon.md. The same
 * prompt and lexicon always give the same look; no match gives
 * sl_look_new ().
 *
 * @matches (optional): a new array of SlLexiconMatch in prompt order. */
SlLook            *sl_lexicon_resolve              (SlLexicon  *self,
                                                    const char *prompt,
                                                    GPtrArray **matches);

G_END_DECLS
