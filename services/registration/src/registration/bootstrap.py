"""Building the registration service from settings: one recipe for the API and the import CLI."""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

from registration.adapters.nik_vault import NikVault
from registration.adapters.repository import SmeRepository
from registration.config import RegistrationSettings
from registration.service import RegistrationService
from umkm_shared.mongo import Document

SmeCollection = AsyncCollection[Document]


def smes(settings: RegistrationSettings, client: AsyncMongoClient[Document]) -> SmeCollection:
    """The SME collection (the outbox relay drains it)."""
    return client.get_database(settings.mongodb_database)["smes"]


async def build_service(
    settings: RegistrationSettings,
    client: AsyncMongoClient[Document],
    on_events: Callable[[Iterable[object]], None] | None = None,
) -> RegistrationService:
    """The service over the configured database, its indexes ensured.

    `on_events` wakes this process's outbox relay after a write that stored events.
    """
    vault = NikVault(settings.nik_encryption_key.get_secret_value())
    repository = SmeRepository(smes(settings, client), vault, on_events)
    await repository.ensure_indexes()
    return RegistrationService(
        repository=repository,
        topics=settings.topics,
        pseudonym_key=settings.nik_pseudonym_key.get_secret_value().encode(),
        clock=lambda: datetime.now(UTC),
    )
