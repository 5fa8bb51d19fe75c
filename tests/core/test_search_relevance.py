"""Relevance: realistic queries over the bundled corpus and the passages a user expects in the
top 5. Each expected id was chosen by reading the passage, not by copying the engine's output."""

from __future__ import annotations

import pytest

from gcmdesk.core.search import SearchRequest
from gcmdesk.core.search.whoosh_index import WhooshSearchIndex

SG = "a-72-643"
MK = "marrakech-2018-background-note"
GR = "grcp7-summary-report"
IDM = "idm-2017-closing-remarks"
NET = "un-network-2021-migrants-day"

# (query, ids that must all be in the top 5)
CASES: list[tuple[str, list[str]]] = [
    ("alternatives to detention", [f"{SG}/para-59", f"{MK}/para-11-item-4"]),
    ("what does the report say about alternatives to detention",
     [f"{SG}/para-59", f"{MK}/para-11-item-4"]),
    ('"alternatives to detention"', [f"{SG}/para-59", f"{MK}/para-11-item-4"]),
    ("detained children", [f"{SG}/para-17", f"{SG}/para-44"]),
    ("remittance costs below 3 %", [f"{MK}/para-15-item-1"]),
    ("remitances", [f"{MK}/para-15-item-1", "objective/20"]),
    ("climate change", [f"{SG}/para-51"]),
    ("climate change as a driver of migration", [f"{GR}/annex-2-cluster-5", f"{MK}/para-10"]),
    ("International Migration Review Forum", [f"{NET}/p-1", f"{MK}/para-19"]),
    ("IMRF", [f"{NET}/p-1"]),
    ("regional consultative processes", [f"{GR}/annex-1-definition-4"]),
    ("RCPs", [f"{GR}/annex-1-definition-4"]),
    ("GFMD", [f"{SG}/para-79"]),
    ("migrants are not inherently vulnerable", [f"{IDM}/takeaway-1"]),
    ("xenophobia and discrimination", [f"{GR}/priority-3", f"{GR}/appendix-1-element-u"]),
    ("skills recognition", [f"{MK}/para-14-item-4", f"{GR}/appendix-1-element-w"]),
    ("portability of social security", ["objective/22"]),
    ("migration data collection", [f"{MK}/para-8-item-1", f"{GR}/priority-5"]),
    ("disaggregated data", ["objective/1"]),
    ("return and reintegration", ["objective/21"]),
    ("consular protection", ["objective/14"]),
    ("smuggling of migrants", [f"{GR}/appendix-1-element-k"]),
    ("labour mobility", [f"{GR}/annex-2-cluster-2"]),
    ("labor mobility", [f"{GR}/annex-2-cluster-2"]),
    ("dehumanizing language", [f"{SG}/para-18"]),
    ("politicization of migration", [f"{NET}/p-6"]),
    ("national action plans", [f"{SG}/para-59"]),
    ("visa regimes", [f"{MK}/para-11-item-2"]),
    ("recruitment fees", [f"{SG}/para-24", f"{SG}/para-60"]),
    ("diaspora contributions", [f"{GR}/appendix-1-element-t", "objective/19"]),
    ("capacity building mechanism", [f"{MK}/para-8-item-4"]),
    ("women migrants send remittances", [f"{SG}/para-28"]),
    ("child migrants", [f"{SG}/para-17"]),
]


def test_enough_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expected_passages_in_top_5(index: WhooshSearchIndex, query: str,
                                    expected: list[str]) -> None:
    top = [h.id for h in index.search(SearchRequest(query, limit=5)).hits]
    missing = [e for e in expected if e not in top]
    assert not missing, f"{query!r}: {missing} not in top 5 {top}"


def test_mean_reciprocal_rank(index: WhooshSearchIndex) -> None:
    """A summary figure that must not regress: the first expected hit is near the top."""
    ranks = []
    for query, expected in CASES:
        top = [h.id for h in index.search(SearchRequest(query, limit=10)).hits]
        ranks.append(min((top.index(e) + 1 for e in expected if e in top), default=0))
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    assert mrr >= 0.7, ranks
