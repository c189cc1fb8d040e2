"""Committed schema files, as an outside consumer would load them."""

import json
from pathlib import Path
from typing import Any

from umkm_shared.contracts.catalogue import EventSpec
from umkm_shared.contracts.schemas import schema_file

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = REPO / "docs" / "contracts"
RELEASED_V1 = CONTRACTS / "released" / "v1"


def committed_schema(spec: EventSpec) -> dict[str, Any]:
    """The schema file under docs/contracts/ for one event type."""
    loaded: dict[str, Any] = json.loads((CONTRACTS / schema_file(spec)).read_text())
    return loaded
