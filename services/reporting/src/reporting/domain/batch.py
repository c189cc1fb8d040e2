"""A batch of changes to one collection folded in memory, in order, over the stored documents."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reporting.domain.routing import Change
from reporting.domain.values import Doc


@dataclass(frozen=True)
class Planned:
    """One event's change and the aggregate version it carries."""

    change: Change
    version: int


@dataclass
class Folded:
    """The documents a batch changed, and each event's outcome by document."""

    docs: dict[str, Doc] = field(default_factory=dict)
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    """(document id, "applied" or "duplicate") per event, in batch order."""


def fold_batch(planned: Sequence[Planned], stored: Mapping[str, Doc]) -> Folded:
    """Fold every change in order; a version a document has seen already changes nothing."""
    folded = Folded()
    finish: dict[str, Change] = {}
    for p in planned:
        doc_id = p.change.doc_id
        current = folded.docs.get(doc_id, stored.get(doc_id))
        if p.change.already_applied(current, p.version):
            folded.outcomes.append((doc_id, "duplicate"))
            continue
        folded.docs[doc_id] = p.change.next_document(current, p.version)
        folded.outcomes.append((doc_id, "applied"))
        finish[doc_id] = p.change
    folded.docs = {i: finish[i].finish(doc) for i, doc in folded.docs.items()}
    return folded
