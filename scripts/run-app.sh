#!/usr/bin/env bash
# Set everything up (first run only takes long) and open gcmdesk on its bundled documents.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
exec .venv/bin/gcmdesk "$@"
