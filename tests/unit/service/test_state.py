"""Routes get what `assemble` put on the app state, checked; settings read their own prefix."""

from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI

from umkm_shared.service.state import from_state
from umkm_shared.settings import ServiceSettings, prefixed


class Counter:
    def __init__(self) -> None:
        self.calls = 0


def _app(state_value: object) -> FastAPI:
    app = FastAPI()
    app.state.counter = state_value

    @app.get("/count")
    async def count(counter: Annotated[Counter, Depends(from_state("counter", Counter))]) -> int:
        counter.calls += 1
        return counter.calls

    return app


async def test_a_route_gets_the_object_assemble_put_on_the_app_state() -> None:
    counter = Counter()
    transport = httpx.ASGITransport(app=_app(counter))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/count")).json() == 1
        assert (await client.get("/count")).json() == 2
    assert counter.calls == 2


async def test_an_object_of_the_wrong_type_on_the_state_is_a_loud_error() -> None:
    transport = httpx.ASGITransport(app=_app("not a counter"), raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        with pytest.raises(TypeError, match=r"app\.state\.counter is str, not Counter"):
            await client.get("/count")


class ExampleSettings(ServiceSettings):
    model_config = prefixed("EXAMPLE_")

    mongodb_database: str = "example"


def test_service_settings_read_their_own_prefix_and_the_platform_wide_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EXAMPLE_HTTP_PORT", "9123")
    monkeypatch.setenv("HTTP_PORT", "1")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka.internal:9092")

    settings = ExampleSettings()

    assert settings.http_port == 9123
    assert settings.kafka_bootstrap_servers == "kafka.internal:9092"


def test_a_refused_setting_is_named_without_its_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMPLE_HTTP_PORT", "s3cr3t-not-a-port")

    with pytest.raises(ValueError, match="http_port") as refused:
        ExampleSettings()

    assert "s3cr3t-not-a-port" not in str(refused.value)
