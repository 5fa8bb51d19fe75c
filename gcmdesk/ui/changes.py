"""One app-wide "what changed" signal (after Anki's ``OpChanges``).

Any code that changes user data emits ``bus.changed.emit(Changes(annotations=True))`` once the
change is committed; each view connects to ``changed`` and refreshes only what it shows.
:func:`run_operation` does the usual thing: run on the job runner, report errors, emit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from .jobs import Job, JobRunner


@dataclass(frozen=True)
class Changes:
    annotations: bool = False
    briefings: bool = False
    settings: bool = False
    index: bool = False  # the search index was (re)built or its notes changed
    source: object | None = None  # who made the change (a view can skip its own echo)


class ChangeBus(QObject):
    changed = Signal(object)  # Changes


def run_operation(runner: JobRunner, bus: ChangeBus, fn: Callable[..., Any], *args: Any,
                  changes: Changes, label: str = "Saving",
                  on_done: Callable[[Any], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None) -> Job:
    """Run a core call in the background; on success emit ``changes``, then ``on_done``."""

    def done(result: Any) -> None:
        bus.changed.emit(changes)
        if on_done:
            on_done(result)

    return runner.run(fn, *args, label=label, on_done=done, on_error=on_error)
