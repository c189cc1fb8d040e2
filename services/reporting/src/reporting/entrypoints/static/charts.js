// Small inline-SVG charts drawn here (no chart library): bars, and lines over programme days.
"use strict";

const Charts = (() => {
  const esc = (s) => String(s ?? "-").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

  /** Horizontal bars: items = [[label, value]]. */
  function bars(items, width = 580) {
    if (!items.length) return `<p class="muted">${esc(I18n.t("empty"))}</p>`;
    const max = Math.max(1, ...items.map((i) => i[1]));
    const h = 22 * items.length + 10;
    // The labels' column is as wide as the longest label (about 7.2 px a character at 12 px).
    // A label longer than 60 % of the chart is cut, its whole text kept as the tooltip.
    const cap = Math.floor(width * 0.6 / 7.2);
    const left = Math.max(120, ...items.map((i) => Math.min(cap, String(i[0]).length) * 7.2)) + 10;
    const cut = (name) => (String(name).length > cap ? `${String(name).slice(0, cap - 1)}…` : name);
    const rows = items.map(([name, v], i) => {
      const w = Math.round((width - left - 50) * v / max);
      return `<text x="0" y="${22 * i + 20}" font-size="12"><title>${esc(name)}</title>${esc(cut(name))}</text>` +
        `<rect x="${left}" y="${22 * i + 8}" width="${w}" height="16" fill="#1f9d55"></rect>` +
        `<text x="${left + 6 + w}" y="${22 * i + 20}" font-size="12">${esc(I18n.num(v))}</text>`;
    }).join("");
    return `<svg class="bars" role="img" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}">${rows}</svg>`;
  }

  const epoch = (iso) => Date.UTC(...String(iso).slice(0, 10).split("-").map((n, i) => Number(n) - (i === 1 ? 1 : 0)));

  /** Cumulative series per programme day, x on a true time axis; `marks` = [[iso day, label]]. */
  function lines(days, marks = [], width = 1180, height = 240) {
    if (!days || !days.length) return `<p class="muted">${esc(I18n.t("empty"))}</p>`;
    const series = [["registered_total", "#0b5e3b", "cumRegistered"], ["sessions_total", "#d97706", "cumSessions"], ["graduated_total", "#2563eb", "cumGraduated"]];
    const when = [...days.map((d) => d.day), ...marks.map((m) => m[0])].filter(Boolean).map(epoch);
    const first = Math.min(...when);
    const span = Math.max(1, Math.max(...when) - first);
    const max = Math.max(1, ...days.map((d) => Math.max(...series.map(([k]) => d[k] || 0))));
    const x = (iso) => 50 + (epoch(iso) - first) * (width - 100) / span;
    const y = (v) => height - 40 - v * (height - 70) / max;
    const steps = (k) => days.map((d, i) => `${x(d.day)},${y(i ? days[i - 1][k] : 0)} ${x(d.day)},${y(d[k])}`).join(" ");
    const paths = series.map(([k, color]) => `<polyline fill="none" stroke="${color}" stroke-width="2" points="${steps(k)}"></polyline>`).join("");
    const last = days[days.length - 1];
    const legend = series.map(([k, color, name], i) => `<text x="${60 + i * 200}" y="14" font-size="12" fill="${color}">■ ${esc(I18n.t(name))}: ${esc(I18n.num(last[k]))}</text>`).join("");
    const flags = marks.filter((m) => m[0]).map(([iso, name]) => {
      const right = x(iso) > width / 2; // a label near the right edge is drawn to the left of its line
      return `<line x1="${x(iso)}" x2="${x(iso)}" y1="24" y2="${height - 40}" stroke="#889" stroke-dasharray="4 3"></line>` +
        `<text class="mark" x="${x(iso) + (right ? -4 : 4)}" y="34" font-size="11" fill="#556" text-anchor="${right ? "end" : "start"}">${esc(name)} ${esc(I18n.day(iso))}</text>`;
    }).join("");
    const ticks = monthTicks(first, first + span).map((t) =>
      `<text class="tick" x="${x(t)}" y="${height - 22}" font-size="11" text-anchor="middle">${esc(I18n.day(t).replace(/^1 /, ""))}</text>`).join("");
    const axis = `<line x1="50" x2="${width - 50}" y1="${height - 40}" y2="${height - 40}" stroke="#556"></line>` +
      `<text x="50" y="${height - 6}" font-size="11">${esc(I18n.day(days[0].day))}</text>` +
      `<text x="${width - 50}" y="${height - 6}" font-size="11" text-anchor="end">${esc(I18n.day(last.day))}</text>`;
    return `<svg id="daily-svg" role="img" width="${width}" height="${height}">${legend}${flags}${paths}${axis}${ticks}</svg>`;
  }

  /** The first day of each month between two instants, at most a dozen (thinned). */
  function monthTicks(from, to) {
    const out = [];
    const d = new Date(from);
    let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    while (at <= to) {
      out.push(new Date(at).toISOString().slice(0, 10));
      const n = new Date(at);
      at = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + 1, 1);
    }
    const every = Math.ceil(out.length / 12);
    return out.filter((_, i) => i % every === 0);
  }

  return { bars, lines, esc };
})();
