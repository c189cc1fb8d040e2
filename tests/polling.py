"""Waiting for eventually-consistent results without fixed sleeps."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T | None]], within: float = 90.0, every: float = 0.2
) -> T:
    """The first non-None result of `probe`, or AssertionError after `within` seconds.

    The default deadline is generous on purpose: a busy 2-core machine can take tens of
    seconds to move an event through the broker, and only a failing test waits it out.
    """
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if result is not None:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s")
        await asyncio.sleep(every)
