"""`/health` answers while the process runs; `/ready` only once started and its pings pass."""

import asyncio

import httpx
import pytest
from fastapi import FastAPI

from umkm_shared.service import health, problems
from umkm_shared.service.bootstrap import ServiceDefinition, create_app
from umkm_shared.settings import ServiceSettings


async def _passes() -> bool:
    return True


async def _refuses() -> bool:
    return False


async def _raises() -> bool:
    raise ConnectionError("no route to host")


async def _hangs() -> bool:
    await asyncio.Event().wait()
    return True


def _app(checks: dict[str, health.Check]) -> FastAPI:
    app = FastAPI()
    app.include_router(health.router(lambda: checks))
    problems.install(app)
    return app


async def _get(app: FastAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        return await http.get(path)


async def test_health_answers_200_while_the_process_runs() -> None:
    response = await _get(_app({}), "/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_answers_503_before_the_service_has_started() -> None:
    response = await _get(_app({}), "/ready")

    assert response.status_code == 503
    assert response.headers["content-type"] == problems.MEDIA_TYPE
    assert response.json()["message"] == "The service is starting"


async def test_ready_answers_200_when_every_dependency_answers() -> None:
    response = await _get(_app({"mongodb": _passes, "kafka": _passes}), "/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"mongodb": True, "kafka": True}}


@pytest.mark.parametrize("failing", [_refuses, _raises, _hangs])
async def test_ready_answers_503_naming_the_dependency_that_does_not_answer(
    failing: health.Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "PING_TIMEOUT_SECONDS", 0.05)

    response = await _get(_app({"mongodb": _passes, "kafka": failing}), "/ready")

    body = response.json()
    assert response.status_code == 503
    assert body["type"] == "urn:umkmjuara:problem:unavailable"
    assert body["message"] == "Not ready: kafka"
    assert body["checks"] == {"mongodb": True, "kafka": False}
    assert "no route to host" not in response.text


async def test_a_created_app_is_not_ready_until_its_lifespan_has_run() -> None:
    async def assemble(_runtime: object) -> None:  # never called: the lifespan does not run
        raise AssertionError

    definition: ServiceDefinition[ServiceSettings] = ServiceDefinition(
        name="probe",
        summary="A service that is never started.",
        publishes=(),
        routers=(),
        assemble=assemble,
    )
    app = create_app(definition, ServiceSettings(mongodb_database="probe"))

    assert (await _get(app, "/health")).status_code == 200
    assert (await _get(app, "/ready")).status_code == 503
