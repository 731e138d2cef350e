/* sl-script.h: the shot language, parsed into and printed from a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_SCRIPT_ENGLISH,
  SL_SCRIPT_CHINESE,
} SlScriptLanguage;

/* One problem found in a script. Lines and columns count from 1; columns
 * in characters (not bytes), so an editor can underline them. */
typedef struct {
  guint  line;
  guint  column;
  guint  end_column;     /* exclusive; == column + 1 at least */
  char  *message;        /* "expected a duration such as 4s" */
  char  *suggestion;     /* the word to use instead, or NULL */
} SlDiagnostic;

#define SL_TYPE_DIAGNOSTIC (sl_diagnostic_get_type ())
GType         sl_diagnostic_get_type (void) G_GNUC_CONST;
SlDiagnostic *sl_diagnostic_copy     (const SlDiagnostic *self);
void          sl_diagnostic_free     (SlDiagnostic *self);
/* "FILE:LINE:COL: error: MESSAGE; did you mean 'X'?" */
char         *sl_diagnostic_format   (const SlDiagnostic *self, const char *filename);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlDiagnostic, sl_diagnostic_free)

/* Parses a whole script. Reports every error it finds in one pass (it
 * recovers at the next line) into @diagnostics (element-type SlDiagnostic,
 * may be NULL). Returns the project, or NULL when there was any error; then
 * @error (SL_SHOTS_ERROR_PARSE) holds all diagnostics formatted, one per line,
 * with @filename ("<input>" if NULL). @presets NULL = the default library. */
SlProject    *sl_script_parse        (const char       *text,
                                      gssize            length,
                                      const char       *filename,
                                      SlPresetLibrary  *presets,
                                      GPtrArray       **diagnostics,
                                      GError          **error);
/* The canonical text of a project: parse (print (p)) equals p, and
 * print (parse (t)) is stable. */
char         *sl_script_print        (SlProject        *project,
                                      SlScriptLanguage  language);
/* One shot's block, as the script view of the editor shows it. */
char         *sl_script_print_shot   (SlShot           *shot,
                                      SlScriptLanguage  language);

G_END_DECLS
