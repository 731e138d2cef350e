/* sl-scene-private.h: how the scene builder fills a scene
 *
 * Only the builder calls these, before it hands the scene out; after that
 * the scene never changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-particle-field.h"
#include "sl-scene.h"

G_BEGIN_DECLS

/* An empty scene (no cards, no sky: a black background) with a copy of
 * @look. */
SlScene *sl_scene_new             (const SlLook    *look);
/* Appends a copy of @card, drawn after the cards before it. The scene
 * takes a reference to card->image and a copy of card->label. */
void     sl_scene_add_card        (SlScene         *self,
                                   const SlCard    *card);
void     sl_scene_set_sky         (SlScene         *self,
                                   const SlSky     *sky);
/* @field may be NULL (no particles). */
void     sl_scene_set_particles   (SlScene         *self,
                                   SlParticleField *field);
void     sl_scene_set_depth_image (SlScene         *self,
                                   SlImage         *image);

G_END_DECLS
