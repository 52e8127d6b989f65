#!/bin/sh
# Installs what Backbone needs from Debian when it is missing: libxlsxwriter-dev (found through
# pkg-config), pkg-config itself, and unzip (the workbook test reads parts back with `unzip -p`).
set -eu
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists xlsxwriter; then
  missing="$missing libxlsxwriter-dev"
fi
command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "installing:$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2
