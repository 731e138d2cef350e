#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the renderer benchmark, runs it and writes docs/performance.md.
#
#   tests/bench/run-bench.sh [BUILD_DIR] [bench-render options...]
#
# Without options it measures every backend (--backends cpu,vulkan,cuda);
# those that cannot run here get a row saying why. On a machine with an
# NVIDIA GPU the CUDA rows name the card.
#
# BUILD_DIR defaults to build-bench (configured here with -Dbuildtype=release
# when it does not exist yet).
set -eu

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-"$source_dir/build-bench"}
[ $# -gt 0 ] && shift

if [ ! -d "$build_dir" ]; then
  meson setup "$build_dir" "$source_dir" -Dbuildtype=release
fi
ninja -C "$build_dir" tests/bench/bench-render
[ $# -gt 0 ] || set -- --backends cpu,vulkan,cuda

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cores=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
ffmpeg_version=$(ffmpeg -version 2>/dev/null | head -n 1 | cut -d' ' -f1-3 || echo "ffmpeg not found")
table=$(LC_ALL=C.UTF-8 SHOTLINE_SOURCE_DIR="$source_dir" SHOTLINE_DATADIR="$source_dir/data" \
        "$build_dir/tests/bench/bench-render" --workdir "$build_dir/tests/bench/bench-render-data" "$@")

perf="$source_dir/docs/performance.md"
touch "$perf"
# Other benchmarks own the other sections (from the first "## " heading on):
# keep them, without an old Renderer section.
others=$(awk '/^## / { started = 1; skip = ($0 == "## Renderer") } started && !skip' "$perf")
buildtype=$(meson introspect "$build_dir" --buildoptions \
            | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"))')
{
  cat <<DOC
# Performance

Each section is written by its benchmark script in \`tests/bench/\`; run it again rather
than editing by hand.

## Renderer

Written by \`tests/bench/run-bench.sh\`. What is measured and how to read it is explained
in [renderer.md](renderer.md#performance).

Machine: $cpu, $cores cores available to the process (load average $load when the
run began: other work on the machine slows every number). Peer: $ffmpeg_version.
Build: $buildtype.

$table
DOC
  if [ -n "$others" ]; then
    printf '\n%s\n' "$others"
  fi
} > "$perf.new"
mv "$perf.new" "$perf"
echo "wrote the Renderer section of $perf"
