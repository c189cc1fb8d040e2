"""What the routes inject, and the problem answers they document."""

from typing import Annotated, Any

from fastapi import Depends, Request

from mentoring.service import MentoringService
from umkm_shared.service import problems

ERRORS: dict[int | str, dict[str, Any]] = problems.responses(403, 404, 409, 422)


def get_service(request: Request) -> MentoringService:
    """The service `assemble` built."""
    service: MentoringService = request.app.state.service
    return service


ServiceDep = Annotated[MentoringService, Depends(get_service)]
