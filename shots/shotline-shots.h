/* shotline-shots.h: the document layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"
#include "sl-shots-enums.h"
#include "sl-shots-error.h"
#include "sl-audio-clip.h"
#include "sl-history.h"
#include "sl-keyframe.h"
#include "sl-model.h"
#include "sl-move.h"
#include "sl-project.h"
#include "sl-reference.h"
#include "sl-shot.h"
