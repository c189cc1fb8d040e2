"""Object-level checks (OWASP API1): does the caller's scope reach this object?

Regions nest as in DHIS2's org-unit tree: kecamatan `32.16.10` and desa `32.16.10.2001`
are inside kabupaten `32.16`, so access to a unit implies its children. A route asks
`require(action)` first (the function level), then `allows`/`check` with the object it
is about to touch, and narrows queries with `region_filter`.
"""

from collections.abc import Collection
from dataclasses import dataclass

from umkm_shared.auth.caller import Caller
from umkm_shared.auth.matrix import MATRIX, SCOPE, Scope
from umkm_shared.errors import RefusalError


@dataclass(frozen=True)
class Target:
    """What the access decision needs to know of an object; unknown facts grant nothing."""

    kabupaten_code: str | None = None
    """The object's region: a kabupaten, kecamatan or desa code."""
    mentor_id: str | None = None
    """The mentor assigned to the enrollment."""
    partner_id: str | None = None
    coordinators: Collection[str] = ()
    """The cohort's coordinator ids (each coordinator's `coordinator_id` claim)."""


def in_region(caller: Caller, code: str) -> bool:
    """Whether the caller's region holds `code` (a unit holds itself and its children)."""
    if any(SCOPE[role] == "all" for role in caller.roles):
        return True
    own = caller.kabupaten_code
    if own is None or not any(SCOPE[role] == "kabupaten" for role in caller.roles):
        return False
    return code == own or code.startswith(f"{own}.")


def is_own_partner(caller: Caller, partner_id: str) -> bool:
    """Whether `partner_id` is the partner company the caller acts for."""
    return caller.has("partner") and caller.partner_id == partner_id


def is_self_mentor(caller: Caller, mentor_id: str) -> bool:
    """Whether `mentor_id` is the caller's own mentor id (never taken from a body)."""
    return caller.has("mentor") and caller.mentor_id == mentor_id


def is_own_cohort(caller: Caller, coordinators: Collection[str]) -> bool:
    """Whether the caller coordinates the cohort (its `coordinator_id` is among the cohort's)."""
    return (
        caller.has("coordinator")
        and caller.coordinator_id is not None
        and caller.coordinator_id in coordinators
    )


def _reaches(caller: Caller, scope: Scope, target: Target) -> bool:
    match scope:
        case "all":
            return True
        case "kabupaten":
            return target.kabupaten_code is not None and in_region(caller, target.kabupaten_code)
        case "cohorts":
            return is_own_cohort(caller, target.coordinators)
        case "assigned":
            return target.mentor_id is not None and is_self_mentor(caller, target.mentor_id)
        case "own_partner":
            return target.partner_id is not None and is_own_partner(caller, target.partner_id)
        case "feed":
            return False


def allows(caller: Caller, action: str, target: Target) -> bool:
    """Object-level check: may the caller do `action` to this object?"""
    granted = caller.roles & MATRIX[action]
    return any(_reaches(caller, SCOPE[role], target) for role in granted)


def region_filter(caller: Caller) -> str | None:
    """The region a query must be narrowed to (its code and every code under it), or None.

    None means no filter (admin_provinsi); a provincial viewer gets `32`, the province.

    Refuses (403) a caller without a regional grant, so no query runs unfiltered by mistake.
    """
    if any(SCOPE[role] == "all" for role in caller.roles):
        return None
    if caller.kabupaten_code is not None and any(SCOPE[r] == "kabupaten" for r in caller.roles):
        return caller.kabupaten_code
    raise RefusalError(
        "forbidden",
        "Peran Anda tidak mencakup wilayah mana pun.",
        "Your role covers no region.",
    )


def check(caller: Caller, action: str, target: Target) -> None:
    """Refuse (403) unless the caller may do `action` to this object."""
    if not allows(caller, action, target):
        raise RefusalError(
            "forbidden",
            "Data ini di luar wewenang Anda.",
            "This object is outside your scope.",
            extra={"action": action},
        )
