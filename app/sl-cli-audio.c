/* sl-cli-audio.c: `shotline audio FILE [--json]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "shotline-engine.h"
#include "sl-cli.h"

/* Times are integer nanoseconds, as in the project file: exact, and what
 * a script hands back to shot durations. */
static void
add_times (JsonBuilder *builder, const char *name, const gint64 *times, gsize n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n; i++)
    json_builder_add_int_value (builder, times[i]);
  json_builder_end_array (builder);
}

static void
print_json (const char *path, SlAudioAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const gint64 *times;
  gsize n;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, sl_audio_analysis_get_duration (analysis));
  json_builder_set_member_name (builder, "tempo");
  json_builder_add_double_value (builder, round (sl_audio_analysis_get_tempo (analysis) * 100) / 100);
  times = sl_audio_analysis_get_beats (analysis, &n);
  add_times (builder, "beats", times, n);
  times = sl_audio_analysis_get_onsets (analysis, &n);
  add_times (builder, "onsets", times, n);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_times (const char *label, const gint64 *times, gsize n)
{
  g_print ("  %-10s %zu", label, n);
  for (gsize i = 0; i < n; i++)
    g_print ("%s%.3f", i ? " " : ": ", (double) times[i] / SL_SECOND);
  g_print ("\n");
}

static void
print_text (const char *path, SlAudioAnalysis *analysis)
{
  double tempo = sl_audio_analysis_get_tempo (analysis);
  const gint64 *times;
  gsize n;

  g_print ("%s\n", path);
  g_print ("  %-10s %.3f s\n", _("duration"), (double) sl_audio_analysis_get_duration (analysis) / SL_SECOND);
  if (tempo > 0)
    g_print ("  %-10s %.2f BPM\n", _("tempo"), tempo);
  else
    g_print ("  %-10s %s\n", _("tempo"), _("unknown (no steady beat)"));
  times = sl_audio_analysis_get_beats (analysis, &n);
  print_times (_("beats"), times, n);
  times = sl_audio_analysis_get_onsets (analysis, &n);
  print_times (_("onsets"), times, n);
}

int
sl_cli_audio (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — tempo, beats and onsets of an audio file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAudioCache) cache = NULL;
  g_autoptr(SlAudioAnalysis) analysis = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Analyses any audio file GStreamer reads. JSON times are in nanoseconds; "
                                           "a tempo of 0 means the audio has no steady beat. "
                                           "Results are cached by the file's content."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;
  if (argc != 2)
    return sl_cli_fail (_("audio needs exactly one file")) + 1;

  cache = sl_audio_cache_new (NULL);
  analysis = sl_audio_cache_analyze (cache, argv[1], NULL, NULL, &error);
  if (analysis == NULL)
    return sl_cli_fail ("%s", error->message);
  if (json)
    print_json (argv[1], analysis);
  else
    print_text (argv[1], analysis);
  return 0;
}
