/* sl-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipelines, the encoder settings and the file handling are described
 * in docs/export.md.
 */
#define G_LOG_DOMAIN "sl-exporter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <gst/audio/audio.h>
#include <gst/video/video.h>

#include "shotline-shots.h"
#include "sl-audio-mixer.h"
#include "sl-engine-error.h"
#include "sl-exporter.h"
#include "sl-renderer.h"

/* Frames rendered ahead of the encoder: enough that it never waits for the
 * renderer, few enough that memory stays small at any size. */
#define MAX_QUEUED_FRAMES 3
/* How often a waiting run looks at the cancellable and reports progress
 * even when nothing wakes it. */
#define WAIT_SLICE (100 * G_TIME_SPAN_MILLISECOND)
/* Seconds between two key frames. */
#define KEY_FRAME_SECONDS 2

typedef struct {
  const char *element;
  const char *package;
} Package;

static const Package packages[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "audioconvert", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "opusenc", "gstreamer1.0-plugins-base" },
  { "queue", "libgstreamer1.0-0" },
  { "filesink", "libgstreamer1.0-0" },
  { "x264enc", "gstreamer1.0-plugins-ugly" },
  { "h264parse", "gstreamer1.0-plugins-bad" },
  { "avenc_aac", "gstreamer1.0-libav" },
  { "avenc_prores_ks", "gstreamer1.0-libav" },
  { "aacparse", "gstreamer1.0-plugins-good" },
  { "mp4mux", "gstreamer1.0-plugins-good" },
  { "qtmux", "gstreamer1.0-plugins-good" },
  { "vp9enc", "gstreamer1.0-plugins-good" },
  { "webmmux", "gstreamer1.0-plugins-good" },
};

/* NULL-terminated; the AAC encoder is checked apart, as there are two. */
static const char *const mp4_elements[] = {
  "appsrc", "queue", "filesink", "x264enc", "h264parse", "audioconvert", "aacparse", "mp4mux", NULL
};
static const char *const webm_elements[] = {
  "appsrc", "queue", "filesink", "vp9enc", "audioconvert", "opusenc", "webmmux", NULL
};
static const char *const mov_elements[] = {
  "appsrc", "queue", "filesink", "videoconvert", "avenc_prores_ks", "audioconvert", "qtmux", NULL
};

typedef struct {
  const char        *name;
  const char        *label;
  const char *const *elements;
} FormatInfo;

static const FormatInfo formats[] = {
  [SL_EXPORT_FORMAT_MP4] = { "mp4", "MP4", mp4_elements },
  [SL_EXPORT_FORMAT_WEBM] = { "webm", "WebM", webm_elements },
  [SL_EXPORT_FORMAT_MOV] = { "mov", "MOV", mov_elements },
};

/* Per quality: the motion-blur samples and each encoder's settings. The
 * draft H.264 settings are ffmpeg's libx264 defaults at -preset veryfast. */
typedef struct {
  const char *name;
  guint       motion_blur_samples;
  const char *x264_preset;
  guint       x264_crf;
  guint       aac_bitrate;
  gint64      vp9_deadline;   /* µs per frame: 1 = realtime */
  int         vp9_cpu_used;
  guint       vp9_cq_level;
  double      vp9_bits_per_pixel;  /* the bitrate ceiling of its CQ mode */
  guint       opus_bitrate;
  const char *prores_profile;
  const char *pcm_format;
} QualityInfo;

static const QualityInfo qualities[] = {
  [SL_EXPORT_QUALITY_DRAFT] = { "draft", 1, "veryfast", 23, 128000, 1, 8, 40, 0.05, 96000, "proxy", "S16LE" },
  [SL_EXPORT_QUALITY_STANDARD] = { "standard", 2, "veryfast", 20, 192000, 1, 6, 32, 0.1, 128000, "standard", "S24LE" },
  [SL_EXPORT_QUALITY_HIGH] = { "high", 4, "medium", 17, 256000, 1000000, 4, 24, 0.2, 192000, "hq", "S24LE" },
};

/* The settings resolved against the project. */
typedef struct {
  guint  width;
  guint  height;
  guint  fps_num;
  guint  fps_den;
  gint64 first;             /* the first frame, at the export rate */
  gint64 n_frames;
} Plan;

/* What the pipeline's threads tell the thread that runs the export. */
typedef struct {
  GMutex        lock;
  GCond         changed;
  GError       *error;      /* the first error the pipeline posted */
  gboolean      eos;
  gboolean      cancelled;
  gint64        encoded;
  const char   *output;
} Watch;

struct _SlExporter
{
  GObject               parent_instance;

  SlProject            *project;     /* a snapshot only this object sees */
  char                 *project_error;  /* why the snapshot failed, if it did */
  char                 *comment;
  SlExportSettings      settings;
  char                 *output;
  char                 *backend;
  char                 *backend_used;
  char                 *fallback_reason;

  SlExportProgressFunc  progress_func;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
};

G_DEFINE_FINAL_TYPE (SlExporter, sl_exporter, G_TYPE_OBJECT)

static void
sl_exporter_finalize (GObject *object)
{
  SlExporter *self = SL_EXPORTER (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_clear_object (&self->project);
  g_free (self->project_error);
  g_free (self->comment);
  g_free (self->output);
  g_free (self->backend);
  g_free (self->backend_used);
  g_free (self->fallback_reason);
  G_OBJECT_CLASS (sl_exporter_parent_class)->finalize (object);
}

static void
sl_exporter_class_init (SlExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_exporter_finalize;
}

static void
sl_exporter_init (SlExporter *self)
{
}

void
sl_export_settings_init (SlExportSettings *settings)
{
  g_return_if_fail (settings != NULL);

  *settings = (SlExportSettings) {
    .format = SL_EXPORT_FORMAT_MP4,
    .quality = SL_EXPORT_QUALITY_STANDARD,
    .first_frame = 0,
    .last_frame = -1,
  };
}

gboolean
sl_export_format_from_name (const char *name, SlExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
sl_export_format_from_path (const char *path, SlExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  return dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL
      && sl_export_format_from_name (dot + 1, format);
}

const char *
sl_export_format_get_name (SlExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);
  return formats[format].name;
}

gboolean
sl_export_quality_from_name (const char *name, SlExportQuality *quality)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (qualities); i++)
    if (g_ascii_strcasecmp (name, qualities[i].name) == 0)
      {
        *quality = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sl_export_quality_get_name (SlExportQuality quality)
{
  g_return_val_if_fail (quality < G_N_ELEMENTS (qualities), NULL);
  return qualities[quality].name;
}

static const char *
package_of (const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (packages); i++)
    if (g_str_equal (packages[i].element, element))
      return packages[i].package;
  g_return_val_if_reached (NULL);
}

static gboolean
element_exists (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  return factory != NULL;
}

/* An AAC encoder, and the priming samples it puts before the first input
 * sample (measured: a click encoded and decoded again comes back that
 * late). ffmpeg's encoder is the better one; voaacenc is the fallback. */
typedef struct {
  const char *element;
  guint       priming;
} AacEncoder;

static const AacEncoder aac_encoders[] = {
  { "avenc_aac", 1024 },
  { "voaacenc", 1600 },
};

static const AacEncoder *
aac_encoder (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (aac_encoders); i++)
    if (element_exists (aac_encoders[i].element))
      return &aac_encoders[i];
  return NULL;
}

static gboolean
set_missing_error (GError **error, SlExportFormat format, const char *element)
{
  g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_UNAVAILABLE,
               _("%s export needs the GStreamer element “%s”, which is not installed (Debian package %s)"),
               formats[format].label, element, package_of (element));
  return FALSE;
}

gboolean
sl_export_format_check (SlExportFormat format, GError **error)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), FALSE);

  if (!gst_init_check (NULL, NULL, error))
    return FALSE;
  for (const char *const *e = formats[format].elements; *e != NULL; e++)
    if (!element_exists (*e))
      return set_missing_error (error, format, *e);
  if (format == SL_EXPORT_FORMAT_MP4 && aac_encoder () == NULL)
    return set_missing_error (error, format, "avenc_aac");
  return TRUE;
}

/* The frame rate's own rounding (sl_project_get_frame_time ()), at any
 * rate: frame n starts at ceil (n × den × 10⁹ / num). */
static gint64
frame_time (guint num, guint den, gint64 n)
{
  return (gint64) (((__int128) n * den * SL_SECOND + num - 1) / num);
}

/* A project that pins no lexicon version is rendered with the default
 * lexicon, so that is the one the file names. */
static char *
make_comment (SlProject *project, const char *json)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  const char *lexicon_version = sl_project_get_lexicon_version (project);
  SlLexicon *lexicon;

  if ((lexicon_version == NULL || *lexicon_version == '\0')
      && (lexicon = sl_lexicon_get_default ()) != NULL)
    lexicon_version = sl_lexicon_get_version (lexicon);
  return g_strdup_printf ("project sha256=%s seed=%u engine=%s lexicon=%s",
                          hash, sl_project_get_seed (project),
                          sl_project_get_engine_version (project),
                          lexicon_version != NULL ? lexicon_version : "");
}

SlExporter *
sl_exporter_new (SlProject *project, const SlExportSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  SlExporter *self;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (settings != NULL && settings->output != NULL, NULL);
  g_return_val_if_fail (settings->format < G_N_ELEMENTS (formats), NULL);
  g_return_val_if_fail (settings->quality < G_N_ELEMENTS (qualities), NULL);

  self = g_object_new (SL_TYPE_EXPORTER, NULL);
  self->settings = *settings;
  self->output = g_strdup (settings->output);
  self->backend = g_strdup (settings->backend != NULL ? settings->backend : "auto");
  self->settings.output = self->output;
  self->settings.backend = self->backend;

  json = sl_project_json_to_data (project, NULL);
  self->comment = make_comment (project, json);
  self->project = sl_project_json_from_data (json, -1, sl_project_get_base_dir (project), &error);
  if (self->project == NULL)
    self->project_error = g_strdup (error->message);
  return self;
}

void
sl_exporter_set_progress_func (SlExporter *self, SlExportProgressFunc func, gpointer user_data, GDestroyNotify destroy)
{
  g_return_if_fail (SL_IS_EXPORTER (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

const char *
sl_exporter_get_backend_name (SlExporter *self)
{
  g_return_val_if_fail (SL_IS_EXPORTER (self), NULL);
  return self->backend_used;
}

const char *
sl_exporter_get_fallback_reason (SlExporter *self)
{
  g_return_val_if_fail (SL_IS_EXPORTER (self), NULL);
  return self->fallback_reason;
}

const char *
sl_exporter_get_comment (SlExporter *self)
{
  g_return_val_if_fail (SL_IS_EXPORTER (self), NULL);
  return self->comment;
}

static gboolean
make_plan (SlExporter *self, Plan *plan, GError **error)
{
  const SlExportSettings *s = &self->settings;
  gint64 total, last;

  if (self->project == NULL)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("The project could not be copied for export: %s"), self->project_error);
      return FALSE;
    }
  plan->width = s->width > 0 ? s->width : sl_project_get_width (self->project);
  plan->height = s->height > 0 ? s->height : sl_project_get_height (self->project);
  plan->fps_num = s->fps_num > 0 ? s->fps_num : sl_project_get_fps_num (self->project);
  plan->fps_den = s->fps_num > 0 ? MAX (s->fps_den, 1) : sl_project_get_fps_den (self->project);
  /* 4:2:0 and 4:2:2 video have chroma for pairs of pixels. */
  if (plan->width % 2 != 0 || plan->height % 2 != 0)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("%u×%u cannot be encoded: width and height must be even"), plan->width, plan->height);
      return FALSE;
    }
  if (sl_project_get_n_shots (self->project) == 0)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_EMPTY, _("The project has no shots to export"));
      return FALSE;
    }
  total = (gint64) (((__int128) sl_project_get_duration (self->project) * plan->fps_num
                     + (__int128) plan->fps_den * SL_SECOND - 1)
                    / ((__int128) plan->fps_den * SL_SECOND));
  last = s->last_frame < 0 ? total - 1 : s->last_frame;
  if (s->first_frame < 0 || s->first_frame > last || last >= total)
    {
      g_set_error (error, SL_ENGINE_ERROR, SL_ENGINE_ERROR_INVALID,
                   _("Frames %lld–%lld are not within the project’s frames 0–%lld"),
                   (long long) s->first_frame, (long long) last, (long long) total - 1);
      return FALSE;
    }
  plan->first = s->first_frame;
  plan->n_frames = last - s->first_frame + 1;
  return TRUE;
}

gint64
sl_exporter_get_n_frames (SlExporter *self, GError **error)
{
  Plan plan;

  g_return_val_if_fail (SL_IS_EXPORTER (self), -1);
  return make_plan (self, &plan, error) ? plan.n_frames : -1;
}

static gboolean
set_file_error (GError **error, int saved_errno, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Fails early, before any rendering, where the file could never be made. */
static gboolean
create_part_file (const char *output, const char *part, GError **error)
{
  int fd;

  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    return set_file_error (error, EISDIR, output);
  fd = g_open (part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_file_error (error, errno, part);
  close (fd);
  return TRUE;
}

/* The finished file reaches the disk before it takes the final name, so a
 * crash can leave a part file but never a truncated OUTPUT. */
static gboolean
publish_file (const char *part, const char *output, GError **error)
{
  int fd = g_open (part, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    return set_file_error (error, errno, part);
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      return set_file_error (error, saved_errno, output);
    }
  close (fd);
  if (g_rename (part, output) != 0)
    return set_file_error (error, errno, output);
  return TRUE;
}

/* Container fix-ups for what GStreamer 1.22's muxers leave out (see
 * docs/export.md). They rewrite bytes of the finished part file in place
 * and never change its size. */

#define MAX_HEADER_BOX ((gsize) 256 * 1024 * 1024)
#define EBML_ID_SEGMENT 0x18538067
#define EBML_ID_TAGS 0x1254C367
#define EBML_ID_TAG 0x7373
#define EBML_ID_SIMPLE_TAG 0x67C8
#define EBML_ID_TAG_STRING 0x4487
#define EBML_ID_VOID 0xEC

static guint64
read_be (const guint8 *p, guint n)
{
  guint64 v = 0;

  for (guint i = 0; i < n; i++)
    v = v << 8 | p[i];
  return v;
}

static void
write_be (guint8 *p, guint n, guint64 v)
{
  for (guint i = n; i-- > 0; v >>= 8)
    p[i] = v & 0xff;
}

/* The boxes of an MP4 box list in [pos, end), one by one. */
typedef struct {
  const guint8 *data;
  gsize         pos;
  gsize         end;
} BoxList;

static gboolean
box_next (BoxList *list, char type[5], gsize *content, gsize *end)
{
  const guint8 *p = list->data + list->pos;
  gsize avail = list->end - list->pos;
  guint64 size, header = 8;

  if (list->pos + 8 > list->end)
    return FALSE;
  size = read_be (p, 4);
  if (size == 1)
    {
      if (avail < 16)
        return FALSE;
      size = read_be (p + 8, 8);
      header = 16;
    }
  else if (size == 0)
    size = avail;
  if (size < header || size > avail)
    return FALSE;
  memcpy (type, p + 4, 4);
  type[4] = '\0';
  *content = list->pos + header;
  *end = list->pos + size;
  list->pos += size;
  return TRUE;
}

static gboolean
box_find (const guint8 *data, gsize from, gsize to, const char *type, gsize *content, gsize *end)
{
  BoxList list = { data, from, to };
  char found[5];

  while (box_next (&list, found, content, end))
    if (g_str_equal (found, type))
      return TRUE;
  return FALSE;
}

/* The timescale in the content of an mvhd or mdhd box. */
static guint64
box_timescale (const guint8 *content, gsize size)
{
  gsize at = content[0] == 1 ? 20 : 12;

  return size >= at + 4 ? read_be (content + at, 4) : 0;
}

/* Starts the first non-empty edit of an elst box @media_skip later in the
 * media and makes it @movie_skip shorter. */
static gboolean
edit_skip (guint8 *elst, gsize size, guint64 media_skip, guint64 movie_skip)
{
  guint width = elst[0] == 1 ? 8 : 4;
  guint64 n;

  if (size < 8)
    return FALSE;
  n = read_be (elst + 4, 4);
  if (n > (size - 8) / (2 * width + 4))
    return FALSE;
  for (guint64 i = 0; i < n; i++)
    {
      guint8 *entry = elst + 8 + i * (2 * width + 4);
      guint64 duration = read_be (entry, width);
      gint64 media_time = width == 8 ? (gint64) read_be (entry + 8, 8) : (gint32) read_be (entry + 4, 4);

      if (media_time < 0)
        continue;
      write_be (entry, width, duration > movie_skip ? duration - movie_skip : 0);
      write_be (entry + width, width, media_time + media_skip);
      return TRUE;
    }
  return FALSE;
}

/* In the moov box's content: the sound track's edit skips @priming
 * samples (at SL_AUDIO_MIXER_RATE), as in ffmpeg's files. */
static gboolean
moov_skip_priming (guint8 *moov, gsize size, guint priming)
{
  BoxList traks = { moov, 0, size };
  gsize c, e, mvhd, mvhd_end;
  guint64 movie_scale;
  char type[5];

  if (!box_find (moov, 0, size, "mvhd", &mvhd, &mvhd_end))
    return FALSE;
  movie_scale = box_timescale (moov + mvhd, mvhd_end - mvhd);
  while (box_next (&traks, type, &c, &e))
    {
      gsize mdia, mdia_end, hdlr, hdlr_end, mdhd, mdhd_end, edts, edts_end, elst, elst_end;

      if (!g_str_equal (type, "trak")
          || !box_find (moov, c, e, "mdia", &mdia, &mdia_end)
          || !box_find (moov, mdia, mdia_end, "hdlr", &hdlr, &hdlr_end)
          || hdlr_end - hdlr < 12 || memcmp (moov + hdlr + 8, "soun", 4) != 0)
        continue;
      return box_find (moov, mdia, mdia_end, "mdhd", &mdhd, &mdhd_end)
          && box_find (moov, c, e, "edts", &edts, &edts_end)
          && box_find (moov, edts, edts_end, "elst", &elst, &elst_end)
          && edit_skip (moov + elst, elst_end - elst,
                        priming * box_timescale (moov + mdhd, mdhd_end - mdhd) / SL_AUDIO_MIXER_RATE,
                        (priming * movie_scale + SL_AUDIO_MIXER_RATE / 2) / SL_AUDIO_MIXER_RATE);
    }
  return FALSE;
}

/* mp4mux starts the sound at the AAC encoder's first sample, so without
 * this the priming would delay it by 1024 samples or more. */
static gboolean
mp4_skip_priming (int fd, guint priming)
{
  guint8 header[16];
  goffset pos = 0;

  for (;;)
    {
      g_autofree guint8 *box = NULL;
      ssize_t n = pread (fd, header, sizeof header, pos);
      guint64 size, skip = 8;

      if (n < 8)
        return FALSE;
      size = read_be (header, 4);
      if (size == 1 && n == 16)
        {
          size = read_be (header + 8, 8);
          skip = 16;
        }
      if (size < skip)
        return FALSE;
      if (memcmp (header + 4, "moov", 4) != 0)
        {
          pos += size;
          continue;
        }
      if (size > MAX_HEADER_BOX)
        return FALSE;
      box = g_malloc (size);
      return pread (fd, box, size, pos) == (ssize_t) size
          && moov_skip_priming (box + skip, size - skip, priming)
          && pwrite (fd, box, size, pos) == (ssize_t) size;
    }
}

/* An EBML variable-length number at @p: its width (0 when it is not one)
 * and its value, with the length marker for element IDs (@keep_marker),
 * without it for sizes. */
static guint
ebml_vint (const guint8 *p, gsize avail, gboolean keep_marker, guint64 *value)
{
  guint width = 1;

  if (avail == 0 || p[0] == 0)
    return 0;
  while (!(p[0] & (0x80 >> (width - 1))))
    width++;
  if (width > avail)
    return 0;
  *value = keep_marker ? p[0] : p[0] & (0xff >> width);
  for (guint i = 1; i < width; i++)
    *value = *value << 8 | p[i];
  return width;
}

static void
ebml_write_size (guint8 *p, guint width, guint64 value)
{
  write_be (p, width, value);
  p[0] |= 0x80 >> (width - 1);
}

/* An element's header at @p: its ID, the width of its size field, and
 * where its content starts and ends (relative to @p). */
typedef struct {
  guint64 id;
  guint   size_width;
  guint64 content;
  guint64 end;
  gboolean unknown_size;
} EbmlElement;

static gboolean
ebml_element (const guint8 *p, gsize avail, EbmlElement *e)
{
  guint id_width = ebml_vint (p, avail, TRUE, &e->id);
  guint64 size;

  if (id_width == 0 || id_width > 4)
    return FALSE;
  e->size_width = ebml_vint (p + id_width, avail - id_width, FALSE, &size);
  if (e->size_width == 0)
    return FALSE;
  e->unknown_size = size == ((guint64) 1 << (7 * e->size_width)) - 1;
  e->content = id_width + e->size_width;
  e->end = e->content + size;
  return TRUE;
}

/* A TagString of "\"Export\\ test\"" (matroskamux writes the serialized
 * GValue) becomes "Export test", and a Void element fills the rest. */
static void
unescape_tag_string (guint8 *p, const EbmlElement *e)
{
  g_autofree char *text = g_strndup ((const char *) p + e->content, e->end - e->content);
  g_auto(GValue) value = G_VALUE_INIT;
  const char *plain;
  gsize length, gap;

  g_value_init (&value, G_TYPE_STRING);
  if (text[0] != '"' || !gst_value_deserialize (&value, text))
    return;
  plain = g_value_get_string (&value);
  length = strlen (plain);
  gap = e->end - e->content - length;
  if (gap < 2)
    return;
  ebml_write_size (p + e->content - e->size_width, e->size_width, length);
  memcpy (p + e->content, plain, length);
  p += e->content + length;
  memset (p, 0, gap);
  p[0] = EBML_ID_VOID;
  if (gap - 2 < 127)
    ebml_write_size (p + 1, 1, gap - 2);
  else
    ebml_write_size (p + 1, 8, gap - 9);
}

/* Walks the master elements Tag and SimpleTag down to each TagString. */
static void
unescape_tags (guint8 *data, gsize size)
{
  EbmlElement e;

  for (gsize pos = 0; pos < size && ebml_element (data + pos, size - pos, &e) && e.end <= size - pos; pos += e.end)
    {
      if (e.id == EBML_ID_TAG || e.id == EBML_ID_SIMPLE_TAG)
        unescape_tags (data + pos + e.content, e.end - e.content);
      else if (e.id == EBML_ID_TAG_STRING)
        unescape_tag_string (data + pos, &e);
    }
}

static gboolean
read_element (int fd, goffset pos, EbmlElement *e)
{
  guint8 header[12];
  ssize_t n = pread (fd, header, sizeof header, pos);

  return n > 0 && ebml_element (header, n, e);
}

/* Finds the Tags element among the Segment's children and rewrites its
 * strings. */
static gboolean
webm_unescape_tags (int fd)
{
  EbmlElement e;
  goffset segment, pos;

  if (!read_element (fd, 0, &e))
    return FALSE;
  segment = e.end;
  if (!read_element (fd, segment, &e) || e.id != EBML_ID_SEGMENT)
    return FALSE;
  for (pos = segment + e.content; read_element (fd, pos, &e) && !e.unknown_size; pos += e.end)
    {
      g_autofree guint8 *tags = NULL;
      gsize size = e.end - e.content;

      if (e.id != EBML_ID_TAGS)
        continue;
      if (size > MAX_HEADER_BOX)
        return FALSE;
      tags = g_malloc (size);
      if (pread (fd, tags, size, pos + e.content) != (ssize_t) size)
        return FALSE;
      unescape_tags (tags, size);
      return pwrite (fd, tags, size, pos + e.content) == (ssize_t) size;
    }
  return FALSE;
}

static gboolean
fix_container (SlExportFormat format, const char *part, GError **error)
{
  int fd;
  gboolean fixed;

  if (format == SL_EXPORT_FORMAT_MOV)
    return TRUE;
  fd = g_open (part, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    return set_file_error (error, errno, part);
  fixed = format == SL_EXPORT_FORMAT_MP4 ? mp4_skip_priming (fd, aac_encoder ()->priming)
                                         : webm_unescape_tags (fd);
  close (fd);
  if (!fixed)
    g_warning ("%s: the %s container could not be completed", part, formats[format].label);
  return TRUE;
}

static char *
describe_pipeline (SlExportFormat format, SlExportQuality quality, const Plan *plan)
{
  const QualityInfo *q = &qualities[quality];
  guint key_int = MAX (1, (guint) (((guint64) KEY_FRAME_SECONDS * plan->fps_num + plan->fps_den / 2) / plan->fps_den));
  guint threads = g_get_num_processors ();

  switch (format)
    {
    case SL_EXPORT_FORMAT_MP4:
      /* tune stays at x264enc's default, none. */
      return g_strdup_printf (
        "appsrc name=vsrc ! x264enc name=venc speed-preset=%s pass=qual quantizer=%u key-int-max=%u"
        " ! video/x-h264,profile=high ! h264parse ! queue ! mp4mux name=mux faststart=true"
        " ! filesink name=sink"
        " appsrc name=asrc ! audioconvert dithering=none ! %s bitrate=%u ! aacparse ! queue ! mux.",
        q->x264_preset, q->x264_crf, key_int, aac_encoder ()->element, q->aac_bitrate);
    case SL_EXPORT_FORMAT_WEBM:
      return g_strdup_printf (
        "appsrc name=vsrc ! vp9enc name=venc deadline=%" G_GINT64_FORMAT " cpu-used=%d end-usage=cq"
        " cq-level=%u target-bitrate=%u row-mt=true threads=%u keyframe-max-dist=%u"
        " ! queue ! webmmux name=mux ! filesink name=sink"
        " appsrc name=asrc ! audioconvert dithering=none ! opusenc bitrate=%u ! queue ! mux.",
        q->vp9_deadline, q->vp9_cpu_used, q->vp9_cq_level,
        (guint) MIN (q->vp9_bits_per_pixel * plan->width * plan->height * plan->fps_num / plan->fps_den, G_MAXINT),
        threads, key_int, q->opus_bitrate);
    case SL_EXPORT_FORMAT_MOV:
      return g_strdup_printf (
        "appsrc name=vsrc ! videoconvert n-threads=%u ! video/x-raw,format=I422_10LE"
        " ! avenc_prores_ks name=venc profile=%s threads=0 ! queue ! qtmux name=mux ! filesink name=sink"
        " appsrc name=asrc ! audioconvert dithering=none ! audio/x-raw,format=%s ! queue ! mux.",
        threads, q->prores_profile, q->pcm_format);
    default:
      g_return_val_if_reached (NULL);
    }
}

static GstCaps *
video_caps (const Plan *plan, GstVideoInfo *info)
{
  gst_video_info_set_format (info, GST_VIDEO_FORMAT_I420, plan->width, plan->height);
  info->fps_n = plan->fps_num;
  info->fps_d = plan->fps_den;
  info->par_n = 1;
  info->par_d = 1;
  gst_video_colorimetry_from_string (&info->colorimetry, GST_VIDEO_COLORIMETRY_BT709);
  /* The renderer averages each 2×2 block: chroma sits at its centre. */
  info->chroma_site = GST_VIDEO_CHROMA_SITE_JPEG;
  return gst_video_info_to_caps (info);
}

static GstCaps *
audio_caps (void)
{
  GstAudioInfo info;

  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32LE, SL_AUDIO_MIXER_RATE, SL_AUDIO_MIXER_CHANNELS, NULL);
  return gst_audio_info_to_caps (&info);
}

static void
set_tags (SlExporter *self, GstElement *mux)
{
  g_autofree char *application = g_strdup_printf ("Shotline %s", PACKAGE_VERSION);
  const char *title = sl_project_get_title (self->project);
  GstTagSetter *setter = GST_TAG_SETTER (mux);

  /* KEEP: the encoders' own tags (encoder = x264...) do not replace ours. */
  gst_tag_setter_set_tag_merge_mode (setter, GST_TAG_MERGE_KEEP);
  gst_tag_setter_add_tags (setter, GST_TAG_MERGE_REPLACE,
                           GST_TAG_ENCODER, application,
                           GST_TAG_APPLICATION_NAME, application,
                           GST_TAG_COMMENT, self->comment,
                           NULL);
  if (title != NULL && *title != '\0')
    gst_tag_setter_add_tags (setter, GST_TAG_MERGE_REPLACE, GST_TAG_TITLE, title, NULL);
}

/* GStreamer's debug text ends in "system error: REASON" after a failed
 * system call (GST_ERROR_SYSTEM). */
static char *
system_reason (const char *debug)
{
  const char *reason = debug != NULL ? strstr (debug, "system error: ") : NULL;

  return reason != NULL ? g_strdup (reason + strlen ("system error: ")) : NULL;
}

static GError *
translate_error (const GError *gst_error, const char *debug, GstObject *source, const char *output)
{
  g_autofree char *element = gst_object_get_name (source);
  g_autofree char *reason = system_reason (debug);

  if (gst_error->domain != GST_RESOURCE_ERROR)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                        _("Encoding “%s” failed in %s: %s"), output, element, gst_error->message);
  /* filesink says so; mp4mux's fast-start file only gives the reason. */
  if (gst_error->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT
      || g_strcmp0 (reason, g_strerror (ENOSPC)) == 0)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                        _("Cannot write “%s”: the disk is full"), output);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                      output, reason != NULL ? reason : gst_error->message);
}

static GstBusSyncReply
on_bus_message (GstBus *bus, GstMessage *message, gpointer data)
{
  Watch *watch = data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &gst_error, &debug);
      g_debug ("%s (%s)", gst_error->message, debug);
      g_mutex_lock (&watch->lock);
      if (watch->error == NULL)
        watch->error = translate_error (gst_error, debug, GST_MESSAGE_SRC (message), watch->output);
      g_cond_broadcast (&watch->changed);
      g_mutex_unlock (&watch->lock);
    }
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      g_mutex_lock (&watch->lock);
      watch->eos = TRUE;
      g_cond_broadcast (&watch->changed);
      g_mutex_unlock (&watch->lock);
    }
  return GST_BUS_DROP;
}

/* A frame left the queue (count = FALSE) or the encoder (count = TRUE). */
static void
watch_poke (Watch *watch, gboolean count)
{
  g_mutex_lock (&watch->lock);
  if (count)
    watch->encoded++;
  g_cond_broadcast (&watch->changed);
  g_mutex_unlock (&watch->lock);
}

static GstPadProbeReturn
on_frame_queued_out (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  watch_poke (data, FALSE);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
on_frame_encoded (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  watch_poke (data, TRUE);
  return GST_PAD_PROBE_OK;
}

static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
  Watch *watch = data;

  g_mutex_lock (&watch->lock);
  watch->cancelled = TRUE;
  g_cond_broadcast (&watch->changed);
  g_mutex_unlock (&watch->lock);
}

static void
add_probe (GstElement *element, GstPadProbeCallback callback, Watch *watch)
{
  g_autoptr(GstPad) pad = gst_element_get_static_pad (element, "src");

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, callback, watch, NULL);
}

/* The state of one run, shared by its steps. */
typedef struct {
  SlExporter   *self;
  Plan          plan;
  SlRenderer   *renderer;
  SlAudioMixer *mixer;
  GstElement   *pipeline;
  GstElement   *video_src;
  GstElement   *audio_src;
  GstBufferPool *pool;
  GstVideoInfo  info;
  Watch         watch;
  gint64        first_sample;    /* of the timeline, at the export's start */
  gint64        samples_pushed;
  gint64        reported;
  gint64        started;         /* monotonic µs */
} Run;

static void
report_progress (Run *run, gint64 done)
{
  SlExporter *self = run->self;
  double seconds, fps;

  if (self->progress_func == NULL || done == run->reported)
    return;
  run->reported = done;
  seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;
  fps = seconds > 0 ? done / seconds : 0;
  self->progress_func (done, run->plan.n_frames, fps,
                       fps > 0 ? (run->plan.n_frames - done) / fps : -1, self->progress_data);
}

/* Waits until @ready holds, the pipeline failed or the export was
 * cancelled, reporting progress meanwhile; FALSE for the last two. */
static gboolean
run_wait (Run *run, gboolean (*ready) (Run *run))
{
  Watch *w = &run->watch;
  gboolean ok;

  g_mutex_lock (&w->lock);
  for (;;)
    {
      gint64 encoded = w->encoded;

      if (w->error != NULL || w->cancelled || ready (run))
        break;
      g_mutex_unlock (&w->lock);
      report_progress (run, MIN (encoded, run->plan.n_frames));
      g_mutex_lock (&w->lock);
      if (w->error == NULL && !w->cancelled && w->encoded == encoded && !ready (run))
        g_cond_wait_until (&w->changed, &w->lock, g_get_monotonic_time () + WAIT_SLICE);
    }
  ok = w->error == NULL && !w->cancelled;
  g_mutex_unlock (&w->lock);
  return ok;
}

static gint64
encoded_frames (Run *run)
{
  gint64 encoded;

  g_mutex_lock (&run->watch.lock);
  encoded = MIN (run->watch.encoded, run->plan.n_frames);
  g_mutex_unlock (&run->watch.lock);
  return encoded;
}

static gboolean
queue_has_room (Run *run)
{
  return gst_app_src_get_current_level_buffers (GST_APP_SRC (run->video_src)) < MAX_QUEUED_FRAMES;
}

static gboolean
reached_eos (Run *run)
{
  return run->watch.eos;
}

static GstClockTime
frame_pts (const Plan *plan, gint64 k)
{
  return frame_time (plan->fps_num, plan->fps_den, k);
}

/* The mix up to output sample @end, in the export's own timestamps. */
static void
push_audio (Run *run, gint64 end)
{
  gint64 n = end - run->samples_pushed;
  GstBuffer *buffer;
  GstMapInfo map;
  GstClockTime pts;

  if (n <= 0)
    return;
  buffer = gst_buffer_new_allocate (NULL, n * SL_AUDIO_MIXER_CHANNELS * sizeof (float), NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  sl_audio_mixer_mix (run->mixer, run->first_sample + run->samples_pushed, n, (float *) map.data);
  gst_buffer_unmap (buffer, &map);
  pts = sl_audio_mixer_sample_to_time (run->samples_pushed);
  GST_BUFFER_PTS (buffer) = pts;
  GST_BUFFER_DURATION (buffer) = sl_audio_mixer_sample_to_time (end) - pts;
  GST_BUFFER_OFFSET (buffer) = run->samples_pushed;
  GST_BUFFER_OFFSET_END (buffer) = end;
  run->samples_pushed = end;
  gst_app_src_push_buffer (GST_APP_SRC (run->audio_src), buffer);
}

/* Output sample where output frame k starts: the timeline sample of the
 * frame's time, less the export's first sample. */
static gint64
frame_sample (Run *run, gint64 k)
{
  const Plan *p = &run->plan;

  return sl_audio_mixer_time_to_sample (frame_time (p->fps_num, p->fps_den, p->first + k)) - run->first_sample;
}

static gboolean
push_video (Run *run, gint64 k, GError **error)
{
  const Plan *p = &run->plan;
  GstBuffer *buffer = NULL;
  GstMapInfo map;
  gsize offsets[3], strides[3];
  gboolean ok;

  if (gst_buffer_pool_acquire_buffer (run->pool, &buffer, NULL) != GST_FLOW_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Out of memory for video frames"));
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    {
      offsets[i] = GST_VIDEO_INFO_PLANE_OFFSET (&run->info, i);
      strides[i] = GST_VIDEO_INFO_PLANE_STRIDE (&run->info, i);
    }
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  ok = sl_renderer_render_i420 (run->renderer, frame_time (p->fps_num, p->fps_den, p->first + k),
                                map.data, offsets, strides, error);
  gst_buffer_unmap (buffer, &map);
  if (!ok)
    {
      gst_buffer_unref (buffer);
      return FALSE;
    }
  GST_BUFFER_PTS (buffer) = frame_pts (p, k);
  GST_BUFFER_DURATION (buffer) = frame_pts (p, k + 1) - frame_pts (p, k);
  GST_BUFFER_OFFSET (buffer) = k;
  GST_BUFFER_OFFSET_END (buffer) = k + 1;
  gst_app_src_push_buffer (GST_APP_SRC (run->video_src), buffer);
  return TRUE;
}

static void
setup_src (GstElement *src, GstCaps *caps)
{
  /* The run bounds the video queue itself (run_wait ()), so that a failed
   * pipeline can never leave it blocked in a push. */
  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "block", FALSE,
                "max-bytes", (guint64) 0, NULL);
}

static gboolean
build_pipeline (Run *run, const char *part, GError **error)
{
  SlExporter *self = run->self;
  g_autofree char *description = describe_pipeline (self->settings.format, self->settings.quality, &run->plan);
  g_autofree char *fast_start = g_strconcat (part, ".mdat", NULL);
  g_autoptr(GstCaps) vcaps = video_caps (&run->plan, &run->info);
  g_autoptr(GstCaps) acaps = audio_caps ();
  g_autoptr(GstElement) mux = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstElement) encoder = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstStructure *config;

  run->pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, error);
  if (run->pipeline == NULL)
    return FALSE;
  run->video_src = gst_bin_get_by_name (GST_BIN (run->pipeline), "vsrc");
  run->audio_src = gst_bin_get_by_name (GST_BIN (run->pipeline), "asrc");
  mux = gst_bin_get_by_name (GST_BIN (run->pipeline), "mux");
  sink = gst_bin_get_by_name (GST_BIN (run->pipeline), "sink");
  encoder = gst_bin_get_by_name (GST_BIN (run->pipeline), "venc");
  setup_src (run->video_src, vcaps);
  setup_src (run->audio_src, acaps);
  g_object_set (sink, "location", part, NULL);
  /* The moov-last data waits beside the file, on the same disk, rather
   * than in a temporary folder that may be small. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (mux), "faststart-file") != NULL)
    g_object_set (mux, "faststart-file", fast_start, NULL);
  set_tags (self, mux);

  bus = gst_element_get_bus (run->pipeline);
  gst_bus_set_sync_handler (bus, on_bus_message, &run->watch, NULL);
  add_probe (run->video_src, on_frame_queued_out, &run->watch);
  add_probe (encoder, on_frame_encoded, &run->watch);

  run->pool = gst_buffer_pool_new ();
  config = gst_buffer_pool_get_config (run->pool);
  gst_buffer_pool_config_set_params (config, vcaps, GST_VIDEO_INFO_SIZE (&run->info), 0, 0);
  return gst_buffer_pool_set_config (run->pool, config)
      && gst_buffer_pool_set_active (run->pool, TRUE);
}

/* Renders every frame and pushes it with the audio under it; then waits
 * for the muxer to finish. */
static gboolean
run_frames (Run *run, GError **error)
{
  /* A failure here or in run_wait () has usually posted its own error,
   * which run_stop () prefers. */
  if (gst_element_set_state (run->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The export pipeline could not start"));
      return FALSE;
    }
  run->started = g_get_monotonic_time ();
  report_progress (run, 0);
  for (gint64 k = 0; k < run->plan.n_frames; k++)
    {
      if (!run_wait (run, queue_has_room))
        return TRUE;
      push_audio (run, frame_sample (run, k + 1));
      if (!push_video (run, k, error))
        return FALSE;
      report_progress (run, encoded_frames (run));
    }
  gst_app_src_end_of_stream (GST_APP_SRC (run->audio_src));
  gst_app_src_end_of_stream (GST_APP_SRC (run->video_src));
  run_wait (run, reached_eos);
  return TRUE;
}

static gboolean
run_stop (Run *run, GCancellable *cancellable, GError **error)
{
  Watch *w = &run->watch;
  gboolean stopped = gst_element_set_state (run->pipeline, GST_STATE_NULL) != GST_STATE_CHANGE_FAILURE;

  gst_buffer_pool_set_active (run->pool, FALSE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_mutex_lock (&w->lock);
  if (w->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&w->error));
      g_mutex_unlock (&w->lock);
      return FALSE;
    }
  g_mutex_unlock (&w->lock);
  if (!stopped)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write “%s”: the file could not be closed"), run->self->output);
      return FALSE;
    }
  return TRUE;
}

static void
run_clear (Run *run)
{
  GstBus *bus;

  if (run->pipeline != NULL)
    {
      bus = gst_element_get_bus (run->pipeline);
      gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
      gst_object_unref (bus);
    }
  g_clear_object (&run->renderer);
  g_clear_object (&run->mixer);
  g_clear_object (&run->video_src);
  g_clear_object (&run->audio_src);
  g_clear_object (&run->pool);
  g_clear_object (&run->pipeline);
  g_clear_error (&run->watch.error);
  g_mutex_clear (&run->watch.lock);
  g_cond_clear (&run->watch.changed);
}

static gboolean
run_prepare (Run *run, GCancellable *cancellable, GError **error)
{
  SlExporter *self = run->self;

  if (!make_plan (self, &run->plan, error) || !sl_export_format_check (self->settings.format, error))
    return FALSE;
  run->mixer = sl_audio_mixer_new (self->project, cancellable, error);
  if (run->mixer == NULL)
    return FALSE;
  run->renderer = sl_renderer_new (self->project, self->backend, error);
  if (run->renderer == NULL
      || !sl_renderer_set_size (run->renderer, run->plan.width, run->plan.height, error))
    return FALSE;
  sl_renderer_set_motion_blur_samples (run->renderer, qualities[self->settings.quality].motion_blur_samples);
  g_free (self->backend_used);
  g_free (self->fallback_reason);
  self->backend_used = g_strdup (sl_renderer_get_backend_name (run->renderer));
  self->fallback_reason = g_strdup (sl_renderer_get_fallback_reason (run->renderer));
  run->first_sample = sl_audio_mixer_time_to_sample (frame_time (run->plan.fps_num, run->plan.fps_den,
                                                                 run->plan.first));
  run->reported = -1;
  return TRUE;
}

static gboolean
run_export (Run *run, const char *part, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gulong handler = 0;
  gboolean ok;

  if (!build_pipeline (run, part, error))
    return FALSE;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), &run->watch, NULL);
  ok = run_frames (run, &local_error);
  g_cancellable_disconnect (cancellable, handler);
  /* The pipeline stops either way; its own error and a cancel come first. */
  if (!run_stop (run, cancellable, error))
    return FALSE;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  report_progress (run, run->plan.n_frames);
  return TRUE;
}

gboolean
sl_exporter_run (SlExporter *self, GCancellable *cancellable, GError **error)
{
  g_autofree char *part = NULL;
  g_autofree char *fast_start = NULL;
  Run run = { .self = self };
  gboolean ok;

  g_return_val_if_fail (SL_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  g_mutex_init (&run.watch.lock);
  g_cond_init (&run.watch.changed);
  run.watch.output = self->output;
  part = g_strconcat (self->output, ".part", NULL);
  fast_start = g_strconcat (part, ".mdat", NULL);

  ok = run_prepare (&run, cancellable, error)
    && create_part_file (self->output, part, error);
  if (ok)
    {
      ok = run_export (&run, part, cancellable, error)
        && fix_container (self->settings.format, part, error)
        && publish_file (part, self->output, error);
      if (!ok)
        g_unlink (part);
      g_unlink (fast_start);
    }
  run_clear (&run);
  return ok;
}
