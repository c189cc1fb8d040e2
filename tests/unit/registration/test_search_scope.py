"""A search is narrowed to the caller's region in the query itself, so totals and pages agree."""

import re

from registration.adapters.search import SmeFilter


def _region_pattern(criteria: SmeFilter) -> re.Pattern[str]:
    clauses = criteria.query()["$and"]
    assert len(clauses) == 1
    return re.compile(clauses[0]["kabupaten_code"]["$regex"])


def test_a_kabupaten_region_matches_itself_and_nothing_sharing_its_digits() -> None:
    pattern = _region_pattern(SmeFilter(region="32.16"))
    matched = [
        code for code in ("32.16", "32.16.01", "32.04", "32.160", "3216") if pattern.match(code)
    ]
    assert matched == ["32.16", "32.16.01"]


def test_the_province_matches_every_kabupaten_in_it() -> None:
    pattern = _region_pattern(SmeFilter(region="32"))
    assert [code for code in ("32.16", "32.04", "31.71", "320.1") if pattern.match(code)] == [
        "32.16",
        "32.04",
    ]


def test_without_a_region_the_query_is_not_narrowed() -> None:
    assert SmeFilter(kbli="10792").query() == {"kbli": "10792"}
