"""Show the bundle's build figures and self-test in the test run's summary (CI logs)."""

from __future__ import annotations

import pytest

BUNDLE_LOG = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> None:
    lines = config.stash.get(BUNDLE_LOG, [])
    if lines:
        terminalreporter.section("Linux bundle")
        for line in lines:
            terminalreporter.write_line(line)
