"""Refusals: what a service says when it will not do what was asked, in both languages.

Domain code raises a `RefusalError` (or a subclass) with a kind and a reason in Indonesian
(`pesan`) and English (`message`); it knows nothing of HTTP. The shared error handlers
(`umkm_shared.service.problems`) turn every refusal into the platform's one error shape,
RFC 9457 `application/problem+json`, with the status its kind names.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

RefusalKind = Literal[
    "invalid", "not_found", "conflict", "unauthenticated", "forbidden", "unavailable"
]


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of the input, without echoing its value."""

    field: str
    pesan: str
    message: str


class RefusalError(Exception):
    """A refused command or an unknown object, with a reason a clerk can act on.

    `extra` are further members of the answer (e.g. `existing_sme_id`, `current_state`);
    `headers` go on the HTTP answer (e.g. `Location`, `Retry-After`).
    Never put submitted personal data (a NIK) into any of them.
    """

    def __init__(
        self,
        kind: RefusalKind,
        pesan: str,
        message: str,
        *,
        errors: Sequence[FieldProblem] = (),
        extra: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{pesan} / {message}")
        self.kind: RefusalKind = kind
        self.pesan = pesan
        self.message = message
        self.errors = tuple(errors)
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})
