"""Events of the registration context (topic `umkm-juara.registration.v1`)."""

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from umkm_shared.contracts.types import (
    KabupatenCode,
    Kbli,
    KecamatanCode,
    Nib,
    NikMasked,
    NikPseudonym,
    SmeId,
)


class OwnerIdentity(BaseModel):
    """The owner's identity as other contexts may see it: pseudonymised, never the raw NIK."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    nik_pseudonym: NikPseudonym
    nik_masked: NikMasked


class SMERegistered(BaseModel):
    """A business joined the program's register."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sme_id: SmeId
    business_name: str = Field(
        min_length=1,
        max_length=200,
        description="Trading name of the business.",
        examples=["Keripik Tempe Bu Sari"],
    )
    nib: Nib | None = Field(default=None, description="NIB if the business has one yet.")
    kbli: Kbli
    kabupaten_code: KabupatenCode
    kecamatan_code: KecamatanCode
    owner: OwnerIdentity = Field(description="The owner, pseudonymised.")
    registered_at: AwareDatetime = Field(
        description="When the office registered the business.",
        examples=["2022-06-20T09:00:00+07:00"],
    )
