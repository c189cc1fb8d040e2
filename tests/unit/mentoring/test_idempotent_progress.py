"""Sessions and milestones retried with an Idempotency-Key are stored once, over the fakes."""

import asyncio

import pytest

from mentoring.domain import idempotency
from mentoring.domain.commands import RecordMilestone
from mentoring.domain.errors import InvalidError, RequestRepeatedError
from mentoring.domain.mentee import Mentee
from tests.unit.mentoring.harness import (
    ADMIN,
    Harness,
    assigned,
    cohort_and_mentor,
    nib,
    session,
)

SME = "sme-000000000001"
KEY = "4f7d3c1e-session-1"


async def ready(harness: Harness) -> str:
    cohort_id, mentor_id = await cohort_and_mentor(harness.service)
    await assigned(harness.service, cohort_id, mentor_id, SME)
    return cohort_id


async def stored_sessions(harness: Harness, cohort_id: str) -> list[str]:
    mentee = await harness.service.mentee(SME)
    return [s.session_id for s in mentee.enrollments[cohort_id].sessions]


async def test_a_retried_session_with_the_same_key_is_stored_once(harness: Harness) -> None:
    cohort_id = await ready(harness)
    first = await harness.service.log_session(ADMIN, cohort_id, SME, session(1), KEY)
    revision = harness.mentees.docs[SME][1]

    with pytest.raises(RequestRepeatedError) as repeated:
        await harness.service.log_session(ADMIN, cohort_id, SME, session(1), KEY)

    assert repeated.value.result == first
    assert await stored_sessions(harness, cohort_id) == [first]
    assert len(harness.events("MentorSessionLogged")) == 1
    assert harness.mentees.docs[SME][1] == revision  # nothing written


async def test_the_same_key_with_a_different_session_is_refused(harness: Harness) -> None:
    cohort_id = await ready(harness)
    first = await harness.service.log_session(ADMIN, cohort_id, SME, session(1), KEY)

    with pytest.raises(InvalidError) as refused:
        await harness.service.log_session(ADMIN, cohort_id, SME, session(2), KEY)

    assert refused.value.errors[0].field == "Idempotency-Key"
    assert await stored_sessions(harness, cohort_id) == [first]


async def test_the_same_key_on_a_milestone_is_another_request(harness: Harness) -> None:
    cohort_id = await ready(harness)
    await harness.service.log_session(ADMIN, cohort_id, SME, session(1), KEY)

    with pytest.raises(InvalidError):
        await harness.service.record_milestone(ADMIN, cohort_id, SME, nib(), KEY)


async def test_two_concurrent_retries_store_one_session(harness: Harness) -> None:
    cohort_id = await ready(harness)
    answers: list[str] = []

    async def log() -> None:
        try:
            answers.append(
                await harness.service.log_session(ADMIN, cohort_id, SME, session(1), KEY)
            )
        except RequestRepeatedError as repeated:
            answers.append(repeated.result)

    async def the_other_replica_stores_the_retry_first() -> None:
        await log()

    harness.mentees.before_next_save = the_other_replica_stores_the_retry_first
    await asyncio.gather(log(), log())

    [stored] = await stored_sessions(harness, cohort_id)
    assert answers == [stored] * 3
    assert len(harness.events("MentorSessionLogged")) == 1


async def test_a_retried_milestone_with_the_same_key_is_recorded_once(harness: Harness) -> None:
    cohort_id = await ready(harness)
    await harness.service.record_milestone(ADMIN, cohort_id, SME, nib(), "milestone-key-1")

    with pytest.raises(RequestRepeatedError) as repeated:
        await harness.service.record_milestone(ADMIN, cohort_id, SME, nib(), "milestone-key-1")

    assert repeated.value.result == "nib_obtained"
    assert len(harness.events("MilestoneAchieved")) == 1


async def test_commands_without_a_key_are_not_remembered(harness: Harness) -> None:
    cohort_id = await ready(harness)
    await harness.service.log_session(ADMIN, cohort_id, SME, session(1))
    await harness.service.log_session(ADMIN, cohort_id, SME, session(1))

    assert len(await stored_sessions(harness, cohort_id)) == 2
    assert (await harness.service.mentee(SME)).handled == ()


def test_an_sme_keeps_the_keys_of_its_last_200_commands() -> None:
    mentee = Mentee(sme_id=SME)
    request = idempotency.fingerprint("milestone", "cohort-1", nib())
    for n in range(idempotency.KEPT + 5):
        mentee = idempotency.remembered(mentee, f"key-{n}", request, "nib_obtained")

    assert len(mentee.handled) == idempotency.KEPT
    assert mentee.handled[0].key == "key-5"
    idempotency.not_repeated(mentee, "key-0", request)  # forgotten: no longer a retry


def test_a_fingerprint_ignores_how_the_body_was_written() -> None:
    spelled = RecordMilestone.model_validate_json(
        '{"evidence": "oss://1", "milestone": "nib_obtained", "achieved_on": "2022-08-01"}'
    )
    assert idempotency.fingerprint("milestone", "c", spelled) == idempotency.fingerprint(
        "milestone", "c", nib()
    )
