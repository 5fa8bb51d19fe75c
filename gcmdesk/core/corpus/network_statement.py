"""UN Network on Migration statement (profile C): its bulleted list is a call to action."""

from __future__ import annotations

from .model import ParsedDocument, Recommendation
from .profile_c import parse as parse_profile_c


def parse(text: str) -> ParsedDocument:
    doc = parse_profile_c(text)
    by_id = {p.local_id: p for p in doc.passages}
    items = [p for p in doc.passages if p.kind == "list_item" and p.parent]
    for n, item in enumerate(items, start=1):
        lead_in = by_id[item.parent]  # type: ignore[index]
        doc.recommendations.append(
            Recommendation(
                list_id="R1", list_heading=lead_in.text, number=str(n),
                type="call_to_action", status="must", text=item.text, passage=item.local_id,
            )
        )
    return doc
