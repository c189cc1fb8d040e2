"""Liveness and readiness, the same on every service.

`/health` answers while the process runs. `/ready` answers 200 only once the lifespan has
started everything and while MongoDB and Kafka answer a ping; 503 (problem+json) otherwise,
naming what is not ready. Neither exposes data.
"""

import asyncio
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from umkm_shared.service import problems

Check = Callable[[], Awaitable[bool]]
PING_TIMEOUT_SECONDS = 2.0


async def _passes(check: Check) -> bool:
    try:
        return await asyncio.wait_for(check(), PING_TIMEOUT_SECONDS)
    except Exception:  # any failure of a dependency means "not ready"
        return False


def router(checks: Callable[[], dict[str, Check]]) -> APIRouter:
    """The operations routes; `checks()` gives the dependency pings once the lifespan ran."""
    routes = APIRouter(tags=["operations"])

    @routes.get("/health")
    async def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @routes.get("/ready", responses=problems.responses(503))
    async def ready(request: Request) -> JSONResponse:
        """Readiness: started, and every dependency (MongoDB, Kafka) answers a ping."""
        named = checks()
        if not named:
            return problems.problem(
                request, "unavailable", "Layanan sedang dimulai", "The service is starting"
            )
        results = await asyncio.gather(*(_passes(check) for check in named.values()))
        down = [name for name, ok in zip(named, results, strict=True) if not ok]
        if down:
            return problems.problem(
                request,
                "unavailable",
                "Belum siap: " + ", ".join(down),
                "Not ready: " + ", ".join(down),
                extra={"checks": dict(zip(named, results, strict=True))},
            )
        return JSONResponse({"status": "ready", "checks": dict.fromkeys(named, True)})

    return routes
