"""Bulk import against the real stack: 13,000 rows, an exact report, and a harmless re-run."""

import csv
import io
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import openpyxl  # type: ignore[import-untyped, unused-ignore]
from fastapi import FastAPI
from pymongo import AsyncMongoClient
from typer.testing import CliRunner

from registration.adapters.importing.importer import import_rows
from registration.adapters.importing.known import RegisteredKeys
from registration.adapters.importing.readers import open_table
from registration.adapters.importing.report import HEADERS, ReportLine, report_lines
from registration.adapters.regions import LokalReference
from registration.config import RegistrationSettings
from registration.domain.commands import RegisterSme
from registration.domain.errors import DuplicateSmeError, InvalidRegistrationError
from registration.domain.importing.outcomes import ImportResult, Progress
from registration.domain.importing.rows import parse_row
from registration.domain.importing.template import HEADERS as TEMPLATE_HEADERS
from registration.entrypoints.app import create_app
from registration.entrypoints.cli import app as cli_app
from registration.entrypoints.cli import open_service
from registration.service import RegistrationService
from tests.apps import running
from tests.infra import Infra
from tests.integration.settings import registration_settings
from tests.integration.umkm_sheet import Cells, Expected, sheet, valid_row, write_xlsx
from tests.polling import eventually

NIK = re.compile(r"\b32\d{14}\b")


async def _import(
    path: Path, service: RegistrationService, *, shortcut: bool = True
) -> tuple[ImportResult, list[Progress]]:
    seen: list[Progress] = []
    with open_table(path) as table:
        known = (
            await RegisteredKeys.load(service.repository, service.pseudonym_key)
            if shortcut
            else None
        )
        result = await import_rows(
            table.rows,
            service,
            reference=service.reference,
            known=known,
            on_progress=seen.append,
        )
    return result, seen


def _refused(lines: list[ReportLine]) -> dict[int, frozenset[str]]:
    refused: dict[int, set[str]] = {}
    for line in lines:
        if line.status == "ditolak":
            refused.setdefault(line.baris, set()).add(line.kolom)
    return {row: frozenset(columns) for row, columns in refused.items()}


def _by_status(lines: list[ReportLine], status: str) -> dict[int, ReportLine]:
    return {line.baris: line for line in lines if line.status == status}


def _check_first_import(result: ImportResult, expected: Expected) -> list[ReportLine]:
    lines = list(report_lines(result.outcomes))
    assert result.summary == Progress(
        expected.rows, expected.imported, len(expected.known), len(expected.rejected)
    )
    assert _refused(lines) == expected.rejected
    known = _by_status(lines, "sudah_terdaftar")
    assert {row: (line.kolom, line.sme_id) for row, line in known.items()} == {
        row: (column, _by_status(lines, "diimpor")[first].sme_id)
        for row, (column, first) in expected.known.items()
    }
    assert all(f"di baris {expected.known[row][1]}" in line.pesan for row, line in known.items())
    imported = _by_status(lines, "diimpor")
    assert len(imported) == expected.imported
    assert len({line.sme_id for line in imported.values()}) == expected.imported
    assert not any(NIK.search(" ".join(map(str, line.values()))) for line in lines)
    return lines


async def test_13000_rows_import_the_good_ones_report_the_rest_and_rerun_harmlessly(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    rows, expected = sheet(13_000, every=260)
    path = tmp_path / "umkm_bekasi.xlsx"
    write_xlsx(path, rows)
    async with open_service(registration_settings(infra, namespace)) as service:
        first, progress = await _import(path, service)
        again, _ = await _import(path, service)

    lines = _check_first_import(first, expected)
    assert [p.processed for p in progress] == list(range(1, expected.rows + 1))
    assert progress[-1] == first.summary

    known_before = len(expected.known)
    assert again.summary == Progress(
        expected.rows, 0, expected.imported + known_before, len(expected.rejected)
    )
    rerun = list(report_lines(again.outcomes))
    assert _refused(rerun) == expected.rejected
    ids = {row: line.sme_id for row, line in _by_status(lines, "diimpor").items()}
    ids |= {row: line.sme_id for row, line in _by_status(lines, "sudah_terdaftar").items()}
    assert {row: line.sme_id for row, line in _by_status(rerun, "sudah_terdaftar").items()} == ids
    without_nib = {n for n, row in enumerate(rows, start=2) if row and row["nib"] is None}
    assert without_nib
    assert {_by_status(rerun, "sudah_terdaftar")[n].kolom for n in without_nib} == {"nik_pemilik"}


async def test_without_the_shortcut_the_service_alone_keeps_a_rerun_from_duplicating(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    rows, expected = sheet(120, every=5)  # every kind of bad and duplicate row, densely
    path = tmp_path / "umkm.xlsx"
    write_xlsx(path, rows)
    async with open_service(registration_settings(infra, namespace)) as service:
        first, _ = await _import(path, service, shortcut=False)
        again, _ = await _import(path, service, shortcut=False)

    _check_first_import(first, expected)
    assert again.summary.imported == 0
    assert again.summary.already_registered == expected.imported + len(expected.known)


def _commands(*numbers: int) -> list[RegisterSme]:
    parsed = [parse_row(valid_row(i), LokalReference()) for i in numbers]
    assert all(isinstance(cmd, RegisterSme) for cmd in parsed)
    return [cmd for cmd in parsed if isinstance(cmd, RegisterSme)]


async def test_one_bulk_write_names_for_each_refused_row_the_sme_it_duplicates(
    infra: Infra, namespace: str
) -> None:
    a, b, c, d = _commands(1, 2, 4, 5)
    async with open_service(registration_settings(infra, namespace)) as service:
        first = await service.register_many([a, b])
        again = await service.register_many(
            [
                replace(c, nib=a.nib),  # another owner, the NIB of a
                d,
                replace(b, nib=None),  # b's owner and name, without its NIB
                replace(d, owner_nik="3216010101900001", nib=None, kbli="1079"),
            ]
        )
        stored = await service.repository.collection.count_documents({})

    same_nib, new, same_owner, invalid = again
    assert isinstance(same_nib, DuplicateSmeError)
    assert (same_nib.existing_id, same_nib.field) == (first[0], "nib")
    assert isinstance(new, str)
    assert isinstance(same_owner, DuplicateSmeError)
    assert (same_owner.existing_id, same_owner.field) == (first[1], "owner_business")
    assert isinstance(invalid, InvalidRegistrationError)
    assert stored == 3


def _shown(value: object) -> object:
    """A cell as Excel writes it to CSV: a NIK kept in a Number cell comes out as 3.21601E+15."""
    if value is None:
        return ""
    return f"{value:.5E}" if isinstance(value, int) and value > 10**15 else value


def _csv(rows: list[Cells | None], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(TEMPLATE_HEADERS)
    for row in rows:
        writer.writerow([_shown(None if row is None else row.get(h)) for h in TEMPLATE_HEADERS])
    return out.getvalue().encode()


def _app(settings: RegistrationSettings) -> FastAPI:
    return create_app(settings)


def _xlsx_lines(content: bytes) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    lines: list[tuple[object, ...]] = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return lines


async def _upload(client: httpx.AsyncClient, name: str, content: bytes) -> httpx.Response:
    return await client.post("/imports", files={"file": (name, content, "text/csv")})


async def test_a_csv_uploaded_over_http_gives_a_summary_and_a_downloadable_report(
    infra: Infra, namespace: str
) -> None:
    rows, expected = sheet(40, every=6)
    async with running(_app(registration_settings(infra, namespace))) as client:
        created = await _upload(client, "peserta.csv", _csv(rows))
        assert created.status_code == 201, created.text
        body = created.json()
        report = await client.get(f"/imports/{body['import_id']}/report.xlsx")
        status = await client.get(f"/imports/{body['import_id']}")
        report_csv = await client.get(body["report_csv"])
        again = await _upload(client, "peserta.csv", _csv(rows, delimiter=","))

    assert body["status"] == "finished"
    assert (body["imported"], body["rejected"]) == (expected.imported, len(expected.rejected))
    assert status.json() == body
    assert report.status_code == 200
    assert report.headers["content-type"].startswith("application/vnd.openxmlformats")
    header, *lines = _xlsx_lines(report.content)
    assert header == HEADERS
    assert {n for n, outcome, *_ in lines if outcome == "ditolak"} == set(expected.rejected)
    assert report_csv.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADERS)
    assert again.json()["imported"] == 0
    assert again.json()["already_registered"] == expected.imported + len(expected.known)


async def test_the_joining_date_column_is_imported_and_a_date_outside_the_programme_refused(
    infra: Infra, namespace: str
) -> None:
    rows: list[Cells | None] = [
        {**valid_row(1), "tanggal_bergabung": "13/06/2022"},
        {**valid_row(2), "tanggal_bergabung": "2099-01-01"},
        {**valid_row(3), "tanggal_bergabung": "2018-12-31"},
        valid_row(4),
    ]
    async with running(_app(registration_settings(infra, namespace))) as client:
        created = await _upload(client, "peserta.csv", _csv(rows))
        body = created.json()
        report = await client.get(body["report_csv"])
        listed = (await client.get("/smes")).json()["items"]

    lines = list(csv.DictReader(io.StringIO(report.content.decode("utf-8-sig"))))
    refused = [(line["baris"], line["kolom"]) for line in lines if line["status"] == "ditolak"]
    joined = {sme["business_name"]: sme["joined_on"] for sme in listed}
    today = datetime.now(UTC).astimezone(timezone(timedelta(hours=7))).date()
    assert (body["imported"], body["rejected"]) == (2, 2)
    assert refused == [("3", "tanggal_bergabung"), ("4", "tanggal_bergabung")]
    assert joined[valid_row(1)["nama_usaha"]] == "2022-06-13"
    assert joined[valid_row(4)["nama_usaha"]] in {
        today.isoformat(),
        (today - timedelta(days=1)).isoformat(),  # midnight in Jakarta in between
    }


async def test_a_long_import_answers_at_once_and_can_be_followed_until_its_report_is_ready(
    infra: Infra, namespace: str
) -> None:
    rows, expected = sheet(300, every=50)

    async with running(_app(registration_settings(infra, namespace))) as client:

        async def finished() -> dict[str, object] | None:
            body: dict[str, object] = (await client.get(location)).json()
            return body if body["status"] == "finished" else None

        accepted = await client.post(
            "/imports?wait=0", files={"file": ("peserta.csv", _csv(rows), "text/csv")}
        )
        location = accepted.headers["location"]
        done = await eventually(finished, within=60)
        report = await client.get(f"{location}/report.csv")

    assert accepted.status_code == 202
    assert accepted.json()["status"] == "running"
    assert accepted.json()["report_csv"] is None
    assert done["imported"] == expected.imported
    assert report.status_code == 200
    assert len(report.content.decode("utf-8-sig").splitlines()) > expected.rows


async def test_a_file_that_is_not_the_template_is_refused_before_anything_is_imported(
    infra: Infra, namespace: str
) -> None:
    async with running(_app(registration_settings(infra, namespace))) as client:
        wrong_columns = await _upload(client, "x.csv", b"nama;alamat\nWarung;Jl. Mawar 1\n")
        wrong_kind = await _upload(client, "x.txt", b"hello")
        missing = await client.get("/imports/imp-000000000000/report.csv")

    assert wrong_columns.status_code == 422
    assert "nik_pemilik" in wrong_columns.json()["detail"]
    assert {e["field"] for e in wrong_columns.json()["errors"]} == {
        "nama_usaha",
        "nik_pemilik",
        "kbli",
        "kode_kabupaten",
        "kode_kecamatan",
    }
    assert wrong_kind.status_code == 422
    assert missing.status_code == 404


async def test_the_empty_template_can_be_downloaded(infra: Infra, namespace: str) -> None:
    async with running(_app(registration_settings(infra, namespace))) as client:
        xlsx = await client.get("/imports/template.xlsx")
        text = await client.get("/imports/template.csv")

    assert _xlsx_lines(xlsx.content) == [TEMPLATE_HEADERS]
    assert text.content.decode("utf-8-sig").strip() == ",".join(TEMPLATE_HEADERS)


def test_the_cli_imports_a_file_and_writes_its_report(
    infra: Infra, namespace: str, tmp_path: Path
) -> None:
    rows, expected = sheet(30, every=7)
    source, report = tmp_path / "peserta.xlsx", tmp_path / "laporan.csv"
    write_xlsx(source, rows)
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap_servers,
        "MONGODB_URL": infra.mongodb_url,
        "REGISTRATION_MONGODB_DATABASE": f"{namespace}registration",
        "PROFILE": "test",
        **infra.service_env(),  # the issuer its settings require outside dev; it asks no token
    }
    result = CliRunner().invoke(cli_app, [str(source), "--report", str(report)], env=env)

    assert result.exit_code == 0, result.output
    assert f"{expected.imported}" in result.output
    with report.open(encoding="utf-8-sig") as lines:
        refused = {int(r["baris"]) for r in csv.DictReader(lines) if r["status"] == "ditolak"}
    assert refused == set(expected.rejected)


async def test_an_import_whose_process_died_is_marked_failed_and_a_live_one_is_left_alone(
    infra: Infra, namespace: str
) -> None:
    settings = registration_settings(infra, namespace)
    now = datetime.now(UTC)
    mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(infra.mongodb_url)
    imports = mongo[settings.mongodb_database]["imports"]
    for import_id, last_beat in (("imp-00000000dead", 300), ("imp-00000000a1fe", 1)):
        await imports.insert_one(
            {
                "_id": import_id,
                "status": "running",
                "file_name": "peserta.csv",
                "estimated_rows": 10,
                "started_at": now - timedelta(seconds=600),
                "started_by": "someone",
                "region": "32.16",
                "heartbeat_at": now - timedelta(seconds=last_beat),
                **dict.fromkeys(("processed", "imported", "already_registered", "rejected"), 0),
            }
        )

    async with running(_app(settings)) as client:

        async def failed() -> dict[str, object] | None:
            body: dict[str, object] = (await client.get("/imports/imp-00000000dead")).json()
            return body if body["status"] == "failed" else None

        dead = await eventually(failed, within=60)
        live = (await client.get("/imports/imp-00000000a1fe")).json()

    assert "re-importing the file is safe" in str(dead["error"])
    assert live["status"] == "running"
