"""Topic naming: `umkm-juara.<context>.v<major>`; dead letters per consumer group.

A breaking change to a context's events needs a new major version and so a new topic;
consumers move over while the old topic keeps its history.
"""

from dataclasses import dataclass
from enum import StrEnum


class Context(StrEnum):
    """The bounded contexts that publish events."""

    REGISTRATION = "registration"
    MENTORING = "mentoring"
    PARTNERSHIP = "partnership"
    # Its own topic so that Bank Jabar's access can be granted on it alone.
    BANK_FEED = "bankjabar-feed"


MAJOR_VERSION = 1


@dataclass(frozen=True)
class TopicNames:
    """Topic names, optionally under a namespace (tests use one per test for isolation)."""

    namespace: str = ""

    def events(self, context: Context, major: int = MAJOR_VERSION) -> str:
        """The event topic of a bounded context."""
        return f"{self.namespace}umkm-juara.{context.value}.v{major}"

    def dead_letter(self, consumer_group: str) -> str:
        """The dead-letter topic of one consumer group."""
        return f"{self.namespace}umkm-juara.dlt.{consumer_group}"
