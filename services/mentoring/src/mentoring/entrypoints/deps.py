"""What the routes inject, and the problem answers they document."""

from typing import Annotated, Any

from fastapi import Depends

from mentoring.service import MentoringService
from umkm_shared.service import problems
from umkm_shared.service.state import from_state

ERRORS: dict[int | str, dict[str, Any]] = problems.responses(401, 403, 404, 409, 422, 503)


ServiceDep = Annotated[MentoringService, Depends(from_state("service", MentoringService))]
