#!/usr/bin/env bash
# Build the Linux bundle (PyInstaller one-folder) and an installable .tar.gz with install.sh,
# a .desktop file and the icon; then run the bundled executable's --self-test.
# Usage: packaging/build-linux.sh [OUT_DIR]   (default: dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-dist}")"
py=.venv/bin/python
version=$($py -c "import gcmdesk; print(gcmdesk.__version__)")
start=$(date +%s)

$py -m pip install -q -e '.[package]'
.venv/bin/gcmdesk build-db --quiet >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
$py -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$work/dist" --workpath "$work/build" packaging/gcmdesk.spec

bundle="$work/dist/gcmdesk"
stage="$work/gcmdesk-$version"
mkdir -p "$stage"
cp -a "$bundle" "$stage/gcmdesk"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$stage/"
cp packaging/linux/gcmdesk.desktop resources/icons/gcmdesk.png LICENSE "$stage/"
cp packaging/linux/README-install.txt "$stage/README.txt"
mkdir -p "$out"
tarball="$out/gcmdesk-$version-linux-$(uname -m).tar.gz"
tar -C "$work" -czf "$tarball" "gcmdesk-$version"
rm -rf "$out/gcmdesk"
cp -a "$bundle" "$out/gcmdesk"

size_mb=$(du -sm "$bundle" | cut -f1)
echo "gcmdesk bundle: ${size_mb} MB unpacked, $(du -m "$tarball" | cut -f1) MB packed ($tarball)"
echo "gcmdesk bundle: built in $(( $(date +%s) - start )) s"

selftest_dir="$(mktemp -d)"
if QT_QPA_PLATFORM=offscreen "$out/gcmdesk/gcmdesk" --data-dir "$selftest_dir" --self-test; then
  echo "gcmdesk bundle: self-test passed"
else
  echo "gcmdesk bundle: SELF-TEST FAILED" >&2
  exit 1
fi
rm -rf "$selftest_dir"
