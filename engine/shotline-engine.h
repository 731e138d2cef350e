/* shotline-engine.h: the engine layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-math.h"
#include "sl-easing.h"
#include "sl-camera.h"
#include "sl-camera-solver.h"
#include "sl-camera-path.h"
#include "sl-image.h"
#include "sl-image-cache.h"
#include "sl-depth-estimator.h"
#include "sl-plate-layers.h"
#include "sl-procedural.h"
#include "sl-particle-field.h"
#include "sl-style-transfer.h"
#include "sl-scene.h"
#include "sl-scene-builder.h"
#include "sl-audio-buffer.h"
#include "sl-audio-analysis.h"
#include "sl-audio-cache.h"
#include "sl-engine-error.h"
#include "sl-grade.h"
#include "sl-texture-cache.h"
#include "sl-renderer.h"
#include "sl-audio-mixer.h"
#include "sl-exporter.h"
#include "sl-timeline-export.h"
#include "sl-preview.h"
