"""Which document one event changes, under which guard, and how: the projection plan."""

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from reporting.domain.directory import fold_reference
from reporting.domain.partnerships import fold_partnership
from reporting.domain.sme_mentoring import fold_mentoring
from reporting.domain.sme_registration import fold_registration
from reporting.domain.sme_view import sme_document
from reporting.domain.values import Doc
from umkm_shared.contracts.mentoring import CohortClosed, CohortOpened, MentorRegistered
from umkm_shared.contracts.partnership import PartnerRegistered
from umkm_shared.contracts.topics import Context

SMES, PARTNERSHIPS, MENTORS, COHORTS, PARTNERS = (
    "smes",
    "partnerships",
    "mentors",
    "cohorts",
    "partners",
)
COLLECTIONS = (SMES, PARTNERSHIPS, MENTORS, COHORTS, PARTNERS)

_REFERENCE: dict[type[BaseModel], tuple[str, str]] = {
    MentorRegistered: (MENTORS, "mentor_id"),
    CohortOpened: (COHORTS, "cohort_id"),
    CohortClosed: (COHORTS, "cohort_id"),
    PartnerRegistered: (PARTNERS, "partner_id"),
}


def _field(data: BaseModel, name: str) -> str:
    return str(getattr(data, name))


def _as_is(doc: Doc) -> Doc:
    return doc


@dataclass(frozen=True)
class Change:
    """One event's effect: a single document, guarded by the last version applied to it."""

    collection: str
    doc_id: str
    guard: str
    """Key under the document's `applied` map: the event's context (one subject per key)."""
    fold: Callable[[Doc | None], Doc]
    finish: Callable[[Doc], Doc] = _as_is
    """Derives what the folded state implies; run once per document after a batch's folds."""

    def already_applied(self, current: Doc | None, version: int) -> bool:
        """True if this version, or a later one, is in the document already."""
        return current is not None and current.get("applied", {}).get(self.guard, 0) >= version

    at: str = ""
    """When the event was processed (its CloudEvents `time`, ISO in WIB)."""

    def next_document(self, current: Doc | None, version: int) -> Doc:
        """The document with the event folded in AND the version recorded: one write.

        `seen_at` is the newest processing time folded in (order-free: a maximum), which
        tells readers how fresh the data is.
        """
        doc = self.fold(current)
        doc["applied"] = {**(current or {}).get("applied", {}), self.guard: version}
        doc["seen_at"] = max((current or {}).get("seen_at") or "", self.at)
        return doc


def _sme_view(doc: Doc) -> Doc:
    view = sme_document(doc["_id"], doc.get("applied", {}), doc["reg"], doc["men"])
    return {**view, "seen_at": doc.get("seen_at", "")}


def _sme_change(sme_id: str, context: Context, data: BaseModel, at: str) -> Change:
    def fold(current: Doc | None) -> Doc:
        doc: Doc = dict(current) if current else {"_id": sme_id, "reg": None, "men": None}
        if context is Context.REGISTRATION:
            doc["reg"] = fold_registration(doc["reg"], data, at)
        else:
            doc["men"] = fold_mentoring(doc["men"], data, at)
        return doc  # the flat fields are derived once per batch, by `finish`

    return Change(SMES, sme_id, context.value, fold, _sme_view, at)


def plan(context: Context, data: BaseModel, at: str = "") -> Change | None:
    """The change one decoded event makes; None for events this service does not project.

    `at` is the event's processing time (ISO in WIB), kept beside the programme dates.
    """
    reference = _REFERENCE.get(type(data))
    if reference is not None:
        collection, id_field = reference
        ref_id = _field(data, id_field)
        return Change(
            collection, ref_id, context.value, lambda cur: fold_reference(cur, data), at=at
        )
    if context is Context.PARTNERSHIP:
        pid, sme_id = _field(data, "partnership_id"), _field(data, "sme_id")
        return Change(
            PARTNERSHIPS,
            pid,
            context.value,
            lambda cur: fold_partnership(cur, pid, sme_id, data),
            at=at,
        )
    if context in (Context.REGISTRATION, Context.MENTORING):
        return _sme_change(_field(data, "sme_id"), context, data, at)
    return None
