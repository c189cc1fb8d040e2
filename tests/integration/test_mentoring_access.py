"""Who may do what in mentoring (OWASP API1 + API5), with the dev realm's demo users.

mentor.bekasi carries `mentor_id` mentor-00000000b001, coordinator.bekasi `coordinator_id`
coordinator-00000000c001; both work in Kabupaten Bekasi (32.16), as does dinas.bekasi.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from mentoring.entrypoints.app import create_app
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    DEMO_COORDINATOR,
    DEMO_MENTOR,
    Upstream,
    assign_mentor,
    enroll_registered,
    enroll_when_known,
    mentoring_settings,
    open_cohort,
    published,
    register_mentor,
    session_body,
)
from tests.samples import new_sme_id, registered

OVERRIDE = {
    "reason": "Omzet naik dua kali lipat, laporan keuangan terverifikasi",
    "dimensions": [
        {"dimension": "financing", "before": "tanpa KUR", "after": "KUR", "evidence": ["doc://k"]}
    ],
}


@dataclass
class Cohort:
    """A Bekasi cohort coordinated by coordinator.bekasi: one SME assigned to mentor.bekasi
    (`mine`) and one to another mentor (`theirs`)."""

    client: AppClient
    cohort_id: str
    mine: str
    theirs: str
    other_mentor: str

    def enrollment(self, sme: str) -> str:
        return f"/cohorts/{self.cohort_id}/enrollments/{sme}"


@pytest.fixture
async def cohort(infra: Infra, namespace: str) -> AsyncIterator[Cohort]:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        cohort_id = await open_cohort(client, coordinator_ids=[DEMO_COORDINATOR])
        await register_mentor(client, mentor_id=DEMO_MENTOR)
        other = await register_mentor(client, "Rina Marlina")
        mine, theirs = new_sme_id(), new_sme_id()
        for sme, mentor in ((mine, DEMO_MENTOR), (theirs, other)):
            await enroll_registered(client, upstream, cohort_id, sme)
            await assign_mentor(client, cohort_id, sme, mentor)
        yield Cohort(client, cohort_id, mine, theirs, other)


async def test_a_mentor_logs_sessions_in_the_tokens_name_only_for_their_own_smes(
    cohort: Cohort, infra: Infra, namespace: str
) -> None:
    client, as_mentor = cohort.client, await cohort.client.as_user("mentor.bekasi")

    own = await client.post(
        f"{cohort.enrollment(cohort.mine)}/sessions", json=session_body(), headers=as_mentor
    )
    others = await client.post(
        f"{cohort.enrollment(cohort.theirs)}/sessions", json=session_body(), headers=as_mentor
    )
    named = await client.post(
        f"{cohort.enrollment(cohort.mine)}/sessions",
        json=session_body(mentor_id=DEMO_MENTOR),
        headers=as_mentor,
    )
    milestone = await client.post(
        f"{cohort.enrollment(cohort.theirs)}/milestones",
        json={"milestone": "nib_obtained", "achieved_on": "2022-08-01", "evidence": "doc://n"},
        headers=as_mentor,
    )
    [logged] = await published(infra, namespace, "MentorSessionLogged", 1)

    assert own.status_code == 201, own.text
    assert others.status_code == 403
    assert others.headers["content-type"] == "application/problem+json"
    assert named.status_code == 422
    assert "mentor_id" in [e["field"] for e in named.json()["errors"]]
    assert milestone.status_code == 403
    assert logged["data"]["sme_id"] == cohort.mine
    assert logged["data"]["mentor_id"] == DEMO_MENTOR
    assert logged["data"]["actor"]["role"] == "mentor"


async def test_a_mentor_reading_a_cohort_sees_only_the_smes_assigned_to_them(
    cohort: Cohort,
) -> None:
    client, as_mentor = cohort.client, await cohort.client.as_user("mentor.bekasi")
    elsewhere = await open_cohort(client)  # no SME of theirs in it

    view = await client.get(f"/cohorts/{cohort.cohort_id}", headers=as_mentor)
    full = await client.get(f"/cohorts/{cohort.cohort_id}")
    own = await client.get(cohort.enrollment(cohort.mine), headers=as_mentor)
    others = await client.get(cohort.enrollment(cohort.theirs), headers=as_mentor)
    not_theirs = await client.get(f"/cohorts/{elsewhere}", headers=as_mentor)

    assert view.status_code == 200, view.text
    assert view.json()["assigned_sme_ids"] == [cohort.mine]
    assert (view.json()["enrolled"], view.json()["mentor_loads"]) == (1, {DEMO_MENTOR: 1})
    assert cohort.theirs not in view.text
    assert cohort.other_mentor not in view.text
    assert full.json()["enrolled"] == 2
    assert full.json()["assigned_sme_ids"] is None
    assert full.json()["coordinator_ids"] == [DEMO_COORDINATOR]
    assert own.status_code == 200
    assert others.status_code == 403
    assert not_theirs.status_code == 403


async def test_a_coordinator_works_only_in_cohorts_that_name_them(
    cohort: Cohort, infra: Infra, namespace: str
) -> None:
    client = cohort.client
    other_cohort = await open_cohort(client)
    sme = new_sme_id()
    async with Upstream(infra, namespace) as upstream:
        await upstream.publish(registered(sme))
    await client.login("coordinator.bekasi")

    await enroll_when_known(client, cohort.cohort_id, sme)  # 201 once the SME is known
    refused = await client.post(f"/cohorts/{other_cohort}/enrollments", json={"sme_id": sme})
    proposal = await client.post(
        f"/cohorts/{other_cohort}/assignment-proposal", json={"mentor_ids": [DEMO_MENTOR]}
    )
    close = await client.post(f"/cohorts/{cohort.cohort_id}/close")
    graduated = await client.post(f"{cohort.enrollment(cohort.mine)}/graduation", json=OVERRIDE)
    [event] = await published(infra, namespace, "SMEGraduated", 1)
    opened = await published(infra, namespace, "CohortOpened", 2)

    assert refused.status_code == 403
    assert proposal.status_code == 403
    assert close.status_code == 403  # closing is the dinas's
    assert graduated.status_code == 201, graduated.text
    assert event["data"]["decided_by"] == "coordinator"
    assert event["data"]["actor"]["role"] == "coordinator"
    assert event["data"]["actor"]["reason"] == OVERRIDE["reason"]
    coordinators = {e["data"]["cohort_id"]: e["data"]["coordinator_ids"] for e in opened}
    assert coordinators == {cohort.cohort_id: [DEMO_COORDINATOR], other_cohort: []}


async def test_a_dinas_opens_and_closes_cohorts_and_registers_mentors_only_in_its_region(
    cohort: Cohort,
) -> None:
    client = cohort.client
    bandung = await client.as_user("dinas.bandung")
    bekasi = await client.as_user("dinas.bekasi")
    mentor = {"name": "Asep", "kabupaten_code": "32.16", "expertise": ["pemasaran"]}

    close_elsewhere = await client.post(f"/cohorts/{cohort.cohort_id}/close", headers=bandung)
    read_elsewhere = await client.get(f"/cohorts/{cohort.cohort_id}", headers=bandung)
    enrollment_elsewhere = await client.get(cohort.enrollment(cohort.mine), headers=bandung)
    mentor_elsewhere = await client.post("/mentors", json=mentor, headers=bandung)
    enroll = await client.post(
        f"/cohorts/{cohort.cohort_id}/enrollments", json={"sme_id": new_sme_id()}, headers=bekasi
    )
    close_own = await client.post(f"/cohorts/{cohort.cohort_id}/close", headers=bekasi)

    assert close_elsewhere.status_code == 403
    assert read_elsewhere.status_code == 403
    assert enrollment_elsewhere.status_code == 403
    assert mentor_elsewhere.status_code == 403
    assert enroll.status_code == 403  # enrolling is the coordinator's
    assert close_own.status_code == 200, close_own.text
    assert close_own.json()["status"] == "closed"


async def test_a_mentor_id_is_registered_once_and_a_replay_is_harmless(cohort: Cohort) -> None:
    body = {
        "mentor_id": DEMO_MENTOR,
        "name": "Dedi Kurniawan",
        "kabupaten_code": "32.16",
        "expertise": ["pemasaran"],
    }

    replay = await cohort.client.post("/mentors", json=body)
    taken = await cohort.client.post("/mentors", json={**body, "name": "Someone Else"})

    assert replay.status_code == 201, replay.text
    assert replay.json()["mentor_id"] == DEMO_MENTOR
    assert taken.status_code == 409


async def test_without_a_token_every_route_answers_401(cohort: Cohort) -> None:
    client = cohort.client
    client.logout()
    base = cohort.enrollment(cohort.mine)

    answers = [
        await client.post("/cohorts", json={}),
        await client.get(f"/cohorts/{cohort.cohort_id}"),
        await client.post(f"/cohorts/{cohort.cohort_id}/close"),
        await client.post("/mentors", json={}),
        await client.post(f"/cohorts/{cohort.cohort_id}/enrollments", json={}),
        await client.put(f"{base}/mentor", json={}),
        await client.post(f"/cohorts/{cohort.cohort_id}/assignment-proposal", json={}),
        await client.get(base),
        await client.post(f"{base}/sessions", json=session_body()),
        await client.post(f"{base}/milestones", json={}),
        await client.post(f"{base}/graduation", json=OVERRIDE),
    ]

    assert [a.status_code for a in answers] == [401] * len(answers)
    assert all(a.headers["www-authenticate"].startswith("Bearer") for a in answers)
