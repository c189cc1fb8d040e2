"""Every event of a command names who issued it: the token's subject and role, never a name."""

import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI

from tests.samples import DATA
from tests.unit.auth.issuer import ISSUER, LocalIssuer
from umkm_shared.auth import AuthSettings, Caller, install, require
from umkm_shared.auth.audit import actor_of, current_actor, note_reason, record
from umkm_shared.contracts.audit import Actor
from umkm_shared.messaging.outbox import outbox_entries
from umkm_shared.service import problems

COORDINATOR = Caller(
    subject="7c2d-coordinator",
    roles=frozenset({"coordinator", "viewer"}),
    client_id="umkm-dashboard",
    name="coordinator.bekasi",
)


def _actor_of_entry(entry: dict[str, str]) -> object:
    data: dict[str, object] = json.loads(entry["payload"])["data"]
    return data.get("actor")


def test_the_actor_is_the_role_that_allowed_the_action_and_carries_no_name() -> None:
    actor = actor_of(COORDINATOR, "mentoring.override")

    assert actor == Actor(
        subject="7c2d-coordinator", role="coordinator", client_id="umkm-dashboard"
    )
    assert "coordinator.bekasi" not in actor.model_dump_json()


async def test_the_outbox_stamps_the_recorded_actor_on_each_event_of_the_write() -> None:
    async def command() -> list[dict[str, str]]:
        record(actor_of(COORDINATOR, "mentoring.override"))
        note_reason("Laporan keuangan 2022 membuktikan naik kelas")
        return outbox_entries([("reg", DATA)], last_versions={"reg": 0})

    entries = await _in_own_context(command)

    assert _actor_of_entry(entries[0]) == {
        "subject": "7c2d-coordinator",
        "role": "coordinator",
        "client_id": "umkm-dashboard",
        "reason": "Laporan keuangan 2022 membuktikan naik kelas",
    }


def test_an_event_caused_by_another_event_has_no_actor() -> None:
    assert current_actor() is None
    entries = outbox_entries([("reg", DATA)], last_versions={"reg": 0})

    assert _actor_of_entry(entries[0]) is None


async def test_a_route_guarded_by_require_makes_its_caller_the_actor() -> None:
    issuer = LocalIssuer()
    app = FastAPI()
    problems.install(app)
    install(app, AuthSettings(profile="test", oidc_issuer=ISSUER), transport=issuer.transport())

    @app.post("/smes")
    async def register(
        caller: Annotated[Caller, Depends(require("registration.register"))],
    ) -> dict[str, object]:
        entries = outbox_entries([("reg", DATA)], last_versions={"reg": 0})
        return {"actor": _actor_of_entry(entries[0])}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as http:
        answer = await http.post("/smes", headers={"Authorization": f"Bearer {issuer.token()}"})

    assert answer.json()["actor"] == {
        "subject": "3f1c0e6a-user",
        "role": "dinas_kabupaten",
        "client_id": "umkm-dashboard",
        "reason": None,
    }


async def _in_own_context(
    command: Callable[[], Coroutine[None, None, list[dict[str, str]]]],
) -> list[dict[str, str]]:
    """Run `command` as a task, as a request runs: its actor stays inside it."""
    result = await asyncio.create_task(command())
    assert current_actor() is None
    return result
