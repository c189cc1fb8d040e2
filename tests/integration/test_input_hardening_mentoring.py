"""Bad input to the mentoring API is refused at the door (413, 422, 429), never answered 5xx.

Each probe once answered 500 or was stored and published: a 5,000,000-character cohort
name, an empty mentor name, a negative financing amount, a 5 MB session note, a NIK in a
mentor's name or notes, cohort kabupaten `99.99`, `"yes"` for a number.
"""

from typing import Any

import httpx

from mentoring.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    START,
    TODAY,
    Upstream,
    enrolled_sme,
    mentoring_settings,
    session_body,
)

NIK = "3216014101900001"
COHORT = {
    "name": "UMKM Juara Kabupaten Bekasi",
    "kabupaten_code": "32.16",
    "start_date": START.isoformat(),
    "end_date": TODAY.isoformat(),
    "target_graduates": 10,
}
MENTOR = {"name": "Dedi Kurniawan", "kabupaten_code": "32.16", "expertise": ["pemasaran"]}
MILESTONE = {"milestone": "financing_obtained", "achieved_on": TODAY.isoformat()}
SOMEWHERE = "/cohorts/cohort-000000000000/enrollments/sme-000000000000"


def _refused(resp: httpx.Response, status: int, field: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert NIK not in resp.text
    body: dict[str, Any] = resp.json()
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
    return body


async def test_what_the_contracts_refuse_is_refused_with_422_naming_the_field(
    infra: Infra, namespace: str
) -> None:
    async with running(create_app(mentoring_settings(infra, namespace))) as client:
        long_name = await client.post("/cohorts", json={**COHORT, "name": "x" * 201})
        far_away = await client.post("/cohorts", json={**COHORT, "kabupaten_code": "99.99"})
        jakarta = await client.post("/mentors", json={**MENTOR, "kabupaten_code": "31.71"})
        nameless = await client.post("/mentors", json={**MENTOR, "name": " "})
        negative = await client.post(
            f"{SOMEWHERE}/milestones",
            json={**MILESTONE, "evidence": "doc://kur/1", "financing_amount": -5},
        )
        text_amount = await client.post(
            f"{SOMEWHERE}/milestones",
            json={**MILESTONE, "evidence": "doc://kur/1", "financing_amount": "5000"},
        )
        unknown_field = await client.post("/mentors", json={**MENTOR, "is_admin": True})
        no_evidence = await client.post(
            f"{SOMEWHERE}/graduation",
            json={
                "reason": "Omzet naik",
                "dimensions": [
                    {"dimension": "financing", "before": "a", "after": "b", "evidence": []}
                ],
            },
        )

    _refused(long_name, 422, "name")
    _refused(far_away, 422, "kabupaten_code")
    _refused(jakarta, 422, "kabupaten_code")
    _refused(nameless, 422, "name")
    _refused(negative, 422, "financing_amount")
    _refused(text_amount, 422, "financing_amount")
    _refused(unknown_field, 422, "is_admin")
    _refused(no_evidence, 422, "dimensions.0.evidence")


async def test_huge_bodies_are_refused_with_413_before_they_reach_the_service(
    infra: Infra, namespace: str
) -> None:
    async with running(create_app(mentoring_settings(infra, namespace))) as client:
        cohort = await client.post("/cohorts", json={**COHORT, "name": "x" * 5_000_000})
        notes = [
            await client.post(
                f"{SOMEWHERE}/sessions",
                json=session_body(notes="n" * 5_000_000),
            )
            for _ in range(4)
        ]
        long_note = await client.post(f"{SOMEWHERE}/sessions", json=session_body(notes="n" * 2001))

    assert _refused(cohort, 413)["max_body_bytes"] == 1_048_576
    for note in notes:
        _refused(note, 413)
    _refused(long_note, 422, "notes")


async def test_a_nik_in_free_text_is_refused_and_never_echoed(infra: Infra, namespace: str) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        base = (await enrolled_sme(client, upstream)).url

        in_name = await client.post("/mentors", json={**MENTOR, "name": f"Dedi {NIK}"})
        grouped = await client.post(
            f"{base}/sessions", json=session_body(notes="KTP 3216 0141 0190 0001")
        )
        in_actions = await client.post(
            f"{base}/sessions", json=session_body(next_actions=f"cek NIK {NIK}")
        )
        control = await client.post(f"{base}/sessions", json=session_body(notes="a\x1bb"))
        full_note = await client.post(
            f"{base}/sessions", json=session_body(notes="catatan\n" * 250)
        )
        view = await client.get(base)

    assert _refused(in_name, 422, "name")["errors"][0]["pesan"].startswith("Teks tidak boleh")
    _refused(grouped, 422, "notes")
    _refused(in_actions, 422, "next_actions")
    _refused(control, 422, "notes")
    assert full_note.status_code == 201, full_note.text
    assert view.json()["sessions_logged"] == 1


async def test_writes_past_the_rate_limit_answer_429_with_retry_after(
    infra: Infra, namespace: str
) -> None:
    settings = mentoring_settings(infra, namespace, rate_limit_writes="3/minute")
    async with running(create_app(settings)) as client:
        answers = [(await client.post("/mentors", json=MENTOR)).status_code for _ in range(4)]
        limited = await client.post("/mentors", json=MENTOR)
        read = await client.get("/cohorts/cohort-000000000000")

    assert answers == [201, 201, 201, 429]
    assert int(_refused(limited, 429)["retry_after_seconds"]) >= 1
    assert int(limited.headers["retry-after"]) >= 1
    assert read.status_code == 404  # reads are not paced
