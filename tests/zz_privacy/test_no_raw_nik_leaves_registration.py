"""Runs last (directory order): no raw NIK in any Kafka message, response body or log line.

Everything the earlier tests produced is scanned: every message on every topic of the test
broker, every HTTP response body the tests received, every log line of the in-process
services and the log files of the service processes.
"""

from aiokafka import ConsumerRecord

from tests.infra import Infra
from tests.kafka_scan import scan_all
from tests.privacy import LOG_LINES, RESPONSE_BODIES, SERVICE_LOG_FILES, raw_niks


def test_the_detector_finds_a_raw_nik_and_ignores_masks_and_pseudonyms() -> None:
    text = '{"nik": "3216014506900001", "m": "3216********0001", "p": "' + "1" * 64 + '"}'
    assert raw_niks(text) == ["3216014506900001"]


async def test_no_kafka_message_carries_a_raw_nik(infra: Infra) -> None:
    leaks: list[tuple[str, int]] = []

    def look(record: ConsumerRecord[bytes, bytes]) -> None:
        parts = [record.value or b"", record.key or b""] + [v or b"" for _, v in record.headers]
        found = [n for part in parts for n in raw_niks(part.decode("utf-8", "replace"))]
        leaks.extend((record.topic, record.offset) for _ in found)

    scan = await scan_all(infra, look)

    assert scan.read > 0, f"nothing to scan: did the earlier tiers run? {scan}"
    assert scan.read == scan.expected, f"some messages were not read: {scan}"
    assert leaks == []


def test_no_response_body_carries_a_raw_nik() -> None:
    assert len(RESPONSE_BODIES) > 0
    assert [b[:200] for b in RESPONSE_BODIES if raw_niks(b)] == []


def test_no_log_line_carries_a_raw_nik() -> None:
    files = [path.read_text() for path in SERVICE_LOG_FILES if path.exists()]
    lines = LOG_LINES + [line for text in files for line in text.splitlines()]
    assert len(lines) > 0
    assert [line[:200] for line in lines if raw_niks(line)] == []
