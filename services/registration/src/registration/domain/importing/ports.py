"""What the importer needs of the registration service and of the register's known keys."""

from collections.abc import Sequence
from typing import Protocol

from registration.domain.commands import RegisterSme
from registration.domain.errors import DuplicateSmeError, InvalidRegistrationError

Registered = str | DuplicateSmeError | InvalidRegistrationError
"""What became of one command of a batch: the new SME id, or why it was not registered."""
Found = tuple[str, str] | None
"""(existing sme_id, "nib" | "owner_business"), or None for an SME not on the register."""


class Registrar(Protocol):
    """What the importer needs of RegistrationService."""

    async def register_many(self, cmds: Sequence[RegisterSme]) -> list[Registered]:
        """Register the commands; per command the new SME id or why not."""
        ...


class KnownKeys(Protocol):
    """The register's natural keys in memory (adapters.importing.known.RegisteredKeys)."""

    def find(self, cmd: RegisterSme) -> Found:
        """(existing sme_id, key) if the command's SME is registered, else None."""
        ...

    def remember(self, cmd: RegisterSme, sme_id: str) -> None:
        """Note an SME registered since the keys were read."""
        ...
