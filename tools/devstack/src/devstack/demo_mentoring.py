"""The demo's mentoring: the Bekasi 2022 cohort, its six mentors, each SME's enrollment,
assignment, milestones and sessions, and the closing.

The ids match the dev realm: the cohort names coordinator.bekasi's `coordinator_id`, and
each of the six mentors has a dev-realm account whose `mentor_id` is theirs (mentor.bekasi is
the first, mentor2.bekasi ... mentor6.bekasi the others), and each logs their own 27 SMEs'
sessions and milestones.

Order matters for the graduations the policy grants: each SME's milestones go in before its
sessions, and its sessions in date order, so the session that completes the minimum finds
every other piece of evidence already there (as the generator's expected figures assume).
Safe to run again: the cohort is found by name, each enrollment takes only the steps it lacks.
"""

import asyncio

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022 import mentors
from devstack.bekasi2022_model import GeneratedSme, Json
from devstack.demo_api import COORDINATOR, DINAS_BEKASI, MENTOR, Api, ok

COORDINATOR_ID = cat.COORDINATOR_ID
SIGNED_IN_MENTOR = cat.SIGNED_IN_MENTOR
MENTORS = mentors()
COHORT = {
    "name": cat.COHORT_NAME,
    "kabupaten_code": cat.KABUPATEN,
    "start_date": cat.COHORT_START.isoformat(),
    "end_date": cat.COHORT_END.isoformat(),
    "target_graduates": 120,
    "mentor_norm": 27,
    "coordinator_ids": [COORDINATOR_ID],
}


MENTOR_USERS = {
    mentor_id: MENTOR if n == 1 else f"mentor{n}.bekasi"
    for n, mentor_id in enumerate(MENTORS, start=1)
}
"""The dev-realm account of each mentor (its `mentor_id` claim is the mentor's id)."""


def logged_by(mentor_id: str) -> str:
    """The demo user who logs a mentor's sessions and milestones: the mentor's own account."""
    return MENTOR_USERS[mentor_id]


async def find_cohort(api: Api, reporting_url: str) -> Json | None:
    """The demo cohort's reporting row (a re-run on kept data), if any."""
    for row in ok(await api.watch(f"{reporting_url}/cohorts"), "cohort look-up"):
        if (row["name"], row["kabupaten_code"]) == (COHORT["name"], COHORT["kabupaten_code"]):
            return dict(row)
    return None


async def open_cohort(api: Api, urls: dict[str, str]) -> str:
    """Register the mentors and open the cohort (or find it); the cohort id."""
    for mentor_id, body in MENTORS.items():
        mentor = {"mentor_id": mentor_id, **body}
        ok(await api.post(DINAS_BEKASI, f"{urls['mentoring']}/mentors", json=mentor), "mentor")
    found = await find_cohort(api, urls["reporting"])
    if found is not None:
        return str(found["cohort_id"])
    opened = await api.post(DINAS_BEKASI, f"{urls['mentoring']}/cohorts", json=COHORT)
    return str(ok(opened, "cohort")["cohort_id"])


async def _enrolled(api: Api, cohort_url: str, sme: GeneratedSme, sme_id: str) -> Json:
    found = await api.get(COORDINATOR, f"{cohort_url}/enrollments/{sme_id}")
    if found.status_code == 200:
        return dict(found.json())
    body = {"sme_id": sme_id, "enrolled_on": sme.enrolled_on.isoformat()}
    url = f"{cohort_url}/enrollments"
    enrolled = await api.post(COORDINATOR, url, json=body, unknown_is_late=True)
    return dict(ok(enrolled, f"enrollment of {sme.name}"))


async def mentor(api: Api, cohort_url: str, sme: GeneratedSme, sme_id: str) -> None:
    """Enroll, assign, record the milestones, then log the sessions in date order."""
    view = await _enrolled(api, cohort_url, sme, sme_id)
    url = f"{cohort_url}/enrollments/{sme_id}"
    if view["mentor_id"] != sme.mentor_id:
        # The generator dates no assignment: it takes effect the day the SME joined.
        body = {"mentor_id": sme.mentor_id, "assigned_on": sme.enrolled_on.isoformat()}
        ok(await api.put(COORDINATOR, f"{url}/mentor", json=body), "assignment")
    user = logged_by(sme.mentor_id)
    recorded = {m["milestone"] for m in view["milestones"]}
    for milestone in sme.milestones:
        if milestone.milestone not in recorded:
            ok(await api.post(user, f"{url}/milestones", json=milestone.body()), "milestone")
    for session in sme.sessions[view["sessions_logged"] :]:
        ok(await api.post(user, f"{url}/sessions", json=session.body()), "session log")


async def close(api: Api, mentoring_url: str, cohort_id: str, attempts: int = 5) -> None:
    """The Dinas closes the cohort (CohortClosed), unless it is closed already. A close that
    answers 409 while the cohort is still `closing` is asked again: that finishes it."""
    url = f"{mentoring_url}/cohorts/{cohort_id}"
    for _ in range(attempts):
        if ok(await api.get(DINAS_BEKASI, url), "cohort")["status"] == "closed":
            return
        closing = await api.post(DINAS_BEKASI, f"{url}/close")
        if closing.status_code != 409:
            ok(closing, "closing")
            return
        await asyncio.sleep(1)
    raise RuntimeError(f"demo closing failed: {closing.status_code} {closing.text[:500]}")
