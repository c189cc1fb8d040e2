"""The rebuild lease in MongoDB: one document, taken and renewed by conditional writes only.

`leases/rebuild` names its holder (host/pid/uuid), its token, when it was taken, its last
heartbeat and when it expires; `revision` counts its writes, so taking it is a compare-and-set
on what the taker read (of two takers, one wins). While a rebuild holds it, a task renews it
every heartbeat. The holder stops (LeaseLostError at its next check, before every batch and
the switch) once a renewal finds it taken over, or once it went unrenewed so long that another
rebuild may have taken it. It is released at the end, also when the rebuild fails.
"""

import asyncio
import contextlib
import dataclasses
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, PyMongoError

from reporting.adapters.generations import FencedError, read_fence, stamp_fence
from reporting.adapters.lease_rules import (
    TIMES,
    Lease,
    LeaseTimes,
    holder_id,
    may_take,
    refusal,
    taken,
    takeover,
    valid_until,
)
from reporting.domain.values import Doc

log = logging.getLogger(__name__)

LEASES = "leases"
REBUILD = "rebuild"
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The wall clock, in UTC (lease times are compared across processes and hosts)."""
    return datetime.now(UTC)


class LeaseHeldError(Exception):
    """Another rebuild holds the lease; the message says who, since when, and how to recover."""


class LeaseLostError(Exception):
    """This rebuild no longer holds the lease: it must stop, and never switch."""


class HeldLease:
    """The lease while this process holds it: its token fences the pointer writes."""

    def __init__(
        self, lease: Lease, times: LeaseTimes, clock: Clock, took_over: str | None
    ) -> None:
        self.holder = str(lease.holder)
        self.token = lease.token
        self.took_over = took_over
        self.lost: str | None = None
        self._times, self._clock = times, clock
        self._valid_until = valid_until(lease.acquired_at, times)

    def renewed(self, at: datetime) -> None:
        """A renewal sent at `at` succeeded."""
        self._valid_until = valid_until(at, self._times)

    def check(self) -> None:
        """LeaseLostError unless this process may still act as the one rebuild."""
        if self.lost is None and self._clock() >= self._valid_until:
            self.lost = f"the rebuild lease was not renewed since {self._valid_until:%H:%M:%S} UTC"
        if self.lost is not None:
            raise LeaseLostError(f"{self.lost}; stopping without switching")


def _lease(doc: Doc) -> Lease:
    times = [_utc(doc[k]) for k in ("acquired_at", "heartbeat_at", "expires_at")]
    return Lease(doc["holder"], int(doc["token"]), *times)


def _utc(at: datetime) -> datetime:
    """A stored time as UTC (a client without tz_aware reads it naive)."""
    return at if at.tzinfo else at.replace(tzinfo=UTC)


async def take(
    db: AsyncDatabase[Doc],
    holder: str,
    breaking: bool = False,
    times: LeaseTimes = TIMES,
    clock: Clock = utc_now,
) -> HeldLease:
    """The lease, if no fresh holder has it (LeaseHeldError otherwise)."""
    leases = db[LEASES]
    while True:  # a compare-and-set lost to another writer: read again, decide again
        doc = await leases.find_one({"_id": REBUILD})
        now = clock()
        seen = None if doc is None else _lease(doc)
        if seen is not None and not may_take(seen, now, breaking, times):
            raise LeaseHeldError(refusal(seen, now, breaking, times))
        lease = taken(seen, holder, now, await read_fence(db), times)
        fields = dataclasses.asdict(lease)
        if doc is None:
            with contextlib.suppress(DuplicateKeyError):
                await leases.insert_one({"_id": REBUILD, **fields, "revision": 1})
                return HeldLease(lease, times, clock, None)
            continue
        condition = {"_id": REBUILD, "revision": doc["revision"]}
        won = await leases.update_one(condition, {"$set": fields, "$inc": {"revision": 1}})
        if won.matched_count:
            return HeldLease(lease, times, clock, takeover(seen, now))


async def _renew(db: AsyncDatabase[Doc], held: HeldLease, times: LeaseTimes, clock: Clock) -> None:
    mine = {"_id": REBUILD, "holder": held.holder, "token": held.token}
    while True:
        await asyncio.sleep(times.heartbeat.total_seconds())
        at = clock()
        beat = {"heartbeat_at": at, "expires_at": at + times.ttl}
        try:
            renewed = await db[LEASES].update_one(mine, {"$set": beat, "$inc": {"revision": 1}})
        except PyMongoError as error:
            log.warning("renewing the rebuild lease failed (%s); trying again", error)
            continue
        if not renewed.matched_count:
            held.lost = "another rebuild took over the rebuild lease"
            return
        held.renewed(at)


@contextlib.asynccontextmanager
async def holding(
    db: AsyncDatabase[Doc],
    breaking: bool = False,
    holder: str | None = None,
    times: LeaseTimes = TIMES,
    clock: Clock = utc_now,
) -> AsyncIterator[HeldLease]:
    """Hold the lease (renewed meanwhile) with the pointer fenced by its token; then release."""
    name = holder or holder_id(socket.gethostname(), os.getpid(), uuid.uuid4().hex[:12])
    held = await take(db, name, breaking, times, clock)
    renewing = asyncio.create_task(_renew(db, held, times, clock), name="rebuild-lease")
    try:
        try:
            await stamp_fence(db, held.token)
        except FencedError as error:
            raise LeaseLostError(str(error)) from error
        yield held
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        mine = {"_id": REBUILD, "holder": held.holder, "token": held.token}
        released = {"$set": {"holder": None, "released_at": clock()}, "$inc": {"revision": 1}}
        try:
            await db[LEASES].update_one(mine, released)
        except PyMongoError as error:
            log.warning("could not release the rebuild lease (%s): it expires unrenewed", error)
