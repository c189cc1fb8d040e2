"""Cohorts and mentors: opened, closed, registered. Pure decisions returning events."""

from datetime import date
from typing import Literal

from mentoring.domain.commands import OpenCohort, RegisterMentor
from mentoring.domain.errors import ConflictError, InvalidError
from mentoring.domain.events import CohortOpened, MentorRegistered
from mentoring.domain.values import Topic, Value


class Cohort(Value):
    """A program cohort in one kabupaten/kota, between two dates."""

    cohort_id: str
    name: str
    kabupaten_code: str
    start_date: date
    end_date: date
    target_graduates: int
    mentor_norm: int
    status: Literal["open", "closed"] = "open"
    coordinator_ids: tuple[str, ...] = ()
    """Who coordinates it (their `coordinator_id` claims); none on cohorts opened before."""

    def require_open(self) -> None:
        """Refuse changes to a closed cohort."""
        if self.status != "open":
            raise ConflictError(
                f"Kohort {self.cohort_id} sudah ditutup", f"cohort {self.cohort_id} is closed"
            )


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


def close_cohort(cohort: Cohort) -> Cohort:
    """The cohort closed: no more enrollments, assignments, sessions or milestones.

    No contract exists for a closure, so nothing is published.
    """
    cohort.require_open()
    return cohort.model_copy(update={"status": "closed"})


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
