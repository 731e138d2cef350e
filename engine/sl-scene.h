/* sl-scene.h: what one shot shows, as cards in 3D, a sky and particles
 *
 * The scene of a shot is built once (SlSceneBuilder, sl-scene-builder.h) and
 * then only read: the renderer asks it for the cards, the sky and the
 * particles at any time and camera, from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-camera.h"
#include "sl-image.h"
#include "sl-look.h"

G_BEGIN_DECLS

/* A flat textured rectangle in world space. The card spans
 * centre ± right ± up (right and up are half-extent vectors, not unit
 * vectors); texel (0, 0) of the image is at centre - right + up (top-left),
 * texel (W, H) at centre + right - up. Drawn back to front in the order the
 * scene lists them. */
typedef struct {
  SlImage *image;          /* straight-alpha sRGB RGBA8 (owned by the scene) */
  SlVec3   centre;
  SlVec3   right;
  SlVec3   up;
  double   opacity;        /* 0..1 */
  double   tint[3];        /* linear multiply */
  double   fog_color[3];   /* linear */
  double   fog_amount;     /* 0..1, atmospheric perspective at this card */
  /* When TRUE the card moves with the camera (a full-frame first/last frame
   * image, a screen-space overlay): centre/right/up are then in camera
   * space. */
  gboolean camera_locked;
  /* Fades the card in or out over the shot (first and last frames): the
   * opacity is multiplied by the fade evaluated at the time, 1 when both
   * fade times are equal. Seconds into the shot. */
  double   fade_in_start, fade_in_end;
  double   fade_out_start, fade_out_end;
  const char *label;       /* "plate layer 1/4", "ridge 2", "subject": for
                              debugging and --layer output (static or owned
                              by the scene) */
} SlCard;

/* The sky behind every card, in world directions (see the SKY op). */
typedef struct {
  gboolean present;        /* FALSE: the background is background_color */
  double   background_color[3];
  double   zenith[3];
  double   horizon[3];
  SlVec3   sun_direction;  /* unit vector towards the sun or moon */
  double   sun_color[3];
  double   sun_radius;     /* radians */
  double   sun_glow;
  double   star_amount;
  double   cloud_color[3];
  double   cloud_amount;
  double   cloud_scale;
  double   cloud_top;
  guint32  seed;
} SlSky;

/* One particle as the PARTICLES op draws it (pixels, straight colour). */
typedef struct {
  float x, y, radius, alpha, r, g, b, softness;
} SlParticleSprite;

#define SL_TYPE_SCENE (sl_scene_get_type ())
G_DECLARE_FINAL_TYPE (SlScene, sl_scene, SL, SCENE, GObject)

guint          sl_scene_get_n_cards    (SlScene *self);
const SlCard  *sl_scene_get_card       (SlScene *self, guint index);
const SlSky   *sl_scene_get_sky        (SlScene *self);
/* The look the grade uses (prompt lexicon, adjusted by a style reference). */
const SlLook  *sl_scene_get_look       (SlScene *self);
/* The particles visible from @camera at @seconds into the shot, projected
 * for an image of @width × @height, back to front. Deterministic: the same
 * time and camera give the same sprites. Returns the number written into
 * @sprites (at most @max_sprites). */
guint          sl_scene_get_particles  (SlScene          *self,
                                        double            seconds,
                                        const SlCamera   *camera,
                                        guint             width,
                                        guint             height,
                                        SlParticleSprite *sprites,
                                        guint             max_sprites);
/* The plate's depth map as an image (white near), for --layer depth; NULL
 * when the shot has no plate. */
SlImage       *sl_scene_get_depth_image (SlScene *self);

G_END_DECLS
