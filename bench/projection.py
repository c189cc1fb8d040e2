"""Projection throughput: the reporting service started on a backlog, timed until /lag is 0."""

import asyncio
import time
from dataclasses import dataclass

import httpx

from bench.platform import Bearer, BenchPlatform


@dataclass(frozen=True)
class Drain:
    """How a backlog drained: events, seconds from start, whether lag reached 0."""

    events: int
    seconds: float
    startup_seconds: float
    finished: bool
    remaining: int

    @property
    def eps(self) -> float:
        """Events projected per second, start-up included (a lower bound when unfinished)."""
        return (self.events - self.remaining) / self.seconds


async def total_lag(http: httpx.AsyncClient, url: str, bearer: Bearer) -> int:
    """The sum of GET /lag over every topic and partition (an operator's query: the admin's)."""
    resp = await http.get(f"{url}/lag", headers=await bearer.headers())
    resp.raise_for_status()
    return sum(int(row["lag"]) for row in resp.json())


async def wait_for_lag_zero(
    url: str, bearer: Bearer, started: float, within: float, interval: float = 0.25
) -> tuple[float, int]:
    """Poll /lag until it is 0 or `within` seconds pass; (seconds since `started`, lag left)."""
    lag = -1
    async with httpx.AsyncClient(timeout=10) as http:
        while time.monotonic() - started < within:
            lag = await total_lag(http, url, bearer)
            if lag == 0:
                break
            await asyncio.sleep(interval)
    return time.monotonic() - started, lag


async def project_backlog(
    platform: BenchPlatform, namespace: str, events: int, within: float
) -> Drain:
    """Start reporting on `namespace` (backlog already on the topics) and time the drain."""
    started = time.monotonic()
    async with platform.services(namespace, ("reporting",)) as running:
        startup = time.monotonic() - started
        url, bearer = running["reporting"].url, platform.bearer()
        seconds, left = await wait_for_lag_zero(url, bearer, started, within)
    return Drain(events, seconds, startup, left == 0, max(left, 0))
