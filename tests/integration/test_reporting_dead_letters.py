"""A poison message is parked on the dead-letter topic and the projection carries on."""

import json

import httpx
from aiokafka import AIOKafkaProducer

from reporting.entrypoints.app import create_app as reporting_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.settings import reporting_settings
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event


async def _row(client: httpx.AsyncClient, sme_id: str) -> dict[str, object] | None:
    resp = await client.get(f"/smes/{sme_id}")
    return resp.json() if resp.status_code == 200 else None


async def test_poison_goes_to_the_dead_letter_topic_and_later_events_still_project(
    infra: Infra, namespace: str
) -> None:
    settings = reporting_settings(infra, namespace)
    topic = f"{namespace}umkm-juara.registration.v1"
    bad_data = json.loads(make_event(DATA, 1).to_json_bytes())
    bad_data["data"]["kbli"] = "not-a-kbli"
    async with running(reporting_app(settings)) as reporting:
        producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
        await producer.start()
        key = DATA.sme_id.encode()
        await producer.send_and_wait(topic, b"{not json", key=key)
        await producer.send_and_wait(topic, json.dumps(bad_data).encode(), key=key)
        await producer.send_and_wait(topic, make_event(DATA, 1).to_json_bytes(), key=key)
        await producer.stop()
        row = await eventually(lambda: _row(reporting, DATA.sme_id))

    parked = await read_all(infra, f"{namespace}umkm-juara.dlt.{namespace}reporting")
    reasons = [json.loads(r.value)["reason"] for r in parked]
    assert row["kbli"] == DATA.kbli
    assert len(reasons) == 2
    assert reasons[0].startswith("not a valid CloudEvent")
    assert "data.kbli" not in reasons[0]
    assert "kbli: string_pattern_mismatch" in reasons[1]
    assert "not-a-kbli" not in reasons[1]  # reasons never quote values (they may be personal)
    assert {r.key for r in parked} == {key}
