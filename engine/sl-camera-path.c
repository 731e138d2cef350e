/* sl-camera-path.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-camera-path"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sl-camera-path.h"
#include "sl-camera-solver.h"
#include "sl-file-util.h"
#include "sl-history.h"
#include "sl-keyframe.h"
#include "sl-project.h"
#include "sl-shot.h"
#include "sl-shots-error.h"

/* timestamp, fx fy cx cy, two distortion zeros, 12 matrix values */
#define RE10K_COLUMNS 19
/* How far from orthonormal a rotation may be: the dataset's files carry
 * about six significant digits. */
#define ROTATION_TOLERANCE 1e-3
/* A time this close to a frame of the project is that frame: RealEstate10K
 * times are whole microseconds and frame times are not. */
#define SNAP_DISTANCE 1000
/* Where a file gives no focus: the default lens's. */
#define DEFAULT_FOCUS_DISTANCE 5.0

struct _SlCameraPath
{
  GObject  parent_instance;
  char    *source;
  guint    fps_num;     /* 0 when the file does not say */
  guint    fps_den;
  guint    width;       /* 0 when the file does not say */
  guint    height;
  GArray  *poses;       /* SlCameraPose, times strictly increasing */
};

G_DEFINE_FINAL_TYPE (SlCameraPath, sl_camera_path, G_TYPE_OBJECT)

static void
sl_camera_path_finalize (GObject *object)
{
  SlCameraPath *self = SL_CAMERA_PATH (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->poses, g_array_unref);
  G_OBJECT_CLASS (sl_camera_path_parent_class)->finalize (object);
}

static void
sl_camera_path_class_init (SlCameraPathClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_camera_path_finalize;
}

static void
sl_camera_path_init (SlCameraPath *self)
{
  self->poses = g_array_new (FALSE, TRUE, sizeof (SlCameraPose));
}

gboolean
sl_camera_path_format_from_name (const char         *name,
                                 SlCameraPathFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "re10k") == 0)
    *format = SL_CAMERA_PATH_FORMAT_RE10K;
  else if (g_ascii_strcasecmp (name, "json") == 0)
    *format = SL_CAMERA_PATH_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

gboolean
sl_camera_path_format_from_path (const char         *path,
                                 SlCameraPathFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".txt") == 0)
    *format = SL_CAMERA_PATH_FORMAT_RE10K;
  else if (g_ascii_strcasecmp (dot, ".json") == 0)
    *format = SL_CAMERA_PATH_FORMAT_JSON;
  else
    return FALSE;
  return TRUE;
}

/* ----- frames of a shot -------------------------------------------------- */

/* The first frame whose start is at or after @time: ceil (time × fps), as
 * sl_project_get_n_frames () counts. */
static gint64
first_frame_at (SlProject *project,
                gint64     time)
{
  __int128 den = (__int128) sl_project_get_fps_den (project) * SL_SECOND;

  return (gint64) (((__int128) time * sl_project_get_fps_num (project) + den - 1) / den);
}

/* y down in camera and world alike: conjugating by diag (1, -1, 1) flips
 * the signs of row 1 and column 1 (their shared element keeps its sign);
 * the same flip turns such a matrix back. */
static double
flip_sign (guint i)
{
  return i == 1 ? -1.0 : 1.0;
}

static void
pose_from_camera (const SlCamera *camera,
                  gint64          time,
                  SlCameraPose   *pose)
{
  SlMat34 m;

  sl_camera_world_to_camera (camera, &m);
  pose->time = time;
  pose->fx = camera->focal_length / camera->sensor_width;
  pose->fy = camera->focal_length / camera->sensor_height;
  pose->cx = 0.5;
  pose->cy = 0.5;
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 4; j++)
        pose->world_to_camera[i * 4 + j] = flip_sign (i) * (j < 3 ? flip_sign (j) : 1.0) * m.m[i][j]
                                           + 0.0;  /* no "-0" in the files */
    }
  pose->focus_distance = camera->focus_distance;
  pose->line = 0;
}

SlCameraPath *
sl_camera_path_new_for_shot (SlProject        *project,
                             guint             shot_index,
                             SlPresetLibrary  *presets,
                             GError          **error)
{
  g_autoptr(SlCameraSolver) solver = NULL;
  g_autoptr(SlCameraPath) self = NULL;
  g_autofree char *title = NULL;
  gint64 start, end, first, last;
  SlShot *shot;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (shot_index < sl_project_get_n_shots (project), NULL);

  solver = sl_camera_solver_new (project, shot_index, presets, error);
  if (solver == NULL)
    return NULL;

  shot = sl_project_get_shot (project, shot_index);
  start = sl_project_get_shot_start (project, shot_index);
  end = start + sl_shot_get_duration (shot);
  first = first_frame_at (project, start);
  last = first_frame_at (project, end);
  if (last <= first)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("Shot %u is shorter than one frame, so it has no camera path"), shot_index + 1);
      return NULL;
    }

  self = g_object_new (SL_TYPE_CAMERA_PATH, NULL);
  title = g_uri_escape_string (sl_project_get_title (project), NULL, FALSE);
  self->source = g_strdup_printf ("shotline:%s#shot-%u", title, shot_index + 1);
  self->fps_num = sl_project_get_fps_num (project);
  self->fps_den = sl_project_get_fps_den (project);
  self->width = sl_project_get_width (project);
  self->height = sl_project_get_height (project);
  /* Pose times count from the first frame, as they do in a file. */
  for (gint64 n = first; n < last; n++)
    {
      gint64 time = sl_project_get_frame_time (project, n);
      SlCameraPose pose;
      SlCamera camera;

      sl_camera_solver_evaluate_time (solver, time - start, &camera);
      pose_from_camera (&camera, time - sl_project_get_frame_time (project, first), &pose);
      g_array_append_val (self->poses, pose);
    }
  return g_steal_pointer (&self);
}

/* ----- checking what a file says ----------------------------------------- */

/* "line 12" or, for a pose that was computed, "pose 3". */
static char *
pose_place (const SlCameraPose *pose,
            guint               index)
{
  if (pose->line > 0)
    return g_strdup_printf (_("line %u"), pose->line);
  return g_strdup_printf (_("pose %u"), index + 1);
}

static gboolean
check_pose (const SlCameraPose *pose,
            guint               index,
            GError            **error)
{
  g_autofree char *place = pose_place (pose, index);
  double r[3][3];

  if (!(pose->fx > 0 && pose->fy > 0))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: the focal lengths fx and fy must be more than 0 (they are %g and %g)"),
                   place, pose->fx, pose->fy);
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      r[i][j] = pose->world_to_camera[i * 4 + j];
  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        {
          double dot = r[i][0] * r[j][0] + r[i][1] * r[j][1] + r[i][2] * r[j][2];

          if (fabs (dot - (i == j ? 1.0 : 0.0)) > ROTATION_TOLERANCE)
            {
              g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                           _("%s: the matrix is not a rotation and a translation (its rows %u and %u are not orthonormal)"),
                           place, i + 1, j + 1);
              return FALSE;
            }
        }
    }
  if (r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
      - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
      + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]) < 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: the matrix mirrors the world (its determinant is negative), so it is not a rotation"),
                   place);
      return FALSE;
    }
  return TRUE;
}

/* Times become offsets from the first pose, which must come strictly first. */
static gboolean
finish_poses (SlCameraPath  *self,
              GError       **error)
{
  SlCameraPose *poses = (SlCameraPose *) self->poses->data;
  gint64 t0;

  if (self->poses->len == 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT, _("The camera path has no poses"));
      return FALSE;
    }
  for (guint i = 0; i < self->poses->len; i++)
    {
      if (!check_pose (&poses[i], i, error))
        return FALSE;
      if (i > 0 && poses[i].time <= poses[i - 1].time)
        {
          g_autofree char *place = pose_place (&poses[i], i);

          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                       _("%s: the time does not come after the time of the pose before it"), place);
          return FALSE;
        }
    }
  t0 = poses[0].time;
  for (guint i = 0; i < self->poses->len; i++)
    poses[i].time -= t0;
  return TRUE;
}

/* ----- RealEstate10K text ------------------------------------------------ */

static gboolean
parse_number (const char  *text,
              guint        line,
              guint        column,
              double      *value,
              GError     **error)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("line %u, column %u: “%s” is not a finite number"), line, column, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_re10k_line (char          *text,
                  guint          line,
                  SlCameraPose  *pose,
                  GError       **error)
{
  g_auto(GStrv) fields = g_strsplit_set (g_strstrip (text), " \t", -1);
  const char *columns[RE10K_COLUMNS];
  guint n = 0;
  gint64 micros;
  double distortion;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (fields[i][0] == '\0')
        continue;
      if (n < RE10K_COLUMNS)
        columns[n] = fields[i];
      n++;
    }
  if (n != RE10K_COLUMNS)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("line %u: %u columns; a RealEstate10K pose has %u (timestamp, fx fy cx cy, 0 0, and the 12 values of a 3 × 4 matrix)"),
                   line, n, RE10K_COLUMNS);
      return FALSE;
    }
  if (!g_ascii_string_to_signed (columns[0], 10, 0, G_MAXINT64 / 1000, &micros, NULL))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("line %u: the timestamp “%s” is not a whole number of microseconds"), line, columns[0]);
      return FALSE;
    }
  pose->time = micros * 1000;
  pose->line = line;
  pose->focus_distance = 0.0;
  if (!parse_number (columns[1], line, 2, &pose->fx, error)
      || !parse_number (columns[2], line, 3, &pose->fy, error)
      || !parse_number (columns[3], line, 4, &pose->cx, error)
      || !parse_number (columns[4], line, 5, &pose->cy, error)
      || !parse_number (columns[5], line, 6, &distortion, error)
      || !parse_number (columns[6], line, 7, &distortion, error))
    return FALSE;
  for (guint k = 0; k < 12; k++)
    if (!parse_number (columns[7 + k], line, 8 + k, &pose->world_to_camera[k], error))
      return FALSE;
  return TRUE;
}

static gboolean
read_re10k (SlCameraPath  *self,
            const char    *text,
            gsize          length,
            GError       **error)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

  if (lines[0] == NULL || g_strstrip (lines[0])[0] == '\0')
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("line 1: a RealEstate10K file starts with the line that names its source video"));
      return FALSE;
    }
  self->source = g_strdup (lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      SlCameraPose pose;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      if (!parse_re10k_line (lines[i], i + 1, &pose, error))
        return FALSE;
      g_array_append_val (self->poses, pose);
    }
  return TRUE;
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ' ');
  /* Twelve digits keep a pose exact to far below a micrometre. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.12g", value));
}

static char *
write_re10k (SlCameraPath *self)
{
  GString *out = g_string_new (self->source);

  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->poses->len; i++)
    {
      const SlCameraPose *pose = &g_array_index (self->poses, SlCameraPose, i);

      g_string_append_printf (out, "%lld", (long long) ((pose->time + 500) / 1000));
      append_number (out, pose->fx);
      append_number (out, pose->fy);
      append_number (out, pose->cx);
      append_number (out, pose->cy);
      g_string_append (out, " 0 0");
      for (guint k = 0; k < 12; k++)
        append_number (out, pose->world_to_camera[k]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ----- JSON -------------------------------------------------------------- */

/* Where each element of each array ended, to name lines in errors. */
static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  gpointer    user_data)
{
  GHashTable *lines = user_data;
  GArray *list = g_hash_table_lookup (lines, array);

  if (list == NULL)
    {
      list = g_array_new (FALSE, TRUE, sizeof (guint));
      g_hash_table_insert (lines, array, list);
    }
  g_array_set_size (list, MAX ((guint) index + 1, list->len));
  g_array_index (list, guint, index) = json_parser_get_current_line (parser);
}

static gboolean
get_number (JsonObject  *object,
            const char  *name,
            const char  *place,
            gboolean     required,
            double      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: “%s” must be a number"), place, name);
      return FALSE;
    }
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_json_frame (JsonNode      *node,
                 guint          line,
                 guint          index,
                 SlCameraPose  *pose,
                 GError       **error)
{
  g_autofree char *place = line > 0 ? g_strdup_printf (_("line %u (frame %u)"), line, index + 1)
                                    : g_strdup_printf (_("frame %u"), index + 1);
  JsonObject *object;
  JsonArray *matrix;
  double t;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT, _("%s: a frame must be an object"), place);
      return FALSE;
    }
  object = json_node_get_object (node);
  pose->line = line;
  pose->focus_distance = 0.0;
  if (!get_number (object, "t", place, TRUE, &t, error)
      || !get_number (object, "fx", place, TRUE, &pose->fx, error)
      || !get_number (object, "fy", place, TRUE, &pose->fy, error)
      || !get_number (object, "cx", place, TRUE, &pose->cx, error)
      || !get_number (object, "cy", place, TRUE, &pose->cy, error)
      || !get_number (object, "focus_distance", place, FALSE, &pose->focus_distance, error))
    return FALSE;
  if (!(fabs (t) < SL_SECOND * 1e6) || pose->focus_distance < 0)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: the time or the focus distance is out of range"), place);
      return FALSE;
    }
  pose->time = llround (t * SL_SECOND);

  node = json_object_get_member (object, "world_to_camera");
  matrix = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (matrix == NULL || json_array_get_length (matrix) != 12)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("%s: “world_to_camera” must be an array of 12 numbers (a 3 × 4 matrix, row by row)"), place);
      return FALSE;
    }
  for (guint k = 0; k < 12; k++)
    {
      JsonNode *element = json_array_get_element (matrix, k);

      if (!JSON_NODE_HOLDS_VALUE (element)
          || (json_node_get_value_type (element) != G_TYPE_DOUBLE && json_node_get_value_type (element) != G_TYPE_INT64))
        {
          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                       _("%s: element %u of “world_to_camera” is not a number"), place, k + 1);
          return FALSE;
        }
      pose->world_to_camera[k] = json_node_get_double (element);
    }
  return TRUE;
}

static guint
get_uint (JsonObject *object,
          const char *name)
{
  gint64 value = json_object_has_member (object, name) ? json_object_get_int_member (object, name) : 0;

  return value > 0 && value <= G_MAXUINT16 ? (guint) value : 0;
}

static gboolean
read_json (SlCameraPath  *self,
           const char    *text,
           gsize          length,
           GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) lines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *node;
  JsonObject *object;
  JsonArray *frames;
  GArray *frame_lines;

  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), lines);
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("The camera path is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  node = object != NULL ? json_object_get_member (object, "frames") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_CORRUPT,
                   _("The camera path must be a JSON object with an array “frames”"));
      return FALSE;
    }
  frames = json_node_get_array (node);
  frame_lines = g_hash_table_lookup (lines, frames);

  self->source = g_strdup (json_object_get_string_member_with_default (object, "source", "shotline"));
  self->width = get_uint (object, "width");
  self->height = get_uint (object, "height");
  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      guint line = frame_lines != NULL && i < frame_lines->len ? g_array_index (frame_lines, guint, i) : 0;
      SlCameraPose pose;

      if (!read_json_frame (json_array_get_element (frames, i), line, i, &pose, error))
        return FALSE;
      g_array_append_val (self->poses, pose);
    }
  return TRUE;
}

static char *
write_json (SlCameraPath *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "shotline-camera-path");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, self->source);
  if (self->fps_num > 0)
    {
      json_builder_set_member_name (builder, "fps");
      json_builder_add_double_value (builder, self->fps_num / (double) self->fps_den);
    }
  if (self->width > 0)
    {
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, self->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, self->height);
    }
  json_builder_set_member_name (builder, "frames");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->poses->len; i++)
    {
      const SlCameraPose *pose = &g_array_index (self->poses, SlCameraPose, i);
      const char *names[] = { "fx", "fy", "cx", "cy" };
      const double values[] = { pose->fx, pose->fy, pose->cx, pose->cy };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "t");
      json_builder_add_double_value (builder, pose->time / (double) SL_SECOND);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          json_builder_set_member_name (builder, names[k]);
          json_builder_add_double_value (builder, values[k]);
        }
      if (pose->focus_distance > 0)
        {
          json_builder_set_member_name (builder, "focus_distance");
          json_builder_add_double_value (builder, pose->focus_distance);
        }
      json_builder_set_member_name (builder, "world_to_camera");
      json_builder_begin_array (builder);
      for (guint k = 0; k < 12; k++)
        json_builder_add_double_value (builder, pose->world_to_camera[k]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ----- reading and writing ----------------------------------------------- */

SlCameraPath *
sl_camera_path_new_from_data (const char          *text,
                              gssize               length,
                              SlCameraPathFormat   format,
                              GError             **error)
{
  g_autoptr(SlCameraPath) self = g_object_new (SL_TYPE_CAMERA_PATH, NULL);
  gsize size;
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (text) : (gsize) length;
  if (format == SL_CAMERA_PATH_FORMAT_JSON)
    ok = read_json (self, text, size, error);
  else
    ok = read_re10k (self, text, size, error);
  if (!ok || !finish_poses (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

SlCameraPath *
sl_camera_path_load (const char          *path,
                     SlCameraPathFormat   format,
                     GError             **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  SlCameraPath *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!sl_file_read (path, SL_FILE_MAX_DOCUMENT_SIZE, &text, &length, error))
    return NULL;
  self = sl_camera_path_new_from_data (text, length, format, &local_error);
  if (self == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
  return self;
}

const char *
sl_camera_path_get_source (SlCameraPath *self)
{
  g_return_val_if_fail (SL_IS_CAMERA_PATH (self), NULL);

  return self->source;
}

guint
sl_camera_path_get_n_poses (SlCameraPath *self)
{
  g_return_val_if_fail (SL_IS_CAMERA_PATH (self), 0);

  return self->poses->len;
}

const SlCameraPose *
sl_camera_path_get_pose (SlCameraPath *self,
                         guint         index)
{
  g_return_val_if_fail (SL_IS_CAMERA_PATH (self), NULL);
  g_return_val_if_fail (index < self->poses->len, NULL);

  return &g_array_index (self->poses, SlCameraPose, index);
}

char *
sl_camera_path_to_data (SlCameraPath       *self,
                        SlCameraPathFormat  format)
{
  g_return_val_if_fail (SL_IS_CAMERA_PATH (self), NULL);

  return format == SL_CAMERA_PATH_FORMAT_JSON ? write_json (self) : write_re10k (self);
}

gboolean
sl_camera_path_save (SlCameraPath        *self,
                     const char          *path,
                     SlCameraPathFormat   format,
                     GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_CAMERA_PATH (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = sl_camera_path_to_data (self, format);
  return sl_file_write_atomic (path, text, strlen (text), error);
}

/* ----- into a shot ------------------------------------------------------- */

/* The time (ns into the shot that starts at @start) of the project frame
 * within SNAP_DISTANCE of @time, or @time itself. */
static gint64
snap_to_frame (SlProject *project,
               gint64     start,
               gint64     time)
{
  guint num = sl_project_get_fps_num (project), den = sl_project_get_fps_den (project);
  gint64 absolute = start + time;
  gint64 n = (gint64) (((__int128) absolute * num + (__int128) den * SL_SECOND / 2) / ((__int128) den * SL_SECOND));
  gint64 frame = sl_project_get_frame_time (project, n);

  return ABS (frame - absolute) <= SNAP_DISTANCE ? frame - start : time;
}

/* Yaw about y, pitch about the turned x, roll about the turned z (the
 * order of sl_camera_orientation_from_euler ()) from a rotation matrix;
 * looking straight up or down, the roll is taken as 0. */
static void
euler_from_matrix (const SlMat3 *r,
                   double       *yaw,
                   double       *pitch,
                   double       *roll)
{
  double sp = CLAMP (-r->m[1][2], -1.0, 1.0);

  *pitch = SL_RAD_TO_DEG (asin (sp));
  if (fabs (sp) < 1.0 - 1e-12)
    {
      *yaw = SL_RAD_TO_DEG (atan2 (r->m[0][2], r->m[2][2]));
      *roll = SL_RAD_TO_DEG (atan2 (r->m[1][0], r->m[1][1]));
    }
  else
    {
      *yaw = SL_RAD_TO_DEG (atan2 (-r->m[2][0], r->m[0][0]));
      *roll = 0.0;
    }
}

/* x, y, z, yaw, pitch, roll, focal-length, focus-distance of a pose. */
static const char *const keyframe_properties[] = {
  "x", "y", "z", "yaw", "pitch", "roll", "focal-length", "focus-distance",
};

static void
pose_to_values (const SlCameraPose *pose,
                double              sensor_height,
                double              values[8])
{
  SlMat3 to_camera, to_world;
  SlVec3 t, position;
  SlQuat q;

  for (guint i = 0; i < 3; i++)
    {
      for (guint j = 0; j < 3; j++)
        to_camera.m[i][j] = flip_sign (i) * flip_sign (j) * pose->world_to_camera[i * 4 + j];
    }
  t = sl_vec3 (pose->world_to_camera[3], -pose->world_to_camera[7], pose->world_to_camera[11]);
  /* Through a unit quaternion, so that the few digits of a file's matrix
   * still give an exact rotation. */
  to_world = sl_mat3_transpose (&to_camera);
  q = sl_quat_normalize (sl_quat_from_mat3 (&to_world));
  to_world = sl_quat_to_mat3 (q);
  position = sl_vec3_scale (sl_mat3_mul_vec3 (&to_world, t), -1.0);

  values[0] = position.x;
  values[1] = position.y;
  values[2] = position.z;
  euler_from_matrix (&to_world, &values[3], &values[4], &values[5]);
  values[6] = pose->fy * sensor_height;
  values[7] = pose->focus_distance > 0 ? pose->focus_distance : DEFAULT_FOCUS_DISTANCE;
}

static SlKeyframe *
make_keyframe (const SlCameraPose *pose,
               guint               index,
               gint64              time,
               double              sensor_height,
               GError            **error)
{
  g_autoptr(SlKeyframe) keyframe = sl_keyframe_new (time);
  GObjectClass *klass = G_OBJECT_GET_CLASS (keyframe);
  double values[8];

  pose_to_values (pose, sensor_height, values);
  for (guint k = 0; k < G_N_ELEMENTS (keyframe_properties); k++)
    {
      GParamSpecDouble *pspec = G_PARAM_SPEC_DOUBLE (g_object_class_find_property (klass, keyframe_properties[k]));

      if (!(values[k] >= pspec->minimum && values[k] <= pspec->maximum))
        {
          g_autofree char *place = pose_place (pose, index);

          g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                       _("%s: a keyframe's %s must be from %g to %g, and this pose gives %g"),
                       place, keyframe_properties[k], pspec->minimum, pspec->maximum, values[k]);
          return NULL;
        }
      g_object_set (keyframe, keyframe_properties[k], values[k], NULL);
    }
  return g_steal_pointer (&keyframe);
}

/* The keyframes, and the shot's new length: the last pose plus the mean
 * spacing of the poses (or one frame for a single pose). */
static GPtrArray *
make_keyframes (SlCameraPath  *self,
                SlProject     *project,
                guint          shot_index,
                gint64        *duration,
                GError       **error)
{
  g_autoptr(GPtrArray) keyframes = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = sl_project_get_shot_start (project, shot_index);
  gint64 first = first_frame_at (project, start);
  gint64 offset = sl_project_get_frame_time (project, first) - start;
  guint n = self->poses->len;
  const SlCameraPose *last = &g_array_index (self->poses, SlCameraPose, n - 1);
  GParamSpecInt64 *pspec;
  double sensor_height;
  gint64 step, current;

  sl_camera_fit_sensor (sl_project_get_width (project) / (double) sl_project_get_height (project),
                        NULL, &sensor_height);
  for (guint i = 0; i < n; i++)
    {
      const SlCameraPose *pose = &g_array_index (self->poses, SlCameraPose, i);
      SlKeyframe *keyframe = make_keyframe (pose, i, snap_to_frame (project, start, offset + pose->time),
                                            sensor_height, error);

      if (keyframe == NULL)
        return NULL;
      g_ptr_array_add (keyframes, keyframe);
    }
  step = n > 1 ? (last->time + (n - 1) / 2) / (n - 1)
               : sl_project_get_frame_time (project, first + 1) - sl_project_get_frame_time (project, first);
  *duration = snap_to_frame (project, start, offset + last->time + step);
  /* A shot that already ends where the path's frames do keeps its length,
   * so the shots after it stay where they were. */
  current = sl_shot_get_duration (sl_project_get_shot (project, shot_index));
  if (first_frame_at (project, start + current) == first_frame_at (project, start + *duration)
      && current > offset + last->time)
    *duration = current;
  pspec = G_PARAM_SPEC_INT64 (g_object_class_find_property (G_OBJECT_GET_CLASS (sl_project_get_shot (project, shot_index)),
                                                            "duration"));
  if (*duration < pspec->minimum || *duration > pspec->maximum)
    {
      g_set_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID,
                   _("The camera path lasts %.3f s; a shot lasts from %.3f s to %.0f s"),
                   *duration / (double) SL_SECOND, pspec->minimum / (double) SL_SECOND,
                   pspec->maximum / (double) SL_SECOND);
      return NULL;
    }
  return g_steal_pointer (&keyframes);
}

gboolean
sl_camera_path_apply (SlCameraPath  *self,
                      SlProject     *project,
                      guint          shot_index,
                      GError       **error)
{
  g_autoptr(GPtrArray) keyframes = NULL;
  SlHistory *history;
  GListStore *list;
  SlShot *shot;
  gint64 duration;

  g_return_val_if_fail (SL_IS_CAMERA_PATH (self), FALSE);
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (shot_index < sl_project_get_n_shots (project), FALSE);
  g_return_val_if_fail (self->poses->len > 0, FALSE);

  keyframes = make_keyframes (self, project, shot_index, &duration, error);
  if (keyframes == NULL)
    return FALSE;

  shot = sl_project_get_shot (project, shot_index);
  history = sl_project_get_history (project);
  sl_history_begin (history, _("Import Camera Path"));
  list = sl_shot_get_keyframes (shot);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    sl_history_remove (history, list, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
  list = sl_shot_get_moves (shot);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    sl_history_remove (history, list, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
  list = sl_shot_get_keyframes (shot);
  for (guint i = 0; i < keyframes->len; i++)
    sl_history_insert (history, list, i, g_ptr_array_index (keyframes, i));
  if (duration != sl_shot_get_duration (shot))
    sl_history_set (history, shot, "duration", duration, NULL);
  sl_history_end (history);
  return TRUE;
}

gboolean
sl_camera_path_export_shot (SlProject           *project,
                            guint                shot_index,
                            const char          *path,
                            SlCameraPathFormat   format,
                            GError             **error)
{
  g_autoptr(SlCameraPath) self = sl_camera_path_new_for_shot (project, shot_index, NULL, error);

  return self != NULL && sl_camera_path_save (self, path, format, error);
}

gboolean
sl_camera_path_import_shot (SlProject           *project,
                            guint                shot_index,
                            const char          *path,
                            SlCameraPathFormat   format,
                            GError             **error)
{
  g_autoptr(SlCameraPath) self = sl_camera_path_load (path, format, error);

  return self != NULL && sl_camera_path_apply (self, project, shot_index, error);
}
