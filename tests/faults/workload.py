"""The workload the faults hit (registrations, mentoring, partnerships) and the checker after.

`Workload.register` sends registrations round-robin to the replicas; `Workload.mixed` also
takes the SMEs it registered through mentoring (a cohort as dinas.bekasi, enrollment and
assignment as coordinator.bekasi, sessions and a milestone as mentor.bekasi) and proposes a
partnership for each (as dinas.bekasi). Every command is retried on a refused connection or
a 5xx until a replica takes it; commands on an SME the service has not learned from Kafka yet
(404, or 409 with Retry-After) are retried too.

`check` confirms the registrations; `check_mixed` also every accepted session, milestone and
partnership: on its topic under one event id, and in reporting's live read model, none twice.
"""

import asyncio
import itertools
import json
import re
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx
from pymongo.errors import ConnectionFailure

from devstack.demo_mentoring import COORDINATOR_ID, MENTORS, SIGNED_IN_MENTOR
from tests.faults.cluster import REPLICAS, Cluster
from tests.integration.umkm_sheet import registration_body
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.mongo import connect

OFFICE = "dinas.bekasi"
COORDINATOR = "coordinator.bekasi"
MENTOR = "mentor.bekasi"
REGISTRATION = "umkmjuara.registration."
SESSION_LOGGED = "umkmjuara.mentoring.MentorSessionLogged.v1"
MILESTONE = "umkmjuara.mentoring.MilestoneAchieved.v1"
SME = re.compile(r"^sme-[0-9a-f]{12}$")
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


@dataclass(frozen=True)
class Check:
    """What the checker found for the accepted commands."""

    events: int
    lost: int
    duplicated_effects: int


async def _events(cluster: Cluster, context: Context) -> list[dict[str, Any]]:
    """The topic's events that parse (poison put there by a test is left out)."""
    topic = TopicNames(cluster.namespace).events(context)
    found = []
    for record in await read_all(cluster.infra, topic):
        try:
            event = json.loads(record.value)
        except ValueError:
            continue
        if isinstance(event, dict) and isinstance(event.get("data"), dict):
            found.append(event)
    return found


async def registered_on_topic(cluster: Cluster) -> dict[str, int]:
    """SME id -> highest version of its registration-topic events (distinct event ids)."""
    versions: dict[str, int] = {}
    for event in await _events(cluster, Context.REGISTRATION):
        try:
            sme_id, version = event["data"]["sme_id"], int(event["aggregateversion"])
        except (ValueError, KeyError, TypeError):
            continue  # poison put there by a test
        if not str(event.get("type", "")).startswith(REGISTRATION) or not SME.match(sme_id):
            continue
        versions[sme_id] = max(versions.get(sme_id, 0), version)
    return versions


async def _live(cluster: Cluster, collection: str) -> dict[str, dict[str, Any]]:
    """Reporting's live generation of one read model, by document id.

    Read again while the store does not answer in time (a loaded machine), for a minute.
    """
    client = connect(cluster.infra.mongodb_url)
    try:
        db = client.get_database(f"{cluster.namespace}reporting")
        for attempt in itertools.count():
            try:
                pointer = await db["generations"].find_one({"_id": "live"})
                generation = pointer["generation"] if pointer else "g0001"
                return {doc["_id"]: doc async for doc in db[f"{collection}__{generation}"].find({})}
            except ConnectionFailure:
                if attempt >= 12:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover - itertools.count never ends
    finally:
        await client.close()


async def projected(cluster: Cluster) -> dict[str, int]:
    """SME id -> the registration version reporting's live read model applied."""
    return {
        sme_id: int(doc.get("applied", {}).get("registration", 0))
        for sme_id, doc in (await _live(cluster, "smes")).items()
    }


async def check(cluster: Cluster, accepted: set[str]) -> Check:
    """Every accepted SME on the topic and in reporting at its highest version; none twice."""
    on_topic = await registered_on_topic(cluster)

    async def caught_up() -> dict[str, int] | None:
        seen = await projected(cluster)
        done = all(seen.get(sme, 0) >= on_topic.get(sme, 1) for sme in accepted)
        return seen if done else None

    try:
        seen = await eventually(caught_up, within=120)
    except AssertionError:
        seen = await projected(cluster)
    lost = {s for s in accepted if s not in on_topic or seen.get(s, 0) < on_topic[s]}
    headers = await cluster.infra.tokens.headers_async("admin.provinsi")
    async with httpx.AsyncClient(timeout=30) as http:
        totals = (await http.get(f"{cluster.url('reporting')}/totals", headers=headers)).json()
    duplicated = max(0, int(totals["registered"]) - len(on_topic))
    return Check(events=sum(on_topic.values()), lost=len(lost), duplicated_effects=duplicated)


@dataclass
class Stream:
    """One context's events about the workload's aggregates, as read from its topic."""

    versions: dict[str, int] = field(default_factory=dict)
    """Aggregate (SME or partnership) -> highest aggregateversion."""
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Session id, `<sme>|<milestone>` or partnership id -> the distinct event ids carrying it."""
    events: set[str] = field(default_factory=set)
    sessions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Cohort id -> the distinct session ids logged in it."""

    def add(self, aggregate: str, version: int, event_id: str, item: str | None) -> None:
        """Remember one event (a redelivered copy of one event id counts once)."""
        self.versions[aggregate] = max(self.versions.get(aggregate, 0), version)
        self.events.add(event_id)
        if item is not None:
            self.ids[item].add(event_id)


async def _mentoring_stream(cluster: Cluster, smes: set[str]) -> Stream:
    stream = Stream()
    for event in await _events(cluster, Context.MENTORING):
        data = event["data"]
        sme_id = data.get("sme_id")
        if sme_id not in smes:
            continue
        item = None
        if event.get("type") == SESSION_LOGGED:
            item = str(data["session_id"])
            stream.sessions[str(data["cohort_id"])].add(item)
        elif event.get("type") == MILESTONE:
            item = f"{sme_id}|{data['milestone']}"
        stream.add(str(sme_id), int(event["aggregateversion"]), str(event["id"]), item)
    return stream


async def _partnership_stream(cluster: Cluster, smes: set[str]) -> Stream:
    stream = Stream()
    for event in await _events(cluster, Context.PARTNERSHIP):
        data = event["data"]
        pid = data.get("partnership_id")
        if data.get("sme_id") not in smes or pid is None:
            continue
        stream.add(str(pid), int(event["aggregateversion"]), str(event["id"]), str(pid))
    return stream


@dataclass(frozen=True)
class _Seen:
    """Reporting's live SME and partnership documents of the workload."""

    smes: dict[str, dict[str, Any]]
    partnerships: dict[str, dict[str, Any]]

    def mentoring_version(self, sme_id: str) -> int:
        return int(self.smes.get(sme_id, {}).get("applied", {}).get("mentoring", 0))

    def partnership_version(self, pid: str) -> int:
        return int(self.partnerships.get(pid, {}).get("applied", {}).get("partnership", 0))


async def _seen(cluster: Cluster) -> _Seen:
    return _Seen(await _live(cluster, "smes"), await _live(cluster, "partnerships"))


def _mentoring_section(doc: dict[str, Any] | None) -> dict[str, Any]:
    return (doc or {}).get("men") or {"sessions": [], "milestones": []}


async def check_mixed(cluster: Cluster, workload: Workload) -> Check:
    """`check`, and every accepted session, milestone and partnership once on its topic and
    in reporting at each aggregate's highest version; sessions counted as often as logged."""
    registrations = await check(cluster, workload.accepted)
    smes = set(workload.accepted)
    mentoring = await _mentoring_stream(cluster, smes)
    partnering = await _partnership_stream(cluster, smes)

    async def caught_up() -> _Seen | None:
        seen = await _seen(cluster)
        done = all(seen.mentoring_version(s) >= v for s, v in mentoring.versions.items()) and all(
            seen.partnership_version(p) >= v for p, v in partnering.versions.items()
        )
        return seen if done else None

    try:
        seen = await eventually(caught_up, within=120)
    except AssertionError:
        seen = await _seen(cluster)

    lost = duplicated = 0
    # On the topics: every accepted item under exactly one event id.
    accepted_items = [
        *(mentoring.ids.get(s, set()) for s in workload.sessions),
        *(
            mentoring.ids.get(f"{s}|{MILESTONE_BODY['milestone']}", set())
            for s in workload.milestones
        ),
        *(partnering.ids.get(p, set()) for p in workload.partnerships),
    ]
    lost += sum(not ids for ids in accepted_items)
    duplicated += sum(max(0, len(ids) - 1) for ids in accepted_items)
    # In reporting: each aggregate at its highest version, each item present, none twice.
    lost += sum(seen.mentoring_version(s) < v for s, v in mentoring.versions.items())
    lost += sum(seen.partnership_version(p) < v for p, v in partnering.versions.items())
    in_reporting = Counter(
        s["session_id"]
        for sme_id in smes
        for s in _mentoring_section(seen.smes.get(sme_id))["sessions"]
    )
    logged = {item for item in mentoring.ids if not item.count("|")}
    lost += sum(1 for s in workload.sessions if s not in in_reporting)
    duplicated += sum(n - 1 for n in in_reporting.values()) + len(set(in_reporting) - logged)
    for sme_id in workload.milestones:
        kinds = [m["milestone"] for m in _mentoring_section(seen.smes.get(sme_id))["milestones"]]
        lost += MILESTONE_BODY["milestone"] not in kinds
    lost += sum(1 for p in workload.partnerships if p not in seen.partnerships)
    mine = {p for p, doc in seen.partnerships.items() if doc.get("sme_id") in smes}
    duplicated += len(mine - set(partnering.versions))
    duplicated += await _counted_twice(cluster, set(workload.enrolled.values()), mentoring)
    return Check(
        events=registrations.events + len(mentoring.events) + len(partnering.events),
        lost=registrations.lost + lost,
        duplicated_effects=registrations.duplicated_effects + duplicated,
    )


async def _counted_twice(cluster: Cluster, cohorts: set[str], mentoring: Stream) -> int:
    """Sessions reporting's /cohorts counts beyond the distinct session ids on the topic."""
    headers = await cluster.infra.tokens.headers_async("admin.provinsi")
    async with httpx.AsyncClient(timeout=30) as http:
        rows = (await http.get(f"{cluster.url('reporting')}/cohorts", headers=headers)).json()
    counted = {r["cohort_id"]: int(r["sessions"]) for r in rows if r["cohort_id"] in cohorts}
    return sum(max(0, counted.get(c, 0) - len(mentoring.sessions[c])) for c in cohorts)
