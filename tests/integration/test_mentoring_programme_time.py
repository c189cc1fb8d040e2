"""Mentoring over real Kafka and Mongo-wire: waiting for registration, dates, closed cohorts."""

from typing import Any

import httpx

from mentoring.entrypoints.app import create_app
from registration.entrypoints.app import create_app as registration_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    TODAY,
    Upstream,
    assign_mentor,
    days_ago,
    enrolled_sme,
    mentoring_settings,
    open_cohort,
    published,
    register_mentor,
    registration_applied,
    replicas,
    scale_up,
    session_body,
)
from tests.integration.settings import registration_settings
from tests.polling import eventually
from tests.samples import SARI_REQUEST, new_sme_id


async def test_enrolling_right_after_registering_answers_201_or_409_to_retry(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(registration_app(registration_settings(infra, namespace))) as registration,
        running(create_app(mentoring_settings(infra, namespace))) as mentoring,
    ):
        cohort = await open_cohort(mentoring)
        created = await registration.post("/smes", json=SARI_REQUEST)
        assert created.status_code == 201, created.text
        body = {"sme_id": created.json()["sme_id"]}
        url = f"/cohorts/{cohort}/enrollments"

        first = await mentoring.post(url, json=body)

        assert first.status_code in (201, 409), first.text
        if first.status_code == 409:
            assert first.headers["retry-after"] == "2"
            assert "coba lagi" in first.json()["pesan"]
            assert "registration still propagating" in first.json()["message"]

            async def retried() -> httpx.Response | None:
                resp = await mentoring.post(url, json=body)
                return None if "retry-after" in resp.headers else resp

            assert (await eventually(retried)).status_code == 201


def _fields(resp: httpx.Response) -> list[str]:
    assert resp.status_code == 422, resp.text
    problem = resp.json()
    assert all(e["pesan"] and e["message"] for e in problem["errors"])
    return [e["field"] for e in problem["errors"]]


async def test_dates_outside_the_cohort_are_refused_by_field(infra: Infra, namespace: str) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        found = await enrolled_sme(client, upstream)  # enrolled and assigned today, by default
        cohort, base = found.cohort, found.url
        early = {"sme_id": new_sme_id(), "enrolled_on": "2019-01-01"}
        milestone = {"milestone": "nib_obtained", "achieved_on": "1900-01-01", "evidence": "d"}

        enrolled = await client.post(f"/cohorts/{cohort}/enrollments", json=early)
        achieved = await client.post(f"{base}/milestones", json=milestone)
        logged = await client.post(f"{base}/sessions", json=session_body(session_date="2019-01-01"))

        assert _fields(achieved) == ["achieved_on"]
        assert _fields(logged) == ["session_date"]
        assert enrolled.status_code in (409, 422)  # not known yet, or refused by its date
        [event] = await published(infra, namespace, "SMEEnrolled", 1)
    assert event["data"]["enrolled_on"] in {TODAY.isoformat(), days_ago(-1).isoformat()}


async def test_a_closed_cohort_publishes_cohort_closed_and_changes_no_more(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        found = await enrolled_sme(client, upstream)
        cohort, mentor, sme, base = found.cohort, found.mentor, found.sme, found.url
        for day in range(6, 10):
            assert (await client.post(f"{base}/sessions", json=session_body(day))).is_success

        closed = (await client.post(f"/cohorts/{cohort}/close")).json()
        refusals: list[Any] = [
            await client.post(f"{base}/sessions", json=session_body(1)),
            await client.put(f"{base}/mentor", json={"mentor_id": mentor}),
            await client.post(f"{base}/graduation", json={"reason": "sudah"}),
            await client.post(f"/cohorts/{cohort}/enrollments", json={"sme_id": sme}),
        ]
        # A scale move dated inside the cohort arrives late: it would graduate the SME.
        await upstream.publish(scale_up(sme))
        async with replicas(infra, namespace, count=1) as (reader,):  # v1 registered, v2 this
            await eventually(lambda: registration_applied(reader, sme, 2))
        view = (await client.get(base)).json()
        [event] = await published(infra, namespace, "CohortClosed", 1)

    assert closed["status"] == "closed"
    assert closed["closed_on"] in {TODAY.isoformat(), days_ago(-1).isoformat()}  # closed early
    for refused in refusals:
        assert refused.status_code == 409
        assert "ditutup" in refused.json()["pesan"]
        assert "closed" in refused.json()["message"]
    assert view["graduation"] is None
    assert view["closed_on"] == closed["closed_on"]
    data = event["data"]
    assert (data["cohort_id"], data["enrolled"], data["graduated"]) == (cohort, 1, 0)
    assert data["closed_on"] == closed["closed_on"]


async def test_an_assignment_is_dated_in_programme_time_and_refused_outside_it(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        found = await enrolled_sme(client, upstream, assigned=False, enrolled_on=str(days_ago(10)))
        other = await register_mentor(client, "Rina Marlina")
        url, joined = f"{found.url}/mentor", days_ago(1)
        first = {"mentor_id": found.mentor, "assigned_on": days_ago(200).isoformat()}

        before = await client.put(url, json=first)  # before the cohort began
        ahead = await client.put(url, json={**first, "assigned_on": days_ago(-2).isoformat()})
        await assign_mentor(client, found.cohort, found.sme, found.mentor, assigned_on=str(joined))
        await assign_mentor(client, found.cohort, found.sme, other)  # a reassignment, today
        assigned = await published(infra, namespace, "MentorAssigned", 2)

    assert _fields(before) == ["assigned_on"]
    assert _fields(ahead) == ["assigned_on"]
    assert days_ago(200).isoformat() not in before.text  # the field is named, not echoed
    dates = [(e["data"]["assigned_on"], e["data"]["previous_mentor_id"]) for e in assigned]
    assert dates[0] == (joined.isoformat(), None)
    assert dates[1][1] == found.mentor
    assert dates[1][0] in {TODAY.isoformat(), days_ago(-1).isoformat()}  # Jakarta's today
