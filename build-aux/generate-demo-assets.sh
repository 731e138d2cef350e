#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the demo project's images and music from nothing but ImageMagick
# drawing primitives and SoX synthesis, so that every asset we ship is ours and
# licensed like the project. The output is deterministic: random choices come
# from fixed seeds (ImageMagick -seed, a Park-Miller generator in awk, SoX -R),
# and time stamps are kept out of the files.
#
# Usage: build-aux/generate-demo-assets.sh [OUTPUT_DIR]   (default: data/demo)
set -eu

srcroot=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$srcroot/data/demo}

for tool in convert sox awk; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/images" "$out/audio"
out=$(cd "$out" && pwd)

# save_png OUTPUT CONVERT_ARGUMENTS...
# Writes a PNG without time stamps or other per-run metadata.
save_png ()
{
  png=$1
  shift
  convert "$@" -strip +set date:create +set date:modify \
    -depth 8 -define png:exclude-chunks=date,time -define png:compression-level=9 "$png"
}

# SoX with its noise and dither seeded the same on every run (-R), and no
# dither at all where it would only add noise (-D).
sx ()
{
  sox -R -D "$@"
}

# ridge SEED WIDTH HEIGHT BASE AMPLITUDE ROUGHNESS
# Prints an MVG path that fills below a mountain ridge made by midpoint
# displacement: BASE is the mean height of the crest line in pixels from the
# top, AMPLITUDE its largest swing, ROUGHNESS how much of the swing each finer
# level keeps (higher = more jagged).
ridge ()
{
  awk -v seed="$1" -v w="$2" -v h="$3" -v base="$4" -v amp="$5" -v rough="$6" '
    # Park-Miller: exact in double precision, so every awk gives the same numbers.
    function rnd () { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    BEGIN {
      n = 1024
      y[0] = base + (rnd () - 0.5) * amp
      y[n] = base + (rnd () - 0.5) * amp
      scale = amp
      for (step = n; step > 1; step /= 2) {
        for (i = step / 2; i < n; i += step)
          y[i] = (y[i - step / 2] + y[i + step / 2]) / 2 + (rnd () - 0.5) * scale
        scale *= rough
      }
      printf "path '\''M 0,%d", h
      for (i = 0; i <= n; i++)
        printf " L %.1f,%.1f", i * w / n, y[i]
      printf " L %d,%d Z'\''\n", w, h
    }'
}

# stars SEED WIDTH HEIGHT COUNT
# Prints MVG circles for a sky of faint and a few bright stars.
stars ()
{
  awk -v seed="$1" -v w="$2" -v h="$3" -v count="$4" '
    function rnd () { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    BEGIN {
      for (i = 0; i < count; i++) {
        x = rnd () * w; y = rnd () * rnd () * h
        b = rnd (); r = 0.6 + b * b * 1.6
        printf "fill rgba(255,250,235,%.2f) circle %.1f,%.1f %.1f,%.1f\n", 0.25 + 0.7 * b, x, y, x + r, y
      }
    }'
}

# skyline SEED WIDTH BASE TOP_MIN TOP_MAX W_MIN W_MAX FILL LIT ALPHA BUILDINGS WINDOWS
# Appends MVG for a row of buildings standing on BASE (to BUILDINGS) and for
# their lit windows (to WINDOWS, kept apart so they can glow). LIT is the share
# of windows lit, ALPHA their brightness; most buildings are short, a few tall.
skyline ()
{
  awk -v seed="$1" -v w="$2" -v base="$3" -v tmin="$4" -v tmax="$5" -v wmin="$6" -v wmax="$7" \
      -v fill="$8" -v lit="$9" -v wa="${10}" -v bout="${11}" -v wout="${12}" '
    function rnd () { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    function windows (x0, x1, top,   cw, ch, sx, sy, x, y, c, r, floorlit) {
      cw = 6 + int (rnd () * 4); ch = 9 + int (rnd () * 5)
      sx = cw + 6 + int (rnd () * 6); sy = ch + 9 + int (rnd () * 7)
      for (y = top + 24; y + ch < base - 10; y += sy) {
        floorlit = rnd () < 0.12
        for (x = x0 + 14; x + cw < x1 - 12; x += sx) {
          if (!(floorlit || rnd () < lit))
            continue
          r = rnd ()
          c = r < 0.55 ? "255,206,120" : r < 0.85 ? "255,236,180" : "180,215,255"
          printf "fill rgba(%s,%.2f) rectangle %d,%d %d,%d\n", c, wa * (0.55 + 0.45 * rnd ()), x, y, x + cw, y + ch >> wout
        }
      }
    }
    BEGIN {
      printf "fill %s\n", fill >> bout
      for (x = -30; x < w; x += bw + 6 + int (rnd () * 30)) {
        bw = wmin + rnd () * (wmax - wmin)
        top = tmax - rnd () * rnd () * (tmax - tmin)
        printf "rectangle %d,%d %d,%d\n", x, top, x + bw, base >> bout
        r = rnd ()
        if (r < 0.25) {
          inset = bw * (0.15 + rnd () * 0.15); step = 30 + rnd () * 60
          printf "rectangle %d,%d %d,%d\n", x + inset, top - step, x + bw - inset, top >> bout
          windows(x + inset, x + bw - inset, top - step)
        } else if (r < 0.4) {
          sx = x + bw / 2; st = top - 90 - rnd () * 80
          printf "rectangle %d,%d %d,%d\n", sx - 3, st, sx + 3, top >> bout
          printf "fill rgba(255,60,50,0.95) circle %d,%d %d,%d\n", sx, st - 4, sx + 5, st - 4 >> wout
        }
        windows(x, x + bw, top)
      }
    }'
}

# glow SIZE FALLOFF COLOUR OPACITY OUTPUT: a round soft light, transparent at its edge.
glow ()
{
  convert -size "$1x$1" radial-gradient:white-black -evaluate pow "$2" \
    \( -size "$1x$1" xc:"$3" \) +swap -alpha off -compose copy-opacity -composite \
    -channel A -evaluate multiply "$4" +channel "$5"
}

# hprofile WIDTH HEIGHT COLOUR... OUTPUT
# The shading across a cylinder, left to right, stretched to HEIGHT rows.
hprofile ()
{
  pw=$1 ph=$2
  shift 2
  n=$(($# - 2))
  seg=$(( (pw + n - 1) / n ))
  prev=$1
  shift
  args=
  while [ $# -gt 1 ]; do
    args="$args ( -size 1x$seg gradient:$prev-$1 )"
    prev=$1
    shift
  done
  # shellcheck disable=SC2086 # $args is a list of convert arguments
  convert $args -append -rotate -90 -scale "${pw}x${ph}!" -blur 0x2 "$1"
}

valley ()
{
  w=2400 h=1350
  cd "$work"
  convert \( -size ${w}x420 gradient:'#1b2a55-#4f5b93' \) \( -size ${w}x330 gradient:'#4f5b93-#c58a99' \) \
    \( -size ${w}x260 gradient:'#c58a99-#f7c29a' \) \( -size ${w}x340 gradient:'#f7c29a-#ffe6bf' \) \
    -append -blur 0x40 sky.png
  glow 2000 2.2 '#ffcf9a' 0.85 glow-wide.png
  glow 600 2.5 '#fff1d0' 1.0 glow-sun.png
  convert sky.png glow-wide.png -geometry +600-100 -compose screen -composite \
    glow-sun.png -geometry +1300+470 -compose screen -composite -geometry +0+0 \
    \( -size ${w}x${h} xc:none -fill '#fffbe8' -draw 'circle 1600,770 1600,722' -blur 0x3 \) \
    -compose over -composite valley.png

  # Far to near: each ridge darker and more saturated, the valleys between
  # them filled with mist.
  valley_ridge 101 860 240 0.55 '#c39aa8' 35%,65%
  valley_mist 201 760 1100 0.7 '#f6d5c6'
  valley_ridge 102 960 300 0.56 '#86688f' 30%,70%
  valley_mist 202 880 1200 0.5 '#e9c4bd'
  valley_ridge 103 1070 300 0.58 '#4f3f6e' 25%,75%
  valley_mist 203 1000 1300 0.5 '#d9b1b3'
  valley_ridge 104 1220 220 0.6 '#1e1a3a' 20%,80%

  save_png "$out/images/valley.png" valley.png
}

# valley_ridge SEED CREST AMPLITUDE ROUGHNESS COLOUR TEXTURE_LEVELS
valley_ridge ()
{
  { echo "viewbox 0 0 $w $h fill white"; ridge "$1" $w $h "$2" "$3" "$4"; } > ridge.mvg
  convert -background black mvg:ridge.mvg ridge-mask.png
  convert -size ${w}x${h} xc:"$5" \
    \( -seed "$1" -size ${w}x${h} plasma:grey50-grey50 -colorspace gray -blur 0x3 -level "$6" \) \
    -compose softlight -composite ridge.png
  convert valley.png ridge.png ridge-mask.png -compose over -composite valley.png
}

# valley_mist SEED TOP BOTTOM OPACITY COLOUR: a band of wispy fog thickening downwards.
valley_mist ()
{
  mh=$(($3 - $2))
  convert -size ${w}x$mh gradient:black-white -evaluate pow 1.6 \
    \( -seed "$1" -size ${w}x$mh plasma:grey50-grey50 -colorspace gray -blur 0x25 -auto-level -level 10%,90% \) \
    -compose multiply -composite -evaluate multiply "$4" \
    \( -size ${w}x$mh xc:"$5" \) +swap -alpha off -compose copy-opacity -composite mist.png
  convert valley.png mist.png -geometry +0+"$2" -compose over -composite valley.png
}

# A teal glass bottle with a cream label and a ribbed black cap; written both
# on a white studio sweep and cut out on transparency.
product ()
{
  s=2000
  cd "$work"
  body='M 700,1520 L 700,920 C 700,770 910,740 910,650 L 910,540 L 1090,540 L 1090,650 C 1090,740 1300,770 1300,920 L 1300,1520 Q 1300,1620 1200,1620 L 800,1620 Q 700,1620 700,1520 Z'
  convert -size ${s}x${s} xc:black -fill white -draw "path '$body'" body-mask.png
  hprofile 600 1100 '#0a2f2e' '#1c6b64' '#58bfae' '#b4f0e2' '#64c6b5' '#2f8a7f' '#17565a' '#0d3a3a' '#0a2a2a' glass.png
  hprofile 180 400 '#0a2f2e' '#2a8a7e' '#9fe6d6' '#4fae9f' '#1a5c5a' '#0b3030' neck.png
  convert -size ${s}x${s} xc:black -fill white -draw 'rectangle 0,0 2000,700' -blur 0x40 neck-blend.png
  convert -size ${s}x${s} xc:black glass.png -geometry +700+530 -composite \
    \( -size ${s}x${s} xc:black neck.png -geometry +910+380 -composite \) \
    -geometry +0+0 neck-blend.png -compose over -composite \
    \( -size ${s}x${s} xc:none -fill 'rgba(255,255,255,0.6)' -draw 'roundrectangle 790,720 826,1560 18,18' -blur 0x10 \) \
    -compose over -composite \
    \( -size ${s}x${s} xc:none -fill 'rgba(255,255,255,0.35)' -draw 'roundrectangle 1262,800 1274,1530 6,6' -blur 0x5 \) \
    -compose over -composite \
    body-mask.png -alpha off -compose copy-opacity -composite body.png

  hprofile 600 380 '#9d947f' '#ddd3bd' '#f6eedd' '#fbf6ec' '#efe6d3' '#d6cbb5' '#b0a690' '#8f8672' label-paper.png
  convert -size ${s}x${s} xc:black -fill white -draw 'rectangle 700,1060 1300,1440' \
    body-mask.png -compose multiply -composite label-mask.png
  convert -size ${s}x${s} xc:none label-paper.png -geometry +700+1060 -compose over -composite -geometry +0+0 \
    -fill none -stroke '#1d5a55' -strokewidth 9 -draw 'circle 985,1200 985,1130' \
    -draw 'path "M 950,1215 L 975,1180 L 995,1205 L 1010,1190 L 1030,1222"' \
    -strokewidth 6 -draw 'line 875,1320 1095,1320' -strokewidth 4 -draw 'line 915,1352 1055,1352' \
    label-mask.png -alpha off -compose copy-opacity -composite label.png

  hprofile 200 170 '#0d0d0f' '#2b2b30' '#5c5c63' '#34343a' '#18181b' '#0b0b0d' cap-plastic.png
  convert -size ${s}x${s} xc:black -fill white -draw 'roundrectangle 900,372 1100,548 16,16' cap-mask.png
  ribs=$(awk 'BEGIN { for (x = 910; x <= 1090; x += 10) printf "line %d,384 %d,536 ", x, x }')
  convert -size ${s}x${s} xc:none cap-plastic.png -geometry +900+375 -compose over -composite -geometry +0+0 \
    -stroke 'rgba(0,0,0,0.45)' -strokewidth 3 -draw "$ribs" \
    cap-mask.png -alpha off -compose copy-opacity -composite cap.png

  convert body.png label.png -compose over -composite cap.png -compose over -composite bottle.png

  convert \( -size ${s}x1250 gradient:'#e6e7ea-#fbfbfb' \) \( -size ${s}x750 gradient:'#fbfbfb-#ececef' \) \
    -append -blur 0x60 \
    \( -size 2900x2900 radial-gradient:white-'#d4d5da' -gravity center -crop ${s}x${s}+0+0 +repage \) \
    -gravity northwest -compose multiply -composite backdrop.png
  convert -size ${s}x${s} xc:none -fill 'rgba(20,25,30,0.42)' -draw 'ellipse 1030,1625 360,52 0,360' -blur 0x36 \
    \( -size ${s}x${s} xc:none -fill 'rgba(10,12,15,0.55)' -draw 'ellipse 1005,1618 300,16 0,360' -blur 0x9 \) \
    -compose over -composite shadow.png
  # The floor mirrors the bottle faintly, fading within a quarter of its height.
  convert bottle.png -flip -channel A -fx 'u * max(0, 0.14 * (1 - (j - 379) / 260)) * (j >= 379)' +channel \
    -blur 0x6 reflection.png
  save_png "$out/images/product.png" backdrop.png reflection.png -geometry +0+1241 -compose over -composite -geometry +0+0 \
    shadow.png -compose over -composite bottle.png -compose over -composite
  save_png "$out/images/bottle-cutout.png" bottle.png -trim +repage -bordercolor none -border 40
}

city_night ()
{
  w=2400 h=1350
  cd "$work"
  for layer in far-b far-w mid-b mid-w near-b near-w; do
    echo "viewbox 0 0 $w $h" > $layer.mvg
  done
  skyline 301 $w 1160 560 980 60 150 '#1d2348' 0.12 0.55 far-b.mvg far-w.mvg
  skyline 303 $w 1170 480 1000 80 190 '#11152e' 0.22 0.8 mid-b.mvg mid-w.mvg
  skyline 302 $w 1180 330 1060 110 230 '#07080f' 0.33 1.0 near-b.mvg near-w.mvg
  { echo "viewbox 0 0 $w $h"; stars 77 $w 800 260; } > stars.mvg

  convert \( -size ${w}x600 gradient:'#02040d-#0a1230' \) \( -size ${w}x420 gradient:'#0a1230-#2a2350' \) \
    \( -size ${w}x330 gradient:'#2a2350-#7a4255' \) -append -blur 0x30 night.png
  convert -background none mvg:far-w.mvg mvg:mid-w.mvg mvg:near-w.mvg -flatten windows.png
  glow 700 3 '#cfd6ff' 0.5 moon-glow.png

  convert night.png \( -background none mvg:stars.mvg \) -compose screen -composite \
    moon-glow.png -geometry +70-120 -compose screen -composite -geometry +0+0 \
    -fill '#f3f0e4' -draw 'circle 420,230 420,178' \
    -fill 'rgba(200,195,180,0.5)' -draw 'circle 405,218 405,206' -draw 'circle 440,250 440,242' \
    \( -background none mvg:far-b.mvg \) -compose over -composite \
    \( -background none mvg:far-w.mvg \) -compose over -composite \
    \( -size ${w}x${h} gradient:'rgba(120,70,110,0)'-'rgba(120,70,110,0.35)' \) -compose over -composite \
    \( -background none mvg:mid-b.mvg \) -compose over -composite \
    \( -background none mvg:mid-w.mvg \) -compose over -composite \
    \( -background none mvg:near-b.mvg \) -compose over -composite \
    \( -background none mvg:near-w.mvg \) -compose over -composite \
    \( windows.png -background black -flatten -blur 0x5 -evaluate multiply 0.45 \) -compose screen -composite \
    \( windows.png -background black -flatten -blur 0x45 -evaluate multiply 0.7 \) -compose screen -composite \
    city.png

  # The river below mirrors the lowest 170 rows of the city, smeared by ripples.
  ripples=$(awk 'BEGIN { for (y = 3; y < 170; y += 7 + (y % 5)) printf "rectangle 0,%d 2400,%d ", y, y + 1 }')
  lamps=$(awk 'BEGIN { for (x = 18; x < 2400; x += 46) printf "circle %d,1184 %d,1184 ", x, x + 3 }')
  save_png "$out/images/city-night.png" city.png \
    \( -clone 0 -crop ${w}x170+0+1010 +repage -flip -motion-blur 0x40+90 -evaluate multiply 0.4 \
       -fill 'rgba(0,0,0,0.3)' -draw "$ripples" \) \
    -geometry +0+1180 -compose over -composite -geometry +0+0 \
    -fill '#05060c' -draw 'rectangle 0,1178 2400,1190' -fill '#ffd89a' -draw "$lamps" \
    \( -size ${w}x${h} xc:none -fill 'rgba(255,200,130,0.5)' -draw "$lamps" -blur 0x8 \) \
    -compose screen -composite
}

# A 16-second loop at exactly 120 BPM in A minor (Am F C G, two bars each): a
# kick on every beat, a hi-hat on every off-beat, a plucked bass line and a
# stereo pad, faded out over the last bars.
theme ()
{
  rate=44100
  cd "$work"

  sx -n -r $rate -c 1 kick-body.wav synth 0.5 sine 150:45 fade l 0 0.5 0.46 gain -3
  sx -n -r $rate -c 1 kick-click.wav synth 0.015 noise gain -12 highpass 1500 fade 0 0.015 0.014 pad 0 0.485
  sx -m kick-body.wav kick-click.wav kick-beat.wav
  sx kick-beat.wav -c 2 kick.wav repeat 31

  sx -n -r $rate -c 1 hat-beat.wav synth 0.06 noise gain -6 highpass 7000 fade 0 0.06 0.055 pad 0.25 0.19
  sx hat-beat.wav -c 2 hats.wav repeat 31

  # One bar of eighths: root, root, rest, root, octave, rest, fifth, root.
  sx -n -r $rate -c 1 rest.wav trim 0 0.25
  notes=
  i=0
  for root in 110 110 87.307 87.307 130.813 130.813 97.999 97.999; do
    for step in R R - R O - F R; do
      case $step in
        R) f=$root ;;
        O) f=$(awk -v r="$root" 'BEGIN { print r * 2 }') ;;
        F) f=$(awk -v r="$root" 'BEGIN { print r * 1.5 }') ;;
        *) notes="$notes rest.wav"; continue ;;
      esac
      sx -n -r $rate -c 1 bass-$i.wav synth 0.25 pluck "$f" lowpass 900 fade 0.003 0.25 0.08 gain -2
      notes="$notes bass-$i.wav"
      i=$((i + 1))
    done
  done
  # shellcheck disable=SC2086 # $notes is a list of files
  sx $notes -c 2 bass.wav

  theme_chord pad-am.wav 220 261.626 329.628
  theme_chord pad-f.wav 174.614 220 261.626
  theme_chord pad-c.wav 196 261.626 329.628
  theme_chord pad-g.wav 195.998 246.942 293.665
  sx pad-am.wav pad-f.wav pad-c.wav pad-g.wav pad.wav reverb 40 50 80 trim 0 16

  sx -m -v 1.0 kick.wav -v 0.18 hats.wav -v 0.55 bass.wav -v 0.45 pad.wav mix.wav
  sx mix.wav --comment 'Shotline demo theme, 120 BPM' -r $rate -c 2 -C 3 "$out/audio/theme.ogg" \
    gain -n -1 fade t 0 16 2.5 trim 0 16
}

# theme_chord OUTPUT FREQUENCY...: four seconds of a soft triangle chord,
# each voice a little detuned in the right channel for width.
theme_chord ()
{
  chord=$1
  shift
  voices=
  for f in "$@"; do
    right=$(awk -v f="$f" 'BEGIN { print f * 1.004 }')
    sx -n -r $rate -c 2 voice-"$f".wav synth 4 triangle "$f" triangle "$right"
    voices="$voices voice-$f.wav"
  done
  # shellcheck disable=SC2086 # $voices is a list of files
  sx -m $voices "$chord" lowpass 1800 fade q 0.6 4 0.9
}

valley
product
city_night
theme
echo "demo assets written to $out"
