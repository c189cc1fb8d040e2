"""A region holds itself and every code under it, in Python and in the Mongo filter alike."""

import re

import pytest

from reporting.adapters.queries.source import holds, narrowed, sme_filter, within
from umkm_shared.errors import RefusalError

CODES = ["32", "32.16", "32.16.01", "32.16.01.2001", "32.04", "32.04.16", "31.16", "32.1"]


@pytest.mark.parametrize(
    ("region", "code", "held"),
    [
        (None, None, True),
        (None, "31.71", True),
        ("32", "32.16.01", True),
        ("32.16", "32.16", True),
        ("32.16", "32.16.01.2001", True),
        ("32.16", "32.04", False),
        ("32.16", "32.160", False),
        ("32.1", "32.16", False),
        ("32.16", None, False),
    ],
)
def test_a_region_holds_itself_and_its_children_only(
    region: str | None, code: str | None, held: bool
) -> None:
    assert holds(region, code) is held


@pytest.mark.parametrize("region", ["32", "32.16", "32.04"])
def test_the_mongo_filter_decides_as_the_python_check(region: str) -> None:
    pattern = within("kabupaten_code", region)["kabupaten_code"]["$regex"]
    assert [c for c in CODES if re.search(pattern, c)] == [c for c in CODES if holds(region, c)]


def test_the_admin_reads_without_a_filter() -> None:
    assert within("kabupaten_code", None) == {}


def test_asking_for_a_kabupaten_outside_the_region_is_forbidden() -> None:
    assert narrowed("32", "32.16") == "32.16"
    assert narrowed("32.16", None) == "32.16"
    with pytest.raises(RefusalError) as refused:
        narrowed("32.16", "32.04")
    assert refused.value.kind == "forbidden"


@pytest.mark.parametrize(
    ("region", "field"),
    [("32", "kabupaten_code"), ("32.16", "kabupaten_code"), ("32.16.05", "kecamatan_code")],
)
def test_a_level_reads_the_smes_registered_in_it_by_kabupaten_or_by_kecamatan(
    region: str, field: str
) -> None:
    [(name, condition)] = sme_filter(region).items()
    assert name == field
    assert re.match(condition["$regex"], f"{region}.01")
    assert sme_filter(None) == {}
