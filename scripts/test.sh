#!/usr/bin/env bash
# Set everything up and run the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
