/* sl-particle-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-particle-field"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-particle-field.h"
#include "sl-procedural.h"

/* How each kind looks and moves. Sizes are world radii in metres, speeds
 * in metres per second, frequencies in hertz; a negative fall rises. */
typedef struct {
  guint    max_count;
  double   radius;
  double   radius_jitter;    /* ± fraction */
  double   alpha;
  double   softness;
  double   color[3];         /* linear; emissive kinds may exceed 1 */
  gboolean emissive;         /* not multiplied by the light */
  double   fall;
  double   sway;             /* m */
  double   sway_frequency;
  double   drift;            /* m/s in a random direction */
  double   wind_push;        /* m/s sideways at wind 1 */
  double   flicker;          /* 0..1 */
  double   flicker_frequency;
  gboolean wander;           /* fireflies: a looping path, pulsing */
} KindInfo;

static const KindInfo kinds[] = {
  [SL_PARTICLES_SNOW]      = { 3000, 0.008,  0.5, 0.85, 0.6,  { 0.92, 0.95, 1.0 },  FALSE, 0.9,   0.25, 0.35, 0.05, 3.0, 0,    0,    FALSE },
  [SL_PARTICLES_RAIN]      = { 4000, 0.0025, 0.3, 0.35, 0.3,  { 0.75, 0.8, 0.85 },  FALSE, 7.0,   0,    0,    0,    7.0, 0,    0,    FALSE },
  [SL_PARTICLES_DUST]      = { 800,  0.0025, 0.6, 0.5,  0.8,  { 1.0, 0.92, 0.78 },  FALSE, 0.01,  0.1,  0.08, 0.06, 0.5, 0.3,  0.5,  FALSE },
  [SL_PARTICLES_SPARKS]    = { 600,  0.004,  0.5, 1.0,  0.4,  { 4.0, 1.8, 0.5 },    TRUE,  -2.5,  0.15, 1.5,  0.4,  1.5, 0.8,  9.0,  FALSE },
  [SL_PARTICLES_EMBERS]    = { 500,  0.006,  0.5, 0.9,  0.6,  { 2.2, 0.7, 0.15 },   TRUE,  -0.7,  0.3,  0.4,  0.15, 1.5, 0.6,  2.5,  FALSE },
  [SL_PARTICLES_FIREFLIES] = { 400,  0.008,  0.3, 1.0,  1.0,  { 1.5, 2.0, 0.45 },   TRUE,  0,     0.6,  0.15, 0,    0.1, 1.0,  0.4,  TRUE },
  [SL_PARTICLES_ASH]       = { 1500, 0.005,  0.6, 0.7,  0.5,  { 0.32, 0.31, 0.30 }, FALSE, 0.35,  0.3,  0.25, 0.08, 1.5, 0,    0,    FALSE },
  [SL_PARTICLES_PETALS]    = { 350,  0.012,  0.4, 0.95, 0.35, { 0.95, 0.55, 0.65 }, FALSE, 0.6,   0.45, 0.3,  0.1,  2.0, 0.25, 0.8,  FALSE },
  [SL_PARTICLES_LEAVES]    = { 250,  0.02,   0.4, 1.0,  0.3,  { 0.55, 0.22, 0.04 }, FALSE, 0.9,   0.7,  0.25, 0.1,  2.5, 0.3,  0.6,  FALSE },
  [SL_PARTICLES_BUBBLES]   = { 300,  0.012,  0.6, 0.4,  0.25, { 0.75, 0.88, 1.0 },  FALSE, -0.45, 0.12, 0.6,  0.03, 0.3, 0,    0,    FALSE },
  [SL_PARTICLES_GLITTER]   = { 1200, 0.003,  0.5, 1.0,  0.5,  { 1.6, 1.4, 0.9 },    TRUE,  0.05,  0.05, 0.2,  0.03, 0.3, 1.0,  3.0,  FALSE },
  [SL_PARTICLES_CONFETTI]  = { 700,  0.01,   0.3, 1.0,  0.2,  { 0.9, 0.2, 0.25 },   FALSE, 0.8,   0.4,  0.5,  0.1,  2.0, 0.35, 1.2,  FALSE },
};

/* Autumn leaves and confetti without a palette vary over these. */
static const double leaf_colors[][3] = {
  { 0.55, 0.22, 0.04 }, { 0.75, 0.45, 0.05 }, { 0.30, 0.33, 0.05 }, { 0.45, 0.08, 0.03 },
};
static const double confetti_colors[][3] = {
  { 0.9, 0.1, 0.15 }, { 1.0, 0.75, 0.05 }, { 0.1, 0.35, 0.9 }, { 0.15, 0.7, 0.25 },
  { 0.95, 0.35, 0.6 }, { 0.95, 0.6, 0.15 },
};

typedef struct {
  float base[3];             /* 0..1 in the cube */
  float phase[4];            /* radians */
  float direction[3];        /* unit drift direction */
  float speed;               /* multiplies fall and sway frequency */
  float size;                /* multiplies the radius */
  float color[3];
} Particle;

struct _SlParticleField
{
  GObject              parent_instance;
  SlParticleFieldSetup setup;
  const KindInfo      *info;
  guint                n_particles;
  Particle            *particles;
};

G_DEFINE_FINAL_TYPE (SlParticleField, sl_particle_field, G_TYPE_OBJECT)

static void
sl_particle_field_finalize (GObject *object)
{
  SlParticleField *self = SL_PARTICLE_FIELD (object);

  g_free (self->particles);
  G_OBJECT_CLASS (sl_particle_field_parent_class)->finalize (object);
}

static void
sl_particle_field_class_init (SlParticleFieldClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_particle_field_finalize;
}

static void
sl_particle_field_init (SlParticleField *self)
{
}

static void
particle_color (const SlParticleFieldSetup *setup, const KindInfo *info, double r, float out[3])
{
  const double *c = info->color;

  if (setup->kind == SL_PARTICLES_CONFETTI)
    c = setup->n_palette > 0 ? setup->palette[(guint) (r * setup->n_palette) % setup->n_palette]
                             : confetti_colors[(guint) (r * G_N_ELEMENTS (confetti_colors)) % G_N_ELEMENTS (confetti_colors)];
  else if (setup->kind == SL_PARTICLES_LEAVES)
    c = leaf_colors[(guint) (r * G_N_ELEMENTS (leaf_colors)) % G_N_ELEMENTS (leaf_colors)];
  for (int k = 0; k < 3; k++)
    out[k] = (float) (info->emissive ? c[k] : c[k] * setup->light[k]);
}

SlParticleField *
sl_particle_field_new (const SlParticleFieldSetup *setup)
{
  SlParticleField *self;
  guint n;

  g_return_val_if_fail (setup != NULL, NULL);
  g_return_val_if_fail (setup->size > 0, NULL);

  if (setup->kind <= SL_PARTICLES_NONE || setup->kind >= G_N_ELEMENTS (kinds) || setup->density <= 0)
    return NULL;
  n = (guint) ceil (CLAMP (setup->density, 0.0, 1.0) * kinds[setup->kind].max_count);
  n = MIN (n, SL_PARTICLE_FIELD_MAX_COUNT);

  self = g_object_new (SL_TYPE_PARTICLE_FIELD, NULL);
  self->setup = *setup;
  self->info = &kinds[setup->kind];
  self->n_particles = n;
  self->particles = g_new0 (Particle, n);
  for (guint i = 0; i < n; i++)
    {
      Particle *p = &self->particles[i];
      guint32 s = sl_procedural_hash (setup->seed, i);
      double theta = 2 * G_PI * sl_procedural_random (s, 7), z = 2 * sl_procedural_random (s, 8) - 1;

      for (int k = 0; k < 3; k++)
        p->base[k] = (float) sl_procedural_random (s, k);
      for (int k = 0; k < 4; k++)
        p->phase[k] = (float) (2 * G_PI * sl_procedural_random (s, 3 + k));
      p->direction[0] = (float) (sqrt (1 - z * z) * cos (theta));
      p->direction[1] = (float) z;
      p->direction[2] = (float) (sqrt (1 - z * z) * sin (theta));
      p->speed = (float) (0.7 + 0.6 * sl_procedural_random (s, 9));
      p->size = (float) (1.0 + self->info->radius_jitter * (2 * sl_procedural_random (s, 10) - 1));
      particle_color (setup, self->info, sl_procedural_random (s, 11), p->color);
    }
  return self;
}

guint
sl_particle_field_get_n_particles (SlParticleField *self)
{
  g_return_val_if_fail (SL_IS_PARTICLE_FIELD (self), 0);
  return self->n_particles;
}

SlVec3
sl_particle_field_get_position (SlParticleField *self,
                                guint            index,
                                double           seconds)
{
  const KindInfo *info;
  const Particle *p;
  double size, wind, w, x, y, z;

  g_return_val_if_fail (SL_IS_PARTICLE_FIELD (self), sl_vec3 (0, 0, 0));
  g_return_val_if_fail (index < self->n_particles, sl_vec3 (0, 0, 0));

  info = self->info;
  p = &self->particles[index];
  size = self->setup.size;
  wind = info->wind_push * self->setup.wind;
  w = 2 * G_PI * info->sway_frequency * p->speed * seconds;
  x = p->base[0] * size + (p->direction[0] * info->drift + wind) * seconds;
  y = p->base[1] * size + p->direction[1] * info->drift * seconds - info->fall * p->speed * seconds;
  z = p->base[2] * size + p->direction[2] * info->drift * seconds;
  if (info->wander)
    {
      x += info->sway * (sin (w + p->phase[0]) + 0.5 * sin (2.3 * w + p->phase[1]));
      y += 0.5 * info->sway * (sin (1.3 * w + p->phase[2]) + 0.5 * sin (2.9 * w + p->phase[3]));
      z += info->sway * (sin (0.8 * w + p->phase[1]) + 0.5 * sin (1.9 * w + p->phase[2]));
    }
  else
    {
      x += info->sway * sin (w + p->phase[0]);
      z += info->sway * sin (0.8 * w + p->phase[1]);
    }
  return sl_vec3 (x, y, z);
}

/* 1 steady; flickering kinds dim and brighten, fireflies pulse on and
 * off, glitter twinkles in short bright flashes. */
static double
flicker (const SlParticleField *self, const Particle *p, double seconds)
{
  const KindInfo *info = self->info;
  double s = sin (2 * G_PI * info->flicker_frequency * p->speed * seconds + p->phase[3]);

  if (info->flicker <= 0)
    return 1.0;
  if (info->wander)
    return pow (MAX (0.0, s), 3.0);
  if (self->setup.kind == SL_PARTICLES_GLITTER)
    return 0.1 + 0.9 * pow (0.5 + 0.5 * s, 8.0);
  return 1.0 - info->flicker * (0.5 + 0.5 * s);
}

static double
smoothstep (double e0, double e1, double x)
{
  double t = CLAMP ((x - e0) / (e1 - e0), 0.0, 1.0);

  return t * t * (3 - 2 * t);
}

typedef struct {
  double           depth;
  guint            index;
  SlParticleSprite sprite;
} Visible;

/* Farthest first; equal depths in index order, so the order never depends
 * on the sort. */
static int
compare_visible (const void *a, const void *b)
{
  const Visible *va = a, *vb = b;

  if (va->depth != vb->depth)
    return va->depth > vb->depth ? -1 : 1;
  return va->index < vb->index ? -1 : va->index > vb->index;
}

static gboolean
project_one (SlParticleField *self,
             guint            index,
             double           seconds,
             const SlCamera  *camera,
             SlVec3           origin,
             double           fx,
             guint            width,
             guint            height,
             Visible         *out)
{
  const KindInfo *info = self->info;
  const Particle *p = &self->particles[index];
  double size = self->setup.size, margin = 0.12 * size, edge = 1.0, local[3], x, y, depth, radius, alpha;
  SlVec3 world = sl_particle_field_get_position (self, index, seconds);
  double w[3] = { world.x - origin.x, world.y - origin.y, world.z - origin.z };

  /* The copy of the particle inside the cube around the camera; faded
   * toward the cube's faces, where it wraps. */
  for (int k = 0; k < 3; k++)
    {
      local[k] = fmod (w[k], size);
      if (local[k] < 0)
        local[k] += size;
      edge *= smoothstep (0, margin, local[k]) * smoothstep (0, margin, size - local[k]);
    }
  if (edge <= 0)
    return FALSE;
  world = sl_vec3 (origin.x + local[0], origin.y + local[1], origin.z + local[2]);
  if (!sl_camera_project (camera, world, width, height, &x, &y, &depth) || depth < 0.05)
    return FALSE;
  radius = fx * info->radius * p->size * self->setup.scale / depth;
  if (x + radius < 0 || y + radius < 0 || x - radius > width || y - radius > height)
    return FALSE;
  /* Particles right at the lens would fill the frame with a blur: they
   * fade out before they get there. */
  alpha = info->alpha * edge * flicker (self, p, seconds)
        * smoothstep (0.1, 0.4, depth)
        * smoothstep (0.12 * width, 0.04 * width, radius)
        * pow (1.0 - CLAMP (self->setup.fog_density, 0.0, 0.999), depth / (0.5 * size));
  if (alpha <= 1e-4)
    return FALSE;
  out->depth = depth;
  out->index = index;
  out->sprite = (SlParticleSprite) {
    (float) x, (float) y, (float) radius, (float) alpha,
    p->color[0], p->color[1], p->color[2], (float) info->softness,
  };
  return TRUE;
}

guint
sl_particle_field_project (SlParticleField  *self,
                           double            seconds,
                           const SlCamera   *camera,
                           guint             width,
                           guint             height,
                           SlParticleSprite *sprites,
                           guint             max_sprites)
{
  g_autofree Visible *visible = NULL;
  SlIntrinsics k;
  SlVec3 forward, centre, origin;
  guint n = 0, first;

  g_return_val_if_fail (SL_IS_PARTICLE_FIELD (self), 0);
  g_return_val_if_fail (camera != NULL, 0);
  g_return_val_if_fail (sprites != NULL || max_sprites == 0, 0);

  if (width == 0 || height == 0 || max_sprites == 0)
    return 0;
  sl_camera_get_intrinsics (camera, width, height, &k);
  sl_camera_get_axes (camera, NULL, NULL, &forward);
  /* The cube sits in front of the lens, its near face behind it. */
  centre = sl_vec3_add_scaled (camera->position, forward, 0.45 * self->setup.size);
  origin = sl_vec3_sub (centre, sl_vec3 (0.5 * self->setup.size, 0.5 * self->setup.size, 0.5 * self->setup.size));
  visible = g_new (Visible, self->n_particles);
  for (guint i = 0; i < self->n_particles; i++)
    if (project_one (self, i, seconds, camera, origin, k.fx, width, height, &visible[n]))
      n++;
  qsort (visible, n, sizeof (Visible), compare_visible);
  /* With too little room, the farthest (and faintest) go. */
  first = n > max_sprites ? n - max_sprites : 0;
  for (guint i = first; i < n; i++)
    sprites[i - first] = visible[i].sprite;
  return n - first;
}
