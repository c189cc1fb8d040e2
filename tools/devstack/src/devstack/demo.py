"""Demo data for `./dev up`: the generated "UMKM Juara 2022 Kabupaten Bekasi" cohort (and one
UMKM of Kabupaten Bandung), seeded through the public APIs as the dev realm's demo users.

In programme order, with at most a few requests in flight: the Dinas registers the UMKM (with
the day each joined), their licences and consents; the retailers and partnerships are set up
and the scale-ups recorded; the cohort opens, the coordinator enrolls and assigns, the
mentors record milestones and log sessions; once reporting shows it all, the Dinas closes the
cohort and sets the regent's target. A re-run on kept data finds the closed cohort and stops.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from devstack import demo_mentoring as mentoring
from devstack import demo_partnerships as partnership
from devstack.bekasi2022 import generate
from devstack.bekasi2022_expected import Expected, expected
from devstack.bekasi2022_model import Bekasi2022
from devstack.demo_api import (
    COORDINATOR,
    DINAS_BANDUNG,
    DINAS_BEKASI,
    INDOMARET,
    Api,
    until,
)
from devstack.demo_settle import set_target, settled_cohort, settled_facts
from devstack.demo_smes import register, scale_up
from devstack.demo_users import describe_users
from devstack.tokens import ADMIN, Tokens, tokens_of

T = TypeVar("T")
SEEDERS = (
    ADMIN,
    DINAS_BEKASI,
    DINAS_BANDUNG,
    COORDINATOR,
    *mentoring.MENTOR_USERS.values(),
    INDOMARET,
)
"""The demo users who take the seed's steps."""


@dataclass
class Seeded:
    """What the seed did: ids, the expected figures, how long it took and what it noted."""

    cohort: Bekasi2022
    expected: Expected
    cohort_id: str
    smes: dict[str, str] = field(default_factory=dict)
    """Generator key -> sme_id."""
    seconds: float = 0.0
    requests: int = 0
    retries: int = 0
    notes: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds each phase took, in order."""

    def lap(self, phase: str) -> None:
        """Note that `phase` ended now (it began when the one before ended)."""
        now = time.monotonic()
        self.phases[phase] = now - self._since
        self._since = now

    _since: float = field(default_factory=time.monotonic, repr=False)

    def __str__(self) -> str:
        e = self.expected
        how = (
            f"seeded in {self.seconds:.0f} s ({self.requests} requests, {self.retries} retried)"
            if self.phases.keys() - {"logins"}
            else "kept from an earlier run"
        )
        return (
            f"demo: {e.registered} UMKM of Kabupaten Bekasi "
            f"(+{e.registered_province - e.registered} elsewhere), 1 cohort, {e.mentors} mentors, "
            f"{e.sessions} sessions, {len(self.cohort.partnerships)} partnerships, "
            f"{e.graduated} graduated; {how}"
        )

    def timings(self) -> str:
        """Each phase's seconds, on one line."""
        return "; ".join(f"{phase} {seconds:.1f} s" for phase, seconds in self.phases.items())

    def describe_users(self) -> str:
        """The demo users, each followed by what they see of the demo."""
        return describe_users(self.cohort, self.cohort_id)


async def _each(
    progress: Progress, label: str, items: Iterable[T], step: Callable[[T], Awaitable[object]]
) -> None:
    """Run `step` on every item concurrently (the Api bounds what is in flight), ticking."""
    todo = list(items)
    task = progress.add_task(label, total=len(todo))

    async def one(item: T) -> None:
        await step(item)
        progress.advance(task)

    await asyncio.gather(*(one(item) for item in todo))


async def seed(api: Api, urls: dict[str, str], progress: Progress, within: float) -> Seeded:
    """Seed the whole cohort through the APIs (see the module docstring)."""
    cohort = generate()
    seeded = Seeded(cohort, expected(cohort), cohort_id="")
    found = await mentoring.find_cohort(api, urls["reporting"])
    if found is not None and found["status"] == "closed":
        seeded.cohort_id = str(found["cohort_id"])
        seeded.notes.append("the demo cohort is there already (closed): nothing seeded")
        return seeded
    smes = (*cohort.smes, *cohort.others)

    async def registered(sme_key: str) -> None:
        seeded.smes[sme_key] = await register(api, urls["registration"], cohort.sme(sme_key))

    await _each(progress, "UMKM registered", [s.key for s in smes], registered)
    seeded.lap("registrations, licences, consents")
    partners = {
        n: await partnership.register_partner(api, urls["partnership"], n)
        for n in partnership.RETAILERS
    }

    async def partnered(i: int) -> None:
        plan = cohort.partnerships[i]
        sme, sme_id = cohort.sme(plan.sme_key), seeded.smes[plan.sme_key]
        held = {n for n, v in (("nib", sme.nib), ("halal", sme.halal), ("pirt", sme.pirt)) if v}
        url = urls["partnership"]
        await until(
            lambda: partnership.knows_licences(api, url, sme_id, held),
            within,
            "partnership did not learn the licences",
        )
        await partnership.advance(api, f"{url}/partners/{partners[plan.partner]}", plan, sme_id)

    await _each(
        progress,
        "scale-ups",
        [s for s in cohort.smes if s.scale_up],
        lambda s: scale_up(api, urls["registration"], s, seeded.smes[s.key]),
    )
    await _each(progress, "partnerships", range(len(cohort.partnerships)), partnered)
    seeded.lap("scale-ups, partners, partnerships")
    await settled_facts(api, urls["reporting"], seeded.expected, within)
    seeded.lap("reporting caught up")
    seeded.cohort_id = await mentoring.open_cohort(api, urls)
    cohort_url = f"{urls['mentoring']}/cohorts/{seeded.cohort_id}"
    await _each(
        progress,
        "UMKM mentored",
        cohort.smes,
        lambda s: mentoring.mentor(api, cohort_url, s, seeded.smes[s.key]),
    )
    seeded.lap("cohort, enrollments, milestones, sessions")
    await settled_cohort(api, urls["reporting"], seeded, within, closed=False)
    seeded.lap("reporting caught up with the cohort")
    await mentoring.close(api, urls["mentoring"], seeded.cohort_id)
    await settled_cohort(api, urls["reporting"], seeded, within, closed=True)
    seeded.notes += await set_target(api, urls["reporting"])
    seeded.lap("closing, target")
    return seeded


async def _log_in(tokens: Tokens, user: str, attempts: int = 3) -> None:
    """Log `user` in, again after a timeout (a Keycloak just started on a busy machine)."""
    for attempt in range(1, attempts + 1):
        try:
            await tokens.access_token_async(user)
        except httpx.TimeoutException:
            if attempt == attempts:
                raise
        else:
            return


async def seed_demo_async(
    urls: dict[str, str], issuer: str, within: float = 120.0, *, show: bool = True, limit: int = 8
) -> Seeded:
    """Seed the demo: `urls` has each service's base URL by name, `issuer` is the dev realm's.

    At most `limit` requests in flight; a rich progress bar on the terminal when `show`.
    """
    started = time.monotonic()
    tokens = tokens_of(issuer)
    for user in SEEDERS:  # one at a time: a password grant is a costly hash for Keycloak
        await _log_in(tokens, user)
    logged_in = time.monotonic() - started
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    async with httpx.AsyncClient(timeout=30) as http:
        api = Api(http, tokens, limit)
        with Progress(*columns, disable=not show) as progress:
            seeded = await seed(api, urls, progress, within)
    seeded.seconds = time.monotonic() - started
    seeded.phases = {"logins": logged_in, **seeded.phases}
    seeded.requests, seeded.retries = api.requests, api.retries
    return seeded


def seed_demo(
    urls: dict[str, str], issuer: str, within: float = 120.0, *, show: bool = True
) -> Seeded:
    """`seed_demo_async` for synchronous callers (`./dev up`)."""
    return asyncio.run(seed_demo_async(urls, issuer, within, show=show))
