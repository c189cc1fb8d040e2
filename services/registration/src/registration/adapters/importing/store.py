"""Imports and their reports in MongoDB (collection `imports`), so a report can be fetched later.

One summary document per import, plus the report in chunks of CHUNK lines (a 13,000-row file
with several errors per row would not fit in one 16 MB document). No NIK is ever stored here:
report lines hold row numbers, SME ids and messages only.
"""

from collections.abc import AsyncIterator, Iterable
from dataclasses import asdict
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection

from registration.adapters.importing.report import ReportLine
from registration.domain.importing.outcomes import Progress

Doc = dict[str, Any]
CHUNK = 1000
RUNNING, FINISHED, FAILED = "running", "finished", "failed"


def _counts(progress: Progress) -> Doc:
    return {
        "processed": progress.processed,
        "imported": progress.imported,
        "already_registered": progress.already_registered,
        "rejected": progress.rejected,
    }


class ImportStore:
    """Summaries (`_id` = import id) and report chunks (`report_of` = import id)."""

    def __init__(self, collection: AsyncCollection[Doc]) -> None:
        self._col = collection

    async def ensure_indexes(self) -> None:
        """A report's chunks are read by import id, in order."""
        await self._col.create_index([("report_of", ASCENDING), ("seq", ASCENDING)])

    async def start(
        self,
        import_id: str,
        file_name: str,
        estimated_rows: int | None,
        now: datetime,
        *,
        started_by: str,
        region: str | None,
    ) -> None:
        """Record a new running import: who started it (token subject) and for which region."""
        await self._col.insert_one(
            {
                "_id": import_id,
                "status": RUNNING,
                "file_name": file_name,
                "estimated_rows": estimated_rows,
                "started_at": now,
                "started_by": started_by,
                "region": region,
                "heartbeat_at": now,
                **_counts(Progress()),
            }
        )

    async def progress(self, import_id: str, progress: Progress) -> None:
        """Counts so far, for anyone polling the import."""
        await self._col.update_one({"_id": import_id}, {"$set": _counts(progress)})

    async def beat(self, import_id: str, now: datetime) -> None:
        """The import's runner is alive (`fail_abandoned` leaves it alone)."""
        await self._col.update_one(
            {"_id": import_id, "status": RUNNING}, {"$set": {"heartbeat_at": now}}
        )

    async def fail_abandoned(self, now: datetime, silent_for: timedelta) -> int:
        """Mark failed every running import whose runner has been silent for `silent_for`.

        Its process died (kill -9, a lost machine) with the uploaded file, so it cannot go on.
        Each update is conditional on the stale heartbeat, so an import another replica is
        still running (beating every few seconds) is never touched. Returns how many.
        """
        stale = now - silent_for
        abandoned = {
            "status": RUNNING,
            "$or": [
                {"heartbeat_at": {"$lt": stale}},
                {"heartbeat_at": {"$exists": False}, "started_at": {"$lt": stale}},
            ],
        }
        fields = {
            "status": FAILED,
            "finished_at": now,
            "error": {
                "pesan": "Impor terhenti karena layanan berhenti; "
                "aman untuk mengimpor ulang berkas.",
                "message": "The import stopped because the service stopped; re-importing the "
                "file is safe.",
            },
        }
        result = await self._col.update_many(abandoned, {"$set": fields})
        return result.modified_count

    async def finish(
        self,
        import_id: str,
        summary: Progress,
        lines: Iterable[ReportLine],
        seconds: float,
        now: datetime,
    ) -> None:
        """Store the report, then mark the import finished (so a finished one has its report)."""
        remaining = iter(lines)
        chunks: list[Doc] = []
        while part := [asdict(line) for line in islice(remaining, CHUNK)]:
            seq = len(chunks)
            chunks.append({"_id": f"{import_id}:{seq:05d}", "report_of": import_id, "seq": seq})
            chunks[-1]["lines"] = part
        if chunks:
            await self._col.insert_many(chunks)
        fields = {**_counts(summary), "status": FINISHED, "finished_at": now}
        fields["seconds"] = round(seconds, 3)  # a long float would look like a 16-digit NIK
        await self._col.update_one({"_id": import_id}, {"$set": fields})

    async def fail(self, import_id: str, pesan: str, message: str, now: datetime) -> None:
        """Mark the import failed with a reason that names no row content."""
        fields = {
            "status": FAILED,
            "finished_at": now,
            "error": {"pesan": pesan, "message": message},
        }
        await self._col.update_one({"_id": import_id}, {"$set": fields})

    async def get(self, import_id: str) -> Doc | None:
        """The import's summary document."""
        return await self._col.find_one({"_id": import_id, "report_of": {"$exists": False}})

    async def lines(self, import_id: str) -> AsyncIterator[ReportLine]:
        """The stored report, in order."""
        cursor = self._col.find({"report_of": import_id}).sort("seq", 1)
        async for chunk in cursor:
            for line in chunk["lines"]:
                yield ReportLine(**line)
