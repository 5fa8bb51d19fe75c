#!/usr/bin/env bash
# Remove gcmdesk's program files. Your annotations and briefings (in ~/.local/share/gcmdesk)
# are kept; delete that folder yourself if you want them gone.
set -euo pipefail
prefix="${PREFIX:-$HOME/.local}"
rm -rf "$prefix/opt/gcmdesk"
rm -f "$prefix/bin/gcmdesk" "$prefix/share/applications/gcmdesk.desktop" \
      "$prefix/share/icons/hicolor/256x256/apps/gcmdesk.png"
echo "gcmdesk removed; your data in ~/.local/share/gcmdesk was kept."
