"""`./dev bench [--only raw,projection,...] [--quick]`: run the suite, print the table, save it.

Figures, never assertions: nothing here fails because a target is missed, and a phase that
breaks records its error in the JSON and the run carries on.
"""

import argparse
import asyncio
import logging
import os
import time
from pathlib import Path
from typing import cast

from bench import reads, store_ops
from bench.api_phases import run_platform, run_registration
from bench.chart import draw
from bench.data_path import run_data_path
from bench.mentoring_phase import run_mentoring
from bench.platform import BenchPlatform
from bench.results import FIGURES, Results
from bench.sizes import FULL, QUICK, Sizes
from bench.targets import table
from devstack.mongojava import Backend
from devstack.readiness import StartupError

PHASES = (
    "raw",
    "projection",
    "replay",
    "registration",
    "e2e",
    "import",
    "mentoring",
    "store",
    "reads",
)
SERVICES = ("registration", "mentoring", "partnership", "reporting")
RESULTS = Path(__file__).parent / "results"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default=",".join(PHASES), help="comma list of " + ",".join(PHASES)
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a try-out")
    parser.add_argument(
        "--store",
        choices=("h2", "memory"),
        default="h2",
        help="the Mongo-wire backend the services run on (./dev up uses h2)",
    )
    parser.add_argument(
        "--profile",
        default="",
        metavar="SERVICES",
        help="run these services (comma list) under pyinstrument; their figures are then "
        "slower than real; the profiles go to results/profiles/",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="JSON file (default: results/latest.json for "
        "a full run, results/partial.json otherwise; a .png goes beside it)",
    )
    args = parser.parse_args()
    unknown = set(args.only.split(",")) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    if set(filter(None, args.profile.split(","))) - set(SERVICES):
        parser.error(f"--profile takes service names: {', '.join(SERVICES)}")
    return args


async def _run(args: argparse.Namespace, want: set[str], results: Results) -> None:
    sizes = QUICK if args.quick else FULL
    profile = frozenset(filter(None, args.profile.split(",")))
    results.start_run(
        quick=args.quick,
        only=sorted(want),
        store=args.store,
        sizes=sizes.as_dict(),
        profiled=sorted(profile),
    )
    if want - {"store", "reads"}:
        platform: BenchPlatform | None = None
        with results.phase("stack", FIGURES):
            backend = cast(Backend, args.store)
            platform = await BenchPlatform(backend=backend, profile=profile).start()
        if platform is not None:
            await _on_platform(platform, sizes, results, want)
    if "store" in want:
        with results.phase("store", ()):
            small, large = sizes.store_docs_small, sizes.store_docs_large
            for backend in ("memory", "h2"):
                got = await store_ops.on_backend(backend, small, large)
                results.detail("store", **{backend: got})
            store_ops.show(results.details["store"])
    if "reads" in want:
        with results.phase("reads", ()):
            got = await reads.run("memory", sizes.reads_smes, repeat=10)
            results.detail("reads", **got)
            reads.show(got)


async def _on_platform(
    platform: BenchPlatform, sizes: Sizes, results: Results, want: set[str]
) -> None:
    platform.sampler.watch("bench (load generator)", os.getpid())
    results.cpu = platform.sampler.cpu_by_name
    print(
        f"stack up: kafka {platform.stack.bootstrap_servers}, mongo "
        f"{platform.stack.mongodb_url} ({platform.backend}); logs in {platform.log_dir}",
        flush=True,
    )
    try:
        if want & {"raw", "projection", "replay"}:
            await run_data_path(platform, sizes, results, want)
        if "registration" in want:
            await _settle(platform, results, "registration")
            await run_registration(platform, sizes, results)
        if want & {"e2e", "import"}:
            await _settle(platform, results, "platform")
            await run_platform(platform, sizes, results, want)
        if "mentoring" in want:
            await _settle(platform, results, "mentoring")
            await run_mentoring(platform, sizes, results)
    finally:
        results.cpu = None
        platform.stop()
    peaks = platform.sampler.peaks
    services = [v for k, v in peaks.items() if k in SERVICES]
    results.set("max_service_rss_mb", max(services) if services else None)
    results.detail("rss_peak_mb", **peaks)
    results.run["load_avg_peak"] = round(platform.sampler.peak_load, 2)


async def _settle(platform: BenchPlatform, results: Results, phase: str) -> None:
    # Each phase starts on a store that answers: a stall left by the last one is recorded.
    try:
        waited = await platform.store_answers()
    except StartupError as stalled:
        results.detail(phase, store_not_answering=str(stalled)[:300])
        return
    results.detail(phase, store_answered_after_s=round(waited, 1))


def main() -> None:
    """Run, then print and save whatever was measured."""
    args = _arguments()
    # aiokafka warns on every retried send to a just-created topic; the figures say enough.
    logging.getLogger("aiokafka").setLevel(logging.ERROR)
    want = set(args.only.split(","))
    full = want == set(PHASES) and not args.quick and not args.profile
    out: Path = args.out or RESULTS / ("latest.json" if full else "partial.json")
    results, started = Results(), time.monotonic()
    try:
        asyncio.run(_run(args, want, results))
    finally:
        results.run["duration_s"] = round(time.monotonic() - started)
        results.save(out)
        draw(results, out.with_suffix(".png"))
        print("\n" + table(results))
        print(f"\nwrote {out} and {out.with_suffix('.png')} in {results.run['duration_s']} s")
