"""MongoDB client construction (PyMongo's async API; runs on MongoDB and on FerretDB v1)."""

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, OperationFailure

Document = dict[str, Any]


def connect(url: str) -> AsyncMongoClient[Document]:
    """A client with timeouts short enough that an outage surfaces as an error, not a hang."""
    return AsyncMongoClient(url, serverSelectionTimeoutMS=5000, tz_aware=True)


def database(client: AsyncMongoClient[Document], name: str) -> AsyncDatabase[Document]:
    """The service's own database."""
    return client.get_database(name)


def is_duplicate_key(error: OperationFailure) -> bool:
    """A unique-index violation (FerretDB v1 reports one in an update only in its text)."""
    return isinstance(error, DuplicateKeyError) or "UNIQUE constraint failed" in str(error)
