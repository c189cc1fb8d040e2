"""Valid contract payloads about one SME, by kind; ids are numbered so they are reproducible."""

import hashlib
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel

from umkm_shared.contracts.mentoring import MentorAssigned, SMEEnrolled
from umkm_shared.contracts.mentoring_progress import MentorSessionLogged, MilestoneAchieved
from umkm_shared.contracts.registration import (
    FinancialFigures,
    OwnerIdentity,
    SMEConsentChanged,
    SMEProfileUpdated,
    SMERegistered,
    SMEScaleChanged,
)

COHORT_SIZE, MENTOR_NORM = 162, 27
KBLI = ("10792", "47111", "56101", "13134", "10710", "14111")
MILESTONES = ("nib_obtained", "halal_certified", "pirt_certified", "marketplace_onboarded")
TOPICS = ("pemasaran", "kemasan", "digitalisasi", "keuangan_akses_pembiayaan")


def sme_id(i: int) -> str:
    """The id of SME number `i`."""
    return f"sme-{i:012x}"


def cohort_id(c: int) -> str:
    """The id of cohort number `c`."""
    return f"cohort-{c:012x}"


def mentor_id(m: int) -> str:
    """The id of mentor number `m`."""
    return f"mentor-{m:012x}"


def _day(n: int) -> date:
    return datetime.now(UTC).date() - timedelta(days=n)


def _figures(i: int, grown: bool = False) -> FinancialFigures:
    factor = 8 if grown else 1
    return FinancialFigures(
        business_capital=(i % 40 + 1) * 10_000_000 * factor,
        annual_sales=(i % 60 + 1) * 20_000_000 * factor,
        employees=i % 12,
        as_of=_day(30),
    )


def registered(i: int) -> SMERegistered:
    """SME `i` joined the register (Kabupaten Bekasi, one of its 23 kecamatan)."""
    return SMERegistered(
        sme_id=sme_id(i),
        business_name=f"UMKM Binaan {i:05d}",
        nib=f"91{i:011d}",
        kbli=KBLI[i % len(KBLI)],
        kabupaten_code="32.16",
        kecamatan_code=f"32.16.{i % 23 + 1:02d}",
        owner=OwnerIdentity(
            nik_pseudonym=hashlib.sha256(f"nik-{i}".encode()).hexdigest(),
            nik_masked=f"3216********{i % 10_000:04d}",
        ),
        financials=_figures(i),
        scale_class="mikro",
        scale_rule_version="PP7-2021.v1",
        registered_at=datetime.now(UTC) - timedelta(days=200),
    )


def _where(i: int) -> tuple[str, str]:
    return cohort_id(i // COHORT_SIZE), mentor_id(i // MENTOR_NORM)


def build(kind: str, i: int, serial: int) -> BaseModel:
    """The payload of one event of `kind` about SME `i`; `serial` makes ids unique."""
    cohort, mentor = _where(i)
    now = datetime.now(UTC)
    if kind == "registered":
        return registered(i)
    if kind == "enrolled":
        return SMEEnrolled(cohort_id=cohort, sme_id=sme_id(i), enrolled_at=now)
    if kind == "assigned":
        return MentorAssigned(cohort_id=cohort, sme_id=sme_id(i), mentor_id=mentor, assigned_at=now)
    if kind == "session":
        return MentorSessionLogged(
            session_id=f"session-{serial:012x}",
            cohort_id=cohort,
            sme_id=sme_id(i),
            mentor_id=mentor,
            session_date=_day(serial % 90 + 1),
            duration_minutes=90,
            mode="tatap_muka",
            topics=[TOPICS[serial % 4], TOPICS[(serial + 1) % 4]],
        )
    if kind == "milestone":
        return MilestoneAchieved(
            cohort_id=cohort,
            sme_id=sme_id(i),
            milestone=MILESTONES[serial % len(MILESTONES)],
            achieved_on=_day(serial % 60 + 1),
            evidence=f"doc://bench/{serial}",
        )
    return _registration_change(kind, i, now)


def _registration_change(kind: str, i: int, now: datetime) -> BaseModel:
    if kind == "profile":
        return SMEProfileUpdated(sme_id=sme_id(i), financials=_figures(i + 1), scale_class="mikro")
    if kind == "scale":
        grown = _figures(i, grown=True)
        return SMEScaleChanged(
            sme_id=sme_id(i),
            from_class="mikro",
            to_class="kecil",
            business_capital=grown.business_capital,
            annual_sales=grown.annual_sales,
            figures_as_of=grown.as_of,
            rule_version="PP7-2021.v1",
        )
    return SMEConsentChanged(
        sme_id=sme_id(i),
        purpose="bank_jabar_mentoring_feed",
        granted=True,
        legal_basis="persetujuan (UU 27/2022 Pasal 20 ayat 2 huruf a)",
        changed_at=now,
    )
