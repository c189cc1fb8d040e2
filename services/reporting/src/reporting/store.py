"""The port the projector writes through; MongoStore adapts it, tests use an in-memory fake."""

from abc import ABC, abstractmethod
from typing import Any

Doc = dict[str, Any]


class ConcurrentWriteError(Exception):
    """Another writer changed the document between our read and our write: retry the event."""


class ReadModelStore(ABC):
    """Whole-document reads and compare-and-set writes of read-model documents."""

    @abstractmethod
    async def get(self, collection: str, doc_id: str) -> Doc | None:
        """The document, or None."""

    @abstractmethod
    async def put(self, collection: str, doc: Doc, previous: Doc | None) -> None:
        """Store `doc` if the stored one is still `previous`; else ConcurrentWriteError."""
