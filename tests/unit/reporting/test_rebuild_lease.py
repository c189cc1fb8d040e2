"""The rebuild lease's rules: one fresh holder at a time, a silent one expires or is broken."""

from datetime import UTC, datetime, timedelta

import pytest

from reporting.adapters.lease_rules import (
    Lease,
    LeaseTimes,
    holder_id,
    is_free,
    may_take,
    refusal,
    taken,
    takeover,
    valid_until,
)
from reporting.adapters.rebuild_lease import HeldLease, LeaseLostError

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
HOLDER = holder_id("ops-1", 4242, "1a2b3c4d5e6f")


def _held(beat_ago: float, token: int = 3) -> Lease:
    """A lease taken 5 minutes before T0, its last heartbeat `beat_ago` seconds before T0."""
    beat = T0 - timedelta(seconds=beat_ago)
    return Lease(HOLDER, token, T0 - timedelta(minutes=5), beat, beat + timedelta(minutes=2))


def test_a_lease_never_taken_or_released_is_free() -> None:
    released = Lease(None, 3, T0, T0, T0 + timedelta(minutes=2))
    assert is_free(None, T0)
    assert is_free(released, T0)
    assert may_take(released, T0)


def test_a_lease_with_a_fresh_heartbeat_cannot_be_taken_even_when_breaking_it() -> None:
    assert not may_take(_held(beat_ago=5), T0)
    assert not may_take(_held(beat_ago=5), T0, breaking=True)


def test_a_lease_two_minutes_without_a_heartbeat_has_expired_and_may_be_taken() -> None:
    assert not may_take(_held(beat_ago=119), T0)
    assert may_take(_held(beat_ago=120), T0)


def test_breaking_the_lease_takes_it_once_the_holder_missed_several_heartbeats() -> None:
    assert not may_take(_held(beat_ago=29), T0, breaking=True)
    assert may_take(_held(beat_ago=30), T0, breaking=True)
    assert not may_take(_held(beat_ago=30), T0)


def test_the_lease_times_can_be_shortened() -> None:
    quick = LeaseTimes(ttl=timedelta(seconds=6), heartbeat=timedelta(seconds=1))
    lease = taken(None, HOLDER, T0, fence=0, times=quick)
    assert lease.expires_at == T0 + timedelta(seconds=6)
    assert may_take(lease, T0 + timedelta(seconds=6), times=quick)


def test_taking_the_lease_raises_the_token_above_the_last_one_and_the_pointers_fence() -> None:
    assert taken(None, HOLDER, T0, fence=0).token == 1
    assert taken(_held(beat_ago=200, token=3), "other", T0, fence=2).token == 4
    # The lease document was lost, the pointer still carries the last token.
    assert taken(None, HOLDER, T0, fence=7).token == 8


def test_a_new_lease_is_held_from_now_for_two_minutes() -> None:
    lease = taken(None, HOLDER, T0, fence=0)
    assert (lease.holder, lease.acquired_at, lease.heartbeat_at) == (HOLDER, T0, T0)
    assert lease.expires_at == T0 + timedelta(minutes=2)


def test_the_holder_stops_acting_one_heartbeat_before_its_lease_can_be_taken() -> None:
    assert valid_until(T0) == T0 + timedelta(minutes=2) - timedelta(seconds=10)


def test_a_refusal_names_the_holder_since_when_and_how_to_recover() -> None:
    message = refusal(_held(beat_ago=5), T0, breaking=False)
    assert HOLDER in message
    assert "since 2026-12-01 08:55:00 UTC (300 s ago)" in message
    assert "last heartbeat 5 s ago" in message
    assert "expires at 09:01:55 UTC" in message
    assert "--break-lease" in message


def test_a_refused_break_says_the_holder_is_alive() -> None:
    message = refusal(_held(beat_ago=5), T0, breaking=True)
    assert HOLDER in message
    assert "heartbeat is fresh" in message


def test_taking_over_a_lease_its_holder_never_released_is_said_and_a_free_one_is_not() -> None:
    said = takeover(_held(beat_ago=200), T0)
    assert said is not None
    assert HOLDER in said
    assert takeover(None, T0) is None
    assert takeover(Lease(None, 3, T0, T0, T0), T0) is None


def test_a_holder_whose_renewals_failed_for_too_long_counts_itself_lost() -> None:
    now = [T0]
    held = HeldLease(taken(None, HOLDER, T0, fence=0), LeaseTimes(), lambda: now[0], None)
    now[0] = T0 + timedelta(seconds=109)
    held.check()
    now[0] = T0 + timedelta(seconds=110)
    with pytest.raises(LeaseLostError):
        held.check()


def test_a_renewal_keeps_the_holder_acting() -> None:
    now = [T0 + timedelta(seconds=100)]
    held = HeldLease(taken(None, HOLDER, T0, fence=0), LeaseTimes(), lambda: now[0], None)
    held.renewed(now[0])
    now[0] = T0 + timedelta(seconds=200)
    held.check()


def test_a_holder_told_its_lease_was_taken_over_stops() -> None:
    held = HeldLease(taken(None, HOLDER, T0, fence=0), LeaseTimes(), lambda: T0, None)
    held.lost = "another rebuild took over the rebuild lease"
    with pytest.raises(LeaseLostError, match="took over"):
        held.check()
