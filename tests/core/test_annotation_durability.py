"""Kill -9 at any moment loses nothing that was reported saved, and leaves a sound database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from gcmdesk.core.library import Library

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from gcmdesk.core.library import Library

    lib = Library.open(sys.argv[1], reference_db=Path(sys.argv[2]))
    store = lib.annotations
    i = 0
    while True:
        a = store.create("un-network-2021-migrants-day/p-4", i % 50, i % 50 + 9,
                         note=f"note {i} " + "é" * (i % 300), tags=[f"t{i % 7}"]).after
        if i % 3 == 0:  # an edit right after: its new note must survive too
            a = store.update(a.id, note=f"edited {i}").after
        print(a.id, a.note.split()[0], flush=True)  # reported saved: committed
        i += 1
""")


def test_sigkill_mid_run_loses_nothing_saved(data_dir: Path, reference_db: Path) -> None:
    Library.open(data_dir, reference_db=reference_db).close()  # migrations done beforehand
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), str(reference_db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    saved: dict[str, str] = {}
    try:
        while len(saved) < 120:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "writer stopped"
            ann_id, word = line.split()
            saved[ann_id] = word
    finally:
        proc.send_signal(signal.SIGKILL)  # mid-write: it never stops between annotations
        proc.wait(timeout=10)
        saved.update(  # lines printed before the kill landed were saved as well
            dict(line.split() for line in proc.stdout.read().splitlines() if line.strip()))
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(data_dir / "user.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    lib = Library.open(data_dir, reference_db=reference_db)
    stored = {a.id: a.note.split()[0] for a in lib.annotations.find()}
    lib.close()
    missing = set(saved) - set(stored)
    assert not missing, f"{len(missing)} saved annotations lost"
    assert all(stored[i] == word for i, word in saved.items())  # edits kept as well
    assert "edited" in saved.values()
