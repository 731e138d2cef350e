/* test-preview-view.c: the preview picture, its guides and the transport,
 * driven through their keys, buttons and settings with a real preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"
#include "sl-guides-overlay.h"

typedef struct {
  SlEditor  *editor;
  GtkWindow *window;
  GtkWidget *view;
  GSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SlProject) project = sl_test_load_demo ();

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "show-thirds");
  g_settings_reset (fixture->settings, "show-safe-areas");
  g_settings_reset (fixture->settings, "preview-size");
  fixture->editor = sl_editor_new (project, NULL);
  fixture->view = sl_preview_view_new (fixture->editor);
  /* Taller than 16:9, so the frame is letterboxed top and bottom. */
  fixture->window = sl_test_present (fixture->view, 900, 700);
  sl_test_ui_spin (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  sl_test_ui_spin (50);
  g_clear_object (&fixture->editor);
  g_clear_object (&fixture->settings);
}

static void
start_preview (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_editor_start_preview (fixture->editor, "cpu", 160, 90, &error));
  g_assert_no_error (error);
}

static GtkWidget *
named (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = sl_test_find_named (fixture->view, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (named (fixture, name)));
}

/* Presses a key the way the view's own key bindings receive it: finds the
 * shortcut for @keyval in the view's controllers and runs its action. */
static void
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (fixture->view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           fixture->view,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_assert_not_reached ();
}

/* The timecode the view should show for @frame of the demo (30 fps). */
static char *
timecode (gint64 frame)
{
  gint64 seconds = frame / 30;

  return g_strdup_printf ("%02d:%02d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                          (int) (seconds % 60), (int) (frame % 30));
}

typedef struct {
  Fixture    *fixture;
  const char *name;
  const char *text;
} LabelWait;

static gboolean
label_shows (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (label_text (wait->fixture, wait->name), wait->text) == 0;
}

static void
assert_position_label (Fixture *fixture,
                       gint64   frame)
{
  g_autofree char *expected = timecode (frame);
  LabelWait wait = { fixture, "position_label", expected };

  sl_test_ui_wait_for (label_shows, &wait, 5000);
  g_assert_cmpstr (label_text (fixture, "position_label"), ==, expected);
}

static gboolean
picture_has_frame (gpointer data)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (data));

  return paintable != NULL && gdk_paintable_get_intrinsic_width (paintable) == 160 &&
         gdk_paintable_get_intrinsic_height (paintable) == 90;
}

static gboolean
preview_playing (gpointer data)
{
  return sl_preview_get_playing (SL_PREVIEW (data));
}

static gboolean
preview_paused (gpointer data)
{
  return !sl_preview_get_playing (SL_PREVIEW (data));
}

static void
test_no_preview_then_frames (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (named (fixture, "content_stack"));
  GtkWidget *picture = named (fixture, "picture");

  g_autoptr(GError) failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "No backend here");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "status");
  g_assert_false (gtk_widget_get_sensitive (named (fixture, "play_button")));
  sl_editor_report_error (fixture->editor, failure);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (named (fixture, "status_page"))), ==,
                   "No backend here");

  start_preview (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "picture");
  g_assert_true (gtk_widget_get_sensitive (named (fixture, "play_button")));
  g_assert_true (sl_test_ui_wait_for (picture_has_frame, picture, 30000));
  g_assert_cmpstr (label_text (fixture, "duration_label"), ==, "00:00:22:00");
  assert_position_label (fixture, 0);
}

static void
test_steps_and_ends (Fixture       *fixture,
                     gconstpointer  data)
{
  SlProject *project = sl_editor_get_project (fixture->editor);
  gint64 last = sl_project_get_n_frames (project) - 1;

  start_preview (fixture);
  g_assert_true (sl_test_ui_wait_for (picture_has_frame, named (fixture, "picture"), 30000));

  press_key (fixture, GDK_KEY_Right, 0);
  assert_position_label (fixture, 1);
  gtk_widget_activate_action (fixture->view, "transport.step-forward", NULL);
  assert_position_label (fixture, 2);
  press_key (fixture, GDK_KEY_Left, 0);
  assert_position_label (fixture, 1);
  press_key (fixture, GDK_KEY_j, 0);
  assert_position_label (fixture, 0);

  press_key (fixture, GDK_KEY_Right, GDK_SHIFT_MASK);
  assert_position_label (fixture, 5 * 30);
  g_assert_cmpstr (label_text (fixture, "shot_label"), ==, "2 · Product");
  press_key (fixture, GDK_KEY_Right, GDK_SHIFT_MASK);
  assert_position_label (fixture, 9 * 30);
  press_key (fixture, GDK_KEY_Left, GDK_SHIFT_MASK);
  assert_position_label (fixture, 5 * 30);
  press_key (fixture, GDK_KEY_Right, 0);
  press_key (fixture, GDK_KEY_Left, GDK_SHIFT_MASK);
  assert_position_label (fixture, 5 * 30);

  press_key (fixture, GDK_KEY_End, 0);
  assert_position_label (fixture, last);
  g_assert_cmpint (sl_editor_get_position (fixture->editor), ==, sl_project_get_frame_time (project, last));
  press_key (fixture, GDK_KEY_Home, 0);
  assert_position_label (fixture, 0);

  /* A seek from elsewhere (the timeline, say) moves the timecode too. */
  sl_editor_seek (fixture->editor, 2 * SL_SECOND);
  assert_position_label (fixture, 60);

  /* A new preview (another size or backend) takes over where the old one was. */
  start_preview (fixture);
  press_key (fixture, GDK_KEY_Right, 0);
  assert_position_label (fixture, 61);
  g_assert_cmpint (sl_preview_get_position (sl_editor_get_preview (fixture->editor)), ==,
                   sl_project_get_frame_time (project, 61));
}

static void
test_shuttle (Fixture       *fixture,
              gconstpointer  data)
{
  SlPreview *preview;

  start_preview (fixture);
  preview = sl_editor_get_preview (fixture->editor);
  g_assert_true (sl_test_ui_wait_for (picture_has_frame, named (fixture, "picture"), 30000));

  press_key (fixture, GDK_KEY_l, 0);
  g_assert_true (sl_test_ui_wait_for (preview_playing, preview, 5000));
  g_assert_cmpfloat (sl_preview_get_rate (preview), ==, 1.0);
  g_assert_true (gtk_widget_get_visible (named (fixture, "stats_label")));
  press_key (fixture, GDK_KEY_l, 0);
  g_assert_cmpfloat (sl_preview_get_rate (preview), ==, 2.0);
  g_assert_cmpstr (label_text (fixture, "rate_label"), ==, "2×");
  press_key (fixture, GDK_KEY_l, 0);
  press_key (fixture, GDK_KEY_l, 0);
  g_assert_cmpfloat (sl_preview_get_rate (preview), ==, SL_PREVIEW_MAX_RATE);

  press_key (fixture, GDK_KEY_k, 0);
  g_assert_true (sl_test_ui_wait_for (preview_paused, preview, 5000));
  g_assert_false (gtk_widget_get_visible (named (fixture, "stats_label")));

  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (sl_test_ui_wait_for (preview_playing, preview, 5000));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (named (fixture, "play_button"))), ==,
                   "media-playback-pause-symbolic");
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (sl_test_ui_wait_for (preview_paused, preview, 5000));

  g_signal_emit_by_name (named (fixture, "loop_button"), "clicked");
  g_assert_true (sl_preview_get_loop (preview));
}

static void
assert_near (int a,
             int b)
{
  g_assert_cmpint (ABS (a - b), <=, 1);
}

static void
test_guides (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *guides = sl_test_find_widget (fixture->view, SL_TYPE_GUIDES_OVERLAY);
  GtkWidget *overlay = named (fixture, "overlay");
  GtkWidget *picture = named (fixture, "picture");
  graphene_rect_t bounds;

  start_preview (fixture);
  g_assert_true (sl_test_ui_wait_for (picture_has_frame, picture, 30000));
  g_assert_nonnull (guides);
  g_assert_false (gtk_widget_get_visible (guides));

  g_signal_emit_by_name (named (fixture, "thirds_button"), "clicked");
  g_assert_true (g_settings_get_boolean (fixture->settings, "show-thirds"));
  g_assert_true (gtk_widget_get_visible (guides));
  g_assert_true (sl_guides_overlay_get_show_thirds (SL_GUIDES_OVERLAY (guides)));
  sl_test_ui_spin (100);

  /* The guides lie on the letterboxed frame, not on the whole area. */
  g_assert_true (gtk_widget_compute_bounds (guides, overlay, &bounds));
  assert_near (bounds.size.width, gtk_widget_get_width (overlay));
  assert_near (bounds.size.height, (int) (gtk_widget_get_width (overlay) * 9.0 / 16.0 + 0.5));
  assert_near (bounds.origin.y, (gtk_widget_get_height (overlay) - bounds.size.height) / 2);

  g_signal_emit_by_name (named (fixture, "safe_areas_button"), "clicked");
  g_assert_true (sl_guides_overlay_get_show_safe_areas (SL_GUIDES_OVERLAY (guides)));
  g_signal_emit_by_name (named (fixture, "thirds_button"), "clicked");
  g_signal_emit_by_name (named (fixture, "safe_areas_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (guides));
}

static void
test_frame_sketch_toggle (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *sketch = sl_test_find_widget (fixture->view, SL_TYPE_FRAME_SKETCH);

  g_assert_nonnull (sketch);
  g_assert_false (gtk_widget_get_visible (sketch));
  press_key (fixture, GDK_KEY_f, 0);
  g_assert_true (gtk_widget_get_visible (sketch));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (fixture, "frame_button"))));
  g_signal_emit_by_name (named (fixture, "frame_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (sketch));
}

static void
test_size_setting (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (named (fixture, "size_dropdown"));
  g_autofree char *size = NULL;
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint last = g_list_model_get_n_items (model) - 1;

  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), gtk_drop_down_get_selected (dropdown)),
                   ==, "640 × 360");
  gtk_drop_down_set_selected (dropdown, last);
  size = g_settings_get_string (fixture->settings, "preview-size");
  g_assert_cmpstr (size, ==, "1280x720");

  g_settings_set_string (fixture->settings, "preview-size", "640x360");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), gtk_drop_down_get_selected (dropdown)),
                   ==, "640 × 360");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("SHOTLINE_AUDIO_SINK", "fakesink", TRUE);
  sl_test_ui_init (&argc, &argv);

  g_test_add ("/preview-view/frames", Fixture, NULL, fixture_set_up, test_no_preview_then_frames,
              fixture_tear_down);
  g_test_add ("/preview-view/steps", Fixture, NULL, fixture_set_up, test_steps_and_ends, fixture_tear_down);
  g_test_add ("/preview-view/shuttle", Fixture, NULL, fixture_set_up, test_shuttle, fixture_tear_down);
  g_test_add ("/preview-view/guides", Fixture, NULL, fixture_set_up, test_guides, fixture_tear_down);
  g_test_add ("/preview-view/frame-sketch", Fixture, NULL, fixture_set_up, test_frame_sketch_toggle,
              fixture_tear_down);
  g_test_add ("/preview-view/size", Fixture, NULL, fixture_set_up, test_size_setting, fixture_tear_down);

  return g_test_run ();
}
