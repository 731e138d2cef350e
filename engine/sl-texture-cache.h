/* sl-texture-cache.h: pictures uploaded once to a backend as mipmapped textures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-backend.h"
#include "sl-image.h"

G_BEGIN_DECLS

#define SL_TYPE_TEXTURE_CACHE (sl_texture_cache_get_type ())
G_DECLARE_FINAL_TYPE (SlTextureCache, sl_texture_cache, SL, TEXTURE_CACHE, GObject)

/* A cache of RGBA_U16 textures with their full mip chain, one per SlImage
 * (keyed by the image itself, which the cache keeps a reference to, so an
 * address is never reused for another picture while its entry lives).
 * Like its backend, a cache is used by one thread at a time.
 *
 * @backend is borrowed: it must outlive the cache. */
SlTextureCache *sl_texture_cache_new          (SlBackend      *backend);
/* The texture of @image, uploaded now (SRGB8_TO_TEXTURE then MIP_GENERATE)
 * on first use. (transfer none): valid until the cache drops it. Fails
 * (SL_ENGINE_ERROR_BACKEND, with the backend's message) when the backend
 * cannot hold or convert it. */
SlBuffer       *sl_texture_cache_get          (SlTextureCache *self,
                                               SlImage        *image,
                                               GError        **error);
/* Whether every pixel of @image is opaque (computed once per image). */
gboolean        sl_texture_cache_is_opaque    (SlTextureCache *self,
                                               SlImage        *image);
/* Frees the textures of every image not in @keep (a set of SlImage
 * pointers), e.g. after the scenes that used them were dropped. */
void            sl_texture_cache_prune        (SlTextureCache *self,
                                               GHashTable     *keep);
guint           sl_texture_cache_get_n_textures (SlTextureCache *self);
/* Bytes the textures take on the backend, all levels. */
guint64         sl_texture_cache_get_bytes    (SlTextureCache *self);

G_END_DECLS
