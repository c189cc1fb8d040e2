"""Mentoring over the real Kafka and Mongo-wire server: every rule, out of order, redelivered."""

import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import httpx

from mentoring.domain.graduation_policy import GraduationPolicy
from mentoring.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    DEMO_MENTOR,
    END,
    Upstream,
    assign_mentor,
    consent,
    days_ago,
    enroll_registered,
    enroll_when_known,
    enrolled_sme,
    feed_events,
    mentoring_settings,
    open_cohort,
    partnership,
    published,
    register_mentor,
    registration_applied,
    replicas,
    scale_up,
    session_body,
    withdrawn,
)
from tests.kafka_reader import read_all
from tests.polling import eventually
from tests.samples import new_sme_id, registered


async def _graduation(client: httpx.AsyncClient, cohort: str, sme: str) -> dict[str, Any] | None:
    view = (await client.get(f"/cohorts/{cohort}/enrollments/{sme}")).json()
    return view["graduation"] if view["graduation"] else None


async def test_unknown_smes_are_retried_and_withdrawn_ones_refused_in_both_languages(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        cohort = await open_cohort(client)
        unknown = await client.post(f"/cohorts/{cohort}/enrollments", json={"sme_id": new_sme_id()})
        assert unknown.status_code == 409  # not "does not exist": registration may be on its way
        assert unknown.headers["retry-after"] == "2"
        assert unknown.headers["content-type"] == "application/problem+json"
        assert unknown.json()["type"] == "urn:umkmjuara:problem:conflict"
        assert "belum diterima dari layanan pendaftaran; coba lagi" in unknown.json()["pesan"]
        assert "registration still propagating; retry" in unknown.json()["message"]
        sme = new_sme_id()
        await upstream.publish(registered(sme))
        await upstream.publish(withdrawn(sme))

        async def refused() -> dict[str, str] | None:
            resp = await client.post(f"/cohorts/{cohort}/enrollments", json={"sme_id": sme})
            return resp.json() if "keluar" in resp.text else None

        body = await eventually(refused)
        assert "keluar" in body["pesan"]
        assert "withdrawn" in body["message"]


async def test_poison_is_parked_one_by_one_and_the_batch_carries_on(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        cohort, sme = await open_cohort(client), new_sme_id()
        topic = f"{namespace}umkm-juara.registration.v1"
        await upstream.redeliver(topic, sme.encode(), b"{not json")
        await enroll_registered(client, upstream, cohort, sme)

    dlt = f"{namespace}umkm-juara.dlt.{namespace}mentoring"
    reasons = [json.loads(r.value)["reason"] for r in await read_all(infra, dlt)]
    assert len(reasons) == 1
    assert reasons[0].startswith("not a valid CloudEvent")


async def test_assignment_sessions_and_closing_follow_the_rules(
    infra: Infra, namespace: str
) -> None:
    settings = mentoring_settings(infra, namespace, mentor_hard_cap=2)
    async with running(create_app(settings)) as client, Upstream(infra, namespace) as upstream:
        cohort = await open_cohort(client, norm=1)
        mentor = await register_mentor(client, mentor_id=DEMO_MENTOR)  # mentor.bekasi
        other = await register_mentor(client, "Rina")
        as_mentor = await client.as_user("mentor.bekasi")
        smes = [await enroll_registered(client, upstream, cohort) for _ in range(3)]
        base = f"/cohorts/{cohort}/enrollments"
        first = await client.put(f"{base}/{smes[0]}/mentor", json={"mentor_id": mentor})
        second = await client.put(f"{base}/{smes[1]}/mentor", json={"mentor_id": mentor})
        third = await client.put(f"{base}/{smes[2]}/mentor", json={"mentor_id": mentor})
        assert first.json()["warning"] is None
        assert "norma" in second.json()["warning"]
        assert third.status_code == 409
        assert (await client.put(f"{base}/{smes[2]}/mentor", json={"mentor_id": other})).is_success

        sessions = f"{base}/{smes[0]}/sessions"
        theirs = f"{base}/{smes[2]}/sessions"
        refused = await client.post(theirs, json=session_body(), headers=as_mentor)
        assert refused.status_code == 403
        # TODAY is the UTC date; from 17:00 UTC Jakarta's (the service's) today is TODAY + 1.
        ahead = session_body(days_ago=-2)
        assert (await client.post(sessions, json=ahead)).status_code == 422
        # Not END.replace(year=...): END is 29 February when the suite runs on 30 January of a
        # leap year, and that day does not exist a year later.
        after_end = session_body(session_date=(END + timedelta(days=366)).isoformat())
        assert (await client.post(sessions, json=after_end)).status_code == 422
        bad_topic = await client.post(sessions, json=session_body(topics=["astrologi"]))
        assert bad_topic.status_code == 422
        assert bad_topic.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in bad_topic.json()["errors"]] == ["topics.0"]
        assert "astrologi" not in bad_topic.text  # nothing submitted is echoed
        logged = await client.post(sessions, json=session_body(), headers=as_mentor)
        assert logged.status_code == 201
        fix = session_body(corrects_session_id=logged.json()["session_id"], days_ago=2)
        assert (await client.post(sessions, json=fix)).status_code == 201
        view = (await client.get(f"{base}/{smes[0]}")).json()
        assert view["sessions_logged"] == 1
        assert len(view["sessions"]) == 2

        # Reassign: the new mentor logs, the old one no longer may.
        assert (await client.put(f"{base}/{smes[0]}/mentor", json={"mentor_id": other})).is_success
        late = await client.post(sessions, json=session_body(), headers=as_mentor)
        assert late.status_code == 403
        assert (await client.post(sessions, json=session_body())).status_code == 201  # as admin
        loads = (await client.get(f"/cohorts/{cohort}")).json()["mentor_loads"]
        assert loads == {mentor: 1, other: 2}

        assert (await client.post(f"/cohorts/{cohort}/close")).json()["status"] == "closed"
        assert (await client.post(sessions, json=session_body())).status_code == 409
        assigned = await published(infra, namespace, "MentorAssigned", 4)
        corrections = await published(infra, namespace, "MentorSessionLogged", 3)
    reassigned = [e for e in assigned if e["data"]["previous_mentor_id"]]
    assert {e["data"]["previous_mentor_id"] for e in reassigned} == {mentor}
    assert sum(bool(e["data"]["corrects_session_id"]) for e in corrections) == 1


async def test_out_of_order_and_redelivered_events_graduate_an_sme_exactly_once(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        cohort, mentor, sme = await open_cohort(client), await register_mentor(client), new_sme_id()
        # The partnership arrives before the SME is even known to mentoring.
        await upstream.publish(partnership(sme), context="partnership")
        await upstream.publish(registered(sme))
        await upstream.publish(scale_up(sme))
        await enroll_when_known(client, cohort, sme)
        await assign_mentor(client, cohort, sme, mentor)
        base = f"/cohorts/{cohort}/enrollments/{sme}"
        for day in range(1, 5):
            resp = await client.post(f"{base}/sessions", json=session_body(days_ago=day))
            assert resp.status_code == 201
        graduation = await eventually(lambda: _graduation(client, cohort, sme))
        dims = {d["dimension"] for d in graduation["dimensions"]}
        assert dims == {"scale_class", "retail_partnership"}
        # Every upstream event again, byte for byte: nothing may count twice.
        for topic, key, value in list(upstream.sent):
            await upstream.redeliver(topic, key, value)
        await enroll_registered(client, upstream, cohort)  # the redeliveries were consumed
        after = (await client.get(base)).json()
        assert after["sessions_logged"] == 4
        assert after["graduation"] == graduation
        manual = await client.post(f"{base}/graduation", json={"reason": "sudah"})
        assert manual.status_code == 409
        graduated = await published(infra, namespace, "SMEGraduated", 1)
    assert [e["data"]["sme_id"] for e in graduated] == [sme]
    assert graduated[0]["data"]["decided_by"] == "policy"
    assert graduated[0]["data"]["policy_version"] == GraduationPolicy().version
    assert graduated[0]["data"]["graduated_on"] == days_ago(1).isoformat()  # the 4th session
    scale = next(d for d in graduated[0]["data"]["dimensions"] if d["dimension"] == "scale_class")
    assert (scale["before"], scale["after"]) == ("mikro", "kecil")


async def test_the_coordinator_can_graduate_with_a_reason_and_milestone_evidence(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        found = await enrolled_sme(client, upstream, assigned=False)
        base = found.url
        financing = {"milestone": "financing_obtained", "achieved_on": days_ago(3).isoformat()}
        incomplete = await client.post(f"{base}/milestones", json={**financing, "evidence": "x"})
        assert incomplete.status_code == 422
        complete = {**financing, "evidence": "doc://kur/1", "financing_amount": 50_000_000}
        done = await client.post(f"{base}/milestones", json={**complete, "financing_source": "kur"})
        assert done.status_code == 201
        assert (await client.post(f"{base}/graduation", json={"reason": " "})).status_code == 422
        manual = await client.post(f"{base}/graduation", json={"reason": "Omzet terverifikasi"})
        assert manual.status_code == 201
        assert manual.json()["graduation"]["decided_by"] == "coordinator"
        graduated = await published(infra, namespace, "SMEGraduated", 1)
        achieved = await published(infra, namespace, "MilestoneAchieved", 1)
    assert graduated[0]["data"]["override_reason"] == "Omzet terverifikasi"
    assert graduated[0]["data"]["dimensions"][0]["dimension"] == "financing"
    assert achieved[0]["data"]["evidence"] == "doc://kur/1"


async def test_the_bank_feed_flows_only_while_consent_is_on(infra: Infra, namespace: str) -> None:
    settings = mentoring_settings(infra, namespace)
    async with running(create_app(settings)) as client, Upstream(infra, namespace) as upstream:
        found = await enrolled_sme(client, upstream)
        sme, base = found.sme, found.url
        await client.post(f"{base}/sessions", json=session_body(days_ago=5))  # no consent
        await upstream.publish(consent(sme, granted=True))
        ref = hmac.new(
            settings.bank_feed_key.get_secret_value().encode(), sme.encode(), hashlib.sha256
        ).hexdigest()

        async def shared(count: int) -> list[object] | None:
            events = await feed_events(infra, namespace)
            return events if len(events) >= count else None

        await eventually(lambda: shared(1))
        await client.post(f"{base}/sessions", json=session_body(days_ago=4))
        await eventually(lambda: shared(2))
        await upstream.publish(consent(sme, granted=False))
        async with replicas(infra, namespace, count=1) as (reader,):  # v1 registered, v3 this
            await eventually(lambda: registration_applied(reader, sme, 3))
        await client.post(f"{base}/sessions", json=session_body(days_ago=3))
        await client.post(
            f"{base}/milestones",
            json={
                "milestone": "nib_obtained",
                "achieved_on": days_ago(1).isoformat(),
                "evidence": "doc://oss/nib",
            },
        )
        await eventually(lambda: _graduation_or_none(client, base, expected=3))
        await published(infra, namespace, "MilestoneAchieved", 1)  # the relay got that far
    feed = await feed_events(infra, namespace)
    assert len(feed) == 2
    assert {key for key, _ in feed} == {ref.encode()}
    assert [e["data"]["sessions_logged"] for _, e in feed] == [1, 2]
    assert [e["aggregateversion"] for _, e in feed] == [1, 2]
    assert all(sme not in str(e) for _, e in feed)


async def _graduation_or_none(client: httpx.AsyncClient, base: str, expected: int) -> bool | None:
    view = (await client.get(base)).json()
    return True if view["sessions_logged"] == expected else None
