"""The mentoring HTTP API (FastAPI)."""

from fastapi import FastAPI

from mentoring.config import MentoringSettings
from mentoring.entrypoints import errors, progress_routes, routes
from mentoring.entrypoints.lifespan import build_lifespan


def create_app(settings: MentoringSettings) -> FastAPI:
    """The ASGI app; clients are built in the lifespan, not at import."""
    app = FastAPI(
        title="UMKM Juara: mentoring",
        description="Cohorts, mentors, session logs, milestones, graduation, Bank Jabar feed.",
        version="0.2.0",
        lifespan=build_lifespan(settings),
    )

    @app.get("/health", tags=["operations"])
    async def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    app.include_router(routes.router)
    app.include_router(progress_routes.router)
    errors.install(app)
    return app
