"""The register's natural keys, read once, so rows of known SMEs need no write of their own.

A shortcut only: the database's unique indexes refuse duplicates by themselves, and the
importer maps each refusal back to its row. But a re-run of a 13,000-row file would then
prepare every SME (validate, encrypt the NIK, build its event) only to have the insert
refused. One read of every SME's keys takes about a second and some 0.4 KB of memory per
registered SME. The keys are the repository's own: NIB, owner + name.
"""

from registration.adapters.documents import owner_business_key
from registration.adapters.repository import SmeRepository
from registration.domain.commands import RegisterSme
from registration.domain.identity import pseudonymise
from registration.domain.importing.ports import Found


class RegisteredKeys:
    """NIB -> SME and owner + business name -> SME, for the whole register."""

    def __init__(self, pseudonym_key: bytes) -> None:
        self._pseudonym_key = pseudonym_key
        self._by_nib: dict[str, str] = {}
        self._by_owner: dict[str, str] = {}

    @classmethod
    async def load(cls, repository: SmeRepository, pseudonym_key: bytes) -> "RegisteredKeys":
        """Every registered SME's keys, read in one pass."""
        keys = cls(pseudonym_key)
        projection = {"nib": 1, "owner_business_key": 1}
        async for doc in repository.collection.find({}, projection):
            if doc.get("nib"):
                keys._by_nib[doc["nib"]] = str(doc["_id"])
            if doc.get("owner_business_key"):
                keys._by_owner[doc["owner_business_key"]] = str(doc["_id"])
        return keys

    def _owner_key(self, cmd: RegisterSme) -> str:
        pseudonym = pseudonymise(cmd.owner_nik, self._pseudonym_key)
        return owner_business_key(pseudonym, cmd.business_name.strip())

    def find(self, cmd: RegisterSme) -> Found:
        """The SME this command is already registered as, and by which key; else None."""
        if cmd.nib and cmd.nib in self._by_nib:
            return self._by_nib[cmd.nib], "nib"
        if (sme_id := self._by_owner.get(self._owner_key(cmd))) is not None:
            return sme_id, "owner_business"
        return None

    def remember(self, cmd: RegisterSme, sme_id: str) -> None:
        """Add an SME registered since the keys were read."""
        if cmd.nib:
            self._by_nib[cmd.nib] = sme_id
        self._by_owner[self._owner_key(cmd)] = sme_id
