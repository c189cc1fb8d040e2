"""Generated artefacts: JSON Schemas, the event catalogue page, each service's AsyncAPI.

`devstack docs` writes them; `devstack docs --check` (run by the test suite) fails when the
committed files differ from what the code generates. `devstack release-contracts` snapshots
the current schemas as the released version the compatibility gate compares against.
"""

import importlib
import shutil
from collections.abc import Callable
from pathlib import Path

from devstack.services import SERVICES
from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.catalogue_doc import render_catalogue
from umkm_shared.contracts.schemas import event_schema, render, schema_file

DOCS = Path("docs")
CONTRACTS = DOCS / "contracts"
RELEASED = CONTRACTS / "released"


def _asyncapi_renderer(service: str) -> Callable[[], str]:
    render_fn: Callable[[], str] = importlib.import_module(f"{service}.entrypoints.asyncapi").render
    return render_fn


def generated(root: Path) -> dict[Path, str]:
    """Every generated file under `root`, path to content."""
    files = {
        root / CONTRACTS / schema_file(spec): render(event_schema(spec))
        for spec in CATALOGUE.values()
    }
    files[root / DOCS / "events.md"] = render_catalogue()
    for service in SERVICES:
        files[root / DOCS / "asyncapi" / f"{service}.json"] = _asyncapi_renderer(service)()
    return files


def stale_files(root: Path) -> list[Path]:
    """Generated files that are missing or differ from what the code generates now."""
    return [
        path
        for path, text in generated(root).items()
        if not path.exists() or path.read_text() != text
    ]


def write_docs(root: Path) -> list[Path]:
    """(Re)write every generated file; return those that changed."""
    changed = stale_files(root)
    for path, text in generated(root).items():
        if path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return changed


def release_contracts(root: Path, major: int) -> Path:
    """Snapshot the current schemas of one major version as released."""
    target = root / RELEASED / f"v{major}"
    shutil.rmtree(target, ignore_errors=True)
    for spec in CATALOGUE.values():
        if spec.major == major:
            path = target / schema_file(spec)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(event_schema(spec)))
    return target
