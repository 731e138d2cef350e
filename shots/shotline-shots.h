/* shotline-shots.h: the document layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-types.h"
#include "sl-shots-enums.h"
#include "sl-shots-error.h"
#include "sl-audio-clip.h"
#include "sl-beat-edits.h"
#include "sl-file-util.h"
#include "sl-history.h"
#include "sl-keyframe.h"
#include "sl-lexicon.h"
#include "sl-look.h"
#include "sl-model.h"
#include "sl-model-sync.h"
#include "sl-move.h"
#include "sl-preset.h"
#include "sl-preset-library.h"
#include "sl-project.h"
#include "sl-project-io.h"
#include "sl-project-json.h"
#include "sl-reference.h"
#include "sl-script.h"
#include "sl-shot.h"
#include "sl-timeline-edits.h"
