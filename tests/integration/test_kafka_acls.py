"""The broker authenticates every client (SASL/SCRAM-SHA-512) and enforces the platform's ACLs."""

import dataclasses
import logging

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, TopicAuthorizationFailedError

from devstack.stack import LocalStack
from tests.infra import Infra
from tests.kafka_reader import read_all
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.kafka_security import KafkaSecurity
from umkm_shared.messaging.topics_admin import TopicSpec, ensure_topics


async def _topics(infra: Infra, namespace: str, *contexts: Context) -> list[str]:
    names = [TopicNames(namespace).events(c) for c in contexts]
    await ensure_topics(infra.bootstrap_servers, [TopicSpec(n, 1) for n in names], _admin(infra))
    return names


def _admin(infra: Infra) -> KafkaSecurity:
    admin = infra.principal("admin")
    assert admin.sasl, "these tests need a broker that requires SASL (the local stack does)"
    return admin


async def _send(infra: Infra, principal: KafkaSecurity, topic: str, value: bytes) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=infra.bootstrap_servers,
        request_timeout_ms=5000,
        **principal.client_kwargs(),
    )
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=b"sme-1")
    finally:
        await producer.stop()


async def _consume(infra: Infra, principal: KafkaSecurity, topic: str, group: str) -> list[bytes]:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=infra.bootstrap_servers,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **principal.client_kwargs(),
    )
    await consumer.start()
    try:
        values: list[bytes] = []
        while not values:
            batch = await consumer.getmany(timeout_ms=1000)
            values += [m.value or b"" for messages in batch.values() for m in messages]
        return values
    finally:
        await consumer.stop()


async def test_a_service_writes_its_own_topic_but_not_another_contexts(
    infra: Infra, namespace: str
) -> None:
    own, other = await _topics(infra, namespace, Context.REGISTRATION, Context.MENTORING)
    registration = infra.principal("registration")

    await _send(infra, registration, own, b"allowed")
    with pytest.raises(TopicAuthorizationFailedError):
        await _send(infra, registration, other, b"forged session")

    assert [r.value for r in await read_all(infra, own, 500)] == [b"allowed"]
    assert await read_all(infra, other, 500) == []


async def test_the_bank_reads_its_feed_but_not_the_registration_topic(
    infra: Infra, namespace: str
) -> None:
    feed, registrations = await _topics(infra, namespace, Context.BANK_FEED, Context.REGISTRATION)
    await _send(infra, infra.principal("mentoring"), feed, b"pseudonymised")
    await _send(infra, infra.principal("registration"), registrations, b"names an SME")
    bank = infra.principal("bank")

    assert await _consume(infra, bank, feed, f"{namespace}bank-feed") == [b"pseudonymised"]
    with pytest.raises(TopicAuthorizationFailedError):
        await _consume(infra, bank, registrations, f"{namespace}bank-feed")


async def test_a_client_without_credentials_is_refused(infra: Infra, namespace: str) -> None:
    (topic,) = await _topics(infra, namespace, Context.REGISTRATION)
    anonymous = dataclasses.replace(
        _admin(infra), protocol="SSL" if _admin(infra).tls else "PLAINTEXT"
    )
    with pytest.raises(KafkaConnectionError):  # the SASL listener drops it: no metadata at all
        await _send(infra, anonymous, topic, b"x")
    assert await read_all(infra, topic, 500) == []


async def test_a_wrong_password_is_refused(
    infra: Infra, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    (topic,) = await _topics(infra, namespace, Context.REGISTRATION)
    impostor = _admin(infra).as_user("registration", "not-the-password")
    with caplog.at_level(logging.ERROR, "aiokafka"), pytest.raises(KafkaConnectionError):
        await _send(infra, impostor, topic, b"x")
    assert "SaslAuthenticationFailed" in caplog.text
    assert await read_all(infra, topic, 500) == []


async def test_over_tls_a_service_trusting_the_test_ca_connects_and_others_are_refused() -> None:
    stack = await LocalStack(kafka_tls=True).start()  # SASL_SSL, a CA made for this stack
    try:
        registration = stack.kafka_principal("registration")
        topic = TopicNames().events(Context.REGISTRATION)
        await ensure_topics(stack.bootstrap_servers, [TopicSpec(topic, 1)], registration)
        servers = Infra(stack.bootstrap_servers, stack.mongodb_url, "TLS stack")
        await _send(servers, registration, topic, b"encrypted")
        untrusting = dataclasses.replace(registration, cafile=None)  # the system's CAs only
        with pytest.raises(KafkaConnectionError):
            await _send(servers, untrusting, topic, b"x")
        records = await read_all(stack.bootstrap_servers, topic, 500, stack.kafka_principal())
    finally:
        stack.stop()

    assert registration.protocol == "SASL_SSL"
    assert [r.value for r in records] == [b"encrypted"]
