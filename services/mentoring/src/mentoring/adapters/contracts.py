"""Domain events to published contracts: the only place the two vocabularies meet."""

from collections.abc import Sequence

from pydantic import BaseModel

from mentoring.domain import events as domain
from umkm_shared.contracts import bank_feed, mentoring, mentoring_progress
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.messaging.outbox import outbox_entries


def _graduated(event: domain.SmeGraduated) -> mentoring_progress.SMEGraduated:
    g = event.graduation
    return mentoring_progress.SMEGraduated(
        cohort_id=event.cohort_id,
        sme_id=event.sme_id,
        graduated_on=g.graduated_on,
        dimensions=[
            mentoring_progress.GraduationDimension(
                dimension=d.dimension, before=d.before, after=d.after, evidence=list(d.evidence)
            )
            for d in g.dimensions
        ],
        sessions_logged=g.sessions_logged,
        policy_version=g.policy_version,
        decided_by=g.decided_by,
        override_reason=g.override_reason,
    )


def _session(event: domain.SessionLogged) -> mentoring_progress.MentorSessionLogged:
    # Notes and next actions stay in this service: free text may hold personal data.
    s = event.session
    return mentoring_progress.MentorSessionLogged(
        session_id=s.session_id,
        cohort_id=event.cohort_id,
        sme_id=event.sme_id,
        mentor_id=s.mentor_id,
        session_date=s.session_date,
        duration_minutes=s.duration_minutes,
        mode=s.mode,
        topics=list(s.topics),
        milestones_noted=list(s.milestones_noted),
        corrects_session_id=s.corrects_session_id,
    )


def to_contract(event: domain.DomainEvent) -> BaseModel:  # noqa: PLR0911 - one per event type
    """The public form of a domain event."""
    match event:
        case domain.CohortOpened():
            return mentoring.CohortOpened(**event.model_dump())
        case domain.CohortClosed():
            return mentoring.CohortClosed(**event.model_dump())
        case domain.MentorRegistered():
            return mentoring.MentorRegistered(**event.model_dump())
        case domain.SmeEnrolled():
            return mentoring.SMEEnrolled(**event.model_dump())
        case domain.MentorAssigned():
            return mentoring.MentorAssigned(**event.model_dump())
        case domain.SessionLogged():
            return _session(event)
        case domain.MilestoneAchieved():
            return mentoring_progress.MilestoneAchieved(
                cohort_id=event.cohort_id, sme_id=event.sme_id, **event.record.model_dump()
            )
        case domain.SmeGraduated():
            return _graduated(event)
        case domain.ProgressShared():
            return bank_feed.MentoringProgressShared(**event.model_dump())


def to_outbox(
    topics: TopicNames, events: Sequence[domain.DomainEvent], version: int, feed_version: int = 0
) -> list[dict[str, str]]:
    """The outbox entries of one write; `version`/`feed_version`: the last ones before it.

    Feed snapshots go to the Bank Jabar topic with their own subject (the sme_ref) and so
    their own version sequence.
    """
    mentoring_topic, feed_topic = topics.events(Context.MENTORING), topics.events(Context.BANK_FEED)
    return outbox_entries(
        events=[
            (
                feed_topic if isinstance(e, domain.ProgressShared) else mentoring_topic,
                to_contract(e),
            )
            for e in events
        ],
        last_versions={mentoring_topic: version, feed_topic: feed_version},
    )
