"""What each dev-realm demo user sees of the seeded demo (printed by `./dev up`)."""

from collections import Counter

from devstack import bekasi2022_catalogue as cat
from devstack.bekasi2022_model import Bekasi2022
from devstack.demo_partnerships import RETAILERS
from devstack.realm import demo_users, describe_demo_users


def _regional(cohort: Bekasi2022, where: str, cohort_id: str, viewer: bool) -> str:
    local = [s for s in (*cohort.smes, *cohort.others) if s.kabupaten == where]
    named = f"cohort {cohort_id} ({cat.COHORT_NAME}), " if where == cat.KABUPATEN else ""
    partnered = len(cohort.partnerships) if where == cat.KABUPATEN else 0
    how = "dashboards and exports" if viewer else "registers and manages them"
    return (
        f"{where} only: {len(local)} UMKM, {named}{partnered} partnerships ({how}); "
        "nothing of another kabupaten"
    )


def sees(cohort: Bekasi2022, cohort_id: str, roles: tuple[str, ...], claims: dict[str, str]) -> str:
    """What a user with these roles and claims (a demo user's) sees of the demo."""
    role = roles[0] if roles else ""
    if role in {"dinas_kabupaten", "viewer"}:
        return _regional(cohort, claims.get("kabupaten_code", ""), cohort_id, role == "viewer")
    mentees = Counter(s.mentor_id for s in cohort.smes)[claims.get("mentor_id", "")]
    partner = next(
        (n for n, body in RETAILERS.items() if body.get("partner_id") == claims.get("partner_id")),
        None,
    )
    mine = sum(p.partner == partner for p in cohort.partnerships)
    by_role = {
        "admin_provinsi": f"everything: {len(cohort.smes) + len(cohort.others)} UMKM, the cohort, "
        f"{len(cohort.partnerships)} partnerships",
        "coordinator": f"cohort {cohort_id}: its {len(cohort.smes)} enrollments"
        if claims.get("coordinator_id") == cat.COORDINATOR_ID
        else "",
        "mentor": f"in cohort {cohort_id} only its {mentees} mentees" if mentees else "",
        "partner": f"its own partner record {claims.get('partner_id')} ({partner}) and its "
        f"{mine} partnerships"
        if partner
        else "",
        "bank": "no SME: only the pseudonymised feed umkm-juara.bankjabar-feed.v1 "
        "(the consenting UMKM's progress)",
    }
    return by_role.get(role) or "nothing of the demo"


def describe_users(cohort: Bekasi2022, cohort_id: str) -> str:
    """`realm.describe_demo_users`, each user followed by what they see of the demo."""
    seen = {u.username: sees(cohort, cohort_id, u.roles, u.attributes) for u in demo_users()}
    lines = []
    for line in describe_demo_users().splitlines():
        lines.append(line)
        if line.startswith("  ") and line.split()[0] in seen:
            lines.append(f"      sees {seen[line.split()[0]]}")
    return "\n".join(lines)
