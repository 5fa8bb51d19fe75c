"""PyInstaller entry point: the same `gcmdesk` command as the installed script."""

import sys

from gcmdesk.cli import main

sys.exit(main())
