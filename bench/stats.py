"""Small statistics helpers (no numpy needed for a percentile)."""

import math
import time
from collections.abc import Awaitable, Callable


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (`pct` in 0..100) of a non-empty list."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(math.ceil(pct / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def rate(count: float, seconds: float) -> float:
    """Per second, rounded for the table; 0 when nothing was timed."""
    return round(count / seconds, 1) if seconds > 0 else 0.0


async def timings_ms(count: int, op: Callable[[int], Awaitable[object]]) -> list[float]:
    """Milliseconds of each of `count` calls of `op(i)`, one after another."""
    times = []
    for i in range(count):
        started = time.perf_counter()
        await op(i)
        times.append((time.perf_counter() - started) * 1000)
    return times
