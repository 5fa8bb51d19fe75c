"""Text repairs shared by the parsers: soft wraps, split compounds, kerning splits, furniture."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

_WS = re.compile(r"\s+")
URL_LINE = re.compile(r"^\s*(https?://|www\.)\S*\s*$")
# "Secretary -General", "well -managed", "Secretary- General", "inter- State"; never " - " (a dash)
_SPLIT_BEFORE = re.compile(r"(?<=\w) -(?=\w)")
_SPLIT_AFTER = re.compile(r"(?<=\w)- (?!(?:and|or|to|nor)\b)(?=\w)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_WORD = re.compile(r"[A-Za-z]+")


def collapse(text: str) -> str:
    """One space for every run of whitespace, trimmed."""
    return _WS.sub(" ", text).strip()


def is_url_line(line: str) -> bool:
    return bool(URL_LINE.match(line))


def join_wrapped(lines: Iterable[str]) -> str:
    """Join hard-wrapped lines of one paragraph.

    A line-final hyphen is a real compound hyphen in these documents (``post-`` + ``arrival``):
    join without a space and keep it. A line ending `` -`` is a split compound
    (``Secretary -`` + ``General``): drop the space.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith(" -"):
            out = out[:-2] + "-" + line
        elif out.endswith("-") and not out.endswith(" -") and not line.startswith("-"):
            out += line
        else:
            out += " " + line
    return fix_split_compounds(collapse(out))


def fix_split_compounds(text: str) -> str:
    """``word -word`` and ``word- word`` become ``word-word``; a spaced dash `` - `` is kept."""
    return _SPLIT_AFTER.sub("-", _SPLIT_BEFORE.sub("-", text))


def strip_markdown_links(text: str) -> str:
    """``[link text](#)`` becomes ``link text``."""
    return _MD_LINK.sub(r"\1", text)


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text)]


class KerningRepair:
    """Join words the PDF extractor split in two (``benefi t``, ``t he``, ``au thorities``).

    Two tokens are joined only when their concatenation is a word seen elsewhere in the corpus
    and at least one of them is not a normal word (seen fewer than ``min_count`` times on its
    own). Two ordinary words are never joined: "of ten joint recommendations" stays.
    """

    _ALPHA = re.compile(r"^[A-Za-z]{1,14}$")
    _ALPHA_PUNCT = re.compile(r"^([a-z]{1,14})([^A-Za-z]*)$")
    _STANDALONE = frozenset({"a", "i"})

    def __init__(self, corpus_texts: Iterable[str], min_count: int = 2) -> None:
        self.counts = Counter(w for t in corpus_texts for w in words(t))
        self.min_count = min_count

    def _normal(self, token: str) -> bool:
        t = token.lower()
        if len(t) == 1:
            return t in self._STANDALONE
        return self.counts[t] >= self.min_count

    def repair(self, text: str) -> tuple[str, list[str]]:
        """Return the repaired text and one log line per join."""
        log: list[str] = []
        tokens = text.split(" ")
        out: list[str] = []
        i = 0
        while i < len(tokens):
            left = tokens[i]
            nxt = self._ALPHA_PUNCT.match(tokens[i + 1]) if i + 1 < len(tokens) else None
            if nxt and self._ALPHA.match(left):
                right, tail = nxt.groups()
                whole = left + right
                if self.counts[whole.lower()] >= 1 and not (
                    self._normal(left) and self._normal(right)
                ):
                    log.append(f"kerning: '{left} {right}' -> '{whole}'")
                    tokens[i + 1] = whole + tail  # may join again with the next token
                    i += 1
                    continue
            out.append(left)
            i += 1
        return " ".join(out), log


# A sentence ends at . ? ! (plus closing quotes/brackets) before a capital or an opening quote.
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])[\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z])")
_ABBREVIATIONS = frozenset(
    {"e.g.", "i.e.", "cf.", "h.e.", "mr.", "ms.", "mrs.", "dr.", "no.", "para.", "paras.", "vs."}
)
# A short number or letter before the stop is a list label ("and 2. The role"), not an end.
_LABEL = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\.$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, trimmed, in order."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        before = text[cur : m.start()].split()
        token = before[-1].lower().lstrip("(\"“‘[") if before else ""
        if token in _ABBREVIATIONS or _LABEL.match(token):
            continue
        spans.append((cur, m.start()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def group_sentences(
    text: str, spans: list[tuple[int, int]], max_words: int = 120
) -> list[tuple[int, int]]:
    """Consecutive sentences in groups of at most ``max_words`` words (a longer sentence stands
    alone), balanced so that no short remnant trails; returns each group's (start, end)."""
    sizes = [len(text[a:b].split()) for a, b in spans]
    target = sum(sizes) / max(1, math.ceil(sum(sizes) / max_words))
    groups: list[tuple[int, int]] = []
    words_in = 0
    for (a, b), n in zip(spans, sizes, strict=True):
        if groups and words_in + n <= max_words and words_in < target:
            groups[-1] = (groups[-1][0], b)
            words_in += n
        else:
            groups.append((a, b))
            words_in = n
    return groups


def split_inline_list(text: str) -> list[str]:
    """Items of a list whose glyphs were lost: ``x; y; and z.``

    A leading ``and`` and the final stop are dropped. Once an item opens a nested list with a
    colon (``by, among others: a; b``), the rest belongs to that item.
    """
    items: list[str] = []
    for part in text.split("; "):
        if items and ":" in items[-1]:
            items[-1] += "; " + part
        else:
            items.append(part)
    out = []
    for item in items:
        item = item.strip().rstrip(".;").strip()
        item = item.removeprefix("and ")
        if item:
            out.append(item)
    return out
