/* test-timeline.c: the timeline driven through its own input path: scrub,
 * zoom, drag to reorder and trim, keys, drops, and undo of each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "ui-test-util.h"
#include "sl-timeline-canvas-private.h"

typedef struct {
  SlProject        *project;
  SlEditor         *editor;
  SlHistory        *history;
  GtkWindow        *window;
  GtkWidget        *timeline;
  SlTimelineCanvas *canvas;
  GPtrArray        *errors;     /* messages the timeline reported */
} Fixture;

static void
on_error (SlEditor *editor, const GError *error, Fixture *f)
{
  g_ptr_array_add (f->errors, g_strdup (error->message));
}

static gboolean
is_laid_out (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->project = sl_test_load_demo ();
  f->editor = sl_editor_new (f->project, NULL);
  f->history = sl_editor_get_history (f->editor);
  f->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->editor, "error", G_CALLBACK (on_error), f);
  f->timeline = sl_timeline_new (f->editor);
  f->window = sl_test_present (f->timeline, 1200, 260);
  f->canvas = SL_TIMELINE_CANVAS (sl_test_find_widget (f->timeline, SL_TYPE_TIMELINE_CANVAS));
  g_assert_nonnull (f->canvas);
  g_assert_true (sl_test_ui_wait_for (is_laid_out, f->canvas, 10000));
  sl_test_ui_spin (100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  sl_test_ui_spin (50);
  g_ptr_array_unref (f->errors);
  g_object_unref (f->editor);
  g_object_unref (f->project);
}

static double
x_of (Fixture *f, gint64 time)
{
  return sl_timeline_canvas_time_to_x (f->canvas, time);
}

static double
video_y (Fixture *f)
{
  return sl_timeline_canvas_area_y (f->canvas, SL_TIMELINE_AREA_VIDEO);
}

/* A whole drag from (@x, @y) by @dx pixels, in steps as a mouse makes. */
static void
drag (Fixture *f, double x, double y, double dx, GdkModifierType state)
{
  sl_timeline_canvas_drag_begin (f->canvas, x, y, state);
  for (int i = 1; i <= 4; i++)
    sl_timeline_canvas_drag_update (f->canvas, dx * i / 4, 0, state);
  sl_timeline_canvas_drag_end (f->canvas, dx, 0, state);
}

static char *
shot_names (SlProject *project)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < sl_project_get_n_shots (project) && i < 3; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", sl_shot_get_name (sl_project_get_shot (project, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_first_shots (Fixture *f, const char *expected)
{
  g_autofree char *names = shot_names (f->project);

  g_assert_cmpstr (names, ==, expected);
}

static void
test_scrub (Fixture *f, gconstpointer data)
{
  double y = sl_timeline_canvas_area_y (f->canvas, SL_TIMELINE_AREA_RULER);
  double pps = sl_timeline_canvas_get_pixels_per_second (f->canvas);

  sl_timeline_canvas_drag_begin (f->canvas, x_of (f, 3 * SL_SECOND), y, 0);
  g_assert_cmpint (ABS (sl_editor_get_position (f->editor) - 3 * SL_SECOND), <=, SL_MSECOND);
  sl_timeline_canvas_drag_update (f->canvas, 2 * pps, 0, 0);
  g_assert_cmpint (ABS (sl_editor_get_position (f->editor) - 5 * SL_SECOND), <=, SL_MSECOND);
  sl_timeline_canvas_drag_end (f->canvas, pps, 0, 0);
  g_assert_cmpint (ABS (sl_editor_get_position (f->editor) - 4 * SL_SECOND), <=, SL_MSECOND);
  /* Scrubbing is no edit. */
  g_assert_false (sl_history_can_undo (f->history));
}

static void
test_zoom (Fixture *f, gconstpointer data)
{
  GtkRange *scale = GTK_RANGE (sl_test_find_named (f->timeline, "zoom_scale"));
  double pps = sl_timeline_canvas_get_pixels_per_second (f->canvas);
  double pointer = x_of (f, 10 * SL_SECOND);

  /* Ctrl+scroll zooms in around the pointer: 10 s stays under it. */
  sl_timeline_canvas_scroll (f->canvas, 0, -2, GDK_CONTROL_MASK, pointer);
  g_assert_cmpfloat (sl_timeline_canvas_get_pixels_per_second (f->canvas), >, pps * 1.3);
  g_assert_cmpfloat (fabs (x_of (f, 10 * SL_SECOND) - pointer), <, 1.0);

  /* A plain scroll pans: the same time moves left. */
  pointer = x_of (f, 10 * SL_SECOND);
  sl_timeline_canvas_scroll (f->canvas, 0, 1, 0, pointer);
  g_assert_cmpfloat (x_of (f, 10 * SL_SECOND), <, pointer);

  /* The slider follows, and moving it zooms out again. */
  g_assert_nonnull (scale);
  g_assert_cmpfloat (gtk_range_get_value (scale), >, 0.0);
  pps = sl_timeline_canvas_get_pixels_per_second (f->canvas);
  gtk_range_set_value (scale, gtk_range_get_value (scale) - 0.2);
  g_assert_cmpfloat (sl_timeline_canvas_get_pixels_per_second (f->canvas), <, pps * 0.8);
}

static void
test_drag_reorder (Fixture *f, gconstpointer data)
{
  gint64 start2 = sl_project_get_shot_start (f->project, 2);
  gint64 end2 = sl_project_get_shot_start (f->project, 3);

  assert_first_shots (f, "Dawn valley, Product, Neon city");
  /* Drag "Dawn valley" by its middle onto the middle of "Neon city". */
  drag (f, x_of (f, SL_SECOND), video_y (f), x_of (f, (start2 + end2) / 2) - x_of (f, SL_SECOND), 0);
  assert_first_shots (f, "Product, Neon city, Dawn valley");
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 1);
  g_assert_true (sl_editor_get_selected_shot (f->editor) == sl_project_get_shot (f->project, 2));

  g_assert_true (sl_history_undo (f->history));
  assert_first_shots (f, "Dawn valley, Product, Neon city");

  /* A click without moving only selects. */
  drag (f, x_of (f, 6 * SL_SECOND), video_y (f), 1, 0);
  assert_first_shots (f, "Dawn valley, Product, Neon city");
  g_assert_cmpuint (sl_editor_get_selected_index (f->editor), ==, 1);
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 0);
}

static void
test_drag_trim (Fixture *f, gconstpointer data)
{
  SlShot *product = sl_project_get_shot (f->project, 1);
  gint64 duration = sl_shot_get_duration (product);
  gint64 total = sl_project_get_duration (f->project);
  gint64 next_start = sl_project_get_shot_start (f->project, 2);
  double pps = sl_timeline_canvas_get_pixels_per_second (f->canvas);

  /* Shift: no snapping, so the end goes exactly where the pointer does. */
  drag (f, x_of (f, next_start), video_y (f), 1.5 * pps, GDK_SHIFT_MASK);
  g_assert_cmpint (ABS (sl_shot_get_duration (product) - (duration + 3 * SL_SECOND / 2)), <=, SL_MSECOND);
  g_assert_cmpint (ABS (sl_project_get_shot_start (f->project, 2) - (next_start + 3 * SL_SECOND / 2)), <=, SL_MSECOND);
  g_assert_cmpint (ABS (sl_project_get_duration (f->project) - (total + 3 * SL_SECOND / 2)), <=, SL_MSECOND);
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 1);

  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpint (sl_shot_get_duration (product), ==, duration);

  /* Without Shift the end snaps. 雪山 runs from 13 s to 18 s, after the
   * music's beats end (16 s): let go at 17.6 s, and it ends on the
   * playhead at 17.5 s, the nearest target within 8 pixels. */
  sl_editor_seek (f->editor, 35 * SL_SECOND / 2);
  drag (f, x_of (f, 18 * SL_SECOND), video_y (f), -0.4 * pps, 0);
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (f->project, 3)), ==, 9 * SL_SECOND / 2);
  g_assert_true (sl_history_undo (f->history));

  /* Dragging the end before the start is held at one frame. */
  drag (f, x_of (f, next_start), video_y (f), -20 * pps, GDK_SHIFT_MASK);
  g_assert_cmpint (sl_shot_get_duration (product), ==, sl_timeline_get_min_duration (f->project));
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpint (sl_shot_get_duration (product), ==, duration);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static void
test_keys (Fixture *f, gconstpointer data)
{
  guint n = sl_project_get_n_shots (f->project);
  gint64 frame = sl_project_get_frame_time (f->project, 1);

  /* Click "Product", Delete it, undo. */
  drag (f, x_of (f, 6 * SL_SECOND), video_y (f), 0, 0);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_Delete, 0));
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n - 1);
  assert_first_shots (f, "Dawn valley, Neon city, 雪山");
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n);
  assert_first_shots (f, "Dawn valley, Product, Neon city");

  /* Moving the playhead: boundaries, frames, the ends. */
  sl_editor_seek (f->editor, 2 * SL_SECOND);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_Down, 0));
  g_assert_cmpint (sl_editor_get_position (f->editor), ==, 5 * SL_SECOND);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_Down, 0));
  g_assert_cmpint (sl_editor_get_position (f->editor), ==, 9 * SL_SECOND);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_Up, 0));
  g_assert_cmpint (sl_editor_get_position (f->editor), ==, 5 * SL_SECOND);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_Right, 0));
  g_assert_cmpint (sl_editor_get_position (f->editor), ==, 5 * SL_SECOND + frame);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_End, 0));
  g_assert_cmpint (sl_editor_get_position (f->editor), ==, sl_project_get_duration (f->project));
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_Home, 0));
  g_assert_cmpint (sl_editor_get_position (f->editor), ==, 0);

  /* S splits the shot under the playhead. */
  sl_editor_seek (f->editor, 2 * SL_SECOND);
  g_assert_true (sl_timeline_canvas_key_pressed (f->canvas, GDK_KEY_s, 0));
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n + 1);
  g_assert_cmpint (sl_shot_get_duration (sl_project_get_shot (f->project, 0)), ==, 2 * SL_SECOND);
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n);
  g_assert_cmpuint (f->errors->len, ==, 0);

  /* Splitting on a boundary is refused with a message. */
  sl_editor_seek (f->editor, 5 * SL_SECOND);
  sl_timeline_canvas_split_at_playhead (f->canvas);
  g_assert_cmpuint (f->errors->len, ==, 1);
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n);
}

static void
test_clip_drag (Fixture *f, gconstpointer data)
{
  SlAudioClip *clip = g_list_model_get_item (G_LIST_MODEL (sl_project_get_audio_clips (f->project)), 0);
  double pps = sl_timeline_canvas_get_pixels_per_second (f->canvas);
  double y = sl_timeline_canvas_area_y (f->canvas, SL_TIMELINE_AREA_AUDIO);

  /* Drag the music 2 s later by its body. */
  drag (f, x_of (f, 3 * SL_SECOND), y + 10, 2 * pps, GDK_SHIFT_MASK);
  g_assert_cmpint (ABS (sl_audio_clip_get_start (clip) - 2 * SL_SECOND), <=, SL_MSECOND);
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpint (sl_audio_clip_get_start (clip), ==, 0);
  g_object_unref (clip);
}

static void
test_drop_files (Fixture *f, gconstpointer data)
{
  g_autofree char *image = g_build_filename (SOURCE_DATADIR, "demo", "images", "valley.png", NULL);
  g_autofree char *dir = g_dir_make_tmp ("sl-timeline-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GFile) image_file = g_file_new_for_path (image);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(GSList) files = NULL;
  guint n = sl_project_get_n_shots (f->project);
  SlShot *added;

  g_assert_true (g_file_set_contents (text, "not a picture", -1, NULL));
  files = g_slist_append (files, image_file);
  files = g_slist_append (files, text_file);

  /* Dropped at 0.5 s: the new shot goes first; the text file is refused by
   * name; both as one undo step. */
  g_assert_true (sl_timeline_canvas_drop_files (f->canvas, files, x_of (f, SL_SECOND / 2), video_y (f)));
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n + 1);
  added = sl_project_get_shot (f->project, 0);
  g_assert_cmpstr (sl_shot_get_name (added), ==, "valley");
  g_assert_nonnull (sl_shot_find_reference (added, SL_REFERENCE_ROLE_PLATE));
  g_assert_cmpuint (f->errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->errors, 0), "notes.txt"));
  g_assert_true (sl_history_undo (f->history));
  g_assert_cmpuint (sl_project_get_n_shots (f->project), ==, n);

  g_unlink (text);
  g_rmdir (dir);
}

static gboolean
has_thumbnail (gpointer data)
{
  Fixture *f = data;
  SlThumbnailer *thumbnailer = sl_thumbnailer_get_for_editor (f->editor);

  return sl_thumbnailer_lookup (thumbnailer, sl_project_get_shot (f->project, 0), 0, 64) != NULL;
}

static void
test_snapshot (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sl-test-timeline.png", NULL);

  double pps;

  /* Zoomed in, with the first shot's pictures rendered where the machine
   * manages it in time (the picture is for looking at, not asserted). */
  sl_timeline_canvas_zoom_at (f->canvas, 80, 0);
  pps = sl_timeline_canvas_get_pixels_per_second (f->canvas);
  sl_test_ui_wait_for (has_thumbnail, f, 20000);

  /* Drawn in the middle of a trim, which shows its result live. */
  sl_editor_seek (f->editor, 7 * SL_SECOND);
  sl_timeline_canvas_drag_begin (f->canvas, x_of (f, 9 * SL_SECOND), video_y (f), 0);
  sl_timeline_canvas_drag_update (f->canvas, 1.02 * pps, 0, 0);
  sl_test_ui_spin (300);
  g_assert_true (sl_test_snapshot_png (f->timeline, path));
  g_test_message ("timeline drawn into %s", path);
  sl_timeline_canvas_drag_end (f->canvas, 1.02 * pps, 0, 0);
  g_assert_cmpuint (sl_history_get_n_undo (f->history), ==, 1);
}

int
main (int argc, char **argv)
{
  sl_test_ui_init (&argc, &argv);

  g_test_add ("/timeline/scrub", Fixture, NULL, fixture_set_up, test_scrub, fixture_tear_down);
  g_test_add ("/timeline/zoom", Fixture, NULL, fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/timeline/drag-reorder", Fixture, NULL, fixture_set_up, test_drag_reorder, fixture_tear_down);
  g_test_add ("/timeline/drag-trim", Fixture, NULL, fixture_set_up, test_drag_trim, fixture_tear_down);
  g_test_add ("/timeline/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/timeline/clip-drag", Fixture, NULL, fixture_set_up, test_clip_drag, fixture_tear_down);
  g_test_add ("/timeline/drop-files", Fixture, NULL, fixture_set_up, test_drop_files, fixture_tear_down);
  g_test_add ("/timeline/snapshot", Fixture, NULL, fixture_set_up, test_snapshot, fixture_tear_down);
  return g_test_run ();
}
