"""Waiting on reporting while seeding, and the regent's target set where it is decided."""

import asyncio
import time
from typing import TYPE_CHECKING

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022_expected import Expected
from devstack.demo_api import DINAS_BEKASI, Api, Json, until

if TYPE_CHECKING:
    from devstack.demo import Seeded

TARGET = {"naik_kelas": cat.REGENT_TARGET, "year": 2022, "decided_by": "Perbup/Bupati Bekasi"}
_GRADUATION_GRACE = 20.0  # seconds: graduations follow their session in the same write


async def _totals(api: Api, reporting_url: str) -> Json:
    resp = await api.watch(f"{reporting_url}/totals")
    return dict(resp.json()) if resp.is_success else {}


async def settled_facts(api: Api, reporting_url: str, expected: Expected, within: float) -> None:
    """Reporting shows every registration, scale-up and partnership: mentoring, reading the
    same topics, has learned them too before the first session is logged."""

    async def caught_up() -> bool:
        t = await _totals(api, reporting_url)
        return bool(
            t.get("registered", 0) >= expected.registered_province
            and t.get("naik_kelas_scale", 0) >= expected.naik_kelas_scale
            and t.get("partnerships_active", 0) >= expected.partnerships_active
        )

    await until(caught_up, within, "reporting did not show the registrations and partnerships")


async def _row(api: Api, reporting_url: str, cohort_id: str) -> Json:
    resp = await api.watch(f"{reporting_url}/cohorts")
    rows = {r["cohort_id"]: r for r in resp.json()} if resp.is_success else {}
    return dict(rows.get(cohort_id) or {})


async def settled_cohort(
    api: Api, reporting_url: str, seeded: "Seeded", within: float, *, closed: bool
) -> None:
    """Reporting shows the cohort's enrollments and sessions (then, `closed`, its closing);
    the graduations are waited on briefly, and a difference is noted, not raised."""
    e = seeded.expected

    async def counted() -> bool:
        row = await _row(api, reporting_url, seeded.cohort_id)
        done = (row.get("enrolled"), row.get("sessions")) == (e.enrolled, e.sessions)
        return done and (not closed or row.get("status") == "closed")

    await until(
        counted,
        within,
        "reporting did not show the cohort's sessions" + (" closed" if closed else ""),
    )
    if closed:
        return
    deadline = time.monotonic() + _GRADUATION_GRACE
    while (
        graduated := (await _row(api, reporting_url, seeded.cohort_id)).get("graduated")
    ) != e.graduated:
        if time.monotonic() > deadline:
            seeded.notes.append(
                f"reporting shows {graduated} graduated, the generator expects {e.graduated}"
            )
            return
        await asyncio.sleep(0.5)


async def set_target(api: Api, reporting_url: str) -> list[str]:
    """The Dinas sets the regent's 300 naik-kelas target for Kabupaten Bekasi; notes."""
    resp = await api.put(DINAS_BEKASI, f"{reporting_url}/targets/{cat.KABUPATEN}", json=TARGET)
    if resp.is_success:
        return []
    return [f"the regent's target was not set: reporting answered {resp.status_code}"]
