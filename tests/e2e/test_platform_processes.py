"""The services as separate processes over HTTP and Kafka, as `./dev up` runs them."""

import os

import httpx

from devstack.services import RunningService
from tests.infra import Infra
from tests.polling import eventually
from tests.privacy import record_response


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_an_sme_posted_to_registration_can_be_read_from_reporting(
    platform: dict[str, RunningService], infra: Infra
) -> None:
    body = {
        "business_name": "Kopi Bojongmangu",
        "owner_nik": "3216235201920004",
        "kbli": "10761",
        "kabupaten_code": "32.16",
        "kecamatan_code": "32.16.23",
    }
    dinas = await infra.tokens.headers_async("dinas.bekasi")
    async with httpx.AsyncClient(timeout=10, event_hooks={"response": [record_response]}) as http:
        url = f"{platform['registration'].url}/smes"
        created = await http.post(url, json=body, headers=dinas)
        assert created.status_code == 201, created.text
        sme_id = created.json()["sme_id"]

        async def viewer() -> dict[str, str]:
            # Asked each time: a cached token may have about a minute left, the wait is longer.
            return await infra.tokens.headers_async("viewer.bekasi")

        async def projected() -> dict[str, object] | None:
            url = f"{platform['reporting'].url}/smes/{sme_id}"
            resp = await http.get(url, headers=await viewer())
            return resp.json() if resp.status_code == 200 else None

        row = await eventually(projected)
        listing = await http.get(
            f"{platform['reporting'].url}/smes?kabupaten_code=32.16", headers=await viewer()
        )

    assert row["business_name"] == "Kopi Bojongmangu"
    assert listing.json()["total"] == 1


async def test_a_service_process_answers_401_without_a_token_and_200_with_one(
    platform: dict[str, RunningService], infra: Infra
) -> None:
    url = f"{platform['registration'].url}/smes"
    async with httpx.AsyncClient(timeout=10, event_hooks={"response": [record_response]}) as http:
        anonymous = await http.get(url)
        signed_in = await http.get(url, headers=await infra.tokens.headers_async("dinas.bekasi"))

    assert anonymous.status_code == 401, anonymous.text
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    assert anonymous.headers["content-type"].startswith("application/problem+json")
    assert signed_in.status_code == 200, signed_in.text


def test_stopping_the_services_leaves_no_process_behind(
    platform: dict[str, RunningService],
) -> None:
    pids = [svc.process.pid for svc in platform.values()]
    for svc in platform.values():
        svc.process.stop()

    assert [pid for pid in pids if _pid_alive(pid)] == []
