"""HTTP request and response bodies of the registration API."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from registration.domain import values


class FinancialsBody(BaseModel):
    """Size figures at a date, in whole Rupiah."""

    business_capital: int = Field(
        description="Modal usaha, excl. land & buildings.", examples=[250_000_000]
    )
    annual_sales: int = Field(description="Hasil penjualan tahunan.", examples=[480_000_000])
    employees: int = Field(default=0, examples=[4])
    as_of: date = Field(description="The date the figures refer to.", examples=["2022-06-30"])

    def to_value(self) -> values.Financials:
        """The domain value."""
        return values.Financials(**self.model_dump())


class LicencesBody(BaseModel):
    """Every licence the business holds now (a full replacement, not a diff)."""

    nib: str | None = Field(default=None, examples=["9120001234567"])
    halal_certificate: str | None = Field(default=None, examples=["ID32110000123450922"])
    pirt: str | None = Field(default=None, examples=["2063216010123-27"])
    bpom: str | None = None


class ContactsBody(BaseModel):
    """How to reach the business; the phone is normalised to +62."""

    phone: str = Field(examples=["0812-3456-7890"])
    email: str | None = Field(default=None, examples=["keripiktempe.busari@example.com"])


class RegisterSmeRequest(BaseModel):
    """Body of POST /smes."""

    business_name: str = Field(examples=["Keripik Tempe Bu Sari"])
    owner_nik: str = Field(
        description="Owner's NIK, 16 digits. Stored encrypted; never returned.",
        examples=["3216014506900001"],
    )
    kbli: str = Field(description="KBLI 2020, 5 digits.", examples=["10792"])
    kabupaten_code: str = Field(examples=["32.16"])
    kecamatan_code: str = Field(examples=["32.16.01"])
    desa_code: str | None = Field(default=None, examples=["32.16.01.2001"])
    nib: str | None = Field(default=None, examples=["9120001234567"])
    phone: str | None = Field(default=None, examples=["0812-3456-7890"])
    email: str | None = None
    financials: FinancialsBody | None = None


class UpdateProfileRequest(BaseModel):
    """Body of PATCH /smes/{id}: only the sections given change."""

    business_name: str | None = None
    kbli: str | None = None
    financials: FinancialsBody | None = None
    licences: LicencesBody | None = None
    contacts: ContactsBody | None = None


class ConsentRequest(BaseModel):
    """Body of PUT /smes/{id}/consents/{purpose}."""

    granted: bool
    legal_basis: str = Field(
        default="persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)", max_length=200
    )


class WithdrawRequest(BaseModel):
    """Body of POST /smes/{id}/withdrawal."""

    reason: str = Field(max_length=500, examples=["Usaha tutup"])


class SmeView(BaseModel):
    """An SME as the API shows it: the NIK masked, never in full."""

    sme_id: str
    business_name: str
    nib: str | None = None
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    desa_code: str | None = None
    nik_masked: str
    licences: dict[str, Any] = {}
    contacts: dict[str, Any] | None = None
    financials: dict[str, Any] | None = None
    scale: dict[str, Any] | None = None
    consents: list[str] = []
    status: Literal["active", "withdrawn"]
    registered_at: datetime
    version: int


class SmePage(BaseModel):
    """A page of search results."""

    total: int
    limit: int
    offset: int
    items: list[SmeView]
