// The top of the page: who is logged in, the breadcrumbs of the drill-down, and how fresh
// the data is ("Data per <time>", the projection lag, a warning when it is high).
"use strict";

const Header = (() => {
  const { t } = I18n;
  const { esc } = Charts;
  const $ = (id) => document.getElementById(id);
  const ROLES = ["admin_provinsi", "dinas_kabupaten", "coordinator", "mentor", "partner", "bank", "viewer"];
  const ROLE_TEXT = { mentor: "mentor_role", partner: "partner_role" };
  const LAG_HIGH = 1000; // events behind, when the API does not say (older /freshness)

  function user(who) {
    const u = who && who.user;
    $("user").hidden = !u;
    if (!u) return;
    const roles = u.roles.filter((r) => ROLES.includes(r));
    $("user-name").textContent = u.name;
    $("user-role").dataset.roles = roles.join(" ");
    $("user-role").textContent = roles.map((r) => t(ROLE_TEXT[r] || r)).join(", ") || "-";
    $("user-region").dataset.code = u.region || "";
    $("user-region").textContent = who.config.regions[u.region] || u.region || "-";
  }

  /** The name of one step of the trail; its id or code when no row named it yet. */
  function stepName(step, data) {
    const level = Route.level(step);
    if (level === "sme") return Views.names[step.sme] || step.sme;
    if (level === "cohort") return Views.names[step.cohort] || (data.totals && data.totals.cohort_name) || step.cohort;
    return Views.names[step.region] || step.region;
  }

  function crumbs(place, home, data) {
    const trail = Route.trail(place, home);
    $("crumbs").innerHTML = trail.map((step, i) => {
      const name = esc(stepName(step, data));
      // Province and kabupaten names say what they are; a kecamatan, cohort or SME name does not.
      const kind = ["province", "kabupaten"].includes(Route.level(step)) ? "" : `<span class="lvl">${esc(t(Route.level(step)))}</span> `;
      return i === trail.length - 1 ? `<span class="here" data-level="${Route.level(step)}">${kind}${name}</span>`
        : `<a href="${esc(Route.href(step))}" data-level="${Route.level(step)}">${kind}${name}</a>`;
    }).join(" › ");
  }

  /** "Data per <time>" and the lag, from GET /freshness (or the admin's /lag when it is missing). */
  function freshness(fresh, partitions, fetchedAt) {
    const lag = fresh && fresh.lag !== undefined ? fresh.lag
      : partitions ? partitions.reduce((a, p) => a + p.lag, 0) : null;
    const high = fresh && fresh.lag_high !== undefined ? fresh.lag_high : lag !== null && lag >= LAG_HIGH;
    const asOf = fresh && fresh.data_as_of;
    // Without the API's time of the newest event, say when the page fetched the data instead.
    $("as-of").textContent = asOf ? `${t("dataAsOf")} ${I18n.moment(asOf)}` : `${t("loaded")} ${I18n.moment(fetchedAt)}`;
    $("as-of").dataset.asOf = asOf || "";
    $("lag-value").textContent = `${t("lag")}: ${lag === null ? t("lagUnknown") : `${I18n.num(lag)} ${t("events")}`}`;
    $("lag-value").dataset.lag = lag === null ? "" : String(lag);
    $("lag-warning").hidden = !high;
    $("lag-warning").textContent = t("lagHigh");
  }

  return { user, crumbs, freshness };
})();
