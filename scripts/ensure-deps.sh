#!/bin/sh
# Installs what Backbone needs from Debian when it is missing: libxlsxwriter-dev (found through
# pkg-config), pkg-config itself, and unzip (the workbook tests read parts back with `unzip -p`).
# For the tests that open workbooks in real spreadsheet software it also installs LibreOffice
# (libreoffice-calc-nogui, headless) and python3-openpyxl, and for the Markdown report tests
# cmark-gfm (GitHub's CommonMark, which renders the reports' tables back to HTML); when those
# cannot be installed (no root, no apt, no network) it says so and carries on, and those tests
# skip with a message.
# Idempotent and quiet when everything is present.
set -eu
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists xlsxwriter; then
  missing="$missing libxlsxwriter-dev"
fi
command -v unzip >/dev/null 2>&1 || missing="$missing unzip"

optional=""
command -v soffice >/dev/null 2>&1 || optional="$optional libreoffice-calc-nogui"
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || optional="$optional python3-openpyxl"
command -v cmark-gfm >/dev/null 2>&1 || optional="$optional cmark-gfm"

[ -z "$missing$optional" ] && exit 0

updated=""
apt_update() {
  [ -n "$updated" ] && return 0
  updated=1
  $sudo apt-get update -qq
}

if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2
fi

if [ -n "$optional" ]; then
  echo "installing (for the real-software workbook and Markdown tests):$optional" >&2
  if ! { command -v apt-get >/dev/null 2>&1 && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; } &&
    apt_update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $optional >&2; }; then
    echo "warning: could not install$optional; the LibreOffice/openpyxl workbook and cmark-gfm Markdown tests will be skipped" >&2
  fi
fi
exit 0
