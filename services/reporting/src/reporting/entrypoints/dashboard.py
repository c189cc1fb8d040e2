"""The dashboard: one static page and its script, which fetch the query API."""

from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter()


def _static(name: str) -> str:
    return files("reporting.entrypoints").joinpath("static", name).read_text(encoding="utf-8")


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard() -> str:
    """The dashboard page (Bahasa Indonesia; `?lang=en` or the toggle for English)."""
    return _static("index.html")


@router.get("/static/dashboard.js", include_in_schema=False)
async def dashboard_script() -> Response:
    """The dashboard's script."""
    return Response(_static("dashboard.js"), media_type="text/javascript")
