"""The demo's mentoring: one Bekasi cohort, two mentors, enrollments with sessions and a milestone.

The ids match the dev realm, so signing in shows real data: the cohort names
coordinator.bekasi's `coordinator_id`, and mentor.bekasi's `mentor_id` is the first mentor's.
The Dinas opens the cohort and registers the mentors, the coordinator enrolls and assigns,
and mentor.bekasi logs the sessions and milestones of the SMEs assigned to them.

Safe to run again: mentors have fixed ids (the same registration again is accepted), the
cohort is found by name in reporting, and each enrollment only takes the steps it lacks.
"""

from dataclasses import dataclass

from devstack.demo_api import COORDINATOR, DINAS_BEKASI, MENTOR, Api, Json, ok, until

COORDINATOR_ID = "coordinator-00000000c001"
"""coordinator.bekasi's `coordinator_id` claim."""
COHORT = {
    "name": "UMKM Juara Kabupaten Bekasi 2022",
    "kabupaten_code": "32.16",
    "start_date": "2022-07-01",
    "end_date": "2022-12-31",
    "target_graduates": 2,
    "coordinator_ids": [COORDINATOR_ID],
}
MENTORS = {
    "mentor-00000000b001": {  # mentor.bekasi
        "name": "Dedi Kurniawan",
        "kabupaten_code": "32.16",
        "expertise": ["pemasaran", "kemasan", "digitalisasi"],
    },
    "mentor-00000000b002": {  # no account: to show what mentor.bekasi does not see
        "name": "Wulan Permatasari",
        "kabupaten_code": "32.16",
        "expertise": ["legalitas_sertifikasi", "keuangan_akses_pembiayaan", "produksi"],
    },
}
SIGNED_IN_MENTOR = "mentor-00000000b001"
"""The mentor whose sessions are logged (by mentor.bekasi, the mentor's own account)."""


def _session(day: str, topics: tuple[str, ...], notes: str, next_actions: str = "") -> Json:
    return {
        "session_date": day,
        "duration_minutes": 90,
        "mode": "tatap_muka",
        "topics": list(topics),
        "notes": notes,
        "next_actions": next_actions,
    }


@dataclass(frozen=True)
class DemoEnrollment:
    """One SME in the cohort, its mentor, and what the mentor logs for it."""

    sme: str
    mentor_id: str
    sessions: tuple[Json, ...] = ()
    milestones: tuple[Json, ...] = ()


ENROLLMENTS = [
    DemoEnrollment(
        "Keripik Tempe Bu Sari", SIGNED_IN_MENTOR,
        sessions=(
            _session("2022-07-14", ("pemasaran",), "Profil usaha dan target pasar ritel"),
            _session("2022-08-11", ("kemasan",), "Desain kemasan 100 g dengan label halal"),
            _session("2022-09-08", ("digitalisasi",), "Toko daring dan foto produk"),
            _session("2022-10-06", ("pemasaran", "manajemen_usaha"), "Evaluasi penjualan ritel",
                     "Tambah varian pedas"),
        ),
        milestones=(
            {
                "milestone": "marketplace_onboarded",
                "achieved_on": "2022-09-15",
                "evidence": "doc://dinas-kukm-bekasi/2022/marketplace-keripik-tempe",
                "marketplace": "Tokopedia",
            },
            # A licensing dimension after four sessions: the policy graduates the SME now.
            {
                "milestone": "halal_certified",
                "achieved_on": "2022-10-20",
                "evidence": "doc://dinas-kukm-bekasi/2022/sertifikat-halal-keripik-tempe",
            },
        ),
    ),
    DemoEnrollment(
        "Dodol Betawi Mang Udin", SIGNED_IN_MENTOR,
        sessions=(
            _session("2022-07-21", ("kemasan",), "Masa simpan dan kemasan kedap udara"),
            _session("2022-08-18", ("pemasaran",), "Persiapan kurasi ritel modern"),
        ),
    ),
    DemoEnrollment("Kopi Bojongmangu", "mentor-00000000b002"),
    DemoEnrollment("Anyaman Bambu Sukatani", "mentor-00000000b002"),
]  # fmt: skip


def _cohort_id(api: Api, urls: dict[str, str]) -> str:
    """The demo cohort: found in reporting (a re-run), else opened by the Dinas."""
    for row in ok(api.watch(f"{urls['reporting']}/cohorts"), "cohort look-up"):
        if (row["name"], row["kabupaten_code"]) == (COHORT["name"], COHORT["kabupaten_code"]):
            return str(row["cohort_id"])
    opened = api.post(DINAS_BEKASI, f"{urls['mentoring']}/cohorts", json=COHORT)
    return str(ok(opened, "cohort")["cohort_id"])


def _enrolled(api: Api, url: str, cohort_url: str, sme_id: str) -> Json | None:
    """The enrollment, enrolled now if need be; None while mentoring does not know the SME."""
    found = api.get(COORDINATOR, url)
    if found.status_code == 200:
        return dict(found.json())
    enroll = api.post(COORDINATOR, f"{cohort_url}/enrollments", json={"sme_id": sme_id})
    return None if enroll.status_code == 404 else dict(ok(enroll, "enrollment"))


def _progress(api: Api, url: str, plan: DemoEnrollment, view: Json) -> None:
    if view["mentor_id"] != plan.mentor_id:
        body = {"mentor_id": plan.mentor_id}
        ok(api.put(COORDINATOR, f"{url}/mentor", json=body), "assignment")
    for session in plan.sessions[view["sessions_logged"] :]:
        ok(api.post(MENTOR, f"{url}/sessions", json=session), "session log")
    recorded = {m["milestone"] for m in view["milestones"]}
    for milestone in plan.milestones:
        if milestone["milestone"] not in recorded:
            ok(api.post(MENTOR, f"{url}/milestones", json=milestone), "milestone")


def seed_mentoring(api: Api, urls: dict[str, str], smes: dict[str, str], timeout: float) -> str:
    """Open the cohort, register the mentors, enroll, assign and log; the cohort id."""
    for mentor_id, body in MENTORS.items():
        mentor = {"mentor_id": mentor_id, **body}
        ok(api.post(DINAS_BEKASI, f"{urls['mentoring']}/mentors", json=mentor), "mentor")
    cohort_id = _cohort_id(api, urls)
    cohort_url = f"{urls['mentoring']}/cohorts/{cohort_id}"
    for plan in ENROLLMENTS:
        sme_id = smes[plan.sme]
        url = f"{cohort_url}/enrollments/{sme_id}"
        view = until(
            lambda: _enrolled(api, url, cohort_url, sme_id),  # noqa: B023 - called right here
            timeout,
            f"mentoring did not learn {plan.sme}",
        )
        _progress(api, url, plan, view)
    return cohort_id


def cohort_settled(api: Api, reporting_url: str, cohort_id: str) -> bool:
    """Reporting shows the cohort with every enrollment and session (a re-run finds it)."""
    resp = api.watch(f"{reporting_url}/cohorts")
    rows = {r["cohort_id"]: r for r in resp.json()} if resp.is_success else {}
    row = rows.get(cohort_id)
    sessions = sum(len(p.sessions) for p in ENROLLMENTS)
    return row is not None and (row["enrolled"], row["sessions"]) == (len(ENROLLMENTS), sessions)
