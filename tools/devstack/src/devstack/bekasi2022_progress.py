"""The Bekasi 2022 cohort's programme over time: sessions, milestones, scale-ups (pure)."""

import random
from datetime import date, timedelta

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022_model import Figures, PlannedMilestone, PlannedSession

SMES = 162
SESSIONS = 554
JUTA = 1_000_000
_DAYS = (cat.COHORT_END - cat.COHORT_START).days


def day(rng: random.Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included."""
    return first + timedelta(days=rng.randint(0, (last - first).days))


def session_counts(rng: random.Random) -> list[int]:
    """Per SME: most finish four or more sessions, some drop out early; 554 in all."""
    finishers = set(rng.sample(range(SMES), 110))
    counts = [4 if i in finishers else rng.randint(1, 3) for i in range(SMES)]
    while (gap := SESSIONS - sum(counts)) != 0:
        i = rng.randrange(SMES)
        if gap > 0 and i in finishers and counts[i] < 6:
            counts[i] += 1
        elif gap < 0 and i not in finishers and counts[i] > 1:
            counts[i] -= 1
    return counts


def sessions(
    rng: random.Random, n: int, index: int, expertise: tuple[str, ...]
) -> tuple[PlannedSession, ...]:
    """SME `index`'s `n` sessions on distinct days, on its mentor's topics; the first SME has
    the kick-off on 20 June, the last the final visit on 20 October."""
    days = sorted(rng.sample(range(_DAYS + 1), n))
    if index == 0:
        days[0] = 0  # the kick-off, 20 June
    if index == SMES - 1:
        days[-1] = _DAYS  # the last visit, 20 October
    return tuple(
        PlannedSession(
            day=cat.COHORT_START + timedelta(days=d),
            topics=tuple(rng.sample(expertise, rng.randint(1, 2))),
            duration_minutes=rng.choice((60, 90, 120)),
            mode=rng.choice(("tatap_muka", "tatap_muka", "daring")),
            notes=f"Pendampingan ke-{k + 1}",
        )
        for k, d in enumerate(sorted(days))
    )


def milestones(
    rng: random.Random, key: str, food: bool, held: set[str]
) -> tuple[PlannedMilestone, ...]:
    """Milestones dated from July to the cohort's end, about as often as the province reported
    them in 2022 (marketplace onboarding most, export readiness least); a licence already
    `held` is not obtained again."""
    chances = {
        "nib_obtained": 0.6 if "nib" not in held else 0.0,
        "halal_certified": 0.2 if food and "halal" not in held else 0.0,
        "pirt_certified": 0.15 if food and "pirt" not in held else 0.0,
        "bpom_certified": 0.03 if food else 0.0,
        "marketplace_onboarded": 0.45,
        "financing_obtained": 0.22,
        "export_ready": 0.06,
        "jobs_added": 0.15,
    }
    found = []
    for milestone, chance in chances.items():
        if rng.random() >= chance:
            continue
        extra: dict[str, object] = {}
        if milestone == "marketplace_onboarded":
            extra = {"marketplace": rng.choice(cat.MARKETPLACES)}
        elif milestone == "financing_obtained":
            source = rng.choice(("kur", "kur", "bank_credit"))
            extra = {"financing_source": source, "financing_amount": rng.randint(2, 20) * 5 * JUTA}
        elif milestone == "jobs_added":
            extra = {"jobs_added": rng.randint(1, 4)}
        evidence = f"doc://dinas-kukm-bekasi/2022/{milestone}/{key}"
        on = day(rng, date(2022, 7, 1), cat.COHORT_END)
        found.append(PlannedMilestone(milestone, on, evidence, extra))
    return tuple(sorted(found, key=lambda m: m.achieved_on))


def scale_up(rng: random.Random, figures: Figures, to_kecil: bool) -> Figures:
    """New figures from mid-August to mid-October: sales past the next class's line."""
    on = day(rng, date(2022, 8, 15), date(2022, 10, 15))
    if to_kecil:  # sales past Rp2 miliar: kecil
        return Figures(figures.capital, rng.randint(21, 26) * 100 * JUTA, figures.employees + 2, on)
    return Figures(figures.capital, rng.randint(151, 170) * 100 * JUTA, figures.employees + 5, on)
