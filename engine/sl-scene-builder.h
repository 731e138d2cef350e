/* sl-scene-builder.h: from one shot to its scene
 *
 * The builder reads the shot's prompt through the lexicon, its references
 * (plate, subjects, style, first and last frame) through the image cache,
 * and its camera path, and makes the immutable SlScene the renderer draws:
 * the plate cut into depth cards with overscan for the camera's path, or
 * with no plate a procedural landscape or studio; subject cut-outs; the
 * first and last frames; the sky; the particles. docs/scene.md has the
 * geometry and every constant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-camera-solver.h"
#include "sl-image-cache.h"
#include "sl-lexicon.h"
#include "sl-scene.h"

G_BEGIN_DECLS

/* How many times along the shot the camera path is sampled to size the
 * plate's overscan and the procedural cards' coverage: at
 * duration × k / (SL_SCENE_CAMERA_SAMPLES - 1), k = 0 .. SAMPLES - 1. */
#define SL_SCENE_CAMERA_SAMPLES 32
/* The plate is never enlarged more than this to hide its edges. */
#define SL_SCENE_MAX_OVERSCAN 3.0

/* Builds the scene of shot @shot_index of @project as @camera (that
 * shot's solver) sees it, with textures detailed enough for frames of
 * @width × @height (0 × 0: the project's size; the layout always follows
 * the project's frame, only the texture resolution scales, so a 160 × 90
 * thumbnail does not pay for 1080p procedural textures). @lexicon NULL =
 * sl_lexicon_get_default ().
 * The same project, shot and camera always give the same scene, texture
 * bytes included. Errors (SL_SHOTS_ERROR) name the shot and what is
 * wrong: a reference image that is missing or broken (the image cache's
 * message, which names the file), a depth file that is missing. */
SlScene *sl_scene_build (SlProject      *project,
                         guint           shot_index,
                         SlCameraSolver *camera,
                         SlImageCache   *images,
                         SlLexicon      *lexicon,
                         guint           width,
                         guint           height,
                         GError        **error);

G_END_DECLS
