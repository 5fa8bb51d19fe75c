"""CLI subcommands, one module per area; each has ``register(command)``."""

from . import annotations, briefing, reference, search

MODULES = [reference, briefing, search, annotations]
