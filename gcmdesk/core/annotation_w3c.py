"""W3C Web Annotation (JSON-LD) for annotations: the export shape and the validating import.

Export: an ``AnnotationCollection`` with one ``AnnotationPage``. Each annotation targets a
``SpecificResource`` whose ``source`` is ``urn:gcmdesk:passage:<passage id>``, with a
TextQuoteSelector and a TextPositionSelector; the note is a ``commenting`` TextualBody, each tag
a ``tagging`` one, the colour's name a ``classifying`` one, and the colour itself the target's
``styleClass`` (with the ``stylesheet`` defining it, as the model requires). gcmdesk's extras
(citation, anchor status, passage hash) are ``gcmdesk:`` terms declared in a second context, the
model's way to extend it. Import accepts what other tools write too, and refuses a whole file
with one message naming the first problem.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from .anchoring import ANCHORED, MOVED, Selectors
from .annotation_model import Annotation, Color, clean_note, clean_tags
from .annotations import AnnotationStore
from .errors import GcmdeskError, InvalidInput
from .userdb import now_iso

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "urn:gcmdesk:terms:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"gcmdesk": NS}]
PASSAGE_URN = "urn:gcmdesk:passage:"
STYLE_PREFIX = "gcmdesk-"
MAX_ITEMS = 100_000
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_NOTE_PURPOSES = {None, "commenting", "describing", "replying", "editing", "questioning"}


# export ------------------------------------------------------------------------------------


def motivation(a: Annotation) -> str:
    if a.note:
        return "commenting"
    if a.color:
        return "highlighting"
    return "tagging" if a.tags else "bookmarking"


def to_w3c(a: Annotation, colors: dict[str, Color]) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if a.note:
        bodies.append({"type": "TextualBody", "value": a.note, "format": "text/plain",
                       "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    target: dict[str, Any] = {"type": "SpecificResource", "source": PASSAGE_URN + a.passage_id}
    if not a.selectors.whole_passage:
        target["selector"] = a.selectors.to_w3c()
    out: dict[str, Any] = {
        "@context": CONTEXT, "id": a.id, "type": "Annotation", "motivation": motivation(a),
        "created": a.created, "modified": a.modified,
        "creator": {"type": "Person", "name": a.creator},
    }
    color = colors.get(a.color or "")
    if color is not None:
        bodies.append({"type": "TextualBody", "value": color.name, "purpose": "classifying"})
        target["styleClass"] = STYLE_PREFIX + color.key
        out["stylesheet"] = {"type": "CssStylesheet", "value":
                             f".{STYLE_PREFIX}{color.key} {{ background-color: {color.rgb}; }}"}
    if bodies:
        out["body"] = bodies
    out["target"] = target
    out["gcmdesk:citation"] = a.citation or ""
    out["gcmdesk:anchorStatus"] = a.anchor_status
    out["gcmdesk:passageSha1"] = a.passage_sha1
    if a.quote_original is not None:
        out["gcmdesk:quoteOriginal"] = a.quote_original
    return out


def export_w3c(store: AnnotationStore, anns: list[Annotation],
               label: str = "gcmdesk annotations") -> dict[str, Any]:
    colors = {c.key: c for c in store.colors()}
    out: dict[str, Any] = {
        "@context": CONTEXT, "id": f"urn:uuid:{uuid.uuid4()}", "type": "AnnotationCollection",
        "label": label, "creator": {"type": "Person", "name": store.display_name()},
        "created": now_iso(), "total": len(anns),
    }
    if anns:
        out["first"] = {"id": f"urn:uuid:{uuid.uuid4()}", "type": "AnnotationPage",
                        "startIndex": 0, "items": [to_w3c(a, colors) for a in anns]}
    return out


# import ------------------------------------------------------------------------------------


def _types(obj: dict[str, Any]) -> list[Any]:
    t = obj.get("type", obj.get("@type"))
    return t if isinstance(t, list) else [t]


def _one(value: Any, where: str) -> Any:
    """A property that may be written as a value or a one-item list."""
    if isinstance(value, list):
        if len(value) != 1:
            raise InvalidInput(f"{where} must have exactly one value, not {len(value)}.")
        return value[0]
    return value


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def has_anno_context(obj: dict[str, Any]) -> bool:
    return ANNO_CONTEXT in _as_list(obj.get("@context"))


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 2000 and bool(_URI.match(value))


def normalize_time(value: Any, where: str) -> str:
    """An xsd:dateTime as gcmdesk stores it ('2026-12-05T10:11:12.345Z'), comparable as text."""
    if not isinstance(value, str):
        raise InvalidInput(f"{where} is not a date-time string.")
    try:
        t = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"{where} “{value[:40]}” is not an ISO 8601 date-time.") from exc
    t = (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + f".{t.microsecond // 1000:03d}Z"


def annotation_list(doc: Any) -> list[Any]:
    """The annotations of a Collection (single page), a Page, one Annotation, or a JSON list."""
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        raise InvalidInput("This is not a W3C Web Annotation file (expected a JSON object).")
    types = _types(doc)
    if "Annotation" in types:
        if not has_anno_context(doc):
            raise InvalidInput(f"The annotation has no @context “{ANNO_CONTEXT}”.")
        return [doc]
    if "AnnotationCollection" not in types and "AnnotationPage" not in types:
        raise InvalidInput("This is not a W3C Web Annotation file: expected an "
                           "AnnotationCollection, AnnotationPage or Annotation.")
    if not has_anno_context(doc):
        raise InvalidInput(f"The file's @context does not include “{ANNO_CONTEXT}”.")
    page = doc
    if "AnnotationCollection" in types:
        total = doc.get("total", 0)
        if "first" not in doc:
            if total:
                raise InvalidInput("The collection has a total but no first page.")
            return []
        page = _one(doc["first"], "The collection's first page")
        if not isinstance(page, dict):
            raise InvalidInput("The collection's pages are links, not included in the file; "
                               "export it with its annotations embedded.")
    if page.get("next"):
        raise InvalidInput("The collection has several pages; only one-page files can be read.")
    items = page.get("items")
    if not isinstance(items, list):
        raise InvalidInput("The annotation page has no list of items.")
    return items


def parse_items(doc: Any, store: AnnotationStore) -> list[Annotation]:
    """Every annotation in ``doc``, validated and anchored; raises on the first bad one."""
    items = annotation_list(doc)
    if len(items) > MAX_ITEMS:
        raise InvalidInput(f"The file has {len(items):,} annotations; the limit is {MAX_ITEMS:,}.")
    seen: set[str] = set()
    out = []
    for n, item in enumerate(items, start=1):
        try:
            a = parse_annotation(item, store)
        except GcmdeskError as exc:
            raise InvalidInput(f"Annotation {n}: {exc}") from exc
        if a.id in seen:
            raise InvalidInput(f"Annotation {n}: the id {a.id} appears twice in the file.")
        seen.add(a.id)
        out.append(a)
    return out


def _target(item: dict[str, Any], store: AnnotationStore) -> tuple[str, dict[str, Any]]:
    if "target" not in item:
        raise InvalidInput("it has no target.")
    target = _one(item["target"], "the target")
    if isinstance(target, str):
        target = {"source": target}
    if not isinstance(target, dict):
        raise InvalidInput("its target is neither a link nor an object.")
    source = target.get("source", target.get("id"))
    if not isinstance(source, str) or not source:
        raise InvalidInput("its target has no source.")
    if not source.startswith(PASSAGE_URN):
        raise InvalidInput(f"its target “{source[:80]}” is not a gcmdesk passage "
                           f"({PASSAGE_URN}…).")
    passage_id = source[len(PASSAGE_URN):]
    if store.passage(passage_id) is None:
        raise InvalidInput(f"its target passage '{passage_id[:80]}' is not in this library.")
    return passage_id, target


def _selectors(target: dict[str, Any], text: str) -> tuple[Selectors, bool]:
    """The target's selectors, and whether they gave a position (else only a quote)."""
    raw = _as_list(target.get("selector"))
    if not raw:
        return Selectors(exact=text), True  # the whole passage, as it reads here
    if not all(isinstance(s, dict) for s in raw):
        raise InvalidInput("a selector is not an object.")
    quote = next((s for s in raw if "TextQuoteSelector" in _types(s)), None)
    pos = next((s for s in raw if "TextPositionSelector" in _types(s)), None)
    if quote is None and pos is None:
        raise InvalidInput("its target has no TextQuoteSelector or TextPositionSelector.")
    start = end = None
    if pos is not None:
        start, end = pos.get("start"), pos.get("end")
        if not all(type(v) is int and v >= 0 for v in (start, end)) or start >= end:
            raise InvalidInput("its TextPositionSelector needs whole numbers start < end.")
    if quote is None:
        if end > len(text):
            raise InvalidInput("its TextPositionSelector lies beyond the end of the passage.")
        exact, prefix, suffix = text[start:end], "", ""
    else:
        exact, prefix, suffix = (quote.get(k, "") for k in ("exact", "prefix", "suffix"))
        if not isinstance(exact, str) or not exact:
            raise InvalidInput("its TextQuoteSelector has no exact text.")
        if not isinstance(prefix, str) or not isinstance(suffix, str):
            raise InvalidInput("its TextQuoteSelector prefix and suffix must be text.")
    if start is None:  # a quote alone: look for it from the top of the passage
        return Selectors(exact, prefix, suffix, 0, len(exact)), False
    return Selectors(exact, prefix, suffix, start, end), True


def _bodies(item: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """(note, tags, colour names) from the bodies; anything but text is refused."""
    notes, tags, classes = [], [], []
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    for n, body in enumerate(_as_list(item.get("body")), start=1):
        if isinstance(body, str) or not isinstance(body, dict) or not isinstance(
                body.get("value"), str):
            raise InvalidInput(f"body {n} is not a TextualBody with a text value "
                               "(gcmdesk keeps text notes and tags only).")
        purposes = _as_list(body.get("purpose")) or [None]
        if "tagging" in purposes:
            tags.append(body["value"])
        elif "classifying" in purposes or "highlighting" in purposes:
            classes.append(body["value"])
        elif set(purposes) & _NOTE_PURPOSES:
            notes.append(body["value"])
    return "\n\n".join(notes), tags, classes


def _color(target: dict[str, Any], classes: list[str], highlighting: bool,
           store: AnnotationStore) -> str | None:
    colors = store.colors()
    for style in _as_list(target.get("styleClass")):
        if isinstance(style, str) and style.startswith(STYLE_PREFIX):
            key = style[len(STYLE_PREFIX):]
            if any(c.key == key for c in colors):
                return key
    by_name = {c.name.casefold(): c.key for c in colors}
    for name in classes:
        if name.casefold() in by_name:
            return by_name[name.casefold()]
    return colors[0].key if highlighting and colors else None


def _creator(item: dict[str, Any]) -> str:
    creator = item.get("creator")
    creator = creator[0] if isinstance(creator, list) and creator else creator
    if isinstance(creator, dict):
        name = creator.get("name", creator.get("nickname"))
        name = name[0] if isinstance(name, list) and name else name
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())[:200]
    if isinstance(creator, str) and creator.strip():
        return creator.strip()[:200]
    return "unknown"


def parse_annotation(item: Any, store: AnnotationStore) -> Annotation:
    if not isinstance(item, dict):
        raise InvalidInput("it is not a JSON object.")
    if "Annotation" not in _types(item):
        raise InvalidInput("its type is not Annotation.")
    if "@context" in item and not has_anno_context(item):
        raise InvalidInput(f"its @context does not include “{ANNO_CONTEXT}”.")
    ann_id = item.get("id")
    if not is_uri(ann_id):
        raise InvalidInput("it has no id, or its id is not a URI.")
    passage_id, target = _target(item, store)
    passage = store.passage(passage_id)
    assert passage is not None  # checked by _target
    selectors, had_position = _selectors(target, passage.text)
    note, tags, classes = _bodies(item)
    motivations = _as_list(item.get("motivation"))
    if not all(isinstance(m, str) for m in motivations):
        raise InvalidInput("its motivation is not a word such as highlighting.")
    created = normalize_time(item["created"], "its created date") if "created" in item else None
    modified = (normalize_time(item["modified"], "its modified date") if "modified" in item
                else created) or now_iso()
    sha1 = item.get("gcmdesk:passageSha1")
    original = item.get("gcmdesk:quoteOriginal")
    a = Annotation(
        id=ann_id, passage_id=passage_id,
        color=_color(target, classes, "highlighting" in motivations, store),
        note=clean_note(note), tags=clean_tags(tags), selectors=selectors,
        ref_content_hash=store.content_hash, passage_sha1=sha1 if isinstance(sha1, str) else "",
        anchor_status=ANCHORED, creator=_creator(item), created=created or modified,
        modified=modified, quote_original=original if isinstance(original, str) else None)
    found = store.anchored_to_current(a)
    if not had_position and found.anchor_status == MOVED:  # no position to have moved from
        found = replace(found, anchor_status=ANCHORED)
    return replace(found, citation=passage.citation)
