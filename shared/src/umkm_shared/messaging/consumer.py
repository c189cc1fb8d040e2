"""Reading an event's data as its catalogue model: what every consumer does with a message."""

from pydantic import BaseModel, ValidationError

from umkm_shared.contracts.catalogue import CATALOGUE
from umkm_shared.contracts.envelope import RawCloudEvent
from umkm_shared.messaging.dead_letters import PoisonMessageError, describe_validation_error


def typed_data(event: RawCloudEvent) -> BaseModel | None:
    """`data` as its catalogue model; None for a type this platform does not know (skip it)."""
    spec = CATALOGUE.get(event.type)
    if spec is None:
        return None
    try:
        return spec.model.model_validate(event.data)
    except ValidationError as exc:
        raise PoisonMessageError(
            f"{event.type} {event.id}: {describe_validation_error(exc)}"
        ) from None
