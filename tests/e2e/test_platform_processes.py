"""The services as separate processes over HTTP and Kafka, as `./dev up` runs them."""

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from devstack.ports import free_port
from devstack.services import SERVICES, RunningService, start_service, wait_healthy
from tests.infra import Infra
from tests.polling import eventually
from tests.privacy import SERVICE_LOG_FILES, record_response


@pytest.fixture
def platform(infra: Infra, namespace: str, tmp_path: Path) -> Iterator[dict[str, RunningService]]:
    """All four services started as processes; stopped (and checked gone) afterwards."""
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap_servers,
        "MONGODB_URL": infra.mongodb_url,
        "TOPIC_NAMESPACE": namespace,
        "PROFILE": "test",
        **{f"{s.upper()}_MONGODB_DATABASE": f"{namespace}{s}" for s in SERVICES},
        "REPORTING_CONSUMER_GROUP": f"{namespace}reporting",
        "MENTORING_CONSUMER_GROUP": f"{namespace}mentoring",
    }
    services = {name: start_service(name, free_port(), tmp_path, env) for name in SERVICES}
    SERVICE_LOG_FILES.extend(svc.process.log_path for svc in services.values())
    try:
        for svc in services.values():
            wait_healthy(svc)
        yield services
    finally:
        for svc in services.values():
            svc.process.stop()


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
