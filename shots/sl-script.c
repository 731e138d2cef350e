/* sl-script.c
 *
 * The shot language is line based: every line is one statement, which
 * starts with a keyword (or with the words of a camera move) and goes on
 * with clauses in any order. Errors stop the line they are on, never the
 * script, so one pass reports every broken line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-script"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-script.h"
#include "sl-audio-clip.h"
#include "sl-keyframe.h"
#include "sl-move.h"
#include "sl-preset-library.h"
#include "sl-project.h"
#include "sl-reference.h"
#include "sl-script-lexer.h"
#include "sl-shot.h"
#include "sl-shots-error.h"
#include "sl-units.h"

/* Past this many errors the rest of a script is more likely garbage than
 * a script, and the list would only bury the first, useful ones. */
#define MAX_DIAGNOSTICS 100
/* What "follow the music zoom" means without an amount: half strength. */
#define FOLLOW_DEFAULT_AMOUNT 0.5
/* No move alias is longer; the rest of the line is clauses. */
#define MAX_MOVE_WORDS 8
/* Longer text is no typo of a keyword, and edit distances cost its square. */
#define MAX_SUGGEST_CHARS 40

/* ------------------------------------------------------------------------
 * Diagnostics
 */

G_DEFINE_BOXED_TYPE (SlDiagnostic, sl_diagnostic, sl_diagnostic_copy, sl_diagnostic_free)

SlDiagnostic *
sl_diagnostic_copy (const SlDiagnostic *self)
{
  SlDiagnostic *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new (SlDiagnostic, 1);
  *copy = *self;
  copy->message = g_strdup (self->message);
  copy->suggestion = g_strdup (self->suggestion);
  return copy;
}

void
sl_diagnostic_free (SlDiagnostic *self)
{
  if (self == NULL)
    return;
  g_free (self->message);
  g_free (self->suggestion);
  g_free (self);
}

char *
sl_diagnostic_format (const SlDiagnostic *self, const char *filename)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, _("%s:%u:%u: error: %s"), filename ? filename : "<input>",
                          self->line, self->column, self->message);
  if (self->suggestion != NULL)
    g_string_append_printf (text, _("; did you mean '%s'?"), self->suggestion);
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------------
 * Words: every keyword with its canonical English and Chinese spelling and
 * the other ways to write it. Words in a spelling are separated by spaces
 * or hyphens, as the lexer splits "close-up" into "close up".
 */

typedef struct {
  int         id;
  const char *en;
  const char *zh;
  const char *more;    /* '|'-separated, or NULL */
} Word;

typedef struct {
  const Word *words;
  guint       n_words;
} WordTable;

#define TABLE(words) { words, G_N_ELEMENTS (words) }

typedef enum {
  STATEMENT_PROJECT,
  STATEMENT_AUDIO,
  STATEMENT_SHOT,
  STATEMENT_PROMPT,
  STATEMENT_SIZE,
  STATEMENT_ANGLE,
  STATEMENT_TRANSITION,
  STATEMENT_CUT_ON_BEAT,
  STATEMENT_FOLLOW,
  STATEMENT_KEY,
  STATEMENT_MOVE,
  /* In the order of SlReferenceRole. */
  STATEMENT_PLATE,
  STATEMENT_SUBJECT,
  STATEMENT_STYLE,
  STATEMENT_FIRST_FRAME,
  STATEMENT_LAST_FRAME,
  N_STATEMENTS
} Statement;

static const Word statement_words[] = {
  { STATEMENT_PROJECT, "project", "项目", "工程" },
  { STATEMENT_AUDIO, "audio", "音频", "sound|音轨" },
  { STATEMENT_SHOT, "shot", "镜头", "分镜" },
  { STATEMENT_PROMPT, "prompt", "提示", "提示词|描述" },
  { STATEMENT_SIZE, "size", "景别", "shot size" },
  { STATEMENT_ANGLE, "angle", "角度", "camera angle|机位" },
  { STATEMENT_TRANSITION, "transition", "转场", NULL },
  { STATEMENT_CUT_ON_BEAT, "cut on beat", "卡点", "cut on the beat|踩点" },
  { STATEMENT_FOLLOW, "follow the music", "跟随音乐", "follow music|跟随 音乐" },
  { STATEMENT_KEY, "key", "关键帧", "keyframe" },
  { STATEMENT_MOVE, "move", "运镜", NULL },
  { STATEMENT_PLATE, "plate", "底图", "背景板" },
  { STATEMENT_SUBJECT, "subject", "主体", NULL },
  { STATEMENT_STYLE, "style", "风格", NULL },
  { STATEMENT_FIRST_FRAME, "first frame", "首帧", NULL },
  { STATEMENT_LAST_FRAME, "last frame", "尾帧", NULL },
};

/* Clause keywords of all statements, one enum so that a bit set can tell
 * which were given already. */
typedef enum {
  CLAUSE_SEED,
  CLAUSE_ENGINE,
  CLAUSE_LEXICON,
  CLAUSE_PICTURE_SIZE,
  CLAUSE_RATE,
  CLAUSE_AT,
  CLAUSE_IN,
  CLAUSE_FOR,
  CLAUSE_GAIN,
  CLAUSE_FADE_IN,
  CLAUSE_FADE_OUT,
  CLAUSE_ROLE,
  CLAUSE_FROM,
  CLAUSE_TO,
  CLAUSE_AROUND,
  CLAUSE_EASING,
  CLAUSE_POSITION,
  CLAUSE_LOOK,
  CLAUSE_FOCAL,
  CLAUSE_FOCUS,
  CLAUSE_DEPTH,
  CLAUSE_STRENGTH,
} Clause;

static const Word project_words[] = {
  { CLAUSE_SEED, "seed", "种子", "随机种子" },
  { CLAUSE_ENGINE, "engine", "引擎", NULL },
  { CLAUSE_LEXICON, "lexicon", "词库", "词典" },
};

static const Word audio_words[] = {
  { CLAUSE_AT, "at", "在", "于" },
  { CLAUSE_IN, "in", "入点", "in point" },
  { CLAUSE_FOR, "for", "时长", "length|duration" },
  { CLAUSE_GAIN, "gain", "增益", "volume|音量" },
  { CLAUSE_FADE_IN, "fade in", "淡入", NULL },
  { CLAUSE_FADE_OUT, "fade out", "淡出", NULL },
};

static const Word move_words[] = {
  { CLAUSE_FROM, "from", "从", NULL },
  { CLAUSE_TO, "to", "到", "until|至" },
  { CLAUSE_AROUND, "around", "围绕", "target|目标" },
};

static const Word key_words[] = {
  { CLAUSE_POSITION, "at", "位置", "position" },
  { CLAUSE_LOOK, "look", "朝向", "orientation" },
  { CLAUSE_FOCAL, "focal", "焦距", "focal length|lens" },
  { CLAUSE_FOCUS, "focus", "对焦", "focus distance|焦点" },
};

static const Word reference_words[] = {
  { CLAUSE_DEPTH, "depth", "深度", "深度图" },
  { CLAUSE_STRENGTH, "strength", "强度", NULL },
};

static const Word size_words[] = {
  { SL_SHOT_SIZE_NONE, "none", "无", NULL },
  { SL_SHOT_SIZE_EXTREME_LONG, "extreme long", "远景", "els|extreme long shot|extreme wide|extreme wide shot|ews|大远景" },
  { SL_SHOT_SIZE_LONG, "long", "全景", "ls|long shot|full|full shot|fs|wide|wide shot|ws" },
  { SL_SHOT_SIZE_MEDIUM_LONG, "medium long", "中全景", "mls|medium long shot|cowboy|cowboy shot|medium wide|medium wide shot|mws|中远景" },
  { SL_SHOT_SIZE_MEDIUM, "medium", "中景", "ms|medium shot|mid|mid shot" },
  { SL_SHOT_SIZE_MEDIUM_CLOSE_UP, "medium close-up", "近景", "mcu|medium closeup|medium close-up shot" },
  { SL_SHOT_SIZE_CLOSE_UP, "close-up", "特写", "cu|closeup|close-up shot" },
  { SL_SHOT_SIZE_EXTREME_CLOSE_UP, "extreme close-up", "大特写", "ecu|xcu|extreme closeup|extreme close-up shot" },
};

static const Word angle_words[] = {
  { SL_ANGLE_EYE_LEVEL, "eye level", "平视", "eye level shot|eye level angle" },
  { SL_ANGLE_HIGH, "high", "俯拍", "high angle|俯视" },
  { SL_ANGLE_LOW, "low", "仰拍", "low angle|仰视" },
  { SL_ANGLE_BIRDS_EYE, "bird's eye", "鸟瞰", "birds eye|bird's eye view|overhead|top down|顶拍" },
  { SL_ANGLE_WORMS_EYE, "worm's eye", "虫视", "worms eye|worm's eye view" },
  { SL_ANGLE_DUTCH, "dutch", "荷兰角", "dutch angle|dutch tilt|canted|倾斜" },
};

static const Word transition_words[] = {
  { SL_TRANSITION_CUT, "cut", "切", "hard cut|直切" },
  { SL_TRANSITION_DISSOLVE, "dissolve", "叠化", "cross dissolve|crossfade|cross fade|溶解" },
  { SL_TRANSITION_DIP_TO_BLACK, "dip to black", "黑场", "fade to black|闪黑" },
  { SL_TRANSITION_DIP_TO_WHITE, "dip to white", "白场", "fade to white|闪白" },
  { SL_TRANSITION_WHIP, "whip", "甩", "whip pan|甩镜" },
};

static const Word follow_words[] = {
  { SL_FOLLOW_ZOOM, "zoom", "缩放", NULL },
  { SL_FOLLOW_EXPOSURE, "exposure", "曝光", "brightness|亮度" },
  { SL_FOLLOW_ZOOM_AND_EXPOSURE, "zoom and exposure", "缩放和曝光", "exposure and zoom|缩放 和 曝光|缩放曝光" },
};

static const Word easing_words[] = {
  { SL_EASING_LINEAR, "linear", "线性", "constant|匀速" },
  { SL_EASING_EASE_IN, "ease in", "缓入", "easein|慢入" },
  { SL_EASING_EASE_OUT, "ease out", "缓出", "easeout|慢出" },
  { SL_EASING_EASE_IN_OUT, "ease in-out", "缓入缓出", "ease in and out|easeinout|ease|smooth|慢入慢出|缓入 缓出" },
  { SL_EASING_CUBIC_BEZIER, "bezier", "贝塞尔", "cubic bezier|贝塞尔曲线" },
};

static const Word audio_role_words[] = {
  { SL_AUDIO_ROLE_MUSIC, "music", "音乐", "bgm|背景音乐" },
  { SL_AUDIO_ROLE_VOICE, "voice", "人声", "voiceover|voice over|dialogue|narration|旁白|配音|对白" },
  { SL_AUDIO_ROLE_EFFECTS, "effects", "音效", "effect|sfx|fx|sound effects" },
};

static const Word depth_words[] = {
  { SL_DEPTH_MODE_AUTO, "auto", "自动", "automatic" },
  { SL_DEPTH_MODE_FLAT, "flat", "平面", "none|off|无" },
};

typedef enum {
  UNIT_SECONDS,
  UNIT_MILLISECONDS,
  UNIT_DEGREES,
  UNIT_PERCENT,
  UNIT_METERS,
  UNIT_MILLIMETERS,
  UNIT_FACTOR,
  UNIT_DB,
  UNIT_FPS,
} UnitWord;

static const Word unit_words[] = {
  { UNIT_SECONDS, "s", "秒", "sec|secs|second|seconds|秒钟" },
  { UNIT_MILLISECONDS, "ms", "毫秒", "msec|millisecond|milliseconds" },
  { UNIT_DEGREES, "deg", "度", "°|º|degree|degrees" },
  { UNIT_PERCENT, "%", "%", "percent" },
  { UNIT_METERS, "m", "米", "meter|meters|metre|metres" },
  { UNIT_MILLIMETERS, "mm", "毫米", "millimeter|millimeters|millimetre|millimetres" },
  { UNIT_FACTOR, "x", "倍", "times" },
  { UNIT_DB, "dB", "dB", "decibel|decibels|分贝" },
  { UNIT_FPS, "fps", "帧", "帧每秒|frames per second" },
};

static const Word arrow_words[] = {
  { 0, "->", "->", "to|到|至" },
};

static const WordTable statements = TABLE (statement_words);
static const WordTable project_clauses = TABLE (project_words);
static const WordTable audio_clauses = TABLE (audio_words);
static const WordTable move_clauses = TABLE (move_words);
static const WordTable key_clauses = TABLE (key_words);
static const WordTable reference_clauses = TABLE (reference_words);
static const WordTable sizes = TABLE (size_words);
static const WordTable angles = TABLE (angle_words);
static const WordTable transitions = TABLE (transition_words);
static const WordTable follow_modes = TABLE (follow_words);
static const WordTable easings = TABLE (easing_words);
static const WordTable audio_roles = TABLE (audio_role_words);
static const WordTable depth_modes = TABLE (depth_words);
static const WordTable units = TABLE (unit_words);
static const WordTable arrows = TABLE (arrow_words);

static const WordTable *const all_tables[] = {
  &statements, &project_clauses, &audio_clauses, &move_clauses, &key_clauses,
  &reference_clauses, &sizes, &angles, &transitions, &follow_modes, &easings,
  &audio_roles, &depth_modes, &units, &arrows,
};

/* Walks the spellings of one word: English, Chinese, then the others. */
typedef struct {
  const Word *word;
  guint       stage;
  const char *rest;
} Spellings;

static gboolean
next_spelling (Spellings *it, const char **spelling, gsize *length)
{
  const char *bar;

  if (it->stage < 2)
    {
      *spelling = it->stage++ == 0 ? it->word->en : it->word->zh;
      *length = strlen (*spelling);
      if (it->stage == 2)
        it->rest = it->word->more;
      return TRUE;
    }
  if (it->rest == NULL)
    return FALSE;
  bar = strchr (it->rest, '|');
  *spelling = it->rest;
  *length = bar ? (gsize) (bar - it->rest) : strlen (it->rest);
  it->rest = bar ? bar + 1 : NULL;
  return TRUE;
}

static const char *
spelling_of (const WordTable *table, int id, SlScriptLanguage language)
{
  for (guint i = 0; i < table->n_words; i++)
    if (table->words[i].id == id)
      return language == SL_SCRIPT_CHINESE ? table->words[i].zh : table->words[i].en;
  g_return_val_if_reached ("");
}

static gboolean
has_cjk (const char *text, gsize length)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    if (sl_lexer_is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
add_cjk_words (GHashTable *vocabulary, const char *spelling, gsize length)
{
  g_autofree char *copy = g_strndup (spelling, length);
  g_auto(GStrv) parts = g_strsplit (copy, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (has_cjk (parts[i], strlen (parts[i])))
      g_hash_table_add (vocabulary, g_strdup (parts[i]));
}

/* Every CJK word the language knows, for the lexer to cut runs of Chinese
 * text at: keywords, units and the words of the move aliases. */
static GHashTable *
build_vocabulary (SlPresetLibrary *presets)
{
  GHashTable *vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (all_tables); t++)
    for (guint i = 0; i < all_tables[t]->n_words; i++)
      {
        Spellings it = { &all_tables[t]->words[i] };
        const char *spelling;
        gsize length;

        while (next_spelling (&it, &spelling, &length))
          add_cjk_words (vocabulary, spelling, length);
      }
  for (guint i = 0; presets && i < sl_preset_library_get_n_presets (presets); i++)
    {
      const char *const *aliases = sl_preset_get_aliases (sl_preset_library_get_preset (presets, i));

      for (guint j = 0; aliases[j] != NULL; j++)
        add_cjk_words (vocabulary, aliases[j], strlen (aliases[j]));
    }
  return vocabulary;
}

/* Optimal string alignment distance, in characters: a swapped pair of
 * letters is one typo. */
static guint
edit_distance (const char *a, const char *b)
{
  glong n, m;
  g_autofree gunichar *s = g_utf8_to_ucs4_fast (a, -1, &n);
  g_autofree gunichar *t = g_utf8_to_ucs4_fast (b, -1, &m);
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));

#define D(i, j) d[(i) * (m + 1) + (j)]
  for (glong i = 0; i <= n; i++)
    D (i, 0) = i;
  for (glong j = 0; j <= m; j++)
    D (0, j) = j;
  for (glong i = 1; i <= n; i++)
    for (glong j = 1; j <= m; j++)
      {
        guint best = MIN (D (i - 1, j), D (i, j - 1)) + 1;

        best = MIN (best, D (i - 1, j - 1) + (s[i - 1] != t[j - 1]));
        if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (n, m);
#undef D
}

/* Is a word @distance edits away a typo rather than another word? */
static gboolean
is_typo (guint distance, glong length)
{
  return distance > 0 && distance * 3 <= (guint) MAX (length, 3);
}

/* ------------------------------------------------------------------------
 * The parser
 */

typedef struct {
  SlPresetLibrary *presets;      /* NULL when no presets could be loaded */
  SlLexer         *lexer;
  GPtrArray       *diagnostics;
  gboolean         stopped;
  SlProject       *project;
  /* Shots and clips join the project at the end, all at once: each append
   * to a project re-examines every shot. */
  GPtrArray       *shots;
  GPtrArray       *clips;
  SlShot          *shot;         /* the shot lines belong to; borrowed */
  guint            project_line;
  guint            given[N_STATEMENTS];   /* their lines in the current shot */
  gint64           last_key_time;
  guint            line;
  guint            pos;          /* the next token */
} Parser;

static const SlToken *
token_at (Parser *p, guint index)
{
  if (index >= sl_lexer_get_n_tokens (p->lexer))
    return NULL;
  return sl_lexer_get_token (p->lexer, index);
}

static const SlToken *
current (Parser *p)
{
  return token_at (p, p->pos);
}

static gboolean
at_end (Parser *p)
{
  return current (p) == NULL;
}

static gboolean
at_kind (Parser *p, SlTokenKind kind)
{
  const SlToken *token = current (p);

  return token != NULL && token->kind == kind;
}

static gboolean
at_symbol (Parser *p, const char *symbol)
{
  return at_kind (p, SL_TOKEN_SYMBOL) && strcmp (current (p)->text, symbol) == 0;
}

/* Commas (and semicolons) may separate clauses, as in "push in 30%, ease
 * in-out"; FALSE at the end of the line. */
static gboolean
skip_separators (Parser *p)
{
  while (at_symbol (p, ",") || at_symbol (p, ";"))
    p->pos++;
  return !at_end (p);
}

/* The tokens as words for messages and suggestions; garbage can make a
 * token of a megabyte, so long text is cut short ("…"). */
static char *
tokens_text (Parser *p, guint first, guint last)
{
  GString *text = g_string_new (NULL);
  guint budget = 2 * MAX_SUGGEST_CHARS;

  for (guint i = first; i < last && token_at (p, i) != NULL && budget > 0; i++)
    {
      const char *word = token_at (p, i)->text, *end = word;

      if (i > first)
        g_string_append_c (text, ' ');
      for (; *end != '\0' && budget > 0; budget--)
        end = g_utf8_next_char (end);
      g_string_append_len (text, word, end - word);
      if (*end != '\0')
        g_string_append (text, "…");
    }
  return g_string_free (text, FALSE);
}

/* Always FALSE, so that a parse step can end with "return report (...)". */
static gboolean
add_diagnostic (Parser *p, guint column, guint end_column, const char *suggestion, char *message)
{
  SlDiagnostic *diagnostic;

  if (p->stopped)
    {
      g_free (message);
      return FALSE;
    }
  diagnostic = g_new0 (SlDiagnostic, 1);
  diagnostic->line = p->line;
  diagnostic->column = column;
  diagnostic->end_column = MAX (end_column, column + 1);
  diagnostic->message = message;
  diagnostic->suggestion = g_strdup (suggestion);
  g_ptr_array_add (p->diagnostics, diagnostic);
  if (p->diagnostics->len == MAX_DIAGNOSTICS)
    {
      add_diagnostic (p, column, end_column, NULL, g_strdup (_("too many errors; stopping here")));
      p->stopped = TRUE;
    }
  return FALSE;
}

static gboolean report_tokens (Parser     *p,
                               guint       first,
                               guint       last,
                               const char *suggestion,
                               const char *format,
                               ...) G_GNUC_PRINTF (5, 6);

/* Reports a problem with tokens [first, last), or with the end of the line
 * when there are none. */
static gboolean
report_tokens (Parser *p, guint first, guint last, const char *suggestion, const char *format, ...)
{
  const SlToken *start = token_at (p, first);
  const SlToken *end = token_at (p, MIN (MAX (last, first + 1), sl_lexer_get_n_tokens (p->lexer)) - 1);
  guint column = start ? start->column : sl_lexer_get_end_column (p->lexer);
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return add_diagnostic (p, column, end && start ? end->end_column : column + 1, suggestion, message);
}

static char *
describe (Parser *p, guint index)
{
  const SlToken *token = token_at (p, index);
  g_autofree char *text = NULL;

  if (token == NULL)
    return g_strdup (_("the end of the line"));
  text = tokens_text (p, index, index + 1);
  if (token->kind == SL_TOKEN_STRING)
    return g_strdup_printf (_("the string \"%s\""), text);
  return g_strdup_printf ("'%s'", text);
}

/* The number of tokens from @index that spell @spelling, 0 if they do not. */
static guint
spelled (Parser *p, guint index, const char *spelling, gsize length)
{
  const char *s = spelling, *end = spelling + length;
  guint at = index;

  while (s < end)
    {
      const SlToken *token = token_at (p, at);
      gsize n = strcspn (s, " -|");

      n = MIN (n, (gsize) (end - s));
      /* "->" is a word of its own, not a hyphen. */
      if (n == 0 && s[0] == '-')
        n = 2;
      if (token == NULL || token->kind == SL_TOKEN_STRING
          || g_ascii_strncasecmp (token->text, s, n) != 0 || token->text[n] != '\0')
        return 0;
      at++;
      s += n;
      while (s < end && (*s == ' ' || (*s == '-' && s[1] != '>')))
        s++;
    }
  return at - index;
}

/* Takes the longest spelling of any word of @table at the current token. */
static gboolean
match_word (Parser *p, const WordTable *table, int *id)
{
  guint best = 0;

  for (guint i = 0; i < table->n_words; i++)
    {
      Spellings it = { &table->words[i] };
      const char *spelling;
      gsize length;

      while (next_spelling (&it, &spelling, &length))
        {
          guint n = spelled (p, p->pos, spelling, length);

          if (n > best)
            {
              best = n;
              *id = table->words[i].id;
            }
        }
    }
  p->pos += best;
  return best > 0;
}

static gboolean
looks_like (Parser *p, const WordTable *table)
{
  guint saved = p->pos;
  int id;
  gboolean found = match_word (p, table, &id);

  p->pos = saved;
  return found;
}

/* The spelling in @tables nearest to the words at the current token, if
 * it is near enough to be what was meant. (owned) */
static char *
nearest_spelling (Parser *p, const WordTable *const *tables, guint n_tables)
{
  char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint t = 0; t < n_tables; t++)
    for (guint i = 0; i < tables[t]->n_words; i++)
      {
        Spellings it = { &tables[t]->words[i] };
        const char *spelling;
        gsize length;

        while (next_spelling (&it, &spelling, &length))
          {
            g_autofree char *want = g_strdelimit (g_strndup (spelling, length), "-", ' ');
            guint n_words = 1;
            g_autofree char *text = NULL;
            guint distance;

            for (const char *s = want; *s; s++)
              n_words += *s == ' ';
            text = tokens_text (p, p->pos, p->pos + n_words);
            if (g_utf8_strlen (text, -1) > MAX_SUGGEST_CHARS)
              continue;
            distance = edit_distance (text, want);
            if (is_typo (distance, MAX (g_utf8_strlen (text, -1), g_utf8_strlen (want, -1)))
                && distance < best_distance)
              {
                g_free (best);
                best = g_strndup (spelling, length);
                best_distance = distance;
              }
          }
      }
  return best;
}

static gboolean
expected_among (Parser *p, const char *what, const WordTable *const *tables, guint n_tables)
{
  g_autofree char *found = describe (p, p->pos);
  g_autofree char *suggestion = NULL;

  if (at_kind (p, SL_TOKEN_WORD))
    suggestion = nearest_spelling (p, tables, n_tables);
  return report_tokens (p, p->pos, p->pos + 1, suggestion, _("expected %s, found %s"), what, found);
}

static gboolean
expected (Parser *p, const char *what)
{
  return expected_among (p, what, NULL, 0);
}

static gboolean
expected_word (Parser *p, const char *what, const WordTable *table)
{
  return expected_among (p, what, &table, 1);
}

static gboolean
expect_end (Parser *p)
{
  if (at_end (p))
    return TRUE;
  return expected (p, _("the end of the line"));
}

/* Each clause may be given once per statement. */
static gboolean
once (Parser *p, guint *seen, int clause, guint first)
{
  g_autofree char *text = NULL;

  if (!(*seen & (1u << clause)))
    {
      *seen |= 1u << clause;
      return TRUE;
    }
  text = tokens_text (p, first, p->pos);
  return report_tokens (p, first, p->pos, NULL, _("'%s' is given twice"), text);
}

/* ------------------------------------------------------------------------
 * Values
 */

static char *
describe_value (GParamSpec *pspec, const GValue *value)
{
  gboolean in_ms;
  g_autofree char *number = NULL;

  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    return sl_format_double (g_value_get_double (value), 0);
  if (G_IS_PARAM_SPEC_INT64 (pspec))
    {
      number = sl_format_time (g_value_get_int64 (value), &in_ms);
      return g_strconcat (number, in_ms ? "ms" : "s", NULL);
    }
  return g_strdup_value_contents (value);
}

static char *
describe_range (GParamSpec *pspec)
{
  g_auto(GValue) low = G_VALUE_INIT;
  g_auto(GValue) high = G_VALUE_INIT;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_value_init (&low, pspec->value_type);
  g_value_init (&high, pspec->value_type);
  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      g_value_set_double (&low, G_PARAM_SPEC_DOUBLE (pspec)->minimum);
      g_value_set_double (&high, G_PARAM_SPEC_DOUBLE (pspec)->maximum);
    }
  else if (G_IS_PARAM_SPEC_INT64 (pspec))
    {
      g_value_set_int64 (&low, MAX (G_PARAM_SPEC_INT64 (pspec)->minimum, 0));
      g_value_set_int64 (&high, G_PARAM_SPEC_INT64 (pspec)->maximum);
    }
  else
    {
      g_value_set_uint (&low, G_PARAM_SPEC_UINT (pspec)->minimum);
      g_value_set_uint (&high, G_PARAM_SPEC_UINT (pspec)->maximum);
    }
  from = describe_value (pspec, &low);
  to = describe_value (pspec, &high);
  return g_strdup_printf (_("from %s to %s"), from, to);
}

/* Sets a property after checking it against the property's range, which is
 * what the model allows, so that the message can say so instead of GLib
 * warning. @what names the value in the message. */
static gboolean
set_checked (Parser *p, gpointer object, const char *property, const GValue *value,
             const char *what, guint first)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto(GValue) checked = G_VALUE_INIT;

  g_value_init (&checked, G_VALUE_TYPE (value));
  g_value_copy (value, &checked);
  if (g_param_value_validate (pspec, &checked))
    {
      g_autofree char *range = describe_range (pspec);
      g_autofree char *found = describe_value (pspec, value);

      return report_tokens (p, first, p->pos, NULL, _("%s must be %s, found %s"), what, range, found);
    }
  g_object_set_property (object, property, value);
  return TRUE;
}

static gboolean
set_double (Parser *p, gpointer object, const char *property, double value, const char *what, guint first)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return set_checked (p, object, property, &v, what, first);
}

static gboolean
set_time (Parser *p, gpointer object, const char *property, gint64 value, const char *what, guint first)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value);
  return set_checked (p, object, property, &v, what, first);
}

static gboolean
set_uint (Parser *p, gpointer object, const char *property, guint value, const char *what, guint first)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  g_value_set_uint (&v, value);
  return set_checked (p, object, property, &v, what, first);
}

static gboolean
take_string (Parser *p, const char *what, const char **text)
{
  if (!at_kind (p, SL_TOKEN_STRING))
    return expected (p, what);
  *text = current (p)->text;
  p->pos++;
  return TRUE;
}

static gboolean
take_decimal (Parser *p, const char *what, SlDecimal *decimal)
{
  if (!at_kind (p, SL_TOKEN_NUMBER) || !sl_decimal_parse (current (p)->text, decimal))
    return expected (p, what);
  p->pos++;
  return TRUE;
}

static gboolean
check_finite (Parser *p, guint index, double value)
{
  g_autofree char *number = NULL;

  if (isfinite (value))
    return TRUE;
  number = tokens_text (p, index, index + 1);
  return report_tokens (p, index, p->pos, NULL, _("the number %s is too large"), number);
}

static gboolean
take_uint (Parser *p, const char *what, guint64 max, guint64 *value)
{
  g_autofree char *number = NULL;
  SlDecimal decimal;
  guint first = p->pos;

  if (!take_decimal (p, what, &decimal))
    return FALSE;
  if (sl_decimal_to_uint (&decimal, max, value))
    return TRUE;
  number = tokens_text (p, first, first + 1);
  return report_tokens (p, first, p->pos, NULL, _("expected %s, found '%s'"), what, number);
}

/* A number and a time unit, exact to the nanosecond. */
static gboolean
take_time (Parser *p, const char *what, gint64 *ns)
{
  guint first = p->pos;
  g_autofree char *number = NULL;
  SlDecimal decimal;
  int unit = -1;

  if (!take_decimal (p, what, &decimal))
    return FALSE;
  number = tokens_text (p, first, first + 1);
  if (!match_word (p, &units, &unit) || (unit != UNIT_SECONDS && unit != UNIT_MILLISECONDS))
    return report_tokens (p, first, first + 1, NULL, _("'%s' needs a time unit: %ss or %s秒"),
                          number, number, number);
  switch (sl_decimal_to_time (&decimal, unit == UNIT_SECONDS ? 9 : 6, G_MAXINT64, ns))
    {
    case SL_TIME_OK:
      return TRUE;
    case SL_TIME_NEGATIVE:
      return report_tokens (p, first, p->pos, NULL, _("a time or duration cannot be negative, found '%s'"), number);
    case SL_TIME_TOO_FINE:
      return report_tokens (p, first, p->pos, NULL, _("'%s' is finer than a nanosecond"), number);
    case SL_TIME_TOO_LARGE:
    default:
      return report_tokens (p, first, p->pos, NULL, _("'%s' is too long a time"), number);
    }
}

/* A number with an optional unit that, when given, must be @unit. */
static gboolean
take_measure (Parser *p, const char *what, int unit, double *value)
{
  guint first = p->pos;
  SlDecimal decimal;
  int found;

  if (!take_decimal (p, what, &decimal))
    return FALSE;
  *value = sl_decimal_to_double (&decimal, 0);
  if (!check_finite (p, first, *value))
    return FALSE;
  if (looks_like (p, &units))
    {
      guint unit_first = p->pos;
      g_autofree char *text = NULL;

      match_word (p, &units, &found);
      text = tokens_text (p, unit_first, p->pos);
      if (found != unit)
        return report_tokens (p, unit_first, p->pos, NULL, _("expected %s, found '%s'"), what, text);
    }
  return TRUE;
}

static const char *const position_properties[] = { "x", "y", "z" };
static const char *const look_properties[] = { "yaw", "pitch", "roll" };
static const char *const target_properties[] = { "target-x", "target-y", "target-z" };

static gboolean
take_triple (Parser *p, gpointer object, const char *const properties[3], const char *what, int unit)
{
  for (guint i = 0; i < 3; i++)
    {
      guint first = p->pos;
      double value;

      if (!take_measure (p, what, unit, &value)
          || !set_double (p, object, properties[i], value, what, first))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Statements
 */

static gboolean
in_shot (Parser *p, const char *what)
{
  if (p->shot != NULL)
    return TRUE;
  return report_tokens (p, 0, MAX (p->pos, 1), NULL,
                        _("%s must come after a shot line such as: shot \"Opening\" 4s"), what);
}

/* Shot settings that can be given once per shot. */
static gboolean
given_once (Parser *p, Statement statement, const char *what)
{
  if (p->given[statement] == 0)
    {
      p->given[statement] = p->line;
      return TRUE;
    }
  return report_tokens (p, 0, p->pos, NULL, _("this shot already has %s, on line %u"),
                        what, p->given[statement]);
}

static gboolean
parse_picture_size (Parser *p)
{
  guint first = p->pos;
  guint64 width, height;

  if (!take_uint (p, _("a width such as 1920"), G_MAXUINT32, &width))
    return FALSE;
  if (!(at_kind (p, SL_TOKEN_WORD) || at_kind (p, SL_TOKEN_SYMBOL)) || strcmp (current (p)->text, "x") != 0)
    return expected (p, _("'x' and a height, as in 1920x1080"));
  p->pos++;
  if (!take_uint (p, _("a height such as 1080"), G_MAXUINT32, &height))
    return FALSE;
  if (width == 0 || height == 0)
    return report_tokens (p, first, p->pos, NULL,
                          _("a picture of %llux%llu has no pixels; give a size such as 1920x1080"),
                          (unsigned long long) width, (unsigned long long) height);
  return set_uint (p, p->project, "width", (guint) width, _("the width"), first)
      && set_uint (p, p->project, "height", (guint) height, _("the height"), first);
}

static gboolean
parse_rate (Parser *p)
{
  guint first = p->pos;
  SlDecimal decimal;
  guint64 num, den = 1;
  int unit;

  if (!take_decimal (p, _("a frame rate such as 30fps"), &decimal))
    return FALSE;
  if (at_symbol (p, "/"))
    {
      p->pos++;
      if (!sl_decimal_to_uint (&decimal, G_MAXUINT32, &num))
        return report_tokens (p, first, first + 1, NULL, _("a frame rate fraction needs whole numbers, as in 30000/1001fps"));
      if (!take_uint (p, _("a whole number, as in 30000/1001fps"), G_MAXUINT32, &den))
        return FALSE;
    }
  else if (!sl_decimal_to_rate (&decimal, &num, &den))
    {
      g_autofree char *number = tokens_text (p, first, first + 1);

      return report_tokens (p, first, p->pos, NULL, _("'%s' is not a frame rate; write one such as 30fps or 29.97fps"),
                            number);
    }
  if (!match_word (p, &units, &unit) || unit != UNIT_FPS)
    return report_tokens (p, first, p->pos, NULL, _("expected 'fps' or 'x' after the number, as in 30fps or 1920x1080"));
  if (num == 0 || den == 0)
    return report_tokens (p, first, p->pos, NULL, _("the frame rate must be more than 0"));
  return set_uint (p, p->project, "fps-num", (guint) num, _("the frame rate's numerator"), first)
      && set_uint (p, p->project, "fps-den", (guint) den, _("the frame rate's denominator"), first);
}

static gboolean
parse_project_clause (Parser *p, guint *seen)
{
  guint first = p->pos;
  const SlToken *next = token_at (p, first + 1);
  const char *text;
  guint64 seed;
  int id;

  if (at_kind (p, SL_TOKEN_NUMBER))
    {
      gboolean is_size = next != NULL && next->kind != SL_TOKEN_STRING && strcmp (next->text, "x") == 0;

      if (!once (p, seen, is_size ? CLAUSE_PICTURE_SIZE : CLAUSE_RATE, first))
        return FALSE;
      return is_size ? parse_picture_size (p) : parse_rate (p);
    }
  if (!match_word (p, &project_clauses, &id))
    return expected_word (p, _("a size such as 1920x1080, a frame rate such as 30fps, seed, engine or lexicon"),
                          &project_clauses);
  if (!once (p, seen, id, first))
    return FALSE;
  first = p->pos;
  switch (id)
    {
    case CLAUSE_SEED:
      return take_uint (p, _("a seed, a whole number from 0 to 4294967295"), G_MAXUINT32, &seed)
          && set_uint (p, p->project, "seed", (guint) seed, _("the seed"), first);
    case CLAUSE_ENGINE:
      if (!take_string (p, _("the engine version in quotes, such as \"0.1.0\""), &text))
        return FALSE;
      g_object_set (p->project, "engine-version", text, NULL);
      return TRUE;
    case CLAUSE_LEXICON:
    default:
      if (!take_string (p, _("the lexicon version in quotes, such as \"1\""), &text))
        return FALSE;
      g_object_set (p->project, "lexicon-version", text, NULL);
      return TRUE;
    }
}

static gboolean
parse_project (Parser *p)
{
  guint seen = 0;

  if (p->project_line != 0)
    return report_tokens (p, 0, p->pos, NULL, _("the project is already described on line %u"), p->project_line);
  p->project_line = p->line;
  if (at_kind (p, SL_TOKEN_STRING))
    g_object_set (p->project, "title", current (p)->text, NULL), p->pos++;
  while (skip_separators (p))
    if (!parse_project_clause (p, &seen))
      return FALSE;
  return TRUE;
}

static const char *
audio_time_property (int clause)
{
  switch (clause)
    {
    case CLAUSE_AT: return "start";
    case CLAUSE_IN: return "in-point";
    case CLAUSE_FOR: return "duration";
    case CLAUSE_FADE_IN: return "fade-in";
    case CLAUSE_FADE_OUT: default: return "fade-out";
    }
}

static gboolean
parse_audio_clause (Parser *p, SlAudioClip *clip, guint *seen)
{
  static const WordTable *const tables[] = { &audio_clauses, &audio_roles };
  guint first = p->pos;
  gint64 time;
  double gain;
  int id;

  if (match_word (p, &audio_roles, &id))
    {
      if (!once (p, seen, CLAUSE_ROLE, first))
        return FALSE;
      g_object_set (clip, "role", id, NULL);
      return TRUE;
    }
  if (!match_word (p, &audio_clauses, &id))
    return expected_among (p, _("at, in, for, gain, fade in, fade out, music, voice or effects"),
                           tables, G_N_ELEMENTS (tables));
  if (!once (p, seen, id, first))
    return FALSE;
  first = p->pos;
  if (id == CLAUSE_GAIN)
    return take_measure (p, _("a gain such as -3dB"), UNIT_DB, &gain)
        && set_double (p, clip, "gain-db", gain, _("the gain"), first);
  return take_time (p, _("a time such as 1.5s or 1.5秒"), &time)
      && set_time (p, clip, audio_time_property (id), time, _("the time"), first);
}

static gboolean
parse_audio (Parser *p)
{
  g_autoptr(SlAudioClip) clip = NULL;
  const char *file;
  guint seen = 0;

  if (!take_string (p, _("the audio file in quotes, such as \"music.ogg\""), &file))
    return FALSE;
  clip = sl_audio_clip_new (file, 0);
  g_ptr_array_add (p->clips, g_object_ref (clip));
  while (skip_separators (p))
    if (!parse_audio_clause (p, clip, &seen))
      return FALSE;
  return TRUE;
}

static gboolean
parse_shot (Parser *p)
{
  g_autoptr(SlShot) shot = sl_shot_new ("", 3 * SL_SECOND);
  guint first;
  gint64 duration;

  /* The shot exists even when its line is broken, so that the lines under
   * it are checked as its own and not reported as outside any shot. */
  g_ptr_array_add (p->shots, g_object_ref (shot));
  p->shot = shot;
  memset (p->given, 0, sizeof p->given);
  p->last_key_time = -1;
  if (at_kind (p, SL_TOKEN_STRING))
    g_object_set (shot, "name", current (p)->text, NULL), p->pos++;
  if (at_end (p))
    return TRUE;
  first = p->pos;
  if (!take_time (p, _("a duration such as 4s or 4秒"), &duration))
    return FALSE;
  if (duration == 0)
    return report_tokens (p, first, p->pos, NULL, _("a shot cannot last 0s; give it a duration such as 4s"));
  return set_time (p, shot, "duration", duration, _("a shot's duration"), first) && expect_end (p);
}

static gboolean
parse_prompt (Parser *p)
{
  const char *text;

  if (!in_shot (p, _("a prompt")) || !given_once (p, STATEMENT_PROMPT, _("a prompt"))
      || !take_string (p, _("the prompt in quotes, such as \"a red dress on a white backdrop\""), &text))
    return FALSE;
  g_object_set (p->shot, "prompt", text, NULL);
  return expect_end (p);
}

static gboolean
parse_depth (Parser *p, SlReference *reference)
{
  int mode;

  if (at_kind (p, SL_TOKEN_STRING))
    {
      g_object_set (reference, "depth-mode", SL_DEPTH_MODE_FILE, "depth-file", current (p)->text, NULL);
      p->pos++;
      return TRUE;
    }
  if (!match_word (p, &depth_modes, &mode))
    return expected_word (p, _("auto, flat or a depth image in quotes"), &depth_modes);
  g_object_set (reference, "depth-mode", mode, NULL);
  return TRUE;
}

static gboolean
parse_reference (Parser *p, SlReferenceRole role)
{
  g_autoptr(SlReference) reference = NULL;
  const char *file;
  guint seen = 0;

  if (!in_shot (p, _("a reference image"))
      || !take_string (p, _("the image file in quotes, such as \"photo.jpg\""), &file))
    return FALSE;
  reference = sl_reference_new (file, role);
  g_list_store_append (sl_shot_get_references (p->shot), reference);
  while (skip_separators (p))
    {
      guint first = p->pos;
      double strength;
      int id;

      if (!match_word (p, &reference_clauses, &id))
        return expected_word (p, _("depth or strength"), &reference_clauses);
      if (!once (p, &seen, id, first))
        return FALSE;
      first = p->pos;
      if (id == CLAUSE_DEPTH ? !parse_depth (p, reference)
          : !(take_measure (p, _("a strength such as 1.5"), -1, &strength)
              && set_double (p, reference, "depth-strength", strength, _("the depth strength"), first)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_size (Parser *p)
{
  int start, end = SL_SHOT_SIZE_NONE;

  if (!in_shot (p, _("a shot size")) || !given_once (p, STATEMENT_SIZE, _("a shot size")))
    return FALSE;
  if (!match_word (p, &sizes, &start))
    return expected_word (p, _("a shot size such as wide, medium or close-up"), &sizes);
  if (match_word (p, &arrows, &end) && !match_word (p, &sizes, &end))
    return expected_word (p, _("the size the shot ends on, such as close-up"), &sizes);
  g_object_set (p->shot, "size-start", start, "size-end", end, NULL);
  return expect_end (p);
}

static gboolean
parse_angle (Parser *p)
{
  guint first;
  double degrees;
  int angle;

  if (!in_shot (p, _("a camera angle")) || !given_once (p, STATEMENT_ANGLE, _("a camera angle")))
    return FALSE;
  if (!match_word (p, &angles, &angle))
    return expected_word (p, _("an angle such as eye level, high, low, bird's eye, worm's eye or dutch"), &angles);
  g_object_set (p->shot, "angle", angle, NULL);
  first = p->pos;
  if (angle == SL_ANGLE_DUTCH && at_kind (p, SL_TOKEN_NUMBER))
    {
      if (!take_measure (p, _("a tilt such as 10deg"), UNIT_DEGREES, &degrees)
          || !set_double (p, p->shot, "dutch-degrees", degrees, _("the dutch angle"), first))
        return FALSE;
    }
  return expect_end (p);
}

static gboolean
parse_transition (Parser *p)
{
  guint first;
  gint64 duration;
  int transition;

  if (!in_shot (p, _("a transition")) || !given_once (p, STATEMENT_TRANSITION, _("a transition")))
    return FALSE;
  if (!match_word (p, &transitions, &transition))
    return expected_word (p, _("a transition: cut, dissolve, dip to black, dip to white or whip"), &transitions);
  g_object_set (p->shot, "transition", transition, NULL);
  first = p->pos;
  if (at_kind (p, SL_TOKEN_NUMBER))
    {
      if (!take_time (p, _("a duration such as 0.5s or 0.5秒"), &duration)
          || !set_time (p, p->shot, "transition-duration", duration, _("the transition"), first))
        return FALSE;
    }
  return expect_end (p);
}

static gboolean
parse_cut_on_beat (Parser *p)
{
  if (!in_shot (p, _("cut on beat")) || !given_once (p, STATEMENT_CUT_ON_BEAT, _("cut on beat")))
    return FALSE;
  g_object_set (p->shot, "cut-on-beat", TRUE, NULL);
  return expect_end (p);
}

static gboolean
parse_follow (Parser *p)
{
  double amount = FOLLOW_DEFAULT_AMOUNT;
  SlDecimal decimal;
  guint first;
  int mode, unit = -1;

  if (!in_shot (p, _("following the music")) || !given_once (p, STATEMENT_FOLLOW, _("following the music")))
    return FALSE;
  if (!match_word (p, &follow_modes, &mode))
    return expected_word (p, _("what follows the music: zoom, exposure, or zoom and exposure"), &follow_modes);
  first = p->pos;
  if (at_kind (p, SL_TOKEN_NUMBER))
    {
      take_decimal (p, _("an amount such as 50%"), &decimal);
      if (looks_like (p, &units) && (!match_word (p, &units, &unit) || unit != UNIT_PERCENT))
        return report_tokens (p, first, p->pos, NULL, _("expected an amount such as 50%% or 0.5"));
      amount = sl_decimal_to_double (&decimal, unit == UNIT_PERCENT ? -2 : 0);
      if (!(amount >= 0.0 && amount <= 1.0))
        return report_tokens (p, first, p->pos, NULL, _("the amount must be from 0%% to 100%%"));
    }
  g_object_set (p->shot, "follow-mode", mode, "follow-amount", amount, NULL);
  return expect_end (p);
}

static gboolean
parse_key (Parser *p)
{
  static const WordTable *const tables[] = { &key_clauses };
  g_autoptr(SlKeyframe) key = NULL;
  g_autofree char *previous = NULL;
  guint first = p->pos, seen = 0;
  gboolean in_ms;
  gint64 time;

  if (!in_shot (p, _("a keyframe")) || !take_time (p, _("the keyframe's time, such as 1.5s"), &time))
    return FALSE;
  key = sl_keyframe_new (0);
  g_list_store_append (sl_shot_get_keyframes (p->shot), key);
  if (!set_time (p, key, "time", time, _("the keyframe's time"), first))
    return FALSE;
  if (time < p->last_key_time)
    {
      previous = sl_format_time (p->last_key_time, &in_ms);
      return report_tokens (p, first, p->pos, NULL, _("keyframes go in time order, and this one comes before the one at %s%s"),
                            previous, in_ms ? "ms" : "s");
    }
  p->last_key_time = time;
  while (skip_separators (p))
    {
      double value;
      int id;

      first = p->pos;
      if (!match_word (p, &key_clauses, &id))
        return expected_among (p, _("at, look, focal or focus"), tables, 1);
      if (!once (p, &seen, id, first))
        return FALSE;
      first = p->pos;
      if (id == CLAUSE_POSITION && !take_triple (p, key, position_properties, _("a position in metres"), UNIT_METERS))
        return FALSE;
      if (id == CLAUSE_LOOK && !take_triple (p, key, look_properties, _("yaw, pitch and roll in degrees"), UNIT_DEGREES))
        return FALSE;
      if (id == CLAUSE_FOCAL && !(take_measure (p, _("a focal length such as 35mm"), UNIT_MILLIMETERS, &value)
                                   && set_double (p, key, "focal-length", value, _("the focal length"), first)))
        return FALSE;
      if (id == CLAUSE_FOCUS && !(take_measure (p, _("a focus distance such as 4m"), UNIT_METERS, &value)
                                   && set_double (p, key, "focus-distance", value, _("the focus distance"), first)))
        return FALSE;
    }
  return TRUE;
}

/* How a unit word reads as a move's amount. */
static const struct {
  int    word;
  SlUnit unit;
  int    shift;
} amount_units[] = {
  { UNIT_PERCENT, SL_UNIT_PERCENT, 0 },
  { UNIT_DEGREES, SL_UNIT_DEGREES, 0 },
  { UNIT_METERS, SL_UNIT_METERS, 0 },
  { UNIT_MILLIMETERS, SL_UNIT_MILLIMETERS, 0 },
  { UNIT_FACTOR, SL_UNIT_FACTOR, 0 },
  { UNIT_SECONDS, SL_UNIT_SECONDS, 0 },
  { UNIT_MILLISECONDS, SL_UNIT_SECONDS, -3 },
};

static const char *
unit_symbol (SlUnit unit, SlScriptLanguage language)
{
  switch (unit)
    {
    case SL_UNIT_DEGREES: return spelling_of (&units, UNIT_DEGREES, language);
    case SL_UNIT_PERCENT: return "%";
    case SL_UNIT_METERS: return spelling_of (&units, UNIT_METERS, language);
    case SL_UNIT_FACTOR: return spelling_of (&units, UNIT_FACTOR, language);
    case SL_UNIT_MILLIMETERS: return spelling_of (&units, UNIT_MILLIMETERS, language);
    case SL_UNIT_SECONDS: return spelling_of (&units, UNIT_SECONDS, language);
    case SL_UNIT_NONE:
    default:
      return "";
    }
}

static char *
accepted_units (SlPreset *preset)
{
  GString *text = g_string_new (NULL);

  for (SlUnit unit = SL_UNIT_NONE; unit <= SL_UNIT_SECONDS; unit++)
    if (sl_preset_accepts_unit (preset, unit))
      {
        if (text->len > 0)
          g_string_append (text, _(" or "));
        g_string_append (text, unit == SL_UNIT_NONE ? _("a plain number") : unit_symbol (unit, SL_SCRIPT_ENGLISH));
      }
  return g_string_free (text, FALSE);
}

static gboolean
parse_amount (Parser *p, SlMove *move, SlPreset *preset, const char *name)
{
  guint first = p->pos;
  SlUnit unit = SL_UNIT_NONE;
  SlDecimal decimal;
  int shift = 0, word;
  double amount;

  take_decimal (p, _("an amount such as 30%"), &decimal);
  if (looks_like (p, &units))
    {
      guint unit_first = p->pos;
      gboolean known = FALSE;

      match_word (p, &units, &word);
      for (guint i = 0; i < G_N_ELEMENTS (amount_units); i++)
        if (amount_units[i].word == word)
          {
            unit = amount_units[i].unit;
            shift = amount_units[i].shift;
            known = TRUE;
          }
      if (!known)
        return report_tokens (p, unit_first, p->pos, NULL, _("a camera move's amount cannot be in '%s'"),
                              token_at (p, unit_first)->text);
    }
  amount = sl_decimal_to_double (&decimal, shift);
  if (!check_finite (p, first, amount))
    return FALSE;
  if (preset != NULL && !sl_preset_accepts_unit (preset, unit))
    {
      g_autofree char *accepted = accepted_units (preset);

      return report_tokens (p, first, p->pos, NULL, unit == SL_UNIT_NONE
                            ? _("'%s' needs a unit for its amount%s: %s")
                            : _("'%s' does not take an amount in '%s': use %s"),
                            name, unit_symbol (unit, SL_SCRIPT_ENGLISH), accepted);
    }
  g_object_set (move, "unit", unit, NULL);
  return set_double (p, move, "amount", amount, _("the amount"), first);
}

static gboolean
parse_easing (Parser *p, SlMove *move, int easing)
{
  static const char *const properties[] = { "bezier-x1", "bezier-y1", "bezier-x2", "bezier-y2" };

  g_object_set (move, "easing", easing, NULL);
  if (easing != SL_EASING_CUBIC_BEZIER)
    return TRUE;
  if (!at_symbol (p, "("))
    return expected (p, _("'(' and four numbers, as in bezier(0.42, 0, 0.58, 1)"));
  p->pos++;
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      guint first = p->pos;
      double value;

      if (i > 0 && at_symbol (p, ","))
        p->pos++;
      first = p->pos;
      if (!take_measure (p, _("four numbers, as in bezier(0.42, 0, 0.58, 1)"), -1, &value)
          || !set_double (p, move, properties[i], value, _("a bezier control point"), first))
        return FALSE;
    }
  if (!at_symbol (p, ")"))
    return expected (p, _("')' after the four numbers of the curve"));
  p->pos++;
  return TRUE;
}

static gboolean
check_range (Parser *p, SlMove *move, guint to_first, guint to_last)
{
  gint64 start = sl_move_get_start (move), end = sl_move_get_end (move);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean from_ms, to_ms;

  if (end < 0 || end >= start)
    return TRUE;
  from = sl_format_time (start, &from_ms);
  to = sl_format_time (end, &to_ms);
  return report_tokens (p, to_first, to_last, NULL, _("the move ends at %s%s, before it starts at %s%s"),
                        to, to_ms ? "ms" : "s", from, from_ms ? "ms" : "s");
}

static gboolean
parse_move_clause (Parser *p, SlMove *move, guint *seen, guint *to_first, guint *to_last)
{
  static const WordTable *const tables[] = { &move_clauses, &easings };
  guint first = p->pos;
  gint64 time;
  int id;

  if (match_word (p, &easings, &id))
    return once (p, seen, CLAUSE_EASING, first) && parse_easing (p, move, id);
  if (!match_word (p, &move_clauses, &id))
    return expected_among (p, _("from, to, around or an easing such as ease in-out"), tables, G_N_ELEMENTS (tables));
  if (!once (p, seen, id, first))
    return FALSE;
  if (id == CLAUSE_AROUND)
    {
      g_object_set (move, "has-target", TRUE, NULL);
      return take_triple (p, move, target_properties, _("the point to move around, in metres"), UNIT_METERS);
    }
  if (!take_time (p, _("a time such as 1.5s or 1.5秒"), &time))
    return FALSE;
  if (id == CLAUSE_TO)
    {
      *to_first = first;
      *to_last = p->pos;
    }
  return set_time (p, move, id == CLAUSE_FROM ? "start" : "end", time, _("the time"), first);
}

static gboolean
parse_move (Parser *p, SlPreset *preset, const char *kind, const char *name)
{
  g_autoptr(SlMove) move = NULL;
  guint seen = 0, to_first = 0, to_last = 0;

  if (!in_shot (p, _("a camera move")))
    return FALSE;
  move = sl_move_new (kind, preset ? sl_preset_get_default_amount (preset) : 0.0,
                      preset ? sl_preset_get_default_unit (preset) : SL_UNIT_NONE);
  g_list_store_append (sl_shot_get_moves (p->shot), move);
  if (at_kind (p, SL_TOKEN_NUMBER) && !parse_amount (p, move, preset, name))
    return FALSE;
  while (skip_separators (p))
    if (!parse_move_clause (p, move, &seen, &to_first, &to_last))
      return FALSE;
  return check_range (p, move, to_first, to_last);
}

/* The words of a move at the start of the line, as the preset library
 * reads them: words and numbers ("360 orbit") up to the first other token. */
static SlPreset *
match_preset (Parser *p, guint *n_consumed)
{
  const char *words[MAX_MOVE_WORDS];
  guint n = 0;

  *n_consumed = 0;
  if (p->presets == NULL)
    return NULL;
  for (const SlToken *token; n < MAX_MOVE_WORDS && (token = token_at (p, p->pos + n)) != NULL; n++)
    {
      if (token->kind != SL_TOKEN_WORD && token->kind != SL_TOKEN_NUMBER)
        break;
      words[n] = token->text;
    }
  return sl_preset_library_match (p->presets, words, n, n_consumed);
}

static gboolean
parse_move_line (Parser *p, SlPreset *preset, guint n_words)
{
  g_autofree char *name = tokens_text (p, p->pos, p->pos + n_words);

  p->pos += n_words;
  return parse_move (p, preset, sl_preset_get_id (preset), name);
}

static gboolean
parse_move_by_id (Parser *p)
{
  const char *kind = current (p)->text;
  SlPreset *preset = p->presets ? sl_preset_library_lookup (p->presets, kind) : NULL;

  p->pos++;
  return parse_move (p, preset, kind, kind);
}

/* Neither a keyword nor a move: say which of the two it looks most like. */
static gboolean
unknown_statement (Parser *p)
{
  static const WordTable *const tables[] = { &statements };
  g_autofree char *keyword = NULL;
  g_autofree char *keyword_text = NULL;
  g_autofree char *text = NULL;
  const char *move = NULL;
  guint n = 0, n_keyword = 1;

  while (n < MAX_MOVE_WORDS && token_at (p, n) != NULL && token_at (p, n)->kind == SL_TOKEN_WORD)
    n++;
  if (n == 0)
    return expected (p, _("a keyword such as shot or prompt, or a camera move such as push in"));
  text = tokens_text (p, 0, n);
  keyword = nearest_spelling (p, tables, G_N_ELEMENTS (tables));
  if (keyword != NULL)
    {
      /* As many words as the keyword has: "first fram" for "first frame". */
      for (const char *s = keyword; *s; s++)
        n_keyword += *s == ' ' || *s == '-';
      keyword_text = tokens_text (p, 0, MIN (n_keyword, n));
    }
  if (p->presets != NULL && g_utf8_strlen (text, -1) <= MAX_SUGGEST_CHARS)
    move = sl_preset_library_suggest (p->presets, text);
  if (move != NULL && (keyword == NULL || edit_distance (text, move) < edit_distance (keyword_text, keyword)))
    return report_tokens (p, 0, n, move, _("unknown move '%s'"), text);
  if (keyword != NULL)
    return report_tokens (p, 0, MIN (n_keyword, n), keyword, _("unknown keyword '%s'"), keyword_text);
  return report_tokens (p, 0, n, NULL, _("unknown keyword or move '%s'"), text);
}

static void
parse_keyword_statement (Parser *p, Statement statement)
{
  switch (statement)
    {
    case STATEMENT_PROJECT: parse_project (p); break;
    case STATEMENT_AUDIO: parse_audio (p); break;
    case STATEMENT_SHOT: parse_shot (p); break;
    case STATEMENT_PROMPT: parse_prompt (p); break;
    case STATEMENT_SIZE: parse_size (p); break;
    case STATEMENT_ANGLE: parse_angle (p); break;
    case STATEMENT_TRANSITION: parse_transition (p); break;
    case STATEMENT_CUT_ON_BEAT: parse_cut_on_beat (p); break;
    case STATEMENT_FOLLOW: parse_follow (p); break;
    case STATEMENT_KEY: parse_key (p); break;
    case STATEMENT_MOVE: parse_move_by_id (p); break;
    case STATEMENT_PLATE:
    case STATEMENT_SUBJECT:
    case STATEMENT_STYLE:
    case STATEMENT_FIRST_FRAME:
    case STATEMENT_LAST_FRAME:
      parse_reference (p, (SlReferenceRole) (statement - STATEMENT_PLATE));
      break;
    case N_STATEMENTS:
    default:
      g_assert_not_reached ();
    }
}

static void
parse_statement (Parser *p)
{
  guint keyword_words = 0, n_words;
  SlPreset *preset;
  int id = -1;

  /* "move" is also the first word of move aliases ("move in"); the form
   * that names a preset by id has a string after it. */
  if (match_word (p, &statements, &id) && (id != STATEMENT_MOVE || at_kind (p, SL_TOKEN_STRING)))
    keyword_words = p->pos;
  p->pos = 0;
  preset = match_preset (p, &n_words);
  /* Keywords win over move words, unless the move's alias is longer:
   * "镜头 拉近" is a zoom, "镜头 "山谷"" a shot. */
  if (keyword_words > 0 && keyword_words >= n_words)
    {
      p->pos = keyword_words;
      parse_keyword_statement (p, id);
    }
  else if (preset != NULL)
    parse_move_line (p, preset, n_words);
  else if (looks_like (p, &sizes))
    parse_size (p);
  else if (looks_like (p, &angles))
    parse_angle (p);
  else
    unknown_statement (p);
}

static void
parse_line (Parser *p, const char *line, gsize length)
{
  SlLexError error = { 0 };

  p->pos = 0;
  if (!sl_lexer_split (p->lexer, line, length, &error))
    {
      add_diagnostic (p, error.column, error.end_column, NULL, error.message);
      return;
    }
  if (sl_lexer_get_n_tokens (p->lexer) > 0)
    parse_statement (p);
}

static void
set_error (GError **error, GPtrArray *diagnostics, const char *filename)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = sl_diagnostic_format (g_ptr_array_index (diagnostics, i), filename);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  g_set_error_literal (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_PARSE, text->str);
}

SlProject *
sl_script_parse (const char       *text,
                 gssize            length,
                 const char       *filename,
                 SlPresetLibrary  *presets,
                 GPtrArray       **diagnostics,
                 GError          **error)
{
  g_autoptr(GHashTable) vocabulary = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_diagnostic_free);
  g_autoptr(SlProject) project = sl_project_new ();
  g_autoptr(GPtrArray) shots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SlLexer) lexer = NULL;
  const char *end, *line;
  Parser p = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (presets == NULL || SL_IS_PRESET_LIBRARY (presets), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  p.presets = presets ? presets : sl_preset_library_get_default ();
  vocabulary = build_vocabulary (p.presets);
  lexer = sl_lexer_new (vocabulary);
  p.lexer = lexer;
  p.diagnostics = found;
  p.project = project;
  p.shots = shots;
  p.clips = clips;
  end = text + length;
  for (line = text; line < end && !p.stopped;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *stop = newline ? newline : end;

      p.line++;
      parse_line (&p, line, (stop > line && stop[-1] == '\r') ? stop - line - 1 : stop - line);
      line = newline ? newline + 1 : end;
    }
  if (found->len > 0)
    {
      set_error (error, found, filename);
      g_clear_object (&project);
    }
  else
    {
      g_list_store_splice (sl_project_get_shots (project), 0, 0, shots->pdata, shots->len);
      g_list_store_splice (sl_project_get_audio_clips (project), 0, 0, clips->pdata, clips->len);
    }
  if (diagnostics != NULL)
    *diagnostics = g_steal_pointer (&found);
  return g_steal_pointer (&project);
}

/* ------------------------------------------------------------------------
 * The printer: one canonical spelling, fixed order, defaults left out.
 */

typedef struct {
  GString          *out;
  SlScriptLanguage  language;
  SlPresetLibrary  *presets;
} Printer;

static gboolean
is_default (gpointer object, const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, property, &value);
  return g_param_value_defaults (pspec, &value);
}

static void
put (Printer *pr, const char *text)
{
  GString *out = pr->out;

  if (out->len > 0 && out->str[out->len - 1] != '\n' && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static void
put_word (Printer *pr, const WordTable *table, int id)
{
  put (pr, spelling_of (table, id, pr->language));
}

static void
put_string (Printer *pr, const char *text)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *s = text ? text : ""; *s; s++)
    switch (*s)
      {
      case '"': g_string_append (quoted, "\\\""); break;
      case '\\': g_string_append (quoted, "\\\\"); break;
      case '\n': g_string_append (quoted, "\\n"); break;
      case '\t': g_string_append (quoted, "\\t"); break;
      case '\r': g_string_append (quoted, "\\r"); break;
      default:
        if ((guchar) *s < 0x20 || *s == 0x7f)
          g_string_append_printf (quoted, "\\u%04X", (guchar) *s);
        else
          g_string_append_c (quoted, *s);
      }
  g_string_append_c (quoted, '"');
  put (pr, quoted->str);
}

static void
put_number (Printer *pr, double value, int shift, const char *unit)
{
  g_autofree char *number = sl_format_double (value, shift);
  g_autofree char *text = g_strconcat (number, unit, NULL);

  put (pr, text);
}

static void
put_time (Printer *pr, gint64 ns)
{
  gboolean in_ms;
  g_autofree char *number = sl_format_time (ns, &in_ms);
  g_autofree char *text = g_strconcat (number, spelling_of (&units, in_ms ? UNIT_MILLISECONDS : UNIT_SECONDS,
                                                            pr->language), NULL);

  put (pr, text);
}

static double
get_double (gpointer object, const char *property)
{
  double value;

  g_object_get (object, property, &value, NULL);
  return value;
}

static gint64
get_time (gpointer object, const char *property)
{
  gint64 value;

  g_object_get (object, property, &value, NULL);
  return value;
}

static void
print_project (Printer *pr, SlProject *project)
{
  g_autofree char *size = g_strdup_printf ("%ux%u", sl_project_get_width (project), sl_project_get_height (project));
  g_autofree char *rate = NULL;
  g_autofree char *seed = NULL;

  put_word (pr, &statements, STATEMENT_PROJECT);
  if (!is_default (project, "title"))
    put_string (pr, sl_project_get_title (project));
  /* Size and rate always show: they are what every reader wants to know. */
  put (pr, size);
  if (sl_project_get_fps_den (project) == 1)
    rate = g_strdup_printf ("%u%s", sl_project_get_fps_num (project), spelling_of (&units, UNIT_FPS, pr->language));
  else
    rate = g_strdup_printf ("%u/%u%s", sl_project_get_fps_num (project), sl_project_get_fps_den (project),
                            spelling_of (&units, UNIT_FPS, pr->language));
  put (pr, rate);
  if (!is_default (project, "seed"))
    {
      seed = g_strdup_printf ("%u", sl_project_get_seed (project));
      put_word (pr, &project_clauses, CLAUSE_SEED);
      put (pr, seed);
    }
  if (!is_default (project, "engine-version"))
    {
      put_word (pr, &project_clauses, CLAUSE_ENGINE);
      put_string (pr, sl_project_get_engine_version (project));
    }
  if (!is_default (project, "lexicon-version"))
    {
      put_word (pr, &project_clauses, CLAUSE_LEXICON);
      put_string (pr, sl_project_get_lexicon_version (project));
    }
  g_string_append_c (pr->out, '\n');
}

static void
print_audio (Printer *pr, gpointer item)
{
  SlAudioClip *clip = item;
  static const int clauses[] = { CLAUSE_AT, CLAUSE_IN, CLAUSE_FOR, CLAUSE_GAIN, CLAUSE_FADE_IN, CLAUSE_FADE_OUT };

  put_word (pr, &statements, STATEMENT_AUDIO);
  put_string (pr, sl_audio_clip_get_file (clip));
  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    {
      const char *property = clauses[i] == CLAUSE_GAIN ? "gain-db" : audio_time_property (clauses[i]);

      if (is_default (clip, property))
        continue;
      put_word (pr, &audio_clauses, clauses[i]);
      if (clauses[i] == CLAUSE_GAIN)
        put_number (pr, sl_audio_clip_get_gain_db (clip), 0, "dB");
      else
        put_time (pr, get_time (clip, property));
    }
  if (!is_default (clip, "role"))
    put_word (pr, &audio_roles, sl_audio_clip_get_role (clip));
  g_string_append_c (pr->out, '\n');
}

static void
print_reference (Printer *pr, gpointer item)
{
  SlReference *reference = item;
  g_string_append (pr->out, "  ");
  put_word (pr, &statements, STATEMENT_PLATE + sl_reference_get_role (reference));
  put_string (pr, sl_reference_get_file (reference));
  if (sl_reference_get_depth_mode (reference) != SL_DEPTH_MODE_AUTO)
    {
      put_word (pr, &reference_clauses, CLAUSE_DEPTH);
      if (sl_reference_get_depth_mode (reference) == SL_DEPTH_MODE_FILE)
        put_string (pr, sl_reference_get_depth_file (reference));
      else
        put_word (pr, &depth_modes, SL_DEPTH_MODE_FLAT);
    }
  if (!is_default (reference, "depth-strength"))
    {
      put_word (pr, &reference_clauses, CLAUSE_STRENGTH);
      put_number (pr, sl_reference_get_depth_strength (reference), 0, "");
    }
  g_string_append_c (pr->out, '\n');
}

static gboolean
is_word_char (gunichar c, int kind)
{
  switch (kind)
    {
    case 0: return c >= '0' && c <= '9';
    case 1: return sl_lexer_is_cjk (c);
    default: return (g_unichar_isalpha (c) && !sl_lexer_is_cjk (c)) || c == '\'';
    }
}

/* Does the lexer read @alias back as its own words? It does when each word
 * is all digits, all CJK or all letters. */
static gboolean
lexes_as_itself (const char *alias)
{
  g_auto(GStrv) words = g_strsplit (alias, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar first = g_utf8_get_char (words[i]);
      int kind = is_word_char (first, 0) ? 0 : is_word_char (first, 1) ? 1 : 2;

      if (words[i][0] == '\0' || first == '\'')
        return FALSE;
      for (const char *c = words[i]; *c; c = g_utf8_next_char (c))
        if (!is_word_char (g_utf8_get_char (c), kind))
          return FALSE;
    }
  return TRUE;
}

/* The preset's first alias in the language, if it reads back as the same
 * preset; else the other language's; else NULL. */
static const char *
move_name (Printer *pr, SlPreset *preset)
{
  const char *const *lists[2];

  lists[0] = pr->language == SL_SCRIPT_CHINESE ? sl_preset_get_aliases_zh (preset) : sl_preset_get_aliases_en (preset);
  lists[1] = pr->language == SL_SCRIPT_CHINESE ? sl_preset_get_aliases_en (preset) : sl_preset_get_aliases_zh (preset);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) words = NULL;
      guint n_consumed;

      if (lists[i] == NULL || lists[i][0] == NULL || !lexes_as_itself (lists[i][0]))
        continue;
      words = g_strsplit (lists[i][0], " ", -1);
      if (sl_preset_library_match (pr->presets, (const char *const *) words, g_strv_length (words), &n_consumed) == preset
          && n_consumed == g_strv_length (words))
        return lists[i][0];
    }
  return NULL;
}

static void
print_easing (Printer *pr, SlMove *move)
{
  double bezier[4];
  g_autoptr(GString) curve = NULL;

  if (sl_move_get_easing (move) == SL_EASING_EASE_IN_OUT)
    return;
  if (sl_move_get_easing (move) != SL_EASING_CUBIC_BEZIER)
    {
      put_word (pr, &easings, sl_move_get_easing (move));
      return;
    }
  sl_move_get_bezier (move, &bezier[0], &bezier[1], &bezier[2], &bezier[3]);
  curve = g_string_new (spelling_of (&easings, SL_EASING_CUBIC_BEZIER, pr->language));
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *number = sl_format_double (bezier[i], 0);

      g_string_append (curve, i == 0 ? "(" : ", ");
      g_string_append (curve, number);
    }
  g_string_append_c (curve, ')');
  put (pr, curve->str);
}

static void
print_move (Printer *pr, gpointer item)
{
  SlMove *move = item;
  const char *kind = sl_move_get_kind (move);
  SlPreset *preset = pr->presets ? sl_preset_library_lookup (pr->presets, kind) : NULL;
  const char *name = preset ? move_name (pr, preset) : NULL;
  double target[3];

  g_string_append (pr->out, "  ");
  if (name != NULL)
    put (pr, name);
  else
    {
      put_word (pr, &statements, STATEMENT_MOVE);
      put_string (pr, kind);
    }
  /* A move without an amount reads as the preset's default, which only
   * a preset that takes no unit keeps implicit. */
  if (!(sl_move_get_unit (move) == SL_UNIT_NONE
        && (preset ? sl_preset_get_default_unit (preset) == SL_UNIT_NONE
                     && sl_preset_get_default_amount (preset) == sl_move_get_amount (move)
                   : sl_move_get_amount (move) == 0.0)))
    put_number (pr, sl_move_get_amount (move), 0, unit_symbol (sl_move_get_unit (move), pr->language));
  if (sl_move_get_start (move) != 0)
    {
      put_word (pr, &move_clauses, CLAUSE_FROM);
      put_time (pr, sl_move_get_start (move));
    }
  if (sl_move_get_end (move) >= 0)
    {
      put_word (pr, &move_clauses, CLAUSE_TO);
      put_time (pr, sl_move_get_end (move));
    }
  print_easing (pr, move);
  if (sl_move_get_target (move, &target[0], &target[1], &target[2]))
    {
      put_word (pr, &move_clauses, CLAUSE_AROUND);
      for (guint i = 0; i < 3; i++)
        put_number (pr, target[i], 0, "");
    }
  g_string_append_c (pr->out, '\n');
}

static void
print_triple (Printer *pr, SlKeyframe *key, int clause, const char *const properties[3])
{
  if (is_default (key, properties[0]) && is_default (key, properties[1]) && is_default (key, properties[2]))
    return;
  put_word (pr, &key_clauses, clause);
  for (guint i = 0; i < 3; i++)
    put_number (pr, get_double (key, properties[i]), 0, "");
}

static void
print_keyframe (Printer *pr, gpointer item)
{
  SlKeyframe *key = item;
  g_string_append (pr->out, "  ");
  put_word (pr, &statements, STATEMENT_KEY);
  put_time (pr, sl_keyframe_get_time (key));
  print_triple (pr, key, CLAUSE_POSITION, position_properties);
  print_triple (pr, key, CLAUSE_LOOK, look_properties);
  if (!is_default (key, "focal-length"))
    {
      put_word (pr, &key_clauses, CLAUSE_FOCAL);
      put_number (pr, get_double (key, "focal-length"), 0, spelling_of (&units, UNIT_MILLIMETERS, pr->language));
    }
  if (!is_default (key, "focus-distance"))
    {
      put_word (pr, &key_clauses, CLAUSE_FOCUS);
      put_number (pr, get_double (key, "focus-distance"), 0, spelling_of (&units, UNIT_METERS, pr->language));
    }
  g_string_append_c (pr->out, '\n');
}

static void
begin_line (Printer *pr, Statement statement)
{
  g_string_append (pr->out, "  ");
  put_word (pr, &statements, statement);
}

static void
print_framing (Printer *pr, SlShot *shot)
{
  if (sl_shot_get_size_start (shot) != SL_SHOT_SIZE_NONE || sl_shot_get_size_end (shot) != SL_SHOT_SIZE_NONE)
    {
      begin_line (pr, STATEMENT_SIZE);
      put_word (pr, &sizes, sl_shot_get_size_start (shot));
      if (sl_shot_get_size_end (shot) != SL_SHOT_SIZE_NONE)
        {
          put (pr, "->");
          put_word (pr, &sizes, sl_shot_get_size_end (shot));
        }
      g_string_append_c (pr->out, '\n');
    }
  if (sl_shot_get_angle (shot) != SL_ANGLE_EYE_LEVEL)
    {
      begin_line (pr, STATEMENT_ANGLE);
      put_word (pr, &angles, sl_shot_get_angle (shot));
      if (sl_shot_get_angle (shot) == SL_ANGLE_DUTCH && !is_default (shot, "dutch-degrees"))
        put_number (pr, sl_shot_get_dutch_degrees (shot), 0, spelling_of (&units, UNIT_DEGREES, pr->language));
      g_string_append_c (pr->out, '\n');
    }
}

static void
print_timing (Printer *pr, SlShot *shot)
{
  if (!is_default (shot, "transition") || !is_default (shot, "transition-duration"))
    {
      begin_line (pr, STATEMENT_TRANSITION);
      put_word (pr, &transitions, sl_shot_get_transition (shot));
      if (!is_default (shot, "transition-duration"))
        put_time (pr, sl_shot_get_transition_duration (shot));
      g_string_append_c (pr->out, '\n');
    }
  if (sl_shot_get_cut_on_beat (shot))
    {
      begin_line (pr, STATEMENT_CUT_ON_BEAT);
      g_string_append_c (pr->out, '\n');
    }
  if (sl_shot_get_follow_mode (shot) != SL_FOLLOW_NONE)
    {
      begin_line (pr, STATEMENT_FOLLOW);
      put_word (pr, &follow_modes, sl_shot_get_follow_mode (shot));
      if (sl_shot_get_follow_amount (shot) != FOLLOW_DEFAULT_AMOUNT)
        put_number (pr, sl_shot_get_follow_amount (shot), 2, "%");
      g_string_append_c (pr->out, '\n');
    }
}

static void
print_list (Printer *pr, GListStore *store, void (*print_item) (Printer *, gpointer))
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      print_item (pr, item);
    }
}

static void
print_shot (Printer *pr, SlShot *shot)
{
  put_word (pr, &statements, STATEMENT_SHOT);
  if (!is_default (shot, "name"))
    put_string (pr, sl_shot_get_name (shot));
  put_time (pr, sl_shot_get_duration (shot));
  g_string_append_c (pr->out, '\n');
  if (!is_default (shot, "prompt"))
    {
      begin_line (pr, STATEMENT_PROMPT);
      put_string (pr, sl_shot_get_prompt (shot));
      g_string_append_c (pr->out, '\n');
    }
  print_list (pr, sl_shot_get_references (shot), print_reference);
  print_framing (pr, shot);
  print_timing (pr, shot);
  print_list (pr, sl_shot_get_moves (shot), print_move);
  print_list (pr, sl_shot_get_keyframes (shot), print_keyframe);
}

char *
sl_script_print_shot (SlShot *shot, SlScriptLanguage language)
{
  Printer pr = { NULL, language, NULL };

  g_return_val_if_fail (SL_IS_SHOT (shot), NULL);

  pr.out = g_string_new (NULL);
  pr.presets = sl_preset_library_get_default ();
  print_shot (&pr, shot);
  return g_string_free (pr.out, FALSE);
}

char *
sl_script_print (SlProject *project, SlScriptLanguage language)
{
  Printer pr = { NULL, language, NULL };

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  pr.out = g_string_new (NULL);
  pr.presets = sl_preset_library_get_default ();
  print_project (&pr, project);
  print_list (&pr, sl_project_get_audio_clips (project), print_audio);
  for (guint i = 0; i < sl_project_get_n_shots (project); i++)
    {
      g_string_append_c (pr.out, '\n');
      print_shot (&pr, sl_project_get_shot (project, i));
    }
  return g_string_free (pr.out, FALSE);
}
