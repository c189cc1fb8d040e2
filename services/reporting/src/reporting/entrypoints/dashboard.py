"""The dashboard: one static page and its scripts, which log in and fetch the query API."""

from collections.abc import Awaitable, Callable
from importlib.resources import files
from urllib.parse import urlsplit

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from reporting.entrypoints.deps import SettingsDep
from umkm_shared.regions import PROVINCE_CODE, WEST_JAVA_KABUPATEN

router = APIRouter()

REGION_NAMES = {PROVINCE_CODE: "Provinsi Jawa Barat", **WEST_JAVA_KABUPATEN}


class DashboardConfig(BaseModel):
    """Where the dashboard logs in; public, as in any single-page app."""

    issuer: str | None = Field(
        description="The OpenID Connect issuer; null when the service runs open (dev only).",
        examples=["http://127.0.0.1:8180/realms/umkm-juara"],
    )
    client_id: str = Field(
        description="The issuer's public client of the dashboard (code flow with PKCE S256).",
        examples=["umkm-dashboard"],
    )
    regions: dict[str, str] = Field(
        description="Region code → name, for the header (a token names the code only).",
        examples=[{"32": "Provinsi Jawa Barat", "32.16": "Kabupaten Bekasi"}],
    )


def _static(name: str) -> str:
    return files("reporting.entrypoints").joinpath("static", name).read_text(encoding="utf-8")


def _script(name: str) -> Response:
    return Response(_static(name), media_type="text/javascript")


def _policy(issuer: str | None) -> str:
    # The page holds tokens: it runs only its own scripts and talks only to itself and the issuer.
    idp = urlsplit(issuer or "")
    connect = f"'self' {idp.scheme}://{idp.netloc}" if issuer else "'self'"
    return (
        f"default-src 'self'; connect-src {connect}; style-src 'self' 'unsafe-inline'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard(settings: SettingsDep) -> HTMLResponse:
    """The dashboard page (Bahasa Indonesia; `?lang=en` or the toggle for English)."""
    return HTMLResponse(
        _static("index.html"),
        headers={"Content-Security-Policy": _policy(settings.oidc_issuer)},
    )


@router.get("/dashboard/config")
async def dashboard_config(settings: SettingsDep) -> DashboardConfig:
    """The issuer and client the dashboard logs in with, and the region names."""
    return DashboardConfig(
        issuer=settings.oidc_issuer,
        client_id=settings.dashboard_client_id,
        regions=REGION_NAMES,
    )


SCRIPTS = (
    "login.js",
    "i18n.js",
    "route.js",
    "api.js",
    "charts.js",
    "tables.js",
    "cards.js",
    "views.js",
    "sme.js",
    "header.js",
    "levels.js",
    "dashboard.js",
)
"""The page's scripts, in the order index.html loads them (each one small concern)."""


def _serve(name: str) -> Callable[[], Awaitable[Response]]:
    async def script() -> Response:
        return _script(name)

    script.__name__ = f"script_{name.removesuffix('.js')}"
    return script


for _name in SCRIPTS:
    router.add_api_route(
        f"/static/{_name}", _serve(_name), methods=["GET"], include_in_schema=False
    )
