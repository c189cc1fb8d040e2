"""The checker after a fault: what the workload had accepted, against the topics and reporting.

`check` confirms the registrations; `check_mixed` also every accepted session, milestone and
partnership: on its topic under one event id, and in reporting's live read model, none twice.
"""

import itertools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx
from pymongo.errors import ConnectionFailure

from tests.faults.cluster import Cluster
from tests.faults.workload import MILESTONE_BODY, Workload
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.mongo import connect

REGISTRATION = "umkmjuara.registration."
SESSION_LOGGED = "umkmjuara.mentoring.MentorSessionLogged.v1"
MILESTONE = "umkmjuara.mentoring.MilestoneAchieved.v1"
SME = re.compile(r"^sme-[0-9a-f]{12}$")


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
