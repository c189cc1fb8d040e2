"""The workload the faults hit (registrations through both replicas) and the checker after."""

import asyncio
import itertools
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.faults.cluster import REPLICAS, Cluster
from tests.integration.umkm_sheet import valid_row
from tests.kafka_reader import read_all
from tests.polling import eventually
from umkm_shared.contracts.topics import Context, TopicNames
from umkm_shared.mongo import connect

OFFICE = "dinas.bekasi"
REGISTRATION = "umkmjuara.registration."
SME = re.compile(r"^sme-[0-9a-f]{12}$")
_NUMBERS = itertools.count(1)


def registration(i: int) -> dict[str, Any]:
    """Registration request number `i`: a unique NIK of Kabupaten Bekasi."""
    row = valid_row(i)
    return {
        "business_name": row["nama_usaha"],
        "owner_nik": row["nik_pemilik"],
        "kbli": row["kbli"],
        "kabupaten_code": row["kode_kabupaten"],
        "kecamatan_code": row["kode_kecamatan"],
        "desa_code": row["kode_desa"],
        "phone": row["no_hp"],
    }


@dataclass
class Workload:
    """Registrations sent round-robin to the replicas; a refused connection is retried."""

    cluster: Cluster
    accepted: set[str] = field(default_factory=set)
    retried: int = 0

    async def register(self, count: int, concurrency: int = 8) -> None:
        """`count` new SMEs; each is retried (same Idempotency-Key) until a replica takes it."""
        numbers = [next(_NUMBERS) for _ in range(count)]
        gate = asyncio.Semaphore(concurrency)
        headers = await self.cluster.infra.tokens.headers_async(OFFICE)
        async with httpx.AsyncClient(timeout=30) as http:

            async def one(n: int) -> None:
                key = str(uuid.uuid4())
                for attempt in itertools.count():
                    url = self.cluster.url("registration", (n + attempt) % REPLICAS)
                    try:
                        async with gate:
                            answer = await http.post(
                                f"{url}/smes",
                                json=registration(n),
                                headers={**headers, "Idempotency-Key": key},
                            )
                    except httpx.TransportError:
                        answer = None
                    if answer is not None and answer.status_code in (200, 201):
                        self.accepted.add(answer.json()["sme_id"])
                        return
                    if answer is not None and answer.status_code < 500:
                        raise AssertionError(f"registration refused: {answer.text}")
                    self.retried += 1
                    await asyncio.sleep(0.2)  # a replica is down: try the other one

            await asyncio.gather(*(one(n) for n in numbers))


@dataclass(frozen=True)
class Check:
    """What the checker found for the accepted registrations."""

    events: int
    lost: int
    duplicated_effects: int


async def registered_on_topic(cluster: Cluster) -> dict[str, int]:
    """SME id -> highest version of its registration-topic events (distinct event ids)."""
    topic = TopicNames(cluster.namespace).events(Context.REGISTRATION)
    versions: dict[str, int] = {}
    for record in await read_all(cluster.infra, topic):
        try:
            event = json.loads(record.value)
            sme_id, version = event["data"]["sme_id"], int(event["aggregateversion"])
        except (ValueError, KeyError, TypeError):
            continue  # poison put there by a test
        if not str(event.get("type", "")).startswith(REGISTRATION) or not SME.match(sme_id):
            continue
        versions[sme_id] = max(versions.get(sme_id, 0), version)
    return versions


async def projected(cluster: Cluster) -> dict[str, int]:
    """SME id -> the registration version reporting's live read model applied."""
    client = connect(cluster.infra.mongodb_url)
    try:
        db = client.get_database(f"{cluster.namespace}reporting")
        pointer = await db["generations"].find_one({"_id": "live"})
        generation = pointer["generation"] if pointer else "g0001"
        return {
            doc["_id"]: int(doc.get("applied", {}).get("registration", 0))
            async for doc in db[f"smes__{generation}"].find({}, {"applied": 1})
        }
    finally:
        await client.close()


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
