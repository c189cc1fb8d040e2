"""Naik-kelas targets where they are decided: per kabupaten/kota (e.g. a regent's decree).

A cohort's target is its `target_graduates` (CohortOpened); a province's is the sum of its
kabupaten targets. Stored outside the read-model generations, so a rebuild keeps them.
"""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from reporting.adapters.queries import targets
from reporting.adapters.queries.rows import TargetRow
from reporting.entrypoints.deps import GUARDED, ModelsDep, Reader, Setter
from umkm_shared.auth import Target, check, region_filter
from umkm_shared.errors import RefusalError
from umkm_shared.regions import is_west_java_kabupaten
from umkm_shared.service import problems

router = APIRouter(prefix="/targets", responses=GUARDED)


class TargetBody(BaseModel):
    """A kabupaten's naik-kelas target as decided (graduates the programme aims at)."""

    model_config = ConfigDict(extra="forbid")

    naik_kelas: int = Field(ge=1, le=1_000_000, examples=[300])
    year: int = Field(ge=2019, le=2100, examples=[2022])
    decided_by: str = Field(
        min_length=3,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Where the target was decided (a decree, a regent's instruction).",
        examples=["Perbup/Bupati Bekasi"],
    )


@router.get("")
async def list_targets(caller: Reader, models: ModelsDep) -> list[TargetRow]:
    """The kabupaten targets in the caller's region."""
    return await targets.targets(models.db, region_filter(caller))


@router.put("/{kabupaten_code}", responses=problems.responses(403, 404, 422))
async def put_target(
    caller: Setter,
    models: ModelsDep,
    kabupaten_code: Annotated[str, Path(pattern=r"^\d{2}\.\d{2}$", examples=["32.16"])],
    body: TargetBody,
) -> TargetRow:
    """Set a kabupaten's target: the province for any, a Dinas for its own kabupaten."""
    if not is_west_java_kabupaten(kabupaten_code):
        raise RefusalError(
            "not_found",
            "Kabupaten/kota dengan kode ini tidak ada di Jawa Barat.",
            "No kabupaten/kota of West Java has this code.",
        )
    check(caller, "reporting.set_target", Target(kabupaten_code=kabupaten_code))
    return await targets.set_target(
        models.db, kabupaten_code, body.model_dump(), caller.subject, datetime.now(UTC)
    )
