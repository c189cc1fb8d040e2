"""FastAPI dependencies: what `assemble` put on the app state."""

from typing import Annotated

from fastapi import Depends

from reporting.adapters.lag import LagProbe
from reporting.adapters.queries.source import ReadModels
from reporting.config import ReportingSettings
from umkm_shared.service.state import from_state

ModelsDep = Annotated[ReadModels, Depends(from_state("models", ReadModels))]
SettingsDep = Annotated[ReportingSettings, Depends(from_state("settings", ReportingSettings))]
LagDep = Annotated[LagProbe, Depends(from_state("lag", LagProbe))]
