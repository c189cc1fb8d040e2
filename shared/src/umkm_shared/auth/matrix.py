"""The roles matrix: which role may do which action (function level, OWASP API5).

Each role also has ONE scope, the objects its grants reach (object level, API1, in
`umkm_shared.auth.scope`): `all` (the province), `kabupaten` (the caller's `kabupaten_code`
and every unit inside it), `cohorts` (cohorts naming the caller's `coordinator_id`),
`assigned` (enrollments whose mentor is the caller's `mentor_id`), `own_partner` (the
caller's `partner_id`) and `feed` (the pseudonymised Bank Jabar feed, no objects).
"""

from typing import Literal

from umkm_shared.auth.caller import Caller, Role

Scope = Literal["all", "kabupaten", "cohorts", "assigned", "own_partner", "feed"]

SCOPE: dict[Role, Scope] = {
    "admin_provinsi": "all",
    "dinas_kabupaten": "kabupaten",
    "viewer": "kabupaten",
    "coordinator": "cohorts",
    "mentor": "assigned",
    "partner": "own_partner",
    "bank": "feed",
}

_OFFICE: frozenset[Role] = frozenset({"dinas_kabupaten"})
_READERS: frozenset[Role] = frozenset({"dinas_kabupaten", "viewer"})

# admin_provinsi holds every action; the sets below name the other roles.
_GRANTS: dict[str, frozenset[Role]] = {
    "registration.register": _OFFICE,
    "registration.update": _OFFICE,
    "registration.consent": _OFFICE,
    "registration.withdraw": _OFFICE,
    "registration.read": _OFFICE,
    "registration.import": _OFFICE,
    "mentoring.open_cohort": _OFFICE,
    "mentoring.close_cohort": _OFFICE,
    "mentoring.register_mentor": _OFFICE,
    "mentoring.read": frozenset({"dinas_kabupaten", "coordinator", "mentor"}),
    "mentoring.enroll": frozenset({"coordinator"}),
    "mentoring.assign": frozenset({"coordinator"}),
    "mentoring.log_session": frozenset({"mentor"}),
    "mentoring.milestone": frozenset({"mentor"}),
    "mentoring.graduate": frozenset({"coordinator"}),
    "mentoring.override": frozenset({"coordinator"}),
    "partnership.register_partner": _OFFICE,
    "partnership.read": frozenset({"dinas_kabupaten", "partner"}),
    "partnership.propose": _OFFICE,
    "partnership.curate": _OFFICE,
    "partnership.establish": _OFFICE,
    "partnership.list_product": frozenset({"dinas_kabupaten", "partner"}),
    "partnership.report_sales": frozenset({"dinas_kabupaten", "partner"}),
    "partnership.end": _OFFICE,
    "partnership.compliance": _READERS,
    "reporting.read": _READERS,
    "reporting.export": _READERS,
    "reporting.operate": frozenset(),
    "reporting.set_target": _OFFICE,
    "bankfeed.read": frozenset({"bank"}),
}
MATRIX: dict[str, frozenset[Role]] = {
    action: roles | {"admin_provinsi"} for action, roles in _GRANTS.items()
}
"""Action → the roles that may do it; the one source of the matrix in docs and tests."""


def may(caller: Caller, action: str) -> bool:
    """Function-level check: does one of the caller's roles hold `action`?"""
    return bool(caller.roles & MATRIX[action])
