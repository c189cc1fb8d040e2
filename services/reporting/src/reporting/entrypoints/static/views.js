// The tables of each drill-down level, by name (an id shows only where the API gives no name).
"use strict";

const Views = (() => {
  const { t, num, day, label } = I18n;
  const { go, table, section } = Tables;
  const names = {}; // id or region code → name, from every row seen (for the breadcrumbs)
  const named = (id, name) => { if (id && name) names[id] = name; return name || id || "-"; };
  const span = (a, b) => (a || b ? `${day(a)} – ${day(b)}` : "-");

  function regions(rows, place) {
    return table(
      [t("name"), t("code"), t("smes"), t("enrolled"), t("mentored"), t("sessions"), t("graduated"), t("naik"), t("consents"), t("withdrawn")],
      rows.map((r) => [{ html: go({ region: r.code, cohort: place.cohort, sme: null }, named(r.code, r.name)) }, r.code, num(r.smes),
        num(r.enrolled), num(r.mentored), num(r.sessions), num(r.graduated), num(r.naik_kelas),
        r.bank_feed_consents === undefined ? "-" : num(r.bank_feed_consents), num(r.withdrawn)]),
    );
  }

  function cohorts(rows, place) {
    return table(
      [t("cohort"), t("kabupaten"), t("dates"), t("status"), t("enrolled"), t("mentored"), t("sessions"), t("graduated"), t("target"), t("progress")],
      rows.map((c) => [{ html: go({ region: place.region, cohort: c.cohort_id, sme: null }, named(c.cohort_id, c.name)) },
        c.kabupaten_name || names[c.kabupaten_code] || c.kabupaten_code, span(c.start_date, c.end_date),
        c.status ? label("cohort_status", c.status) : "-", num(c.enrolled), num(c.mentored), num(c.sessions),
        num(c.graduated), num(c.target_graduates), I18n.pct(c.progress_pct)]),
    );
  }

  function mentors(rows, closed) {
    const upTo = rows.find((m) => m.as_of)?.as_of;
    const head = closed ? t("sessions30Closed") : t("sessions30") + (upTo ? ` (${t("upTo")} ${day(upTo)})` : "");
    return table(
      [t("mentor"), t("kabupaten"), t("assigned"), t("norm"), t("load"), head, t("sessionsTotal")],
      rows.map((m) => [named(m.mentor_id, m.name), m.kabupaten_name || names[m.kabupaten_code] || m.kabupaten_code || "-",
        num(m.assigned), num(m.norm), I18n.pct(m.load_pct), num(m.sessions_30d), num(m.sessions_total)]),
    );
  }

  function smes(page, place) {
    const rows = (page && page.items) || [];
    return table(
      [t("business"), t("kecamatan"), t("cohort"), t("mentor"), t("scale"), t("registeredOn"), t("sessions"), t("lastSession"), t("graduatedOn"), t("status")],
      rows.map((s) => [{ html: go({ region: s.kecamatan_code || place.region, cohort: place.cohort, sme: s.sme_id }, named(s.sme_id, s.business_name)) },
        named(s.kecamatan_code, s.kecamatan_name), s.cohort_name || names[s.cohort_id] || s.cohort_id || "-",
        s.mentor_name || names[s.mentor_id] || s.mentor_id || "-", label("scale_class", s.scale_class),
        day(s.joined_on || s.registered_on), num(s.session_count), day(s.last_session_date), day(s.graduated_on),
        label("sme_status", s.status)]),
    );
  }

  const patterns = (byPattern) => Object.entries(byPattern || {}).map(([p, n]) => `${label("partnership_pattern", p)} (${num(n)})`).join(", ") || "-";

  function compliance(rows) {
    return table(
      [t("partner"), t("sector"), t("activePartnerships"), t("activePatterns"), t("umkmPartnered"), t("products"), t("units"), t("sales")],
      rows.map((c) => [named(c.partner_id, c.name), [label("partner_sector", c.sector), label("company_type", c.company_type)].filter((x) => x !== "-").join(" · ") || "-",
        num(c.active_partnerships), patterns(c.active_by_pattern), num(c.umkm_partnered), num(c.products_listed),
        num(c.units_sold_to_date), I18n.rupiah(c.sales_to_date)]),
    );
  }

  function kecamatan(rows) {
    return table(
      [t("kecamatan"), t("kabupaten"), t("umkmPartnered"), t("activePartnerships"), t("partner")],
      rows.map((k) => [{ html: k.kecamatan_code && k.kecamatan_code !== "-" ? go({ region: k.kecamatan_code, cohort: null, sme: null }, named(k.kecamatan_code, k.name)) : Charts.esc(k.name) },
        k.kabupaten_name, num(k.umkm_partnered), num(k.active_partnerships), k.partners.join(", ")]),
    );
  }

  function byPattern(rows) {
    const sums = {};
    rows.forEach((c) => Object.entries(c.active_by_pattern || {}).forEach(([k, v]) => { sums[k] = (sums[k] || 0) + v; }));
    return Charts.bars(Cards.items("partnership_pattern", sums));
  }

  function topics(cohortRows) {
    const sums = {};
    (cohortRows || []).forEach((c) => Object.entries(c.sessions_by_topic || {}).forEach(([k, v]) => { sums[k] = (sums[k] || 0) + v; }));
    return Charts.bars(Cards.items("session_topic", sums));
  }

  /** The sections of a level below its cards, in the order the page shows them. */
  function sections(place, data) {
    const f = Route.filters(place);
    const level = Route.level(place);
    const out = [];
    const add = (key, id, title, body, exportName, filters = f) => { if (data[key]) out.push(section(id, title, body(data[key]), exportName, filters)); };
    add("regions", "regions", t(level === "province" ? "regionsKab" : "regionsKec"), (r) => regions(r, place), "regions");
    add("cohorts", "cohorts", t("cohorts"), (r) => cohorts(r, place), "cohorts");
    add("cohorts", "topics", t("topics"), topics, "topics");
    const cohort = (data.cohorts || []).find((c) => c.cohort_id === place.cohort);
    const closed = Boolean(place.cohort) && ((data.totals && data.totals.cohort_status) || (cohort && cohort.status)) === "closed";
    add("mentors", "mentors", t("mentors"), (r) => mentors(r, closed), "mentors");
    add("smes", "smes", t("smes"), (p) => smes(p, place), "smes");
    add("compliance", "compliance", t("compliance"), compliance, "compliance-partners");
    add("compliance", "patterns", t("patterns"), byPattern, "patterns");
    add("kecamatan", "kecamatan", t("kecamatanCompliance"), kecamatan, "compliance-kecamatan");
    return out.join("");
  }

  return { sections, names, named };
})();
