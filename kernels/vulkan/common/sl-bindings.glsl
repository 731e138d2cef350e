/* sl-bindings.glsl: the descriptor bindings every op's pipeline shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One descriptor set of storage buffers for every op (SlVkBinding in
 * sl-vulkan-private.h): the op's three buffers, the per-dispatch block of
 * values the host computed (sizes, offsets, the per-op setup), the sRGB
 * tables and the backend's scratch memory. Each shader declares the ones it
 * uses with the element type it needs. Push constants are the op's
 * parameter struct from sl-ops.h, unchanged.
 */
#ifndef SL_BINDINGS_GLSL
#define SL_BINDINGS_GLSL

#define SL_BINDING_DST     0
#define SL_BINDING_SRC     1
#define SL_BINDING_AUX     2
#define SL_BINDING_INFO    3
#define SL_BINDING_TABLES  4
#define SL_BINDING_SCRATCH 5

#endif
