"""Mentoring's request bodies refuse whatever the contracts their events become refuse."""

import pytest
from pydantic import BaseModel

from mentoring.domain import commands
from mentoring.entrypoints import schemas
from tests.unit.request_bounds import field_pairs, laxer_than_contract
from umkm_shared.contracts import mentoring, mentoring_progress

PUBLISHED_AS: list[tuple[type[BaseModel], type[BaseModel], dict[str, str]]] = [
    (commands.OpenCohort, mentoring.CohortOpened, {}),
    (commands.RegisterMentor, mentoring.MentorRegistered, {}),
    (commands.LogSession, mentoring_progress.MentorSessionLogged, {}),
    (commands.RecordMilestone, mentoring_progress.MilestoneAchieved, {}),
    (
        commands.GraduateManually,
        mentoring_progress.SMEGraduated,
        {"reason": "override_reason"},
    ),
    (commands.ClaimedDimension, mentoring_progress.GraduationDimension, {}),
    (schemas.EnrollRequest, mentoring.SMEEnrolled, {}),
    (schemas.AssignRequest, mentoring.MentorAssigned, {}),
]
KEPT_HERE = {
    ("LogSession", "notes"),  # notes stay in this service (free text)
    ("LogSession", "next_actions"),
    ("GraduateManually", "dimensions"),  # probed as ClaimedDimension
    ("RegisterMentor", "mentor_id"),  # absent or null: a new id (else the contract's MentorId)
}
PAIRS = field_pairs(PUBLISHED_AS, KEPT_HERE)


@pytest.mark.parametrize(
    ("request_model", "name", "contract", "contract_name"),
    PAIRS,
    ids=[f"{r.__name__}.{n}" for r, n, _, _ in PAIRS],
)
def test_a_request_field_refuses_what_its_contract_field_refuses(
    request_model: type[BaseModel], name: str, contract: type[BaseModel], contract_name: str
) -> None:
    assert contract_name in contract.model_fields, "map every request field to the contract"
    assert laxer_than_contract(request_model, name, contract, contract_name) == []
