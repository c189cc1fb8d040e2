"""Field types reused across the catalogue, each with a pattern, description and example."""

from typing import Annotated

from pydantic import Field, StringConstraints

SmeId = Annotated[
    str,
    StringConstraints(pattern=r"^sme-[0-9a-f]{12}$"),
    Field(description="Platform id of an SME (UMKM).", examples=["sme-6f1d2c3b4a59"]),
]
Nib = Annotated[
    str,
    StringConstraints(pattern=r"^\d{13}$"),
    Field(
        description="NIB (Nomor Induk Berusaha) from OSS RBA: 13 digits.",
        examples=["9120001234567"],
    ),
]
Kbli = Annotated[
    str,
    StringConstraints(pattern=r"^\d{5}$"),
    Field(description="KBLI 2020 business classification, 5 digits.", examples=["10792"]),
]
KabupatenCode = Annotated[
    str,
    StringConstraints(pattern=r"^\d{2}\.\d{2}$"),
    Field(description="Kemendagri code of the kabupaten/kota.", examples=["32.16"]),
]
KecamatanCode = Annotated[
    str,
    StringConstraints(pattern=r"^\d{2}\.\d{2}\.\d{2}$"),
    Field(description="Kemendagri code of the kecamatan.", examples=["32.16.01"]),
]
NikPseudonym = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{64}$"),
    Field(
        description="Keyed pseudonym of the owner's NIK (HMAC-SHA256, hex). Never the NIK itself.",
        examples=["5b1e0f6c0f0c4c8e9a1d2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70"],
    ),
]
NikMasked = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}\*{8}\d{4}$"),
    Field(
        description="The owner's NIK with its middle 8 digits masked.",
        examples=["3216********0001"],
    ),
]
