"""Process entry point: `python -m mentoring.main`. So far: health and its event topic."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from mentoring.config import MentoringSettings
from umkm_shared.contracts.topics import Context
from umkm_shared.messaging.topics_admin import ensure_topics


def create_app(settings: MentoringSettings) -> FastAPI:
    """The ASGI app; it creates its context's event topic at start-up."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(
                settings.topics.events(Context.MENTORING), settings.topics.events(Context.BANK_FEED)
            ),
        )
        yield

    app = FastAPI(title="UMKM Juara: mentoring", version="0.1.0", lifespan=lifespan)

    @app.get("/health")
    async def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    return app


def main() -> None:
    """Serve until SIGTERM."""
    settings = MentoringSettings()
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port)


if __name__ == "__main__":
    main()
