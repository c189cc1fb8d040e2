"""Documents of the program's reference entities: mentors, cohorts and partners."""

from pydantic import BaseModel

from reporting.domain.values import Doc, iso_time
from umkm_shared.contracts.mentoring import CohortClosed, CohortOpened, MentorRegistered
from umkm_shared.contracts.partnership import PartnerRegistered


def fold_reference(current: Doc | None, data: BaseModel) -> Doc:
    """The reference document after its registering event (later versions overwrite)."""
    doc = dict(current) if current is not None else {}
    if isinstance(data, MentorRegistered):
        doc.update(
            _id=data.mentor_id,
            name=data.name,
            kabupaten_code=data.kabupaten_code,
            expertise=sorted(data.expertise),
        )
    elif isinstance(data, CohortOpened):
        doc.update(
            _id=data.cohort_id,
            name=data.name,
            kabupaten_code=data.kabupaten_code,
            start_date=data.start_date.isoformat(),
            end_date=data.end_date.isoformat(),
            target_graduates=data.target_graduates,
            mentor_norm=data.mentor_norm,
        )
        doc.setdefault("status", "open")
        doc.setdefault("closed_on", None)
        doc.setdefault("closed_at", None)
    elif isinstance(data, CohortClosed):
        # Cohort events share one subject, in order: the opening is folded in already.
        doc.update(
            _id=data.cohort_id,
            kabupaten_code=data.kabupaten_code,
            status="closed",
            closed_on=data.closed_on.isoformat(),
            closed_at=iso_time(data.closed_at),
            enrolled_at_close=data.enrolled,
            graduated_at_close=data.graduated,
        )
    elif isinstance(data, PartnerRegistered):
        doc.update(
            _id=data.partner_id,
            name=data.name,
            company_type=data.company_type,
            sector=data.sector,
            kabupaten_code=data.kabupaten_code,
        )
    return doc
