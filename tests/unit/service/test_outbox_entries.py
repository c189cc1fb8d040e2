"""The one version convention: `last_versions` holds each topic's version BEFORE the write."""

import json
from datetime import UTC, datetime

from tests.samples import DATA
from umkm_shared.contracts.registration import SMEWithdrawn
from umkm_shared.messaging.outbox import outbox_entries

WITHDRAWN = SMEWithdrawn(
    sme_id=DATA.sme_id, reason="Usaha ditutup", withdrawn_at=datetime(2023, 1, 9, tzinfo=UTC)
)


def _envelopes(entries: list[dict[str, str]]) -> list[dict[str, object]]:
    return [json.loads(entry["payload"]) for entry in entries]


def test_a_new_aggregate_numbers_its_first_events_one_and_two() -> None:
    entries = outbox_entries([("reg", DATA), ("reg", WITHDRAWN)], last_versions={"reg": 0})

    assert [e["aggregateversion"] for e in _envelopes(entries)] == [1, 2]


def test_a_write_continues_from_the_version_before_it() -> None:
    entries = outbox_entries([("reg", WITHDRAWN)], last_versions={"reg": 7})

    assert [e["aggregateversion"] for e in _envelopes(entries)] == [8]


def test_each_topic_is_numbered_on_its_own() -> None:
    events = [("reg", DATA), ("feed", DATA), ("reg", WITHDRAWN), ("feed", WITHDRAWN)]

    entries = outbox_entries(events, last_versions={"reg": 3})  # never published on "feed"

    numbered = zip(entries, _envelopes(entries), strict=True)
    assert [(e["topic"], v["aggregateversion"]) for e, v in numbered] == [
        ("reg", 4),
        ("feed", 1),
        ("reg", 5),
        ("feed", 2),
    ]


def test_the_events_of_one_write_share_a_correlation_id_and_chain_their_causes() -> None:
    entries = outbox_entries([("reg", DATA), ("reg", WITHDRAWN)], last_versions={})

    first, second = _envelopes(entries)
    assert first["correlationid"] == second["correlationid"]
    assert first.get("causationid") is None
    assert second["causationid"] == first["id"]
    assert [e["correlation_id"] for e in entries] == [first["correlationid"]] * 2


def test_a_given_correlation_id_is_carried_by_every_event_of_the_write() -> None:
    request = "8d6f0c1e-3f1a-4b7e-9a55-6f1d2c3b4a59"

    entries = outbox_entries(
        [("reg", DATA), ("reg", WITHDRAWN)], last_versions={}, correlation_id=request
    )

    assert [e["correlationid"] for e in _envelopes(entries)] == [request, request]


def test_an_entry_is_keyed_by_the_sme_and_its_payload_is_final() -> None:
    (entry,) = outbox_entries([("reg", DATA)], last_versions={})

    envelope = json.loads(entry["payload"])
    assert entry["key"] == DATA.sme_id
    assert entry["event_id"] == envelope["id"]
    assert envelope["data"]["sme_id"] == DATA.sme_id
