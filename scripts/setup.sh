#!/usr/bin/env bash
# Set up gcmdesk from a clone: system libraries Qt needs, a virtualenv, the Python packages, and
# the reference database. Safe to run again. Usage: scripts/setup.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"

# Debian/Ubuntu packages: Qt's runtime libraries (offscreen and X11), fonts, and for the tests
# poppler-utils and qpdf, which check the exported PDFs.
pkgs=(python3 python3-venv python3-pip libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0
      libglib2.0-0 libfreetype6 libfontconfig1 libdbus-1-3 fonts-dejavu-core
      libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
      libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxcb-xinerama0)
# binutils: PyInstaller strips the bundle in the packaging test
[ "$mode" = test ] && pkgs+=(poppler-utils qpdf xvfb xauth binutils)

# Install the Debian packages among "$@" that are missing (with sudo when not root).
ensure_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=() p sudo=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "gcmdesk setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1
    fi
  fi
  echo "gcmdesk setup: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_packages "${pkgs[@]}"

python="${PYTHON:-python3}"
# PyInstaller (the packaging test) needs Debian's Python as a shared library
if [ "$mode" = test ] && [ "$(command -v "$python")" = /usr/bin/python3 ]; then
  ensure_packages "libpython$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install -q -e '.[test,package]'
else
  .venv/bin/python -m pip install -q -e .
fi
.venv/bin/gcmdesk build-db --quiet >/dev/null
echo "gcmdesk setup: ready ($(.venv/bin/gcmdesk --version))"
