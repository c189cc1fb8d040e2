"""Repair: apply the moves a process that died (or failed) after an SME write left undone.

The SME document is the truth and every note is idempotent, so the repair re-asserts each
flagged SME's whole footprint (memberships, graduations, mentor places) and clears the flag
unless the SME was written again meanwhile. Freed places are not replayed here: a place left
behind is a phantom, which `MentorLoads` clears when it matters (at the cap). It runs at
start-up and then every `REPAIR_EVERY` seconds, for moves a live process failed to apply;
the periodic turn also finishes cohort closes left half-done (see adapters/closing.py).
"""

import asyncio
import contextlib
import logging

from mentoring.adapters.closing import finish_stuck_closes
from mentoring.adapters.ports import Place
from mentoring.adapters.sme_writer import MenteeWriter
from mentoring.domain.footprint import footprint

log = logging.getLogger(__name__)
REPAIR_EVERY = 60.0


async def repair_moves(writer: MenteeWriter) -> int:
    """Re-apply the footprint of every flagged SME; returns how many were repaired."""
    pending = await writer.mentees.with_moves_pending()
    for sme_id in pending:
        mentee, revision = await writer.mentees.load(sme_id)
        if mentee is None:
            continue
        mark = footprint(mentee)
        for cohort_id, kecamatan in mark.members.items():
            await writer.summaries.enrolled(cohort_id, sme_id, kecamatan)
        for cohort_id in mark.graduates:
            await writer.summaries.graduated(cohort_id, sme_id)
        for cohort_id, mentor_id in mark.mentors.items():
            await writer.summaries.mentor_seen(cohort_id, mentor_id)
            await writer.loads.restore(Place(cohort_id, mentor_id, sme_id, writer.now_ms()))
        await writer.mentees.moves_applied(sme_id, revision)
    if pending:
        log.info("re-applied the cohort counts and mentor places of %d SMEs", len(pending))
    return len(pending)


async def keep_repairing(writer: MenteeWriter, stop: asyncio.Event) -> None:
    """Repair every `REPAIR_EVERY` seconds until `stop` is set (errors wait for the next turn)."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=REPAIR_EVERY)
        if stop.is_set():
            return
        try:
            await repair_moves(writer)
            await finish_stuck_closes(writer)
        except Exception:
            log.exception("repairing counts, places or cohort closes failed; will retry")
