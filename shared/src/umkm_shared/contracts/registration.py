"""Events of the registration context (topic `umkm-juara.registration.v1`)."""

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from umkm_shared.contracts.audit import Audited
from umkm_shared.contracts.types import (
    DesaCode,
    EmailAddress,
    KabupatenCode,
    Kbli,
    KecamatanCode,
    Nib,
    NikMasked,
    NikPseudonym,
    PhoneNumber,
    RuleVersion,
    Rupiah,
    ScaleClass,
    SmeId,
)


class OwnerIdentity(BaseModel):
    """The owner's identity as other contexts may see it: pseudonymised, never the raw NIK."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    nik_pseudonym: NikPseudonym
    nik_masked: NikMasked


class FinancialFigures(BaseModel):
    """The business's raw size figures at a date: the input of the PP 7/2021 class."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    business_capital: Rupiah = Field(
        description="Business capital (modal usaha, excl. land and buildings), in whole Rupiah.",
        examples=[250000000],
    )
    annual_sales: Rupiah = Field(
        description="Annual sales (hasil penjualan tahunan), in whole Rupiah.",
        examples=[480000000],
    )
    employees: int = Field(ge=0, description="Number of employees.", examples=[4])
    as_of: date = Field(description="The date the figures refer to.", examples=["2022-06-30"])


class Licences(BaseModel):
    """The business's licence and certificate numbers; null for one it does not hold."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    nib: Nib | None = Field(
        default=None, description="NIB, if the business has one.", examples=["9120001234567"]
    )
    halal_certificate: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Halal certificate number (BPJPH), if certified.",
        examples=["ID32110000123450922"],
    )
    pirt: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="PIRT (SPP-IRT) number for home-industry food, if certified.",
        examples=["2063216010123-27"],
    )
    bpom: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="BPOM registration number, if registered.",
        examples=["BPOM RI MD 224510001234"],
    )


_CONTACTS_PDP = (
    "Personal data (UU 27/2022): included because mentors and partners must contact the "
    "business; do not store beyond that purpose."
)


class Contacts(BaseModel):
    """How to reach the business. Personal data: mentors and partners contact the business."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    phone: PhoneNumber = Field(
        description=f"The business's phone number, E.164 (+62). {_CONTACTS_PDP}",
        examples=["+6281234567890"],
    )
    email: EmailAddress | None = Field(
        default=None,
        description=f"The business's e-mail address, if any. {_CONTACTS_PDP}",
        examples=["keripiktempe.busari@example.com"],
    )


class SMERegistered(Audited):
    """A business joined the program's register."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_id: SmeId
    business_name: str = Field(
        min_length=1,
        max_length=200,
        description="Trading name of the business.",
        examples=["Keripik Tempe Bu Sari"],
    )
    nib: Nib | None = Field(
        default=None, description="NIB if the business has one yet.", examples=["9120001234567"]
    )
    kbli: Kbli
    kabupaten_code: KabupatenCode
    kecamatan_code: KecamatanCode
    owner: OwnerIdentity = Field(description="The owner, pseudonymised.")
    desa_code: DesaCode | None = Field(
        default=None,
        description="Kemendagri code of the desa/kelurahan, if recorded.",
        examples=["32.16.01.2001"],
    )
    contacts: Contacts | None = Field(
        default=None, description=f"How to reach the business, if given. {_CONTACTS_PDP}"
    )
    financials: FinancialFigures | None = Field(
        default=None, description="Size figures, if given at registration."
    )
    scale_class: ScaleClass | None = Field(
        default=None,
        description="PP 7/2021 class computed from `financials`, if given.",
        examples=["mikro"],
    )
    scale_rule_version: RuleVersion | None = Field(
        default=None,
        description="The rule `scale_class` was computed under.",
        examples=["PP7-2021.v1"],
    )
    registered_at: AwareDatetime = Field(
        description="When the office registered the business.",
        examples=["2022-06-20T09:00:00+07:00"],
    )
    joined_on: date | None = Field(
        default=None,
        description=(
            "Programme time: the day the business joined the programme, as the office "
            "recorded it (e.g. from a spreadsheet being migrated); never in the future, never "
            "before 2019-01-01. Null on events before v1.2: then the date of `registered_at` "
            "in Asia/Jakarta. `registered_at` stays the time the system processed it."
        ),
        examples=["2022-06-20"],
    )


class SMEProfileUpdated(Audited):
    """An SME's profile changed; each section is null when unchanged, else its full new state."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_id: SmeId
    financials: FinancialFigures | None = Field(
        default=None,
        description="New size figures; null when unchanged.",
        examples=[
            {
                "business_capital": 250000000,
                "annual_sales": 480000000,
                "employees": 4,
                "as_of": "2022-06-30",
            }
        ],
    )
    licences: Licences | None = Field(
        default=None,
        description="The complete current licences (not a diff); null when unchanged.",
        examples=[{"nib": "9120001234567", "halal_certificate": "ID32110000123450922"}],
    )
    contacts: Contacts | None = Field(
        default=None,
        description=f"The complete current contacts; null when unchanged. {_CONTACTS_PDP}",
        examples=[{"phone": "+6281234567890", "email": "keripiktempe.busari@example.com"}],
    )
    business_name: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="New trading name; null when unchanged.",
        examples=["Keripik Tempe Bu Sari"],
    )
    kbli: Kbli | None = Field(
        default=None, description="New KBLI 2020 code; null when unchanged.", examples=["10792"]
    )
    scale_class: ScaleClass | None = Field(
        default=None,
        description="PP 7/2021 class computed from `financials`, when present.",
        examples=["mikro"],
    )
    scale_rule_version: RuleVersion | None = Field(
        default=None,
        description="The rule `scale_class` was computed under.",
        examples=["PP7-2021.v1"],
    )


class SMEScaleChanged(Audited):
    """An SME moved to another PP 7/2021 size class (naik kelas when it moved up)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_id: SmeId
    from_class: ScaleClass = Field(
        description="Size class before the change (PP 7/2021 Pasal 35).", examples=["mikro"]
    )
    to_class: ScaleClass = Field(
        description="Size class after the change (PP 7/2021 Pasal 35); differs from from_class.",
        examples=["kecil"],
    )
    business_capital: Rupiah = Field(
        description="Business capital (modal usaha, excl. land & buildings) the class is based on.",
        examples=[1500000000],
    )
    annual_sales: Rupiah = Field(
        description="Annual sales (hasil penjualan tahunan) the class is based on.",
        examples=[2600000000],
    )
    figures_as_of: date = Field(
        description="The date the figures refer to.", examples=["2022-09-30"]
    )
    rule_version: str = Field(
        min_length=1,
        max_length=50,
        description="Version of the classification rule applied.",
        examples=["PP7-2021.v1"],
    )


ConsentPurpose = Literal["bank_jabar_mentoring_feed"]


class SMEConsentChanged(Audited):
    """An SME granted or withdrew its consent to one purpose of data sharing."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_id: SmeId
    purpose: ConsentPurpose = Field(
        description=(
            "What the consent covers: `bank_jabar_mentoring_feed` = sharing the pseudonymised "
            "mentoring progress with Bank Jabar. More purposes may be added."
        ),
        examples=["bank_jabar_mentoring_feed"],
    )
    granted: bool = Field(
        description="True if consent is now given, False if withdrawn.", examples=[True]
    )
    legal_basis: str = Field(
        min_length=1,
        max_length=200,
        description="The legal basis recorded for this processing.",
        examples=["persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)"],
    )
    changed_at: AwareDatetime = Field(
        description="When the SME gave or withdrew consent.",
        examples=["2022-07-01T10:30:00+07:00"],
    )


class SMEWithdrawn(Audited):
    """An SME left the program's register."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_id: SmeId
    reason: str = Field(
        min_length=1,
        max_length=500,
        description="Why the SME left, in short; no personal data.",
        examples=["Usaha tutup"],
    )
    withdrawn_at: AwareDatetime = Field(
        description="When the office recorded the withdrawal.",
        examples=["2022-11-15T14:00:00+07:00"],
    )
