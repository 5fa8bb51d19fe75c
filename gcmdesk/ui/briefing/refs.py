"""Item references on the clipboard and in drag-and-drop: one MIME type for the whole app.

A drag from the search results (or anything else that can name passages, recommendations,
objectives or notes) carries ``application/x-gcmdesk-refs``: a JSON list of briefing item ids
such as ``a-72-643/para-44``, ``a-72-643/rec-r1-a``, ``objective:13`` or ``urn:uuid:…``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData

from ...core.search import Hit

REFS_MIME = "application/x-gcmdesk-refs"


def hit_ref(hit: Hit) -> str | None:
    """The briefing item id of a search hit (None for kinds a briefing cannot hold)."""
    if hit.kind in ("passage", "recommendation", "note"):
        return hit.id
    if hit.kind == "objective":
        return f"objective:{hit.id.rsplit('/', 1)[-1]}"
    return None


def refs_mime(refs: Sequence[str], text: str = "") -> QMimeData:
    """Mime data for a drag: the refs, plus plain text for other applications."""
    data = QMimeData()
    data.setData(REFS_MIME, json.dumps(list(refs)).encode())
    data.setText(text or "\n".join(refs))
    return data


def refs_from_mime(data: QMimeData) -> list[str]:
    if not data.hasFormat(REFS_MIME):
        return []
    try:
        refs = json.loads(bytes(data.data(REFS_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [r for r in refs if isinstance(r, str) and r] if isinstance(refs, list) else []
