#!/usr/bin/env bash
# Regenerates the image fixtures in this folder (not run by the build; the outputs are committed).
# Needs a JDK 17+, ZXing core in ~/.m2, and Debian's imagemagick, webp, libimage-exiftool-perl and libjpeg-turbo-progs.
# Every fixture shows reference.png as displayed: a QR symbol reading "qrvid fixture" whose centre is at
# (45.5, 45.5) in a 160x100 image (see MakeReference.java).
set -euo pipefail
cd "$(dirname "$0")"
zxing="$(find ~/.m2/repository/com/google/zxing/core -name 'core-3.5.*.jar' | sort | tail -1)"
java -cp "$zxing" MakeReference.java reference.png
im=/usr/bin/convert

# PNG: 8-bit RGB is reference.png itself; 16-bit grey, 16-bit RGBA, 8-bit grey + alpha, palette.
$im reference.png -colorspace Gray -depth 16 -define png:color-type=0 png-grey16.png
$im reference.png -alpha set -channel A -evaluate set 95% +channel -depth 16 -define png:bit-depth=16 -define png:color-type=6 png-rgba16.png
$im reference.png -colorspace Gray -alpha set -depth 8 -define png:color-type=4 png-grey-alpha8.png
$im reference.png -colors 16 -define png:color-type=3 png-palette.png

# JPEG: each EXIF orientation 1-8. The stored pixels are the displayed image transformed back; exiftool writes
# the Orientation tag (IFD0 0x0112).
declare -A inverse=([1]="" [2]="-flop" [3]="-rotate 180" [4]="-flip" [5]="-transpose" [6]="-rotate 270"
  [7]="-transverse" [8]="-rotate 90")
for o in 1 2 3 4 5 6 7 8; do
  # shellcheck disable=SC2086
  $im reference.png ${inverse[$o]} -quality 92 -sampling-factor 1x1 "jpeg-orientation-$o.jpg"
  exiftool -q -overwrite_original -n -Orientation="$o" "jpeg-orientation-$o.jpg"
  # Independent check: ImageMagick's own -auto-orient must give back the reference.
  $im "jpeg-orientation-$o.jpg" -auto-orient /tmp/qrvid-check.png
  [ "$($im /tmp/qrvid-check.png -format '%wx%h' info:)" = "160x100" ]
done
$im reference.png -quality 92 -interlace JPEG jpeg-progressive.jpg
$im reference.png -colorspace CMYK -quality 92 jpeg-cmyk.jpg       # Adobe APP14 transform 0, inverted CMYK
java MakeYcck.java reference.png jpeg-ycck.jpg                      # Adobe APP14 transform 2
$im reference.png ppm:- | cjpeg -rgb -quality 92 > jpeg-rgb.jpg    # stored as RGB, Adobe APP14 transform 0 (libjpeg-turbo-progs)

# GIF (first frame of an animation), BMP (8-bit RLE), TIFF (LZW).
$im -size 160x100 xc:white /tmp/qrvid-blank.png
$im -delay 50 reference.png /tmp/qrvid-blank.png -loop 0 gif-animated.gif
$im reference.png BMP3:- | $im - -colors 16 -compress RLE BMP3:bmp-rle8.bmp
$im reference.png -compress LZW tiff-lzw.tif

# WebP: lossy (VP8), lossless (VP8L), with alpha (VP8X + ALPH), animated (VP8X + ANMF).
cwebp -quiet -q 92 reference.png -o webp-lossy.webp
cwebp -quiet -lossless reference.png -o webp-lossless.webp
$im reference.png -alpha set -channel A -evaluate set 90% +channel /tmp/qrvid-alpha.png
cwebp -quiet -q 92 -exact /tmp/qrvid-alpha.png -o webp-alpha.webp
img2webp -q 92 reference.png /tmp/qrvid-blank.png -o webp-animated.webp >/dev/null
ls -la
