/* sl-procedural.h: textures made from seeded noise for the procedural scene
 *
 * Every function here is pure: the same arguments give the same pixels, on
 * any machine, at any time, from any thread. Colours are given in linear
 * light (as in SlLook) and written as sRGB straight-alpha RGBA8 SlImages,
 * with a small ordered dither so that smooth gradients do not band.
 * docs/scene.md describes what each layer looks like and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-image.h"
#include "sl-look.h"

G_BEGIN_DECLS

/* ----- hashing and noise ------------------------------------------------- */

/* A 32-bit integer hash of (a, b) with full avalanche. */
guint32  sl_procedural_hash       (guint32       a,
                                   guint32       b);
/* A uniform number in [0, 1) from (seed, index). */
double   sl_procedural_random     (guint32       seed,
                                   guint32       index);
/* Value noise with a quintic fade, in [-1, 1], one value per integer. */
double   sl_procedural_noise1     (double        x,
                                   guint32       seed);
double   sl_procedural_noise2     (double        x,
                                   double        y,
                                   guint32       seed);
/* Sums of @octaves octaves at doubling frequency, each @gain times the one
 * before, normalised back to [-1, 1]. */
double   sl_procedural_fbm1       (double        x,
                                   guint         octaves,
                                   double        gain,
                                   guint32       seed);
double   sl_procedural_fbm2       (double        x,
                                   double        y,
                                   guint         octaves,
                                   double        gain,
                                   guint32       seed);

/* ----- ridges ------------------------------------------------------------ */

/* One silhouette layer (mountains, hills, a skyline...). The texture's
 * columns run across the card; its rows from the top of the strip down. The
 * profile is computed in "feature" units, so the same spec at another
 * texture size gives the same shapes, only sharper. */
typedef struct {
  SlTerrainKind kind;
  guint32       seed;
  int           width;           /* texels */
  int           height;
  double        features;        /* typical shapes (peaks, dunes, trees,
                                    blocks) across the whole width */
  double        roughness;       /* 0..1, as SlLook.roughness */
  double        valley;          /* the profile's lowest point, a fraction of the peak */
  double        sharpness;       /* the raw shape is raised to this power:
                                    above 1 peaks stand out of low ground,
                                    below 1 the tops broaden (0 = 1) */
  double        gap;             /* 0..1: how deep a gap the middle of the
                                    card opens (a canyon between its walls) */
  double        gap_width;       /* the gap's half-width, a fraction of the card */
  double        peak_row;        /* texel row of the highest possible point */
  double        base_row;        /* texel row of height 0 (may lie below the texture) */
  double        softness;        /* width of the top edge, texels */
  double        top_color[3];    /* linear, at the peak row */
  double        bottom_color[3]; /* linear, at the last row */
  double        detail;          /* relative amplitude of the surface texture */
  double        relief;          /* 0..1: how much slopes facing the light
                                    are lit and the others shaded */
  double        light_side;      /* -1..1: where the light comes from across
                                    the card, -1 the left, 1 the right */
  double        snow_line;       /* snow lies above this fraction of the peak
                                    (0 = everywhere, above 1 = nowhere) */
  double        snow_color[3];   /* linear */
  double        lit_windows;     /* city: the share of windows that are lit (0 = dark) */
  double        window_color[3]; /* linear */
} SlRidgeSpec;

/* The silhouette's height at @u (0..1 across the texture) as a fraction
 * of the peak: what sl_procedural_ridge() fills below. */
double   sl_procedural_ridge_profile (const SlRidgeSpec *spec,
                                      double             u);
SlImage *sl_procedural_ridge      (const SlRidgeSpec *spec);

/* An opaque vertical gradient from @top (row 0) to @bottom (last row). */
SlImage *sl_procedural_gradient   (int           width,
                                   int           height,
                                   const double  top[3],
                                   const double  bottom[3],
                                   guint32       seed);

/* The reflection of a layer in water: the same texture darkened by
 * @darken (multiplied), blurred by @blur_x × @blur_y texels (box, twice)
 * and made @opacity times as opaque. */
SlImage *sl_procedural_reflection (SlImage      *image,
                                   double        darken,
                                   double        blur_x,
                                   double        blur_y,
                                   double        opacity);

/* ----- mist -------------------------------------------------------------- */

/* A band of low-lying fog: @color at @density from the last row up to
 * @top_row, fading out over @fade_rows above it, broken into wisps by
 * noise of @features blobs across the width. */
typedef struct {
  guint32 seed;
  int     width;
  int     height;
  double  features;
  double  top_row;
  double  fade_rows;
  double  density;               /* 0..1, the alpha at the bottom */
  double  color[3];              /* linear */
} SlMistSpec;

SlImage *sl_procedural_mist       (const SlMistSpec *spec);

/* ----- water ------------------------------------------------------------- */

/* A horizontal water plane seen from @eye_height above it: the texture's
 * rows run from @far (row 0) to @near (last row) metres ahead, its columns
 * across @span metres. */
typedef struct {
  guint32 seed;
  int     width;
  int     height;
  double  span;                  /* m across */
  double  near;                  /* m */
  double  far;                   /* m */
  double  eye_height;            /* m */
  double  waves;                 /* 0..1, as SlLook.waves */
  double  zenith[3];             /* the sky it reflects, linear */
  double  horizon[3];
  double  deep_color[3];         /* the water's own colour, linear */
} SlWaterSpec;

/* The opaque sky mirrored in the water, at full strength. */
SlImage *sl_procedural_water_sky     (const SlWaterSpec *spec);
/* The semi-transparent surface laid over the reflections: it covers them
 * by one minus the Fresnel reflectance (so mostly near the camera, where
 * the water shows its own colour), with soft ripples. */
SlImage *sl_procedural_water_surface (const SlWaterSpec *spec);

/* ----- ground ------------------------------------------------------------ */

/* Level ground in front of the nearest ridge, with the same row and
 * column layout as SlWaterSpec: @color broken up by patches a few metres
 * wide and finer grain, so the foreground shows its perspective. */
typedef struct {
  guint32 seed;
  int     width;
  int     height;
  double  span;                  /* m across */
  double  near;                  /* m */
  double  far;                   /* m */
  double  color[3];              /* linear */
  double  variation;             /* 0..1 */
} SlGroundSpec;

SlImage *sl_procedural_ground     (const SlGroundSpec *spec);

/* ----- studio ------------------------------------------------------------ */

/* One face of a seamless cyclorama. Coordinates are on the unrolled
 * surface: x across (m, 0 = the subject's axis), s along the surface from
 * the seam where the floor meets the wall (m; up the wall positive, across
 * the floor toward the camera negative), so the wall and the floor, both
 * made from the same spec with their own rows, meet without a seam. */
typedef struct {
  guint32 seed;
  int     width;
  int     height;
  double  x_left, x_right;       /* m at the first and last column */
  double  s_top, s_bottom;       /* s at the first and last row */
  double  color[3];              /* linear backdrop colour */
  double  light_s;               /* where the light pool is brightest */
  double  light_radius;          /* m, its size */
  double  brightness;            /* the light pool's centre, times color */
  double  falloff;               /* 0..1, how much darker the far edges are */
  double  shadow_s;              /* the contact shadow's centre (on the floor) */
  double  shadow_rx, shadow_rs;  /* its radii, m; 0 = no shadow */
  double  shadow_strength;       /* 0..1 */
} SlBackdropSpec;

SlImage *sl_procedural_backdrop   (const SlBackdropSpec *spec);

/* ----- colour helpers ---------------------------------------------------- */

/* Rec. 709 luminance of a linear colour. */
double   sl_procedural_luminance  (const double  rgb[3]);
/* sRGB-encoded 8-bit value of a linear value (clamped to 0..1). */
guint8   sl_procedural_encode     (double        linear,
                                   double        dither);

G_END_DECLS
