"""Curation against the licence state the service learned from registration and mentoring."""

from tests.infra import Infra
from tests.integration.partnership_support import (
    AGREEMENT,
    PASSING,
    halal_milestone,
    known,
    licensed,
    licensed_sme,
    propose,
    published,
    register_partner,
    registered,
    serving,
)
from tests.samples import new_sme_id


async def test_an_sme_that_gains_halal_after_a_failed_curation_then_passes(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner = await register_partner(client)
        sme = await licensed_sme(client, upstream, halal=False)
        base = f"/partners/{partner}/partnerships/{await propose(client, partner, sme)}"

        failed = (await client.post(f"{base}/curation", json=PASSING)).json()
        assert failed["status"] == "curation_failed"
        unmet = {i["item"]: i["message"] for i in failed["curation"]["items"] if not i["met"]}
        assert unmet == {"halal": "no halal certificate on record"}
        refused = await client.post(f"{base}/agreement", json=AGREEMENT)
        assert refused.status_code == 409
        assert refused.json()["current_state"] == "curation_failed"

        await upstream.publish(halal_milestone(sme), context="mentoring")
        await known(client, sme, milestones=["halal_certified"])
        passed = (await client.post(f"{base}/curation", json=PASSING)).json()
        assert passed["status"] == "curated"
        assert passed["curations_run"] == 2
        assert (await client.post(f"{base}/agreement", json=AGREEMENT)).json()["status"] == "active"

        curated = await published(infra, namespace, "PartnershipCurated", 2)
    assert [c["data"]["result"] for c in curated] == ["failed", "passed"]
    halal = [r for r in curated[0]["data"]["requirements"] if r["requirement"] == "halal"]
    assert halal[0]["met"] is False
    assert {e["check"] for e in curated[1]["data"]["eligibility"]} == {
        "scale_class",
        "not_withdrawn",
    }


async def test_licences_removed_by_a_later_profile_update_fail_the_curation(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner, sme = await register_partner(client), new_sme_id()
        await upstream.publish(registered(sme))
        await upstream.publish(licensed(sme, halal=True))
        await upstream.publish(licensed(sme, halal=False))
        await known(client, sme, licences=["nib", "pirt"])
        base = f"/partners/{partner}/partnerships/{await propose(client, partner, sme)}"
        staff_says_no = {"standard_packaging": False, "steady_supply": True}
        failed = (await client.post(f"{base}/curation", json=staff_says_no)).json()
        unmet = sorted(i["item"] for i in failed["curation"]["items"] if not i["met"])
        assert unmet == ["halal", "standard_packaging"]
