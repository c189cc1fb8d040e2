"""The phases that drive the services over HTTP: registration, then end to end and import."""

import tempfile
from pathlib import Path

from bench.e2e import POLL_S, steady_registrations
from bench.importing import import_until_visible, write_sheet
from bench.platform import Bearer, BenchPlatform, new_namespace
from bench.registration import post_smes
from bench.results import Results
from bench.sizes import Sizes

ALL_SERVICES = ("registration", "mentoring", "partnership", "reporting")
E2E_FIRST = 200_000
"""Sheet row numbers of the end-to-end SMEs: clear of the import's rows in the same database."""


async def run_registration(platform: BenchPlatform, sizes: Sizes, results: Results) -> None:
    """Registration alone (with its outbox relay), concurrent clients, fixed time."""
    with results.phase("registration", ("registration_rps",)):
        async with platform.services(new_namespace("reg"), ("registration",)) as svc:
            got = await post_smes(
                svc["registration"].url,
                platform.bearer(),
                sizes.registration_clients,
                sizes.registration_seconds,
            )
        results.set("registration_rps", got.rps)
        results.detail(
            "registration",
            clients=sizes.registration_clients,
            accepted=got.accepted,
            statuses=got.statuses,
            p50_ms=round(got.p50_ms, 1),
            p95_ms=round(got.p95_ms, 1),
        )
        print(
            f"   {got.rps:,.0f} accepted/s with {sizes.registration_clients} clients "
            f"(p50 {got.p50_ms:.0f} ms, p95 {got.p95_ms:.0f} ms); {got.statuses}",
            flush=True,
        )


async def run_platform(
    platform: BenchPlatform, sizes: Sizes, results: Results, want: set[str]
) -> None:
    """All four services, as `./dev up` runs them: end to end first, then the import."""
    figures = ("e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms", "import_13000_visible_s")
    with results.phase("platform", figures):
        async with platform.services(new_namespace("plat"), ALL_SERVICES) as svc:
            urls = svc["registration"].url, svc["reporting"].url, platform.bearer()
            if "e2e" in want:
                with results.phase("e2e", figures[:3]):
                    await _e2e(*urls, sizes, results)
            if "import" in want:
                with results.phase("import", figures[3:]):
                    await _import(*urls, sizes, results)


async def _e2e(
    registration: str, reporting: str, bearer: Bearer, sizes: Sizes, results: Results
) -> None:
    got = await steady_registrations(
        registration,
        reporting,
        bearer,
        rate=sizes.e2e_rate,
        seconds=sizes.e2e_seconds,
        first=E2E_FIRST,
    )
    if not got.latencies_ms:
        raise RuntimeError(f"no registration became visible ({got.rejected} rejected)")
    for p in (50, 95, 99):
        results.set(f"e2e_p{p}_ms", got.pct(p))
    results.detail(
        "e2e",
        rate_per_s=sizes.e2e_rate,
        seconds=sizes.e2e_seconds,
        sent=got.sent,
        visible=len(got.latencies_ms),
        rejected=got.rejected,
        connection_failures=got.failed,
        never_visible=got.never_visible,
        max_ms=round(max(got.latencies_ms), 1),
        poll_interval_ms=POLL_S * 1000,
        reporting_gets_per_s=round(got.polls / sizes.e2e_seconds),
        post_p50_ms=round(got.post_p50_ms, 1),
    )
    print(
        f"   {got.sent} sent at {sizes.e2e_rate:.0f}/s: p50 {got.pct(50):.0f} ms, p95 "
        f"{got.pct(95):.0f} ms, p99 {got.pct(99):.0f} ms; never visible {got.never_visible}, "
        f"rejected {got.rejected}",
        flush=True,
    )


def seconds(value: float | None) -> str:
    """`12.3 s`, or `never` for a moment that did not come."""
    return "never" if value is None else f"{value:.1f} s"


async def _import(
    registration: str, reporting: str, bearer: Bearer, sizes: Sizes, results: Results
) -> None:
    with tempfile.TemporaryDirectory(prefix="umkm-bench-import-") as tmp:
        path = Path(tmp) / "umkm_binaan.xlsx"
        write_sheet(path, sizes.import_rows)
        got = await import_until_visible(
            registration, reporting, bearer, path, sizes.import_rows, within=sizes.import_timeout_s
        )
    results.set("import_13000_visible_s", got.visible_s)
    if got.visible_s is None:
        results.errors["import_13000_visible_s"] = (
            f"not all visible within {sizes.import_timeout_s:.0f} s: "
            f"{got.visible_count} of {got.imported} (import finished: {got.finished_s})"
        )
    results.detail(
        "import",
        rows=got.rows,
        imported=got.imported,
        rejected=got.rejected,
        import_finished_s=got.finished_s and round(got.finished_s, 1),
        visible_count=got.visible_count,
    )
    print(
        f"   {got.rows:,} rows: import finished after {seconds(got.finished_s)}, all "
        f"{got.imported:,} imported SMEs visible in reporting after {seconds(got.visible_s)}",
        flush=True,
    )
