"""gcmdesk: offline desktop reference for the Global Compact for Migration."""

__version__ = "0.1.0"
