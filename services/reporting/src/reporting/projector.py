"""Routes decoded envelopes to read-model writes; unknown event types are skipped (tolerant)."""

import logging

from pydantic import ValidationError

from reporting.read_models import SmeReadModel
from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.contracts.registration import SMERegistered
from umkm_shared.messaging.dead_letters import PoisonMessageError, describe_validation_error

log = logging.getLogger(__name__)


class Projector:
    """Applies each event to the read models exactly once in effect."""

    def __init__(self, smes: SmeReadModel) -> None:
        self._smes = smes

    async def apply(self, event: RawCloudEvent) -> None:
        """Apply one event; PoisonMessageError if its data does not match its declared type."""
        spec = CATALOGUE.get(event.type)
        if spec is None:
            log.info("skipping unknown event type %s (id %s)", event.type, event.id)
            return
        try:
            data = spec.model.model_validate(event.data)
        except ValidationError as exc:
            raise PoisonMessageError(
                f"{event.type} {event.id}: {describe_validation_error(exc)}"
            ) from None
        if isinstance(data, SMERegistered):
            await self._smes.apply_registered(data, event.aggregateversion)
