"""Document sets as Python ints (bit i = document number i), cached per searcher.

Whoosh counts hits by iterating every matching posting in Python: on a large index an exact
total costs more than the ranking itself. Here a term's postings are read once into an int;
totals and facet counts are then ``&``, ``|`` and ``int.bit_count()``, which run in C.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.idsets import DocIdSet

_TERM_CACHE = 4096  # terms; one bitset is doc_count / 8 bytes (5 kB for 40,000 items)


def from_ids(ids: Iterable[int], size: int) -> int:
    buf = bytearray((size + 8) // 8)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def ids_of(bits: int) -> list[int]:
    """The document numbers in a set (for small sets: cost grows with the highest number)."""
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


class DocSets:
    """Term and facet document sets of one Whoosh reader. Not shared between readers."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.size = reader.doc_count_all()
        self.all = (1 << self.size) - 1
        deleted = from_ids((offset + doc for leaf, offset in reader.leaf_readers()
                            if leaf.has_deletions() for doc in leaf.deleted_docs_set), self.size)
        self.live = self.all & ~deleted
        self._terms: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._values: dict[str, dict[str, int]] = {}

    def term(self, field: str, text: str) -> int:
        key = (field, text)
        bits = self._terms.get(key)
        if bits is not None:
            self._terms.move_to_end(key)
            return bits
        try:
            postings = self.reader.postings(field, text)
        except Exception:  # TermNotFound: the term is not in the index
            bits = 0
        else:
            bits = from_ids(postings.all_ids(), self.size) & self.live
        self._terms[key] = bits
        if len(self._terms) > _TERM_CACHE:
            self._terms.popitem(last=False)
        return bits

    def any_of(self, pairs: Iterable[tuple[str, str]]) -> int:
        bits = 0
        for field, text in pairs:
            bits |= self.term(field, text)
        return bits

    def all_of(self, pairs: Iterable[tuple[str, str]]) -> int:
        bits = self.live
        for field, text in pairs:
            bits &= self.term(field, text)
            if not bits:
                break
        return bits

    def values(self, field: str) -> dict[str, int]:
        """Every value of a keyword field with its document set (the facet sets)."""
        found = self._values.get(field)
        if found is None:
            found = {}
            if field in self.reader.indexed_field_names():
                for btext in self.reader.lexicon(field):
                    text = btext.decode("utf-8")
                    found[text] = self.term(field, text)
            self._values[field] = found
        return found

    def counts(self, field: str, within: int) -> dict[str, int]:
        out = {value: (bits & within).bit_count() for value, bits in self.values(field).items()}
        return {value: n for value, n in out.items() if n}


class BitsFilter(DocIdSet):
    """A document set Whoosh's collector can test (``filter=``): a byte lookup per candidate."""

    def __init__(self, bits: int, size: int) -> None:
        self.bits = bits
        self.buf = bits.to_bytes((size + 8) // 8, "little")
        self.count = bits.bit_count()

    def __contains__(self, doc: object) -> bool:
        return isinstance(doc, int) and bool(self.buf[doc >> 3] >> (doc & 7) & 1)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:  # an empty filter still filters (Whoosh tests truthiness)
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(ids_of(self.bits))
