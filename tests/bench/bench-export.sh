#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Export speed, measured and never asserted: the 10-s 1080p30 Ken Burns
# project (a 4000x3000 photo, zoom 1 -> 1.5 with a pan) through
# `shotline render --quality draft` (x264 veryfast), timed in one run with
#   (a) ffmpeg -loop 1 -i photo.jpg -vf zoompan=... -c:v libx264 -preset veryfast
#       doing the same move, and
#   (b) x264enc alone: the same 300 frames as a raw I420 file through
#       gst-launch-1.0 ... rawvideoparse ! x264enc ! mp4mux ! filesink.
# Prints the two ratios; --docs also writes them into docs/performance.md
# (its "Export" section; the rest of the file is left alone).
#
#   tests/bench/bench-export.sh [--docs] [--backend NAME] [--shotline PROGRAM]
#                               [--workdir DIR] [BUILD_DIR]
#
# Without --shotline, BUILD_DIR (default build-bench, configured here as a
# release build when it does not exist) is built and its app/shotline used.
set -eu

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
docs=no
backend=auto
shotline=
workdir=
while [ $# -gt 0 ]; do
  case $1 in
    --docs) docs=yes ;;
    --backend) backend=$2; shift ;;
    --shotline) shotline=$2; shift ;;
    --workdir) workdir=$2; shift ;;
    *) break ;;
  esac
  shift
done
build_dir=${1:-"$source_dir/build-bench"}
absolute () { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
build_dir=$(absolute "$build_dir")

if [ -z "$shotline" ]; then
  [ -d "$build_dir" ] || meson setup "$build_dir" "$source_dir" -Dbuildtype=release
  ninja -C "$build_dir" app/shotline
  shotline=$build_dir/app/shotline
fi
shotline=$(absolute "$shotline")
workdir=$(absolute "${workdir:-"$build_dir/tests/bench/bench-export"}")
mkdir -p "$workdir"
cd "$workdir"

# Same settings on every side: x264's veryfast preset at CRF 23, which is
# what `--quality draft` uses and ffmpeg's default.
frames=300
[ -f photo.jpg ] || convert -size 4000x3000 -seed 1 plasma:fractal -quality 92 photo.jpg
cat > ken-burns.shots <<'EOF'
project "Ken Burns" 1920x1080 30fps seed 1
shot "Photo" 10s
  plate "photo.jpg" depth flat
  zoom in 1.5x linear
  truck right 10% linear
EOF

now () { date +%s.%N; }
since () { echo "$(now) $1" | awk '{ printf "%.2f", $1 - $2 }'; }

load=$(cut -d' ' -f1 /proc/loadavg)

start=$(now)
LC_ALL=C SHOTLINE_DATADIR="$source_dir/data" "$shotline" render ken-burns.shots -o shotline.mp4 \
  --quality draft --backend "$backend" 2>shotline.log
ours=$(since "$start")
used=$(sed -n 's/^Rendering .* on the \(.*\) backend$/\1/p' shotline.log)

# The photo's 16:9 middle, zoomed 1 -> 1.5 while the window slides from
# the left edge to the right: the same work as our move (zoompan's cost
# does not depend on the path).
start=$(now)
ffmpeg -nostdin -v error -y -loop 1 -i photo.jpg \
  -vf "crop=4000:2250:0:375,zoompan=z='pow(1.5,on/$((frames - 1)))':x='(iw-iw/zoom)*on/$((frames - 1))':y='(ih-ih/zoom)/2':d=$frames:s=1920x1080:fps=30" \
  -frames:v $frames -c:v libx264 -preset veryfast ffmpeg.mp4
theirs=$(since "$start")

ffmpeg -nostdin -v error -y -i shotline.mp4 -f rawvideo -pix_fmt yuv420p frames.yuv
start=$(now)
gst-launch-1.0 -q filesrc location=frames.yuv \
  ! rawvideoparse width=1920 height=1080 format=i420 framerate=30/1 \
  ! x264enc speed-preset=veryfast pass=qual quantizer=23 key-int-max=60 \
  ! mp4mux ! filesink location=x264enc.mp4
x264=$(since "$start")
rm -f frames.yuv

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
table=$(awk -v ours="$ours" -v theirs="$theirs" -v x264="$x264" -v n="$frames" -v backend="$used" 'BEGIN {
  printf "| %d frames at 1920×1080, Ken Burns | Seconds | Frames/s |\n", n
  printf "|------|--------:|---------:|\n"
  printf "| `shotline render --quality draft` (%s backend, x264enc veryfast, AAC) | %.2f | %.1f |\n", backend, ours, n / ours
  printf "| (a) ffmpeg zoompan + libx264 -preset veryfast | %.2f | %.1f |\n", theirs, n / theirs
  printf "| (b) x264enc veryfast alone, raw I420 in | %.2f | %.1f |\n", x264, n / x264
  printf "\nAgainst (a): %.2f× its speed (target ≥ 1.3×). ", theirs / ours
  printf "Against (b): %.2f× its speed (target ≥ 0.9×).\n", x264 / ours
}')
echo "$table"

if [ $docs = yes ]; then
  perf=$source_dir/docs/performance.md
  section=$(cat <<DOC
## Export

Written by \`tests/bench/bench-export.sh --docs\` (run it again rather than
editing). What is measured and where the time goes: [export.md](export.md#performance).

Machine: $cpu, $(nproc) cores; load average $load when it started.

$table
DOC
)
  touch "$perf"
  # Everything but an old Export section (up to the next "## " heading).
  awk '/^## / { skip = ($0 == "## Export") } !skip' "$perf" > "$perf.new"
  printf '\n%s\n' "$section" >> "$perf.new"
  mv "$perf.new" "$perf"
  echo "wrote the Export section of $perf"
fi
