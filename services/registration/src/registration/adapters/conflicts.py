"""Which registered SME a refused write clashes with, found with one query for many writes."""

from collections.abc import Sequence

from pymongo.asynchronous.collection import AsyncCollection

from registration.adapters.documents import Doc
from registration.domain.errors import DuplicateSmeError

FINGERPRINT = "idempotency_fingerprint"  # the request that first came with the idempotency key
# The unique keys in the order a clash is reported, with the name DuplicateSmeError uses.
UNIQUE_KEYS = {
    "idempotency_key": "idempotency_key",
    "nib": "nib",
    "owner_business_key": "owner_business",
}


class UnknownConflictError(RuntimeError):
    """The store refused a unique key, but no other SME holds any of the keys."""


async def find_conflicts(
    collection: AsyncCollection[Doc], refused: Sequence[Doc]
) -> list[DuplicateSmeError | UnknownConflictError]:
    """For each refused document (with `_id` and its keys), the SME it clashes with."""
    wanted = {
        key: list({doc[key] for doc in refused if doc.get(key) is not None}) for key in UNIQUE_KEYS
    }
    clauses = [{key: {"$in": values}} for key, values in wanted.items() if values]
    holders: dict[tuple[str, object], Doc] = {}
    if clauses:
        own = [doc["_id"] for doc in refused]
        query = {"$or": clauses, "_id": {"$nin": own}}
        async for found in collection.find(query, dict.fromkeys([*UNIQUE_KEYS, FINGERPRINT], 1)):
            for key in UNIQUE_KEYS:
                if found.get(key) is not None:
                    holders[key, found[key]] = found
    return [_conflict(doc, holders) for doc in refused]


def _conflict(
    doc: Doc, holders: dict[tuple[str, object], Doc]
) -> DuplicateSmeError | UnknownConflictError:
    for key, field in UNIQUE_KEYS.items():
        holder = holders.get((key, doc.get(key)))
        if doc.get(key) is not None and holder is not None:
            fingerprint = holder.get(FINGERPRINT) if key == "idempotency_key" else None
            return DuplicateSmeError(str(holder["_id"]), field, fingerprint)
    return UnknownConflictError("unique index violation on an unknown key")
