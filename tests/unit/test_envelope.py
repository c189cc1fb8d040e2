"""The CloudEvents envelope: round trips, tolerant of extras, strict about what it needs."""

import json

import pytest
from pydantic import ValidationError

from tests.samples import DATA
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.dead_letters import PoisonMessageError, decode_envelope


def test_an_event_round_trips_through_json() -> None:
    event = make_event(DATA, 1)
    decoded = decode_envelope(event.to_json_bytes())
    assert decoded.type == "umkmjuara.registration.SMERegistered.v1"
    assert decoded.subject == "sme-6f1d2c3b4a59"
    assert SMERegistered.model_validate(decoded.data) == DATA


def test_unknown_attributes_are_ignored() -> None:
    wire = json.loads(make_event(DATA, 1).to_json_bytes())
    wire["somefutureextension"] = "x"
    assert decode_envelope(json.dumps(wire).encode()).id is not None


def test_a_message_without_a_type_is_poison_and_says_which_field() -> None:
    wire = json.loads(make_event(DATA, 1).to_json_bytes())
    del wire["type"]
    with pytest.raises(PoisonMessageError, match="type: missing"):
        decode_envelope(json.dumps(wire).encode())


def test_a_naive_time_is_refused() -> None:
    wire = json.loads(make_event(DATA, 1).to_json_bytes())
    wire["time"] = "2022-06-20T09:00:00"
    with pytest.raises(ValidationError):
        RawCloudEvent.model_validate(wire)


def test_topics_carry_the_context_and_major_version() -> None:
    assert TopicNames().events(Context.REGISTRATION) == "umkm-juara.registration.v1"
    assert TopicNames("t1-").dead_letter("reporting") == "t1-umkm-juara.dlt.reporting"
