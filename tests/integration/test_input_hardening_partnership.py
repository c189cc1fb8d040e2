"""Bad input to the partnership API is refused at the door (413, 422, 429), never stored.

Each probe was once accepted or answered 5xx: a NIK in a contact's name, a product name or a
reason; `"yes"` for a checklist answer; a kabupaten outside West Java; a body of megabytes;
lists of every partner at once.
"""

from typing import Any

import httpx

from partnership.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.partnership_support import TODAY, partnership_settings, register_partner

NIK = "3216014101900001"
PARTNER = {
    "name": "Indomaret",
    "company_type": "usaha_besar",
    "sector": "ritel_modern",
    "nib": "9120001234567",
    "kabupaten_code": "32.16",
    "contact_person": {"name": "Budi Santoso", "phone": "+6281298765432"},
}
PROPOSAL = {
    "sme_id": "sme-000000000000",
    "pattern": "perdagangan_umum",
    "products": ["Keripik Tempe 100 g"],
}
ONE = "/partners/partner-000000000000/partnerships/partnership-000000000000"


def _refused(resp: httpx.Response, status: int, field: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert NIK not in resp.text
    body: dict[str, Any] = resp.json()
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
    return body


async def test_bad_input_is_refused_with_422_naming_the_field_and_never_echoing_a_nik(
    infra: Infra, namespace: str
) -> None:
    async with running(create_app(partnership_settings(infra, namespace))) as client:
        partner = await register_partner(client)
        contact = {"name": f"Budi {NIK}", "phone": "+6281298765432"}
        answers = {
            "contact_person.name": await client.post(
                "/partners", json={**PARTNER, "contact_person": contact}
            ),
            "products.0": await client.post(
                f"/partners/{partner}/partnerships",
                json={**PROPOSAL, "products": [f"Keripik NIK {NIK}"]},
            ),
            "reason": await client.post(
                f"{ONE}/end", json={"reason": f"Pemilik (NIK {NIK}) pindah"}
            ),
            "standard_packaging": await client.post(
                f"{ONE}/curation", json={"standard_packaging": "yes", "steady_supply": True}
            ),
            "no_ownership_or_control": await client.post(
                f"{ONE}/agreement",
                json={
                    "agreement_number": "PKS/1",
                    "start_date": TODAY.isoformat(),
                    "outlets": ["Indomaret Tambun"],
                    "payment_terms_days": 14,
                    "no_ownership_or_control": 1,
                },
            ),
            "kabupaten_code": await client.post(
                "/partners", json={**PARTNER, "kabupaten_code": "99.99"}
            ),
            "name": await client.post("/partners", json={**PARTNER, "name": "Indo\x00maret"}),
            "is_admin": await client.post("/partners", json={**PARTNER, "is_admin": True}),
            "products.0.units_sold": await client.put(
                f"{ONE}/sales/2022-09",
                json={"products": [{"sku": "A", "units_sold": "5", "gross_sales": 1}]},
            ),
        }
        partners = (await client.get("/partners")).json()
        other = await register_partner(client, "Alfamart")
        pages = [
            (await client.get("/partners", params={"limit": 1, "offset": n})).json()
            for n in range(3)
        ]
        huge_offset = await client.get("/partners", params={"offset": str(10**20)})
        huge_page = await client.get(f"/partners/{partner}/partnerships", params={"limit": 10**6})

    for field, answer in answers.items():
        _refused(answer, 422, field)
    assert [p["partner_id"] for p in partners] == [partner]
    assert sorted(p["partner_id"] for page in pages for p in page) == sorted([partner, other])
    assert [len(page) for page in pages] == [1, 1, 0]
    _refused(huge_offset, 422, "offset")
    _refused(huge_page, 422, "limit")


async def test_a_huge_body_is_refused_with_413_and_writes_are_paced_per_caller(
    infra: Infra, namespace: str
) -> None:
    settings = partnership_settings(infra, namespace).model_copy(
        update={"rate_limit_writes": "3/minute"}
    )
    async with running(create_app(settings)) as client:
        huge = await client.post(f"{ONE}/end", json={"reason": "x" * 3_000_000})
        writes = [
            (await client.post("/partners", json={**PARTNER, "nib": f"912000123456{n}"}))
            for n in range(2)
        ]
        limited = await client.post("/partners", json=PARTNER)

    _refused(huge, 413)  # the first of three writes a minute
    assert [w.status_code for w in writes] == [201, 201]
    assert int(_refused(limited, 429)["retry_after_seconds"]) >= 1
    assert int(limited.headers["retry-after"]) >= 1
