/* sl-look.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-look"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-look.h"

G_DEFINE_ENUM_TYPE (SlSkyKind, sl_sky_kind,
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_CLEAR, "clear"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_HAZY, "hazy"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_OVERCAST, "overcast"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_STORM, "storm"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_SUNSET, "sunset"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_NIGHT, "night"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_SPACE, "space"),
  G_DEFINE_ENUM_VALUE (SL_SKY_KIND_STUDIO, "studio"))

G_DEFINE_ENUM_TYPE (SlTerrainKind, sl_terrain_kind,
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_PLAINS, "plains"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_HILLS, "hills"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_MOUNTAINS, "mountains"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_DUNES, "dunes"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_CANYON, "canyon"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_CLIFFS, "cliffs"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_FOREST, "forest"),
  G_DEFINE_ENUM_VALUE (SL_TERRAIN_KIND_CITY, "city"))

G_DEFINE_ENUM_TYPE (SlParticles, sl_particles,
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_SNOW, "snow"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_RAIN, "rain"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_DUST, "dust"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_SPARKS, "sparks"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_EMBERS, "embers"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_FIREFLIES, "fireflies"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_ASH, "ash"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_PETALS, "petals"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_LEAVES, "leaves"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_BUBBLES, "bubbles"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_GLITTER, "glitter"),
  G_DEFINE_ENUM_VALUE (SL_PARTICLES_CONFETTI, "confetti"))

G_DEFINE_BOXED_TYPE (SlLook, sl_look, sl_look_copy, sl_look_free)

/* Indices into the table, for the parameters sl_look_derive () reads or
 * writes. */
enum {
  P_TEMPERATURE, P_TINT, P_EXPOSURE, P_CONTRAST, P_SATURATION,
  P_LIFT, P_GAMMA, P_GAIN, P_VIGNETTE, P_GRAIN, P_BLOOM, P_DEFOCUS,
  P_FOG_DENSITY, P_FOG_HEIGHT, P_FOG_COLOR,
  P_TIME_OF_DAY, P_SKY, P_SKY_ZENITH, P_SKY_HORIZON, P_CLOUDS, P_STARS,
  P_SUN_VISIBLE, P_SUN_ELEVATION, P_SUN_AZIMUTH,
  P_MOON_VISIBLE, P_MOON_ELEVATION, P_MOON_AZIMUTH, P_MOON_PHASE,
  P_LIGHT_COLOR, P_LIGHT_SOFTNESS,
  P_TERRAIN, P_RIDGE_LAYERS, P_ROUGHNESS, P_TERRAIN_HEIGHT,
  P_WATER, P_WATER_LEVEL, P_WAVES,
  P_PARTICLES, P_PARTICLE_DENSITY, P_WIND,
  P_BACKDROP, P_BACKDROP_COLOR,
  P_PALETTE, P_MOOD,
  N_PARAMS
};

#define FIELD(f) G_STRUCT_OFFSET (SlLook, f)
#define NUMBER(i, f, lo, hi, def, u) \
  [i] = { #f, SL_LOOK_VALUE_NUMBER, FIELD (f), lo, hi, 0, NULL, FALSE, { def }, u }
#define ANGLE(i, f, period, def, u) \
  [i] = { #f, SL_LOOK_VALUE_NUMBER, FIELD (f), 0, period, period, NULL, FALSE, { def }, u }
#define DERIVED_NUMBER(i, f, lo, hi, u) \
  [i] = { #f, SL_LOOK_VALUE_NUMBER, FIELD (f), lo, hi, 0, NULL, TRUE, { 0 }, u }
#define COUNT(i, f, lo, hi, def) \
  [i] = { #f, SL_LOOK_VALUE_COUNT, FIELD (f), lo, hi, 0, NULL, FALSE, { def }, NULL }
#define BOOLEAN(i, f, def, derived) \
  [i] = { #f, SL_LOOK_VALUE_BOOLEAN, FIELD (f), 0, 1, 0, NULL, derived, { def }, NULL }
#define ENUM(i, f, type, def) \
  [i] = { #f, SL_LOOK_VALUE_ENUM, FIELD (f), 0, 0, 0, type, FALSE, { def }, NULL }
#define TRIPLE(i, f, lo, hi, def) \
  [i] = { #f, SL_LOOK_VALUE_TRIPLE, FIELD (f), lo, hi, 0, NULL, FALSE, { def, def, def }, NULL }
#define COLOR(i, f, derived, r, g, b) \
  [i] = { #f, SL_LOOK_VALUE_COLOR, FIELD (f), 0, 64, 0, NULL, derived, { r, g, b }, NULL }

/* Colours may exceed 1 (emissive neon, a low sun) but not without bound:
 * 64 is six stops over diffuse white. */
static const SlLookParam params[N_PARAMS] = {
  NUMBER (P_TEMPERATURE, temperature, 1500, 15000, 6500, "K"),
  NUMBER (P_TINT, tint, -1, 1, 0, NULL),
  NUMBER (P_EXPOSURE, exposure, -5, 5, 0, "EV"),
  NUMBER (P_CONTRAST, contrast, 0.25, 3, 1, NULL),
  NUMBER (P_SATURATION, saturation, 0, 3, 1, NULL),
  TRIPLE (P_LIFT, lift, -0.5, 0.5, 0),
  TRIPLE (P_GAMMA, gamma, 0.2, 5, 1),
  TRIPLE (P_GAIN, gain, 0, 4, 1),
  NUMBER (P_VIGNETTE, vignette, 0, 1, 0, NULL),
  NUMBER (P_GRAIN, grain, 0, 1, 0, NULL),
  NUMBER (P_BLOOM, bloom, 0, 1, 0, NULL),
  NUMBER (P_DEFOCUS, defocus, 0, 1, 0, NULL),
  NUMBER (P_FOG_DENSITY, fog_density, 0, 1, 0, NULL),
  NUMBER (P_FOG_HEIGHT, fog_height, 0, 1, 1, NULL),
  COLOR (P_FOG_COLOR, fog_color, TRUE, 0, 0, 0),
  ANGLE (P_TIME_OF_DAY, time_of_day, 24, 10, "h"),
  ENUM (P_SKY, sky, sl_sky_kind_get_type, SL_SKY_KIND_CLEAR),
  COLOR (P_SKY_ZENITH, sky_zenith, TRUE, 0, 0, 0),
  COLOR (P_SKY_HORIZON, sky_horizon, TRUE, 0, 0, 0),
  NUMBER (P_CLOUDS, clouds, 0, 1, 0.25, NULL),
  NUMBER (P_STARS, stars, 0, 1, 0, NULL),
  BOOLEAN (P_SUN_VISIBLE, sun_visible, TRUE, TRUE),
  DERIVED_NUMBER (P_SUN_ELEVATION, sun_elevation, -90, 90, "deg"),
  ANGLE (P_SUN_AZIMUTH, sun_azimuth, 360, 150, "deg"),
  BOOLEAN (P_MOON_VISIBLE, moon_visible, FALSE, TRUE),
  DERIVED_NUMBER (P_MOON_ELEVATION, moon_elevation, -90, 90, "deg"),
  ANGLE (P_MOON_AZIMUTH, moon_azimuth, 360, 20, "deg"),
  NUMBER (P_MOON_PHASE, moon_phase, 0, 1, 1, NULL),
  COLOR (P_LIGHT_COLOR, light_color, TRUE, 0, 0, 0),
  NUMBER (P_LIGHT_SOFTNESS, light_softness, 0, 1, 0.4, NULL),
  ENUM (P_TERRAIN, terrain, sl_terrain_kind_get_type, SL_TERRAIN_KIND_HILLS),
  COUNT (P_RIDGE_LAYERS, ridge_layers, 0, 8, 3),
  NUMBER (P_ROUGHNESS, roughness, 0, 1, 0.35, NULL),
  NUMBER (P_TERRAIN_HEIGHT, terrain_height, 0, 1, 0.2, NULL),
  BOOLEAN (P_WATER, water, FALSE, FALSE),
  NUMBER (P_WATER_LEVEL, water_level, 0, 1, 0, NULL),
  NUMBER (P_WAVES, waves, 0, 1, 0.2, NULL),
  ENUM (P_PARTICLES, particles, sl_particles_get_type, SL_PARTICLES_NONE),
  NUMBER (P_PARTICLE_DENSITY, particle_density, 0, 1, 0, NULL),
  NUMBER (P_WIND, wind, 0, 1, 0.2, NULL),
  BOOLEAN (P_BACKDROP, backdrop, FALSE, FALSE),
  COLOR (P_BACKDROP_COLOR, backdrop_color, FALSE, 0.8, 0.8, 0.8),
  [P_PALETTE] = { "palette", SL_LOOK_VALUE_PALETTE, FIELD (palette), 0, 64, 0, NULL, FALSE, { 0 }, NULL },
  [P_MOOD] = { "mood", SL_LOOK_VALUE_TAGS, FIELD (mood), 0, 0, 0, NULL, FALSE, { 0 }, NULL },
};

guint
sl_look_get_n_params (void)
{
  return N_PARAMS;
}

const SlLookParam *
sl_look_get_param (guint index)
{
  g_return_val_if_fail (index < N_PARAMS, NULL);
  return &params[index];
}

const SlLookParam *
sl_look_find_param (const char *name, guint *index)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < N_PARAMS; i++)
    if (strcmp (params[i].name, name) == 0)
      {
        if (index != NULL)
          *index = i;
        return &params[i];
      }
  return NULL;
}

static gboolean
has_three (const SlLookParam *param)
{
  return param->type == SL_LOOK_VALUE_TRIPLE || param->type == SL_LOOK_VALUE_COLOR;
}

void
sl_look_get_value (const SlLook *self, const SlLookParam *param, double v[3])
{
  gconstpointer field = G_STRUCT_MEMBER_P (self, param->offset);

  v[0] = v[1] = v[2] = 0;
  switch (param->type)
    {
    case SL_LOOK_VALUE_NUMBER: v[0] = *(const double *) field; break;
    case SL_LOOK_VALUE_COUNT: v[0] = *(const guint *) field; break;
    case SL_LOOK_VALUE_BOOLEAN: v[0] = *(const gboolean *) field ? 1 : 0; break;
    case SL_LOOK_VALUE_ENUM: v[0] = *(const int *) field; break;
    case SL_LOOK_VALUE_TRIPLE:
    case SL_LOOK_VALUE_COLOR: memcpy (v, field, 3 * sizeof (double)); break;
    case SL_LOOK_VALUE_PALETTE:
    case SL_LOOK_VALUE_TAGS:
    default: g_return_if_reached ();
    }
}

void
sl_look_set_value (SlLook *self, const SlLookParam *param, const double v[3])
{
  gpointer field = G_STRUCT_MEMBER_P (self, param->offset);

  switch (param->type)
    {
    case SL_LOOK_VALUE_NUMBER: *(double *) field = v[0]; break;
    case SL_LOOK_VALUE_COUNT: *(guint *) field = (guint) v[0]; break;
    case SL_LOOK_VALUE_BOOLEAN: *(gboolean *) field = v[0] != 0; break;
    case SL_LOOK_VALUE_ENUM: *(int *) field = (int) v[0]; break;
    case SL_LOOK_VALUE_TRIPLE:
    case SL_LOOK_VALUE_COLOR: memcpy (field, v, 3 * sizeof (double)); break;
    case SL_LOOK_VALUE_PALETTE:
    case SL_LOOK_VALUE_TAGS:
    default: g_return_if_reached ();
    }
}

double
sl_look_elevation_for_hour (double hours)
{
  return 60.0 * sin (G_PI * (fmod (hours, 24.0) - 6.0) / 12.0);
}

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

gboolean
sl_look_color_from_hex (const char *text, double rgb[3])
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (text[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      rgb[i] = srgb_to_linear ((hi * 16 + lo) / 255.0);
    }
  return TRUE;
}

/* Sky and light colours are keyed on the sun's elevation; between keys they
 * are interpolated linearly, outside they hold the end values. */
typedef struct {
  double elevation;
  double a[3];
  double b[3];
} ColorKey;

static const ColorKey clear_sky[] = {
  { -18, { 0.002, 0.003, 0.008 }, { 0.004, 0.006, 0.014 } },
  {  -6, { 0.015, 0.025, 0.07 },  { 0.09, 0.06, 0.09 } },
  {   0, { 0.09, 0.15, 0.34 },    { 0.85, 0.42, 0.18 } },
  {   8, { 0.14, 0.28, 0.62 },    { 0.95, 0.68, 0.45 } },
  {  25, { 0.10, 0.30, 0.78 },    { 0.62, 0.76, 0.92 } },
  {  90, { 0.06, 0.24, 0.80 },    { 0.55, 0.72, 0.95 } },
};

/* Sunlight reddens as its path through the air lengthens. */
static const ColorKey sunlight[] = {
  { -4, { 1.0, 0.30, 0.08 }, { 0 } },
  {  0, { 1.0, 0.45, 0.18 }, { 0 } },
  {  5, { 1.0, 0.62, 0.36 }, { 0 } },
  { 15, { 1.0, 0.82, 0.62 }, { 0 } },
  { 35, { 1.0, 0.94, 0.86 }, { 0 } },
  { 90, { 1.0, 0.98, 0.95 }, { 0 } },
};

static const double moonlight[3] = { 0.55, 0.65, 0.9 };
/* Under cloud the light is mostly the sky's, a cool grey. */
static const double skylight[3] = { 0.86, 0.9, 1.0 };

static void
interpolate (const ColorKey *keys, guint n_keys, double elevation, double a[3], double b[3])
{
  guint i = 1;
  double t;

  while (i < n_keys - 1 && elevation > keys[i].elevation)
    i++;
  t = (elevation - keys[i - 1].elevation) / (keys[i].elevation - keys[i - 1].elevation);
  t = CLAMP (t, 0.0, 1.0);
  for (guint c = 0; c < 3; c++)
    {
      a[c] = keys[i - 1].a[c] + t * (keys[i].a[c] - keys[i - 1].a[c]);
      b[c] = keys[i - 1].b[c] + t * (keys[i].b[c] - keys[i - 1].b[c]);
    }
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static void
set_rgb (double out[3], double r, double g, double b)
{
  out[0] = r;
  out[1] = g;
  out[2] = b;
}

static void
sky_colors (const SlLook *self, double zenith[3], double horizon[3])
{
  double level;

  interpolate (clear_sky, G_N_ELEMENTS (clear_sky), self->sun_elevation, zenith, horizon);
  switch (self->sky)
    {
    case SL_SKY_KIND_HAZY:
      /* Haze scatters all colours alike: half-way to a brighter grey. */
      for (guint c = 0; c < 3; c++)
        {
          zenith[c] = 0.5 * zenith[c] + 0.55 * luminance (zenith);
          horizon[c] = 0.5 * horizon[c] + 0.55 * luminance (horizon);
        }
      break;
    case SL_SKY_KIND_OVERCAST:
    case SL_SKY_KIND_STORM:
      level = 0.7 * luminance (horizon) * (self->sky == SL_SKY_KIND_STORM ? 0.35 : 1.0);
      set_rgb (zenith, 0.78 * level, 0.81 * level, 0.85 * level);
      set_rgb (horizon, 0.95 * level, 0.97 * level, 1.0 * level);
      break;
    case SL_SKY_KIND_SUNSET:
      set_rgb (zenith, 0.10, 0.07, 0.24);
      set_rgb (horizon, 1.0, 0.36, 0.12);
      break;
    case SL_SKY_KIND_NIGHT:
      set_rgb (zenith, 0.003, 0.005, 0.016);
      set_rgb (horizon, 0.012, 0.017, 0.04);
      break;
    case SL_SKY_KIND_SPACE:
      set_rgb (zenith, 0, 0, 0);
      set_rgb (horizon, 0, 0, 0);
      break;
    case SL_SKY_KIND_STUDIO:
      memcpy (zenith, self->backdrop_color, sizeof self->backdrop_color);
      memcpy (horizon, self->backdrop_color, sizeof self->backdrop_color);
      break;
    case SL_SKY_KIND_CLEAR:
    default:
      break;
    }
}

static void
light_color (const SlLook *self, double out[3])
{
  double unused[3];

  if (self->sky == SL_SKY_KIND_STUDIO || self->sky == SL_SKY_KIND_SPACE)
    set_rgb (out, 1, 1, 1);
  else if (self->sky == SL_SKY_KIND_NIGHT || self->sun_elevation < -4)
    memcpy (out, moonlight, sizeof moonlight);
  else
    {
      /* An afterglow sky is lit by a setting sun whatever the clock says. */
      double elevation = self->sky == SL_SKY_KIND_SUNSET ? MIN (self->sun_elevation, 2.0) : self->sun_elevation;

      interpolate (sunlight, G_N_ELEMENTS (sunlight), elevation, out, unused);
      if (self->sky == SL_SKY_KIND_OVERCAST || self->sky == SL_SKY_KIND_STORM)
        for (guint c = 0; c < 3; c++)
          out[c] = 0.3 * out[c] + 0.7 * skylight[c];
    }
}

static gboolean
keep (const gboolean *explicit_params, guint index)
{
  return explicit_params != NULL && explicit_params[index];
}

void
sl_look_derive (SlLook *self, const gboolean *explicit_params)
{
  double zenith[3], horizon[3], light[3];
  gboolean open_sky;

  g_return_if_fail (self != NULL);

  if (!keep (explicit_params, P_SUN_ELEVATION))
    self->sun_elevation = sl_look_elevation_for_hour (self->time_of_day);
  if (!keep (explicit_params, P_MOON_ELEVATION))
    self->moon_elevation = sl_look_elevation_for_hour (self->time_of_day + 12.0);

  open_sky = self->sky == SL_SKY_KIND_CLEAR || self->sky == SL_SKY_KIND_HAZY;
  if (!keep (explicit_params, P_SUN_VISIBLE))
    self->sun_visible = (open_sky || self->sky == SL_SKY_KIND_SUNSET) && self->sun_elevation > -1;
  if (!keep (explicit_params, P_MOON_VISIBLE))
    self->moon_visible = (open_sky || self->sky == SL_SKY_KIND_NIGHT)
                         && self->moon_elevation > 0 && self->sun_elevation < -4;

  sky_colors (self, zenith, horizon);
  if (!keep (explicit_params, P_SKY_ZENITH))
    memcpy (self->sky_zenith, zenith, sizeof zenith);
  if (!keep (explicit_params, P_SKY_HORIZON))
    memcpy (self->sky_horizon, horizon, sizeof horizon);
  light_color (self, light);
  if (!keep (explicit_params, P_LIGHT_COLOR))
    memcpy (self->light_color, light, sizeof light);
  /* Fog is lit sky: it takes the colour of the horizon it hides. */
  if (!keep (explicit_params, P_FOG_COLOR))
    memcpy (self->fog_color, self->sky_horizon, sizeof self->fog_color);
}

SlLook *
sl_look_new (void)
{
  SlLook *self = g_new0 (SlLook, 1);

  for (guint i = 0; i < N_PARAMS; i++)
    if (params[i].type <= SL_LOOK_VALUE_COLOR)
      sl_look_set_value (self, &params[i], params[i].fallback);
  self->mood = g_new0 (char *, 1);
  sl_look_derive (self, NULL);
  return self;
}

SlLook *
sl_look_copy (const SlLook *self)
{
  SlLook *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->mood = g_strdupv (self->mood);
  return copy;
}

void
sl_look_free (SlLook *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->mood);
  g_free (self);
}

gboolean
sl_look_equal (const SlLook *a, const SlLook *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < N_PARAMS; i++)
    {
      double va[3], vb[3];

      if (params[i].type > SL_LOOK_VALUE_COLOR)
        continue;
      sl_look_get_value (a, &params[i], va);
      sl_look_get_value (b, &params[i], vb);
      if (va[0] != vb[0] || va[1] != vb[1] || va[2] != vb[2])
        return FALSE;
    }
  if (a->n_palette != b->n_palette)
    return FALSE;
  for (guint i = 0; i < a->n_palette; i++)
    for (guint c = 0; c < 3; c++)
      if (a->palette[i][c] != b->palette[i][c])
        return FALSE;
  return g_strv_equal ((const char *const *) a->mood, (const char *const *) b->mood);
}

static void
append_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
append_rgb (GString *out, const double rgb[3])
{
  g_string_append_c (out, '(');
  for (guint c = 0; c < 3; c++)
    {
      if (c > 0)
        g_string_append (out, ", ");
      append_number (out, rgb[c]);
    }
  g_string_append_c (out, ')');
}

static void
append_value (GString *out, const SlLook *self, const SlLookParam *param)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  double v[3];

  switch (param->type)
    {
    case SL_LOOK_VALUE_PALETTE:
      if (self->n_palette == 0)
        g_string_append (out, "none");
      for (guint i = 0; i < self->n_palette; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_rgb (out, self->palette[i]);
        }
      return;
    case SL_LOOK_VALUE_TAGS:
      if (self->mood[0] == NULL)
        g_string_append (out, "none");
      for (guint i = 0; self->mood[i] != NULL; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", self->mood[i]);
      return;
    case SL_LOOK_VALUE_NUMBER:
    case SL_LOOK_VALUE_COUNT:
    case SL_LOOK_VALUE_BOOLEAN:
    case SL_LOOK_VALUE_ENUM:
    case SL_LOOK_VALUE_TRIPLE:
    case SL_LOOK_VALUE_COLOR:
    default:
      break;
    }

  sl_look_get_value (self, param, v);
  if (has_three (param))
    append_rgb (out, v);
  else if (param->type == SL_LOOK_VALUE_BOOLEAN)
    g_string_append (out, v[0] != 0 ? "true" : "false");
  else if (param->type == SL_LOOK_VALUE_ENUM)
    {
      GEnumValue *value;

      enum_class = g_type_class_ref (param->enum_type ());
      value = g_enum_get_value (enum_class, (int) v[0]);
      g_string_append (out, value != NULL ? value->value_nick : "?");
    }
  else
    append_number (out, v[0]);
}

char *
sl_look_describe (const SlLook *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < N_PARAMS; i++)
    {
      g_string_append_printf (out, "%s: ", params[i].name);
      append_value (out, self, &params[i]);
      if (params[i].unit != NULL)
        g_string_append_printf (out, " %s", params[i].unit);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
