"""Committed artefacts are what the code generates now; CI fails when they are stale."""

from pathlib import Path

from devstack.gendocs import generated, stale_files
from tests.contracts.schema_files import REPO


def test_schemas_catalogue_page_and_asyncapi_documents_are_current() -> None:
    stale = [str(p.relative_to(REPO)) for p in stale_files(REPO)]
    assert stale == [], "run `./dev docs` and commit the result"


def test_a_hand_edited_schema_file_is_reported_stale(tmp_path: Path) -> None:
    for path, text in generated(tmp_path).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    edited = next(tmp_path.rglob("SMERegistered.v1.schema.json"))
    edited.write_text(edited.read_text().replace('"kbli"', '"kbli_code"'))

    assert stale_files(tmp_path) == [edited]
