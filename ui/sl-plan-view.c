/* sl-plan-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-plan-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-camera-edit.h"
#include "sl-plan-view-private.h"

#define STRIP_WIDTH      96.0
/* Where the plot of the strip starts, right of its tick labels. */
#define STRIP_PLOT_START 34.0
#define POINT_RADIUS     7.0
#define HIT_RADIUS       11.0
#define PATH_SAMPLES     96
/* The scene is built this small: only its cards' places are drawn. */
#define SCENE_WIDTH      320
#define SCENE_HEIGHT     180
/* Edits come in bursts (typing in the script, dragging): build the scene
 * once they pause. */
#define SCENE_DELAY_MS   400

typedef enum {
  DRAG_NONE,
  DRAG_PAN,
  DRAG_POINT,
  DRAG_TARGET,
  DRAG_HEIGHT,
} DragKind;

/* A card's footprint on the ground plane. */
typedef struct {
  double   x[4], z[4];
  char    *label;
  gboolean subject;
  gboolean level;      /* lies flat (ground, water): no label */
} PlanCard;

struct _SlPlanView
{
  GtkWidget       parent_instance;
  SlEditor       *editor;
  GtkWidget      *title_label;
  GtkWidget      *status_label;

  SlShot         *shot;
  SlPreview      *preview;
  SlCameraSolver *solver;          /* NULL: build again before drawing */
  GArray         *poses;           /* SlSketchPose */
  char           *problem;         /* why the shot cannot be drawn, or NULL */
  SlVec3          target;
  guint           selected;

  GArray         *cards;           /* PlanCard, NULL until built */
  guint           scene_generation;
  guint           scene_timeout;
  GCancellable   *scene_cancellable;

  /* Plan: screen = centre of the plan area + (x − centre_x, −(z − centre_z))
   * × scale; the strip: y − height_centre, × height_scale, upward. */
  double          scale;
  double          centre_x, centre_z;
  double          height_centre, height_scale;
  gboolean        needs_fit;
  graphene_point_t pointer;

  DragKind        drag_kind;
  SlKeyframe     *drag_keyframe;
  graphene_point_t drag_origin;
  double          drag_values[3];  /* x, y, z of the keyframe, or the view centre */
  SlVec3          drag_target;
};

G_DEFINE_FINAL_TYPE (SlPlanView, sl_plan_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
plan_card_clear (gpointer data)
{
  PlanCard *card = data;

  g_free (card->label);
}

/* The scene, built off the main thread */

typedef struct {
  SlProject *project;
  guint      shot_index;
  guint      generation;
} SceneJob;

static void
scene_job_free (SceneJob *job)
{
  g_object_unref (job->project);
  g_free (job);
}

static void
build_scene_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  SceneJob *job = data;
  g_autoptr(SlRenderer) renderer = NULL;
  g_autoptr(GArray) cards = g_array_new (FALSE, TRUE, sizeof (PlanCard));
  GError *error = NULL;
  SlScene *scene;

  g_array_set_clear_func (cards, plan_card_clear);
  renderer = sl_renderer_new (job->project, "cpu", &error);
  if (renderer == NULL
      || !sl_renderer_set_size (renderer, SCENE_WIDTH, SCENE_HEIGHT, &error)
      || (scene = sl_renderer_get_scene (renderer, job->shot_index, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < sl_scene_get_n_cards (scene); i++)
    {
      const SlCard *card = sl_scene_get_card (scene, i);
      PlanCard plan = { 0 };
      const int su[4] = { -1, 1, 1, -1 }, sv[4] = { 1, 1, -1, -1 };

      /* Camera-locked cards (first and last frames) have no place. */
      if (card->camera_locked)
        continue;
      for (guint c = 0; c < 4; c++)
        {
          SlVec3 corner = sl_vec3_add (sl_vec3_add_scaled (card->centre, card->right, su[c]),
                                       sl_vec3_scale (card->up, sv[c]));
          plan.x[c] = corner.x;
          plan.z[c] = corner.z;
        }
      plan.label = g_strdup (card->label);
      plan.subject = card->label != NULL && strstr (card->label, "subject") != NULL;
      plan.level = fabs (card->up.y) < 0.5 * sl_vec3_length (card->up);
      g_array_append_val (cards, plan);
    }
  g_task_return_pointer (task, g_steal_pointer (&cards), (GDestroyNotify) g_array_unref);
}

static void
on_scene_built (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  SlPlanView *self = SL_PLAN_VIEW (source);
  SceneJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *cards = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->scene_generation)
    {
      g_clear_pointer (&cards, g_array_unref);
      return;
    }
  g_clear_pointer (&self->cards, g_array_unref);
  /* A scene that cannot be built (a missing plate) leaves the plan without
   * cards; the preview reports the error itself. */
  self->cards = cards;
  if (cards == NULL)
    g_debug ("No scene for the plan: %s", error->message);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
start_scene_build (gpointer data)
{
  SlPlanView *self = data;
  SlProject *project = sl_editor_get_project (self->editor);
  g_autoptr(GTask) task = NULL;
  SceneJob *job;
  guint index;

  self->scene_timeout = 0;
  if (self->shot == NULL || !g_list_store_find (sl_project_get_shots (project), self->shot, &index))
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->scene_cancellable);
  g_clear_object (&self->scene_cancellable);
  self->scene_cancellable = g_cancellable_new ();

  /* The renderer is not thread-safe and the document changes under the
   * main thread: the worker gets its own copy of both. */
  job = g_new0 (SceneJob, 1);
  job->project = sl_model_copy (G_OBJECT (project));
  sl_project_set_base_dir (job->project, sl_project_get_base_dir (project));
  job->shot_index = index;
  job->generation = ++self->scene_generation;
  task = g_task_new (self, self->scene_cancellable, on_scene_built, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) scene_job_free);
  g_task_run_in_thread (task, build_scene_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_scene_build (SlPlanView *self)
{
  g_clear_handle_id (&self->scene_timeout, g_source_remove);
  self->scene_timeout = g_timeout_add (SCENE_DELAY_MS, start_scene_build, self);
}

/* The plan */



static double
plan_width (SlPlanView *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - STRIP_WIDTH, 1);
}

static void
to_plan (SlPlanView       *self,
         double            x,
         double            z,
         graphene_point_t *out)
{
  out->x = plan_width (self) / 2 + (x - self->centre_x) * self->scale;
  out->y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - (z - self->centre_z) * self->scale;
}

static double
to_strip (SlPlanView *self,
          double      y)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - (y - self->height_centre) * self->height_scale;
}

/* The strip plots height against time across the shot, so the dots of
 * poses at one height stay apart. */
static void
strip_point (SlPlanView       *self,
             gint64            time,
             double            y,
             graphene_point_t *out)
{
  double duration = MAX (sl_shot_get_duration (self->shot), 1);

  out->x = plan_width (self) + STRIP_PLOT_START + (STRIP_WIDTH - STRIP_PLOT_START - 14) * time / duration;
  out->y = to_strip (self, y);
}

static void
fit (SlPlanView *self)
{
  double min_x = self->target.x, max_x = self->target.x;
  double min_z = self->target.z, max_z = self->target.z;
  double min_y = self->target.y, max_y = self->target.y;
  double w = plan_width (self), h = gtk_widget_get_height (GTK_WIDGET (self));
  double duration = sl_camera_solver_get_duration (self->solver);

  for (guint i = 0; i < PATH_SAMPLES; i++)
    {
      SlCamera camera;

      sl_camera_solver_evaluate (self->solver, duration * i / (PATH_SAMPLES - 1), &camera);
      min_x = MIN (min_x, camera.position.x);
      max_x = MAX (max_x, camera.position.x);
      min_z = MIN (min_z, camera.position.z);
      max_z = MAX (max_z, camera.position.z);
      min_y = MIN (min_y, camera.position.y);
      max_y = MAX (max_y, camera.position.y);
    }
  self->centre_x = (min_x + max_x) / 2;
  self->centre_z = (min_z + max_z) / 2;
  /* Room around the path for the frustums and the nearest cards. */
  self->scale = 0.7 * MIN (w / MAX (max_x - min_x, 1.0), h / MAX (max_z - min_z, 1.0));
  self->height_centre = (min_y + max_y) / 2;
  self->height_scale = MIN (self->scale, 0.35 * h / MAX ((max_y - min_y) / 2, 0.5));
  self->needs_fit = FALSE;
}

static gboolean
ensure_plan (SlPlanView *self)
{
  g_autoptr(GError) error = NULL;
  double distance;

  if (self->shot == NULL)
    {
      g_clear_pointer (&self->problem, g_free);
      return FALSE;
    }
  if (self->solver != NULL)
    return TRUE;

  self->solver = sl_camera_edit_solver (self->editor, self->shot, &error);
  if (self->solver == NULL)
    {
      g_free (self->problem);
      self->problem = g_strdup (error->message);
      return FALSE;
    }
  g_clear_pointer (&self->problem, g_free);
  self->poses = sl_camera_edit_list_poses (self->shot, self->solver);
  if (self->drag_kind == DRAG_TARGET)
    self->target = self->drag_target;
  else
    sl_camera_solver_get_subject (self->solver, &self->target, &distance);
  if (self->needs_fit && gtk_widget_get_width (GTK_WIDGET (self)) > STRIP_WIDTH)
    fit (self);
  return TRUE;
}

/* Plans again now, outside any snapshot, so that the problem label can be
 * shown or hidden before the next frame is drawn. */
/* The pose the user picked last, kept while undo and the script change the
 * number of poses one edit at a time. Needs a plan. */
static guint
selected_pose (SlPlanView *self)
{
  return MIN (self->selected, self->poses->len - 1);
}

static void
invalidate (SlPlanView *self)
{
  g_clear_object (&self->solver);
  g_clear_pointer (&self->poses, g_array_unref);
  ensure_plan (self);
  gtk_label_set_label (GTK_LABEL (self->status_label), self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (self->status_label, self->problem != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
squared_distance (const graphene_point_t *p,
                  double                  x,
                  double                  y)
{
  return (p->x - x) * (p->x - x) + (p->y - y) * (p->y - y);
}

/* The pose whose camera (or whose height dot, in the strip) is under
 * (x, y), or G_MAXUINT. */
static guint
pose_at (SlPlanView *self,
         double      x,
         double      y,
         gboolean   *in_strip)
{
  guint found = G_MAXUINT;
  double best = HIT_RADIUS * HIT_RADIUS;

  *in_strip = x >= plan_width (self);
  for (guint i = 0; i < self->poses->len; i++)
    {
      const SlSketchPose *pose = &g_array_index (self->poses, SlSketchPose, i);
      const SlCamera *camera = &pose->camera;
      graphene_point_t p;
      double d;

      if (*in_strip)
        strip_point (self, pose->time, camera->position.y, &p);
      else
        to_plan (self, camera->position.x, camera->position.z, &p);
      d = squared_distance (&p, x, y);
      if (d <= best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

static gboolean
on_target (SlPlanView *self,
           double      x,
           double      y)
{
  graphene_point_t p;

  to_plan (self, self->target.x, self->target.z, &p);
  return x < plan_width (self) && squared_distance (&p, x, y) <= HIT_RADIUS * HIT_RADIUS;
}

/* The keyframe of pose @index, baking the shot first; inside a group. */
static SlKeyframe *
keyframe_for_edit (SlPlanView *self,
                   guint       index)
{
  sl_camera_edit_bake (sl_editor_get_history (self->editor), self->shot, self->solver);
  if (!ensure_plan (self) || index >= self->poses->len)
    return NULL;
  return g_array_index (self->poses, SlSketchPose, index).keyframe;
}

void
sl_plan_view_drag_begin (SlPlanView *self,
                         double      x,
                         double      y)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  gboolean in_strip;
  guint index;

  g_return_if_fail (SL_IS_PLAN_VIEW (self));

  if (self->drag_kind != DRAG_NONE || !ensure_plan (self))
    return;
  self->drag_origin = GRAPHENE_POINT_INIT (x, y);
  index = pose_at (self, x, y, &in_strip);
  if (index == G_MAXUINT && on_target (self, x, y))
    {
      self->drag_kind = DRAG_TARGET;
      self->drag_target = self->target;
      self->drag_values[0] = self->target.x;
      self->drag_values[1] = self->target.y;
      self->drag_values[2] = self->target.z;
      sl_history_begin (history, _("Move Target"));
      keyframe_for_edit (self, 0);
      return;
    }
  if (index == G_MAXUINT)
    {
      self->drag_kind = DRAG_PAN;
      self->drag_values[0] = self->centre_x;
      self->drag_values[2] = self->centre_z;
      return;
    }

  self->selected = index;
  sl_history_begin (history, in_strip ? _("Change Camera Height") : _("Move Camera"));
  self->drag_kind = in_strip ? DRAG_HEIGHT : DRAG_POINT;
  g_set_object (&self->drag_keyframe, keyframe_for_edit (self, index));
  if (self->drag_keyframe != NULL)
    g_object_get (self->drag_keyframe,
                  "x", &self->drag_values[0], "y", &self->drag_values[1], "z", &self->drag_values[2],
                  NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Turns every keyframe to look at the target from where it stands,
 * keeping its roll, and focuses on it. */
static void
aim_keyframes (SlPlanView *self)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  GListModel *keyframes = G_LIST_MODEL (sl_shot_get_keyframes (self->shot));

  for (guint i = 0; i < g_list_model_get_n_items (keyframes); i++)
    {
      g_autoptr(SlKeyframe) keyframe = g_list_model_get_item (keyframes, i);
      double x, y, z;
      SlVec3 d;

      g_object_get (keyframe, "x", &x, "y", &y, "z", &z, NULL);
      d = sl_vec3_sub (self->drag_target, sl_vec3 (x, y, z));
      if (sl_vec3_length (d) < SL_CAMERA_MIN_FOCUS_DISTANCE)
        continue;
      /* A positive yaw turns +z toward +x, a positive pitch looks down. */
      sl_history_set (history, keyframe,
                      "yaw", SL_RAD_TO_DEG (atan2 (d.x, d.z)),
                      "pitch", SL_RAD_TO_DEG (atan2 (-d.y, hypot (d.x, d.z))),
                      "focus-distance", sl_vec3_length (d),
                      NULL);
    }
}

void
sl_plan_view_drag_update (SlPlanView *self,
                          double      x,
                          double      y)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  double dx = x - self->drag_origin.x, dy = y - self->drag_origin.y;

  g_return_if_fail (SL_IS_PLAN_VIEW (self));

  switch (self->drag_kind)
    {
    case DRAG_PAN:
      self->centre_x = self->drag_values[0] - dx / self->scale;
      self->centre_z = self->drag_values[2] + dy / self->scale;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_POINT:
      if (self->drag_keyframe != NULL)
        sl_history_set (history, self->drag_keyframe,
                        "x", self->drag_values[0] + dx / self->scale,
                        "z", self->drag_values[2] - dy / self->scale,
                        NULL);
      break;
    case DRAG_HEIGHT:
      if (self->drag_keyframe != NULL)
        sl_history_set (history, self->drag_keyframe,
                        "y", self->drag_values[1] - dy / self->height_scale, NULL);
      break;
    case DRAG_TARGET:
      self->drag_target = sl_vec3 (self->drag_values[0] + dx / self->scale,
                                   self->drag_values[1],
                                   self->drag_values[2] - dy / self->scale);
      aim_keyframes (self);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

void
sl_plan_view_drag_end (SlPlanView *self)
{
  DragKind kind = self->drag_kind;

  g_return_if_fail (SL_IS_PLAN_VIEW (self));

  self->drag_kind = DRAG_NONE;
  g_clear_object (&self->drag_keyframe);
  if (kind != DRAG_NONE && kind != DRAG_PAN)
    {
      sl_history_end (sl_editor_get_history (self->editor));
      invalidate (self);
    }
}

/* The time (ns into the shot) of the path sample nearest (x, y), if it is
 * within reach. */
static gboolean
path_time_at (SlPlanView *self,
              double      x,
              double      y,
              gint64     *time)
{
  gint64 duration = sl_shot_get_duration (self->shot);
  double best = HIT_RADIUS * HIT_RADIUS;
  gboolean found = FALSE;
  const guint samples = 4 * PATH_SAMPLES;

  for (guint i = 0; i < samples; i++)
    {
      gint64 t = duration * i / (samples - 1);
      SlCamera camera;
      graphene_point_t p;
      double d;

      sl_camera_solver_evaluate_time (self->solver, t, &camera);
      to_plan (self, camera.position.x, camera.position.z, &p);
      d = squared_distance (&p, x, y);
      if (d <= best)
        {
          best = d;
          *time = t;
          found = TRUE;
        }
    }
  return found;
}

void
sl_plan_view_click (SlPlanView *self,
                    int         n_press,
                    guint       button,
                    double      x,
                    double      y)
{
  gboolean in_strip;
  guint index;
  gint64 time;

  g_return_if_fail (SL_IS_PLAN_VIEW (self));

  if (self->drag_kind != DRAG_NONE || !ensure_plan (self))
    return;
  index = pose_at (self, x, y, &in_strip);
  if (button == GDK_BUTTON_SECONDARY && index != G_MAXUINT)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (self->shot))) > 0)
        sl_camera_edit_remove_keyframe (self->editor, self->shot, index);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;
  if (index != G_MAXUINT)
    {
      self->selected = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (n_press == 2 && !in_strip && path_time_at (self, x, y, &time))
    {
      guint added = sl_camera_edit_add_keyframe (self->editor, self->shot, time);
      if (added != G_MAXUINT)
        self->selected = added;
    }
}

guint
sl_plan_view_get_n_poses (SlPlanView *self)
{
  g_return_val_if_fail (SL_IS_PLAN_VIEW (self), 0);

  return ensure_plan (self) ? self->poses->len : 0;
}

gboolean
sl_plan_view_get_pose_point (SlPlanView       *self,
                             guint             index,
                             graphene_point_t *plan,
                             graphene_point_t *height)
{
  const SlCamera *camera;

  g_return_val_if_fail (SL_IS_PLAN_VIEW (self), FALSE);

  if (!ensure_plan (self) || index >= self->poses->len)
    return FALSE;
  camera = &g_array_index (self->poses, SlSketchPose, index).camera;
  to_plan (self, camera->position.x, camera->position.z, plan);
  strip_point (self, g_array_index (self->poses, SlSketchPose, index).time, camera->position.y, height);
  return TRUE;
}

gboolean
sl_plan_view_get_target_point (SlPlanView       *self,
                               graphene_point_t *plan)
{
  g_return_val_if_fail (SL_IS_PLAN_VIEW (self), FALSE);

  if (!ensure_plan (self))
    return FALSE;
  to_plan (self, self->target.x, self->target.z, plan);
  return TRUE;
}

gboolean
sl_plan_view_has_scene (SlPlanView *self)
{
  g_return_val_if_fail (SL_IS_PLAN_VIEW (self), FALSE);

  return self->cards != NULL;
}

/* Drawing */

typedef struct {
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA bg;
} Palette;

static void
get_palette (SlPlanView *self,
             Palette    *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &palette->fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &palette->accent))
    gdk_rgba_parse (&palette->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &palette->bg))
    gdk_rgba_parse (&palette->bg, "#ffffff");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
source (cairo_t       *cr,
        const GdkRGBA *colour,
        double         alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

static void
draw_text (SlPlanView    *self,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           double         align,
           const GdkRGBA *colour,
           double         alpha,
           gboolean       bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int tw, th;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x - align * tw, y - th / 2.0);
  source (cr, colour, alpha);
  pango_cairo_show_layout (cr, layout);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

/* A grid of 1, 10, 100... m (or 0.1 m) cells, whichever is at least 32
 * pixels wide, so the plan always has a readable scale. */
static void
draw_grid (SlPlanView    *self,
           cairo_t       *cr,
           const Palette *palette)
{
  double w = plan_width (self), h = gtk_widget_get_height (GTK_WIDGET (self));
  double step = pow (10, ceil (log10 (32 / self->scale)));
  double x0 = self->centre_x - w / 2 / self->scale, x1 = self->centre_x + w / 2 / self->scale;
  double z0 = self->centre_z - h / 2 / self->scale, z1 = self->centre_z + h / 2 / self->scale;
  g_autofree char *label = NULL;
  graphene_point_t p;

  for (double x = floor (x0 / step) * step; x <= x1; x += step)
    {
      to_plan (self, x, 0, &p);
      cairo_move_to (cr, round (p.x) + 0.5, 0);
      cairo_line_to (cr, round (p.x) + 0.5, h);
    }
  for (double z = floor (z0 / step) * step; z <= z1; z += step)
    {
      to_plan (self, 0, z, &p);
      cairo_move_to (cr, 0, round (p.y) + 0.5);
      cairo_line_to (cr, w, round (p.y) + 0.5);
    }
  cairo_set_line_width (cr, 1);
  source (cr, &palette->fg, 0.06);
  cairo_stroke (cr);

  /* TRANSLATORS: the size of one grid cell of the plan view, in metres */
  label = g_strdup_printf (_("Grid %g m"), step);
  draw_text (self, cr, label, w - 12, h - 16, 1, &palette->fg, 0.55, FALSE);
}

static void
draw_cards (SlPlanView    *self,
            cairo_t       *cr,
            const Palette *palette)
{
  if (self->cards == NULL)
    return;
  for (guint i = 0; i < self->cards->len; i++)
    {
      const PlanCard *card = &g_array_index (self->cards, PlanCard, i);
      const GdkRGBA *colour = card->subject ? &palette->accent : &palette->fg;
      graphene_point_t p, right;

      for (guint c = 0; c < 4; c++)
        {
          to_plan (self, card->x[c], card->z[c], &p);
          if (c == 0)
            cairo_move_to (cr, p.x, p.y);
          else
            cairo_line_to (cr, p.x, p.y);
        }
      cairo_close_path (cr);
      source (cr, colour, card->level ? 0.04 : 0.12);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, card->subject ? 3 : 2);
      source (cr, colour, card->level ? 0.08 : (card->subject ? 0.9 : 0.45));
      cairo_stroke (cr);

      if (card->level || card->label == NULL)
        continue;
      to_plan (self, card->x[1], card->z[1], &right);
      draw_text (self, cr, card->label, right.x + 6, right.y, 0, colour, 0.6, FALSE);
    }
}

static void
draw_path (SlPlanView    *self,
           cairo_t       *cr,
           const Palette *palette)
{
  double duration = sl_camera_solver_get_duration (self->solver);
  SlCamera camera;
  graphene_point_t p;

  for (guint i = 0; i < PATH_SAMPLES; i++)
    {
      sl_camera_solver_evaluate (self->solver, duration * i / (PATH_SAMPLES - 1), &camera);
      to_plan (self, camera.position.x, camera.position.z, &p);
      if (i == 0)
        cairo_move_to (cr, p.x, p.y);
      else
        cairo_line_to (cr, p.x, p.y);
    }
  cairo_set_line_width (cr, 2.5);
  source (cr, &palette->accent, 0.85);
  cairo_stroke (cr);

  /* Where the playhead has the camera now. */
  sl_camera_solver_evaluate_time (self->solver, sl_camera_edit_playhead_time (self->editor, self->shot), &camera);
  to_plan (self, camera.position.x, camera.position.z, &p);
  cairo_new_path (cr);
  cairo_arc (cr, p.x, p.y, 4, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1);
  cairo_fill (cr);
}

static void
draw_frustum (SlPlanView     *self,
              cairo_t        *cr,
              const SlCamera *camera,
              const Palette  *palette,
              gboolean        selected)
{
  double hfov, heading, reach = camera->focus_distance;
  SlVec3 forward;
  graphene_point_t eye, p;

  sl_camera_get_fov (camera, &hfov, NULL);
  sl_camera_get_axes (camera, NULL, NULL, &forward);
  heading = atan2 (forward.x, forward.z);
  /* The frustum reaches the focus, where it shows how wide the framing is
   * at the subject, but stays readable when that is far off screen. */
  reach = MIN (reach, 160 / self->scale);
  to_plan (self, camera->position.x, camera->position.z, &eye);
  cairo_move_to (cr, eye.x, eye.y);
  for (int side = -1; side <= 1; side += 2)
    {
      double a = heading + side * SL_DEG_TO_RAD (hfov / 2);
      double d = reach / cos (SL_DEG_TO_RAD (hfov / 2));

      to_plan (self, camera->position.x + d * sin (a), camera->position.z + d * cos (a), &p);
      cairo_line_to (cr, p.x, p.y);
    }
  cairo_close_path (cr);
  source (cr, &palette->accent, selected ? 0.22 : 0.1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  source (cr, &palette->accent, selected ? 0.8 : 0.4);
  cairo_stroke (cr);
}

static void
draw_point (cairo_t                *cr,
            const graphene_point_t *p,
            const Palette          *palette,
            gboolean                selected)
{
  cairo_new_path (cr);
  cairo_arc (cr, p->x, p->y, selected ? POINT_RADIUS + 1 : POINT_RADIUS, 0, 2 * G_PI);
  source (cr, selected ? &palette->accent : &palette->bg, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2.5);
  source (cr, selected ? &palette->bg : &palette->accent, 1);
  cairo_stroke (cr);
}

static void
draw_target (SlPlanView    *self,
             cairo_t       *cr,
             const Palette *palette)
{
  graphene_point_t p;
  const SlCamera *camera = &g_array_index (self->poses, SlSketchPose, selected_pose (self)).camera;
  graphene_point_t eye;

  to_plan (self, self->target.x, self->target.z, &p);
  to_plan (self, camera->position.x, camera->position.z, &eye);
  cairo_move_to (cr, eye.x, eye.y);
  cairo_line_to (cr, p.x, p.y);
  cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
  cairo_set_line_width (cr, 1);
  source (cr, &palette->fg, 0.4);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_new_path (cr);
  cairo_arc (cr, p.x, p.y, 8, 0, 2 * G_PI);
  cairo_move_to (cr, p.x - 13, p.y);
  cairo_line_to (cr, p.x + 13, p.y);
  cairo_move_to (cr, p.x, p.y - 13);
  cairo_line_to (cr, p.x, p.y + 13);
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgba (cr, 0.9, 0.38, 0, 1);
  cairo_stroke (cr);
  draw_text (self, cr, _("Target"), p.x + 14, p.y - 12, 0, &palette->fg, 0.75, TRUE);
}

static void
draw_poses (SlPlanView    *self,
            cairo_t       *cr,
            const Palette *palette)
{
  gint64 duration = sl_shot_get_duration (self->shot);

  for (guint i = 0; i < self->poses->len; i++)
    draw_frustum (self, cr, &g_array_index (self->poses, SlSketchPose, i).camera, palette, i == selected_pose (self));
  for (guint i = 0; i < self->poses->len; i++)
    {
      const SlCamera *camera = &g_array_index (self->poses, SlSketchPose, i).camera;
      g_autofree char *label = sl_camera_edit_pose_label (self->poses, i, duration);
      graphene_point_t p;

      guint stacked = 0;

      to_plan (self, camera->position.x, camera->position.z, &p);
      /* Cameras on one spot (a crane straight up) get their labels stacked
       * instead of printed over each other. */
      for (guint j = 0; j < i; j++)
        {
          const SlCamera *other = &g_array_index (self->poses, SlSketchPose, j).camera;
          graphene_point_t q;

          to_plan (self, other->position.x, other->position.z, &q);
          if (squared_distance (&q, p.x, p.y) < 12 * 12)
            stacked++;
        }
      draw_point (cr, &p, palette, i == selected_pose (self));
      draw_text (self, cr, label, p.x - 12, p.y + 14 + 15 * stacked, 1, &palette->fg, 0.9, TRUE);
    }
}

static void
draw_strip (SlPlanView    *self,
            cairo_t       *cr,
            const Palette *palette)
{
  double x0 = plan_width (self), h = gtk_widget_get_height (GTK_WIDGET (self));
  double step = pow (10, ceil (log10 (28 / self->height_scale)));
  double top = self->height_centre + h / 2 / self->height_scale;
  double bottom = self->height_centre - h / 2 / self->height_scale;
  gint64 duration = sl_shot_get_duration (self->shot);
  graphene_point_t p, end;

  cairo_rectangle (cr, x0, 0, STRIP_WIDTH, h);
  source (cr, &palette->fg, 0.04);
  cairo_fill (cr);
  cairo_move_to (cr, x0 + 0.5, 0);
  cairo_line_to (cr, x0 + 0.5, h);
  cairo_set_line_width (cr, 1);
  source (cr, &palette->fg, 0.15);
  cairo_stroke (cr);

  for (double y = floor (bottom / step) * step; y <= top; y += step)
    {
      g_autofree char *tick = g_strdup_printf ("%g", fabs (y) < step / 2 ? 0 : y);
      double sy = round (to_strip (self, y)) + 0.5;

      cairo_move_to (cr, x0 + STRIP_PLOT_START - 4, sy);
      cairo_line_to (cr, x0 + STRIP_WIDTH, sy);
      cairo_set_line_width (cr, 1);
      source (cr, &palette->fg, 0.07);
      cairo_stroke (cr);
      draw_text (self, cr, tick, x0 + STRIP_PLOT_START - 8, sy, 1, &palette->fg, 0.5, FALSE);
    }
  /* TRANSLATORS: the heading of the plan view's elevation strip, y in metres */
  draw_text (self, cr, _("Height (m)"), x0 + STRIP_WIDTH / 2, 16, 0.5, &palette->fg, 0.7, TRUE);

  /* The target's height across the shot, then the camera's. */
  strip_point (self, 0, self->target.y, &p);
  strip_point (self, duration, self->target.y, &end);
  cairo_move_to (cr, p.x, p.y);
  cairo_line_to (cr, end.x, end.y);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, 0.9, 0.38, 0, 0.9);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < PATH_SAMPLES; i++)
    {
      gint64 t = duration * i / (PATH_SAMPLES - 1);
      SlCamera camera;

      sl_camera_solver_evaluate_time (self->solver, t, &camera);
      strip_point (self, t, camera.position.y, &p);
      if (i == 0)
        cairo_move_to (cr, p.x, p.y);
      else
        cairo_line_to (cr, p.x, p.y);
    }
  cairo_set_line_width (cr, 2);
  source (cr, &palette->accent, 0.85);
  cairo_stroke (cr);

  for (guint i = 0; i < self->poses->len; i++)
    {
      const SlSketchPose *pose = &g_array_index (self->poses, SlSketchPose, i);

      strip_point (self, pose->time, pose->camera.position.y, &p);
      draw_point (cr, &p, palette, i == selected_pose (self));
    }
}

static void
sl_plan_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SlPlanView *self = SL_PLAN_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  Palette palette;

  get_palette (self, &palette);
  gtk_snapshot_append_color (snapshot, &palette.bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (w > STRIP_WIDTH && h > 0 && ensure_plan (self))
    {
      cairo_t *cr;

      if (self->needs_fit)
        fit (self);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, plan_width (self), h);
      cairo_clip (cr);
      draw_grid (self, cr, &palette);
      draw_cards (self, cr, &palette);
      draw_path (self, cr, &palette);
      draw_poses (self, cr, &palette);
      draw_target (self, cr, &palette);
      cairo_restore (cr);
      draw_strip (self, cr, &palette);
      cairo_destroy (cr);
    }
  GTK_WIDGET_CLASS (sl_plan_view_parent_class)->snapshot (widget, snapshot);
}

/* Input */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SlPlanView     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  sl_plan_view_drag_begin (self, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SlPlanView     *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  sl_plan_view_drag_update (self, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SlPlanView     *self)
{
  sl_plan_view_drag_end (self);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SlPlanView      *self)
{
  sl_plan_view_click (self, n_press,
                      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)), x, y);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SlPlanView               *self)
{
  gboolean in_strip;
  const char *cursor = NULL;

  self->pointer = GRAPHENE_POINT_INIT (x, y);
  if (self->drag_kind != DRAG_NONE || !ensure_plan (self))
    return;
  if (pose_at (self, x, y, &in_strip) != G_MAXUINT)
    cursor = in_strip ? "ns-resize" : "move";
  else if (on_target (self, x, y))
    cursor = "crosshair";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           SlPlanView               *self)
{
  double factor = exp (-0.15 * dy);
  double px = self->pointer.x, py = self->pointer.y;
  double wx, wz;

  if (px >= plan_width (self))
    return FALSE;
  /* Zoom about the pointer: the world point under it stays there. */
  wx = self->centre_x + (px - plan_width (self) / 2) / self->scale;
  wz = self->centre_z - (py - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / self->scale;
  self->scale = CLAMP (self->scale * factor, 0.01, 20000);
  self->centre_x = wx - (px - plan_width (self) / 2) / self->scale;
  self->centre_z = wz + (py - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / self->scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SlPlanView *self = SL_PLAN_VIEW (widget);

  self->needs_fit = TRUE;
  gtk_widget_queue_draw (widget);
}

static void
remove_keyframe_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SlPlanView *self = SL_PLAN_VIEW (widget);

  if (self->drag_kind == DRAG_NONE && ensure_plan (self)
      && g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (self->shot))) > 0)
    sl_camera_edit_remove_keyframe (self->editor, self->shot, selected_pose (self));
}

/* Following the document */

static void
update_title (SlPlanView *self)
{
  g_autofree char *title = NULL;

  if (self->shot == NULL)
    gtk_label_set_label (GTK_LABEL (self->title_label), _("No shot selected"));
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (self->shot)));
      g_autofree char *keys = n == 0
        ? g_strdup (_("moves only"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u keyframe", "%u keyframes", n), n);

      /* TRANSLATORS: the plan view's caption: shot name · "2 keyframes" */
      title = g_strdup_printf (_("%s · %s"), sl_shot_get_name (self->shot), keys);
      gtk_label_set_label (GTK_LABEL (self->title_label), title);
    }
}

static void
on_changed (SlPlanView *self)
{
  invalidate (self);
  update_title (self);
  schedule_scene_build (self);
}

static void
on_selected_shot (SlPlanView *self)
{
  SlShot *shot = sl_editor_get_selected_shot (self->editor);

  if (shot == self->shot)
    return;
  if (self->drag_kind != DRAG_NONE)
    sl_plan_view_drag_end (self);
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_data (self->shot, self);
  g_set_object (&self->shot, shot);
  if (shot != NULL)
    g_signal_connect_swapped (shot, "changed", G_CALLBACK (on_changed), self);
  self->selected = G_MAXUINT;
  self->needs_fit = TRUE;
  g_clear_pointer (&self->cards, g_array_unref);
  on_changed (self);
}

static void
on_preview (SlPlanView *self)
{
  SlPreview *preview = sl_editor_get_preview (self->editor);

  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_set_object (&self->preview, preview);
  if (preview != NULL)
    g_signal_connect_swapped (preview, "position-changed", G_CALLBACK (gtk_widget_queue_draw), self);
}

static void
sl_plan_view_constructed (GObject *object)
{
  SlPlanView *self = SL_PLAN_VIEW (object);

  G_OBJECT_CLASS (sl_plan_view_parent_class)->constructed (object);

  g_signal_connect_object (self->editor, "notify::selected-shot", G_CALLBACK (on_selected_shot), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::preview", G_CALLBACK (on_preview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "seek-requested", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  /* Other shots' edits move where this one starts, and so the playhead's
   * place in it. */
  g_signal_connect_object (sl_editor_get_project (self->editor), "changed",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  on_selected_shot (self);
  on_preview (self);
}

static void
sl_plan_view_dispose (GObject *object)
{
  SlPlanView *self = SL_PLAN_VIEW (object);
  GtkWidget *child;

  if (self->drag_kind != DRAG_NONE)
    sl_plan_view_drag_end (self);
  g_clear_handle_id (&self->scene_timeout, g_source_remove);
  g_cancellable_cancel (self->scene_cancellable);
  g_clear_object (&self->scene_cancellable);
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_data (self->shot, self);
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_clear_object (&self->shot);
  g_clear_object (&self->preview);
  g_clear_object (&self->solver);
  g_clear_pointer (&self->poses, g_array_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PLAN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_plan_view_parent_class)->dispose (object);
}

static void
sl_plan_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlPlanView *self = SL_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_plan_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlPlanView *self = SL_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_plan_view_class_init (SlPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_plan_view_constructed;
  object_class->dispose = sl_plan_view_dispose;
  object_class->get_property = sl_plan_view_get_property;
  object_class->set_property = sl_plan_view_set_property;
  widget_class->snapshot = sl_plan_view_snapshot;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPlanView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlPlanView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_update);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_end);
  gtk_widget_class_bind_template_callback (widget_class, on_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_bind_template_callback (widget_class, on_scroll);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "plan-view");

  gtk_widget_class_install_action (widget_class, "plan.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-keyframe", NULL, remove_keyframe_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "plan.remove-keyframe", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "plan.fit", NULL);
}

static void
sl_plan_view_init (SlPlanView *self)
{
  self->scale = 40;
  self->height_scale = 40;
  self->needs_fit = TRUE;
  self->drag_kind = DRAG_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_plan_view_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_PLAN_VIEW, "editor", editor, NULL);
}

SlEditor *
sl_plan_view_get_editor (SlPlanView *self)
{
  g_return_val_if_fail (SL_IS_PLAN_VIEW (self), NULL);
  return self->editor;
}
