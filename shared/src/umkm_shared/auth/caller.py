"""Who is calling: the roles and scope claims of a validated access token."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from umkm_shared.contracts.audit import ACTOR_ROLES, ActorRole

Role = ActorRole
"""The platform's roles (the contracts' actor roles: one list)."""
ROLES: tuple[Role, ...] = ACTOR_ROLES
REGION_CODE = re.compile(r"^\d{2}(\.\d{2})?$")
"""The unit a scope claim may name: the province (`32`) or a kabupaten/kota (`32.16`)."""


@dataclass(frozen=True)
class Caller:
    """The authenticated caller; `name` is for the dashboard's header only, never for events."""

    subject: str
    roles: frozenset[Role]
    kabupaten_code: str | None = None
    """The caller's region: a kabupaten/kota, or `32`, the province (a provincial viewer)."""
    mentor_id: str | None = None
    coordinator_id: str | None = None
    partner_id: str | None = None
    client_id: str | None = None
    name: str | None = field(default=None, repr=False)

    def has(self, role: Role) -> bool:
        """Whether the token grants `role`."""
        return role in self.roles


DEV_CALLER = Caller(subject="dev-open-access", roles=frozenset({"admin_provinsi"}))
"""Everybody, when a dev deployment runs without an issuer (see `AuthSettings`)."""


def _text(claims: Mapping[str, Any], name: str) -> str | None:
    # Keycloak maps a user attribute as a string, or as a list when multivalued.
    value = claims.get(name)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value if isinstance(value, str) and value else None


def _roles(claims: Mapping[str, Any]) -> frozenset[Role]:
    realm_access = claims.get("realm_access")
    named: list[object] = []
    if isinstance(realm_access, Mapping) and isinstance(realm_access.get("roles"), list):
        named += realm_access["roles"]
    if isinstance(claims.get("roles"), list):  # providers that put roles at the top level
        named += claims["roles"]
    # Keycloak adds its own roles (offline_access, default-roles-…): only the platform's count.
    return frozenset(role for role in ROLES if role in named)


def caller_from_claims(claims: Mapping[str, Any]) -> Caller:
    """The caller named by validated claims; a malformed scope claim grants nothing."""
    kabupaten = _text(claims, "kabupaten_code")
    return Caller(
        subject=str(claims["sub"]),
        roles=_roles(claims),
        kabupaten_code=kabupaten if kabupaten and REGION_CODE.match(kabupaten) else None,
        mentor_id=_text(claims, "mentor_id"),
        coordinator_id=_text(claims, "coordinator_id"),
        partner_id=_text(claims, "partner_id"),
        client_id=_text(claims, "azp") or _text(claims, "client_id"),
        name=_text(claims, "preferred_username"),
    )
