"""Replay throughput: reporting's Rebuild (what `reporting-replay` runs) over the same backlog.

In the suite's process rather than through the command, so that a bounded run that has to
stop early still yields a rate (the command prints its figure only at the end), and so the
comparison of the generations afterwards is not timed.
"""

import asyncio
import contextlib
import time
from dataclasses import dataclass

from bench.kafka_io import admin
from reporting.adapters.replay import Rebuild
from umkm_shared.mongo import connect


@dataclass(frozen=True)
class ReplayRun:
    """How far one rebuild pass got, and how fast."""

    events: int
    todo: int
    seconds: float
    finished: bool
    own_eps: float | None
    """The rate `run_pass` itself reports (its consumer's start-up excluded)."""

    @property
    def eps(self) -> float:
        """Events replayed per second, as timed from outside."""
        return self.events / self.seconds


async def rebuild(
    mongodb_url: str, database: str, bootstrap: str, topics: list[str], within: float
) -> ReplayRun:
    """Rebuild the read models of `database` from `topics` into a new generation (no switch)."""
    client = connect(mongodb_url)
    try:
        replay = Rebuild(client.get_database(database), bootstrap, topics, admin())
        await replay.prepare()
        seen = [0, 0]

        def progress(done: int, todo: int) -> None:
            seen[:] = [done, todo]

        started, own = time.monotonic(), None
        with contextlib.suppress(TimeoutError):  # bounded: then the rate of what was replayed
            own = await asyncio.wait_for(replay.run_pass(progress), within)
        return ReplayRun(seen[0], seen[1], time.monotonic() - started, own is not None, own)
    finally:
        await client.close()
