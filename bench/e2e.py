"""End to end: registration accepts a POST -> reporting GET /smes/{id} shows it; steady rate.

Each registration is polled at reporting every `poll` seconds after its 201 (10 % of the
wait so far once that is longer), so a figure can be up to one interval late; the interval is
in the details with the polling load it caused.
"""

import asyncio
import contextlib
import time
from dataclasses import dataclass

from bench.loopback_http import Authorization, HttpError, LoopbackHttp
from bench.stats import percentile
from tests.integration.umkm_sheet import registration_body

POLL_S = 0.03
"""Seconds between two GETs at reporting for one registration: the figures' resolution."""


@dataclass(frozen=True)
class Visibility:
    """Latencies (ms) from 201 to the first 200 at reporting, and what went wrong."""

    latencies_ms: list[float]
    sent: int
    rejected: int
    failed: int
    """Requests whose connection broke (no HTTP answer)."""
    never_visible: int
    polls: int
    post_p50_ms: float

    def pct(self, p: float) -> float:
        """A percentile of the visibility latency."""
        return percentile(self.latencies_ms, p)


async def steady_registrations(
    registration: str,
    reporting: str,
    authorization: Authorization,
    *,
    rate: float,
    seconds: float,
    first: int,
    poll: float = POLL_S,
    give_up: float = 30.0,
) -> Visibility:
    """Open loop: registration n is sent at n/rate s, whatever happened to the ones before."""
    latencies: list[float] = []
    posts: list[float] = []
    counts = {"rejected": 0, "failed": 0, "never": 0, "polls": 0}
    reg, rep = LoopbackHttp(registration, authorization), LoopbackHttp(reporting, authorization)
    start = time.monotonic()

    async def one(n: int) -> None:
        await asyncio.sleep(max(start + n / rate - time.monotonic(), 0))
        sent = time.monotonic()
        try:
            status, body = await reg.request("POST", "/smes", registration_body(first + n))
        except HttpError:
            counts["failed"] += 1
            return
        accepted = time.monotonic()
        posts.append((accepted - sent) * 1000)
        if status != 201:
            counts["rejected"] += 1
            return
        while (waited := time.monotonic() - accepted) < give_up:
            counts["polls"] += 1
            with contextlib.suppress(HttpError):  # a broken poll is retried like a 404
                if (await rep.request("GET", f"/smes/{body['sme_id']}"))[0] == 200:
                    latencies.append((time.monotonic() - accepted) * 1000)
                    return
            # 30 ms apart at first; 10 % of the wait once it is long, to spare a slow service.
            await asyncio.sleep(max(poll, waited / 10))
        counts["never"] += 1

    total = int(rate * seconds)
    await asyncio.gather(*(one(n) for n in range(total)))
    await reg.aclose()
    await rep.aclose()
    return Visibility(
        latencies,
        total,
        counts["rejected"],
        counts["failed"],
        counts["never"],
        counts["polls"],
        percentile(posts, 50) if posts else 0.0,
    )
