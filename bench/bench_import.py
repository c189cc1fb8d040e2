"""Bulk import benchmark: a generated 13,000-row .xlsx through the importer, twice.

    .venv/bin/python -m bench.bench_import [--rows 13000] [--relay]

Uses KAFKA_BOOTSTRAP_SERVERS / MONGODB_URL when both are set, else starts the local stack
(Kafka + mongo-java-server). Prints rows/s of the first import and of a re-run (all rows already
registered), and the peak RSS of this process. It asserts nothing about speed.
"""

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import resource
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pymongo import AsyncMongoClient

from registration.adapters.importing.importer import import_rows
from registration.adapters.importing.known import RegisteredKeys
from registration.adapters.importing.readers import open_table
from registration.adapters.importing.report import report_lines, write_report
from registration.config import RegistrationSettings
from registration.domain.importing.outcomes import ImportResult
from registration.entrypoints.app import create_app
from registration.entrypoints.cli import open_service
from registration.service import RegistrationService
from tests.integration.umkm_sheet import sheet, write_xlsx


def generate(path: Path, rows: int) -> None:
    """The test suite's sheet: a bad or duplicate row every 260 rows."""
    write_xlsx(path, sheet(rows, every=260)[0])


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextlib.asynccontextmanager
async def servers() -> AsyncIterator[tuple[str, str, str]]:
    """(bootstrap servers, MongoDB URL, where they came from)."""
    bootstrap, mongo = os.environ.get("KAFKA_BOOTSTRAP_SERVERS"), os.environ.get("MONGODB_URL")
    if bootstrap and mongo:
        yield bootstrap, mongo, "environment"
        return
    from devstack.stack import LocalStack  # noqa: PLC0415 - only without given servers

    stack = await LocalStack().start()
    # The importer under test publishes as the admin: the benchmark measures it, not the ACLs.
    admin = stack.kafka_env("admin")
    os.environ.update(
        {
            **admin,
            "REGISTRATION_KAFKA_USERNAME": admin["ADMIN_KAFKA_USERNAME"],
            "REGISTRATION_KAFKA_PASSWORD": admin["ADMIN_KAFKA_PASSWORD"],
        }
    )
    try:
        yield stack.bootstrap_servers, stack.mongodb_url, "local stack (mongo-java-server, memory)"
    finally:
        stack.stop()


@contextlib.asynccontextmanager
async def service_for(
    settings: RegistrationSettings, relay: bool
) -> AsyncIterator[RegistrationService]:
    """The CLI's service (no relay), or the API's: the app lifespan, outbox relay running."""
    if not relay:
        async with open_service(settings) as bare:
            yield bare
        return
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        service: RegistrationService = app.state.service
        yield service


async def one_run(path: Path, settings: RegistrationSettings, relay: bool) -> ImportResult:
    """Import the file once."""
    with open_table(path) as table:
        async with service_for(settings, relay) as service:
            known = await RegisteredKeys.load(service.repository, service.pseudonym_key)
            return await import_rows(table.rows, service, reference=service.reference, known=known)


def show(label: str, result: ImportResult) -> None:
    """One line of figures."""
    s = result.summary
    print(
        f"{label:>8}: {s.processed:,} rows in {result.seconds:.1f} s = "
        f"{s.processed / result.seconds:,.0f} rows/s "
        f"(imported {s.imported:,}, already registered {s.already_registered:,}, "
        f"rejected {s.rejected:,}); peak RSS so far {peak_rss_mib():.0f} MiB"
    )


async def bench(rows: int, relay: bool) -> None:
    """Generate, import, re-import, write the report; print figures."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "umkm.xlsx"
        # In a child process, so the peak RSS below is the importer's, not the generator's.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn) as pool:
            pool.submit(generate, path, rows).result()
        print(f"file: {rows:,} rows, {path.stat().st_size / 1024:,.0f} KiB; "
              f"peak RSS before importing {peak_rss_mib():.0f} MiB")  # fmt: skip
        async with servers() as (bootstrap, mongo, source):
            how = "the app lifespan with its outbox relay" if relay else "the CLI's (no relay)"
            print(f"servers: {source}; service: {how}")
            run_id = uuid.uuid4().hex[:8]
            settings = RegistrationSettings(
                kafka_bootstrap_servers=bootstrap,
                mongodb_url=mongo,
                mongodb_database=f"bench-import-{run_id}",
                topic_namespace=f"bench-{run_id}-",
            )
            try:
                first = await one_run(path, settings, relay)
                show("import", first)
                show("re-run", await one_run(path, settings, relay))
                started = time.monotonic()
                with (Path(tmp) / "report.xlsx").open("wb") as out:
                    write_report(report_lines(first.outcomes), out, "xlsx")
                print(f"  report: .xlsx of {first.summary.processed:,} rows in "
                      f"{time.monotonic() - started:.1f} s")  # fmt: skip
            finally:
                client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo)
                await client.drop_database(settings.mongodb_database)
                await client.close()
    print(f"peak RSS of the whole run: {peak_rss_mib():.0f} MiB")


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=13_000)
    parser.add_argument(
        "--relay",
        action="store_true",
        help="import inside the service's lifespan, as the API does (outbox relay running)",
    )
    args = parser.parse_args()
    asyncio.run(bench(args.rows, args.relay))


if __name__ == "__main__":
    main()
