"""Many SMEs' changes with one read and one batched write: the upstream consumer's path.

Each SME's decision is made on the state read in the one query and stored conditionally on
that revision. A write lost to another writer (a command on the same SME meanwhile) is done
again through `MenteeWriter.change`, which reads and decides afresh; upstream decisions
remember what they applied, so doing one again never counts twice.
"""

import asyncio
from collections.abc import Mapping

from mentoring.adapters.contracts import to_outbox
from mentoring.adapters.ports import Write
from mentoring.adapters.sme_writer import MenteeWriter
from mentoring.domain.footprint import Moves, moves
from mentoring.domain.mentee import Decide, Mentee
from mentoring.domain.process import freeze

CONCURRENT_SMES = 16
"""SMEs re-done or with moves applied at once: enough to overlap round trips."""


async def change_many(writer: MenteeWriter, decisions: Mapping[str, Decide]) -> None:
    """Apply one decision per SME (creating unknown SMEs); returns once all are stored."""
    began = writer.now_ms()
    found = await writer.mentees.load_many(list(decisions))
    closed = await writer.closed_cohorts(mentee for mentee, _ in found.values())
    writes: list[Write] = []
    moved: dict[str, Moves] = {}
    again: list[str] = []
    for sme_id, decide in decisions.items():
        current, revision = found.get(sme_id) or (Mentee(sme_id=sme_id), 0)
        current = freeze(current, closed)
        changed, events = decide(current)
        if changed == current and not events:
            continue
        moved[sme_id] = moves(current, changed)
        if moved[sme_id].assigned or moved[sme_id].enrolled:  # one by one (`writer.change`)
            again.append(sme_id)
            continue
        outbox = to_outbox(writer.topics, events, current.version, current.feed_version)
        writes.append(Write(changed, revision, outbox, bool(moved[sme_id])))
    lost = await writer.mentees.put_many(writes)
    gate = asyncio.Semaphore(CONCURRENT_SMES)

    async def finish(sme_id: str, revision: int | None) -> None:
        async with gate:
            if revision is None:
                await writer.change(sme_id, decisions[sme_id], create=True)
            elif moved[sme_id]:
                await writer.apply_moves(sme_id, moved[sme_id], revision, began)

    # A failure cancels the rest; the caller does the whole batch again (it is idempotent).
    async with asyncio.TaskGroup() as group:
        for sme_id in again + sorted(lost):
            group.create_task(finish(sme_id, None))
        for write in writes:
            if write.mentee.sme_id not in lost:
                group.create_task(finish(write.mentee.sme_id, write.revision + 1))
