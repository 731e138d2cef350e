# SPDX-License-Identifier: GPL-3.0-or-later
# The Vulkan backend in the standalone build, included by ../Makefile. It is
# built when $(GLSLC) and the Vulkan headers are found, unless VULKAN=no. The
# Vulkan loader is opened at run time, so nothing more is linked, and the
# programs start where there is no loader or device (the tests then skip
# Vulkan, saying why).
#
#   make test                      with Vulkan when glslc and the headers are here
#   make VULKAN=no test            without it
#   make GLSLC=/opt/vulkan/bin/glslc test

GLSLC ?= glslc

ifneq ($(VULKAN),no)
GLSLC_PATH := $(shell command -v $(GLSLC) 2>/dev/null)
VULKAN_HEADERS := $(shell echo '\#include <vulkan/vulkan.h>' | $(CC) -E -x c - >/dev/null 2>&1 && echo yes)
endif

ifneq ($(and $(GLSLC_PATH),$(VULKAN_HEADERS)),)
VULKAN_SHADERS = accumulate bloom blur clear draw-card grade mip-generate particles scale sky \
  srgb8-to-texture to-i420 to-nv12 to-rgba8

VULKAN_SOURCES = \
  vulkan/sl-vulkan-backend.c \
  vulkan/sl-vulkan-batch.c \
  vulkan/sl-vulkan-device.c \
  vulkan/sl-vulkan-ops.c \
  vulkan/sl-vulkan-pipeline.c

KERNEL_CFLAGS += -DSL_HAVE_VULKAN
BENCH_BACKENDS += vulkan
TESTS += test-kernels-vulkan
HEADERS += $(wildcard vulkan/*.h)
OBJECTS += $(VULKAN_SOURCES:%.c=$(O)/%.o)
LIBS += -ldl

# Each shader as SPIR-V words in a C initializer list, which
# sl-vulkan-pipeline.c includes.
$(O)/vulkan/%.spv.inc: vulkan/%.comp $(wildcard vulkan/common/*.glsl)
	@mkdir -p $(dir $@)
	$(GLSLC) --target-env=vulkan1.1 -mfmt=c -o $@ $<

$(O)/vulkan/sl-vulkan-pipeline.o: $(VULKAN_SHADERS:%=$(O)/vulkan/%.spv.inc)
$(O)/vulkan/sl-vulkan-pipeline.o: KERNEL_CFLAGS += -I$(O)/vulkan
endif
