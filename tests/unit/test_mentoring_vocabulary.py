"""Mentoring owns the session-topic and milestone vocabularies; the contract must match them."""

from typing import get_args

from mentoring.domain.values import TOPICS, MilestoneKind
from umkm_shared.contracts.types import Milestone, SessionTopic


def test_the_published_session_topics_are_the_mentoring_taxonomy() -> None:
    assert get_args(get_args(SessionTopic)[0]) == TOPICS


def test_the_published_milestones_are_the_ones_mentoring_records() -> None:
    assert get_args(get_args(Milestone)[0]) == get_args(MilestoneKind)
