/* sl-frame-sketch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-frame-sketch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-camera-edit.h"
#include "sl-frame-sketch-private.h"

/* Pointer slop around handles, and the rotate handle's distance above the
 * top edge, in pixels. */
#define HANDLE_RADIUS    9.0
#define ROTATE_OFFSET   26.0
#define PATH_SAMPLES    48

typedef enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_SCALE,
  DRAG_ROTATE,
} DragKind;

/* A pose's frame as it lands in the widget. */
typedef struct {
  graphene_point_t corners[4];
  graphene_point_t centre;
  graphene_point_t rotate_handle;
  SlVec3           centre_world;
} Quad;

struct _SlFrameSketch
{
  GtkWidget       parent_instance;
  SlEditor       *editor;
  GtkWidget      *add_button;
  GtkWidget      *status_label;

  SlShot         *shot;
  SlPreview      *preview;
  SlCameraSolver *solver;        /* NULL: build again before drawing */
  GArray         *poses;           /* SlSketchPose */
  char           *problem;         /* why the shot cannot be drawn, or NULL */
  /* The plane the frames are measured on: through the subject, facing the
   * start camera, where the plate or the main card stands. */
  SlVec3          plane_point;
  SlVec3          plane_normal;
  guint           selected;

  DragKind        drag_kind;
  guint           drag_index;
  SlCamera        drag_view;     /* the view is frozen while dragging */
  SlCamera        drag_pose;     /* the pose as it was when the drag began */
  SlKeyframe     *drag_keyframe;
  graphene_point_t drag_origin;

  /* The labels already drawn in this snapshot, so that frames sharing a
   * corner do not print their names over each other. */
  graphene_rect_t labels[8];
  guint           n_labels;
};

G_DEFINE_FINAL_TYPE (SlFrameSketch, sl_frame_sketch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];



/* Builds the solver and poses of the selected shot if they are stale;
 * FALSE when there is nothing to draw. */
static gboolean
ensure_plan (SlFrameSketch *self)
{
  g_autoptr(GError) error = NULL;
  SlCamera start;
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
  if (self->drag_kind == DRAG_NONE)
    {
      sl_camera_solver_get_subject (self->solver, &self->plane_point, &distance);
      sl_camera_solver_evaluate (self->solver, 0, &start);
      sl_camera_get_axes (&start, NULL, NULL, &self->plane_normal);
    }
  return TRUE;
}

/* Plans again now, outside any snapshot, so that the problem label can be
 * shown or hidden before the next frame is drawn. */
/* The pose the user picked last, kept while undo and the script change the
 * number of poses one edit at a time. Needs a plan. */
static guint
selected_pose (SlFrameSketch *self)
{
  return MIN (self->selected, self->poses->len - 1);
}

static void
invalidate (SlFrameSketch *self)
{
  g_clear_object (&self->solver);
  g_clear_pointer (&self->poses, g_array_unref);
  ensure_plan (self);
  gtk_label_set_label (GTK_LABEL (self->status_label), self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (self->status_label, self->problem != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
current_view (SlFrameSketch *self,
              SlCamera      *view)
{
  if (self->drag_kind != DRAG_NONE)
    *view = self->drag_view;
  else
    sl_camera_solver_evaluate_time (self->solver,
                                    sl_camera_edit_playhead_time (self->editor, self->shot),
                                    view);
}

static gboolean
plane_hit (SlFrameSketch *self,
           SlVec3         origin,
           SlVec3         direction,
           SlVec3        *hit)
{
  double facing = sl_vec3_dot (direction, self->plane_normal);
  double t;

  if (facing <= 1e-9)
    return FALSE;
  t = sl_vec3_dot (sl_vec3_sub (self->plane_point, origin), self->plane_normal) / facing;
  if (t <= 0)
    return FALSE;
  *hit = sl_vec3_add_scaled (origin, direction, t);
  return TRUE;
}

/* Where the ray of @camera through pixel (x, y) of a @w × @h picture meets
 * the plane. */
static gboolean
pixel_on_plane (SlFrameSketch  *self,
                const SlCamera *camera,
                double          x,
                double          y,
                double          w,
                double          h,
                SlVec3         *hit)
{
  SlVec3 through = sl_camera_unproject (camera, x, y, 1.0, w, h);

  return plane_hit (self, camera->position, sl_vec3_sub (through, camera->position), hit);
}

static gboolean
project_point (const SlCamera   *view,
               SlVec3            point,
               double            w,
               double            h,
               graphene_point_t *out)
{
  double x, y;

  if (!sl_camera_project (view, point, w, h, &x, &y, NULL))
    return FALSE;
  graphene_point_init (out, x, y);
  return TRUE;
}

static gboolean
pose_quad (SlFrameSketch  *self,
           const SlCamera *pose,
           const SlCamera *view,
           Quad           *quad)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  const double px[4] = { 0, w, w, 0 }, py[4] = { 0, 0, h, h };
  graphene_vec2_t up;
  graphene_point_t top;
  SlVec3 world;

  if (w < 1 || h < 1)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!pixel_on_plane (self, pose, px[i], py[i], w, h, &world)
        || !project_point (view, world, w, h, &quad->corners[i]))
      return FALSE;
  if (!pixel_on_plane (self, pose, w / 2, h / 2, w, h, &quad->centre_world)
      || !project_point (view, quad->centre_world, w, h, &quad->centre))
    return FALSE;

  /* The rotate handle stands above the middle of the top edge, away from
   * the centre, so it follows the frame's roll. */
  graphene_point_interpolate (&quad->corners[0], &quad->corners[1], 0.5, &top);
  graphene_vec2_init (&up, top.x - quad->centre.x, top.y - quad->centre.y);
  if (graphene_vec2_length (&up) < 1e-6)
    graphene_vec2_init (&up, 0, -1);
  graphene_vec2_normalize (&up, &up);
  graphene_point_init (&quad->rotate_handle,
                       top.x + graphene_vec2_get_x (&up) * ROTATE_OFFSET,
                       top.y + graphene_vec2_get_y (&up) * ROTATE_OFFSET);
  /* A frame as large as the view would put it off the widget: then it
   * hangs inside, below the top edge, where it can still be grabbed. */
  if (quad->rotate_handle.x < 0 || quad->rotate_handle.y < 0
      || quad->rotate_handle.x > w || quad->rotate_handle.y > h)
    graphene_point_init (&quad->rotate_handle,
                         top.x - graphene_vec2_get_x (&up) * ROTATE_OFFSET,
                         top.y - graphene_vec2_get_y (&up) * ROTATE_OFFSET);
  return TRUE;
}

static gboolean
quad_contains (const Quad *quad,
               double      x,
               double      y)
{
  gboolean inside = FALSE;

  /* Even-odd crossing test: the projected frame may be any quadrilateral. */
  for (guint i = 0, j = 3; i < 4; j = i++)
    {
      const graphene_point_t *a = &quad->corners[i], *b = &quad->corners[j];

      if ((a->y > y) != (b->y > y)
          && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }
  return inside;
}

static double
quad_area (const Quad *quad)
{
  double area = 0;

  for (guint i = 0, j = 3; i < 4; j = i++)
    area += quad->corners[j].x * quad->corners[i].y - quad->corners[i].x * quad->corners[j].y;
  return fabs (area) / 2;
}

static double
point_distance (const graphene_point_t *p,
                double                  x,
                double                  y)
{
  return hypot (p->x - x, p->y - y);
}

/* Which pose and which part of it is under (x, y): the selected pose's
 * handles first, then any corner, then the smallest frame around the
 * point, so nested frames stay reachable. */
static DragKind
hit_test (SlFrameSketch *self,
          double         x,
          double         y,
          guint         *index)
{
  SlCamera view;
  Quad quad;
  double best_area = G_MAXDOUBLE;
  DragKind kind = DRAG_NONE;

  current_view (self, &view);
  if (pose_quad (self, &g_array_index (self->poses, SlSketchPose, selected_pose (self)).camera, &view, &quad))
    {
      *index = selected_pose (self);
      if (point_distance (&quad.rotate_handle, x, y) <= HANDLE_RADIUS)
        return DRAG_ROTATE;
      for (guint c = 0; c < 4; c++)
        if (point_distance (&quad.corners[c], x, y) <= HANDLE_RADIUS)
          return DRAG_SCALE;
    }
  for (guint i = 0; i < self->poses->len; i++)
    {
      if (!pose_quad (self, &g_array_index (self->poses, SlSketchPose, i).camera, &view, &quad))
        continue;
      for (guint c = 0; c < 4; c++)
        if (point_distance (&quad.corners[c], x, y) <= HANDLE_RADIUS)
          {
            *index = i;
            return DRAG_SCALE;
          }
      if (quad_contains (&quad, x, y) && quad_area (&quad) < best_area)
        {
          best_area = quad_area (&quad);
          *index = i;
          kind = DRAG_MOVE;
        }
    }
  return kind;
}

gboolean
sl_frame_sketch_drag_begin (SlFrameSketch *self,
                            double         x,
                            double         y)
{
  SlHistory *history = sl_editor_get_history (self->editor);
  SlSketchPose *pose;
  DragKind kind;
  guint index = 0;

  g_return_val_if_fail (SL_IS_FRAME_SKETCH (self), FALSE);

  if (self->drag_kind != DRAG_NONE || !ensure_plan (self))
    return FALSE;
  kind = hit_test (self, x, y, &index);
  if (kind == DRAG_NONE)
    return FALSE;

  current_view (self, &self->drag_view);
  self->drag_origin = GRAPHENE_POINT_INIT (x, y);
  self->drag_index = index;
  self->drag_pose = g_array_index (self->poses, SlSketchPose, index).camera;
  self->drag_kind = kind;
  self->selected = index;

  /* A shot moved by presets becomes keyframes now, inside the drag's own
   * undo step; the bake keys the very poses on screen, in order. */
  sl_history_begin (history, _("Sketch Camera"));
  sl_camera_edit_bake (history, self->shot, self->solver);
  ensure_plan (self);
  pose = &g_array_index (self->poses, SlSketchPose, MIN (index, self->poses->len - 1));
  g_set_object (&self->drag_keyframe, pose->keyframe);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
drag_move (SlFrameSketch *self,
           double         x,
           double         y,
           SlCamera      *pose)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  SlVec3 from, to;

  /* Shifting the camera along the plane shifts its frame on the plane by
   * the same amount, so the frame follows the pointer exactly. */
  if (!pixel_on_plane (self, &self->drag_view, self->drag_origin.x, self->drag_origin.y, w, h, &from)
      || !pixel_on_plane (self, &self->drag_view, x, y, w, h, &to))
    return;
  pose->position = sl_vec3_add (pose->position, sl_vec3_sub (to, from));
}

static void
drag_scale (SlFrameSketch *self,
            double         x,
            double         y,
            SlCamera      *pose)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  SlVec3 centre, from, to;
  double before, scale;

  /* Dollying along the view axis scales the frame about its centre; the
   * focus moves with the camera so it stays on the plane. */
  if (!pixel_on_plane (self, pose, w / 2, h / 2, w, h, &centre)
      || !pixel_on_plane (self, &self->drag_view, self->drag_origin.x, self->drag_origin.y, w, h, &from)
      || !pixel_on_plane (self, &self->drag_view, x, y, w, h, &to))
    return;
  before = sl_vec3_distance (from, centre);
  if (before < 1e-9)
    return;
  scale = CLAMP (sl_vec3_distance (to, centre) / before, 0.05, 20.0);
  pose->position = sl_vec3_add_scaled (centre, sl_vec3_sub (pose->position, centre), scale);
  pose->focus_distance *= scale;
}

static void
drag_rotate (SlFrameSketch *self,
             double         x,
             double         y,
             SlCamera      *pose)
{
  SlCamera view = self->drag_view;
  Quad quad;
  double before, after;

  if (!pose_quad (self, &self->drag_pose, &view, &quad))
    return;
  before = atan2 (self->drag_origin.y - quad.centre.y, self->drag_origin.x - quad.centre.x);
  after = atan2 (y - quad.centre.y, x - quad.centre.x);
  /* Turning the frame clockwise on screen (y down) is a negative roll: a
   * positive roll leans the top of the picture left. */
  pose->orientation = sl_quat_normalize (sl_quat_mul (pose->orientation,
                                                      sl_quat_from_axis_angle (sl_vec3 (0, 0, 1), before - after)));
}

void
sl_frame_sketch_drag_update (SlFrameSketch *self,
                             double         x,
                             double         y)
{
  SlCamera pose;

  g_return_if_fail (SL_IS_FRAME_SKETCH (self));

  if (self->drag_kind == DRAG_NONE || self->drag_keyframe == NULL)
    return;
  pose = self->drag_pose;
  switch (self->drag_kind)
    {
    case DRAG_MOVE:
      drag_move (self, x, y, &pose);
      break;
    case DRAG_SCALE:
      drag_scale (self, x, y, &pose);
      break;
    case DRAG_ROTATE:
      drag_rotate (self, x, y, &pose);
      break;
    case DRAG_NONE:
    default:
      g_assert_not_reached ();
    }
  sl_camera_edit_set_pose (sl_editor_get_history (self->editor), self->drag_keyframe, &pose);
}

void
sl_frame_sketch_drag_end (SlFrameSketch *self)
{
  g_return_if_fail (SL_IS_FRAME_SKETCH (self));

  if (self->drag_kind == DRAG_NONE)
    return;
  self->drag_kind = DRAG_NONE;
  g_clear_object (&self->drag_keyframe);
  sl_history_end (sl_editor_get_history (self->editor));
  invalidate (self);
}

guint
sl_frame_sketch_get_n_poses (SlFrameSketch *self)
{
  g_return_val_if_fail (SL_IS_FRAME_SKETCH (self), 0);

  return ensure_plan (self) ? self->poses->len : 0;
}

gboolean
sl_frame_sketch_get_pose_quad (SlFrameSketch    *self,
                               guint             index,
                               graphene_point_t  corners[4],
                               graphene_point_t *centre,
                               graphene_point_t *rotate_handle)
{
  SlCamera view;
  Quad quad;

  g_return_val_if_fail (SL_IS_FRAME_SKETCH (self), FALSE);

  if (!ensure_plan (self) || index >= self->poses->len)
    return FALSE;
  current_view (self, &view);
  if (!pose_quad (self, &g_array_index (self->poses, SlSketchPose, index).camera, &view, &quad))
    return FALSE;
  memcpy (corners, quad.corners, sizeof quad.corners);
  *centre = quad.centre;
  if (rotate_handle != NULL)
    *rotate_handle = quad.rotate_handle;
  return TRUE;
}

/* Drawing */

static void
set_colour (cairo_t *cr,
            gboolean selected,
            double   alpha)
{
  if (selected)
    cairo_set_source_rgba (cr, 0.47, 0.68, 0.93, alpha);  /* the light accent, readable on video */
  else
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
}

static void
quad_path (cairo_t    *cr,
           const Quad *quad)
{
  cairo_move_to (cr, quad->corners[0].x, quad->corners[0].y);
  for (guint i = 1; i < 4; i++)
    cairo_line_to (cr, quad->corners[i].x, quad->corners[i].y);
  cairo_close_path (cr);
}

/* Every line gets a soft dark halo first so it reads on bright and dark
 * pictures alike. */
static void
stroke_with_halo (cairo_t *cr,
                  double   width,
                  gboolean selected,
                  double   alpha)
{
  cairo_set_line_width (cr, width + 2.5);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45 * alpha);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width);
  set_colour (cr, selected, alpha);
  cairo_stroke (cr);
}

static void
draw_path (SlFrameSketch  *self,
           cairo_t        *cr,
           const SlCamera *view)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double duration = sl_camera_solver_get_duration (self->solver);
  gboolean pen_down = FALSE;

  for (guint i = 0; i < PATH_SAMPLES; i++)
    {
      SlCamera camera;
      SlVec3 centre;
      graphene_point_t p;

      sl_camera_solver_evaluate (self->solver, duration * i / (PATH_SAMPLES - 1), &camera);
      if (!pixel_on_plane (self, &camera, w / 2, h / 2, w, h, &centre)
          || !project_point (view, centre, w, h, &p))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, p.x, p.y);
      else
        cairo_move_to (cr, p.x, p.y);
      pen_down = TRUE;
    }
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  stroke_with_halo (cr, 1.5, TRUE, 0.9);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_label (SlFrameSketch *self,
            cairo_t       *cr,
            const Quad    *quad,
            const char    *text,
            gboolean       selected)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int tw, th;
  double x = quad->corners[0].x + 10, y = quad->corners[0].y + 10;

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &tw, &th);
  x = CLAMP (x, 4, MAX (4, gtk_widget_get_width (GTK_WIDGET (self)) - tw - 16));
  y = CLAMP (y, 4, MAX (4, gtk_widget_get_height (GTK_WIDGET (self)) - th - 8));
  for (guint i = 0; i < self->n_labels; i++)
    {
      graphene_rect_t box = GRAPHENE_RECT_INIT (x, y, tw + 12, th + 4);

      if (graphene_rect_intersection (&box, &self->labels[i], NULL))
        x = self->labels[i].origin.x + self->labels[i].size.width + 4;
    }
  if (self->n_labels < G_N_ELEMENTS (self->labels))
    self->labels[self->n_labels++] = GRAPHENE_RECT_INIT (x, y, tw + 12, th + 4);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + th / 2.0, y + th / 2.0 + 2, th / 2.0 + 2, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, x + tw + 12 - th / 2.0, y + th / 2.0 + 2, th / 2.0 + 2, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  if (selected)
    set_colour (cr, TRUE, 0.95);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_fill (cr);
  cairo_move_to (cr, x + 6, y + 2);
  if (selected)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  pango_cairo_show_layout (cr, layout);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static void
draw_handle (cairo_t                *cr,
             const graphene_point_t *p,
             gboolean                round)
{
  cairo_new_path (cr);
  if (round)
    cairo_arc (cr, p->x, p->y, 5.5, 0, 2 * G_PI);
  else
    cairo_rectangle (cr, p->x - 5, p->y - 5, 10, 10);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2);
  set_colour (cr, TRUE, 1);
  cairo_stroke (cr);
}

static void
draw_handles (cairo_t    *cr,
              const Quad *quad)
{
  graphene_point_t top;

  graphene_point_interpolate (&quad->corners[0], &quad->corners[1], 0.5, &top);
  cairo_move_to (cr, top.x, top.y);
  cairo_line_to (cr, quad->rotate_handle.x, quad->rotate_handle.y);
  stroke_with_halo (cr, 1.5, TRUE, 1);
  for (guint c = 0; c < 4; c++)
    draw_handle (cr, &quad->corners[c], FALSE);
  draw_handle (cr, &quad->rotate_handle, TRUE);
}

static void
draw_pose (SlFrameSketch  *self,
           cairo_t        *cr,
           guint           index,
           const SlCamera *view)
{
  SlSketchPose *pose = &g_array_index (self->poses, SlSketchPose, index);
  gboolean selected = index == selected_pose (self);
  g_autofree char *label = NULL;
  Quad quad;

  if (!pose_quad (self, &pose->camera, view, &quad))
    return;
  quad_path (cr, &quad);
  if (selected)
    {
      set_colour (cr, TRUE, 0.08);
      cairo_fill_preserve (cr);
    }
  stroke_with_halo (cr, selected ? 2.5 : 1.5, selected, selected ? 1 : 0.8);

  cairo_arc (cr, quad.centre.x, quad.centre.y, selected ? 4 : 3, 0, 2 * G_PI);
  set_colour (cr, selected, 1);
  cairo_fill (cr);

  label = sl_camera_edit_pose_label (self->poses, index, sl_shot_get_duration (self->shot));
  draw_label (self, cr, &quad, label, selected);
  if (selected)
    draw_handles (cr, &quad);
}

static void
sl_frame_sketch_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (w > 0 && h > 0 && ensure_plan (self))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      SlCamera view;

      current_view (self, &view);
      self->n_labels = 0;
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      draw_path (self, cr, &view);
      /* The selected frame last, on top of the others. */
      for (guint i = 0; i < self->poses->len; i++)
        if (i != selected_pose (self))
          draw_pose (self, cr, i, &view);
      draw_pose (self, cr, selected_pose (self), &view);
      cairo_destroy (cr);
    }
  GTK_WIDGET_CLASS (sl_frame_sketch_parent_class)->snapshot (widget, snapshot);
}

/* Input */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SlFrameSketch  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (sl_frame_sketch_drag_begin (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SlFrameSketch  *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  sl_frame_sketch_drag_update (self, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SlFrameSketch  *self)
{
  sl_frame_sketch_drag_end (self);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SlFrameSketch            *self)
{
  static const char *cursors[] = { NULL, "move", "nwse-resize", "grab" };
  guint index = 0;
  DragKind kind = DRAG_NONE;

  if (self->drag_kind == DRAG_NONE && ensure_plan (self))
    kind = hit_test (self, x, y, &index);
  if (self->drag_kind == DRAG_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursors[kind]);
}

static void
add_keyframe_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (widget);
  guint index;

  if (self->shot == NULL || self->drag_kind != DRAG_NONE)
    return;
  index = sl_camera_edit_add_keyframe (self->editor, self->shot,
                                       sl_camera_edit_playhead_time (self->editor, self->shot));
  if (index != G_MAXUINT)
    self->selected = index;
  invalidate (self);
}

static void
remove_keyframe_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (widget);

  if (self->drag_kind != DRAG_NONE || !ensure_plan (self)
      || g_list_model_get_n_items (G_LIST_MODEL (sl_shot_get_keyframes (self->shot))) == 0)
    return;
  sl_camera_edit_remove_keyframe (self->editor, self->shot, selected_pose (self));
}

/* Following the document and the playhead */

static void
on_changed (SlFrameSketch *self)
{
  /* Mid-drag only the poses are planned again: the view and the plane
   * stay frozen until the drag ends. */
  invalidate (self);
}

static void
on_selected_shot (SlFrameSketch *self)
{
  SlShot *shot = sl_editor_get_selected_shot (self->editor);

  if (shot == self->shot)
    return;
  if (self->drag_kind != DRAG_NONE)
    sl_frame_sketch_drag_end (self);
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_data (self->shot, self);
  g_set_object (&self->shot, shot);
  if (shot != NULL)
    g_signal_connect_swapped (shot, "changed", G_CALLBACK (on_changed), self);
  self->selected = G_MAXUINT;
  invalidate (self);
}

static void
on_preview (SlFrameSketch *self)
{
  SlPreview *preview = sl_editor_get_preview (self->editor);

  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_set_object (&self->preview, preview);
  if (preview != NULL)
    g_signal_connect_swapped (preview, "position-changed", G_CALLBACK (gtk_widget_queue_draw), self);
}

static void
sl_frame_sketch_constructed (GObject *object)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (object);

  G_OBJECT_CLASS (sl_frame_sketch_parent_class)->constructed (object);

  g_signal_connect_object (self->editor, "notify::selected-shot", G_CALLBACK (on_selected_shot), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::preview", G_CALLBACK (on_preview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "seek-requested", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  /* Shots come and go (undo, the script): their places and starts move. */
  g_signal_connect_object (sl_editor_get_project (self->editor), "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  on_selected_shot (self);
  on_preview (self);
}

static void
sl_frame_sketch_dispose (GObject *object)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (object);
  GtkWidget *child;

  if (self->drag_kind != DRAG_NONE)
    sl_frame_sketch_drag_end (self);
  if (self->shot != NULL)
    g_signal_handlers_disconnect_by_data (self->shot, self);
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_clear_object (&self->shot);
  g_clear_object (&self->preview);
  g_clear_object (&self->solver);
  g_clear_pointer (&self->poses, g_array_unref);
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_FRAME_SKETCH);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (sl_frame_sketch_parent_class)->dispose (object);
}

static void
sl_frame_sketch_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (object);

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
sl_frame_sketch_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlFrameSketch *self = SL_FRAME_SKETCH (object);

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
sl_frame_sketch_class_init (SlFrameSketchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_frame_sketch_constructed;
  object_class->dispose = sl_frame_sketch_dispose;
  object_class->get_property = sl_frame_sketch_get_property;
  object_class->set_property = sl_frame_sketch_set_property;
  widget_class->snapshot = sl_frame_sketch_snapshot;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, SL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/shotline/Shotline/ui/sl-frame-sketch.ui");
  gtk_widget_class_bind_template_child (widget_class, SlFrameSketch, add_button);
  gtk_widget_class_bind_template_child (widget_class, SlFrameSketch, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_update);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_end);
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "frame-sketch");

  gtk_widget_class_install_action (widget_class, "sketch.add-keyframe", NULL, add_keyframe_action);
  gtk_widget_class_install_action (widget_class, "sketch.remove-keyframe", NULL, remove_keyframe_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "sketch.add-keyframe", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sketch.remove-keyframe", NULL);
}

static void
sl_frame_sketch_init (SlFrameSketch *self)
{
  self->drag_kind = DRAG_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_frame_sketch_new (SlEditor *editor)
{
  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  return g_object_new (SL_TYPE_FRAME_SKETCH, "editor", editor, NULL);
}

SlEditor *
sl_frame_sketch_get_editor (SlFrameSketch *self)
{
  g_return_val_if_fail (SL_IS_FRAME_SKETCH (self), NULL);
  return self->editor;
}
