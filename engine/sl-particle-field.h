/* sl-particle-field.h: weather and sparkle as particles in 3D
 *
 * A field is a fixed, seeded set of particles in a cube of the world that
 * repeats in every direction, so the camera never reaches its end: each
 * particle moves with time by its kind's rule (falling, drifting, rising,
 * wandering), and the copy of the field that lies around the camera is
 * what is drawn, faded out toward the cube's faces so that nothing pops
 * as particles wrap. The field is immutable; projecting reads only, so
 * any number of threads may project at once. docs/scene.md has the
 * motions and the constants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-camera.h"
#include "sl-look.h"
#include "sl-scene.h"

G_BEGIN_DECLS

/* Nothing is ever drawn from more particles than this. */
#define SL_PARTICLE_FIELD_MAX_COUNT 4000

typedef struct {
  SlParticles kind;
  double      density;         /* 0..1, as SlLook.particle_density */
  double      wind;            /* 0..1, as SlLook.wind */
  double      size;            /* the cube's edge, m */
  double      scale;           /* multiplies the particles' world sizes */
  double      light[3];        /* linear colour of the light on lit kinds */
  double      fog_density;     /* 0..1: light lost over half the cube */
  guint       n_palette;       /* colours for confetti, 0 = its own */
  double      palette[SL_LOOK_MAX_PALETTE][3];
  guint32     seed;
} SlParticleFieldSetup;

#define SL_TYPE_PARTICLE_FIELD (sl_particle_field_get_type ())
G_DECLARE_FINAL_TYPE (SlParticleField, sl_particle_field, SL, PARTICLE_FIELD, GObject)

/* NULL when the setup asks for no particles (kind NONE or density 0). */
SlParticleField *sl_particle_field_new             (const SlParticleFieldSetup *setup);
guint            sl_particle_field_get_n_particles (SlParticleField  *self);
/* Where particle @index is at @seconds, unwrapped (not yet brought into
 * the cube around any camera). */
SlVec3           sl_particle_field_get_position    (SlParticleField  *self,
                                                    guint             index,
                                                    double            seconds);
/* The sprites seen from @camera at @seconds, see sl_scene_get_particles(). */
guint            sl_particle_field_project         (SlParticleField  *self,
                                                    double            seconds,
                                                    const SlCamera   *camera,
                                                    guint             width,
                                                    guint             height,
                                                    SlParticleSprite *sprites,
                                                    guint             max_sprites);

G_END_DECLS
