"""An operator lists a consumer's dead letters and puts chosen ones back on their topics."""

import asyncio
import json

from aiokafka import AIOKafkaProducer
from typer.testing import CliRunner, Result

from tests.infra import Infra
from tests.kafka_reader import PlainPublisher, read_all
from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.dead_letter_cli import app
from umkm_shared.messaging.dead_letter_tool import REPUBLISHED_FROM
from umkm_shared.messaging.dead_letters import Origin, dead_letter
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics


def _env(infra: Infra, namespace: str) -> dict[str, str]:
    admin = infra.principal("admin")
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap_servers,
        "TOPIC_NAMESPACE": namespace,
        "COLUMNS": "300",  # rich's tables: one line per entry
        "KAFKA_SECURITY_PROTOCOL": admin.protocol,
        "KAFKA_SASL_MECHANISM": admin.mechanism,
    }
    if admin.username and admin.password:
        env |= {"ADMIN_KAFKA_USERNAME": admin.username, "ADMIN_KAFKA_PASSWORD": admin.password}
    if admin.cafile:
        env["KAFKA_SSL_CAFILE"] = admin.cafile
    return env


async def test_a_dead_letter_is_listed_with_its_origin_and_republished_to_its_source_topic(
    infra: Infra, namespace: str
) -> None:
    topics = TopicNames(namespace)
    source, dlt = topics.events(Context.REGISTRATION), topics.dead_letter("reporting")
    await ensure_topics(
        infra.bootstrap_servers, [TopicSpec(source, 3), TopicSpec(dlt, 1)], infra.principal("admin")
    )
    event = make_event(DATA, 4).to_json_bytes()
    producer = AIOKafkaProducer(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await producer.start()
    try:
        parked = PlainPublisher(producer)
        key = DATA.sme_id.encode()
        await dead_letter(
            parked, dlt, Origin(source, 1, 41, key), b"{not json", "not a valid CloudEvent"
        )
        await dead_letter(
            parked,
            dlt,
            Origin(source, 2, 17, key),
            event,
            "the handler failed 5 times: KeyError: 'x'",
            error="KeyError",
            attempts=5,
        )
    finally:
        await producer.stop()
    runner, env = CliRunner(), _env(infra, namespace)

    listed = await _run(runner, ["list", "reporting"], env)
    republished = await _run(runner, ["republish", "reporting", "--entry", "0:1", "--yes"], env)

    assert listed.exit_code == 0, listed.output
    assert "KeyError" in listed.output
    assert f"{source}:2:17" in listed.output
    assert "dead letters of reporting: 2" in listed.output
    assert republished.exit_code == 0, republished.output
    back = [r for r in await read_all(infra, source) if REPUBLISHED_FROM in r.headers]
    assert len(back) == 1
    assert back[0].key == key
    assert back[0].value == event
    assert back[0].headers[REPUBLISHED_FROM] == f"{dlt}:0:1".encode()
    assert json.loads(back[0].value)["aggregateversion"] == 4


async def test_republishing_an_entry_that_is_not_there_changes_nothing(
    infra: Infra, namespace: str
) -> None:
    dlt = TopicNames(namespace).dead_letter("mentoring")
    await ensure_topics(infra.bootstrap_servers, [TopicSpec(dlt, 1)], infra.principal("admin"))

    answer = await _run(
        CliRunner(), ["republish", "mentoring", "--entry", "0:9", "--yes"], _env(infra, namespace)
    )

    assert answer.exit_code == 2
    assert "no dead letter ['0:9']" in answer.output


async def _run(runner: CliRunner, args: list[str], env: dict[str, str]) -> Result:
    """The CLI in a worker thread: it runs its own event loop."""
    return await asyncio.to_thread(lambda: runner.invoke(app, args, env=env))
