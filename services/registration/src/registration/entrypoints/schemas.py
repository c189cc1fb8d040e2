"""HTTP request and response bodies of the registration API."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from registration.adapters.documents import Doc, joined_on
from registration.domain import values
from registration.domain.identity import EXAMPLE_NIK
from registration.domain.sme import CONSENT_PURPOSES
from umkm_shared.contracts.registration import ConsentPurpose
from umkm_shared.contracts.types import ScaleClass
from umkm_shared.text import FreeText, Label, Name, refusal

MAX_RUPIAH = 10**15 - 1  # beyond any UMKM; 15 digits, so a 422 naming it shows no NIK-shaped number
Code = Annotated[str, FreeText(20)]  # a KBLI, NIB or region code; its format is checked later


class RequestBody(BaseModel):
    """A request body: unknown fields refused, no coercion (`"yes"` is not `true`)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class FinancialsBody(RequestBody):
    """Size figures at a date, in whole Rupiah."""

    business_capital: int = Field(
        le=MAX_RUPIAH, description="Modal usaha, excl. land & buildings.", examples=[250_000_000]
    )
    annual_sales: int = Field(
        le=MAX_RUPIAH, description="Hasil penjualan tahunan.", examples=[480_000_000]
    )
    employees: int = Field(default=0, le=10_000_000, examples=[4])
    as_of: date = Field(
        strict=False,  # JSON has no dates: an ISO 8601 string
        description="The date the figures refer to.",
        examples=["2022-06-30"],
    )

    def to_value(self) -> values.Financials:
        """The domain value."""
        return values.Financials(**self.model_dump())


class LicencesBody(RequestBody):
    """Every licence the business holds now (a full replacement, not a diff)."""

    nib: Code | None = Field(default=None, examples=["9120001234567"])
    halal_certificate: Label | None = Field(default=None, examples=["ID32110000123450922"])
    pirt: Label | None = Field(default=None, examples=["2063216010123-27"])
    bpom: Label | None = None


class ContactsBody(RequestBody):
    """How to reach the business; the phone is normalised to +62."""

    phone: Annotated[str, FreeText(30)] = Field(examples=["0812-3456-7890"])
    email: Annotated[str, FreeText(254)] | None = Field(
        default=None, examples=["keripiktempe.busari@example.com"]
    )


class RegisterSmeRequest(RequestBody):
    """Body of POST /smes."""

    business_name: Name = Field(examples=["Keripik Tempe Bu Sari"])
    owner_nik: str = Field(
        max_length=20,
        description=(
            "Owner's NIK, 16 digits. Stored encrypted; never returned. "
            "The example is fictitious (NIK fiktif): never use a real person's NIK in examples."
        ),
        examples=[EXAMPLE_NIK],
    )
    kbli: Code = Field(description="KBLI 2020, 5 digits.", examples=["10792"])
    kabupaten_code: Code = Field(
        description="One of West Java's 27 kabupaten/kota.", examples=["32.16"]
    )
    kecamatan_code: Code = Field(examples=["32.16.01"])
    desa_code: Code | None = Field(default=None, examples=["32.16.01.2001"])
    nib: Code | None = Field(default=None, examples=["9120001234567"])
    phone: Annotated[str, FreeText(30)] | None = Field(default=None, examples=["0812-3456-7890"])
    email: Annotated[str, FreeText(254)] | None = None
    financials: FinancialsBody | None = None
    joined_on: date | None = Field(
        default=None,
        strict=False,  # an ISO 8601 string
        description=(
            "Programme time: the day the SME joined the programme (e.g. from a spreadsheet "
            "being migrated); not in the future, not before 2019-01-01. Absent: today in "
            "Asia/Jakarta. Published as `SMERegistered.joined_on`."
        ),
        examples=["2022-06-20"],
    )


class UpdateProfileRequest(RequestBody):
    """Body of PATCH /smes/{id}: only the sections given change."""

    business_name: Name | None = None
    kbli: Code | None = None
    financials: FinancialsBody | None = None
    licences: LicencesBody | None = None
    contacts: ContactsBody | None = None


def _known_purpose(value: object) -> object:
    if value in CONSENT_PURPOSES:
        return value
    known = ", ".join(CONSENT_PURPOSES)  # the value itself is not echoed: it may be a NIK
    raise refusal(
        "unknown_purpose",
        f"Tujuan persetujuan tidak dikenal; yang ada: {known}.",
        f"Unknown consent purpose; known: {known}.",
    )


KnownPurpose = Annotated[
    ConsentPurpose,
    # An enum even while there is one purpose (pydantic would say `const`): clients see a list.
    WithJsonSchema({"type": "string", "enum": list(CONSENT_PURPOSES)}),
]
Purpose = Annotated[KnownPurpose, BeforeValidator(_known_purpose)]
"""A consent purpose as input: an unknown one is refused naming the known ones."""


class ConsentRequest(RequestBody):
    """Body of PUT /smes/{id}/consents/{purpose}."""

    granted: bool = Field(description="`true` or `false`; nothing else is read as one.")
    legal_basis: Label = "persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)"


class WithdrawRequest(RequestBody):
    """Body of POST /smes/{id}/withdrawal."""

    reason: Annotated[str, FreeText(500, multiline=True)] = Field(examples=["Usaha tutup"])


class ScaleView(BaseModel):
    """The PP 7/2021 class with the figures and rule version it was computed from."""

    scale_class: ScaleClass
    rule_version: str = Field(examples=["PP7-2021.v1"])
    business_capital: int
    annual_sales: int
    as_of: date


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
    scale: ScaleView | None = None
    consents: list[KnownPurpose] = []
    status: Literal["active", "withdrawn"]
    registered_at: datetime = Field(description="When the system processed the registration.")
    joined_on: date = Field(
        description="Programme time: the day the SME joined the programme.",
        examples=["2022-06-20"],
    )
    version: int

    @classmethod
    def of(cls, doc: Doc) -> "SmeView":
        """The view of a stored SME (`joined_on` filled in for one stored before it was kept)."""
        return cls(**{**doc, "sme_id": doc["_id"], "joined_on": joined_on(doc)})


class SmePage(BaseModel):
    """A page of search results."""

    total: int
    limit: int
    offset: int
    items: list[SmeView]
