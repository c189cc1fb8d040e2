"""Events of the partnership context (topic `umkm-juara.partnership.v1`): kemitraan."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from umkm_shared.contracts.audit import Audited
from umkm_shared.contracts.types import (
    KabupatenCode,
    PartnerId,
    PartnershipId,
    PhoneNumber,
    ProductId,
    Rupiah,
    SmeId,
)

PartnershipPattern = Annotated[
    Literal[
        "inti_plasma",
        "subkontrak",
        "waralaba",
        "perdagangan_umum",
        "distribusi_dan_keagenan",
        "rantai_pasok",
        "bagi_hasil",
        "kerja_sama_operasional",
        "usaha_patungan",
        "penyumberluaran",
    ],
    Field(
        description="Partnership pattern, one of the ten of PP 7/2021 Pasal 106.",
        examples=["perdagangan_umum"],
    ),
]

PartnerSector = Annotated[
    Literal["ritel_modern", "manufaktur", "eksportir", "lainnya"],
    Field(
        description=(
            "What the partner does: ritel_modern = modern retail (minimarket, supermarket); "
            "manufaktur = manufacturer; eksportir = exporter; lainnya = other."
        ),
        examples=["ritel_modern"],
    ),
]
PartnerCompanyType = Annotated[
    Literal["usaha_besar", "usaha_menengah"],
    Field(
        description="The partner's size: large (usaha besar) or medium (usaha menengah) business.",
        examples=["usaha_besar"],
    ),
]
OutletName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    Field(
        description="A partner outlet (store) by name or code.",
        examples=["Indomaret Cikarang Baru"],
    ),
]


class PartnerRegistered(Audited):
    """A partner company joined the program."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partner_id: PartnerId
    name: str = Field(
        min_length=1, max_length=200, description="The company's name.", examples=["Indomaret"]
    )
    company_type: PartnerCompanyType
    kabupaten_code: KabupatenCode | None = Field(
        default=None,
        description="Kemendagri code of the kabupaten/kota it partners in; null if province-wide.",
        examples=["32.16"],
    )
    sector: PartnerSector | None = Field(
        default=None,
        description="What the partner does; null if not recorded.",
        examples=["ritel_modern"],
    )


class PartnershipProposed(Audited):
    """A partnership between a partner and an SME was proposed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partnership_id: PartnershipId
    partner_id: PartnerId
    sme_id: SmeId
    pattern: PartnershipPattern
    proposed_at: AwareDatetime = Field(
        description="When the partnership was proposed.", examples=["2022-08-01T09:00:00+07:00"]
    )
    products: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list,
        description="The SME products proposed, by name; may be empty in older events.",
        examples=[["Keripik Tempe Original 100 g"]],
    )
    outlets: list[OutletName] = Field(
        default_factory=list,
        description="The partner outlets proposed; may be empty.",
        examples=[["Indomaret Cikarang Baru"]],
    )


class RequirementCheck(BaseModel):
    """One curation requirement and whether the SME met it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    requirement: Literal["nib", "halal", "pirt_or_bpom", "standard_packaging", "steady_supply"] = (
        Field(
            description=(
                "nib = has a NIB; halal = halal certificate; pirt_or_bpom = PIRT or BPOM number; "
                "standard_packaging = packaging meets the partner's standard; steady_supply = "
                "can supply steadily."
            ),
            examples=["halal"],
        )
    )
    met: bool = Field(description="Whether the SME met it.", examples=[True])
    note: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="The curator's note, e.g. why a requirement was waived; no personal data.",
        examples=["Sertifikat halal BPJPH berlaku s.d. 2026"],
    )


class EligibilityCheck(BaseModel):
    """A programme rule checked at curation besides the partner's requirements."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    check: Literal["scale_class", "not_withdrawn"] = Field(
        description=(
            "scale_class = the SME is an UMKM (mikro, kecil or menengah under PP 7/2021); "
            "not_withdrawn = the SME is still in the programme."
        ),
        examples=["scale_class"],
    )
    met: bool = Field(description="Whether the SME met it.", examples=[True])
    note: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="Why, in short; no personal data.",
        examples=["Kelas usaha mikro (UMKM) / scale class mikro (an UMKM)"],
    )


class PartnershipCurated(Audited):
    """The partner's curation (kurasi) of the SME for a partnership was completed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partnership_id: PartnershipId
    sme_id: SmeId
    requirements: list[RequirementCheck] = Field(
        min_length=1,
        description="The requirements checked, each at most once.",
        examples=[
            [
                {"requirement": "nib", "met": True},
                {"requirement": "halal", "met": True},
                {"requirement": "pirt_or_bpom", "met": True},
                {"requirement": "standard_packaging", "met": True},
                {"requirement": "steady_supply", "met": True},
            ]
        ],
    )
    result: Literal["passed", "failed"] = Field(
        description="The curator's decision.", examples=["passed"]
    )
    curated_at: AwareDatetime = Field(
        description="When the curation was decided.", examples=["2022-08-15T13:00:00+07:00"]
    )
    eligibility: list[EligibilityCheck] = Field(
        default_factory=list,
        description=(
            "Programme rules checked too (the SME's scale class, not withdrawn); a failed one "
            "fails the curation. May be empty in older events."
        ),
    )


class ContactPerson(BaseModel):
    """The SME's contact for the partner's store staff. Personal data (UU 27/2022)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(
        min_length=1,
        max_length=200,
        description="The contact person's name. Personal data (UU 27/2022).",
        examples=["Sari Wulandari"],
    )
    phone: PhoneNumber = Field(
        description="The contact person's phone, E.164 (+62). Personal data (UU 27/2022).",
        examples=["+6281234567890"],
    )


class PartnershipEstablished(Audited):
    """A partnership agreement between a partner and an SME was signed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partnership_id: PartnershipId
    partner_id: PartnerId
    sme_id: SmeId
    pattern: PartnershipPattern
    agreement_number: str = Field(
        min_length=1,
        max_length=100,
        description="Number of the partnership agreement (perjanjian kemitraan).",
        examples=["PKS/IDM-UMKM/032/VIII/2022"],
    )
    start_date: date = Field(description="First day of the agreement.", examples=["2022-09-01"])
    end_date: date | None = Field(
        default=None,
        description="Last day of the agreement, on or after start_date; null if open-ended.",
        examples=["2023-08-31"],
    )
    payment_terms_days: int = Field(
        ge=0, description="Days after delivery within which the partner pays.", examples=[14]
    )
    shelf_space: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The shelf or display space the partner gives, if any.",
        examples=["Rak produk UMKM lokal, 1 baris, 5 gerai Kabupaten Bekasi"],
    )
    contact_person: ContactPerson | None = Field(
        default=None,
        description=(
            "The SME's contact person. Personal data (UU 27/2022): included because the "
            "partner's store staff must reach the SME's contact; do not store beyond the "
            "partnership."
        ),
        examples=[{"name": "Sari Wulandari", "phone": "+6281234567890"}],
    )
    outlets: list[OutletName] = Field(
        default_factory=list,
        description="The partner outlets the agreement covers; may be empty in older events.",
        examples=[["Indomaret Cikarang Baru", "Indomaret Tambun Selatan"]],
    )
    partner_sector: PartnerSector | None = Field(
        default=None,
        description=(
            "What the partner does (e.g. ritel_modern: a modern-retail partnership); null if "
            "not recorded."
        ),
        examples=["ritel_modern"],
    )


class ProductListed(Audited):
    """An SME product was listed with the partner under a partnership."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partnership_id: PartnershipId
    sme_id: SmeId
    product_id: ProductId
    product_name: str = Field(
        min_length=1,
        max_length=200,
        description="The product's name as listed.",
        examples=["Keripik Tempe Original 100 g"],
    )
    unit_price: Rupiah = Field(
        description="Price per unit the partner pays the SME, in whole Rupiah.", examples=[12500]
    )
    listed_on: date = Field(description="First day the product is listed.", examples=["2022-09-05"])
    sku: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="The partner's SKU (stock keeping unit) for the product, if given.",
        examples=["IDM-UMKM-000123"],
    )
    outlets: list[OutletName] = Field(
        default_factory=list,
        description="The outlets the product is listed at; may be empty in older events.",
        examples=[["Indomaret Cikarang Baru"]],
    )


class ProductSalesFigures(BaseModel):
    """One listed product's sales in the month."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    product_id: ProductId
    units_sold: int = Field(ge=0, description="Units of the product sold.", examples=[480])
    gross_sales: Rupiah = Field(
        description="Gross sales of the product, in whole Rupiah.", examples=[6000000]
    )


class SalesReported(Audited):
    """A partner reported one month's sales of the SME's products under a partnership.

    The figures are the month's totals; a later report of the same month (a correction)
    replaces them, never adds to them.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    partnership_id: PartnershipId
    sme_id: SmeId
    period: str = Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="The month reported, YYYY-MM.",
        examples=["2022-09"],
    )
    units_sold: int = Field(ge=0, description="Units sold in the month.", examples=[480])
    gross_sales: Rupiah = Field(
        description="Gross sales in the month, in whole Rupiah.", examples=[6000000]
    )
    products: list[ProductSalesFigures] = Field(
        default_factory=list,
        description=(
            "The month's figures per listed product (they sum to the totals); may be empty in "
            "older events."
        ),
    )


class PartnershipEnded(Audited):
    """A partnership ended."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    partnership_id: PartnershipId
    sme_id: SmeId
    ended_on: date = Field(description="The last day of the partnership.", examples=["2023-08-31"])
    reason: str = Field(
        min_length=1,
        max_length=500,
        description="Why it ended, in short; no personal data.",
        examples=["Masa perjanjian berakhir"],
    )
