"""Registration throughput: concurrent clients POSTing valid new SMEs for a fixed time."""

import asyncio
import itertools
import time
from collections import Counter
from dataclasses import dataclass

from bench.loopback_http import Authorization, HttpError, LoopbackHttp
from bench.stats import percentile
from tests.integration.umkm_sheet import registration_body


@dataclass(frozen=True)
class Throughput:
    """Accepted registrations per second, and what else was answered."""

    rps: float
    accepted: int
    statuses: dict[str, int]
    p50_ms: float
    p95_ms: float


async def post_smes(
    url: str, authorization: Authorization, clients: int, seconds: float, first: int = 0
) -> Throughput:
    """`clients` closed-loop clients, each POSTing the next valid SME until time is up."""
    numbers = itertools.count(first)
    statuses: Counter[str] = Counter()
    latencies: list[float] = []
    http = LoopbackHttp(url, authorization)
    for _ in range(20):  # warm up: connections, caches, the first relay rounds
        await http.request("POST", "/smes", registration_body(next(numbers)))
    deadline = time.monotonic() + seconds

    async def client() -> None:
        while time.monotonic() < deadline:
            sent = time.monotonic()
            try:
                status, _ = await http.request("POST", "/smes", registration_body(next(numbers)))
            except HttpError as exc:
                statuses[type(exc).__name__] += 1
                continue
            statuses[str(status)] += 1
            if status == 201:
                latencies.append((time.monotonic() - sent) * 1000)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.monotonic() - started
    await http.aclose()
    return Throughput(
        rps=len(latencies) / elapsed,
        accepted=len(latencies),
        statuses=dict(statuses),
        p50_ms=percentile(latencies, 50) if latencies else 0.0,
        p95_ms=percentile(latencies, 95) if latencies else 0.0,
    )
