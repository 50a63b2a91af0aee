#!/usr/bin/env bash
# Renders the application icon (mlwb.svg, drawn for ML Workbench) to the formats jpackage takes:
#  - Linux:   mlwb.png (256 px) and mlwb-512.png
#  - Windows: mlwb.ico (16, 32, 48, 64, 128, 256 px)
#  - macOS:   mlwb.iconset/ (run `iconutil -c icns mlwb.iconset` on a Mac to make mlwb.icns)
# Needs ImageMagick. The rendered files are committed, so a build does not need it.
set -euo pipefail
cd "$(dirname "$0")"
convert -background none mlwb.svg -resize 256x256 mlwb.png
convert -background none -density 192 mlwb.svg -resize 512x512 mlwb-512.png
sizes=(16 32 48 64 128 256)
tmp="$(mktemp -d)"
for s in "${sizes[@]}"; do convert -background none mlwb.svg -resize "${s}x${s}" "$tmp/$s.png"; done
convert "${sizes[@]/#/$tmp/}" mlwb.ico 2>/dev/null || convert $(for s in "${sizes[@]}"; do echo "$tmp/$s.png"; done) mlwb.ico
rm -rf mlwb.iconset && mkdir mlwb.iconset
for s in 16 32 128 256 512; do
  convert -background none -density 192 mlwb.svg -resize "${s}x${s}" "mlwb.iconset/icon_${s}x${s}.png"
  d=$((s * 2)); convert -background none -density 384 mlwb.svg -resize "${d}x${d}" "mlwb.iconset/icon_${s}x${s}@2x.png"
done
rm -rf "$tmp"
