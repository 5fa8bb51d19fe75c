"""CLI subcommands, one module per area; each has ``register(command)``."""

from . import reference

MODULES = [reference]
