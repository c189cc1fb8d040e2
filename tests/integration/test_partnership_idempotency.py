"""A proposal retried with an Idempotency-Key, on the real stack: one partnership, one event."""

import asyncio
import uuid

from tests.infra import Infra
from tests.integration.partnership_support import (
    OUTLETS,
    licensed_sme,
    name_of,
    partnership_events,
    published,
    register_partner,
    serving,
)


async def test_concurrent_retries_with_one_key_create_one_partnership_and_one_event(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner, sme = await register_partner(client), await licensed_sme(client, upstream)
        path, retry = f"/partners/{partner}/partnerships", {"Idempotency-Key": str(uuid.uuid4())}
        body = {
            "sme_id": sme,
            "pattern": "perdagangan_umum",
            "products": ["Keripik Tempe 100 g"],
            "outlets": OUTLETS,
        }

        answers = await asyncio.gather(
            *(client.post(path, json=body, headers=retry) for _ in range(2))
        )
        again = await client.post(path, json=body, headers=retry)
        other = await client.post(path, json={**body, "pattern": "waralaba"}, headers=retry)
        too_long = await client.post(path, json=body, headers={"Idempotency-Key": "k" * 201})

        assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
        first = answers[0].json()
        assert [a.json() for a in (*answers, again)] == [first] * 3
        assert again.status_code == 200
        assert other.status_code == 422
        assert other.json()["errors"][0]["field"] == "Idempotency-Key"
        assert too_long.status_code == 422
        listed = (await client.get(path)).json()
        assert [p["partnership_id"] for p in listed] == [first["partnership_id"]]
        assert "request_hash" not in listed[0]
        await published(infra, namespace, "PartnershipProposed", 1)
    events = await partnership_events(infra, namespace)
    proposed = [e for e in events if name_of(e) == "PartnershipProposed"]
    assert [e["subject"] for e in proposed] == [first["partnership_id"]]
