"""Human labels, in Bahasa Indonesia (`id`) and English (`en`), of every closed vocabulary.

The values come from the contracts (`vocabularies`, the contract `Literal`s), never copied:
`VOCABULARIES` names each vocabulary's values as the contracts define them, and a test checks
that `LABELS` labels every one of them in both languages. Adding a value to a contract without
its labels fails that test. Three vocabularies are the read side's own (a cohort's status, an
SME's status and a partnership's status as reporting derives them): they are defined here.
"""

from types import UnionType
from typing import Literal, Union, get_args, get_origin

from umkm_shared.contracts.mentoring_progress import MentorSessionLogged, MilestoneAchieved
from umkm_shared.contracts.partnership import PartnerRegistered, PartnerSector
from umkm_shared.contracts.registration import ConsentPurpose
from umkm_shared.contracts.vocabularies import (
    DIMENSIONS,
    MILESTONES,
    PARTNERSHIP_PATTERNS,
    SCALE_CLASSES,
    SESSION_TOPICS,
)

CohortStatus = Literal["open", "closed"]
SmeStatus = Literal["active", "withdrawn"]
PartnershipStatus = Literal["proposed", "curated", "curation_failed", "active", "ended"]


def values_of(annotation: object) -> tuple[str, ...]:
    """The values of a `Literal`, bare, in `Annotated`, or in a union with None."""
    if hasattr(annotation, "__metadata__"):
        return values_of(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        return tuple(v for arg in get_args(annotation) for v in values_of(arg))
    if get_origin(annotation) is Literal:
        return tuple(str(v) for v in get_args(annotation))
    return ()


VOCABULARIES: dict[str, tuple[str, ...]] = {
    "scale_class": SCALE_CLASSES,
    "dimension": DIMENSIONS,
    "milestone": MILESTONES,
    "session_topic": SESSION_TOPICS,
    "session_mode": values_of(MentorSessionLogged.model_fields["mode"].annotation),
    "financing_source": values_of(MilestoneAchieved.model_fields["financing_source"].annotation),
    "partnership_pattern": PARTNERSHIP_PATTERNS,
    "partner_sector": values_of(PartnerSector),
    "company_type": values_of(PartnerRegistered.model_fields["company_type"].annotation),
    "consent_purpose": values_of(ConsentPurpose),
    "cohort_status": values_of(CohortStatus),
    "sme_status": values_of(SmeStatus),
    "partnership_status": values_of(PartnershipStatus),
}
"""Each closed vocabulary's values, as the contracts (or the read side) define them."""

Label = dict[str, str]
"""{"id": Bahasa Indonesia, "en": English}."""


def _l(indonesian: str, english: str) -> Label:
    return {"id": indonesian, "en": english}


LABELS: dict[str, dict[str, Label]] = {
    "scale_class": {
        "mikro": _l("Usaha mikro", "Micro enterprise"),
        "kecil": _l("Usaha kecil", "Small enterprise"),
        "menengah": _l("Usaha menengah", "Medium enterprise"),
        "besar": _l("Usaha besar", "Large enterprise"),
    },
    "dimension": {
        "scale_class": _l(
            "Naik kelas skala usaha (PP 7/2021)", "Moved up a scale class (PP 7/2021)"
        ),
        "licensing_certification": _l(
            "Perizinan dan sertifikasi (NIB, halal, PIRT, BPOM)",
            "Licensing and certification (NIB, halal, PIRT, BPOM)",
        ),
        "retail_partnership": _l("Kemitraan ritel modern", "Modern-retail partnership"),
        "financing": _l(
            "Akses pembiayaan (KUR, kredit bank)", "Access to financing (KUR, bank credit)"
        ),
        "formal_licensing": _l("Legalitas usaha (NIB)", "Formal licensing (NIB)"),
        "certification": _l("Sertifikasi (halal, PIRT, BPOM)", "Certification (halal, PIRT, BPOM)"),
        "digital_onboarding": _l("Masuk marketplace", "Digital onboarding (marketplace)"),
        "export_readiness": _l("Siap ekspor", "Export readiness"),
        "jobs_added": _l("Penambahan tenaga kerja", "Jobs added"),
    },
    "milestone": {
        "nib_obtained": _l("NIB diperoleh", "NIB obtained"),
        "halal_certified": _l("Bersertifikat halal", "Halal certified"),
        "pirt_certified": _l("Izin PIRT diperoleh", "PIRT licence obtained"),
        "bpom_certified": _l("Izin edar BPOM diperoleh", "BPOM registration obtained"),
        "marketplace_onboarded": _l("Bergabung di marketplace", "Onboarded to a marketplace"),
        "financing_obtained": _l("Memperoleh pembiayaan", "Financing obtained"),
        "export_ready": _l("Siap ekspor", "Export ready"),
        "jobs_added": _l("Menambah tenaga kerja", "Jobs added"),
    },
    "session_topic": {
        "manajemen_usaha": _l("Manajemen usaha", "Business management"),
        "pemasaran": _l("Pemasaran", "Marketing"),
        "kemasan": _l("Kemasan", "Packaging"),
        "digitalisasi": _l("Digitalisasi", "Digitalisation"),
        "keuangan_akses_pembiayaan": _l(
            "Keuangan dan akses pembiayaan", "Finance and access to financing"
        ),
        "legalitas_sertifikasi": _l("Legalitas dan sertifikasi", "Licensing and certification"),
        "produksi": _l("Produksi", "Production"),
        "ekspor": _l("Ekspor", "Export"),
    },
    "session_mode": {
        "tatap_muka": _l("Tatap muka", "In person"),
        "daring": _l("Daring", "Online"),
    },
    "financing_source": {
        "kur": _l("KUR (Kredit Usaha Rakyat)", "KUR (people's business credit)"),
        "bank_credit": _l("Kredit bank", "Bank credit"),
        "other": _l("Lainnya", "Other"),
    },
    "partnership_pattern": {
        "inti_plasma": _l("Inti-plasma", "Nucleus-plasma"),
        "subkontrak": _l("Subkontrak", "Subcontracting"),
        "waralaba": _l("Waralaba", "Franchise"),
        "perdagangan_umum": _l("Perdagangan umum", "General trade"),
        "distribusi_dan_keagenan": _l("Distribusi dan keagenan", "Distribution and agency"),
        "rantai_pasok": _l("Rantai pasok", "Supply chain"),
        "bagi_hasil": _l("Bagi hasil", "Profit sharing"),
        "kerja_sama_operasional": _l("Kerja sama operasional", "Joint operation"),
        "usaha_patungan": _l("Usaha patungan", "Joint venture"),
        "penyumberluaran": _l("Penyumberluaran", "Outsourcing"),
    },
    "partner_sector": {
        "ritel_modern": _l("Ritel modern", "Modern retail"),
        "manufaktur": _l("Manufaktur", "Manufacturing"),
        "eksportir": _l("Eksportir", "Exporter"),
        "lainnya": _l("Lainnya", "Other"),
    },
    "company_type": {
        "usaha_besar": _l("Usaha besar", "Large enterprise"),
        "usaha_menengah": _l("Usaha menengah", "Medium enterprise"),
    },
    "consent_purpose": {
        "bank_jabar_mentoring_feed": _l(
            "Data pendampingan untuk Bank Jabar", "Mentoring feed to Bank Jabar"
        ),
    },
    "cohort_status": {
        "open": _l("Berjalan", "Open"),
        "closed": _l("Selesai", "Closed"),
    },
    "sme_status": {
        "active": _l("Aktif", "Active"),
        "withdrawn": _l("Mengundurkan diri", "Withdrawn"),
    },
    "partnership_status": {
        "proposed": _l("Diusulkan", "Proposed"),
        "curated": _l("Lolos kurasi", "Curated"),
        "curation_failed": _l("Tidak lolos kurasi", "Failed curation"),
        "active": _l("Aktif", "Active"),
        "ended": _l("Berakhir", "Ended"),
    },
}
"""Vocabulary → value → its labels; covers every value of VOCABULARIES (tested)."""


def label(vocabulary: str, value: str | None, lang: Literal["id", "en"] = "id") -> str:
    """A value's label (the value itself if unlabelled; empty for None)."""
    if value is None:
        return ""
    return LABELS.get(vocabulary, {}).get(value, {}).get(lang, value)
