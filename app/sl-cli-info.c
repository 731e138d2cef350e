/* sl-cli-info.c: `shotline info`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "shotline"

#include "config.h"

#include <gst/gst.h>
#include <glib/gi18n.h>

#include "sl-backend-registry.h"
#include "shotline-shots.h"
#include "sl-cli.h"

typedef struct {
  const char *element;
  const char *purpose;
  gboolean    required;   /* FALSE: one of several alternatives */
} Element;

static const Element elements[] = {
  { "appsrc",          N_("frames into pipelines"), TRUE },
  { "appsink",         N_("preview frames to the window"), TRUE },
  { "videoconvert",    N_("video format conversion"), TRUE },
  { "audioconvert",    N_("audio format conversion"), TRUE },
  { "audioresample",   N_("audio resampling"), TRUE },
  { "audiomixer",      N_("mixing audio clips"), TRUE },
  { "uridecodebin",    N_("decoding audio files"), TRUE },
  { "x264enc",         N_("H.264 video (MP4)"), TRUE },
  { "mp4mux",          N_("MP4 files"), TRUE },
  { "avenc_aac",       N_("AAC audio (MP4)"), FALSE },
  { "voaacenc",        N_("AAC audio (MP4), alternative"), FALSE },
  { "vp9enc",          N_("VP9 video (WebM)"), TRUE },
  { "opusenc",         N_("Opus audio (WebM)"), TRUE },
  { "webmmux",         N_("WebM files"), TRUE },
  { "avenc_prores_ks", N_("ProRes 422 video (MOV)"), TRUE },
  { "qtmux",           N_("MOV files"), TRUE },
  { "autoaudiosink",   N_("preview sound"), FALSE },
};

static const char *
present_word (gboolean present)
{
  return present ? _("present") : _("missing");
}

static guint
print_elements (void)
{
  guint missing = 0;

  g_print ("%s\n", _("GStreamer elements:"));
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (elements[i].element);

      g_print ("  %-16s %-8s %s\n", elements[i].element, present_word (factory != NULL), _(elements[i].purpose));
      if (factory == NULL && elements[i].required)
        missing++;
    }
  return missing;
}

/* Every backend Shotline knows, in the order `auto` tries them; those this
 * build left out say so. */
static void
print_backends (void)
{
  static const char *known[] = { "cuda", "vulkan", "cpu" };
  SlBackendInfo infos[8];
  size_t n = sl_backend_registry_probe_all (infos, G_N_ELEMENTS (infos));

  g_print ("%s\n", _("Render backends (auto picks the first usable):"));
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const SlBackendInfo *info = NULL;

      for (size_t j = 0; j < MIN (n, G_N_ELEMENTS (infos)); j++)
        if (g_str_equal (infos[j].name, known[i]))
          info = &infos[j];
      if (info == NULL)
        g_print ("  %-16s %s\n", known[i], _("not built into this program"));
      else if (info->usable && info->in_auto)
        /* Translators: a backend that works, and the device it runs on */
        g_print ("  %-16s %s: %s\n", known[i], _("available"), info->device);
      else if (info->usable)
        /* Translators: a backend that works but that `auto` passes over */
        g_print ("  %-16s %s: %s (%s: %s)\n", known[i], _("available"), info->device,
                 _("auto skips it"), info->reason);
      else
        /* Translators: a backend and why it cannot run, e.g. "no device" */
        g_print ("  %-16s %s (%s)\n", known[i], _("not available"), info->reason);
    }
}

static void
print_document_data (void)
{
  SlPresetLibrary *presets = sl_preset_library_get_default ();
  SlLexicon *lexicon = sl_lexicon_get_default ();

  g_print ("%s\n", _("Data:"));
  if (presets != NULL)
    g_print ("  %-16s %u\n", _("move presets"), sl_preset_library_get_n_presets (presets));
  else
    g_print ("  %-16s %s\n", _("move presets"), _("could not be loaded"));
  if (lexicon != NULL)
    g_print ("  %-16s %s (%u)\n", _("lexicon"), sl_lexicon_get_version (lexicon), sl_lexicon_get_n_entries (lexicon));
  else
    g_print ("  %-16s %s\n", _("lexicon"), _("could not be loaded"));
}

int
sl_cli_info (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— show what this build can do"));
  g_autoptr(GError) error = NULL;
  guint missing;

  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sl_cli_fail ("%s", error->message) + 1;

  g_print ("Shotline %s\n", PACKAGE_VERSION);
  g_print ("%s\n\n", gst_version_string ());
  print_backends ();
  g_print ("\n");
  missing = print_elements ();
  g_print ("\n");
  print_document_data ();
  if (missing > 0)
    g_print ("\n%s\n", _("Some required elements are missing: install the GStreamer plugin packages listed in build-aux/debian-packages.txt."));
  return 0;
}
