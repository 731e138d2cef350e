/* sl-lexicon-chips.h: the lexicon words a prompt uses, as small chips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_LEXICON_CHIPS (sl_lexicon_chips_get_type ())
G_DECLARE_FINAL_TYPE (SlLexiconChips, sl_lexicon_chips, SL, LEXICON_CHIPS, GtkWidget)

/* One chip per lexicon entry the prompt matched, in prompt order: the
 * entry's Chinese label where the prompt wrote it in Chinese, else its
 * English label; the tooltip names the entry's category. Hidden while
 * nothing matches. */
GtkWidget *sl_lexicon_chips_new        (void);
void       sl_lexicon_chips_set_prompt (SlLexiconChips *self,
                                        const char     *prompt);

G_END_DECLS
