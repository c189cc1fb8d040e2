"""Events of one SME's whole journey across the three topics, for the reporting tests (no I/O)."""

from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel

from umkm_shared.contracts.mentoring import (
    CohortOpened,
    MentorAssigned,
    MentorRegistered,
    SMEEnrolled,
)
from umkm_shared.contracts.mentoring_progress import (
    GraduationDimension,
    MentorSessionLogged,
    MilestoneAchieved,
    SMEGraduated,
)
from umkm_shared.contracts.partnership import (
    PartnerRegistered,
    PartnershipEstablished,
    PartnershipProposed,
    ProductListed,
    ProductSalesFigures,
    SalesReported,
)
from umkm_shared.contracts.registration import (
    FinancialFigures,
    OwnerIdentity,
    SMERegistered,
    SMEScaleChanged,
)
from umkm_shared.contracts.topics import Context

Versioned = tuple[Context, BaseModel, int]
"""An event payload, its topic's context, and its aggregate version."""

COHORT = "cohort-2022b3c4d5e6"
START = datetime(2022, 6, 20, 2, 0, tzinfo=UTC)
RETAILERS = ("Indomaret", "Alfamart", "Alfamidi", "Hypermart", "Papaya Mart")
"""The modern retailers partnering in Kabupaten Bekasi (Perbup 73/2020)."""
PATTERNS = ("perdagangan_umum", "rantai_pasok")


def partner_id(index: int) -> str:
    """The id of the index-th retailer."""
    return f"partner-{index:012x}"


def partner_events() -> list[Versioned]:
    """The five retailers joining the program."""
    return [
        (
            Context.PARTNERSHIP,
            PartnerRegistered(
                partner_id=partner_id(i),
                name=name,
                company_type="usaha_besar",
                kabupaten_code="32.16",
                sector="ritel_modern",
            ),
            1,
        )
        for i, name in enumerate(RETAILERS)
    ]


def reference_events(mentors: int = 1, target: int = 162) -> list[Versioned]:
    """The cohort, its mentors and the five retailers."""
    events: list[Versioned] = [
        (
            Context.MENTORING,
            CohortOpened(
                cohort_id=COHORT,
                name="UMKM Juara 2022 Kabupaten Bekasi",
                kabupaten_code="32.16",
                start_date=date(2022, 6, 20),
                end_date=date(2022, 10, 20),
                target_graduates=target,
                mentor_norm=27,
            ),
            1,
        ),
        *partner_events(),
    ]
    events += [
        (
            Context.MENTORING,
            MentorRegistered(
                mentor_id=mentor_id(m),
                name=f"Pendamping {m + 1}",
                kabupaten_code="32.16",
                expertise=["pemasaran", "digitalisasi"],
            ),
            1,
        )
        for m in range(mentors)
    ]
    return events


def mentor_id(index: int) -> str:
    """The id of the index-th mentor."""
    return f"mentor-{index:012x}"


def sme_id(index: int) -> str:
    """The id of the index-th SME."""
    return f"sme-{index:012x}"


def sme_journey(
    index: int,
    sessions: int = 3,
    graduate: bool = True,
    partner: bool = True,
    today: date | None = None,
) -> dict[Context, list[Versioned]]:
    """Every event of one SME, per topic, in its topic's order (versions from 1)."""
    sid = sme_id(index)
    kec = f"32.16.{index % 23 + 1:02d}"
    mentor = mentor_id(index % 6)
    first_day = (today - timedelta(days=sessions)) if today else date(2022, 7, 1)
    registration: list[BaseModel] = [
        SMERegistered(
            sme_id=sid,
            business_name=f"Usaha Contoh {index}",
            nib=None,
            kbli="10792",
            kabupaten_code="32.16",
            kecamatan_code=kec,
            owner=OwnerIdentity(nik_pseudonym="a" * 64, nik_masked="3216********0001"),
            financials=FinancialFigures(
                business_capital=250_000_000,
                annual_sales=480_000_000,
                employees=4,
                as_of=date(2022, 6, 1),
            ),
            scale_class="mikro",
            scale_rule_version="PP7-2021.v1",
            registered_at=START + timedelta(days=index % 5),
        )
    ]
    if graduate:
        registration.append(
            SMEScaleChanged(
                sme_id=sid,
                from_class="mikro",
                to_class="kecil",
                business_capital=1_500_000_000,
                annual_sales=2_600_000_000,
                figures_as_of=date(2022, 9, 30),
                rule_version="PP7-2021.v1",
            )
        )
    mentoring: list[BaseModel] = [
        SMEEnrolled(cohort_id=COHORT, sme_id=sid, enrolled_at=START + timedelta(hours=1)),
        MentorAssigned(
            cohort_id=COHORT, sme_id=sid, mentor_id=mentor, assigned_at=START + timedelta(days=1)
        ),
    ]
    mentoring += [
        MentorSessionLogged(
            session_id=f"session-{index:06x}{s:06x}",
            cohort_id=COHORT,
            sme_id=sid,
            mentor_id=mentor,
            session_date=first_day + timedelta(days=s),
            duration_minutes=90,
            mode="tatap_muka",
            topics=["pemasaran", "kemasan"] if s % 2 else ["digitalisasi"],
        )
        for s in range(sessions)
    ]
    if sessions > 1:
        mentoring.append(
            MentorSessionLogged(  # corrects the first session: count unchanged
                session_id=f"session-{index:06x}ffffff",
                cohort_id=COHORT,
                sme_id=sid,
                mentor_id=mentor,
                session_date=first_day,
                duration_minutes=120,
                mode="daring",
                topics=["keuangan_akses_pembiayaan"],
                corrects_session_id=f"session-{index:06x}{0:06x}",
            )
        )
    if graduate:
        mentoring.append(
            MilestoneAchieved(
                cohort_id=COHORT,
                sme_id=sid,
                milestone="halal_certified",
                achieved_on=date(2022, 8, 12),
                evidence="doc://dinas/halal-1",
            )
        )
        mentoring.append(
            SMEGraduated(
                cohort_id=COHORT,
                sme_id=sid,
                graduated_on=date(2022, 10, 20),
                dimensions=[
                    GraduationDimension(
                        dimension="scale_class",
                        before="mikro",
                        after="kecil",
                        evidence=["doc://dinas/lapkeu-1"],
                    )
                ],
                sessions_logged=sessions,
                policy_version="graduation.v1",
                decided_by="policy",
            )
        )
    partnership = partnership_events(index, sid) if partner else []
    return {
        Context.REGISTRATION: [(Context.REGISTRATION, e, v) for v, e in enumerate(registration, 1)],
        Context.MENTORING: [(Context.MENTORING, e, v) for v, e in enumerate(mentoring, 1)],
        Context.PARTNERSHIP: [(Context.PARTNERSHIP, e, v) for v, e in enumerate(partnership, 1)],
    }


def partnership_events(index: int, sid: str) -> list[BaseModel]:
    """One SME's partnership with the (index % 5)-th retailer: proposed to its first sales."""
    pid, retailer = f"partnership-{index:012x}", partner_id(index % len(RETAILERS))
    pattern = PATTERNS[index // len(RETAILERS) % len(PATTERNS)]
    outlet = f"{RETAILERS[index % len(RETAILERS)]} Cikarang Baru"
    product = f"product-{index:012x}"
    return [
        PartnershipProposed(
            partnership_id=pid,
            partner_id=retailer,
            sme_id=sid,
            pattern=pattern,
            proposed_at=START + timedelta(days=40),
            products=["Keripik 100 g"],
            outlets=[outlet],
        ),
        PartnershipEstablished(
            partnership_id=pid,
            partner_id=retailer,
            sme_id=sid,
            pattern=pattern,
            agreement_number=f"PKS/{index}",
            start_date=date(2022, 9, 1),
            payment_terms_days=14,
            outlets=[outlet],
            partner_sector="ritel_modern",
        ),
        ProductListed(
            partnership_id=pid,
            sme_id=sid,
            product_id=product,
            product_name="Keripik 100 g",
            unit_price=12_500,
            listed_on=date(2022, 9, 5),
            sku=f"SKU-{index:06d}",
            outlets=[outlet],
        ),
        SalesReported(
            partnership_id=pid,
            sme_id=sid,
            period="2022-09",
            units_sold=480,
            gross_sales=6_000_000,
            products=[
                ProductSalesFigures(product_id=product, units_sold=480, gross_sales=6_000_000)
            ],
        ),
    ]


def cohort_events(smes: int, mentors: int, today: date | None = None) -> list[Versioned]:
    """A whole cohort: references first, then each SME's topics one after another."""
    events = reference_events(mentors)
    for i in range(smes):
        journey = sme_journey(
            i, sessions=i % 5, graduate=i % 3 == 0, partner=i % 4 == 0, today=today
        )
        events += [e for topic in journey.values() for e in topic]
    return events
