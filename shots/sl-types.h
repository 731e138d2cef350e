/* sl-types.h: forward declarations and the document's enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SlProject    SlProject;
typedef struct _SlShot       SlShot;
typedef struct _SlMove       SlMove;
typedef struct _SlKeyframe   SlKeyframe;
typedef struct _SlReference  SlReference;
typedef struct _SlAudioClip  SlAudioClip;
typedef struct _SlHistory    SlHistory;
typedef struct _SlPreset     SlPreset;
typedef struct _SlPresetLibrary SlPresetLibrary;
typedef struct _SlLexicon    SlLexicon;

/* All times in the document are nanoseconds, like GstClockTime. */
#define SL_SECOND ((gint64) 1000000000)
#define SL_MSECOND ((gint64) 1000000)

/* Shot sizes from the widest to the tightest framing. NONE = the shot does not
 * ask for a framing and the camera's own position rules. */
typedef enum {
  SL_SHOT_SIZE_NONE,
  SL_SHOT_SIZE_EXTREME_LONG,   /* ELS, 远景 */
  SL_SHOT_SIZE_LONG,           /* LS / full / wide, 全景 */
  SL_SHOT_SIZE_MEDIUM_LONG,    /* MLS / cowboy, 中全景 */
  SL_SHOT_SIZE_MEDIUM,         /* MS, 中景 */
  SL_SHOT_SIZE_MEDIUM_CLOSE_UP,/* MCU, 近景 */
  SL_SHOT_SIZE_CLOSE_UP,       /* CU, 特写 */
  SL_SHOT_SIZE_EXTREME_CLOSE_UP, /* ECU, 大特写 */
} SlShotSize;

typedef enum {
  SL_ANGLE_EYE_LEVEL,
  SL_ANGLE_HIGH,
  SL_ANGLE_LOW,
  SL_ANGLE_BIRDS_EYE,
  SL_ANGLE_WORMS_EYE,
  SL_ANGLE_DUTCH,              /* uses the shot's dutch-degrees */
} SlAngle;

typedef enum {
  SL_TRANSITION_CUT,
  SL_TRANSITION_DISSOLVE,
  SL_TRANSITION_DIP_TO_BLACK,
  SL_TRANSITION_DIP_TO_WHITE,
  SL_TRANSITION_WHIP,
} SlTransition;

typedef enum {
  SL_EASING_LINEAR,
  SL_EASING_EASE_IN,
  SL_EASING_EASE_OUT,
  SL_EASING_EASE_IN_OUT,
  SL_EASING_CUBIC_BEZIER,      /* uses the move's bezier-x1/y1/x2/y2 */
} SlEasing;

typedef enum {
  SL_REFERENCE_ROLE_PLATE,
  SL_REFERENCE_ROLE_SUBJECT,
  SL_REFERENCE_ROLE_STYLE,
  SL_REFERENCE_ROLE_FIRST_FRAME,
  SL_REFERENCE_ROLE_LAST_FRAME,
} SlReferenceRole;

/* Where a plate's depth comes from. */
typedef enum {
  SL_DEPTH_MODE_AUTO,          /* estimated by the engine */
  SL_DEPTH_MODE_FILE,          /* a grayscale image the user supplies */
  SL_DEPTH_MODE_FLAT,          /* no parallax */
} SlDepthMode;

typedef enum {
  SL_AUDIO_ROLE_MUSIC,
  SL_AUDIO_ROLE_VOICE,
  SL_AUDIO_ROLE_EFFECTS,
} SlAudioRole;

/* What a shot does with the music under it. */
typedef enum {
  SL_FOLLOW_NONE,
  SL_FOLLOW_ZOOM,
  SL_FOLLOW_EXPOSURE,
  SL_FOLLOW_ZOOM_AND_EXPOSURE,
} SlFollowMode;

/* The unit a move's amount was written in. The value is stored in that unit,
 * so that text round-trips exactly. */
typedef enum {
  SL_UNIT_NONE,
  SL_UNIT_DEGREES,
  SL_UNIT_PERCENT,
  SL_UNIT_METERS,
  SL_UNIT_FACTOR,              /* "1.5x" */
  SL_UNIT_MILLIMETERS,         /* focal lengths */
  SL_UNIT_SECONDS,
} SlUnit;

G_END_DECLS
