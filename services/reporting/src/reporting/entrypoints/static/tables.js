// Tables as sections, each with its XLSX/CSV download in the same layout (GET /exports/…
// with the level's filters), and the links of a drill-down.
"use strict";

const Tables = (() => {
  const { esc } = Charts;
  const SHOWN = 200; // a long list shows its first rows; the download holds them all

  /** A link to a place of the drill-down (navigation is the hash: a reload stays there). */
  const go = (place, text) => `<a class="drill" href="${esc(Route.href(place))}">${esc(text)}</a>`;

  /** A cell: plain text, or { html } already escaped (a drill-down link). */
  const cell = (c) => (c && typeof c === "object" && "html" in c ? c.html : esc(c));
  // Figures line up on the right, words on the left.
  const figure = (c) => typeof c === "string" && /^(Rp)?[\d.,]+%?$/.test(c);

  function table(headers, rows) {
    if (!rows.length) return `<p class="muted">${esc(I18n.t("empty"))}</p>`;
    const shown = rows.slice(0, SHOWN);
    const numeric = headers.map((_, i) => shown.every((r) => figure(r[i]) || r[i] === "-"));
    const td = (c, i) => (numeric[i] ? `<td class="num">${cell(c)}</td>` : `<td>${cell(c)}</td>`);
    const head = headers.map((h, i) => `<th${numeric[i] ? ' class="num"' : ""}>${esc(h)}</th>`).join("");
    const body = shown.map((r) => `<tr>${r.map(td).join("")}</tr>`).join("");
    const more = rows.length > SHOWN ? `<p class="muted">${esc(I18n.num(SHOWN))} / ${esc(I18n.num(rows.length))} — ${esc(I18n.t("more"))}</p>` : "";
    return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
  }

  function downloads(name, filters) {
    if (!name) return "";
    const link = (fmt) => `<a class="export" data-table="${esc(name)}" href="${esc(Api.withQuery(`/exports/${name}.${fmt}`, filters))}">${fmt.toUpperCase()}</a>`;
    return `<span class="downloads">${esc(I18n.t("export"))}: ${link("xlsx")} · ${link("csv")}</span>`;
  }

  /** A titled section: `id` names its container, `exportName` its table in /exports. */
  function section(id, title, body, exportName, filters) {
    return `<section id="sec-${esc(id)}"><h2>${esc(title)}${downloads(exportName, filters)}</h2><div id="${esc(id)}">${body}</div></section>`;
  }

  return { go, table, section, downloads };
})();
