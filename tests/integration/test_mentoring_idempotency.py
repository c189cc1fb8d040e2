"""Sessions and milestones retried with an Idempotency-Key, on the real stack: stored once."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from mentoring.domain.commands import LogSession
from mentoring.domain.errors import RequestRepeatedError
from mentoring.entrypoints.app import create_app
from mentoring.service import MentoringService
from tests.apps import AppClient, running
from tests.infra import Infra
from tests.integration.mentoring_support import (
    ADMIN,
    Upstream,
    cohort_with_smes,
    days_ago,
    enrolled_sme,
    mentoring_settings,
    published,
    replicas,
    session_body,
)
from tests.samples import new_sme_id

MILESTONE = {"milestone": "nib_obtained", "achieved_on": str(days_ago(1)), "evidence": "oss://1"}


@dataclass
class Enrolled:
    """One SME enrolled in a Bekasi cohort, with a mentor assigned, behind the API."""

    client: AppClient
    path: str


@pytest.fixture
async def enrolled(infra: Infra, namespace: str) -> AsyncIterator[Enrolled]:
    async with (
        running(create_app(mentoring_settings(infra, namespace))) as client,
        Upstream(infra, namespace) as upstream,
    ):
        yield Enrolled(client, (await enrolled_sme(client, upstream)).url)


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def test_a_session_retried_with_its_key_is_logged_and_published_once(
    enrolled: Enrolled, infra: Infra, namespace: str
) -> None:
    client, sessions, retry = enrolled.client, f"{enrolled.path}/sessions", key()

    first = await client.post(sessions, json=session_body(), headers=retry)
    again = await asyncio.gather(
        *(client.post(sessions, json=session_body(), headers=retry) for _ in range(3))
    )
    other = await client.post(sessions, json=session_body(days_ago=2), headers=retry)

    assert first.status_code == 201, first.text
    assert [(r.status_code, r.json()) for r in again] == [(200, first.json())] * 3
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    view = (await client.get(enrolled.path)).json()
    assert [s["session_id"] for s in view["sessions"]] == [first.json()["session_id"]]
    [logged] = await published(infra, namespace, "MentorSessionLogged", 1)
    assert logged["data"]["session_id"] == first.json()["session_id"]


async def test_a_milestone_retried_with_its_key_answers_200_with_the_enrollment(
    enrolled: Enrolled,
) -> None:
    client, milestones, retry = enrolled.client, f"{enrolled.path}/milestones", key()

    first = await client.post(milestones, json=MILESTONE, headers=retry)
    again = await client.post(milestones, json=MILESTONE, headers=retry)
    too_long = await client.post(milestones, json=MILESTONE, headers={"Idempotency-Key": "k" * 201})

    assert (first.status_code, again.status_code) == (201, 200), again.text
    assert again.json()["milestones"] == first.json()["milestones"]
    assert len(again.json()["milestones"]) == 1
    assert too_long.status_code == 422


async def test_two_replicas_given_the_same_retry_store_one_session(
    infra: Infra, namespace: str
) -> None:
    async with replicas(infra, namespace) as (one, two):
        sme = new_sme_id()
        cohort, mentor = await cohort_with_smes(one, sme)
        await one.assign(ADMIN, cohort, sme, mentor)
        cmd = LogSession.model_validate(session_body())

        async def log(service: MentoringService) -> str:
            try:
                return await service.log_session(ADMIN, cohort, sme, cmd, "retry-1")
            except RequestRepeatedError as repeated:
                return repeated.result

        answers = await asyncio.gather(*(log(s) for s in (one, two, one, two)))

        stored = (await two.mentee(sme)).enrollments[cohort].sessions
        assert [s.session_id for s in stored] == [answers[0]]
        assert set(answers) == {answers[0]}
