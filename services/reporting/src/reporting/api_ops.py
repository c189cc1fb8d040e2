"""Operations endpoints: liveness, projection lag, and Prometheus-style metrics."""

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from reporting.deps import LagDep, ModelsDep, ProjectorDep
from reporting.lag import PartitionLag, metrics_text

router = APIRouter()


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/lag")
async def get_lag(probe: LagDep) -> list[PartitionLag]:
    """Projection lag per topic and partition."""
    return await probe.measure()


@router.get("/generation")
async def get_generation(models: ModelsDep) -> dict[str, str]:
    """The read-model generation now serving (changes after a replay)."""
    return {"generation": await models.live.current()}


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(probe: LagDep, projector: ProjectorDep) -> str:
    """Lag and projector counters in the Prometheus text format."""
    return metrics_text(await probe.measure(), dict(projector.counts))
