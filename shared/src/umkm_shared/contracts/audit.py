"""Who did it: the audit actor every command's events carry (optional in the v1 contracts).

The actor is the access token's subject (an opaque id of the identity provider), the role
that allowed the command and, for an override, the reason given. Never a name, an e-mail or
a NIK: consumers that need a person resolve the subject at the identity provider, under its
own access rules. Events a service emits because of another event (not a command) carry no
actor; their `causationid` names the event that caused them.
"""

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

ActorRole = Literal[
    "admin_provinsi", "dinas_kabupaten", "coordinator", "mentor", "partner", "bank", "viewer"
]
ACTOR_ROLES: tuple[ActorRole, ...] = get_args(ActorRole)


class Actor(BaseModel):
    """The authenticated caller whose command produced the event."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    subject: str = Field(
        min_length=1,
        max_length=255,
        description="The `sub` of the caller's access token: an opaque id, never a name.",
        examples=["3f0c6f8e-6a0b-4f0e-9d55-0f5b7b1c2a10"],
    )
    role: ActorRole = Field(description="The role that allowed the command.", examples=["mentor"])
    client_id: str | None = Field(
        default=None,
        max_length=255,
        description="The OAuth2 client the call came through (`azp`), if the token names one.",
        examples=["umkm-dashboard"],
    )
    reason: str | None = Field(
        default=None,
        max_length=500,
        description="For an override: the reason the caller gave.",
        examples=["Naik kelas dibuktikan laporan keuangan audit 2022"],
    )


class Audited(BaseModel):
    """Base of every event a command can produce: adds the optional `actor`."""

    actor: Actor | None = Field(
        default=None,
        description=(
            "Who issued the command that produced this event (token subject and role, never a "
            "name); absent on events caused by other events and on events from before v1.1."
        ),
    )
