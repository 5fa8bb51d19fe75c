"""Build a new Whoosh segment in bulk: the same files Whoosh writes, without its per-posting cost.

Whoosh's ``SegmentWriter.add_document`` sends every posting as a tuple through an external
merge sort (pickled one by one to run files once ``limitmb`` is reached), then reads every
posting back, looks up its document's field length in the column file just written, and adds it
to a block one call at a time: ~14 µs per posting, and a large library has ~10 M postings.

Here the postings of a fresh segment are gathered in memory, per field and term, as two arrays
(document numbers, in order; frequencies), with the field lengths kept alongside; then each
term's posting list is cut into Whoosh's 128-posting blocks with slicing, ``min``/``max``,
``struct`` and ``pickle`` — C calls per block instead of Python calls per posting. The stored
fields, lengths and segment/TOC files still go through Whoosh's own per-document and segment
writers, and the blocks and term infos are the bytes ``W3PostingsWriter`` would have written
(``tests/core/test_search_index.py`` compares both writers' postings), so every reader and the
ordinary writer (used for the few user items added later) work unchanged.

Only for a writer on an index with no segments yet (nothing for Whoosh's merge policy to fold
into the pool), with the ``whoosh3`` codec and fixed-size posting values.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections import Counter
from operator import itemgetter, sub
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

_INT = struct.Struct("!i")


class _Terms:
    """The postings of one field: term -> (document numbers, frequencies or weights)."""

    __slots__ = ("lists", "values")

    def __init__(self) -> None:
        self.lists: dict[str, tuple[array[int], array[Any]]] = {}
        self.values: dict[str, bytearray] = {}  # fields whose values are not the frequency


class BulkSegmentWriter:
    """A fresh segment written in one go. ``add(fields, tokens)``, then ``commit()``.

    ``tokens`` maps an indexed field to its words, already analysed (in the order of the text,
    repeats included): they are indexed as the field's terms with their counts, as
    ``AnalyzedField.index`` would index them. Other indexed fields go through ``field.index``.
    """

    def __init__(self, ix: Any) -> None:
        self.writer = w = ix.writer()
        try:
            if w.segments or not isinstance(w.codec, W3Codec):
                raise ValueError("bulk writing needs a new, empty whoosh3 index")
            self.schema = w.schema
            self.docnum = 0
            self._terms: dict[str, _Terms] = {}
            # per scorable field: each document's length as Whoosh reads it back (byte-coded)
            self._lengths: dict[str, array[int]] = {}
            self._plain: dict[str, bool] = {}  # field -> its postings are plain frequencies
        except BaseException:
            w.cancel()
            raise

    def _field_terms(self, name: str, field: Any, tokens: bool) -> _Terms:
        terms = self._terms.get(name)
        if terms is None:
            size = field.format.fixed_value_size()
            if size is None or size < 0:
                raise ValueError(f"field {name}: variable-size posting values")
            if tokens and not isinstance(field.format, formats.Frequency):
                raise ValueError(f"field {name}: tokens need the Frequency format")
            terms = self._terms[name] = _Terms()
            self._plain[name] = tokens
        if self._plain[name] != tokens:
            raise ValueError(f"field {name}: tokens for some documents only")
        return terms

    def _length(self, name: str, docnum: int, length: int) -> None:
        lengths = self._lengths.get(name)
        if lengths is None:
            lengths = self._lengths[name] = array("I")
        if len(lengths) < docnum:  # documents without this field
            lengths.extend(array("I", [0]) * (docnum - len(lengths)))
        lengths.append(byte_to_length(length_to_byte(length)) if length else 0)

    def add(self, fields: dict[str, Any], tokens: dict[str, list[str]]) -> None:
        pdw = self.writer.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pdw.start_doc(docnum)
        try:
            for name in sorted(fields):
                value = fields[name]
                if value is None or name.startswith("_"):
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    words = tokens.get(name)
                    terms = self._field_terms(name, field, words is not None)
                    if words is not None:
                        lists = terms.lists
                        for word, n in Counter(words).items():
                            entry = lists.get(word)
                            if entry is None:
                                entry = lists[word] = (array("I"), array("I"))
                            entry[0].append(docnum)
                            entry[1].append(n)
                        length = len(words)
                    else:
                        length = self._add_generic(name, field, terms, value, docnum)
                    if field.scorable:
                        self._length(name, docnum, length)
                    else:
                        length = 0
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"field {name}: spelling or vectors are not supported")
                pdw.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    pdw.add_column_value(name, column, field.to_column_value(value))
        except BaseException:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self.docnum += 1

    def _add_generic(self, name: str, field: Any, terms: _Terms, value: Any, docnum: int) -> int:
        length = 0
        for word, freq, weight, vbytes in field.index(value):
            key = word.decode("utf-8")
            entry = terms.lists.get(key)
            if entry is None:
                entry = terms.lists[key] = (array("I"), array("d"))
                terms.values[key] = bytearray()
            entry[0].append(docnum)
            entry[1].append(weight)
            terms.values[key] += vbytes or b""
            length += freq
        return length

    # writing ---------------------------------------------------------------------------------

    def commit(self) -> None:
        w = self.writer
        try:
            fw = w.fieldwriter
            postfile, tindex = fw._postfile, fw._tindex
            limit = w.codec._blocklimit
            level = w.codec._compression
            for name in sorted(self._terms):
                if not self._terms[name].lists:  # Whoosh numbers only fields with postings
                    continue
                field = self.schema[name]
                fw.start_field(name, field)
                prefix = pack_ushort(fw._fieldid)
                lengths = self._lengths.get(name)
                if lengths is not None and len(lengths) < self.docnum:
                    lengths.extend(array("I", [0]) * (self.docnum - len(lengths)))
                terms = self._terms[name]
                size = field.format.fixed_value_size()
                boost = field.format.field_boost
                plain = self._plain[name]
                for word in sorted(terms.lists):
                    ids, weights = terms.lists[word]
                    if plain:
                        values = struct.pack(f"!{len(weights)}I", *weights) if size else None
                        weights = array("d", weights) if boost == 1.0 else array(
                            "d", [f * boost for f in weights])
                    else:
                        values = bytes(terms.values[word]) if size else None
                    info = _write_postings(postfile, ids, weights, values, size, lengths,
                                           limit, level)
                    tindex.add(prefix + word.encode("utf-8"), info.to_bytes())
                fw.finish_field()
                del self._terms[name]  # free the memory as we go
            w.docnum = self.docnum
            w._added = self.docnum > 0
        except BaseException:
            w.cancel()
            raise
        w.commit(merge=False)

    def cancel(self) -> None:
        self.writer.cancel()


def _write_postings(postfile: Any, ids: array[int], weights: array[float], values: bytes | None,
                    size: int, lengths: array[int] | None, limit: int, level: int) -> W3TermInfo:
    """One term's posting list in blocks, as ``W3PostingsWriter`` writes it; its term info."""
    info = W3TermInfo()
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    count = len(ids)
    total = 0.0
    minlen: int | None = None
    maxlen = 0
    maxweight = 0.0
    for s in range(0, count, limit):
        e = min(s + limit, count)
        bids = ids[s:e]
        bw = array("f", weights[s:e])  # stored as float32; compared as given (doubles)
        total += sum(bw)
        bmaxw = max(0.0, max(weights[s:e]))
        if lengths is not None:
            got = itemgetter(*bids)(lengths) if e - s > 1 else (lengths[bids[0]],)
            bmaxlen = max(got)
            if 0 in got:  # Whoosh ignores zero lengths for the minimum
                got = tuple(x for x in got if x)
            bminlen = min(got) if got else None
        else:
            bminlen, bmaxlen = None, 0
        if bminlen is not None and (minlen is None or bminlen < minlen):
            minlen = bminlen
        maxlen = max(maxlen, bmaxlen)
        maxweight = max(maxweight, bmaxw)
        deltas = (bids[0], *map(sub, bids[1:], bids))  # delta-coded from 0 in every block
        if bw.count(1.0) == len(bw):
            mini_w: Any = None
        elif bw.count(bw[0]) == len(bw):
            mini_w = bw[0]
        else:
            mini_w = tuple(bw)
        mini_v = values[s * size:e * size] if size and values is not None else None
        data = zlib.compress(dumps((deltas, mini_w, mini_v), 2), level)
        infob = dumps((e - s, bids[-1], bmaxw, level, length_to_byte(bminlen),
                       length_to_byte(bmaxlen)), 2)
        blocklength = len(infob) + len(data)
        postfile.write(_INT.pack(-blocklength if e == count else blocklength))
        postfile.write(infob)
        postfile.write(data)
    info._weight = total
    info._df = count
    info._minlength = minlen
    info._maxlength = maxlen
    info._maxweight = maxweight
    info._minid = ids[0]
    info._maxid = ids[-1]
    info.set_extent(start, postfile.tell() - start)
    return info
