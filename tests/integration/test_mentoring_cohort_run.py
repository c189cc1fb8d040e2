"""A 162-SME, 6-mentor cohort run end to end through the mentoring API (Kabupaten Bekasi 2022)."""

from mentoring.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    Upstream,
    days_ago,
    enroll_when_known,
    mentoring_settings,
    open_cohort,
    published,
    register_mentor,
    session_body,
)
from tests.samples import new_sme_id, registered


async def test_a_162_sme_cohort_with_6_mentors_runs_from_enrollment_to_graduation(
    infra: Infra, namespace: str
) -> None:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        cohort = await open_cohort(client, norm=27)
        mentors = [await register_mentor(client, f"Pendamping {i}") for i in range(6)]
        smes = [new_sme_id() for _ in range(162)]
        kecamatan = {sme: f"32.16.{i % 23 + 1:02d}" for i, sme in enumerate(smes)}
        for sme in smes:
            await upstream.publish(registered(sme, kecamatan[sme]))
        for sme in smes:
            await enroll_when_known(client, cohort, sme)

        proposal = await client.post(
            f"/cohorts/{cohort}/assignment-proposal", json={"mentor_ids": mentors}
        )
        assert proposal.status_code == 200, proposal.text
        plan = proposal.json()
        assert sorted(len(v) for v in plan["assignments"].values()) == [27] * 6
        assert all(len(k) <= 6 for k in plan["kecamatan"].values())
        mentor_of = {}
        for mentor, assigned in plan["assignments"].items():
            for sme in assigned:
                resp = await client.put(
                    f"/cohorts/{cohort}/enrollments/{sme}/mentor", json={"mentor_id": mentor}
                )
                assert resp.status_code == 200, resp.text
                assert resp.json()["warning"] is None  # 27 each: at the norm, not past it
                mentor_of[sme] = mentor

        graduates = smes[::9]  # 18 SMEs reach the policy: 4 sessions and a halal certificate
        for sme in graduates:
            base = f"/cohorts/{cohort}/enrollments/{sme}"
            for day in range(1, 5):
                body = session_body(days_ago=day)
                assert (await client.post(f"{base}/sessions", json=body)).status_code == 201
            halal = {
                "milestone": "halal_certified",
                "achieved_on": days_ago(1).isoformat(),
                "evidence": f"doc://bpjph/{sme}",
            }
            assert (await client.post(f"{base}/milestones", json=halal)).status_code == 201

        view = (await client.get(f"/cohorts/{cohort}")).json()
        assert view["enrolled"] == 162
        assert view["graduated"] == len(graduates)
        assert sorted(view["mentor_loads"].values()) == [27] * 6
        graduated = await published(infra, namespace, "SMEGraduated", len(graduates))
        enrolled = await published(infra, namespace, "SMEEnrolled", 162)
    assert sorted(e["data"]["sme_id"] for e in graduated) == sorted(graduates)
    assert len({e["data"]["sme_id"] for e in enrolled}) == 162
