"""The demo's registration steps, as the Dinas of each SME's kabupaten: register (with the day
the SME joined), licences, the Bank Jabar feed consent, and later the scale-ups.

Safe to run again: each registration carries an Idempotency-Key, so a re-run gets the same
id; licences and consents set as they are change nothing.
"""

from devstack.bekasi2022_model import GeneratedSme
from devstack.demo_api import DINAS_BANDUNG, DINAS_BEKASI, Api, ok

DINAS = {"32.16": DINAS_BEKASI, "32.04": DINAS_BANDUNG}
"""Who registers a kabupaten's SMEs."""
FEED = "bank_jabar_mentoring_feed"


async def register(api: Api, registration_url: str, sme: GeneratedSme) -> str:
    """Put the SME on the register with its licences and consent; its id."""
    dinas, key = DINAS[sme.kabupaten], {"Idempotency-Key": f"demo-2022-{sme.key}"}
    resp = await api.post(dinas, f"{registration_url}/smes", json=sme.registration(), headers=key)
    if resp.status_code == 409 and "existing_sme_id" in resp.json():
        sme_id = str(resp.json()["existing_sme_id"])  # kept from an older demo: the same UMKM
    else:
        sme_id = str(ok(resp, f"registration of {sme.name}")["sme_id"])
    url = f"{registration_url}/smes/{sme_id}"
    if sme.halal or sme.pirt:  # certificates are set by an update (a full replacement)
        ok(await api.patch(dinas, url, json={"licences": sme.licences()}), "licence update")
    if sme.consent:
        body = {"granted": True}
        ok(await api.put(dinas, f"{url}/consents/{FEED}", json=body), "consent")
    return sme_id


async def scale_up(api: Api, registration_url: str, sme: GeneratedSme, sme_id: str) -> None:
    """New figures dated inside the cohort: registration publishes SMEScaleChanged."""
    if sme.scale_up is None:
        return
    body = {"financials": sme.scale_up.body()}
    url = f"{registration_url}/smes/{sme_id}"
    ok(await api.patch(DINAS[sme.kabupaten], url, json=body), f"scale-up of {sme.name}")
