"""Cohorts and mentors: opened, closed, registered. Pure decisions returning events."""

from datetime import date, datetime
from typing import Literal

from mentoring.domain.commands import OpenCohort, RegisterMentor
from mentoring.domain.errors import ConflictError, InvalidError, in_the_future, outside_cohort
from mentoring.domain.events import CohortClosed, CohortOpened, MentorRegistered
from mentoring.domain.values import Topic, Value
from umkm_shared.programme_time import programme_day


class Cohort(Value):
    """A program cohort in one kabupaten/kota, between two dates."""

    cohort_id: str
    name: str
    kabupaten_code: str
    start_date: date
    end_date: date
    target_graduates: int
    mentor_norm: int
    status: Literal["open", "closing", "closed"] = "open"
    """`closing`: commands are refused while its SMEs are frozen, then it is `closed`."""
    closed_on: date | None = None
    """The cohort's last day once closing: `end_date`, or the closing day if closed early."""
    coordinator_ids: tuple[str, ...] = ()
    """Who coordinates it (their `coordinator_id` claims); none on cohorts opened before."""

    def require_open(self) -> None:
        """Refuse changes to a closed (or closing) cohort."""
        if self.status != "open":
            raise cohort_closed(self.cohort_id)

    def require_inside(self, field: str, day: date) -> None:
        """Refuse (422 naming `field`) a date outside the cohort's dates."""
        if not self.start_date <= day <= self.end_date:
            raise outside_cohort(field, self.start_date, self.end_date)

    def programme_date(self, field: str, given: date | None, now: datetime) -> date:
        """The day a command takes effect: as given (inside the cohort's dates, not ahead of
        today unless the cohort has not started; else 422 naming `field`), else today in
        Asia/Jakarta moved into the cohort's dates."""
        today = programme_day(now)
        if given is None:
            return min(max(today, self.start_date), self.end_date)
        self.require_inside(field, given)
        if given > max(today, self.start_date):
            raise in_the_future(field)
        return given


class Mentor(Value):
    """A mentor (pendamping)."""

    mentor_id: str
    name: str
    kabupaten_code: str
    expertise: tuple[Topic, ...]


def open_cohort(cmd: OpenCohort, cohort_id: str) -> tuple[Cohort, list[CohortOpened]]:
    """A new open cohort, if its dates and numbers make sense."""
    if cmd.end_date < cmd.start_date:
        raise InvalidError(
            "Tanggal selesai harus sama atau setelah tanggal mulai",
            "end_date must be on or after start_date",
        )
    cohort = Cohort(cohort_id=cohort_id, **cmd.model_dump())
    return cohort, [CohortOpened(cohort_id=cohort_id, **cmd.model_dump())]


def mentor_taken(mentor_id: str) -> ConflictError:
    """The refusal of a mentor id registered already (with other details than asked)."""
    return ConflictError(
        f"Pendamping {mentor_id} sudah terdaftar", f"mentor {mentor_id} is already registered"
    )


def cohort_closed(cohort_id: str) -> ConflictError:
    """The refusal of a change in a closed or closing cohort."""
    return ConflictError(f"Kohort {cohort_id} sudah ditutup", f"cohort {cohort_id} is closed")


def begin_closing(cohort: Cohort, now: datetime) -> Cohort:
    """The cohort `closing` (refusing commands) on its last day; a closing one as it is."""
    if cohort.status == "closing":
        return cohort
    cohort.require_open()
    closed_on = min(cohort.end_date, programme_day(now))
    return cohort.model_copy(update={"status": "closing", "closed_on": closed_on})


CLOSED_VERSION = 2
"""A cohort publishes CohortOpened (version 1) and, last, CohortClosed (version 2)."""


def close_cohort(
    cohort: Cohort, now: datetime, *, enrolled: int, graduated: int
) -> tuple[Cohort, list[CohortClosed]]:
    """The closing cohort closed, once its SMEs are frozen: nothing changes in it afterwards,
    late upstream events included."""
    if cohort.status != "closing" or cohort.closed_on is None:
        raise cohort_closed(cohort.cohort_id)
    event = CohortClosed(
        cohort_id=cohort.cohort_id,
        kabupaten_code=cohort.kabupaten_code,
        closed_on=cohort.closed_on,
        closed_at=now,
        enrolled=enrolled,
        graduated=graduated,
    )
    return cohort.model_copy(update={"status": "closed"}), [event]


def register_mentor(cmd: RegisterMentor, mentor_id: str) -> tuple[Mentor, list[MentorRegistered]]:
    """A new mentor with at least one topic of expertise."""
    expertise = tuple(dict.fromkeys(cmd.expertise))
    mentor = Mentor(
        mentor_id=mentor_id, name=cmd.name, kabupaten_code=cmd.kabupaten_code, expertise=expertise
    )
    event = MentorRegistered(
        mentor_id=mentor_id, name=cmd.name, kabupaten_code=cmd.kabupaten_code, expertise=expertise
    )
    return mentor, [event]
