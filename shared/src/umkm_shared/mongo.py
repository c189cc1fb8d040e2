"""MongoDB client construction (PyMongo's async API)."""

from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

Document = dict[str, Any]


def connect(url: str) -> AsyncMongoClient[Document]:
    """A client with timeouts short enough that an outage surfaces as an error, not a hang."""
    return AsyncMongoClient(url, serverSelectionTimeoutMS=5000, tz_aware=True)


def database(client: AsyncMongoClient[Document], name: str) -> AsyncDatabase[Document]:
    """The service's own database."""
    return client.get_database(name)


def is_duplicate_key(error: BaseException) -> bool:
    """A unique-index violation (code 11000), from an insert or an update alike."""
    return isinstance(error, DuplicateKeyError)
