"""Operations endpoints: projection lag and the generation serving (health is shared)."""

from fastapi import APIRouter

from reporting.adapters.lag import PartitionLag
from reporting.entrypoints.deps import GUARDED, LagDep, ModelsDep, Operator

router = APIRouter(responses=GUARDED)


@router.get("/lag")
async def get_lag(_caller: Operator, probe: LagDep) -> list[PartitionLag]:
    """Projection lag per topic and partition."""
    return await probe.measure()


@router.get("/generation")
async def get_generation(_caller: Operator, models: ModelsDep) -> dict[str, str]:
    """The read-model generation now serving (changes after a replay)."""
    return {"generation": await models.live.current()}
