"""The mentoring phase: session-log latency with few SMEs known, then with a province's worth."""

from bench import mentoring
from bench.loopback_http import LoopbackHttp
from bench.platform import BenchPlatform, new_namespace
from bench.results import Results
from bench.sizes import Sizes
from bench.stats import percentile


async def run_mentoring(platform: BenchPlatform, sizes: Sizes, results: Results) -> None:
    """Mentoring alone: session logs with few SMEs known, then with many."""
    figures = ("mentoring_p95_ms_100", "mentoring_p95_ms_13000")
    with results.phase("mentoring", figures):
        ns, bootstrap = new_namespace("men"), platform.stack.bootstrap_servers
        small, large, count = sizes.mentoring_small, sizes.mentoring_large, sizes.mentoring_sessions
        async with platform.services(ns, ("mentoring",)) as svc:
            known = await mentoring.make_known(bootstrap, ns, 0, small, within=120)
            http = LoopbackHttp(svc["mentoring"].url, platform.bearer())
            cohort, mentor_of = await mentoring.open_cohort(http, min(small, 100))
            few = await mentoring.session_latencies(http, cohort, mentor_of, count, 0)
            results.set("mentoring_p95_ms_100", mentoring.p95(few))
            print(
                f"   {small:,} SMEs known: session log p95 {mentoring.p95(few):.0f} ms", flush=True
            )
            many_known = await mentoring.make_known(
                bootstrap, ns, small, large, within=sizes.projection_timeout_s
            )
            many = await mentoring.session_latencies(http, cohort, mentor_of, count, count)
            await http.aclose()
        results.set("mentoring_p95_ms_13000", mentoring.p95(many))
        results.detail(
            "mentoring",
            sessions_each=count,
            enrolled=len(mentor_of),
            known_small=small,
            known_large=large,
            apply_small_s=round(known.seconds_to_apply, 1),
            apply_large_s=round(many_known.seconds_to_apply, 1),
            lag_left_large=many_known.lag_left,
            p50_ms_small=round(percentile(few, 50), 1),
            p50_ms_large=round(percentile(many, 50), 1),
        )
        print(
            f"   {large:,} SMEs known (applied in {many_known.seconds_to_apply:.0f} s, lag left "
            f"{many_known.lag_left}): p95 {mentoring.p95(many):.0f} ms",
            flush=True,
        )
