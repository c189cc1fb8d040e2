"""Idempotency keys on proposals: a retried proposal is answered, not stored twice.

A keyed proposal's id is derived from the partner and the key, so every retry, on any
replica, inserts the same document: the store's unique `_id` lets one insert win, and the
request hash stored beside it tells a retry (200) from another request under the key (422).
"""

import hashlib
import json
from dataclasses import asdict
from typing import NoReturn

from partnership.domain import errors
from partnership.domain.commands import ProposePartnership
from partnership.domain.partnership import Partnership
from umkm_shared.errors import RefusalError

MAX_KEY_LENGTH = 200
"""As registration's and mentoring's Idempotency-Key."""


def partnership_id(partner_id: str, key: str) -> str:
    """The id of the partnership proposed to `partner_id` under `key`, e.g. `partnership-…`."""
    digest = hashlib.sha256(json.dumps([partner_id, key]).encode()).hexdigest()
    return f"partnership-{digest[:12]}"


def fingerprint(partner_id: str, cmd: ProposePartnership) -> str:
    """A hash of the request as canonical JSON: equal for equal requests, whatever the spacing."""
    request = {"partner_id": partner_id, "body": asdict(cmd)}
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class ProposalRepeatedError(RefusalError):
    """A retry of a proposal already stored: the route answers it (200)."""

    def __init__(self, partnership: Partnership) -> None:
        super().__init__("conflict", "Permintaan ini sudah diproses", "This request was handled")
        self.partnership = partnership


def refuse_repeat(found: Partnership, stored: str | None, request: str) -> NoReturn:
    """A keyed proposal whose id is taken: the first result (to answer 200), or 422."""
    if stored != request:
        raise errors.invalid(
            "Idempotency-Key",
            "Idempotency-Key ini sudah dipakai untuk data yang berbeda; gunakan kunci baru",
            "This Idempotency-Key was used with a different request body; use a new key",
        )
    raise ProposalRepeatedError(found)
