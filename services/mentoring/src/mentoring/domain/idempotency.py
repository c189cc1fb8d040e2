"""Idempotency keys: a retried command is answered, not applied twice (IETF idempotency draft).

The keys an SME's commands came with live in the SME's own state, so a key and the change it
guards are stored by the same conditional write: together or not at all, whichever replica
the retry reaches.
"""

import hashlib
import json

from pydantic import BaseModel

from mentoring.domain.errors import RequestRepeatedError, idempotency_key_reused
from mentoring.domain.mentee import Mentee
from mentoring.domain.values import Handled

KEPT = 200
"""Keys remembered per SME (the oldest go first): retries come within minutes, not months."""


def fingerprint(kind: str, cohort_id: str, body: BaseModel) -> str:
    """A hash of the request as canonical JSON: equal for equal requests, whatever the spacing."""
    request = {"kind": kind, "cohort_id": cohort_id, "body": body.model_dump(mode="json")}
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def not_repeated(mentee: Mentee, key: str | None, request: str) -> None:
    """Refuse a retry: RequestRepeatedError with the first result, or 422 for another request."""
    for earlier in mentee.handled if key is not None else ():
        if earlier.key == key:
            if earlier.fingerprint != request:
                raise idempotency_key_reused()
            raise RequestRepeatedError(earlier.result)


def remembered(mentee: Mentee, key: str | None, request: str, result: str) -> Mentee:
    """The SME holding one more key (none without a key), the oldest dropped past `KEPT`."""
    if key is None:
        return mentee
    done = Handled(key=key, fingerprint=request, result=result)
    return mentee.model_copy(update={"handled": (*mentee.handled, done)[-KEPT:]})
