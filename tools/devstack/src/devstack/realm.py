"""The dev realm file `umkm-juara` (resources/keycloak): its version and its demo users."""

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

REALM = "umkm-juara"
AUDIENCE = "umkm-juara-api"
_RESOURCE = f"resources/keycloak/{REALM}-realm.json"


def realm_text() -> str:
    """The realm file as Keycloak imports it (the same file docker-compose mounts)."""
    return resources.files("devstack").joinpath(_RESOURCE).read_text()


def realm_digest() -> str:
    """A short digest of the realm file: a changed file gets a new seed database."""
    return hashlib.sha256(realm_text().encode()).hexdigest()[:12]


def _realm() -> dict[str, Any]:
    realm: dict[str, Any] = json.loads(realm_text())
    return realm


@dataclass(frozen=True)
class DemoUser:
    """A dev-realm user with a password: one per role of the matrix."""

    username: str
    password: str
    roles: tuple[str, ...]
    attributes: dict[str, str]


def demo_users() -> list[DemoUser]:
    """The realm's users who log in with a password (service accounts have none)."""
    users = []
    for user in _realm()["users"]:
        passwords = [c["value"] for c in user.get("credentials", []) if c["type"] == "password"]
        if passwords:
            attributes = {k: v[0] for k, v in user.get("attributes", {}).items()}
            users.append(
                DemoUser(user["username"], passwords[0], tuple(user["realmRoles"]), attributes)
            )
    return users


def client_secret(client_id: str) -> str:
    """The dev secret of a confidential client (machine callers: bank-jabar, provincial-system)."""
    client = next(c for c in _realm()["clients"] if c["clientId"] == client_id)
    return str(client["secret"])


def describe_demo_users() -> str:
    """Lines for `./dev up`: each demo user, their role, scope attributes and password."""
    lines = [f"demo users of realm {REALM} (dev realm only; never import it into production):"]
    for user in demo_users():
        scope = " ".join(f"{k}={v}" for k, v in sorted(user.attributes.items()))
        lines.append(
            f"  {user.username:<19} {','.join(user.roles):<16} {scope:<46} password {user.password}"
        )
    return "\n".join(lines)
