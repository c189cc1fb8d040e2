"""A partner never sees nor changes another partner's partnerships."""

from tests.infra import Infra
from tests.integration.partnership_support import (
    PASSING,
    licensed_sme,
    propose,
    register_partner,
    serving,
)


async def test_partner_a_never_sees_or_changes_partner_bs_partnerships(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        alfamart, indomaret = (
            await register_partner(client, "Alfamart"),
            await register_partner(client, "Indomaret"),
        )
        sme = await licensed_sme(client, upstream)
        theirs = await propose(client, indomaret, sme)

        foreign = f"/partners/{alfamart}/partnerships/{theirs}"
        assert (await client.get(foreign)).status_code == 404
        for path, body in (("curation", PASSING), ("end", {"reason": "Bukan milik kami"})):
            answer = await client.post(f"{foreign}/{path}", json=body)
            assert answer.status_code == 404
            assert answer.json()["message"] == f"Partnership {theirs} not found"
        assert (await client.get(f"/partners/{alfamart}/partnerships")).json() == []

        own = (await client.get(f"/partners/{indomaret}/partnerships/{theirs}")).json()
        assert (own["status"], own["curations_run"]) == ("proposed", 0)
        listed = (await client.get(f"/partners/{indomaret}/partnerships")).json()
        assert [p["partnership_id"] for p in listed] == [theirs]
        unknown = await client.get("/partners/partner-000000000000/partnerships")
        assert unknown.status_code == 404
        odd = {"sme_id": sme, "pattern": "konsinyasi", "products": ["Keripik"]}
        invalid = await client.post(f"/partners/{alfamart}/partnerships", json=odd)
        assert invalid.status_code == 422
        assert invalid.json()["errors"][0]["field"] == "pattern"
