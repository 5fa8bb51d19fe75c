"""CLI subcommands, one module per area; each has ``register(command)``."""

from . import about, annotations, briefing, reference, search

MODULES = [reference, search, annotations, briefing, about]
