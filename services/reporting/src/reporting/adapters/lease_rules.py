"""The rebuild lease's rules: who may take it, when its holder counts as gone, what to say.

Pure (the time comes in as an argument). One rebuild at a time holds the lease and renews it
every `heartbeat`. A lease not renewed for `ttl` has expired: anyone may take it. With
`--break-lease` an operator may take it sooner, once the holder has missed several beats
(`breakable`), never while its heartbeat is fresh. Each taking raises the token, which fences
the pointer: a holder whose lease was taken over can no longer switch generations.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LeaseTimes:
    """How often the holder renews the lease, and when a silent holder counts as gone."""

    ttl: timedelta = timedelta(minutes=2)
    heartbeat: timedelta = timedelta(seconds=10)
    breakable: timedelta = timedelta(seconds=30)


TIMES = LeaseTimes()


@dataclass(frozen=True)
class Lease:
    """The `rebuild` lease document; `holder` None once released (the token stays)."""

    holder: str | None
    token: int
    acquired_at: datetime
    heartbeat_at: datetime
    expires_at: datetime


def holder_id(host: str, pid: int, unique: str) -> str:
    """Who holds the lease, as an operator can find it: host/pid/uuid."""
    return f"{host}/{pid}/{unique}"


def is_free(lease: Lease | None, now: datetime) -> bool:
    """Never taken, released, or expired (no heartbeat for `ttl`)."""
    return lease is None or lease.holder is None or now >= lease.expires_at


def is_breakable(lease: Lease, now: datetime, times: LeaseTimes = TIMES) -> bool:
    """The holder has missed several heartbeats: `--break-lease` may take it."""
    return now - lease.heartbeat_at >= times.breakable


def may_take(
    lease: Lease | None, now: datetime, breaking: bool = False, times: LeaseTimes = TIMES
) -> bool:
    """Whether a rebuild starting now may take the lease."""
    if is_free(lease, now):
        return True
    return breaking and lease is not None and is_breakable(lease, now, times)


def taken(
    lease: Lease | None, holder: str, now: datetime, fence: int, times: LeaseTimes = TIMES
) -> Lease:
    """The lease as `holder` takes it: a token above every earlier one and the pointer's fence."""
    token = max(lease.token if lease else 0, fence) + 1
    return Lease(holder, token, now, now, now + times.ttl)


def valid_until(renewed_at: datetime, times: LeaseTimes = TIMES) -> datetime:
    """Until when the holder may act on a lease renewed at `renewed_at` (its own clock): one
    heartbeat before anyone else may take it, a margin for clocks that differ a little."""
    return renewed_at + times.ttl - times.heartbeat


def _ago(now: datetime, then: datetime) -> str:
    return f"{max(0, round((now - then).total_seconds()))} s ago"


def _held(lease: Lease, now: datetime) -> str:
    return (
        f"{lease.holder} holds the rebuild lease since {lease.acquired_at:%Y-%m-%d %H:%M:%S} UTC "
        f"({_ago(now, lease.acquired_at)}), last heartbeat {_ago(now, lease.heartbeat_at)}"
    )


def refusal(lease: Lease, now: datetime, breaking: bool, times: LeaseTimes = TIMES) -> str:
    """Why a rebuild starting now may not take the lease, and how to recover."""
    if breaking:
        return (
            f"another rebuild is running: {_held(lease, now)}. Not breaking a lease whose "
            f"heartbeat is fresh (under {times.breakable.seconds} s): its holder is alive."
        )
    return (
        f"another rebuild is running: {_held(lease, now)}. If that process is gone, its lease "
        f"expires at {lease.expires_at:%H:%M:%S} UTC ({times.ttl.seconds} s after its last "
        f"heartbeat); or run with --break-lease once its heartbeat is "
        f"{times.breakable.seconds} s old."
    )


def takeover(lease: Lease | None, now: datetime) -> str | None:
    """What to say when taking a lease its holder never released; None if it was free."""
    if lease is None or lease.holder is None:
        return None
    return f"took over the rebuild lease: {_held(lease, now)}; it never released it"
