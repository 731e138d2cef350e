/* sl-renderer.h: any time of a project as a picture, on a pixel backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-backend.h"
#include "sl-camera.h"
#include "sl-scene.h"

G_BEGIN_DECLS

/* The shutter is open for half of each frame (a 180° shutter). */
#define SL_RENDERER_SHUTTER 0.5
/* The lens's aperture for depth of field, as an f-number. */
#define SL_RENDERER_APERTURE 2.8
/* A whip slides each shot's picture this far (frame widths) at the cut. */
#define SL_RENDERER_WHIP_TRAVEL 0.5

#define SL_TYPE_RENDERER (sl_renderer_get_type ())
G_DECLARE_FINAL_TYPE (SlRenderer, sl_renderer, SL, RENDERER, GObject)

/* Threading: a renderer is used by one thread at a time, and the project
 * must not change during a call. The project's ::changed signal drops the
 * plans (camera solver and scene) of the shots it names, or of those
 * overlapping its range when it names none, in the thread that emits it; so
 * a renderer living on a render thread must see the project's edits only
 * between its calls (the preview renders a snapshot of the document that
 * its render thread brings up to date between frames).
 *
 * @backend_name: "auto" (the first of CUDA, Vulkan and the CPU that runs
 * here and has every op a frame needs), "cpu", "vulkan" or "cuda". A named
 * backend that cannot run here is an error (SL_ENGINE_ERROR_UNAVAILABLE)
 * carrying the backend's reason. */
SlRenderer  *sl_renderer_new                  (SlProject   *project,
                                               const char  *backend_name,
                                               GError     **error);
SlProject   *sl_renderer_get_project          (SlRenderer  *self);
/* The backend in use ("cpu"...), and for "auto" why better ones were skipped
 * ("cuda: no device"), or NULL when none was. */
const char  *sl_renderer_get_backend_name     (SlRenderer  *self);
const char  *sl_renderer_get_fallback_reason  (SlRenderer  *self);
/* The device the backend runs on ("llvmpipe (LLVM 15.0.6, 256 bits)"). */
const char  *sl_renderer_get_device_name      (SlRenderer  *self);

/* The output size; by default (and after sl_renderer_use_project_size ()) the
 * project's. A size of zero or over the backend's limit is refused
 * (SL_ENGINE_ERROR_INVALID). The framing is the same at every size. */
gboolean     sl_renderer_set_size             (SlRenderer  *self,
                                               guint        width,
                                               guint        height,
                                               GError     **error);
void         sl_renderer_use_project_size     (SlRenderer  *self);
void         sl_renderer_get_size             (SlRenderer  *self,
                                               guint       *width,
                                               guint       *height);
/* Sub-frame cameras averaged per frame for motion blur: 1 (none, the
 * default, for previews) up to 64; 4 is export quality "high". */
void         sl_renderer_set_motion_blur_samples (SlRenderer *self,
                                               guint        samples);
guint        sl_renderer_get_motion_blur_samples (SlRenderer *self);

/* The frame showing project time @time (ns; the shutter opens then) as
 * 8-bit sRGB RGBA, straight alpha (always opaque), rows @stride bytes apart.
 * The same project, time, size and samples give the same bytes on one
 * backend. Errors: SL_ENGINE_ERROR_INVALID (zero size),
 * SL_ENGINE_ERROR_EMPTY (no shots), SL_ENGINE_ERROR_BACKEND (the backend's
 * message), or the camera solver's and scene builder's own (a missing image
 * names its path). */
gboolean     sl_renderer_render_rgba          (SlRenderer  *self,
                                               gint64       time,
                                               guint8      *rgba,
                                               gsize        stride,
                                               GError     **error);
/* The same frame as 8-bit I420 (BT.709, limited range) for an encoder, in
 * one pass from the float frame: the Y, U and V planes at @offsets bytes
 * into @data, rows @strides bytes apart; chroma planes are (w + 1) / 2 by
 * (h + 1) / 2. Bytes between rows and planes are left alone. */
gboolean     sl_renderer_render_i420          (SlRenderer  *self,
                                               gint64       time,
                                               guint8      *data,
                                               const gsize  offsets[3],
                                               const gsize  strides[3],
                                               GError     **error);
/* The last frame rendered, before conversion: linear light, premultiplied
 * RGBA floats, rows @stride bytes apart. FALSE (SL_ENGINE_ERROR_INVALID)
 * before the first frame. */
gboolean     sl_renderer_read_frame           (SlRenderer  *self,
                                               float       *rgba,
                                               gsize        stride,
                                               GError     **error);
/* The frame at @time as a new image of the output size. */
SlImage     *sl_renderer_render_image         (SlRenderer  *self,
                                               gint64       time,
                                               GError     **error);

/* The scene of shot @shot_index, built now if it is not planned yet.
 * (transfer none): valid until the shot's plan is dropped. */
SlScene     *sl_renderer_get_scene            (SlRenderer  *self,
                                               guint        shot_index,
                                               GError     **error);
/* How many shots have a plan at the moment. */
guint        sl_renderer_get_n_plans          (SlRenderer  *self);

/* The DRAW_CARD homography of @card seen by @camera on a @width × @height
 * picture: the inverse of (intrinsics · pose restricted to the card's
 * plane), taking pixel (x, y, 1) to (u, v, 1) / depth, (u, v) being level-0
 * texels of the card's image. FALSE when the card is seen edge-on. */
gboolean     sl_renderer_card_homography      (const SlCard    *card,
                                               const SlCamera  *camera,
                                               guint            width,
                                               guint            height,
                                               float            homography[9]);
/* The diameter (pixels) of the blur of a point at @depth metres on a
 * picture @width wide. A plate or a procedural layer already carries the
 * focus it was made with, on the subject at @subject_distance, so the lens
 * (a thin lens at SL_RENDERER_APERTURE) blurs only as far as the focus has
 * moved off the subject: |c(depth, focus) − c(depth, subject)|. The look's
 * @defocus adds a disc of 0.04 · defocus · |depth − focus| / depth of the
 * width (docs/lexicon.md); the two add in quadrature. */
double       sl_renderer_circle_of_confusion  (const SlCamera  *camera,
                                               double           depth,
                                               double           subject_distance,
                                               double           defocus,
                                               guint            width);

G_END_DECLS
