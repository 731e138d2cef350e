/* sl-scene.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-scene"

#include "config.h"

#include "sl-scene-private.h"

struct _SlScene
{
  GObject          parent_instance;
  GArray          *cards;        /* SlCard; images and labels owned */
  SlSky            sky;
  SlLook          *look;
  SlParticleField *particles;
  SlImage         *depth_image;
};

G_DEFINE_FINAL_TYPE (SlScene, sl_scene, G_TYPE_OBJECT)

static void
clear_card (gpointer data)
{
  SlCard *card = data;

  g_clear_object (&card->image);
  g_free ((char *) card->label);
}

static void
sl_scene_finalize (GObject *object)
{
  SlScene *self = SL_SCENE (object);

  g_array_unref (self->cards);
  g_clear_pointer (&self->look, sl_look_free);
  g_clear_object (&self->particles);
  g_clear_object (&self->depth_image);
  G_OBJECT_CLASS (sl_scene_parent_class)->finalize (object);
}

static void
sl_scene_class_init (SlSceneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_scene_finalize;
}

static void
sl_scene_init (SlScene *self)
{
  self->cards = g_array_new (FALSE, TRUE, sizeof (SlCard));
  g_array_set_clear_func (self->cards, clear_card);
}

SlScene *
sl_scene_new (const SlLook *look)
{
  SlScene *self;

  g_return_val_if_fail (look != NULL, NULL);

  self = g_object_new (SL_TYPE_SCENE, NULL);
  self->look = sl_look_copy (look);
  return self;
}

void
sl_scene_add_card (SlScene      *self,
                   const SlCard *card)
{
  SlCard copy;

  g_return_if_fail (SL_IS_SCENE (self));
  g_return_if_fail (card != NULL && SL_IS_IMAGE (card->image));

  copy = *card;
  copy.image = g_object_ref (card->image);
  copy.label = g_strdup (card->label);
  g_array_append_val (self->cards, copy);
}

void
sl_scene_set_sky (SlScene     *self,
                  const SlSky *sky)
{
  g_return_if_fail (SL_IS_SCENE (self));
  g_return_if_fail (sky != NULL);

  self->sky = *sky;
}

void
sl_scene_set_particles (SlScene         *self,
                        SlParticleField *field)
{
  g_return_if_fail (SL_IS_SCENE (self));
  g_return_if_fail (field == NULL || SL_IS_PARTICLE_FIELD (field));

  g_set_object (&self->particles, field);
}

void
sl_scene_set_depth_image (SlScene *self,
                          SlImage *image)
{
  g_return_if_fail (SL_IS_SCENE (self));
  g_return_if_fail (image == NULL || SL_IS_IMAGE (image));

  g_set_object (&self->depth_image, image);
}

guint
sl_scene_get_n_cards (SlScene *self)
{
  g_return_val_if_fail (SL_IS_SCENE (self), 0);
  return self->cards->len;
}

const SlCard *
sl_scene_get_card (SlScene *self,
                   guint    index)
{
  g_return_val_if_fail (SL_IS_SCENE (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return &g_array_index (self->cards, SlCard, index);
}

const SlSky *
sl_scene_get_sky (SlScene *self)
{
  g_return_val_if_fail (SL_IS_SCENE (self), NULL);
  return &self->sky;
}

const SlLook *
sl_scene_get_look (SlScene *self)
{
  g_return_val_if_fail (SL_IS_SCENE (self), NULL);
  return self->look;
}

guint
sl_scene_get_particles (SlScene          *self,
                        double            seconds,
                        const SlCamera   *camera,
                        guint             width,
                        guint             height,
                        SlParticleSprite *sprites,
                        guint             max_sprites)
{
  g_return_val_if_fail (SL_IS_SCENE (self), 0);
  g_return_val_if_fail (camera != NULL, 0);

  if (self->particles == NULL)
    return 0;
  return sl_particle_field_project (self->particles, seconds, camera, width, height,
                                    sprites, max_sprites);
}

SlImage *
sl_scene_get_depth_image (SlScene *self)
{
  g_return_val_if_fail (SL_IS_SCENE (self), NULL);
  return self->depth_image;
}
