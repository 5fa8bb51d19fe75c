#!/usr/bin/env bash
# Install gcmdesk for the current user (no root needed): ~/.local/opt/gcmdesk, a `gcmdesk`
# command in ~/.local/bin, a menu entry and its icon. Run again to update; user data is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
dest="$prefix/opt/gcmdesk"
rm -rf "$dest.new"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" \
         "$prefix/share/icons/hicolor/256x256/apps"
cp -a "$here/gcmdesk" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
ln -sf "$dest/gcmdesk" "$prefix/bin/gcmdesk"
sed "s|^Exec=gcmdesk|Exec=$dest/gcmdesk|" "$here/gcmdesk.desktop" \
    > "$prefix/share/applications/gcmdesk.desktop"
cp "$here/gcmdesk.png" "$prefix/share/icons/hicolor/256x256/apps/gcmdesk.png"
command -v update-desktop-database >/dev/null && \
    update-desktop-database "$prefix/share/applications" 2>/dev/null || true
echo "gcmdesk installed in $dest; start it from the menu or with: $prefix/bin/gcmdesk"
