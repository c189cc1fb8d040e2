"""Building the registration service from settings: one recipe for the API and the import CLI."""

from datetime import UTC, datetime

from pymongo import AsyncMongoClient

from registration.adapters.nik_vault import NikVault
from registration.adapters.repository import SmeRepository
from registration.config import RegistrationSettings
from registration.service import RegistrationService
from umkm_shared.messaging.keyed_lock import KeyedLocks
from umkm_shared.mongo import Document


async def build_service(
    settings: RegistrationSettings, client: AsyncMongoClient[Document], locks: KeyedLocks
) -> RegistrationService:
    """The service over the configured database, its indexes ensured."""
    repository = SmeRepository(
        client.get_database(settings.mongodb_database)["smes"],
        NikVault(settings.nik_encryption_key.get_secret_value()),
        locks,
    )
    await repository.ensure_indexes()
    return RegistrationService(
        repository=repository,
        topics=settings.topics,
        pseudonym_key=settings.nik_pseudonym_key.get_secret_value().encode(),
        clock=lambda: datetime.now(UTC),
    )
