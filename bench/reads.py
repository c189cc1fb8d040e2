"""Reporting's /totals latency over a province-sized read model, at three levels.

    .venv/bin/python -m bench.reads [--smes 20000] [--backend memory] [--repeat 30]
    .venv/bin/python -m bench --only reads

Starts its own Mongo-wire server, fills one generation of reporting's read model with `--smes`
SMEs through the projector itself (no Kafka: the events are handed to `Projector` in batches,
as the live consumer would), half of the cohorts closed, then times the /totals query (the
function the route calls) at province, kabupaten and cohort level: p50/p95 in ms. Figures
only, nothing asserted.
"""

import argparse
import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel
from pymongo import AsyncMongoClient

from bench.stats import percentile, timings_ms
from bench.store_server import own_store
from devstack.mongojava import Backend
from reporting.adapters.generations import LiveGeneration, fixed, read_pointer
from reporting.adapters.indexes import ensure_indexes
from reporting.adapters.mongo_store import MongoStore
from reporting.adapters.queries.source import ReadModels
from reporting.adapters.queries.totals import totals
from reporting.domain.values import Doc
from reporting.service import Projector
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.mentoring import (
    CohortClosed,
    CohortOpened,
    MentorAssigned,
    SMEEnrolled,
)
from umkm_shared.contracts.mentoring_progress import (
    GraduationDimension,
    MentorSessionLogged,
    MilestoneAchieved,
    SMEGraduated,
)
from umkm_shared.contracts.registration import FinancialFigures, OwnerIdentity, SMERegistered
from umkm_shared.messaging.batch_consumer import Delivery
from umkm_shared.messaging.consumer import typed_data
from umkm_shared.messaging.dead_letters import Origin

KABUPATEN = [f"32.{k:02d}" for k in range(1, 19)]
COHORT_SIZE = 200
START = date(2022, 6, 20)
AT = datetime(2022, 10, 21, 2, 0, tzinfo=UTC)
BATCH = 2000


def _cohort(c: int) -> str:
    return f"cohort-{c:012x}"


def _kabupaten(c: int) -> str:
    return KABUPATEN[c % len(KABUPATEN)]


def _sme_events(i: int) -> Iterator[tuple[BaseModel, int]]:
    """One SME's journey: registered, enrolled, assigned, three sessions, a milestone, maybe
    graduated. SME i is in cohort i // COHORT_SIZE, of that cohort's kabupaten."""
    c = i // COHORT_SIZE
    sid, cohort, kab = f"sme-{i:012x}", _cohort(c), _kabupaten(c)
    mentor = f"mentor-{c * 8 + i % 7:012x}"
    yield (
        SMERegistered(
            sme_id=sid,
            business_name=f"Usaha {i}",
            nib=None,
            kbli="10792",
            kabupaten_code=kab,
            kecamatan_code=f"{kab}.{i % 23 + 1:02d}",
            owner=OwnerIdentity(nik_pseudonym="a" * 64, nik_masked="3216********0001"),
            financials=FinancialFigures(
                business_capital=250_000_000, annual_sales=480_000_000, employees=4, as_of=START
            ),
            scale_class="mikro",
            scale_rule_version="PP7-2021.v1",
            registered_at=AT - timedelta(days=150),
        ),
        1,
    )
    at = AT - timedelta(days=120)
    yield SMEEnrolled(cohort_id=cohort, sme_id=sid, enrolled_at=at), 1
    yield MentorAssigned(cohort_id=cohort, sme_id=sid, mentor_id=mentor, assigned_at=at), 2
    for s in range(3):
        yield (
            MentorSessionLogged(
                session_id=f"session-{i:010x}{s:02x}",
                cohort_id=cohort,
                sme_id=sid,
                mentor_id=mentor,
                session_date=START + timedelta(days=7 + 30 * s + i % 20),
                duration_minutes=90,
                mode="tatap_muka",
                topics=["pemasaran", "digitalisasi"] if s % 2 else ["keuangan_akses_pembiayaan"],
            ),
            3 + s,
        )
    yield (
        MilestoneAchieved(
            cohort_id=cohort,
            sme_id=sid,
            milestone="marketplace_onboarded" if i % 2 else "halal_certified",
            achieved_on=START + timedelta(days=40 + i % 30),
            evidence="doc://bench",
        ),
        6,
    )
    if i % 3 == 0:
        dimension = "digital_onboarding" if i % 2 else "certification"
        yield (
            SMEGraduated(
                cohort_id=cohort,
                sme_id=sid,
                graduated_on=START + timedelta(days=100),
                dimensions=[
                    GraduationDimension(
                        dimension=dimension, before="belum", after="sudah", evidence=["doc://b"]
                    )
                ],
                sessions_logged=3,
                policy_version="graduation.v2",
                decided_by="policy",
            ),
            7,
        )


def _cohort_events(cohorts: int) -> Iterator[tuple[BaseModel, int]]:
    for c in range(cohorts):
        yield (
            CohortOpened(
                cohort_id=_cohort(c),
                name=f"UMKM Juara 2022 #{c}",
                kabupaten_code=_kabupaten(c),
                start_date=START,
                end_date=START + timedelta(days=120),
                target_graduates=COHORT_SIZE // 2,
                mentor_norm=27,
            ),
            1,
        )
        if c % 2 == 0:
            closed = CohortClosed(
                cohort_id=_cohort(c),
                kabupaten_code=_kabupaten(c),
                closed_on=START + timedelta(days=90),
                closed_at=AT,
                enrolled=COHORT_SIZE,
                graduated=COHORT_SIZE // 3,
            )
            yield closed, 2


def _delivery(data: BaseModel, version: int, offset: int) -> Delivery:
    made = make_event(data, version, time=AT)
    event = RawCloudEvent.model_validate_json(made.to_json_bytes())
    return Delivery(Origin("bench", 0, offset, None), event, typed_data(event))


async def fill(db_url: str, smes: int) -> float:
    """Project `smes` SMEs (and their cohorts, half closed) into the live generation; seconds."""
    client: AsyncMongoClient[Doc] = AsyncMongoClient(db_url)
    try:
        db = client.get_database("bench_reads")
        generation = (await read_pointer(db)).generation
        await ensure_indexes(db, generation)
        projector = Projector(MongoStore(db, fixed(generation)))
        cohorts = -(-smes // COHORT_SIZE)
        started = time.perf_counter()
        events = [*_cohort_events(cohorts)]
        batch: list[Delivery] = [_delivery(d, v, n) for n, (d, v) in enumerate(events)]
        for i in range(smes):
            batch += [_delivery(d, v, n) for n, (d, v) in enumerate(_sme_events(i))]
            if len(batch) >= BATCH:
                await projector.apply_batch(batch)
                batch = []
        await projector.apply_batch(batch)
        return time.perf_counter() - started
    finally:
        await client.close()


async def latencies(db_url: str, repeat: int) -> dict[str, dict[str, float]]:
    """p50/p95 ms of /totals' query at province, kabupaten and cohort level."""
    client: AsyncMongoClient[Doc] = AsyncMongoClient(db_url)
    try:
        db = client.get_database("bench_reads")
        models = ReadModels(db, LiveGeneration(db))
        levels = {
            "province": (None, None),
            "kabupaten": (KABUPATEN[0], None),
            "cohort (closed)": (KABUPATEN[0], _cohort(0)),
        }
        return {name: await _level(models, *where, repeat) for name, where in levels.items()}
    finally:
        await client.close()


async def _level(
    models: ReadModels, region: str | None, cohort_id: str | None, repeat: int
) -> dict[str, float]:
    times = await timings_ms(repeat, lambda _: totals(models, region, cohort_id))
    return {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1)}


async def run(backend: Backend, smes: int, repeat: int) -> dict[str, object]:
    """Start a server, fill it, measure, stop it."""
    async with own_store(backend, "umkm-reads-") as url:
        filled = await fill(url, smes)
        return {"smes": smes, "fill_s": round(filled, 1), **await latencies(url, repeat)}


def show(figures: dict[str, object]) -> None:
    """The table."""
    print(f"  /totals over {figures['smes']} SMEs (filled in {figures['fill_s']} s)")
    for name, value in figures.items():
        if isinstance(value, dict):
            print(f"  {name:<18} p50 {value['p50_ms']:>8} ms   p95 {value['p95_ms']:>8} ms")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smes", type=int, default=20_000)
    parser.add_argument("--backend", choices=("memory", "h2"), default="memory")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    show(asyncio.run(run(args.backend, args.smes, args.repeat)))


if __name__ == "__main__":
    main()
