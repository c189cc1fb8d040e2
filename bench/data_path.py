"""The data-path phases on one backlog: raw limits, projection, replay."""

import time

from pymongo import AsyncMongoClient

from bench.backlog import backlog
from bench.kafka_io import create_event_topics, event_topics, produce
from bench.platform import BenchPlatform, new_namespace
from bench.projection import project_backlog
from bench.raw import Doc, bulk_upsert, consume_all, decoders, read_models, synthetic_read_models
from bench.replay import rebuild
from bench.results import Results
from bench.sizes import Sizes
from bench.stats import rate


async def run_data_path(
    platform: BenchPlatform, sizes: Sizes, results: Results, want: set[str]
) -> None:
    """Produce the backlog once, then each wanted measurement on it."""
    bootstrap, ns = platform.stack.bootstrap_servers, new_namespace("proj")
    with results.phase("backlog", ("raw_consume_eps", "projection_eps", "replay_eps")):
        await create_event_topics(bootstrap, ns)
        started = time.monotonic()
        seconds = await produce(bootstrap, backlog(sizes.backlog_events, sizes.backlog_smes, ns))
        results.detail(
            "backlog",
            events=sizes.backlog_events,
            smes=sizes.backlog_smes,
            build_and_produce_s=round(time.monotonic() - started, 1),
            produce_eps=rate(sizes.backlog_events, seconds),
        )
        print(
            f"   {sizes.backlog_events:,} events over {sizes.backlog_smes:,} SMEs produced "
            f"in {seconds:.1f} s",
            flush=True,
        )
    topics = event_topics(ns)
    if "raw" in want:
        with results.phase("raw_consume", ("raw_consume_eps",)):
            for name, decode in decoders().items():
                eps = await consume_all(bootstrap, topics, decode)
                key = "raw_consume_eps" if name == "json" else f"raw_consume_{name}_eps"
                results.set(key, eps)
                print(f"   aiokafka + {name}.loads: {eps:,.0f} events/s", flush=True)
    if "projection" in want:
        with results.phase("projection", ("projection_eps",)):
            drain = await project_backlog(
                platform, ns, sizes.backlog_events, sizes.projection_timeout_s
            )
            results.set("projection_eps", drain.eps)
            results.detail(
                "projection",
                seconds=round(drain.seconds, 1),
                finished=drain.finished,
                lag_left=drain.remaining,
                startup_s=round(drain.startup_seconds, 1),
            )
            if not drain.finished:
                results.detail(
                    "projection",
                    note=f"lag still {drain.remaining:,} after "
                    f"{drain.seconds:.0f} s: the rate of what was projected by then",
                )
            print(
                f"   lag {drain.remaining:,} after {drain.seconds:.1f} s (start-up "
                f"{drain.startup_seconds:.1f} s): {drain.eps:,.0f} events/s",
                flush=True,
            )
    if "raw" in want:
        await _raw_bulk(platform, sizes, results, f"{ns}reporting")
    if "replay" in want:
        await _replay(platform, sizes, results, ns)
    _ratio(results)


async def _raw_bulk(platform: BenchPlatform, sizes: Sizes, results: Results, db: str) -> None:
    with results.phase("raw_bulk_upsert", ("raw_bulk_upsert_dps",)):
        settle = round(await platform.store_answers(), 1)
        results.detail("raw_bulk_upsert", store_answered_after_s=settle)
        client: AsyncMongoClient[Doc] = AsyncMongoClient(platform.stack.mongodb_url)
        try:
            docs, source = await read_models(client, db), "reporting's own read models"
            if sum(len(d) for d in docs.values()) < sizes.backlog_smes // 2:
                docs, source = synthetic_read_models(sizes.backlog_smes), "synthetic"
            dps, count = await bulk_upsert(client, f"{db}-rawbulk", docs, sizes.bulk_batch)
            await client.drop_database(f"{db}-rawbulk")
        finally:
            await client.close()
        results.set("raw_bulk_upsert_dps", dps)
        results.detail(
            "raw_bulk_upsert",
            documents=count,
            source=source,
            batch=sizes.bulk_batch,
            collections={k: len(v) for k, v in docs.items()},
        )
        print(
            f"   {count:,} documents ({source}), bulk_write of {sizes.bulk_batch}: "
            f"{dps:,.0f} docs/s",
            flush=True,
        )


async def _replay(platform: BenchPlatform, sizes: Sizes, results: Results, ns: str) -> None:
    bootstrap, topics = platform.stack.bootstrap_servers, event_topics(ns)
    with results.phase("replay", ("replay_eps",)):
        results.detail("replay", store_answered_after_s=round(await platform.store_answers(), 1))
        run = await rebuild(
            platform.stack.mongodb_url,
            f"{ns}reporting",
            bootstrap,
            topics,
            sizes.projection_timeout_s,
        )
        results.set("replay_eps", run.eps)
        results.detail(
            "replay",
            events=run.events,
            of=run.todo,
            finished=run.finished,
            seconds=round(run.seconds, 1),
            own_eps=run.own_eps and round(run.own_eps),
            how="reporting.adapters.replay.Rebuild.run_pass in the suite's process",
        )
        print(
            f"   Rebuild: {run.events:,} of {run.todo:,} events in {run.seconds:.1f} s: "
            f"{run.eps:,.0f} events/s",
            flush=True,
        )


def _ratio(results: Results) -> None:
    eps = results.figures.get("projection_eps")
    limits = [results.figures.get(k) for k in ("raw_consume_eps", "raw_bulk_upsert_dps")]
    if eps and all(limits):
        results.set("projection_ratio", eps / min(x for x in limits if x))
