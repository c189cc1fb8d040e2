"""The services as separate processes over HTTP and Kafka, as `./dev up` runs them."""

import os

import httpx

from devstack.services import RunningService
from tests.polling import eventually
from tests.privacy import record_response


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_an_sme_posted_to_registration_can_be_read_from_reporting(
    platform: dict[str, RunningService],
) -> None:
    body = {
        "business_name": "Kopi Bojongmangu",
        "owner_nik": "3216235201920004",
        "kbli": "10761",
        "kabupaten_code": "32.16",
        "kecamatan_code": "32.16.23",
    }
    async with httpx.AsyncClient(timeout=10, event_hooks={"response": [record_response]}) as http:
        created = await http.post(f"{platform['registration'].url}/smes", json=body)
        assert created.status_code == 201, created.text
        sme_id = created.json()["sme_id"]

        async def projected() -> dict[str, object] | None:
            resp = await http.get(f"{platform['reporting'].url}/smes/{sme_id}")
            return resp.json() if resp.status_code == 200 else None

        row = await eventually(projected)
        listing = await http.get(f"{platform['reporting'].url}/smes?kabupaten_code=32.16")

    assert row["business_name"] == "Kopi Bojongmangu"
    assert listing.json()["total"] == 1


def test_stopping_the_services_leaves_no_process_behind(
    platform: dict[str, RunningService],
) -> None:
    pids = [svc.process.pid for svc in platform.values()]
    for svc in platform.values():
        svc.process.stop()

    assert [pid for pid in pids if _pid_alive(pid)] == []
