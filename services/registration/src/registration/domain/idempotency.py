"""Idempotency keys: a retry must repeat the request it retries (the IETF idempotency draft)."""

import hashlib
import hmac
import json
from dataclasses import asdict

from registration.domain.commands import RegisterSme


def fingerprint(cmd: RegisterSme, key: bytes) -> str:
    """A keyed hash of the command as canonical JSON, stored with the key it came with.

    Equal for equal requests whatever their key order or spacing; keyed like the NIK
    pseudonym, since the command holds the NIK and a plain hash could be guessed back.
    A `joined_on` left out is left out of the hash: keys stored before it existed still match.
    """
    fields = asdict(cmd)
    if fields["joined_on"] is None:
        del fields["joined_on"]
    canonical = json.dumps(fields, sort_keys=True, default=str, separators=(",", ":"))
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()
