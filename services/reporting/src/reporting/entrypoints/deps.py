"""FastAPI dependencies: what `assemble` put on the app state."""

from typing import Annotated

from fastapi import Depends, Request

from reporting.adapters.lag import LagProbe
from reporting.adapters.queries.source import ReadModels
from reporting.config import ReportingSettings


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


ModelsDep = Annotated[ReadModels, Depends(get_models)]
SettingsDep = Annotated[ReportingSettings, Depends(get_settings)]
LagDep = Annotated[LagProbe, Depends(get_lag)]
