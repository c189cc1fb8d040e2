"""Free text at the edge: bounded, no control characters, no NIK-shaped numbers."""

from typing import Annotated

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, ValidationError

from umkm_shared.service import problems
from umkm_shared.text import FreeText, Name, Note, contains_nik, is_plausible_nik

NIK = "3216014101900001"  # Bekasi, a woman born 1 January 1990, serial 0001


class Body(BaseModel):
    """A request with a name and a note."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    note: Note = ""
    code: Annotated[str, FreeText(10)] = ""


@pytest.mark.parametrize(
    "text",
    [
        NIK,
        f"NIK pemilik {NIK}, mohon dicek",
        "3216 0141 0190 0001",
        "3216-0141-0190-0001",
        "32.16.01.410190.0001",
        f"telepon 081234567890 {NIK}",
        f"{NIK} {NIK[:-1]}2",
        f"abc{NIK}xyz",
    ],
)
def test_a_nik_is_found_bare_or_grouped_anywhere_in_text(text: str) -> None:
    assert contains_nik(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rp 250.000.000 dari KUR",
        "NIB 9120001234567",
        "+6281234567890",
        "3216********0001",
        "9916014101900001",  # no province 99
        "3200014101900001",  # kabupaten 00
        "3216013201900001",  # day 32
        "3216010113900001",  # month 13
        "3216014101900000",  # serial 0000
        "32160141019000012",  # 17 digits
        "5b1e0f6c0f0c4c8e9a1d2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70",
        "",
    ],
)
def test_numbers_that_cannot_be_a_nik_are_not_taken_for_one(text: str) -> None:
    assert not contains_nik(text)


def test_a_29_february_birthday_is_a_plausible_nik() -> None:
    assert is_plausible_nik("3216012902880003")
    assert not is_plausible_nik("3216013002880003")


def test_a_name_is_stripped_and_must_not_be_empty() -> None:
    assert Body(name="  Siti Aminah ").name == "Siti Aminah"
    with pytest.raises(ValidationError):
        Body(name="   ")
    with pytest.raises(ValidationError):
        Body(name="x" * 201)


def test_a_name_refuses_control_characters_and_line_breaks() -> None:
    for bad in ["Toko\x00Maju", "Toko\nMaju", "Toko\x1bMaju", "Toko\x85Maju", "Toko\ufffeMaju"]:
        with pytest.raises(ValidationError):
            Body(name=bad)


def test_a_note_keeps_line_breaks_and_tabs_but_no_other_control_characters() -> None:
    assert Body(name="a", note="baris 1\r\nbaris 2\tx").note == "baris 1\r\nbaris 2\tx"
    with pytest.raises(ValidationError):
        Body(name="a", note="bell\x07")


def test_a_note_is_bounded() -> None:
    Body(name="a", note="x" * 2000)
    with pytest.raises(ValidationError):
        Body(name="a", note="x" * 2001)


def test_bounds_reach_the_json_schema() -> None:
    schema = Body.model_json_schema()["properties"]
    assert schema["name"]["maxLength"] == 200
    assert schema["note"]["maxLength"] == 2000
    assert schema["code"]["maxLength"] == 10


def test_the_refusal_says_nik_in_both_languages_without_echoing_it() -> None:
    app = FastAPI()
    problems.install(app)

    @app.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"name": body.name}

    answer = TestClient(app).post("/things", json={"name": "Ani", "note": f"NIK {NIK}"})

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert NIK not in answer.text
    [error] = answer.json()["errors"]
    assert error["field"] == "note"
    assert "NIK" in error["message"]
    assert "NIK" in error["pesan"]
    assert error["pesan"] != error["message"]


def test_standard_refusals_get_an_indonesian_text_too() -> None:
    app = FastAPI()
    problems.install(app)

    @app.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"name": body.name}

    answer = TestClient(app).post("/things", json={"name": "x" * 300, "colour": "red"})

    errors = {e["field"]: e for e in answer.json()["errors"]}
    assert errors["name"]["pesan"] == "Teks terlalu panjang (maksimal 200 karakter)."
    assert errors["colour"]["pesan"] == "Isian ini tidak dikenal."
