/* sl-timeline-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-timeline-export"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "sl-audio-buffer.h"
#include "sl-audio-clip.h"
#include "sl-audio-mixer.h"
#include "sl-engine-error.h"
#include "sl-file-util.h"
#include "sl-model.h"
#include "sl-project.h"
#include "sl-project-json.h"
#include "sl-reference.h"
#include "sl-shot.h"
#include "sl-timeline-export.h"

/* Bump when what goes into a shot's hash changes meaning. */
#define MEDIA_HASH_VERSION 1
#define MANIFEST_NAME "media.json"

/* One shot's clip: the project frames [first, end) rendered into path. */
typedef struct {
  guint   index;
  gint64  first;
  gint64  end;
  char   *name;
  char   *path;
  char   *hash;
} ShotMedia;

/* One audio clip as it sounds in the export: clamped to the project. */
typedef struct {
  char   *path;
  gint64  start;
  gint64  in_point;
  gint64  duration;
  double  gain_db;
  gint64  fade_in;
  gint64  fade_out;
  guint   track;
} AudioItem;

struct _SlTimelineExport
{
  GObject                       parent_instance;
  SlProject                    *project;       /* the snapshot */
  char                         *project_error; /* why there is none */
  SlTimelineExportSettings      settings;
  char                         *output;
  char                         *backend;
  SlTimelineExportProgressFunc  progress_func;
  gpointer                      progress_data;
  GDestroyNotify                progress_destroy;
  guint                         n_rendered;
  guint                         n_reused;
};

G_DEFINE_FINAL_TYPE (SlTimelineExport, sl_timeline_export, G_TYPE_OBJECT)

static void
shot_media_clear (gpointer data)
{
  ShotMedia *media = data;

  g_free (media->name);
  g_free (media->path);
  g_free (media->hash);
}

static void
audio_item_clear (gpointer data)
{
  g_free (((AudioItem *) data)->path);
}

static void
sl_timeline_export_finalize (GObject *object)
{
  SlTimelineExport *self = SL_TIMELINE_EXPORT (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_clear_object (&self->project);
  g_free (self->project_error);
  g_free (self->output);
  g_free (self->backend);
  G_OBJECT_CLASS (sl_timeline_export_parent_class)->finalize (object);
}

static void
sl_timeline_export_class_init (SlTimelineExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_timeline_export_finalize;
}

static void
sl_timeline_export_init (SlTimelineExport *self)
{
}

void
sl_timeline_export_settings_init (SlTimelineExportSettings *settings)
{
  g_return_if_fail (settings != NULL);

  *settings = (SlTimelineExportSettings) {
    .format = SL_TIMELINE_FORMAT_OTIO,
    .media_format = SL_EXPORT_FORMAT_MP4,
    .quality = SL_EXPORT_QUALITY_STANDARD,
  };
}

gboolean
sl_timeline_format_from_name (const char       *name,
                              SlTimelineFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "otio") == 0)
    *format = SL_TIMELINE_FORMAT_OTIO;
  else if (g_ascii_strcasecmp (name, "xges") == 0)
    *format = SL_TIMELINE_FORMAT_XGES;
  else
    return FALSE;
  return TRUE;
}

gboolean
sl_timeline_format_from_path (const char       *path,
                              SlTimelineFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  return dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL
         && sl_timeline_format_from_name (dot + 1, format);
}

char *
sl_timeline_export_get_media_dir_for (const char *output)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (output != NULL, NULL);

  folder = g_path_get_dirname (output);
  base = g_path_get_basename (output);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s-media", folder, base);
}

SlTimelineExport *
sl_timeline_export_new (SlProject                      *project,
                        const SlTimelineExportSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  SlTimelineExport *self;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (settings != NULL && settings->output != NULL, NULL);

  self = g_object_new (SL_TYPE_TIMELINE_EXPORT, NULL);
  self->settings = *settings;
  /* Absolute, because the timeline names its media by file:// URI. */
  self->output = g_canonicalize_filename (settings->output, NULL);
  self->backend = g_strdup (settings->backend);
  self->settings.output = self->output;
  self->settings.backend = self->backend;

  json = sl_project_json_to_data (project, NULL);
  self->project = sl_project_json_from_data (json, -1, sl_project_get_base_dir (project), &error);
  if (self->project == NULL)
    self->project_error = g_strdup (error->message);
  return self;
}

void
sl_timeline_export_set_progress_func (SlTimelineExport             *self,
                                      SlTimelineExportProgressFunc  func,
                                      gpointer                      user_data,
                                      GDestroyNotify                destroy)
{
  g_return_if_fail (SL_IS_TIMELINE_EXPORT (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

guint
sl_timeline_export_get_n_rendered (SlTimelineExport *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE_EXPORT (self), 0);

  return self->n_rendered;
}

guint
sl_timeline_export_get_n_reused (SlTimelineExport *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE_EXPORT (self), 0);

  return self->n_reused;
}

/* ----- the plan ---------------------------------------------------------- */

/* ceil (time × fps): the first frame starting at or after @time, as
 * sl_project_get_n_frames () counts. */
static gint64
first_frame_at (SlProject *project,
                gint64     time)
{
  __int128 den = (__int128) sl_project_get_fps_den (project) * SL_SECOND;

  return (gint64) (((__int128) time * sl_project_get_fps_num (project) + den - 1) / den);
}

static double
ns_to_frames (SlProject *project,
              gint64     time)
{
  return time * (double) sl_project_get_fps_num (project)
         / ((double) sl_project_get_fps_den (project) * SL_SECOND);
}

/* Letters, digits, - and _ of a shot's name; the rest become single dashes. */
static char *
file_name_part (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_')
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static const char *
enum_nick (gpointer    object,
           const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  GEnumValue *value;
  int number;

  g_object_get (object, property, &number, NULL);
  value = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, number);
  return value != NULL ? value->value_nick : "";
}

static gboolean
has_transition (SlProject *project,
                guint      index)
{
  SlShot *shot = sl_project_get_shot (project, index);

  return index > 0 && shot != NULL && sl_shot_get_transition (shot) != SL_TRANSITION_CUT
         && sl_shot_get_transition_duration (shot) > 0;
}

static void
hash_file_stat (GChecksum  *sum,
                SlProject  *project,
                const char *file)
{
  g_autofree char *path = NULL;
  g_autofree char *line = NULL;
  GStatBuf st;

  if (file == NULL || *file == '\0')
    return;
  path = sl_project_resolve_path (project, file);
  if (g_stat (path, &st) == 0)
    line = g_strdup_printf ("%s %lld %lld\n", path, (long long) st.st_size, (long long) st.st_mtime);
  else
    line = g_strdup_printf ("%s missing\n", path);
  g_checksum_update (sum, (const guchar *) line, -1);
}

/* The hash of everything the frames of @media depend on: the project's own
 * settings, the shot and the neighbours its transitions show, the frame
 * numbers (the grain follows them), the media settings and the images the
 * shots read (by name, size and time). Editing one shot leaves the others'
 * hashes as they were. */
static char *
shot_hash (SlTimelineExport *self,
           SlProject        *render,
           const ShotMedia  *media)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *json = sl_project_json_to_data (render, NULL);
  g_autoptr(SlProject) reduced = sl_project_json_from_data (json, -1, sl_project_get_base_dir (render), NULL);
  g_autofree char *reduced_json = NULL;
  g_autofree char *header = NULL;
  guint from = has_transition (render, media->index) ? media->index - 1 : media->index;
  guint to = has_transition (render, media->index + 1) ? media->index + 1 : media->index;

  g_list_store_remove_all (sl_project_get_shots (reduced));
  for (guint i = from; i <= to; i++)
    {
      g_autoptr(SlShot) copy = sl_model_copy (G_OBJECT (sl_project_get_shot (render, i)));
      GListModel *references = G_LIST_MODEL (sl_shot_get_references (copy));

      g_list_store_append (sl_project_get_shots (reduced), copy);
      for (guint k = 0; k < g_list_model_get_n_items (references); k++)
        {
          g_autoptr(SlReference) reference = g_list_model_get_item (references, k);

          hash_file_stat (sum, render, sl_reference_get_file (reference));
          hash_file_stat (sum, render, sl_reference_get_depth_file (reference));
        }
    }
  header = g_strdup_printf ("shotline-timeline-media %d\nshot %u of %u from %u, start %lld, frames %lld-%lld\n"
                            "media %s %s %ux%u\n",
                            MEDIA_HASH_VERSION, media->index, sl_project_get_n_shots (render), from,
                            (long long) sl_project_get_shot_start (render, media->index),
                            (long long) media->first, (long long) media->end,
                            sl_export_format_get_name (self->settings.media_format),
                            sl_export_quality_get_name (self->settings.quality),
                            self->settings.width, self->settings.height);
  reduced_json = sl_project_json_to_data (reduced, NULL);
  g_checksum_update (sum, (const guchar *) header, -1);
  g_checksum_update (sum, (const guchar *) reduced_json, -1);
  return g_strdup (g_checksum_get_string (sum));
}

static GArray *
plan_shots (SlTimelineExport *self,
            SlProject        *render,
            const char       *media_dir)
{
  GArray *shots = g_array_new (FALSE, TRUE, sizeof (ShotMedia));
  const char *extension = sl_export_format_get_name (self->settings.media_format);

  g_array_set_clear_func (shots, shot_media_clear);
  for (guint i = 0; i < sl_project_get_n_shots (render); i++)
    {
      SlShot *shot = sl_project_get_shot (render, i);
      gint64 start = sl_project_get_shot_start (render, i);
      g_autofree char *part = file_name_part (sl_shot_get_name (shot));
      g_autofree char *file = NULL;
      ShotMedia media = { .index = i };

      media.first = first_frame_at (render, start);
      media.end = first_frame_at (render, start + sl_shot_get_duration (shot));
      /* A shot shorter than a frame shows in no frame. */
      if (media.end <= media.first)
        continue;
      file = *part != '\0' ? g_strdup_printf ("shot-%02u-%s.%s", i + 1, part, extension)
                           : g_strdup_printf ("shot-%02u.%s", i + 1, extension);
      media.name = g_strdup (sl_shot_get_name (shot));
      media.path = g_build_filename (media_dir, file, NULL);
      media.hash = shot_hash (self, render, &media);
      g_array_append_val (shots, media);
    }
  return shots;
}

/* The clip's length when it plays to the end of its file. */
static gboolean
audio_file_length (const char    *path,
                   GCancellable  *cancellable,
                   gint64        *length,
                   GError       **error)
{
  g_autoptr(SlAudioBuffer) buffer = sl_audio_buffer_decode (path, SL_AUDIO_MIXER_RATE, 1, cancellable, error);

  if (buffer == NULL)
    return FALSE;
  *length = sl_audio_buffer_get_duration (buffer);
  return TRUE;
}

static int
compare_audio_items (gconstpointer a,
                     gconstpointer b)
{
  const AudioItem *ia = a, *ib = b;

  return ia->start < ib->start ? -1 : ia->start > ib->start;
}

/* The audio clips within the project's length, each on the first track
 * where it overlaps no other. */
static GArray *
plan_audio (SlProject     *project,
            GCancellable  *cancellable,
            guint         *n_tracks,
            GError       **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (AudioItem));
  g_autoptr(GArray) track_ends = g_array_new (FALSE, TRUE, sizeof (gint64));
  GListModel *clips = G_LIST_MODEL (sl_project_get_audio_clips (project));
  gint64 project_end = sl_project_get_frame_time (project, sl_project_get_n_frames (project));

  g_array_set_clear_func (items, audio_item_clear);
  for (guint i = 0; i < g_list_model_get_n_items (clips); i++)
    {
      g_autoptr(SlAudioClip) clip = g_list_model_get_item (clips, i);
      AudioItem item = {
        .start = sl_audio_clip_get_start (clip),
        .in_point = sl_audio_clip_get_in_point (clip),
        .duration = sl_audio_clip_get_duration (clip),
        .gain_db = sl_audio_clip_get_gain_db (clip),
        .fade_in = sl_audio_clip_get_fade_in (clip),
        .fade_out = sl_audio_clip_get_fade_out (clip),
      };

      item.path = sl_project_resolve_path (project, sl_audio_clip_get_file (clip));
      if (item.duration < 0)
        {
          gint64 length;

          if (!audio_file_length (item.path, cancellable, &length, error))
            {
              g_free (item.path);
              return NULL;
            }
          item.duration = length - item.in_point;
        }
      item.duration = MIN (item.duration, project_end - item.start);
      if (item.duration <= 0)
        {
          g_free (item.path);
          continue;
        }
      g_array_append_val (items, item);
    }

  g_array_sort (items, compare_audio_items);
  for (guint i = 0; i < items->len; i++)
    {
      AudioItem *item = &g_array_index (items, AudioItem, i);
      guint k = 0;

      while (k < track_ends->len && g_array_index (track_ends, gint64, k) > item->start)
        k++;
      if (k == track_ends->len)
        g_array_set_size (track_ends, k + 1);
      g_array_index (track_ends, gint64, k) = item->start + item->duration;
      item->track = k;
    }
  *n_tracks = track_ends->len;
  return g_steal_pointer (&items);
}

/* ----- rendering the shots ----------------------------------------------- */

static JsonObject *
load_manifest (const char *media_dir)
{
  g_autofree char *path = g_build_filename (media_dir, MANIFEST_NAME, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* An unreadable manifest only costs renders. */
  if (!json_parser_load_from_file (parser, path, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static gboolean
save_manifest (JsonObject  *manifest,
               const char  *media_dir,
               GError     **error)
{
  g_autofree char *path = g_build_filename (media_dir, MANIFEST_NAME, NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), manifest);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return sl_file_write_atomic (path, text, strlen (text), error);
}

static gboolean
media_is_current (JsonObject      *manifest,
                  const ShotMedia *media)
{
  g_autofree char *base = g_path_get_basename (media->path);
  JsonObject *entry;
  GStatBuf st;

  if (!json_object_has_member (manifest, base)
      || (entry = json_object_get_object_member (manifest, base)) == NULL
      || g_stat (media->path, &st) != 0)
    return FALSE;
  return g_strcmp0 (json_object_get_string_member_with_default (entry, "hash", ""), media->hash) == 0
         && json_object_get_int_member_with_default (entry, "size", -1) == (gint64) st.st_size;
}

static void
record_media (JsonObject      *manifest,
              const ShotMedia *media)
{
  g_autofree char *base = g_path_get_basename (media->path);
  JsonObject *entry = json_object_new ();
  GStatBuf st;

  json_object_set_string_member (entry, "hash", media->hash);
  json_object_set_int_member (entry, "size", g_stat (media->path, &st) == 0 ? (gint64) st.st_size : -1);
  json_object_set_object_member (manifest, base, entry);
}

typedef struct {
  SlTimelineExport *self;
  guint             shots_done;
  guint             n_shots;
  gint64            frames_before;
  gint64            frames_total;
} Progress;

static void
report (Progress *progress,
        gint64    frames_done)
{
  SlTimelineExport *self = progress->self;
  double fraction = progress->frames_total > 0
                    ? (progress->frames_before + frames_done) / (double) progress->frames_total : 1.0;

  if (self->progress_func != NULL)
    self->progress_func (progress->shots_done, progress->n_shots, MIN (fraction, 1.0), self->progress_data);
}

static void
on_export_progress (gint64   frames_done,
                    gint64   n_frames,
                    double   fps,
                    double   eta,
                    gpointer user_data)
{
  report (user_data, frames_done);
}

static gboolean
render_shot (SlTimelineExport  *self,
             SlProject         *render,
             const ShotMedia   *media,
             Progress          *progress,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(SlExporter) exporter = NULL;
  SlExportSettings settings;

  sl_export_settings_init (&settings);
  settings.output = media->path;
  settings.format = self->settings.media_format;
  settings.quality = self->settings.quality;
  settings.width = self->settings.width;
  settings.height = self->settings.height;
  settings.backend = self->settings.backend;
  settings.first_frame = media->first;
  settings.last_frame = media->end - 1;
  exporter = sl_exporter_new (render, &settings);
  sl_exporter_set_progress_func (exporter, on_export_progress, progress, NULL);
  return sl_exporter_run (exporter, cancellable, error);
}

static gboolean
render_shots (SlTimelineExport  *self,
              SlProject         *render,
              GArray            *shots,
              const char        *media_dir,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(JsonObject) manifest = load_manifest (media_dir);
  g_autofree gboolean *current = g_new0 (gboolean, MAX (shots->len, 1));
  Progress progress = { .self = self, .n_shots = shots->len };

  for (guint i = 0; i < shots->len; i++)
    {
      const ShotMedia *media = &g_array_index (shots, ShotMedia, i);

      current[i] = media_is_current (manifest, media);
      if (!current[i])
        progress.frames_total += media->end - media->first;
    }
  report (&progress, 0);
  for (guint i = 0; i < shots->len; i++)
    {
      const ShotMedia *media = &g_array_index (shots, ShotMedia, i);

      if (current[i])
        self->n_reused++;
      else
        {
          if (!render_shot (self, render, media, &progress, cancellable, error))
            return FALSE;
          self->n_rendered++;
          progress.frames_before += media->end - media->first;
          /* Recorded after each shot, so an interrupted export keeps them. */
          record_media (manifest, media);
          if (!save_manifest (manifest, media_dir, error))
            return FALSE;
        }
      progress.shots_done++;
      report (&progress, 0);
    }
  return TRUE;
}

/* ----- OpenTimelineIO ---------------------------------------------------- */

static void
otio_begin (JsonBuilder *b,
            const char  *schema,
            const char  *name)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "OTIO_SCHEMA");
  json_builder_add_string_value (b, schema);
  if (name != NULL)
    {
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
    }
}

static void
otio_time (JsonBuilder *b,
           const char  *member,
           double       value,
           double       rate)
{
  json_builder_set_member_name (b, member);
  otio_begin (b, "RationalTime.1", NULL);
  json_builder_set_member_name (b, "rate");
  json_builder_add_double_value (b, rate);
  json_builder_set_member_name (b, "value");
  json_builder_add_double_value (b, value);
  json_builder_end_object (b);
}

static void
otio_range (JsonBuilder *b,
            const char  *member,
            double       start,
            double       duration,
            double       rate)
{
  if (member != NULL)
    json_builder_set_member_name (b, member);
  otio_begin (b, "TimeRange.1", NULL);
  otio_time (b, "start_time", start, rate);
  otio_time (b, "duration", duration, rate);
  json_builder_end_object (b);
}

/* The members every OTIO item has besides its name and range. */
static void
otio_item_common (JsonBuilder *b)
{
  json_builder_set_member_name (b, "effects");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "markers");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "enabled");
  json_builder_add_boolean_value (b, TRUE);
}

/* Leaves the clip open: its metadata follows, then the caller closes it. */
static void
otio_clip (JsonBuilder *b,
           const char  *name,
           const char  *path,
           double       in_point,
           double       duration,
           double       available,
           double       rate)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  otio_begin (b, "Clip.1", name);
  otio_range (b, "source_range", in_point, duration, rate);
  otio_item_common (b);
  json_builder_set_member_name (b, "media_reference");
  otio_begin (b, "ExternalReference.1", "");
  json_builder_set_member_name (b, "target_url");
  json_builder_add_string_value (b, uri);
  json_builder_set_member_name (b, "available_range");
  if (available > 0)
    otio_range (b, NULL, 0, available, rate);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
otio_gap (JsonBuilder *b,
          double       duration,
          double       rate)
{
  otio_begin (b, "Gap.1", "");
  otio_range (b, "source_range", 0, duration, rate);
  otio_item_common (b);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
otio_track_begin (JsonBuilder *b,
                  const char  *name,
                  const char  *kind)
{
  otio_begin (b, "Track.1", name);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "source_range");
  json_builder_add_null_value (b);
  otio_item_common (b);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "children");
  json_builder_begin_array (b);
}

static void
otio_track_end (JsonBuilder *b)
{
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
otio_shot_metadata (JsonBuilder *b,
                    SlProject   *project,
                    const ShotMedia *media)
{
  SlShot *shot = sl_project_get_shot (project, media->index);

  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shotline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shot");
  json_builder_add_int_value (b, media->index + 1);
  json_builder_set_member_name (b, "transition");
  json_builder_add_string_value (b, has_transition (project, media->index) ? enum_nick (shot, "transition") : "cut");
  json_builder_set_member_name (b, "transition_duration");
  json_builder_add_double_value (b, has_transition (project, media->index)
                                    ? sl_shot_get_transition_duration (shot) / (double) SL_SECOND : 0.0);
  json_builder_set_member_name (b, "transition_rendered");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
otio_audio_metadata (JsonBuilder     *b,
                     const AudioItem *item)
{
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shotline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "gain_db");
  json_builder_add_double_value (b, item->gain_db);
  json_builder_set_member_name (b, "fade_in");
  json_builder_add_double_value (b, item->fade_in / (double) SL_SECOND);
  json_builder_set_member_name (b, "fade_out");
  json_builder_add_double_value (b, item->fade_out / (double) SL_SECOND);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static char *
write_otio (SlProject *project,
            GArray    *shots,
            GArray    *audio,
            guint      n_audio_tracks)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  double rate = sl_project_get_fps_num (project) / (double) sl_project_get_fps_den (project);

  otio_begin (b, "Timeline.1", sl_project_get_title (project));
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  otio_time (b, "global_start_time", 0, rate);
  json_builder_set_member_name (b, "tracks");
  otio_begin (b, "Stack.1", "tracks");
  json_builder_set_member_name (b, "source_range");
  json_builder_add_null_value (b);
  otio_item_common (b);
  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "children");
  json_builder_begin_array (b);

  otio_track_begin (b, "Video 1", "Video");
  for (guint i = 0; i < shots->len; i++)
    {
      const ShotMedia *media = &g_array_index (shots, ShotMedia, i);
      double frames = media->end - media->first;

      otio_clip (b, media->name, media->path, 0, frames, frames, rate);
      otio_shot_metadata (b, project, media);
      json_builder_end_object (b);
    }
  otio_track_end (b);

  for (guint track = 0; track < n_audio_tracks; track++)
    {
      g_autofree char *name = g_strdup_printf ("Audio %u", track + 1);
      gint64 cursor = 0;

      otio_track_begin (b, name, "Audio");
      for (guint i = 0; i < audio->len; i++)
        {
          const AudioItem *item = &g_array_index (audio, AudioItem, i);
          g_autofree char *clip_name = g_path_get_basename (item->path);

          if (item->track != track)
            continue;
          if (item->start > cursor)
            otio_gap (b, ns_to_frames (project, item->start - cursor), rate);
          otio_clip (b, clip_name, item->path, ns_to_frames (project, item->in_point),
                     ns_to_frames (project, item->duration), 0, rate);
          otio_audio_metadata (b, item);
          json_builder_end_object (b);
          cursor = item->start + item->duration;
        }
      otio_track_end (b);
    }

  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ----- GStreamer Editing Services ---------------------------------------- */

/* A GstStructure as GES's formatter writes one into an attribute. */
static void
append_structure_attribute (GString      *out,
                            const char   *attribute,
                            GstStructure *structure)
{
  g_autofree char *text = gst_structure_to_string (structure);
  /* GES ends each with ";"; GStreamer 1.22 writes it, older ones did not. */
  g_autofree char *with_end = g_str_has_suffix (text, ";") ? g_strdup (text) : g_strconcat (text, ";", NULL);
  g_autofree char *escaped = g_markup_escape_text (with_end, -1);

  g_string_append_printf (out, " %s='%s'", attribute, escaped);
  gst_structure_free (structure);
}

static void
append_track (GString    *out,
              const char *caps,
              int         type,
              guint       id,
              const char *restriction)
{
  g_string_append_printf (out, "      <track caps='%s' track-type='%d' track-id='%u'", caps, type, id);
  append_structure_attribute (out, "properties",
                              gst_structure_new ("properties", "restriction-caps", G_TYPE_STRING, restriction,
                                                 "mixing", G_TYPE_BOOLEAN, TRUE, NULL));
  g_string_append (out, " metadatas='metadatas;'/>\n");
}

static void
append_clip (GString    *out,
             guint       id,
             const char *path,
             const char *name,
             guint       layer,
             int         track_types,
             gint64      start,
             gint64      duration,
             gint64      in_point)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *escaped = g_markup_escape_text (uri, -1);

  g_string_append_printf (out, "        <clip id='%u' asset-id='%s' type-name='GESUriClip' layer-priority='%u'"
                          " track-types='%d' start='%lld' duration='%lld' inpoint='%lld' rate='0'",
                          id, escaped, layer, track_types, (long long) start, (long long) duration,
                          (long long) in_point);
  append_structure_attribute (out, "properties",
                              gst_structure_new ("properties", "name", G_TYPE_STRING, name,
                                                 "mute", G_TYPE_BOOLEAN, FALSE,
                                                 "is-image", G_TYPE_BOOLEAN, FALSE, NULL));
  g_string_append (out, " metadatas='metadatas;'/>\n");
}

static void
append_asset (GString    *out,
              GHashTable *seen,
              const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *escaped = NULL;

  if (!g_hash_table_add (seen, g_strdup (uri)))
    return;
  escaped = g_markup_escape_text (uri, -1);
  g_string_append_printf (out, "      <asset id='%s' extractable-type-name='GESUriClip'"
                          " properties='properties;' metadatas='metadatas;'/>\n", escaped);
}

static char *
write_xges (SlProject *project,
            GArray    *shots,
            GArray    *audio,
            guint      n_audio_tracks,
            guint      width,
            guint      height)
{
  GString *out = g_string_new ("<ges version='0.4'>\n");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint num = sl_project_get_fps_num (project), den = sl_project_get_fps_den (project);
  g_autofree char *video_caps = g_strdup_printf ("video/x-raw, width=(int)%u, height=(int)%u, framerate=(fraction)%u/%u",
                                                 width, height, num, den);
  g_autofree char *audio_caps = g_strdup_printf ("audio/x-raw, rate=(int)%d, channels=(int)%d",
                                                 SL_AUDIO_MIXER_RATE, SL_AUDIO_MIXER_CHANNELS);
  guint id = 0;

  g_string_append (out, "  <project properties='properties;'");
  append_structure_attribute (out, "metadatas",
                              gst_structure_new ("metadatas", "name", G_TYPE_STRING, sl_project_get_title (project),
                                                 "format-version", G_TYPE_STRING, "0.4", NULL));
  g_string_append (out, ">\n    <encoding-profiles>\n    </encoding-profiles>\n    <ressources>\n");
  for (guint i = 0; i < shots->len; i++)
    append_asset (out, seen, g_array_index (shots, ShotMedia, i).path);
  for (guint i = 0; i < audio->len; i++)
    append_asset (out, seen, g_array_index (audio, AudioItem, i).path);
  g_string_append (out, "    </ressources>\n");

  g_string_append_printf (out, "    <timeline properties='properties, auto-transition=(boolean)false;'"
                          " metadatas='metadatas, framerate=(fraction)%u/%u;'>\n", num, den);
  append_track (out, "video/x-raw(ANY)", 4, 0, video_caps);
  append_track (out, "audio/x-raw(ANY)", 2, 1, audio_caps);

  g_string_append (out, "      <layer priority='0' properties='properties, auto-transition=(boolean)false;' metadatas='metadatas, volume=(float)1;'>\n");
  for (guint i = 0; i < shots->len; i++)
    {
      const ShotMedia *media = &g_array_index (shots, ShotMedia, i);
      gint64 start = sl_project_get_frame_time (project, media->first);

      append_clip (out, id++, media->path, media->name, 0, 4, start,
                   sl_project_get_frame_time (project, media->end) - start, 0);
    }
  g_string_append (out, "      </layer>\n");

  for (guint track = 0; track < n_audio_tracks; track++)
    {
      g_string_append_printf (out, "      <layer priority='%u' properties='properties, auto-transition=(boolean)false;' metadatas='metadatas, volume=(float)1;'>\n",
                              track + 1);
      for (guint i = 0; i < audio->len; i++)
        {
          const AudioItem *item = &g_array_index (audio, AudioItem, i);
          g_autofree char *name = g_path_get_basename (item->path);

          if (item->track == track)
            append_clip (out, id++, item->path, name, track + 1, 2, item->start, item->duration, item->in_point);
        }
      g_string_append (out, "      </layer>\n");
    }
  g_string_append (out, "    </timeline>\n  </project>\n</ges>\n");
  return g_string_free (out, FALSE);
}

/* ----- the run ----------------------------------------------------------- */

static gboolean
make_media_dir (const char  *media_dir,
                GError     **error)
{
  int saved;

  if (g_mkdir_with_parents (media_dir, 0755) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot make the folder “%s” for the shots: %s"), media_dir, g_strerror (saved));
  return FALSE;
}

/* The rendered size: the settings' or the project's. */
static void
media_size (SlTimelineExport *self,
            guint            *width,
            guint            *height)
{
  *width = self->settings.width > 0 ? self->settings.width : sl_project_get_width (self->project);
  *height = self->settings.height > 0 ? self->settings.height : sl_project_get_height (self->project);
}

gboolean
sl_timeline_export_run (SlTimelineExport  *self,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autofree char *media_dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SlProject) render = NULL;
  g_autoptr(GArray) shots = NULL;
  g_autoptr(GArray) audio = NULL;
  guint n_audio_tracks = 0, width, height;

  g_return_val_if_fail (SL_IS_TIMELINE_EXPORT (self), FALSE);

  if (self->project == NULL)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID, "%s", self->project_error);
      return FALSE;
    }
  if (sl_project_get_n_shots (self->project) == 0)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_EMPTY, _("The project has no shots to export"));
      return FALSE;
    }
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  self->n_rendered = 0;
  self->n_reused = 0;

  media_dir = sl_timeline_export_get_media_dir_for (self->output);
  if (!make_media_dir (media_dir, error))
    return FALSE;

  /* The shots' pictures do not depend on the sound; their media stay
   * silent so that the timeline's audio clips are all one hears. */
  json = sl_project_json_to_data (self->project, NULL);
  render = sl_project_json_from_data (json, -1, sl_project_get_base_dir (self->project), error);
  if (render == NULL)
    return FALSE;
  g_list_store_remove_all (sl_project_get_audio_clips (render));

  audio = plan_audio (self->project, cancellable, &n_audio_tracks, error);
  if (audio == NULL)
    return FALSE;
  shots = plan_shots (self, render, media_dir);
  if (!render_shots (self, render, shots, media_dir, cancellable, error))
    return FALSE;

  media_size (self, &width, &height);
  if (self->settings.format == SL_TIMELINE_FORMAT_XGES)
    text = write_xges (self->project, shots, audio, n_audio_tracks, width, height);
  else
    text = write_otio (self->project, shots, audio, n_audio_tracks);
  return sl_file_write_atomic (self->output, text, strlen (text), error);
}
