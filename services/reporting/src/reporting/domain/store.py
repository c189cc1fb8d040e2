"""The port the projector writes through; MongoStore adapts it, unit tests use an in-memory fake."""

from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reporting.domain.values import Doc


@dataclass(frozen=True)
class Write:
    """A folded document and the stored one it was folded from (None: a new document)."""

    doc: Doc
    previous: Doc | None


class ReadModelStore(ABC):
    """Documents loaded many at a time and written many at a time, each compare-and-set."""

    @abstractmethod
    async def load(self, collection: str, ids: Collection[str]) -> dict[str, Doc]:
        """The stored documents with these ids, by id (ids with no document are left out)."""

    @abstractmethod
    async def find(self, collection: str, field: str, values: Collection[str]) -> dict[str, Doc]:
        """The stored documents whose `field` is one of `values`, by id (a bounded set: the
        SMEs of a few cohorts)."""

    @abstractmethod
    async def save(self, collection: str, writes: Sequence[Write]) -> set[str]:
        """Store each write whose stored document is still its `previous`.

        Returns the ids whose write lost to another writer: re-read and re-fold those.
        """
