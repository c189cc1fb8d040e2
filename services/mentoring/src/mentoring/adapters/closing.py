"""Closing a cohort without a transaction: three steps, each one conditional write per document.

1. The cohort goes `open` -> `closing` by compare-and-set (`MentoringService.close_cohort`).
   From then every command in it is refused and no enrollment is admitted into it
   (`Cohorts.admit` is conditional on `open`, and an enrollment is admitted after its SME is
   read and before it is written).
2. Every SME of the cohort, enrolled or admitted, is frozen by a compare-and-set on its own
   revision (`MenteeWriter.freeze_in`). A write decided on an SME before its freeze loses its
   compare-and-set; decided again it is refused (a command) or keeps the upstream fact without
   graduating (the consumer's path). So nothing changes in the cohort after step 2.
3. The counts are taken from the frozen SMEs themselves, the cohort summaries re-asserted from
   them, and the cohort goes `closing` -> `closed` with CohortClosed in its outbox, in one
   write conditional on its revision.

Every step may be done again, by any replica, at any time: a close interrupted between steps
(its process killed) is finished by closing again, or by `finish_stuck_closes`, which the
repair loop runs on every replica.
"""

import asyncio
import logging

from mentoring.adapters.contracts import to_outbox
from mentoring.adapters.sme_writer import MenteeWriter
from mentoring.domain import cohort as cohorts
from mentoring.domain.cohort import CLOSED_VERSION, Cohort
from mentoring.domain.footprint import footprint
from umkm_shared.store import ConcurrentUpdateError

log = logging.getLogger(__name__)
CONCURRENT_SMES = 16


async def finish_closing(writer: MenteeWriter, cohort_id: str) -> Cohort | None:
    """Steps 2 and 3 for a `closing` cohort; returns the cohort as it then is (None: unknown)."""
    cohort, revision = await writer.cohorts.load(cohort_id)
    if cohort is None or cohort.status != "closing" or cohort.closed_on is None:
        return cohort
    closed_on = cohort.closed_on
    # Read after step 1, so complete: an enrollment not yet written was admitted before it.
    sme_ids = set(await writer.cohorts.admitted(cohort_id))
    sme_ids |= set(await writer.mentees.enrolled_in(cohort_id))
    members: set[str] = set()
    graduates: set[str] = set()
    gate = asyncio.Semaphore(CONCURRENT_SMES)

    async def freeze(sme_id: str) -> None:
        async with gate:
            frozen = await writer.freeze_in(sme_id, cohort_id, closed_on)
            mark = footprint(frozen) if frozen is not None else None
            if mark is None or cohort_id not in mark.members:
                return  # admitted, but its enrollment was never written
            members.add(sme_id)
            await writer.summaries.enrolled(cohort_id, sme_id, mark.members[cohort_id])
            if cohort_id in mark.graduates:
                graduates.add(sme_id)
                await writer.summaries.graduated(cohort_id, sme_id)

    try:
        async with asyncio.TaskGroup() as group:
            for sme_id in sorted(sme_ids):
                group.create_task(freeze(sme_id))
    except ExceptionGroup as failed:  # the first refusal, as is (a 409 stays a 409)
        raise failed.exceptions[0] from failed
    closed, events = cohorts.close_cohort(
        cohort, writer.clock(), enrolled=len(members), graduated=len(graduates)
    )
    outbox = to_outbox(writer.topics, events, CLOSED_VERSION - 1)
    try:
        await writer.cohorts.save(cohort_id, closed, revision, outbox)
    except ConcurrentUpdateError:  # another replica finished this close first
        return (await writer.cohorts.load(cohort_id))[0]
    return closed


async def finish_stuck_closes(writer: MenteeWriter) -> int:
    """Finish every cohort left `closing` (its closer died); returns how many were finished."""
    stuck = await writer.cohorts.closing()
    for cohort_id in stuck:
        await finish_closing(writer, cohort_id)
    if stuck:
        log.info("finished closing %d cohorts", len(stuck))
    return len(stuck)
