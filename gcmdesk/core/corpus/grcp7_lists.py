"""Recommendation lists of the GRCP 7 Summary Report (SPEC doc 003, §3.3).

MUST: R1 the five priorities of 3.1 and R2 the five recommendations of 3.2, each item being its
run-in title. SHOULD: R3–R5 from Annex 3 ¶6–8, which restate them as glyph-less lists. MAY: R6,
the "areas of concrete action" inside 3.2 recommendation 1, and R7, what ISCMs "can" do at the
global, regional and all levels (Background Note). Every ``text`` is a verbatim
substring of the passage it points to; an item that cannot be found is left out with a warning.
"""

from __future__ import annotations

import re

from gcmdesk.core.corpus.cleaning import split_inline_list
from gcmdesk.core.corpus.model import Passage, Recommendation

_R1 = "3.1 Five cross-regional priorities for inclusion in the global compact for migration"
_R2 = (
    "3.2 Five cross-regional recommendations for the follow-up and implementation of the "
    "global compact for migration"
)
_R6_LEAD = "areas of concrete action"
_R7_SECTION = "sec-annex-4-iscm-role-how"
_R7_HEADING = "How can ISCMs contribute to the global compact preparation process?"
_R7_LEAD = re.compile(r"At (?:the )?[a-z ]+? levels? they can: ")
# Items whose bullets were lost: "x and act as…", "x; and act as…", or a stop followed by a
# lower-case verb ("…mobility. compile their inputs…"); the last item is capitalised.
_R7_JOIN = re.compile(r";? and (?=act as\b)|\. (?=[a-z]|Stock-take\b)")


def recommendations(passages: list[Passage], warnings: list[str]) -> list[Recommendation]:
    by_id = {p.local_id: p for p in passages}
    out: list[Recommendation] = []
    out += _titled("R1", _R1, "priority", "priority-", by_id, warnings)
    out += _titled("R2", _R2, "recommendation", "recommendation-", by_id, warnings)
    out += _colon_list("R3", "priority", by_id.get("annex-3-para-6"), warnings)
    out += _colon_list("R4", "recommendation", by_id.get("annex-3-para-7"), warnings)
    out += _sub_items("R5", by_id.get("annex-3-para-8"), passages)
    lead = next((p for p in passages if p.section == "sec-3-2" and _R6_LEAD in p.text), None)
    out += _colon_list("R6", "action", lead, warnings, status="may", after=_R6_LEAD)
    out += _levels_list("R7", [p for p in passages if p.section == _R7_SECTION], warnings)
    return out


def _titled(list_id: str, heading: str, kind: str, prefix: str,
            by_id: dict[str, Passage], warnings: list[str]) -> list[Recommendation]:
    """One recommendation per numbered item: its run-in title."""
    out = []
    for n in range(1, 6):
        p = by_id.get(f"{prefix}{n}")
        if p is None or not p.title:
            warnings.append(f"{list_id}: item {n} missing")
            continue
        out.append(Recommendation(list_id, heading, str(n), kind, "must", p.title, p.local_id,
                                  p.title))
    return out


def _colon_list(list_id: str, kind: str, p: Passage | None, warnings: list[str],
                status: str = "should", after: str = "") -> list[Recommendation]:
    """Items of a lead-in ``…: a; b; and c.`` inside one passage (glyphs lost)."""
    if p is None:
        warnings.append(f"{list_id}: passage not found")
        return []
    colon = p.text.find(": ", p.text.find(after) if after else 0)
    stop_before = p.text.rfind(". ", 0, colon)
    lead_start = stop_before + 2 if after and stop_before >= 0 else 0  # the lead-in sentence
    heading = p.text[lead_start : colon + 1]
    stop = p.text.find(". ", colon)
    body = p.text[colon + 2 : stop if after and stop > 0 else len(p.text)]
    out = []
    for k, item in enumerate(split_inline_list(body), start=1):
        if item not in p.text:  # cannot happen unless split_inline_list rewrites text
            warnings.append(f"{list_id}: item {k} not verbatim")
            continue
        out.append(Recommendation(list_id, heading, str(k), kind, status, item, p.local_id))
    return out


def _sub_items(list_id: str, p: Passage | None, passages: list[Passage]) -> list[Recommendation]:
    """Lettered sub-items ``a.``–``c.`` of a paragraph, one recommendation each."""
    if p is None:
        return []
    out = []
    for sub in passages:
        if sub.parent == p.local_id and sub.kind == "sub_item":
            text = sub.text.removesuffix("; and").rstrip(";.")
            out.append(Recommendation(list_id, p.text, sub.number or "", "recommendation",
                                      "should", text, sub.local_id))
    return out


def _levels_list(list_id: str, section: list[Passage], warnings: list[str]
                 ) -> list[Recommendation]:
    """``At the global level they can: x and y. At all levels they can: …`` -> x, y, …"""
    out: list[Recommendation] = []
    for p in section:
        leads = list(_R7_LEAD.finditer(p.text))
        for k, lead in enumerate(leads):
            end = leads[k + 1].start() if k + 1 < len(leads) else len(p.text)
            for item in _R7_JOIN.split(p.text[lead.end() : end]):
                item = item.strip().rstrip(".")
                out.append(Recommendation(list_id, _R7_HEADING, str(len(out) + 1), "action",
                                          "may", item, p.local_id))
    if len(out) != 8:
        warnings.append(f"{list_id}: {len(out)} items, expected 8")
    return out
