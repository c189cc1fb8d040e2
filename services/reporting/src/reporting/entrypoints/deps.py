"""FastAPI dependencies: what `assemble` put on the app state, and who is calling."""

from typing import Annotated

from fastapi import Depends, Query

from reporting.adapters.lag import LagProbe
from reporting.adapters.queries.source import ReadModels
from reporting.config import ReportingSettings
from umkm_shared.auth import Caller, require
from umkm_shared.service import problems
from umkm_shared.service.state import from_state

ModelsDep = Annotated[ReadModels, Depends(from_state("models", ReadModels))]
SettingsDep = Annotated[ReportingSettings, Depends(from_state("settings", ReportingSettings))]
LagDep = Annotated[LagProbe, Depends(from_state("lag", LagProbe))]

Reader = Annotated[Caller, Depends(require("reporting.read"))]
"""A caller who may read reports; each query is narrowed to its `region_filter`."""
Exporter = Annotated[Caller, Depends(require("reporting.export"))]
"""A caller who may export tables; each export is narrowed to its `region_filter`."""
Operator = Annotated[Caller, Depends(require("reporting.operate"))]
"""A caller who may see how the projections run (admin_provinsi)."""
Setter = Annotated[Caller, Depends(require("reporting.set_target"))]
"""A caller who may set a kabupaten's target (admin any; a Dinas its own kabupaten)."""
GUARDED = problems.responses(401, 403, 503)

RegionQuery = Annotated[
    str | None,
    Query(
        pattern=r"^\d{2}(\.\d{2}){0,2}$",
        description="The level to read: the province (`32`), a kabupaten/kota (`32.16`) or a "
        "kecamatan (`32.16.05`), inside the caller's region (403 outside it); the caller's "
        "whole region if absent.",
        examples=["32.16"],
    ),
]
CohortQuery = Annotated[
    str | None,
    Query(
        max_length=100,
        description="Only this cohort's SMEs (those of the caller's region: another "
        "kabupaten's cohort reads empty).",
        examples=["cohort-cafbbe235f22"],
    ),
]
"""The answers of the token check, for a guarded router's OpenAPI."""
