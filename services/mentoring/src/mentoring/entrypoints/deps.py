"""What the routes inject, and the problem answers they document."""

from typing import Annotated, Any

from fastapi import Depends

from mentoring.service import MentoringService
from umkm_shared.service import problems
from umkm_shared.service.state import from_state

ERRORS: dict[int | str, dict[str, Any]] = problems.responses(401, 403, 404, 409, 422, 503)
ERRORS[409] = {
    **ERRORS[409],
    "description": (
        "Conflict: the cohort is closed, the SME was withdrawn or is already enrolled or "
        "graduated, the mentor is at the hard cap; or the SME is not known to mentoring yet "
        "(registration still propagating): then `Retry-After` says when to ask again."
    ),
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before retrying (only while registration propagates).",
            "schema": {"type": "integer", "example": 2},
        }
    },
}


ServiceDep = Annotated[MentoringService, Depends(from_state("service", MentoringService))]
