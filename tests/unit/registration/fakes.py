"""In-memory stand-ins for registration's ports: the SME register, reference data, a clock."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from registration.adapters.documents import owner_business_key
from registration.adapters.repository import Outbox, SmeRepository
from registration.domain.errors import DuplicateSmeError
from registration.domain.reference import Region, Rupiah
from registration.domain.sme import Sme
from umkm_shared.store import ConcurrentUpdateError

NOW = datetime(2022, 6, 20, 2, 0, tzinfo=UTC)
KEYS = ("idempotency_key", "nib", "owner_business")  # in the order a clash is reported
REGIONS = {
    "32.16": Region("32.16", "Kabupaten Bekasi", 2),
    "32.16.01": Region("32.16.01", "Tarumajaya", 3),
    "32.16.01.2001": Region("32.16.01.2001", "Pantai Makmur", 4),
}


def fixed_clock() -> datetime:
    """Always the same moment: 20 June 2022, 02:00 UTC."""
    return NOW


class FakeReference:
    """Kabupaten Bekasi, one kecamatan and one desa in it; plain formats."""

    def region(self, code: str) -> Region | None:
        return REGIONS.get(code)

    def nik_is_plausible(self, nik: str) -> bool:
        return nik.startswith("32")

    def phone(self, raw: str) -> str | None:
        digits = raw.replace("-", "").replace(" ", "")
        return "+62" + digits[1:] if digits.startswith("08") and digits.isdigit() else None

    def rupiah(self, raw: str) -> Rupiah | None:
        return Rupiah(int(raw)) if raw.isdigit() else None


class FakeSmeRepository(SmeRepository):
    """SMEs in a dict, unique keys honoured, saves compare-and-set on the version."""

    def __init__(self) -> None:  # no collection, no vault: nothing here touches a database
        self.smes: dict[str, Sme] = {}
        self.holders: dict[tuple[str, str], str] = {}  # (key, value) -> sme_id
        self.outbox: Outbox = []
        self.fingerprints: dict[str, str | None] = {}  # sme_id -> its request's, if keyed
        self.interfering_writes = 0
        """Saves that find another writer got there first (the version moved meanwhile)."""

    def document(
        self,
        sme: Sme,
        outbox: Outbox,
        idempotency_key: str | None,
        *,
        fingerprint: str | None = None,
    ) -> dict[str, Any]:
        keys = {
            "idempotency_key": idempotency_key,
            "nib": sme.licences.nib,
            "owner_business": owner_business_key(sme.nik_pseudonym, sme.business_name),
        }
        return {
            "_id": sme.sme_id,
            "sme": sme,
            "keys": keys,
            "outbox": outbox,
            "fingerprint": fingerprint,
        }

    def _clash(self, doc: dict[str, Any]) -> DuplicateSmeError | None:
        for key in KEYS:
            value = doc["keys"][key]
            holder = self.holders.get((key, value)) if value is not None else None
            if holder is not None and holder != doc["_id"]:
                request = self.fingerprints.get(holder) if key == "idempotency_key" else None
                return DuplicateSmeError(holder, key, request)
        return None

    def _insert(self, doc: dict[str, Any]) -> None:
        self.smes[doc["_id"]] = doc["sme"]
        self.fingerprints[doc["_id"]] = doc["fingerprint"]
        for key, value in doc["keys"].items():
            if value is not None:
                self.holders[key, value] = doc["_id"]
        self.outbox.extend(doc["outbox"])

    async def add(
        self,
        sme: Sme,
        outbox: Outbox,
        idempotency_key: str | None,
        *,
        fingerprint: str | None = None,
    ) -> None:
        doc = self.document(sme, outbox, idempotency_key, fingerprint=fingerprint)
        if (clash := self._clash(doc)) is not None:
            raise clash
        self._insert(doc)

    async def add_many(self, docs: Sequence[dict[str, Any]]) -> list[DuplicateSmeError | None]:
        results: list[DuplicateSmeError | None] = []
        for doc in docs:
            clash = self._clash(doc)
            if clash is None:
                self._insert(doc)
            results.append(clash)
        return results

    async def save(self, sme: Sme, expected_version: int, outbox: Outbox) -> None:
        stored = self.smes[sme.sme_id]
        if self.interfering_writes:
            self.interfering_writes -= 1
            stored = self.smes[sme.sme_id] = replace(stored, version=stored.version + 1)
        if stored.version != expected_version:
            raise ConcurrentUpdateError(sme.sme_id)
        self.smes[sme.sme_id] = sme
        self.outbox.extend(outbox)

    async def load(self, sme_id: str) -> Sme | None:
        return self.smes.get(sme_id)
