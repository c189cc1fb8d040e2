"""docs/security.md shows the roles matrix the code enforces, not an older copy of it."""

import re
from pathlib import Path

from umkm_shared.auth.matrix import MATRIX, SCOPE

DOC = Path(__file__).parents[3] / "docs" / "security.md"
ROLES = ["admin_provinsi", "dinas_kabupaten", "coordinator", "mentor", "partner", "bank", "viewer"]


def _table() -> str:
    rows = ["| action | " + " | ".join(ROLES) + " |", "|---|" + "---|" * len(ROLES)]
    for action, roles in MATRIX.items():
        rows.append(
            f"| `{action}` | " + " | ".join("✓" if r in roles else "" for r in ROLES) + " |"
        )
    rows.append("| **scope** | " + " | ".join(SCOPE[r] for r in ROLES) + " |")  # type: ignore[index]
    return "\n".join(rows)


def test_the_security_doc_lists_every_action_and_role_as_the_matrix_grants_them() -> None:
    found = re.search(
        r"<!-- roles-matrix:.*?-->\n(.*?)\n<!-- /roles-matrix -->", DOC.read_text(), re.S
    )
    assert found is not None, "docs/security.md lost its roles-matrix markers"
    assert found.group(1).strip() == _table()
