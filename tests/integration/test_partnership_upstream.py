"""Upstream events: redelivered ones change nothing twice; withdrawals end open partnerships."""

import json

from partnership.entrypoints.app import create_app
from tests.apps import running
from tests.infra import Infra
from tests.integration.partnership_support import (
    AGREEMENT,
    PASSING,
    Upstream,
    known,
    licensed,
    licensed_sme,
    name_of,
    partnership_events,
    partnership_settings,
    propose,
    published,
    register_partner,
    registered,
    serving,
    withdrawn,
)
from tests.kafka_reader import read_all
from tests.samples import new_sme_id
from umkm_shared.contracts.catalogue import event_key


async def test_a_withdrawal_delivered_twice_ends_each_open_partnership_once(
    infra: Infra, namespace: str
) -> None:
    async with serving(infra, namespace) as (client, upstream):
        partner, sme = await register_partner(client), await licensed_sme(client, upstream)
        active, proposal = await propose(client, partner, sme), await propose(client, partner, sme)
        done = await propose(client, partner, sme)
        base = f"/partners/{partner}/partnerships"
        await client.post(f"{base}/{active}/curation", json=PASSING)
        await client.post(f"{base}/{active}/agreement", json=AGREEMENT)
        await client.post(f"{base}/{done}/end", json={"reason": "Dibatalkan mitra"})

        leaving = withdrawn(sme)
        event = await upstream.publish(leaving)
        await upstream.send("registration", event_key(leaving).encode(), event.to_json_bytes())
        await known(client, sme, withdrawn=True)
        await published(infra, namespace, "PartnershipEnded", 3)

        for pid in (active, proposal):
            view = (await client.get(f"{base}/{pid}")).json()
            assert (view["status"], view["end_reason"]) == (
                "ended",
                "UMKM keluar dari program: Usaha tutup",
            )
        assert (await client.get(f"{base}/{done}")).json()["end_reason"] == "Dibatalkan mitra"
        again = await client.post(
            base, json={"sme_id": sme, "pattern": "waralaba", "products": ["Keripik"]}
        )
        assert again.status_code == 409
        assert again.json()["current_state"] == "withdrawn"
    ended = [
        e for e in await partnership_events(infra, namespace) if name_of(e) == "PartnershipEnded"
    ]
    assert sorted(e["subject"] for e in ended) == sorted([active, proposal, done])


async def test_a_redelivered_licence_event_is_applied_once_and_poison_goes_to_the_dlt(
    infra: Infra, namespace: str
) -> None:
    settings = partnership_settings(infra, namespace)
    async with running(create_app(settings)) as client, Upstream(infra, namespace) as upstream:
        sme = new_sme_id()
        await upstream.send("registration", sme.encode(), b"{not json")
        await upstream.publish(registered(sme))
        with_halal = await upstream.publish(licensed(sme, halal=True))
        await upstream.publish(licensed(sme, halal=False))
        await known(client, sme, licences=["nib", "pirt"])
        # The older event again (a producer's retry): version 2 is in already, nothing changes.
        await upstream.send("registration", sme.encode(), with_halal.to_json_bytes())
        marker = new_sme_id()
        await upstream.publish(registered(marker))
        await known(client, marker, registered=True)
        facts = (await client.get(f"/smes/{sme}")).json()
        assert facts["licences"] == ["nib", "pirt"]
        assert facts["applied"] == {f"registration|{sme}": 3}

    dlt = f"{namespace}umkm-juara.dlt.{settings.consumer_group}"
    reasons = [json.loads(r.value)["reason"] for r in await read_all(infra, dlt)]
    assert len(reasons) == 1
    assert reasons[0].startswith("not a valid CloudEvent")
