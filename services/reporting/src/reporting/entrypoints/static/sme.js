// The last level of the drill-down: one SME (GET /smes/{id}) with the same cards, from its record.
"use strict";

const SmeView = (() => {
  const { t, num, day, label } = I18n;
  const { table, section } = Tables;
  const mentorName = (id, s) => s.mentor_name || Views.names[id] || id || "-";

  /** The level's totals drawn from one SME, so the cards read as at every other level. */
  function totals(s) {
    const graduation = s.graduation;
    const dimensions = {};
    (graduation ? graduation.dimensions : []).forEach((d) => { dimensions[d.dimension] = 1; });
    const milestones = {};
    (s.milestones || []).forEach((m) => { milestones[m.milestone] = 1; });
    const active = (s.partnerships || []).filter((p) => p.status === "active");
    return {
      level: "sme", registered: 1, enrolled: s.cohort_id ? 1 : 0, mentored: s.mentor_id ? 1 : 0,
      sessions: (s.sessions || []).length, graduated: graduation ? 1 : 0,
      naik_kelas_scale: s.naik_kelas_scale === undefined ? (dimensions.scale_class || 0) : Number(s.naik_kelas_scale),
      mentors: new Set((s.mentor_history || []).map((m) => m.mentor_id).concat(s.mentor_id || [])).size,
      bank_feed_consents: s.bank_feed_consent === undefined ? undefined : Number(Boolean(s.bank_feed_consent)),
      milestones, graduated_by_dimension: dimensions,
      partnerships_active: active.length, umkm_partnered: active.length ? 1 : 0,
      gross_sales: (s.partnerships || []).reduce((a, p) => a + (p.gross_sales || 0), 0), target: null,
    };
  }

  /** The SME's record, each table with its download (GET /exports/smes/{id}/{table}.…). */
  function sections(s) {
    const own = (name) => `smes/${encodeURIComponent(s.sme_id)}/${name}`;
    const sessions = table([t("date"), t("mentor"), t("topic"), t("mode"), t("duration")],
      (s.sessions || []).map((x) => [day(x.date), mentorName(x.mentor_id, x), (x.topics || []).map((k) => label("session_topic", k)).join(", "),
        label("session_mode", x.mode), num(x.duration_minutes)]));
    const milestones = table([t("milestone"), t("date")],
      (s.milestones || []).map((m) => [label("milestone", m.milestone), day(m.achieved_on)]));
    const g = s.graduation;
    const graduation = g
      ? `<p>${Charts.esc(`${t("graduatedOn")}: ${day(g.graduated_on)} · ${t("policy")}: ${g.policy_version}`)}</p>` +
        table([t("dimension"), t("before"), t("after")], g.dimensions.map((d) => [label("dimension", d.dimension), label("scale_class", d.before), label("scale_class", d.after)]))
      : `<p class="muted">${Charts.esc(t("notGraduated"))}</p>`;
    const scale = table([t("date"), t("before"), t("after")],
      (s.scale_history || []).map((h) => [day(h.figures_as_of), label("scale_class", h.from_class), label("scale_class", h.to_class)]));
    const partnerships = table([t("partner"), t("pattern"), t("status"), t("products"), t("units"), t("sales")],
      (s.partnerships || []).map((p) => [p.partner_name || p.partner_id, label("partnership_pattern", p.pattern), label("partnership_status", p.status),
        num(p.product_count ?? (p.products || []).length), num(p.units_sold), I18n.rupiah(p.gross_sales)]));
    return section("sme-sessions", t("smeSessions"), sessions, own("sessions")) +
      section("sme-milestones", t("smeMilestones"), milestones, own("milestones")) +
      section("sme-graduation", t("smeGraduation"), graduation, own("graduation")) +
      section("sme-scale", t("scaleHistory"), scale, own("scale")) +
      section("sme-partnerships", t("smePartnerships"), partnerships, own("partnerships"));
  }

  /** Who and where the SME is, by name. */
  function heading(s) {
    const parts = [s.kecamatan_name || Views.names[s.kecamatan_code] || s.kecamatan_code, s.cohort_name || Views.names[s.cohort_id] || s.cohort_id,
      s.mentor_id ? `${t("mentor")}: ${mentorName(s.mentor_id, s)}` : null, `${t("registeredOn")}: ${day(s.joined_on || s.registered_on)}`,
      `${t("scale")}: ${label("scale_class", s.scale_class)}`, `KBLI ${s.kbli || "-"}`];
    return `<section id="sme-heading"><h2>${Charts.esc(s.business_name || s.sme_id)}</h2>` +
      `<p class="muted">${Charts.esc(parts.filter(Boolean).join(" · "))}</p></section>`;
  }

  return { totals, sections, heading };
})();
