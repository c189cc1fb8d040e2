"""Domain events to published contracts: the only place the two vocabularies meet."""

from registration.domain.sme import SmeRegistered
from umkm_shared.contracts import registration as contract
from umkm_shared.contracts.catalogue import make_event
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.outbox import outbox_entry


def sme_registered(event: SmeRegistered) -> contract.SMERegistered:
    """The public form: pseudonym and mask, never the NIK."""
    return contract.SMERegistered(
        sme_id=event.sme_id,
        business_name=event.business_name,
        nib=event.nib,
        kbli=event.kbli,
        kabupaten_code=event.kabupaten_code,
        kecamatan_code=event.kecamatan_code,
        owner=contract.OwnerIdentity(
            nik_pseudonym=event.nik_pseudonym, nik_masked=event.nik_masked
        ),
        registered_at=event.registered_at,
    )


def outbox_entries(
    topics: TopicNames, event: SmeRegistered, version: int, correlation_id: str | None = None
) -> list[dict[str, str]]:
    """The pending outbox entries that go into the same write as the state change."""
    attrs = {"correlationid": correlation_id} if correlation_id else {}
    envelope = make_event(sme_registered(event), event.sme_id, version, **attrs)
    return [outbox_entry(topics.events(Context.REGISTRATION), envelope, key=event.sme_id)]
