"""MongoDB client construction (PyMongo's async API)."""

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

Document = dict[str, Any]


def connect(url: str) -> AsyncMongoClient[Document]:
    """A client with timeouts short enough that an outage surfaces as an error, not a hang."""
    return AsyncMongoClient(url, serverSelectionTimeoutMS=5000, tz_aware=True)


def database(client: AsyncMongoClient[Document], name: str) -> AsyncDatabase[Document]:
    """The service's own database."""
    return client.get_database(name)


DUPLICATE_KEY = 11000
"""The error code of a unique-index violation, from an insert or an update alike."""


def refused_as_duplicates(error: BulkWriteError) -> list[int] | None:
    """Positions (in the bulk's order) of the operations a unique index refused.

    None if anything else failed too: then the caller re-raises.
    """
    details = error.details
    errors = details.get("writeErrors", [])
    if details.get("writeConcernErrors") or any(e.get("code") != DUPLICATE_KEY for e in errors):
        return None
    return [e["index"] for e in errors]
