/* sl-plate-layers.h: a plate cut into depth layers for parallax
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-depth-estimator.h"
#include "sl-image.h"

G_BEGIN_DECLS

#define SL_PLATE_LAYERS_DEFAULT_COUNT 4
#define SL_PLATE_LAYERS_MAX_COUNT 16

#define SL_TYPE_PLATE_LAYERS (sl_plate_layers_get_type ())
G_DECLARE_FINAL_TYPE (SlPlateLayers, sl_plate_layers, SL, PLATE_LAYERS, GObject)

/* Cuts the plate into n_layers bands holding equal shares of its pixels by
 * depth (index 0 nearest). Each layer is an RGBA8 image at the plate's size
 * with soft alpha where one band hands over to the next; wherever nearer
 * layers hide part of a layer, that part is filled in from what the layer
 * shows around it, so a moving camera uncovers plausible picture instead
 * of holes. The farthest layer is opaque everywhere. Composited back to
 * front with "over" at the original camera, the layers give back the plate.
 * The plate's own alpha is not used: a plate is a backdrop.
 * The depth map is resampled if its size differs from the plate's. The
 * result is immutable and the same inputs always give the same layers. */
SlPlateLayers *sl_plate_layers_new             (SlImage       *plate,
                                                SlDepthMap    *depth,
                                                guint          n_layers);
guint          sl_plate_layers_get_n_layers    (SlPlateLayers *self);
SlImage       *sl_plate_layers_get_image       (SlPlateLayers *self,
                                                guint          index);
/* The layer's mean depth, where the renderer should place it. */
double         sl_plate_layers_get_depth       (SlPlateLayers *self,
                                                guint          index);
/* The band of depths the layer holds. */
void           sl_plate_layers_get_depth_range (SlPlateLayers *self,
                                                guint          index,
                                                double        *near,
                                                double        *far);

G_END_DECLS
