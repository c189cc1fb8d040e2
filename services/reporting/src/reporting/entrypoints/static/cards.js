// The cards every level shows (GET /totals with the level's filters): figures, the target and
// its progress, "lulus" next to "naik kelas skala usaha" with what tells them apart,
// graduation by dimension and milestones.
"use strict";

const Cards = (() => {
  const { esc } = Charts;
  const { t, num } = I18n;
  const sum = (o) => Object.values(o || {}).reduce((a, b) => a + b, 0);
  const figure = (v, show = num) => (v === undefined || v === null ? "-" : show(v));

  function card(key, value, note) {
    const extra = note ? `<div class="n">${esc(note)}</div>` : "";
    return `<div class="card" id="card-${key}"><div class="v">${esc(value)}</div><div class="l">${esc(t(key))}</div>${extra}</div>`;
  }

  /** The target as the API gives it: an object (where it was decided) or, from older APIs, a number. */
  function target(s) {
    if (s.target && typeof s.target === "object") return s.target;
    return s.target ? { naik_kelas: s.target, progress_pct: s.progress_pct } : null;
  }

  function progress(s) {
    const goal = target(s);
    if (!goal || !goal.naik_kelas) {
      const why = ["kecamatan", "sme"].includes(s.level) ? t("noTargetHere") : t("noTarget");
      return `<p class="muted" id="progress-text">${esc(why)}</p>`;
    }
    const pct = goal.progress_pct ?? s.progress_pct ?? 0;
    // Where the target was decided: a kabupaten's decree, the sum of them, or the cohort's own.
    const where = [goal.source ? t(`target_${goal.source}`) : null, goal.decided_by, goal.year].filter(Boolean).join(" · ");
    return `<div class="bar"><div id="progress-bar" style="width:${Math.min(100, pct)}%"></div></div>` +
      `<p id="progress-text">${esc(`${num(s.graduated)} ${t("of")} ${num(goal.naik_kelas)} (${I18n.pct(pct)})`)}` +
      (where ? `<br><span class="muted" id="target-source">${esc(where)}</span>` : "") + "</p>";
  }

  /** The two "naik kelas" figures side by side, with what each one counts. */
  function explain(s) {
    return `<div class="explain" id="explain"><h3>${esc(t("whatIsWhat"))}</h3><div class="pair">` +
      `<div><div class="v" id="fig-graduated">${esc(figure(s.graduated))}</div><p>${esc(t("explainGraduated"))}</p></div>` +
      `<div><div class="v" id="fig-naik">${esc(figure(s.naik_kelas_scale))}</div><p>${esc(t("explainNaik"))}</p></div>` +
      "</div></div>";
  }

  const items = (vocabulary, counts) => Object.entries(counts || {}).map(([code, n]) => [I18n.label(vocabulary, code), n]);

  /** Cards, progress, the explanation and the two breakdowns of one level's totals. */
  function render(s, filters) {
    const cards = [
      card("registered", figure(s.registered)), card("enrolled", figure(s.enrolled)),
      card("mentored", figure(s.mentored)), card("sessions", figure(s.sessions)),
      card("graduated", figure(s.graduated)), card("naik", figure(s.naik_kelas_scale)),
      card("mentorCount", figure(s.mentors)), card("consents", figure(s.bank_feed_consents)),
      card("milestones", s.milestones ? num(sum(s.milestones)) : "-"),
      card("activePartnerships", figure(s.partnerships_active)), card("umkmPartnered", figure(s.umkm_partnered), s.partners === undefined ? null : `${num(s.partners)} ${t("partnersCount")}`),
      card("sales", figure(s.gross_sales, I18n.rupiah)),
    ].join("");
    const downloads = filters ? `<p class="summary"><span class="muted">${esc(t("summary"))}</span> ${Tables.downloads("totals", filters)}</p>` : "";
    return `${downloads}<div class="cards" id="cards">${cards}</div>` +
      `<div class="row2"><section><h2>${esc(t("progress"))}</h2>${progress(s)}</section><section>${explain(s)}</section></div>` +
      `<div class="row2"><section><h2>${esc(t("byDimension"))}</h2><div id="chart-dimensions">${Charts.bars(items("dimension", s.graduated_by_dimension))}</div></section>` +
      `<section><h2>${esc(t("byMilestone"))}</h2><div id="chart-milestones">${Charts.bars(items("milestone", s.milestones))}</div></section></div>`;
  }

  return { render, items };
})();
