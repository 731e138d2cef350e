# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of the README. Both install what is missing (apt, as root),
# configure and build with meson, then run the main job or every test.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
DEMO       ?= data/demo/demo.shots
SHOTLINE    = $(BUILD)/app/shotline

# CUDA is compiled on every build where the toolkit is installed; meson finds
# nvcc on PATH.
CUDA_BIN ?= /usr/local/cuda/bin
ifneq ($(wildcard $(CUDA_BIN)/nvcc),)
export PATH := $(PATH):$(CUDA_BIN)
endif

.PHONY: all deps build run test test-asan fuzz clean

all: build

deps:
	@sh build-aux/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

DEMO_OUT   ?= $(BUILD)/demo.mp4

# The main job: the app on the demo where there is a display (once the editor
# window exists); otherwise the demo checked and rendered to a 1080p MP4.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] && [ -x $(BUILD)/app/shotline-app ]; then \
	  $(BUILD)/app/shotline-app $(DEMO); \
	else \
	  $(SHOTLINE) check $(DEMO) && \
	  $(SHOTLINE) render $(DEMO) -o $(DEMO_OUT) && \
	  echo "Rendered $(DEMO) to $(DEMO_OUT)"; \
	fi

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

test-asan: deps $(ASAN_BUILD)/build.ninja
	meson compile -C $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  meson test -C $(ASAN_BUILD) --suite unit --print-errorlogs
	@# The window tests too, for use-after-free and overflows; GTK, fontconfig
	@# and the GL drivers keep memory until exit, so leaks are not checked.
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  meson test -C $(ASAN_BUILD) --suite ui --timeout-multiplier 3 --print-errorlogs

# Every test: first the unit tests under AddressSanitizer and UBSan, then the
# whole suite on the normal build (its summary line closes the run).
test: build test-asan
	meson test -C $(BUILD) --print-errorlogs

# Longer fuzzing with libFuzzer (clang): FUZZ_SECONDS per target.
fuzz: deps
	[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) -Dfuzzing=true -Db_lundef=false
	meson compile -C $(FUZZ_BUILD)
	for t in $(FUZZ_BUILD)/tests/fuzz/fuzz-*; do \
	  case $$t in *.p) continue;; esac; \
	  name=$$(basename $$t); mkdir -p $(FUZZ_BUILD)/corpus/$$name; \
	  $$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_BUILD)/corpus/$$name tests/fuzz/corpus/$$name || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
