"""The reporting query API (FastAPI)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, status
from pydantic import BaseModel

from reporting.config import ReportingSettings
from reporting.consumer import PROJECTOR, consumed_topics, subscribe
from reporting.projector import Projector
from reporting.read_models import SmeReadModel
from umkm_shared.messaging.broker import make_broker
from umkm_shared.messaging.topics_admin import ensure_topics
from umkm_shared.mongo import connect

router = APIRouter()


class SmeRow(BaseModel):
    """One SME as the reporting read model holds it."""

    sme_id: str
    business_name: str
    nib: str | None = None
    kbli: str
    kabupaten_code: str
    kecamatan_code: str
    nik_masked: str


class SmePage(BaseModel):
    """A page of SMEs."""

    total: int
    items: list[SmeRow]


def get_smes(request: Request) -> SmeReadModel:
    """The read model built in the lifespan."""
    smes: SmeReadModel = request.app.state.smes
    return smes


SmesDep = Annotated[SmeReadModel, Depends(get_smes)]


def _row(doc: dict[str, Any]) -> SmeRow:
    return SmeRow(sme_id=doc["_id"], **{k: v for k, v in doc.items() if k != "_id"})


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/smes/{sme_id}")
async def get_sme(sme_id: str, smes: SmesDep) -> SmeRow:
    """One SME's row."""
    doc = await smes.get(sme_id)
    if doc is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"SME {sme_id} belum ada / not projected yet"
        )
    return _row(doc)


@router.get("/smes")
async def list_smes(
    smes: SmesDep,
    kabupaten_code: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SmePage:
    """SMEs, optionally in one kabupaten/kota, a page at a time."""
    total, docs = await smes.list(kabupaten_code, limit, offset)
    return SmePage(total=total, items=[_row(d) for d in docs])


def create_app(settings: ReportingSettings) -> FastAPI:
    """The ASGI app; the consumer runs inside the same process, started in the lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Its own dead-letter topic, and the topics it reads in case it starts first.
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            settings.topic_specs(
                *consumed_topics(settings), settings.topics.dead_letter(settings.consumer_group)
            ),
        )
        client = connect(settings.mongodb_url)
        smes = SmeReadModel(client.get_database(settings.mongodb_database)["smes"])
        app.state.smes = smes
        broker = make_broker(settings, client_id="reporting")
        subscribe(broker, settings)
        broker.context.set_global(PROJECTOR, Projector(smes))
        await broker.start()
        try:
            yield
        finally:
            await broker.stop()
            await client.close()

    app = FastAPI(title="UMKM Juara: reporting", version="0.1.0", lifespan=lifespan)
    app.include_router(router)
    return app
