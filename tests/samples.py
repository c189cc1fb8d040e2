"""Sample payloads shared by several tests."""

from datetime import UTC, datetime

from umkm_shared.contracts.registration import OwnerIdentity, SMERegistered

DATA = SMERegistered(
    sme_id="sme-6f1d2c3b4a59",
    business_name="Keripik Tempe Bu Sari",
    nib=None,
    kbli="10792",
    kabupaten_code="32.16",
    kecamatan_code="32.16.01",
    owner=OwnerIdentity(nik_pseudonym="a" * 64, nik_masked="3216********0001"),
    registered_at=datetime(2022, 6, 20, 2, 0, tzinfo=UTC),
)
