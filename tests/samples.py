"""Sample payloads shared by several tests."""

import uuid
from datetime import UTC, datetime
from typing import Any

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


def new_sme_id() -> str:
    """A fresh SME id."""
    return f"sme-{uuid.uuid4().hex[:12]}"


def registered(
    sme_id: str,
    kecamatan: str = "32.16.01",
    *,
    nib: str | None = None,
    scale: str | None = "mikro",
    business_name: str | None = None,
    at: datetime | None = None,
) -> SMERegistered:
    """SMERegistered as registration publishes it, for an SME of `kecamatan`."""
    return SMERegistered(
        sme_id=sme_id,
        business_name=business_name or f"Usaha {sme_id}",
        nib=nib,
        kbli="10792",
        kabupaten_code=kecamatan[:5],
        kecamatan_code=kecamatan,
        owner=OwnerIdentity(nik_pseudonym="a" * 64, nik_masked="3216********0001"),
        scale_class=scale,
        registered_at=at or datetime.now(UTC),
    )


SARI_REQUEST: dict[str, Any] = {
    "business_name": "Keripik Tempe Bu Sari",
    "owner_nik": "3216014506900001",
    "kbli": "10792",
    "kabupaten_code": "32.16",
    "kecamatan_code": "32.16.01",
    "phone": "0812-3456-7890",
    "financials": {
        "business_capital": 300_000_000,
        "annual_sales": 900_000_000,
        "employees": 3,
        "as_of": "2022-06-01",
    },
}
"""A registration request as an office sends it (`POST /smes`), in Kabupaten Bekasi."""
