"""The job runner: results, errors and progress come back on the GUI thread; cancel works."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, QThread, Signal
from pytestqt.qtbot import QtBot

from gcmdesk.ui.changes import ChangeBus, Changes, run_operation
from gcmdesk.ui.jobs import JobRunner


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = JobRunner()
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(n: int, progress, cancel: threading.Event) -> int:
        seen["worker"] = threading.current_thread().name
        for i in range(n):
            progress(i + 1, n, f"step {i + 1}")
        return n * 2

    steps: list[tuple[int, int, str]] = []

    def on_progress(d: int, t: int, m: str) -> None:
        assert QThread.currentThread() is gui
        steps.append((d, t, m))

    def on_done(result: object) -> None:
        assert QThread.currentThread() is gui
        seen["result"] = result

    job = runner.run(work, 3, label="Work", on_done=on_done, on_progress=on_progress)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 6 and seen["worker"] != threading.main_thread().name
    assert steps == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert not job.running and not runner.busy


def test_errors_are_delivered_not_raised(qtbot: QtBot) -> None:
    runner = JobRunner()
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("disk on fire")

    runner.run(boom, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "disk on fire"


def test_cancel_reaches_the_core_function(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()
    outcome: list[str] = []

    def slow(cancel: threading.Event) -> str:
        started.set()
        return "cancelled" if cancel.wait(10) else "timed out"

    job = runner.run(slow, on_done=outcome.append)
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]


def test_synchronous_runner_and_the_change_signal(qtbot: QtBot) -> None:
    runner = JobRunner(synchronous=True)
    bus = ChangeBus()
    changes: list[Changes] = []
    bus.changed.connect(changes.append)
    results: list[int] = []
    run_operation(runner, bus, lambda: 42, changes=Changes(annotations=True),
                  on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results == [42] and changes == [Changes(annotations=True)]


def test_void_calls_and_emits_keep_none_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and emit,
    and the interpreter aborts after a few thousand (why pyproject pins 6.11.3)."""

    class Obj(QObject):
        sig = Signal(int)

    o = Obj()
    o.sig.connect(lambda _v: None)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        o.setObjectName("x")
        o.sig.emit(1)
    assert sys.getrefcount(None) >= before - 100
