"""Identity and access: every service is an OAuth2 resource server of one OIDC issuer.

`install(app, settings)` and `require(action)` for routes (`guard`); `matrix` for who may
do what, `scope` for which objects; `tokens` and `keys` check the JWTs (PyJWT, no crypto
here); `endpoints` lists every route's action.
"""

from umkm_shared.auth.caller import DEV_CALLER, ROLES, Caller, Role
from umkm_shared.auth.guard import install, require
from umkm_shared.auth.matrix import MATRIX, may
from umkm_shared.auth.scope import (
    Target,
    allows,
    check,
    in_region,
    is_own_cohort,
    is_own_partner,
    is_self_mentor,
    region_filter,
)
from umkm_shared.auth.settings import AuthSettings

__all__ = [
    "DEV_CALLER",
    "MATRIX",
    "ROLES",
    "AuthSettings",
    "Caller",
    "Role",
    "Target",
    "allows",
    "check",
    "in_region",
    "install",
    "is_own_cohort",
    "is_own_partner",
    "is_self_mentor",
    "may",
    "region_filter",
    "require",
]
