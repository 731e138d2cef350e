#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times every kernel op at 1080p on each backend that runs here (the
# standalone kernels/ build, no GNOME libraries needed) and writes the
# "Kernels" section of docs/performance.md: per op the median time and the
# GB/s of its least memory traffic, next to the device's copy bandwidth.
#
#   tests/bench/run-kernel-bench.sh [BACKEND...]    (default: cpu cuda vulkan)
#
# Backends that cannot run here (no device, or only a software GPU) are
# listed as skipped. On a machine with an NVIDIA GPU the CUDA table names the
# card.
set -eu

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -gt 0 ] || set -- cpu cuda vulkan
make -C "$source_dir/kernels" build/bench-kernels >/dev/null

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
load=$(cut -d' ' -f1 /proc/loadavg)
results=
for backend in "$@"; do
  set +e
  out=$("$source_dir/kernels/build/bench-kernels" "$backend" 2>&1)
  rc=$?
  set -e
  if [ $rc = 77 ]; then
    results="$results
### $backend

Skipped: $(printf '%s' "$out" | tail -n 1)
"
  elif [ $rc != 0 ]; then
    echo "$out" >&2
    exit $rc
  else
    results="$results
### $backend

\`\`\`
$out
\`\`\`
"
  fi
done

perf=$source_dir/docs/performance.md
section=$(cat <<DOC
## Kernels

Written by \`tests/bench/run-kernel-bench.sh\` (run it again rather than editing).
Each op on a 1920x1080 frame: median and best time, and the GB/s of the least
memory traffic it needs, to hold against the device's copy bandwidth.

Machine: $cpu, $(nproc) cores; load average $load when it started.
$results
DOC
)
touch "$perf"
awk '/^## / { skip = ($0 == "## Kernels") } !skip' "$perf" > "$perf.new"
printf '\n%s\n' "$section" >> "$perf.new"
mv "$perf.new" "$perf"
echo "wrote the Kernels section of $perf"
