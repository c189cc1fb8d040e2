"""Runs last (directory order): no raw NIK in any Kafka message, response body or log line.

Everything the earlier tests produced is scanned: every message on every topic of the test
broker, every HTTP response body the tests received, every log line of the in-process
services and the log files of the service processes.
"""

from aiokafka.admin import AIOKafkaAdminClient

from tests.infra import Infra
from tests.kafka_reader import read_all
from tests.privacy import LOG_LINES, RESPONSE_BODIES, SERVICE_LOG_FILES, raw_niks


def test_the_detector_finds_a_raw_nik_and_ignores_masks_and_pseudonyms() -> None:
    text = '{"nik": "3216014506900001", "m": "3216********0001", "p": "' + "1" * 64 + '"}'
    assert raw_niks(text) == ["3216014506900001"]


async def test_no_kafka_message_carries_a_raw_nik(infra: Infra) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap_servers, **infra.kafka)
    await admin.start()
    topics = [t for t in await admin.list_topics() if not t.startswith("__")]
    await admin.close()
    leaks, scanned = [], 0
    for topic in topics:
        for record in await read_all(infra, topic, idle_ms=500):
            scanned += 1
            text = record.value.decode("utf-8", "replace") + (record.key or b"").decode()
            leaks += [(topic, record.offset) for _ in raw_niks(text)]
    assert scanned > 0, "nothing to scan: did the earlier tiers run?"
    assert leaks == []


def test_no_response_body_carries_a_raw_nik() -> None:
    assert len(RESPONSE_BODIES) > 0
    assert [b[:200] for b in RESPONSE_BODIES if raw_niks(b)] == []


def test_no_log_line_carries_a_raw_nik() -> None:
    files = [path.read_text() for path in SERVICE_LOG_FILES if path.exists()]
    lines = LOG_LINES + [line for text in files for line in text.splitlines()]
    assert len(lines) > 0
    assert [line[:200] for line in lines if raw_niks(line)] == []
