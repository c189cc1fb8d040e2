"""Request bodies of the partnership API (answers are the domain's own models)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from partnership.domain import commands
from umkm_shared.contracts.partnership import PartnerSector, PartnershipPattern
from umkm_shared.contracts.types import (
    EmailAddress,
    KabupatenCode,
    KecamatanCode,
    Nib,
    PhoneNumber,
    Rupiah,
    SmeId,
)

Text = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Outlets = list[Text]


class Body(BaseModel):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class ContactRequest(Body):
    """The partner's contact person."""

    name: Text = Field(examples=["Budi Santoso"])
    phone: PhoneNumber
    email: EmailAddress | None = None


class RegisterPartnerRequest(Body):
    """A partner company: name, type, NIB, region and contact person."""

    name: Text = Field(examples=["Indomaret"])
    company_type: Literal["usaha_besar", "usaha_menengah"] = Field(examples=["usaha_besar"])
    sector: PartnerSector
    nib: Nib
    kabupaten_code: KabupatenCode | None = None
    kecamatan_code: KecamatanCode | None = None
    contact_person: ContactRequest

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
        )


class ProposeRequest(Body):
    """A proposal: the SME, one of the ten PP 7/2021 patterns, products and outlets."""

    sme_id: SmeId
    pattern: PartnershipPattern
    products: list[Text] = Field(min_length=1, examples=[["Keripik Tempe Original 100 g"]])
    outlets: Outlets = Field(default_factory=list, examples=[["Indomaret Cikarang Baru"]])

    def command(self) -> commands.ProposePartnership:
        """The domain command."""
        return commands.ProposePartnership(
            self.sme_id, self.pattern, tuple(self.products), tuple(self.outlets)
        )


class CurateRequest(Body):
    """The staff's own checks; the licence items come from what the service knows."""

    standard_packaging: bool = Field(examples=[True])
    steady_supply: bool = Field(examples=[True])

    def command(self) -> commands.CuratePartnership:
        """The domain command."""
        return commands.CuratePartnership(self.standard_packaging, self.steady_supply)


class EstablishRequest(Body):
    """The agreement."""

    agreement_number: Text = Field(examples=["PKS/IDM-UMKM/032/VIII/2022"])
    start_date: date
    end_date: date | None = None
    outlets: Outlets = Field(min_length=1, examples=[["Indomaret Cikarang Baru"]])
    payment_terms_days: int = Field(ge=0, le=365, examples=[14])
    shelf_space: Text | None = None
    no_ownership_or_control: bool = Field(
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

    sku: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        examples=["IDM-UMKM-000123"]
    )
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

    sku: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    units_sold: int = Field(ge=0, examples=[480])
    gross_sales: Rupiah = Field(examples=[6000000])


class ReportSalesRequest(Body):
    """The month's figures per product; reporting a month again replaces its figures."""

    products: list[ProductSalesRequest] = Field(min_length=1)

    def command(self, period: str) -> commands.ReportSales:
        """The domain command."""
        lines = [commands.ProductSales(p.sku, p.units_sold, p.gross_sales) for p in self.products]
        return commands.ReportSales(period, tuple(lines))


class EndRequest(Body):
    """Why the partnership ends (no personal data)."""

    reason: Annotated[str, StringConstraints(min_length=1, max_length=500)] = Field(
        examples=["Masa perjanjian berakhir"]
    )
    ended_on: date | None = None

    def command(self) -> commands.EndPartnership:
        """The domain command."""
        return commands.EndPartnership(self.reason, self.ended_on)
