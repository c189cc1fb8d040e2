"""Who may do what to which partnership: the roles matrix, the partner's own id and the Dinas's
region (OWASP API1, API5), over HTTP with the dev realm's demo users."""

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from partnership.entrypoints.app import create_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.partnership_support import (
    AGREEMENT,
    MONTHS,
    PASSING,
    PRODUCT,
    Upstream,
    known,
    licensed,
    partnership_settings,
    published,
    register_partner,
    registered,
)
from tests.samples import new_sme_id
from umkm_shared.auth.endpoints import ENDPOINTS

INDOMARET = "partner-00000000a001"
"""The `partner_id` claim of the demo user partner.indomaret."""
SALES = {"products": [{"sku": PRODUCT["sku"], "units_sold": 40, "gross_sales": 500000}]}


@dataclass
class World:
    """The API as the provincial admin, with an SME of Bekasi and one of Bandung known."""

    api: AppClient
    bekasi_sme: str
    bandung_sme: str
    indomaret: str
    alfamart: str


@contextlib.asynccontextmanager
async def world(infra: Infra, namespace: str) -> AsyncIterator[World]:
    """Indomaret (under the id its accounts carry) and Alfamart, and two licensed SMEs."""
    async with (
        running(create_app(partnership_settings(infra, namespace))) as api,
        Upstream(infra, namespace) as upstream,
    ):
        bekasi, bandung = new_sme_id(), new_sme_id()
        for sme, kecamatan in ((bekasi, "32.16.01"), (bandung, "32.04.05")):
            await upstream.publish(registered(sme, kecamatan))
            await upstream.publish(licensed(sme, halal=True))
        indomaret = await register_partner(api, "Indomaret", partner_id=INDOMARET)
        alfamart = await register_partner(api, "Alfamart")
        for sme in (bekasi, bandung):
            await known(api, sme, licences=["halal", "nib", "pirt"])
        yield World(api, bekasi, bandung, indomaret, alfamart)


async def _as(
    api: AppClient, user: str, method: str, url: str, body: object = None
) -> httpx.Response:
    return await api.request(method, url, json=body, headers=await api.as_user(user))


async def _active(api: AppClient, partner_id: str, sme_id: str, user: str) -> str:
    """A partnership taken to `active` by `user` (a Dinas); its path."""
    proposal = {"sme_id": sme_id, "pattern": "perdagangan_umum", "products": ["Keripik"]}
    created = await _as(api, user, "POST", f"/partners/{partner_id}/partnerships", proposal)
    assert created.status_code == 201, created.text
    path = f"/partners/{partner_id}/partnerships/{created.json()['partnership_id']}"
    for step, body in (("curation", PASSING), ("agreement", AGREEMENT)):
        assert (await _as(api, user, "POST", f"{path}/{step}", body)).status_code == 200
    return path


def _forbidden(answer: httpx.Response) -> None:
    assert answer.status_code == 403, answer.text
    assert answer.headers["content-type"] == "application/problem+json"


async def test_a_partner_trades_on_its_own_partnership_and_is_refused_anothers(
    infra: Infra, namespace: str
) -> None:
    async with world(infra, namespace) as w:
        own = await _active(w.api, w.indomaret, w.bekasi_sme, "dinas.bekasi")
        theirs = await _active(w.api, w.alfamart, w.bekasi_sme, "dinas.bekasi")
        await w.api.login("partner.indomaret")
        listed = await w.api.post(f"{own}/products", json=PRODUCT)
        reported = await w.api.put(f"{own}/sales/{MONTHS[0]}", json=SALES)
        refused = [
            await w.api.put(f"{theirs}/sales/{MONTHS[0]}", json=SALES),
            await w.api.post(f"{theirs}/products", json=PRODUCT),
            await w.api.get(theirs),
            await w.api.get(f"/partners/{w.alfamart}/partnerships"),
            await w.api.get(f"/partners/{w.alfamart}"),
            await w.api.post(f"{own}/curation", json=PASSING),  # the office's step
            await w.api.post(f"{own}/end", json={"reason": "Tidak lanjut"}),
        ]
        theirs_under_own_id = theirs.replace(w.alfamart, w.indomaret)
        hidden = await w.api.put(f"{theirs_under_own_id}/sales/{MONTHS[0]}", json=SALES)
        partners = (await w.api.get("/partners")).json()
        partnerships = (await w.api.get(f"/partners/{w.indomaret}/partnerships")).json()
        sme = await w.api.get(f"/smes/{w.bekasi_sme}")
        other_sme = await w.api.get(f"/smes/{w.bandung_sme}")
        await w.api.login("admin.provinsi")
        untouched = (await w.api.get(theirs)).json()

    assert (listed.status_code, reported.status_code) == (200, 200), reported.text
    assert reported.json()["sales"][MONTHS[0]][PRODUCT["sku"]]["units_sold"] == 40
    for answer in refused:
        _forbidden(answer)
        assert "Alfamart" not in answer.text
    assert hidden.status_code == 404
    assert [p["partner_id"] for p in partners] == [INDOMARET]
    assert [p["partnership_id"] for p in partnerships] == [own.rsplit("/", 1)[1]]
    assert sme.status_code == 200
    _forbidden(other_sme)
    assert (untouched["sales"], untouched["listings"]) == ({}, [])


async def test_a_dinas_runs_partnerships_only_for_smes_of_its_kabupaten(
    infra: Infra, namespace: str
) -> None:
    async with world(infra, namespace) as w:
        partnerships = f"/partners/{w.indomaret}/partnerships"
        proposal = {"sme_id": w.bekasi_sme, "pattern": "perdagangan_umum", "products": ["Opak"]}
        bandung_proposes = await _as(w.api, "dinas.bandung", "POST", partnerships, proposal)
        created = await _as(w.api, "dinas.bekasi", "POST", partnerships, proposal)
        path = f"{partnerships}/{created.json()['partnership_id']}"
        bandung_curates = await _as(w.api, "dinas.bandung", "POST", f"{path}/curation", PASSING)
        bandung_ends = await _as(w.api, "dinas.bandung", "POST", f"{path}/end", {"reason": "X"})
        bandung_reads = await _as(w.api, "dinas.bandung", "GET", path)
        bekasi_curates = await _as(w.api, "dinas.bekasi", "POST", f"{path}/curation", PASSING)
        bandung_own = await _active(w.api, w.indomaret, w.bandung_sme, "dinas.bandung")
        bandung_list = await _as(w.api, "dinas.bandung", "GET", partnerships)
        bekasi_ends = await _as(w.api, "dinas.bekasi", "POST", f"{path}/end", {"reason": "Batal"})
        proposed = await published(infra, namespace, "PartnershipProposed", 2)

    _forbidden(bandung_proposes)
    assert created.status_code == 201, created.text
    for answer in (bandung_curates, bandung_ends, bandung_reads):
        _forbidden(answer)
    assert bekasi_curates.json()["status"] == "curated"
    assert [p["sme_id"] for p in bandung_list.json()] == [w.bandung_sme]
    assert bandung_own.endswith(bandung_list.json()[0]["partnership_id"])
    assert bekasi_ends.json()["status"] == "ended"
    actors = {e["data"]["sme_id"]: e["data"]["actor"] for e in proposed}
    assert actors[w.bekasi_sme]["role"] == "dinas_kabupaten"
    assert actors[w.bekasi_sme]["subject"] != actors[w.bandung_sme]["subject"]


async def test_the_compliance_view_of_a_dinas_holds_only_its_kabupaten(
    infra: Infra, namespace: str
) -> None:
    async with world(infra, namespace) as w:
        await _active(w.api, w.alfamart, w.bekasi_sme, "dinas.bekasi")
        await _active(w.api, w.indomaret, w.bandung_sme, "dinas.bandung")
        bandung_only = await register_partner(
            w.api, "Toko Bandung", kabupaten_code="32.04", kecamatan_code="32.04.05"
        )
        await w.api.login("dinas.bekasi")
        own = await w.api.get("/compliance")
        asked_own = await w.api.get("/compliance", params={"kabupaten_code": "32.16"})
        asked_other = await w.api.get("/compliance", params={"kabupaten_code": "32.04"})
        await w.api.login("admin.provinsi")
        everything = (await w.api.get("/compliance")).json()

    view = own.json()
    assert own.status_code == 200
    assert view == asked_own.json()
    assert view["kabupaten_code"] == "32.16"
    assert [k["kecamatan_code"] for k in view["kecamatan"]] == ["32.16.01"]
    rows = {row["partner_id"]: row for row in view["partners"]}
    assert bandung_only not in rows
    assert (rows[w.alfamart]["active_partnerships"], rows[w.indomaret]["active_partnerships"]) == (
        1,
        0,
    )
    _forbidden(asked_other)
    assert [k["kecamatan_code"] for k in everything["kecamatan"]] == ["32.04.05", "32.16.01"]


def _concrete(path: str) -> str:
    return (
        path.replace("{partner_id}", INDOMARET)
        .replace("{partnership_id}", "partnership-000000000000")
        .replace("{period}", MONTHS[0])
        .replace("{sme_id}", "sme-000000000000")
    )


async def test_no_token_is_401_and_the_bank_is_refused_every_partnership_route(
    infra: Infra, namespace: str
) -> None:
    async with running(create_app(partnership_settings(infra, namespace)), user=None) as api:
        bank = await api.as_user("bank.jabar")
        anonymous: dict[tuple[str, str], int] = {}
        banked: dict[tuple[str, str], int] = {}
        for method, path in ENDPOINTS["partnership"]:
            url = _concrete(path)
            body: dict[str, str] | None = {} if method in {"POST", "PUT"} else None
            anonymous[method, path] = (await api.request(method, url, json=body)).status_code
            banked[method, path] = (
                await api.request(method, url, json=body, headers=bank)
            ).status_code

    assert set(anonymous.values()) == {401}, anonymous
    assert set(banked.values()) == {403}, banked
