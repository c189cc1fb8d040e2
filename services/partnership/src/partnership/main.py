"""Process entry point: `python -m partnership.main`. So far: health and its event topic."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from partnership.config import PartnershipSettings
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.topics_admin import ensure_topics


def create_app(settings: PartnershipSettings) -> FastAPI:
    """The ASGI app; it creates its context's event topic at start-up."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(settings.topics.events(Context.PARTNERSHIP)),
        )
        yield

    app = FastAPI(title="UMKM Juara: partnership", version="0.1.0", lifespan=lifespan)

    @app.get("/health")
    async def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    return app


def main() -> None:
    """Serve until SIGTERM."""
    settings = PartnershipSettings()
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port)


if __name__ == "__main__":
    main()
