"""Partnership's objects as the shared access checks (`umkm_shared.auth`) see them.

Object-level access (OWASP API1); the routes' `require(action)` did the function level.
An id the service does not know is 404 to anyone; a known object outside the caller's
scope is 403; a partner under another partner's id is 403 before anything is looked up.
"""

from partnership.domain.commands import RegisterPartner
from partnership.domain.partnership import Partnership
from umkm_shared.auth import MATRIX, Caller, Target, check, is_own_partner
from umkm_shared.errors import RefusalError

READ, REGISTER, PROPOSE = "partnership.read", "partnership.register_partner", "partnership.propose"
CURATE, ESTABLISH, END = "partnership.curate", "partnership.establish", "partnership.end"
LIST_PRODUCT, REPORT_SALES = "partnership.list_product", "partnership.report_sales"
COMPLIANCE = "partnership.compliance"


def reaches_partner(caller: Caller, action: str, partner_id: str) -> bool:
    """Partners are companies, not regional objects: every role holding `action` reaches
    every partner, except the partner role, which reaches only its own."""
    return bool(caller.roles & MATRIX[action] - {"partner"}) or is_own_partner(caller, partner_id)


def check_partner(caller: Caller, action: str, partner_id: str) -> None:
    """Refuse (403) a partner acting under another partner's id."""
    if not reaches_partner(caller, action, partner_id):
        check(caller, action, Target())  # an object nobody is known to own: the shared 403


def target(p: Partnership) -> Target:
    """A partnership as the access decision sees it: its partner and its SME's region."""
    return Target(kabupaten_code=p.kabupaten_code, partner_id=p.partner_id)


def check_registration(caller: Caller, cmd: RegisterPartner) -> None:
    """A Dinas registers partners of its own region or province-wide ones (one record per
    NIB serves every regency), never one placed in another regency (it would join that
    regency's compliance view); only the province links a partner to its accounts."""
    for code in (cmd.kabupaten_code, cmd.kecamatan_code):
        if code is not None:
            check(caller, REGISTER, Target(kabupaten_code=code))
    if cmd.partner_id is not None and not caller.has("admin_provinsi"):
        raise RefusalError(
            "forbidden",
            "Hanya admin provinsi yang menetapkan id mitra (id akun mitra di penyedia identitas).",
            "Only the provincial admin sets a partner id (the id of the partner's accounts).",
            extra={"action": REGISTER},
        )
