"""Mentoring: session-log latency with a few SMEs known, then with a province's worth.

SMEs become known to mentoring the way they do in production: SMERegistered on the
registration topic, consumed by the service. One cohort of `enrolled` SMEs with mentors at the
norm is the working set in both measurements; only the number of SMEs known grows.
"""

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bench import payloads
from bench.backlog import Record
from bench.kafka_io import group_lag, produce
from bench.loopback_http import LoopbackHttp
from bench.stats import percentile, timings_ms
from umkm_shared.contracts.catalogue import event_key, make_event
from umkm_shared.contracts.topics import Context, TopicNames

PER_MENTOR = 25


@dataclass(frozen=True)
class Known:
    """How many SMEs mentoring had applied when the sessions were timed."""

    produced: int
    lag_left: int
    seconds_to_apply: float


def registrations(namespace: str, first: int, last: int) -> list[Record]:
    """SMERegistered for SMEs first..last-1, as registration publishes them."""
    topic = TopicNames(namespace).events(Context.REGISTRATION)
    out = []
    for i in range(first, last):
        data = payloads.registered(i)
        out.append(Record(topic, event_key(data).encode(), make_event(data, 1).to_json_bytes()))
    return out


async def make_known(bootstrap: str, namespace: str, first: int, last: int, within: float) -> Known:
    """Publish SMERegistered for first..last-1 and wait until the consumer group caught up."""
    started = time.monotonic()
    await produce(bootstrap, registrations(namespace, first, last))
    names = TopicNames(namespace)
    topics = [names.events(Context.REGISTRATION), names.events(Context.PARTNERSHIP)]
    lag = -1
    while time.monotonic() - started < within:
        lag = await group_lag(bootstrap, f"{namespace}mentoring", topics)
        if lag == 0:
            break
        await asyncio.sleep(0.5)
    return Known(last, max(lag, 0), time.monotonic() - started)


async def _created(http: LoopbackHttp, method: str, path: str, body: Any) -> Any:  # noqa: ANN401
    status, answer = await http.request(method, path, body)
    if status not in (200, 201):
        raise RuntimeError(f"{method} {path}: {status} {str(answer)[:300]}")
    return answer


async def open_cohort(http: LoopbackHttp, enrolled: int) -> tuple[str, dict[str, str]]:
    """A cohort with SMEs 0..enrolled-1 enrolled and mentors assigned; (cohort, mentor per SME)."""
    today = datetime.now(UTC).date()
    cohort = await _created(
        http,
        "POST",
        "/cohorts",
        {
            "name": "UMKM Juara Bekasi (bench)",
            "kabupaten_code": "32.16",
            "start_date": (today - timedelta(days=90)).isoformat(),
            "end_date": (today + timedelta(days=30)).isoformat(),
            "target_graduates": 50,
        },
    )
    cohort_id = cohort["cohort_id"]
    mentors = [
        (
            await _created(
                http,
                "POST",
                "/mentors",
                {"name": f"Pendamping {m}", "kabupaten_code": "32.16", "expertise": ["pemasaran"]},
            )
        )["mentor_id"]
        for m in range(-(-enrolled // PER_MENTOR))
    ]
    mentor_of = {}
    for i in range(enrolled):
        sme = payloads.sme_id(i)
        await _created(http, "POST", f"/cohorts/{cohort_id}/enrollments", {"sme_id": sme})
        mentor_of[sme] = mentors[i // PER_MENTOR]
        path = f"/cohorts/{cohort_id}/enrollments/{sme}/mentor"
        await _created(http, "PUT", path, {"mentor_id": mentor_of[sme]})
    return cohort_id, mentor_of


async def session_latencies(
    http: LoopbackHttp, cohort_id: str, mentor_of: dict[str, str], count: int, offset: int
) -> list[float]:
    """Log `count` sessions one after another, round-robin over the cohort; ms each."""
    smes, today = list(mentor_of), datetime.now(UTC).date()

    async def log(i: int) -> None:
        n = offset + i
        body = {  # the assigned mentor's session, logged by the admin the suite signs in as
            "session_date": (today - timedelta(days=n % 80 + 1)).isoformat(),
            "duration_minutes": 90,
            "mode": "tatap_muka",
            "topics": ["pemasaran", "kemasan"],
            "notes": "Diskusi kemasan dan label",
        }
        sme = smes[n % len(smes)]
        await _created(http, "POST", f"/cohorts/{cohort_id}/enrollments/{sme}/sessions", body)

    return await timings_ms(count, log)


def p95(latencies: list[float]) -> float:
    """The 95th percentile."""
    return percentile(latencies, 95)
