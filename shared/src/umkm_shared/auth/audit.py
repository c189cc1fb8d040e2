"""The actor of the command being handled, for the events it produces.

`require(action)` records the authenticated caller as the request's actor; the outbox
(`umkm_shared.messaging.outbox.outbox_entries`) stamps it on every event of the write that
declares an `actor` field. Work spawned by a request (a file import) keeps its actor: a new
task copies the context. An override route adds its reason with `note_reason`.
"""

from contextvars import ContextVar

from umkm_shared.auth.caller import ROLES, Caller
from umkm_shared.auth.matrix import MATRIX
from umkm_shared.contracts.audit import Actor

_actor: ContextVar[Actor | None] = ContextVar("actor", default=None)


def actor_of(caller: Caller, action: str) -> Actor:
    """The actor `caller` is when doing `action`: the first of its roles that holds it."""
    granting = [role for role in ROLES if role in caller.roles and role in MATRIX[action]]
    return Actor(subject=caller.subject, role=granting[0], client_id=caller.client_id)


def record(actor: Actor) -> None:
    """Make `actor` the actor of the current request (and of tasks it starts)."""
    _actor.set(actor)


def note_reason(reason: str) -> None:
    """Add the caller's reason (an override) to the current actor."""
    actor = _actor.get()
    if actor is not None:
        _actor.set(actor.model_copy(update={"reason": reason}))


def current_actor() -> Actor | None:
    """The actor of the command being handled; None in event handlers and background work."""
    return _actor.get()
