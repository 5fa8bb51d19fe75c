"""The Linux installer: build the PyInstaller bundle and the .tar.gz, run the bundle's self-test.

Slow (about a minute): it is the real build users get. Its figures go into the test log.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import BUNDLE_LOG

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT_MB = 150


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
          ) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([str(ROOT / "packaging" / "build-linux.sh"), str(out)],
                          capture_output=True, text=True, timeout=1200)
    log = proc.stdout + proc.stderr
    request.config.stash[BUNDLE_LOG] = [  # printed in the test summary (conftest.py)
        line for line in log.splitlines()
        if line.startswith(("gcmdesk bundle:", "ok ", "FAIL", "self-test"))]
    assert proc.returncode == 0, log[-3000:]
    return out, log


def test_bundle_self_test_passes(build: tuple[Path, str]) -> None:
    _, log = build
    assert "gcmdesk bundle: self-test passed" in log
    for step in ("reference database", "search index", "search", "annotation", "briefing PDF",
                 "main window"):
        assert re.search(rf"^ok +{step}:", log, re.M), step


def test_bundle_size_within_target(build: tuple[Path, str]) -> None:
    _, log = build
    size = int(re.search(r"gcmdesk bundle: (\d+) MB unpacked", log).group(1))  # type: ignore[union-attr]
    assert size <= SIZE_LIMIT_MB


def test_tarball_installs_for_a_user(build: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = build
    tarball = next(out.glob("gcmdesk-*-linux-*.tar.gz"))
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(tmp_path)], check=True)  # as a user
    folder = next(tmp_path.glob("gcmdesk-*"))
    names = {p.name for p in folder.iterdir()}
    assert {"gcmdesk", "install.sh", "uninstall.sh", "gcmdesk.desktop", "gcmdesk.png",
            "LICENSE", "README.txt"} <= names
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run([str(folder / "install.sh")], check=True, env=env, capture_output=True)
    exe = home / ".local" / "bin" / "gcmdesk"
    desktop = (home / ".local/share/applications/gcmdesk.desktop").read_text()
    assert f"Exec={home}/.local/opt/gcmdesk/gcmdesk" in desktop
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and version.stdout.startswith("gcmdesk ")
    # the bundle never writes into its install folder: user data goes to the data dir
    listing = sorted(p.relative_to(home) for p in (home / ".local/opt").rglob("*"))
    subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "docs"], check=True,
                   env=env, capture_output=True)
    assert sorted(p.relative_to(home) for p in (home / ".local/opt").rglob("*")) == listing
    subprocess.run([str(folder / "uninstall.sh")], check=True, env=env, capture_output=True)
    assert not exe.exists() and not (home / ".local/opt/gcmdesk").exists()
