# SPDX-License-Identifier: GPL-3.0-or-later
# The CUDA backend in the standalone build, included by ../Makefile. It is
# built when $(NVCC) is found on the PATH or in $(CUDA_HOME)/bin, unless
# CUDA=no. Programs link the CUDA runtime
# statically, so they start where there is no GPU or driver too (and the
# tests then skip CUDA, saying why).
#
#   make test                           with CUDA when nvcc is on the PATH
#   make CUDA=no test                   without it
#   make NVCC=/opt/cuda/bin/nvcc CUDA_HOME=/opt/cuda test
#   make CUDA_GENCODE=-arch=sm_90 test  for one GPU only: a shorter build

NVCC      ?= nvcc
CUDA_HOME ?= /usr/local/cuda
NVCCFLAGS ?= -O2 -g -lineinfo

# Turing to Hopper as machine code, and Hopper's PTX for the driver to compile
# for newer GPUs (the same list as cuda/meson.build).
CUDA_GENCODE ?= \
  -gencode arch=compute_75,code=sm_75 \
  -gencode arch=compute_80,code=sm_80 \
  -gencode arch=compute_86,code=sm_86 \
  -gencode arch=compute_89,code=sm_89 \
  -gencode arch=compute_90,code=sm_90 \
  -gencode arch=compute_90,code=compute_90

ifneq ($(CUDA),no)
NVCC_PATH := $(shell command -v $(NVCC) 2>/dev/null || command -v $(CUDA_HOME)/bin/$(NVCC) 2>/dev/null)
ifeq ($(NVCC_PATH),)
ifneq ($(filter test bench,$(MAKECMDGOALS)),)
$(info # no $(NVCC) on the PATH or in $(CUDA_HOME)/bin: building without the CUDA backend)
endif
endif
endif

ifneq ($(NVCC_PATH),)
CUDA_SOURCES = \
  cuda/sl-cuda-backend.cu \
  cuda/sl-cuda-accumulate.cu \
  cuda/sl-cuda-bloom.cu \
  cuda/sl-cuda-blur.cu \
  cuda/sl-cuda-clear.cu \
  cuda/sl-cuda-draw-card.cu \
  cuda/sl-cuda-grade.cu \
  cuda/sl-cuda-mip-generate.cu \
  cuda/sl-cuda-particles.cu \
  cuda/sl-cuda-scale.cu \
  cuda/sl-cuda-sky.cu \
  cuda/sl-cuda-srgb8-to-texture.cu \
  cuda/sl-cuda-to-i420.cu \
  cuda/sl-cuda-to-nv12.cu \
  cuda/sl-cuda-to-rgba8.cu

# --fmad=false keeps every multiply and add rounded on its own, as on the
# CPU, so results match bit for bit. 20011: common/ calls sl_level_size()
# (host only) from host-and-device functions that only the host calls; 20014
# makes a call from device code an error.
CUDA_KERNEL_FLAGS = -std=c++17 --fmad=false -I. -diag-suppress 20011 --diag-error 20014 \
  -Xcompiler=-fPIC,-Wall,-Wextra,-Wno-unused-parameter,-Wno-missing-field-initializers

KERNEL_CFLAGS += -DSL_HAVE_CUDA
BENCH_BACKENDS += cuda
TESTS += test-kernels-cuda
HEADERS += $(wildcard cuda/*.h)
OBJECTS += $(CUDA_SOURCES:%.cu=$(O)/%.o)
# The static runtime loads the driver with dlopen(), and is C++.
LIBS += -L$(CUDA_HOME)/lib64 -L$(dir $(NVCC_PATH))../lib64 -lcudart_static -ldl -lrt -lpthread -lstdc++

$(O)/%.o: %.cu $(HEADERS)
	@mkdir -p $(dir $@)
	$(NVCC_PATH) $(CUDA_KERNEL_FLAGS) $(CUDA_GENCODE) $(NVCCFLAGS) -c $< -o $@
endif
