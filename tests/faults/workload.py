"""The workload the faults hit: registrations, mentoring and partnerships, and what was accepted.

`Workload.register` sends registrations round-robin to the replicas; `Workload.mixed` also
takes the SMEs it registered through mentoring (a cohort as dinas.bekasi, enrollment and
assignment as coordinator.bekasi, sessions and a milestone as mentor.bekasi) and proposes a
partnership for each (as dinas.bekasi). Every command is retried on a refused connection or
a 5xx until a replica takes it; commands on an SME the service has not learned from Kafka yet
(404, or 409 with Retry-After) are retried too. What was accepted is kept on the `Workload`
for the checker (`tests.faults.checker`).
"""

import asyncio
import itertools
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from devstack.demo_mentoring import COORDINATOR_ID, MENTORS, SIGNED_IN_MENTOR
from tests.faults.cluster import REPLICAS, Cluster
from tests.integration.umkm_sheet import registration_body

OFFICE = "dinas.bekasi"
COORDINATOR = "coordinator.bekasi"
MENTOR = "mentor.bekasi"
_NUMBERS = itertools.count(1)
PER_COHORT = 30
"""SMEs per cohort: under the mentor's hard cap (35 per cohort)."""
SESSIONS = 2
PATIENCE = 240.0
"""How long one command is retried before the workload gives up on it (a failed test)."""


def _session(n: int) -> dict[str, Any]:
    return {
        "session_date": f"2024-07-{n % 28 + 1:02d}",
        "duration_minutes": 60,
        "mode": "tatap_muka",
        "topics": ["pemasaran"],
        "notes": f"Sesi {n}",
    }


MILESTONE_BODY = {
    "milestone": "marketplace_onboarded",
    "achieved_on": "2024-08-01",
    "evidence": "doc://dinas-kukm-bekasi/2024/marketplace",
    "marketplace": "Tokopedia",
}


def _partner_body() -> dict[str, Any]:
    return {
        "name": f"Mitra Uji {uuid.uuid4().hex[:8]}",
        "company_type": "usaha_besar",
        "sector": "ritel_modern",
        "nib": f"81{uuid.uuid4().int % 10**11:011d}",
        "kabupaten_code": "32.16",
        "contact_person": {"name": "Budi Santoso", "phone": "+6281298765401"},
    }


Answer = httpx.Response | None
Accept = Callable[[httpx.Response], Awaitable[bool | None]]
"""True: accepted; None: not yet (try again); False: refused (the test fails)."""


async def _created(answer: httpx.Response) -> bool | None:
    return answer.status_code in (200, 201)


@dataclass
class Workload:
    """Commands sent round-robin to the replicas; a refused connection or a 5xx is retried."""

    cluster: Cluster
    accepted: set[str] = field(default_factory=set)
    """Registered SMEs."""
    retried: int = 0
    enrolled: dict[str, str] = field(default_factory=dict)
    """SME id -> the cohort it was enrolled in and assigned mentor.bekasi."""
    sessions: dict[str, str] = field(default_factory=dict)
    """Accepted session id -> its SME."""
    milestones: set[str] = field(default_factory=set)
    """SMEs whose milestone was accepted."""
    partnerships: dict[str, str] = field(default_factory=dict)
    """Accepted partnership id -> its SME."""
    concurrency: int = 8
    patience: float = PATIENCE
    """How long one command is retried before the workload gives up on it (a failed test)."""
    _gate: asyncio.Semaphore | None = None
    _login: asyncio.Lock = field(default_factory=asyncio.Lock)
    _partner: asyncio.Task[str] | None = None

    async def _send(
        self,
        service: str,
        user: str,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        key: str | None = None,
        accept: Accept = _created,
        gate: asyncio.Semaphore | None = None,
    ) -> httpx.Response:
        """One command, again (the next replica) until `accept` says it is taken."""
        if gate is None:
            gate = self._gate = self._gate or asyncio.Semaphore(self.concurrency)
        deadline = time.monotonic() + self.patience
        headers = await self._headers(user)
        if key is not None:
            headers["Idempotency-Key"] = key
        start = next(_NUMBERS)
        async with httpx.AsyncClient(timeout=30) as http:
            for attempt in itertools.count(start):
                url = self.cluster.url(service, attempt % REPLICAS)
                answer: Answer
                try:
                    async with gate:
                        answer = await http.request(
                            method, f"{url}{path}", json=body, headers=headers
                        )
                except httpx.TransportError:
                    answer = None
                if answer is not None and answer.status_code < 500:
                    verdict = await accept(answer)
                    if verdict:
                        return answer
                    if verdict is False or time.monotonic() > deadline:
                        raise AssertionError(f"{method} {path} refused: {answer.text}")
                elif time.monotonic() > deadline:
                    raise AssertionError(f"{method} {path}: no replica took it in {self.patience}s")
                self.retried += 1
                await asyncio.sleep(0.2)  # a replica is down, or the SME not learned yet
        raise AssertionError("unreachable")  # pragma: no cover - itertools.count never ends

    async def _headers(self, user: str) -> dict[str, str]:
        """`user`'s login: one at a time (then cached), not a burst of them at Keycloak."""
        async with self._login:
            for _ in range(10):
                try:
                    return await self.cluster.infra.tokens.headers_async(user)
                except httpx.TransportError:
                    await asyncio.sleep(1)
            return await self.cluster.infra.tokens.headers_async(user)

    async def register(self, count: int, concurrency: int = 8) -> set[str]:
        """`count` new SMEs; each is retried (same Idempotency-Key) until a replica takes it."""
        gate = asyncio.Semaphore(concurrency)
        numbers = [next(_NUMBERS) for _ in range(count)]

        async def one(n: int) -> str:
            key = str(uuid.uuid4())
            body = registration_body(n)  # a unique NIK of Kabupaten Bekasi
            answer = await self._send(
                "registration", OFFICE, "POST", "/smes", body=body, key=key, gate=gate
            )
            sme_id = str(answer.json()["sme_id"])
            self.accepted.add(sme_id)
            return sme_id

        return set(await asyncio.gather(*(one(n) for n in numbers)))

    async def mixed(self, count: int, sessions: int = SESSIONS) -> None:
        """`count` new SMEs, each mentored (`sessions` sessions and a milestone) and partnered.

        SMEs are registered a cohort's worth at a time; mentoring a group overlaps with
        registering the next one.
        """
        following: list[asyncio.Task[None]] = []
        while count > 0:
            group = await self.register(min(count, PER_COHORT))
            following.append(asyncio.create_task(self.mentor(group, sessions)))
            following.append(asyncio.create_task(self.partner(group)))
            count -= len(group)
        await asyncio.gather(*following)

    async def open_cohort(self) -> str:
        """A new cohort of Kabupaten Bekasi coordinated by coordinator.bekasi, with its mentor."""
        mentor = {"mentor_id": SIGNED_IN_MENTOR, **MENTORS[SIGNED_IN_MENTOR]}
        await self._send("mentoring", OFFICE, "POST", "/mentors", body=mentor)  # same again: fine
        cohort = {
            "name": f"Kohort Uji {uuid.uuid4().hex[:8]}",
            "kabupaten_code": "32.16",
            "start_date": "2024-07-01",
            "end_date": "2024-12-31",
            "target_graduates": 10,
            "coordinator_ids": [COORDINATOR_ID],
        }
        answer = await self._send("mentoring", OFFICE, "POST", "/cohorts", body=cohort)
        return str(answer.json()["cohort_id"])

    async def mentor(self, smes: Iterable[str], sessions: int = SESSIONS) -> None:
        """Enroll `smes` (at most a cohort's worth) in a new cohort, assign, log, record."""
        cohort_id = await self.open_cohort()
        await asyncio.gather(*(self._mentor_one(cohort_id, s, sessions) for s in smes))

    async def _mentor_one(self, cohort_id: str, sme_id: str, sessions: int) -> None:
        base = f"/cohorts/{cohort_id}/enrollments"
        url = f"{base}/{sme_id}"

        async def enrollment() -> dict[str, Any] | None:
            answer = await self._send("mentoring", COORDINATOR, "GET", url, accept=_answered)
            return dict(answer.json()) if answer.status_code == 200 else None

        async def enrolled(answer: httpx.Response) -> bool | None:
            if answer.status_code in (200, 201):
                return True
            if answer.status_code == 404 or "Retry-After" in answer.headers:
                return None  # mentoring has not learned the SME from Kafka yet
            # 409: enrolled already (an earlier attempt whose answer was lost)?
            return answer.status_code == 409 and await enrollment() is not None

        body = {"sme_id": sme_id}
        await self._send("mentoring", COORDINATOR, "POST", base, body=body, accept=enrolled)

        async def assigned(answer: httpx.Response) -> bool | None:
            if answer.status_code in (200, 201):
                return True
            found = await enrollment()
            return found is not None and found["mentor_id"] == SIGNED_IN_MENTOR

        mentor = {"mentor_id": SIGNED_IN_MENTOR}
        await self._send(
            "mentoring", COORDINATOR, "PUT", f"{url}/mentor", body=mentor, accept=assigned
        )
        self.enrolled[sme_id] = cohort_id
        for n in range(sessions):
            # One Idempotency-Key per session: a retry after a lost answer gets the first id.
            key = str(uuid.uuid4())
            answer = await self._send(
                "mentoring", MENTOR, "POST", f"{url}/sessions", body=_session(n), key=key
            )
            self.sessions[str(answer.json()["session_id"])] = sme_id

        async def recorded(answer: httpx.Response) -> bool | None:
            if answer.status_code in (200, 201):
                return True
            found = await enrollment()
            kinds = {m["milestone"] for m in (found or {}).get("milestones", [])}
            return MILESTONE_BODY["milestone"] in kinds

        path = f"{url}/milestones"
        key = str(uuid.uuid4())
        await self._send(
            "mentoring", MENTOR, "POST", path, body=MILESTONE_BODY, key=key, accept=recorded
        )
        self.milestones.add(sme_id)

    async def partner_id(self) -> str:
        """The workload's partner (a new retailer of Bekasi), registered once."""
        if self._partner is None:

            async def register() -> str:
                answer = await self._send(
                    "partnership",
                    OFFICE,
                    "POST",
                    "/partners",
                    body=_partner_body(),
                    accept=_partner,
                )
                found = answer.json()
                return str(found.get("partner_id") or found["existing_partner_id"])

            self._partner = asyncio.create_task(register())
        return await self._partner

    def new_partner(self) -> None:
        """Propose from now on for a partner registered anew (the one before was lost with
        partnership's database)."""
        self._partner = None

    async def partner(self, smes: Iterable[str]) -> None:
        """One proposed partnership per SME (retried while partnership does not know it)."""
        partner_id = await self.partner_id()
        path = f"/partners/{partner_id}/partnerships"

        async def proposed(answer: httpx.Response) -> bool | None:
            if answer.status_code in (200, 201):
                return True
            return None if answer.status_code in (404, 409) else False

        async def one(sme_id: str) -> None:
            body = {
                "sme_id": sme_id,
                "pattern": "perdagangan_umum",
                "products": ["Keripik Tempe 100 g"],
                "outlets": ["Toko Cikarang"],
            }
            # One Idempotency-Key per proposal: a retry after a lost answer gets the first.
            key = str(uuid.uuid4())
            answer = await self._send(
                "partnership", OFFICE, "POST", path, body=body, key=key, accept=proposed
            )
            self.partnerships[str(answer.json()["partnership_id"])] = sme_id

        await asyncio.gather(*(one(s) for s in smes))


async def _answered(answer: httpx.Response) -> bool | None:
    return True


async def _partner(answer: httpx.Response) -> bool | None:
    # A 409 naming the partner: registered by an earlier attempt whose answer was lost.
    return answer.status_code in (200, 201) or "existing_partner_id" in answer.text
