"""Request bodies of the partnership API (answers are the domain's own models).

At least as strict as the contracts their events become (`tests/unit/partnership/
test_request_bounds.py` proves it field by field): bounded text without control characters or
NIKs, West Java regions only, strict booleans and numbers, amounts BSON can store.
"""

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt

from partnership.domain import commands
from umkm_shared.contracts.partnership import (
    PartnerCompanyType,
    PartnerSector,
    PartnershipPattern,
)
from umkm_shared.contracts.types import (
    EmailAddress,
    KecamatanCode,
    Nib,
    PartnerId,
    PhoneNumber,
    SmeId,
)
from umkm_shared.regions import WestJavaKabupatenCode, is_west_java_kabupaten
from umkm_shared.text import FreeText, Name, refusal

MAX_RUPIAH = 10**15 - 1  # 15 digits: a 422 naming it shows no NIK-shaped number
"""A quadrillion Rupiah: far above any SME's sales, far below what BSON's int64 holds."""
Text = Name
Outlets = Annotated[list[Name], Field(max_length=500)]
Rupiah = Annotated[StrictInt, Field(ge=0, le=MAX_RUPIAH, description="Whole Rupiah (IDR).")]
Sku = Annotated[str, FreeText(64, min_length=1, strip=True)]


def _in_west_java(code: str) -> str:
    if not is_west_java_kabupaten(code[:5]):
        raise refusal(
            "kecamatan_outside_west_java",
            "Kode kecamatan harus di salah satu kabupaten/kota Jawa Barat (32.xx.xx).",
            "kecamatan_code must lie in one of West Java's kabupaten/kota (32.xx.xx).",
        )
    return code


WestJavaKecamatanCode = Annotated[KecamatanCode, AfterValidator(_in_west_java)]


class Body(BaseModel):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class ContactRequest(Body):
    """The partner's contact person."""

    name: Text = Field(examples=["Budi Santoso"])
    phone: PhoneNumber
    email: Annotated[EmailAddress, FreeText(254, min_length=3)] | None = None


class RegisterPartnerRequest(Body):
    """A partner company: name, type, NIB, region and contact person."""

    name: Text = Field(examples=["Indomaret"])
    company_type: PartnerCompanyType
    sector: PartnerSector
    nib: Nib
    kabupaten_code: WestJavaKabupatenCode | None = None
    kecamatan_code: WestJavaKecamatanCode | None = None
    contact_person: ContactRequest
    partner_id: PartnerId | None = Field(
        default=None,
        description="The id the partner's identity-provider accounts carry in their "
        "`partner_id` claim (provincial admin only); a new one when absent.",
    )

    def command(self) -> commands.RegisterPartner:
        """The domain command."""
        c = self.contact_person
        return commands.RegisterPartner(
            name=self.name,
            company_type=self.company_type,
            sector=self.sector,
            nib=self.nib,
            kabupaten_code=self.kabupaten_code,
            kecamatan_code=self.kecamatan_code,
            contact_person=commands.ContactPerson(c.name, c.phone, c.email),
            partner_id=self.partner_id,
        )


class ProposeRequest(Body):
    """A proposal: the SME, one of the ten PP 7/2021 patterns, products and outlets."""

    sme_id: SmeId
    pattern: PartnershipPattern
    products: list[Text] = Field(
        min_length=1, max_length=100, examples=[["Keripik Tempe Original 100 g"]]
    )
    outlets: Outlets = Field(default_factory=list, examples=[["Indomaret Cikarang Baru"]])

    def command(self) -> commands.ProposePartnership:
        """The domain command."""
        return commands.ProposePartnership(
            self.sme_id, self.pattern, tuple(self.products), tuple(self.outlets)
        )


class CurateRequest(Body):
    """The staff's own checks; the licence items come from what the service knows."""

    standard_packaging: StrictBool = Field(examples=[True])
    steady_supply: StrictBool = Field(examples=[True])

    def command(self) -> commands.CuratePartnership:
        """The domain command."""
        return commands.CuratePartnership(self.standard_packaging, self.steady_supply)


class EstablishRequest(Body):
    """The agreement."""

    agreement_number: Annotated[str, FreeText(100, min_length=1, strip=True)] = Field(
        examples=["PKS/IDM-UMKM/032/VIII/2022"]
    )
    start_date: date
    end_date: date | None = None
    outlets: Outlets = Field(min_length=1, examples=[["Indomaret Cikarang Baru"]])
    payment_terms_days: StrictInt = Field(ge=0, le=365, examples=[14])
    shelf_space: Text | None = None
    no_ownership_or_control: StrictBool = Field(
        description="The partner declares it does not own or control the UMKM (PP 7/2021).",
        examples=[True],
    )

    def command(self) -> commands.EstablishPartnership:
        """The domain command."""
        return commands.EstablishPartnership(
            agreement_number=self.agreement_number,
            start_date=self.start_date,
            end_date=self.end_date,
            outlets=tuple(self.outlets),
            payment_terms_days=self.payment_terms_days,
            no_ownership_or_control=self.no_ownership_or_control,
            shelf_space=self.shelf_space,
        )


class ListProductRequest(Body):
    """A product to list, or a listed SKU again (a new price, say)."""

    sku: Sku = Field(examples=["IDM-UMKM-000123"])
    name: Text = Field(examples=["Keripik Tempe Original 100 g"])
    unit_price: Rupiah = Field(examples=[12500])
    outlets: Outlets = Field(min_length=1, examples=[["Indomaret Cikarang Baru"]])
    listed_on: date | None = None

    def command(self) -> commands.ListProduct:
        """The domain command."""
        return commands.ListProduct(
            self.sku, self.name, self.unit_price, tuple(self.outlets), self.listed_on
        )


class ProductSalesRequest(Body):
    """One product's month."""

    sku: Sku
    units_sold: StrictInt = Field(ge=0, le=10**12, examples=[480])
    gross_sales: Rupiah = Field(examples=[6000000])


class ReportSalesRequest(Body):
    """The month's figures per product; reporting a month again replaces its figures."""

    products: list[ProductSalesRequest] = Field(min_length=1, max_length=500)

    def command(self, period: str) -> commands.ReportSales:
        """The domain command."""
        lines = [commands.ProductSales(p.sku, p.units_sold, p.gross_sales) for p in self.products]
        return commands.ReportSales(period, tuple(lines))


class EndRequest(Body):
    """Why the partnership ends (no personal data)."""

    reason: Annotated[str, FreeText(500, min_length=1, multiline=True, strip=True)] = Field(
        examples=["Masa perjanjian berakhir"]
    )
    ended_on: date | None = None

    def command(self) -> commands.EndPartnership:
        """The domain command."""
        return commands.EndPartnership(self.reason, self.ended_on)
