/* sl-look.h: the render parameters a shot's prompt asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* What the engine paints behind the scene. CLEAR, HAZY, OVERCAST and STORM
 * take their colours from the sun's elevation; the others are fixed looks. */
typedef enum {
  SL_SKY_KIND_CLEAR,
  SL_SKY_KIND_HAZY,
  SL_SKY_KIND_OVERCAST,
  SL_SKY_KIND_STORM,
  SL_SKY_KIND_SUNSET,          /* afterglow: orange horizon, violet zenith */
  SL_SKY_KIND_NIGHT,
  SL_SKY_KIND_SPACE,           /* black, no atmosphere */
  SL_SKY_KIND_STUDIO,          /* the backdrop colour, no sky at all */
} SlSkyKind;

/* The shape of the procedural ridge layers. */
typedef enum {
  SL_TERRAIN_KIND_NONE,
  SL_TERRAIN_KIND_PLAINS,
  SL_TERRAIN_KIND_HILLS,
  SL_TERRAIN_KIND_MOUNTAINS,
  SL_TERRAIN_KIND_DUNES,
  SL_TERRAIN_KIND_CANYON,
  SL_TERRAIN_KIND_CLIFFS,
  SL_TERRAIN_KIND_FOREST,
  SL_TERRAIN_KIND_CITY,        /* skyline of blocks, lit windows at night */
} SlTerrainKind;

/* What floats or falls through the picture. */
typedef enum {
  SL_PARTICLES_NONE,
  SL_PARTICLES_SNOW,
  SL_PARTICLES_RAIN,
  SL_PARTICLES_DUST,
  SL_PARTICLES_SPARKS,
  SL_PARTICLES_EMBERS,
  SL_PARTICLES_FIREFLIES,
  SL_PARTICLES_ASH,
  SL_PARTICLES_PETALS,
  SL_PARTICLES_LEAVES,
  SL_PARTICLES_BUBBLES,
  SL_PARTICLES_GLITTER,
  SL_PARTICLES_CONFETTI,
} SlParticles;

#define SL_TYPE_SKY_KIND (sl_sky_kind_get_type ())
#define SL_TYPE_TERRAIN_KIND (sl_terrain_kind_get_type ())
#define SL_TYPE_PARTICLES (sl_particles_get_type ())
GType sl_sky_kind_get_type (void) G_GNUC_CONST;
GType sl_terrain_kind_get_type (void) G_GNUC_CONST;
GType sl_particles_get_type (void) G_GNUC_CONST;

#define SL_LOOK_MAX_PALETTE 5

/* Everything a look decides, as plain fields the engine reads directly.
 * Colours are linear RGB (Rec.709 primaries), 1.0 = diffuse white.
 * docs/lexicon.md gives each field's exact meaning; the names in the
 * lexicon file are the field names. Units and ranges are in brackets. */
typedef struct _SlLook SlLook;
struct _SlLook
{
  /* The grade. */
  double        temperature;     /* white balance [K, 1500..15000]: < 6500 colder */
  double        tint;            /* [-1..1]: < 0 green, > 0 magenta */
  double        exposure;        /* [EV, -5..5] */
  double        contrast;        /* [0.25..3] about mid grey 0.18 */
  double        saturation;      /* [0..3], 0 = monochrome */
  double        lift[3];         /* [-0.5..0.5] per channel */
  double        gamma[3];        /* [0.2..5] per channel */
  double        gain[3];         /* [0..4] per channel */
  double        vignette;        /* [0..1] corner darkening */
  double        grain;           /* [0..1] film grain */
  double        bloom;           /* [0..1] highlight glow */
  double        defocus;         /* [0..1] depth of field blur */
  /* The air. */
  double        fog_density;     /* [0..1] light lost to fog at the far layer */
  double        fog_height;      /* [0..1] of the tallest ridge; 1 = everywhere */
  double        fog_color[3];    /* derived from sky_horizon unless set */
  /* The sky. */
  double        time_of_day;     /* [hours, 0..24] */
  SlSkyKind     sky;
  double        sky_zenith[3];   /* derived from sky and sun_elevation unless set */
  double        sky_horizon[3];  /* derived likewise */
  double        clouds;          /* [0..1] cover */
  double        stars;           /* [0..1] */
  gboolean      sun_visible;     /* derived unless set */
  double        sun_elevation;   /* [degrees, -90..90], derived from time_of_day unless set */
  double        sun_azimuth;     /* [degrees, 0..360], 0 = ahead of the camera, 90 = right */
  gboolean      moon_visible;    /* derived unless set */
  double        moon_elevation;  /* [degrees, -90..90], derived unless set */
  double        moon_azimuth;    /* [degrees, 0..360] */
  double        moon_phase;      /* [0..1] lit fraction, 1 = full */
  double        light_color[3];  /* the key light (sun, moon or studio), derived unless set */
  double        light_softness;  /* [0..1] 0 = hard shadows, 1 = none */
  /* The land. */
  SlTerrainKind terrain;
  guint         ridge_layers;    /* [0..8] silhouettes from near to far */
  double        roughness;       /* [0..1] jaggedness of the ridges */
  double        terrain_height;  /* [0..1] of the frame above the horizon */
  gboolean      water;
  double        water_level;     /* [0..1] of terrain_height */
  double        waves;           /* [0..1] 0 = mirror */
  /* Weather. */
  SlParticles   particles;
  double        particle_density; /* [0..1] */
  double        wind;            /* [0..1] */
  /* The studio. */
  gboolean      backdrop;
  double        backdrop_color[3];
  /* What the picture is about. */
  guint         n_palette;
  double        palette[SL_LOOK_MAX_PALETTE][3];
  char        **mood;            /* lower-case tags, NULL-terminated, never NULL */
};

#define SL_TYPE_LOOK (sl_look_get_type ())
GType    sl_look_get_type (void) G_GNUC_CONST;

/* The neutral look: a clear mid-morning sky over gentle hills, no grade. */
SlLook  *sl_look_new      (void);
SlLook  *sl_look_copy     (const SlLook *self);
void     sl_look_free     (SlLook *self);
/* Exact comparison of every field, palette and mood included. */
gboolean sl_look_equal    (const SlLook *a,
                           const SlLook *b);
/* One "name: value unit" line per parameter in table order, numbers in the C
 * locale: the same look always gives the same text. */
char    *sl_look_describe (const SlLook *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlLook, sl_look_free)

/* The parameter table: one row per field above, in that order. It drives
 * the lexicon's validation and combining, describe () and equal (), so a new
 * field needs only a row. */
typedef enum {
  SL_LOOK_VALUE_NUMBER,        /* double */
  SL_LOOK_VALUE_COUNT,         /* guint */
  SL_LOOK_VALUE_BOOLEAN,       /* gboolean */
  SL_LOOK_VALUE_ENUM,          /* an enum of enum_type, written by its nick */
  SL_LOOK_VALUE_TRIPLE,        /* double[3], one range for each component */
  SL_LOOK_VALUE_COLOR,         /* double[3] linear RGB; "#rrggbb" = sRGB */
  SL_LOOK_VALUE_PALETTE,       /* n_palette and palette */
  SL_LOOK_VALUE_TAGS,          /* mood */
} SlLookValueType;

typedef struct {
  const char      *name;
  SlLookValueType  type;
  gsize            offset;     /* of the field in SlLook */
  double           min;        /* NUMBER, COUNT and each TRIPLE/COLOR component */
  double           max;
  double           period;     /* > 0 for angles on a circle (hours, degrees) */
  GType          (*enum_type) (void);
  /* Derived parameters follow from others (sl_look_derive ()) unless a
   * lexicon entry sets them. */
  gboolean         derived;
  double           fallback[3]; /* the value in sl_look_new () before deriving */
  const char      *unit;
} SlLookParam;

guint              sl_look_get_n_params (void);
const SlLookParam *sl_look_get_param    (guint index);
/* NULL if there is no parameter of that name. */
const SlLookParam *sl_look_find_param   (const char *name,
                                         guint      *index);
/* Read or write a NUMBER, COUNT, BOOLEAN (0 or 1), ENUM, TRIPLE or COLOR
 * parameter as up to three doubles (v[0] unless it has three components). */
void               sl_look_get_value    (const SlLook      *self,
                                         const SlLookParam *param,
                                         double             v[3]);
void               sl_look_set_value    (SlLook            *self,
                                         const SlLookParam *param,
                                         const double       v[3]);

/* Recomputes the derived parameters from the others (sun and moon from
 * time_of_day, sky, light and fog colours from the sky kind and the sun),
 * except those whose index is TRUE in @explicit_params (an array of
 * sl_look_get_n_params () flags, or NULL to recompute all). */
void               sl_look_derive       (SlLook         *self,
                                         const gboolean *explicit_params);
/* The sun's elevation in degrees at @hours in the look's model day: rises
 * at 6:00, reaches 60 degrees at noon, sets at 18:00. The moon uses
 * @hours + 12. */
double             sl_look_elevation_for_hour (double hours);
/* Parses "#rrggbb" (sRGB) into linear RGB. */
gboolean           sl_look_color_from_hex (const char *text,
                                           double      rgb[3]);

G_END_DECLS
