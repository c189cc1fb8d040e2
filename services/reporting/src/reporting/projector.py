"""Routes decoded events to read-model writes; unknown event types are skipped (tolerant)."""

from reporting.read_models import SmeReadModel
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.messaging.consumer import typed_data


class Projector:
    """Applies each event to the read models exactly once in effect."""

    def __init__(self, smes: SmeReadModel) -> None:
        self._smes = smes

    async def apply(self, event: RawCloudEvent) -> None:
        """Apply one event; PoisonMessageError if its data does not match its declared type."""
        data = typed_data(event)
        if isinstance(data, SMERegistered):
            await self._smes.apply_registered(data, event.aggregateversion)
