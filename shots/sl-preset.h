/* sl-preset.h: a named camera move, defined by primitive motions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"

G_BEGIN_DECLS

/* The primitive motions a preset is made of. A move's amount (in the unit it
 * was written in) drives every primitive of its preset, each multiplied by the
 * primitive's scale. Camera space: x right, y up, z forward (into the scene).
 *
 *  TRANSLATE  the camera moves along axis (camera space, unit length).
 *             Unit m: metres. Unit %: a fraction of the subject distance
 *             (focus distance), so "push in 30%" closes 30 % of the gap.
 *  ROTATE     the camera turns about its own axis (x = tilt, y = pan,
 *             z = roll), in degrees; positive = right-handed about the axis.
 *             With the usual rotation matrices that is: +y turns the view
 *             right (z toward x), +x turns it down (z toward -y), +z leans the
 *             top of the frame left (y toward -x).
 *  ZOOM       the focal length is multiplied: unit x: by amount; unit %:
 *             by 1 + amount/100.
 *  ORBIT      the camera moves on a circle about the target (the move's
 *             target, else the point at focus distance ahead), about axis
 *             (y = around, x = over), in degrees, keeping the target framed.
 *             The whole camera turns rigidly about the target, so +y carries
 *             it to its left (looking right), +x up and over (looking down).
 *  DOLLY_ZOOM the camera translates along z by the amount (as TRANSLATE) while
 *             the focal length changes to keep the subject the same size.
 *  NOISE      seeded handheld shake: amplitude in metres for position and
 *             degrees for rotation at amount 100 %, frequency in Hz.
 *  FOCUS      the focus distance moves to the amount (m) or by a fraction of
 *             itself (%).
 *
 * A preset may mix primitives that read different units (a reveal cranes up
 * in metres and tilts in degrees), so each primitive reads the move's amount
 * in its own terms (see sl_primitive_get_value()): amount × scale in the
 * move's unit when the primitive reads that unit (TRANSLATE, DOLLY_ZOOM,
 * FOCUS: m, %; ROTATE, ORBIT: deg; ZOOM: x, %; NOISE: %), else the same
 * number in the primitive's base unit (% for TRANSLATE, DOLLY_ZOOM, ZOOM,
 * NOISE, FOCUS; deg for ROTATE, ORBIT). For ZOOM in unit x the scale is an
 * exponent, amount^scale, so "zoom out 2x" (scale -1) halves the focal length.
 */
typedef enum {
  SL_PRIMITIVE_TRANSLATE,
  SL_PRIMITIVE_ROTATE,
  SL_PRIMITIVE_ZOOM,
  SL_PRIMITIVE_ORBIT,
  SL_PRIMITIVE_DOLLY_ZOOM,
  SL_PRIMITIVE_NOISE,
  SL_PRIMITIVE_FOCUS,
} SlPrimitiveKind;

typedef struct {
  SlPrimitiveKind kind;
  double axis[3];        /* TRANSLATE, ROTATE, ORBIT: unit vector */
  double scale;          /* multiplies the move's amount */
  /* Sub-range of the move this primitive acts in, as fractions 0..1 of the
   * move's time range (a reveal cranes up first, then tilts down). */
  double from;
  double to;
  double frequency;      /* NOISE: Hz */
  double amplitude[2];   /* NOISE: metres, degrees at amount 100 % */
} SlPrimitive;

#define SL_TYPE_PRESET (sl_preset_get_type ())
G_DECLARE_FINAL_TYPE (SlPreset, sl_preset, SL, PRESET, GObject)

/* Parses one preset file's JSON text; the error names the file and field. */
SlPreset          *sl_preset_new_from_data  (const char  *text,
                                             gssize       length,
                                             const char  *origin,
                                             GError     **error);
/* The stable id used in documents, e.g. "push-in". */
const char        *sl_preset_get_id         (SlPreset *self);
const char        *sl_preset_get_name_en    (SlPreset *self);
const char        *sl_preset_get_name_zh    (SlPreset *self);
const char        *sl_preset_get_category   (SlPreset *self);
const char        *sl_preset_get_description (SlPreset *self);
/* The Chinese description; the English one where the file has none. */
const char        *sl_preset_get_description_zh (SlPreset *self);
/* Where the preset was read from (the file name given to the parser). */
const char        *sl_preset_get_origin     (SlPreset *self);
/* Every way to write it, English and Chinese, lower case, words separated by
 * single spaces ("push in", "dolly in", "推", "推 进"). NULL-terminated. */
const char *const *sl_preset_get_aliases    (SlPreset *self);
/* The same aliases by language, each in file order: the first one is the
 * canonical spelling a printer should use. NULL-terminated, never empty. */
const char *const *sl_preset_get_aliases_en (SlPreset *self);
const char *const *sl_preset_get_aliases_zh (SlPreset *self);
double             sl_preset_get_default_amount (SlPreset *self);
SlUnit             sl_preset_get_default_unit   (SlPreset *self);
/* Does the preset accept an amount in this unit? */
gboolean           sl_preset_accepts_unit   (SlPreset *self, SlUnit unit);
const SlPrimitive *sl_preset_get_primitives (SlPreset *self, guint *n_primitives);

/* What @primitive does for a move of @amount in @unit (the rule above); the
 * unit the value is in goes to @value_unit. In unit x, @amount must be > 0. */
double             sl_primitive_get_value   (const SlPrimitive *primitive,
                                             double             amount,
                                             SlUnit             unit,
                                             SlUnit            *value_unit);

G_END_DECLS
