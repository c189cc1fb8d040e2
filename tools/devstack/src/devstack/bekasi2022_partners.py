"""The Bekasi 2022 partnerships with the five retailers Perbup 73/2020 names (pure)."""

import random
from datetime import date, timedelta

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022_model import GeneratedSme, PlannedPartnership

_CODES = {"Indomaret": "IDM", "Alfamart": "ALF", "Alfamidi": "AMD", "Hypermart": "HYP"}
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _code(retailer: str) -> str:
    return _CODES.get(retailer, "PPY")


def _months(start: date) -> list[str]:
    """The months with sales: from the month after the start up to October 2022."""
    return [f"2022-{m:02d}" for m in range(start.month + 1, 11)]


def _established(
    rng: random.Random, retailer: str, sme: GeneratedSme, n: int
) -> PlannedPartnership:
    start = date(2022, 7, 1) + timedelta(days=rng.randint(0, 80))
    code = _code(retailer)
    product = f"{sme.name.split(' Bu ')[0].split(' Pak ')[0]} 100 g"
    ended = retailer == "Papaya Mart" and n == 0  # the three-month trial not renewed
    return PlannedPartnership(
        partner=retailer,
        sme_key=sme.key,
        pattern="rantai_pasok" if retailer == "Papaya Mart" else "perdagangan_umum",
        target="ended" if ended else "active",
        outlets=(f"{retailer} {dict(cat.kecamatan())[sme.kecamatan]}",),
        product=product,
        agreement=f"PKS/{code}-UMKM/{n + 1:03d}/{_ROMAN[start.month]}/2022",
        start_date=start,
        sku=f"{code}-UMKM-{sme.key.upper()}",
        unit_price=rng.randint(20, 90) * 500,
        sales=tuple((m, rng.randint(40, 400)) for m in _months(start)),
        ended_on=date(2022, 11, 30) if ended else None,
    )


def _open(retailer: str, sme: GeneratedSme, target: str) -> PlannedPartnership:
    product = f"{sme.name.split(' Bu ')[0].split(' Pak ')[0]} 100 g"
    return PlannedPartnership(
        partner=retailer,
        sme_key=sme.key,
        pattern="perdagangan_umum",
        target="proposed" if target == "proposed" else "curation_failed",
        outlets=(f"{retailer} Cikarang",),
        product=product,
    )


def plan_partnerships(
    rng: random.Random, smes: tuple[GeneratedSme, ...]
) -> tuple[PlannedPartnership, ...]:
    """Established partnerships with retail-ready UMKM (NIB, halal, PIRT), open proposals,
    and curations that fail for want of a halal certificate; one partnership per UMKM."""
    ready = [s for s in smes if s.nib and s.halal and s.pirt]
    lacking = [s for s in smes if s.nib and not s.halal]
    rng.shuffle(ready)
    rng.shuffle(lacking)
    plans: list[PlannedPartnership] = []
    for retailer in cat.RETAILERS:
        plans += [_established(rng, retailer, ready.pop(), n) for n in range(cat.ACTIVE[retailer])]
        plans += [
            _open(retailer, ready.pop(), "proposed") for _ in range(cat.PROPOSED.get(retailer, 0))
        ]
        plans += [
            _open(retailer, lacking.pop(), "failed") for _ in range(cat.FAILED.get(retailer, 0))
        ]
    return tuple(plans)
