"""Copy the licences of gcmdesk's runtime dependencies into resources/licenses/.

Run after changing a dependency: `.venv/bin/python scripts/collect-licenses.py`. Writes one text
file per component and `components.json`, which the About dialog and `gcmdesk about` read;
`tests/core/test_about.py` checks that every installed runtime dependency is listed.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from importlib.metadata import Distribution, distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "licenses"
LGPL = Path("/usr/share/common-licenses")

# Licences the package metadata states loosely, spelled as SPDX expressions.
SPDX = {
    "pyside6-essentials": "LGPL-3.0-only", "shiboken6": "LGPL-3.0-only",
    "reportlab": "BSD-3-Clause", "whoosh-reloaded": "BSD-2-Clause", "uharfbuzz": "Apache-2.0",
    "sqlite-fts4": "Apache-2.0", "click-default-group": "BSD-3-Clause",
    "cached-property": "BSD-3-Clause", "pillow": "MIT-CMU",
}
NOTES = {
    "pyside6-essentials": "Qt for Python (PySide6) and the Qt libraries it bundles, used under "
    "the GNU LGPL v3: they are dynamically linked and can be replaced by the user; their source "
    "is at https://code.qt.io. The LGPL v3 and the GPL v3 it builds on follow.",
}


def runtime_dependencies() -> list[Distribution]:
    seen: dict[str, Distribution] = {}
    todo = ["gcmdesk"]
    while todo:
        for req in distribution(todo.pop()).requires or []:
            if "extra ==" in req:
                continue
            name = re.split(r"[ ;<>=!\[~]", req)[0].lower()
            if name not in seen:
                seen[name] = distribution(name)
                todo.append(name)
    return [seen[k] for k in sorted(seen)]


def licence_text(dist: Distribution) -> str:
    files = [f for f in dist.files or [] if re.search(r"(licen[cs]e|copying)", f.name, re.I)]
    texts = [Path(str(dist.locate_file(f))).read_text(encoding="utf-8", errors="replace")
             for f in files if Path(str(dist.locate_file(f))).is_file()]
    name = dist.metadata["Name"].lower().replace("_", "-")
    if name in ("pyside6-essentials", "shiboken6"):
        texts = [(LGPL / "LGPL-3").read_text(), (LGPL / "GPL-3").read_text()]
    if not texts:
        sys.exit(f"no licence file found for {name}")
    return "\n\n".join([NOTES.get(name, ""), *texts]).strip() + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    components = [{"name": "Python", "version": sys.version.split()[0], "license": "PSF-2.0",
                   "file": "python.txt", "role": "interpreter (in the installers)"}]
    shutil.copyfile(Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}."
                    f"{sys.version_info[1]}" / "LICENSE.txt", OUT / "python.txt")
    for dist in runtime_dependencies():
        name = dist.metadata["Name"].lower().replace("_", "-")
        if name == "pip":
            continue
        file = f"{name}.txt"
        (OUT / file).write_text(licence_text(dist), encoding="utf-8")
        components.append({
            "name": dist.metadata["Name"], "version": dist.version,
            "license": SPDX.get(name) or dist.metadata.get("License-Expression")
            or dist.metadata.get("License", ""), "file": file, "role": "library"})
    components += [
        {"name": "DejaVu fonts", "version": "2.37", "license": "Bitstream-Vera AND DejaVu",
         "file": "../fonts/LICENSE-DejaVu.txt", "role": "PDF fonts (Arabic, Greek, Cyrillic)"},
        {"name": "Liberation fonts", "version": "2", "license": "OFL-1.1",
         "file": "../fonts/LICENSE-Liberation.txt", "role": "PDF fonts"},
        {"name": "Droid Sans Fallback", "version": "6.0.1r16", "license": "Apache-2.0",
         "file": "../fonts/LICENSE-DroidSansFallback.txt", "role": "PDF font (Chinese)"},
    ]
    (OUT / "components.json").write_text(json.dumps(components, indent=1) + "\n",
                                         encoding="utf-8")
    print(f"{len(components)} components in {OUT}")


if __name__ == "__main__":
    main()
