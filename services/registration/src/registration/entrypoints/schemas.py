"""HTTP request and response bodies of the registration API."""

from pydantic import BaseModel, Field


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
    nib: str | None = Field(default=None, examples=["9120001234567"])


class SmeView(BaseModel):
    """An SME as the API shows it: the NIK masked, never in full."""

    sme_id: str
    business_name: str
    nib: str | None = None
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    nik_masked: str
    version: int


class FieldProblem(BaseModel):
    """One field's problem, Indonesian first."""

    field: str
    pesan: str
    message: str


class ErrorBody(BaseModel):
    """Error response: a summary and, for invalid input, one entry per field."""

    detail: str
    errors: list[FieldProblem] = []
    existing_sme_id: str | None = None
