/* sl-tables.glsl: the sRGB tables (SlSrgbTables) and the 8-bit conversions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backend fills one SlSrgbTables with sl_srgb_tables_init() on the host,
 * exactly as the CPU backend does, and binds it here. The struct's layout is
 * std430's: the 4097 encode8 bytes are read as 32-bit words, and the three
 * bytes C pads them with keep encode8_next at the same offset.
 */
#ifndef SL_TABLES_GLSL
#define SL_TABLES_GLSL

#include "sl-bindings.glsl"
#include "sl-color.glsl"

#define SL_SRGB_LUT_SIZE 4096

layout (std430, set = 0, binding = SL_BINDING_TABLES) readonly buffer SlSrgbTables
{
  float to_linear[256];
  float to_texel[256];
  uint  encode8_words[(SL_SRGB_LUT_SIZE + 4) / 4];
  float encode8_next[256];
} sl_srgb;

/* round (255 * curve (x)) exactly (see sl-color.h). */
uint
sl_srgb_encode8 (float x)
{
  precise float c = sl_clampf (x, 0.0, 1.0);
  int i = int (c * float (SL_SRGB_LUT_SIZE));
  uint v = (sl_srgb.encode8_words[i >> 2] >> (8 * (i & 3))) & 0xffu;

  return v + (c >= sl_srgb.encode8_next[v] ? 1u : 0u);
}

#endif
