"""Field types reused across the catalogue, each with a pattern, description and example."""

from typing import Annotated, Literal

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
DesaCode = Annotated[
    str,
    StringConstraints(pattern=r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
    Field(description="Kemendagri code of the desa/kelurahan.", examples=["32.16.01.2001"]),
]
RuleVersion = Annotated[
    str,
    StringConstraints(min_length=1, max_length=50),
    Field(
        description="Version of the PP 7/2021 classification rule applied.",
        examples=["PP7-2021.v1"],
    ),
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
Rupiah = Annotated[
    int,
    Field(
        ge=0,
        description="Amount in whole Rupiah (IDR), integer.",
        examples=[250000000],
    ),
]
ScaleClass = Annotated[
    Literal["mikro", "kecil", "menengah", "besar"],
    Field(
        description=(
            "Size class under PP 7/2021 Pasal 35 (mikro, kecil, menengah; besar above menengah), "
            "computed from business capital and annual sales under a named rule version."
        ),
        examples=["mikro"],
    ),
]
PhoneNumber = Annotated[
    str,
    StringConstraints(pattern=r"^\+62\d{8,13}$"),
    Field(
        description="Indonesian phone number in E.164 form (+62, no spaces).",
        examples=["+6281234567890"],
    ),
]
EmailAddress = Annotated[
    str,
    StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254),
    Field(description="E-mail address.", examples=["keripiktempe.busari@example.com"]),
]
CoordinatorId = Annotated[
    str,
    StringConstraints(pattern=r"^coordinator-[0-9a-f]{12}$"),
    Field(
        description="A coordinator: the `coordinator_id` claim of the coordinator's account.",
        examples=["coordinator-00000000c001"],
    ),
]
MentorId = Annotated[
    str,
    StringConstraints(pattern=r"^mentor-[0-9a-f]{12}$"),
    Field(description="Platform id of a mentor (pendamping).", examples=["mentor-3a8c1e5f7b20"]),
]
CohortId = Annotated[
    str,
    StringConstraints(pattern=r"^cohort-[0-9a-f]{12}$"),
    Field(
        description="Platform id of a program cohort (one kabupaten/kota, one year).",
        examples=["cohort-2022b3c4d5e6"],
    ),
]
PartnerId = Annotated[
    str,
    StringConstraints(pattern=r"^partner-[0-9a-f]{12}$"),
    Field(
        description="Platform id of a partner company (usaha besar/menengah).",
        examples=["partner-9d4e2f1a0c37"],
    ),
]
PartnershipId = Annotated[
    str,
    StringConstraints(pattern=r"^partnership-[0-9a-f]{12}$"),
    Field(
        description="Platform id of one partnership (kemitraan) between a partner and an SME.",
        examples=["partnership-51c0e8a2b7d4"],
    ),
]
SessionId = Annotated[
    str,
    StringConstraints(pattern=r"^session-[0-9a-f]{12}$"),
    Field(
        description="Platform id of one logged mentoring session.",
        examples=["session-7e2b9c4d1f08"],
    ),
]
ProductId = Annotated[
    str,
    StringConstraints(pattern=r"^product-[0-9a-f]{12}$"),
    Field(
        description="Platform id of an SME product listed with a partner.",
        examples=["product-c2d4e6f8a0b1"],
    ),
]
EvidenceRef = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(
        description="Reference to evidence kept by the program, e.g. a document id or URL.",
        examples=["doc://dinas-kukm-bekasi/2022/sertifikat-halal-0042"],
    ),
]
BankSmeRef = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{64}$"),
    Field(
        description=(
            "Keyed pseudonym of the SME (HMAC-SHA256 of the SME id, hex) for Bank Jabar: stable "
            "for the bank, not reversible without the platform's key."
        ),
        examples=["c4f1a9e07b3d5c2816e0f4a7b9d1c3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7"],
    ),
]
SessionTopic = Annotated[
    Literal[
        "manajemen_usaha",
        "pemasaran",
        "kemasan",
        "digitalisasi",
        "keuangan_akses_pembiayaan",
        "legalitas_sertifikasi",
        "produksi",
        "ekspor",
    ],
    Field(
        description=(
            "Mentoring topic: business management, marketing, packaging, digitalisation, "
            "finance and access to financing, licensing and certification, production, export."
        ),
        examples=["legalitas_sertifikasi"],
    ),
]
Milestone = Annotated[
    Literal[
        "nib_obtained",
        "halal_certified",
        "pirt_certified",
        "bpom_certified",
        "marketplace_onboarded",
        "financing_obtained",
        "export_ready",
        "jobs_added",
    ],
    Field(
        description=(
            "A 'naik kelas' progress milestone: licensing (NIB), certification (halal, PIRT, "
            "BPOM), marketplace onboarding, financing (KUR, bank credit), export readiness, "
            "jobs added."
        ),
        examples=["halal_certified"],
    ),
]
