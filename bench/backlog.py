"""A backlog of valid mixed events over many SMEs, built with the published contracts.

Each SME gets SMERegistered, SMEEnrolled and MentorAssigned; the rest of the budget is spread
at random over sessions, profile updates, milestones, scale changes and consents. SMEs are
interleaved at random (each SME's own events stay in order), as a province's offices would
produce them, so a batch of events touches many different read-model documents.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from bench import payloads
from bench.payloads import COHORT_SIZE, MENTOR_NORM
from umkm_shared.contracts.catalogue import event_key, make_event, spec_for
from umkm_shared.contracts.mentoring import CohortOpened, MentorRegistered
from umkm_shared.contracts.topics import TopicNames

EXTRA_WEIGHTS = {
    "session": 60,
    "profile": 12,
    "milestone": 12,
    "scale": 6,
    "consent": 10,
}


@dataclass(frozen=True)
class Record:
    """One Kafka record: topic, key and the CloudEvent's JSON."""

    topic: str
    key: bytes
    value: bytes


def _plans(smes: int, events: int, rng: random.Random) -> list[list[str]]:
    """Per SME, the kinds of its events in order (registration, enrollment, mentor first)."""
    reference = -(-smes // COHORT_SIZE) + -(-smes // MENTOR_NORM)
    extra = max(events - reference - 3 * smes, 0)
    kinds, weights = list(EXTRA_WEIGHTS), list(EXTRA_WEIGHTS.values())
    plans = [["registered", "enrolled", "assigned"] for _ in range(smes)]
    for kind in rng.choices(kinds, weights, k=extra):
        plans[rng.randrange(smes)].append(kind)
    for plan in plans:
        rest = plan[3:]
        rng.shuffle(rest)
        plan[3:] = rest
    return plans


def _reference(smes: int) -> list[BaseModel]:
    today = datetime.now(UTC).date()
    cohorts: list[BaseModel] = [
        CohortOpened(
            cohort_id=payloads.cohort_id(c),
            name=f"UMKM Juara Bekasi angkatan {c + 1}",
            kabupaten_code="32.16",
            start_date=today - timedelta(days=120),
            end_date=today + timedelta(days=60),
            target_graduates=60,
        )
        for c in range(-(-smes // COHORT_SIZE))
    ]
    mentors: list[BaseModel] = [
        MentorRegistered(
            mentor_id=payloads.mentor_id(m),
            name=f"Pendamping {m + 1}",
            kabupaten_code="32.16",
            expertise=["pemasaran", "digitalisasi"],
        )
        for m in range(-(-smes // MENTOR_NORM))
    ]
    return cohorts + mentors


def backlog(events: int, smes: int, namespace: str, seed: int = 9) -> Iterator[Record]:
    """`events` records (exactly, when the budget allows) over `smes` SMEs."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible mix, not a secret
    topics = TopicNames(namespace)
    versions: dict[tuple[str, str], int] = {}
    serial = iter(range(10**9))

    def record(data: BaseModel) -> Record:
        spec = spec_for(type(data))
        key = event_key(data)
        version = versions[spec.context.value, key] = versions.get((spec.context.value, key), 0) + 1
        event = make_event(data, version)
        return Record(topics.events(spec.context), key.encode(), event.to_json_bytes())

    for data in _reference(smes):
        yield record(data)
    plans = _plans(smes, events, rng)
    tokens = [i for i, plan in enumerate(plans) for _ in plan]
    rng.shuffle(tokens)
    position = [0] * smes
    for i in tokens:
        kind = plans[i][position[i]]
        position[i] += 1
        yield record(payloads.build(kind, i, next(serial)))
