"""Every route of the four services and the action it needs (None: open, and shows no data).

Routes declare `Depends(require(action))`; a test over each app checks that every route
is listed here and asks for its action, so a new route cannot stay unguarded.
`/health`, `/ready` and `/metrics` come from the bootstrap and stay open.
"""

Route = tuple[str, str]
"""(HTTP method, path template as FastAPI declares it)."""

_ONE_SME = "/cohorts/{cohort_id}/enrollments/{sme_id}"
_ONE_PARTNERSHIP = "/partners/{partner_id}/partnerships/{partnership_id}"

ENDPOINTS: dict[str, dict[Route, str | None]] = {
    "registration": {
        ("POST", "/smes"): "registration.register",
        ("GET", "/smes"): "registration.read",
        ("GET", "/smes/{sme_id}"): "registration.read",
        ("PATCH", "/smes/{sme_id}"): "registration.update",
        ("PUT", "/smes/{sme_id}/consents/{purpose}"): "registration.consent",
        ("POST", "/smes/{sme_id}/withdrawal"): "registration.withdraw",
        ("GET", "/imports/template.{fmt}"): None,
        ("POST", "/imports"): "registration.import",
        ("GET", "/imports/{import_id}"): "registration.import",
        ("GET", "/imports/{import_id}/report.{fmt}"): "registration.import",
    },
    "mentoring": {
        ("POST", "/cohorts"): "mentoring.open_cohort",
        ("GET", "/cohorts/{cohort_id}"): "mentoring.read",
        ("POST", "/cohorts/{cohort_id}/close"): "mentoring.close_cohort",
        ("POST", "/mentors"): "mentoring.register_mentor",
        ("POST", "/cohorts/{cohort_id}/enrollments"): "mentoring.enroll",
        ("PUT", f"{_ONE_SME}/mentor"): "mentoring.assign",
        ("POST", "/cohorts/{cohort_id}/assignment-proposal"): "mentoring.assign",
        ("GET", _ONE_SME): "mentoring.read",
        ("POST", f"{_ONE_SME}/sessions"): "mentoring.log_session",
        ("POST", f"{_ONE_SME}/milestones"): "mentoring.milestone",
        ("POST", f"{_ONE_SME}/graduation"): "mentoring.override",
    },
    "partnership": {
        ("POST", "/partners"): "partnership.register_partner",
        ("GET", "/partners"): "partnership.read",
        ("GET", "/partners/{partner_id}"): "partnership.read",
        ("POST", "/partners/{partner_id}/partnerships"): "partnership.propose",
        ("GET", "/partners/{partner_id}/partnerships"): "partnership.read",
        ("GET", _ONE_PARTNERSHIP): "partnership.read",
        ("POST", f"{_ONE_PARTNERSHIP}/curation"): "partnership.curate",
        ("POST", f"{_ONE_PARTNERSHIP}/agreement"): "partnership.establish",
        ("POST", f"{_ONE_PARTNERSHIP}/products"): "partnership.list_product",
        ("PUT", f"{_ONE_PARTNERSHIP}/sales/{{period}}"): "partnership.report_sales",
        ("POST", f"{_ONE_PARTNERSHIP}/end"): "partnership.end",
        ("GET", "/compliance"): "partnership.compliance",
        ("GET", "/smes/{sme_id}"): "partnership.read",
    },
    "reporting": {
        ("GET", "/"): None,
        ("GET", "/dashboard"): None,
        ("GET", "/dashboard/config"): None,
        ("GET", "/labels"): None,
        ("GET", "/static/login.js"): None,
        ("GET", "/static/i18n.js"): None,
        ("GET", "/static/route.js"): None,
        ("GET", "/static/api.js"): None,
        ("GET", "/static/charts.js"): None,
        ("GET", "/static/tables.js"): None,
        ("GET", "/static/cards.js"): None,
        ("GET", "/static/views.js"): None,
        ("GET", "/static/sme.js"): None,
        ("GET", "/static/header.js"): None,
        ("GET", "/static/levels.js"): None,
        ("GET", "/static/dashboard.js"): None,
        ("GET", "/totals"): "reporting.read",
        ("GET", "/totals/daily"): "reporting.read",
        ("GET", "/regions"): "reporting.read",
        ("GET", "/cohorts"): "reporting.read",
        ("GET", "/mentors"): "reporting.read",
        ("GET", "/partnerships/summary/{by}"): "reporting.read",
        ("GET", "/smes"): "reporting.read",
        ("GET", "/smes/{sme_id}"): "reporting.read",
        ("GET", "/partnerships"): "reporting.read",
        ("GET", "/partnerships/compliance/partners"): "reporting.read",
        ("GET", "/partnerships/compliance/kecamatan"): "reporting.read",
        ("GET", "/exports/{table}.{fmt}"): "reporting.export",
        ("GET", "/exports/smes/{sme_id}/{table}.{fmt}"): "reporting.export",
        ("GET", "/exports/lag.{fmt}"): "reporting.operate",
        ("GET", "/lag"): "reporting.operate",
        ("GET", "/generation"): "reporting.operate",
        ("GET", "/freshness"): "reporting.read",
        ("GET", "/targets"): "reporting.read",
        ("PUT", "/targets/{kabupaten_code}"): "reporting.set_target",
    },
}
