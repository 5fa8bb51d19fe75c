"""The query parser and text analysis: pure functions, no index."""

from __future__ import annotations

from gcmdesk.core.search.query import MAX_GROUPS, Phrase, Word, parse
from gcmdesk.core.search.snippets import Marks, find_spans, snippet
from gcmdesk.core.search.text import default_analysis


def test_plain_words_phrase_exclusion_or_prefix_filters() -> None:
    q = parse('migrant "alternatives to detention" -child remittance OR remit migra* '
              "doc:a-72-643 objective:13 kind:rec year:2017")
    assert q.filters == {"doc": "a-72-643", "objective": "13", "kind": "rec", "year": "2017"}
    first, phrase, excluded, either, prefix = q.groups
    assert first.alternatives == [Word("migrant")] and not first.required
    assert phrase.alternatives == [Phrase(["alternatives", "to", "detention"])]
    assert phrase.required
    assert excluded.excluded and excluded.alternatives == [Word("child")]
    assert either.alternatives == [Word("remittance"), Word("remit")]
    assert prefix.alternatives == [Word("migra", prefix=True)]


def test_operators_and_junk_are_forgiven() -> None:
    assert parse("AND OR NOT").groups == []
    assert parse("* ** -").groups == []
    unbalanced = parse('"alternatives to')
    assert unbalanced.groups[0].alternatives == [Phrase(["alternatives", "to"])]
    q = parse("NOT detention")
    assert q.groups[0].excluded
    q = parse("migrants AND detention")
    assert all(g.required for g in q.groups)
    unknown = parse("unknown:field").groups
    assert [g.alternatives for g in unknown] == [[Word("unknown")], [Word("field")]]
    long = parse("word " * 5000)
    assert len(long.groups) == MAX_GROUPS and long.notes


def test_normalization_spelling_lemmas_accents() -> None:
    ana = default_analysis()
    assert ana.word("Labour") == ana.word("labor")
    assert ana.word("programme")[0] == "program"
    assert ana.word("organisation") == ana.word("organization")
    assert ana.word("promise")[0] == "promise"  # not every -ise word is British spelling
    assert ana.word("detained")[1] == ana.word("detention")[1]
    assert ana.word("children")[1] == ana.word("child")[1]
    assert ana.word("remittances")[1] == ana.word("remittance")[1]
    assert ana.word("migrant")[1] != ana.word("migration")[1]
    assert ana.word("Côte")[0] == "cote"
    assert ana.word("the")[1] is None


def test_snippet_marks_words_and_escapes_everything_else() -> None:
    ana = default_analysis()
    text = "States <b>must</b> use alternatives to detention & release detained children."
    marks = Marks(terms=frozenset({ana.word("detention")[1]}))
    spans = find_spans(ana, text, marks)
    assert [text[s:e] for s, e in spans] == ["detention", "detained"]
    html = snippet(text, spans)
    assert '<span class="hit">detention</span>' in html
    assert "&lt;b&gt;must&lt;/b&gt;" in html and "&amp;" in html
    assert "<b>" not in html


def test_snippet_picks_the_window_with_the_matches() -> None:
    ana = default_analysis()
    text = "Filler words here. " * 40 + "Remittance costs must fall." + " More filler." * 40
    spans = find_spans(ana, text, Marks(terms=frozenset({ana.word("remittance")[1]})))
    html = snippet(text, spans, width=120)
    assert html.startswith("…") and html.endswith("…")
    assert '<span class="hit">Remittance</span>' in html
    assert len(html) < 220
