"""FastAPI dependencies: what the lifespan built, taken from the app state."""

from typing import Annotated

from fastapi import Depends, Request

from reporting.config import ReportingSettings
from reporting.lag import LagProbe
from reporting.projector import Projector
from reporting.queries.source import ReadModels


def get_models(request: Request) -> ReadModels:
    """The live read models."""
    models: ReadModels = request.app.state.models
    return models


def get_settings(request: Request) -> ReportingSettings:
    """The service settings."""
    settings: ReportingSettings = request.app.state.settings
    return settings


def get_lag(request: Request) -> LagProbe:
    """The lag probe."""
    probe: LagProbe = request.app.state.lag
    return probe


def get_projector(request: Request) -> Projector:
    """The live projector (for its counters)."""
    projector: Projector = request.app.state.projector
    return projector


ModelsDep = Annotated[ReadModels, Depends(get_models)]
SettingsDep = Annotated[ReportingSettings, Depends(get_settings)]
LagDep = Annotated[LagProbe, Depends(get_lag)]
ProjectorDep = Annotated[Projector, Depends(get_projector)]
