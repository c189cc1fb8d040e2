"""What the routes inject, and the error responses they document."""

from typing import Annotated, Any

from fastapi import Depends, Request

from mentoring.entrypoints.schemas import ErrorBody
from mentoring.service import MentoringService

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (403, 404, 409, 422)
}


def get_service(request: Request) -> MentoringService:
    """The service built in the lifespan."""
    service: MentoringService = request.app.state.service
    return service


ServiceDep = Annotated[MentoringService, Depends(get_service)]
