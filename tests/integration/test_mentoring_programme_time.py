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
    days_ago,
    enroll_when_known,
    mentoring_settings,
    open_cohort,
    published,
    register_mentor,
    scale_up,
    session_body,
)
from tests.integration.settings import registration_settings
from tests.polling import eventually
from tests.samples import SARI_REQUEST, new_sme_id, registered


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
        cohort, mentor, sme = await open_cohort(client), await register_mentor(client), new_sme_id()
        await upstream.publish(registered(sme))
        await enroll_when_known(client, cohort, sme)  # today, by default
        base = f"/cohorts/{cohort}/enrollments/{sme}"
        await client.put(f"{base}/mentor", json={"mentor_id": mentor})
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
        cohort, mentor, sme = await open_cohort(client), await register_mentor(client), new_sme_id()
        await upstream.publish(registered(sme))
        await enroll_when_known(client, cohort, sme)
        base = f"/cohorts/{cohort}/enrollments/{sme}"
        await client.put(f"{base}/mentor", json={"mentor_id": mentor})
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
        later = await open_cohort(client)
        marker = new_sme_id()
        await upstream.publish(registered(marker))
        await enroll_when_known(client, later, marker)  # the scale move was consumed
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
