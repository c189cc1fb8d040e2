// UMKM Juara dashboard: logs in (login.js), fetches the level the URL hash names with its
// filters (levels.js, api.js, route.js) and draws it (cards.js, views.js, sme.js, charts.js) in the
// language of the toggle (i18n.js). A section the role may not fetch (403) is left out.
"use strict";

const Dashboard = (() => {
  const { t } = I18n;
  const $ = (id) => document.getElementById(id);
  let who = null; // { config, user }: user is null when the service runs open (dev only)
  let shown = null; // { place, data } of the level on the page
  let asked = 0; // the latest level asked for: an older answer arriving late is dropped

  const home = () => (who && who.user && who.user.region) || Route.PROVINCE;
  function remember(place, data) {
    // Names the rows bring (kecamatan, cohorts, mentors) serve the breadcrumbs too; the
    // province and kabupaten keep the names of /dashboard/config ("Provinsi Jawa Barat").
    if (data.totals) { Views.named(place.region, data.totals.region_name); Views.named(place.cohort, data.totals.cohort_name); }
    (data.regions || []).forEach((r) => Views.named(r.code, r.name));
    (data.cohorts || []).forEach((c) => Views.named(c.cohort_id, c.name));
    (data.mentors || []).forEach((m) => Views.named(m.mentor_id, m.name));
    if (data.sme) {
      const s = data.sme;
      [[s.sme_id, s.business_name], [s.kecamatan_code, s.kecamatan_name], [s.cohort_id, s.cohort_name], [s.mentor_id, s.mentor_name]]
        .forEach(([id, name]) => Views.named(id, name));
    }
    Object.entries((who && who.config.regions) || {}).forEach(([code, name]) => Views.named(code, name));
  }

  async function open(place) {
    const mine = ++asked;
    busy(true);
    try {
      const data = await Levels.fetch(place);
      if (mine !== asked) return;
      remember(place, data);
      shown = { place, data, at: new Date().toISOString() };
      render();
      const nothing = data.totals === null && data.sme === null;
      status(nothing ? "forbidden" : "loaded");
    } catch (err) {
      if (mine === asked) status("failed", err.message);
    } finally {
      if (mine === asked) busy(false);
    }
  }

  function busy(on) {
    $("loading").hidden = !on;
    $("content").hidden = on;
    $("content").setAttribute("aria-busy", String(on));
    if (on) status("loading");
  }

  let said = ["loading", ""]; // the status's key and detail, said again in the other language

  function status(state, detail = "") {
    said = [state, detail];
    $("status").dataset.state = state;
    $("status").textContent = t(state) + (detail ? `: ${detail}` : "");
  }

  function render() {
    document.documentElement.lang = I18n.lang;
    document.title = t("title");
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $("lang").textContent = t("toggle");
    status(...said);
    Header.user(who);
    if (!shown) return;
    const { place, data } = shown;
    Header.crumbs(place, home(), data);
    Header.freshness(data.freshness, data.lag, shown.at);
    const level = Route.level(place);
    $("content").dataset.level = level;
    $("content").innerHTML = (level === "sme" && data.sme ? smePage(data.sme) : levelPage(place, data)) + operations(data.lag);
  }

  /** A level's cards, its chart in programme time and its tables. */
  function levelPage(place, data) {
    if (!data.totals) return "";
    const filters = Route.filters(place);
    const cohort = (data.cohorts || []).find((c) => c.cohort_id === place.cohort);
    const marks = cohort ? [[cohort.start_date, t("programmeStart")], [cohort.end_date, t("programmeEnd")]] : [];
    return Cards.render(data.totals, filters) +
      Tables.section("daily", t("daily"), Charts.lines(data.daily, marks), "daily", { ...filters, time: "programme" }) +
      Views.sections(place, data);
  }

  /** One SME: who it is, the same cards from its record, then the record. */
  function smePage(sme) {
    return SmeView.heading(sme) + Cards.render(SmeView.totals(sme), null) + SmeView.sections(sme);
  }

  /** The projection lag per partition, for the admin who operates the platform (/lag). */
  function operations(lag) {
    if (!lag) return "";
    const rows = lag.map((p) => [p.topic, I18n.num(p.partition), I18n.num(p.lag)]);
    return Tables.section("lag", t("opsLag"), Tables.table([t("topic"), t("partition"), t("behind")], rows), "lag", {});
  }

  async function start() {
    render();
    try {
      who = await Login.start();
      I18n.setLabels(await Api.tolerant("/labels"));
    } catch (err) {
      status("failed", err.message);
      return;
    }
    await open(Route.parse(home()));
  }

  function exportClicked(event) {
    const link = event.target.closest("a.export");
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute("href");
    Api.download(href.split("?")[0], Object.fromEntries(new URLSearchParams(href.split("?")[1] || "")))
      .catch((err) => status("failed", err.message));
  }

  $("lang").addEventListener("click", () => { I18n.toggle(); render(); });
  $("logout").addEventListener("click", () => Login.logout());
  document.addEventListener("click", exportClicked);
  window.addEventListener("hashchange", () => open(Route.parse(home())));
  return { start };
})();

Dashboard.start();
