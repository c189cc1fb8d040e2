"""The registration HTTP API (FastAPI)."""

from fastapi import FastAPI

from registration.config import RegistrationSettings
from registration.entrypoints import errors, import_routes
from registration.entrypoints.lifespan import build_lifespan
from registration.entrypoints.routes import router


def create_app(settings: RegistrationSettings) -> FastAPI:
    """The ASGI app; clients are built in the lifespan, not at import."""
    app = FastAPI(
        title="UMKM Juara: registration",
        description="Register UMKM. The NIK is stored encrypted and never leaves this service.",
        version="0.2.0",
        lifespan=build_lifespan(settings),
    )

    @app.get("/health", tags=["operations"])
    async def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    app.include_router(router)
    app.include_router(import_routes.router)
    errors.install(app)
    return app
