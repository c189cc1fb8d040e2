// UMKM Juara dashboard: fetches the reporting query API as the logged-in user (login.js)
// and renders tables and SVG charts; a section the role may not fetch (403) stays hidden.
"use strict";

const TEXT = {
  id: {
    title: "Dasbor UMKM Juara Jawa Barat", toggle: "English", progress: "Capaian target naik kelas",
    daily: "Perkembangan harian (kumulatif)", regions: "Rekap per wilayah", cohorts: "Angkatan",
    mentors: "Pendamping", partners: "Kemitraan per mitra", patterns: "Kemitraan per pola",
    exports: "Unduh laporan", registered: "UMKM terdaftar", enrolled: "Peserta angkatan",
    mentored: "Sudah didampingi", sessions: "Sesi pendampingan", graduated: "Lulus (naik kelas)",
    naik: "Naik kelas skala usaha", activePartnerships: "Kemitraan aktif", sales: "Penjualan kemitraan",
    of: "dari target", region: "Wilayah", smes: "UMKM", name: "Nama", target: "Target",
    progressCol: "Capaian", assigned: "Dampingan", norm: "Norma", load: "Beban",
    sessions30: "Sesi 30 hari", partner: "Mitra", pattern: "Pola", partnerships: "Kemitraan",
    products: "Produk", loaded: "Data dimuat", failed: "Gagal memuat data",
    cumRegistered: "Terdaftar", cumSessions: "Sesi", cumGraduated: "Lulus", topics: "Sesi per topik",
    compliance: "Kemitraan usaha besar/menengah dengan UMKM (Perbup 73/2020)", kecamatan: "UMKM bermitra per kecamatan",
    active: "Aktif", sector: "Sektor / jenis", activePatterns: "Pola kemitraan aktif", umkmPartnered: "UMKM bermitra",
    units: "Unit terjual", kecamatanCol: "Kecamatan", kabupaten: "Kabupaten/kota",
    logout: "Keluar", lag: "Operasional: ketertinggalan proyeksi", topic: "Topik", partition: "Partisi",
    behind: "Tertinggal", forbidden: "Peran Anda tidak dapat melihat dasbor ini",
  },
  en: {
    title: "UMKM Juara West Java Dashboard", toggle: "Bahasa Indonesia", progress: "Progress to the naik-kelas target",
    daily: "Daily progress (cumulative)", regions: "By region", cohorts: "Cohorts",
    mentors: "Mentors", partners: "Partnerships by partner", patterns: "Partnerships by pattern",
    exports: "Download reports", registered: "SMEs registered", enrolled: "Enrolled in cohorts",
    mentored: "Mentored", sessions: "Mentoring sessions", graduated: "Graduated (naik kelas)",
    naik: "Moved up a size class", activePartnerships: "Active partnerships", sales: "Partnership sales",
    of: "of target", region: "Region", smes: "SMEs", name: "Name", target: "Target",
    progressCol: "Progress", assigned: "Assigned", norm: "Norm", load: "Load",
    sessions30: "Sessions 30 days", partner: "Partner", pattern: "Pattern", partnerships: "Partnerships",
    products: "Products", loaded: "Data loaded", failed: "Could not load data",
    cumRegistered: "Registered", cumSessions: "Sessions", cumGraduated: "Graduated", topics: "Sessions by topic",
    compliance: "Large and medium enterprises partnering with UMKM (Perbup 73/2020)", kecamatan: "Partnered SMEs by kecamatan",
    active: "Active", sector: "Sector / type", activePatterns: "Active partnership patterns", umkmPartnered: "SMEs partnered",
    units: "Units sold", kecamatanCol: "Kecamatan (district)", kabupaten: "Regency/city",
    logout: "Log out", lag: "Operations: projection lag", topic: "Topic", partition: "Partition",
    behind: "Behind", forbidden: "Your role may not see this dashboard",
  },
};

// Codes of the contracts' vocabularies as words: [Bahasa Indonesia, English].
const LABELS = {
  inti_plasma: ["Inti-plasma", "Nucleus-plasma"], subkontrak: ["Subkontrak", "Subcontracting"],
  waralaba: ["Waralaba", "Franchise"], perdagangan_umum: ["Perdagangan umum", "General trade"],
  distribusi_dan_keagenan: ["Distribusi dan keagenan", "Distribution and agency"],
  rantai_pasok: ["Rantai pasok", "Supply chain"], bagi_hasil: ["Bagi hasil", "Profit sharing"],
  kerja_sama_operasional: ["Kerja sama operasional", "Operational cooperation"],
  usaha_patungan: ["Usaha patungan", "Joint venture"], penyumberluaran: ["Penyumberluaran", "Outsourcing"],
  ritel_modern: ["Ritel modern", "Modern retail"], manufaktur: ["Manufaktur", "Manufacturer"],
  eksportir: ["Eksportir", "Exporter"], lainnya: ["Lainnya", "Other"],
  usaha_besar: ["Usaha besar", "Large enterprise"], usaha_menengah: ["Usaha menengah", "Medium enterprise"],
  // The roles of the matrix, for the header.
  admin_provinsi: ["Admin provinsi", "Provincial admin"], dinas_kabupaten: ["Dinas kabupaten/kota", "Regency office"],
  coordinator: ["Koordinator", "Coordinator"], mentor: ["Pendamping", "Mentor"], partner: ["Mitra", "Partner"],
  bank: ["Bank", "Bank"], viewer: ["Pemantau", "Viewer"],
};
const ROLES = ["admin_provinsi", "dinas_kabupaten", "coordinator", "mentor", "partner", "bank", "viewer"];
const SOURCES = {
  totals: "/totals", daily: "/totals/daily", regions: "/regions", cohorts: "/cohorts", mentors: "/mentors",
  byPartner: "/partnerships/summary/partner", byPattern: "/partnerships/summary/pattern",
  compliance: "/partnerships/compliance/partners", kecamatan: "/partnerships/compliance/kecamatan", lag: "/lag",
};
const EXPORTS = ["smes", "regions", "cohorts", "mentors", "partnerships", "compliance-partners", "compliance-kecamatan", "daily"];

let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "id";
let data = null;
let who = null; // { config, user }: user is null when the service runs open (dev only)
const t = (k) => TEXT[lang][k] || k;
const num = (n) => new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-US").format(n);
const rupiah = (n) => "Rp" + new Intl.NumberFormat("id-ID").format(n);
const label = (code) => (LABELS[code] || [])[lang === "id" ? 0 : 1] || String(code ?? "-").replaceAll("_", " ");
const esc = (s) => String(s ?? "-").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function table(headers, rows) {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function bars(items, width = 560) {
  // Horizontal bar chart as inline SVG: items = [[label, value]].
  const max = Math.max(1, ...items.map((i) => i[1]));
  const h = 22 * items.length + 10;
  const rows = items.map(([label, v], i) => {
    const w = Math.round((width - 220) * v / max);
    return `<text x="0" y="${22 * i + 20}" font-size="12">${esc(label)}</text>` +
      `<rect x="180" y="${22 * i + 8}" width="${w}" height="16" fill="#1f9d55"></rect>` +
      `<text x="${186 + w}" y="${22 * i + 20}" font-size="12">${num(v)}</text>`;
  }).join("");
  return `<svg role="img" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}">${rows}</svg>`;
}

function lines(days, width = 1180, height = 220) {
  // Cumulative registered / sessions / graduated per day as SVG polylines.
  if (!days.length) return "<p class='muted'>-</p>";
  const series = [["registered_total", "#0b5e3b", "cumRegistered"], ["sessions_total", "#d97706", "cumSessions"], ["graduated_total", "#2563eb", "cumGraduated"]];
  const max = Math.max(1, ...days.map((d) => Math.max(d.registered_total, d.sessions_total, d.graduated_total)));
  const x = (i) => 40 + (days.length === 1 ? 0 : i * (width - 60) / (days.length - 1));
  const y = (v) => height - 30 - v * (height - 50) / max;
  const paths = series.map(([k, color]) => `<polyline fill="none" stroke="${color}" stroke-width="2" points="${days.map((d, i) => `${x(i)},${y(d[k])}`).join(" ")}"></polyline>`).join("");
  const legend = series.map(([k, color, label], i) => `<text x="${50 + i * 160}" y="14" font-size="12" fill="${color}">■ ${t(label)}: ${num(days[days.length - 1][k])}</text>`).join("");
  const axis = `<text x="40" y="${height - 8}" font-size="11">${days[0].day}</text><text x="${width - 90}" y="${height - 8}" font-size="11">${days[days.length - 1].day}</text>`;
  return `<svg id="daily-svg" role="img" width="${width}" height="${height}">${legend}${paths}${axis}</svg>`;
}


function fill(id, rows, html) {
  // A section whose data the role may not fetch (null) is hidden, not broken.
  const el = document.getElementById(id);
  (el.closest("section") || el).hidden = rows === null;
  if (rows !== null) el.innerHTML = html(rows);
}

function renderUser() {
  const user = who && who.user;
  document.getElementById("user").hidden = !user;
  if (!user) return;
  const roles = user.roles.filter((r) => ROLES.includes(r));
  document.getElementById("user-name").textContent = user.name;
  const role = document.getElementById("user-role");
  role.dataset.roles = roles.join(" ");
  role.textContent = roles.map(label).join(", ") || "-";
  const region = document.getElementById("user-region");
  region.dataset.code = user.region || "";
  region.textContent = who.config.regions[user.region] || user.region || "-";
}

function render() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.getElementById("lang").textContent = t("toggle");
  document.title = t("title");
  renderUser();
  if (!data) return;
  fill("cards", data.totals, (s) => [["registered", num(s.registered)], ["enrolled", num(s.enrolled)], ["mentored", num(s.mentored)],
    ["sessions", num(s.sessions)], ["graduated", num(s.graduated)], ["naik", num(s.naik_kelas_scale)],
    ["activePartnerships", num(s.partnerships_active)], ["sales", rupiah(s.gross_sales)]]
    .map(([k, v]) => `<div class="card" id="card-${k}"><div class="v">${v}</div><div class="l">${t(k)}</div></div>`).join(""));
  fill("progress-text", data.totals, (s) => {
    document.getElementById("progress-bar").style.width = Math.min(100, s.progress_pct) + "%";
    return esc(`${num(s.graduated)} ${t("of")} ${num(s.target)} (${s.progress_pct}%)`);
  });
  fill("chart-daily", data.daily, lines);
  fill("regions", data.regions, (rows) => table([t("region"), t("name"), t("smes"), t("mentored"), t("sessions"), t("graduated")],
    rows.map((r) => [r.code, r.name, num(r.smes), num(r.mentored), num(r.sessions), num(r.graduated)])));
  fill("chart-regions", data.regions, (rows) => bars(rows.map((r) => [r.name, r.smes])));
  fill("cohorts", data.cohorts, (rows) => table([t("cohorts"), t("name"), t("enrolled"), t("mentored"), t("graduated"), t("target"), t("progressCol")],
    rows.map((c) => [c.cohort_id, c.name, num(c.enrolled), num(c.mentored), num(c.graduated), num(c.target_graduates), c.progress_pct + "%"])));
  fill("chart-topics", data.cohorts, (rows) => {
    const topics = {};
    rows.forEach((c) => Object.entries(c.sessions_by_topic).forEach(([k, v]) => { topics[k] = (topics[k] || 0) + v; }));
    return `<p class="muted">${t("topics")}</p>` + bars(Object.entries(topics));
  });
  fill("mentors", data.mentors, (rows) => table([t("mentors"), t("name"), t("assigned"), t("norm"), t("load"), t("sessions30"), t("sessions")],
    rows.map((m) => [m.mentor_id, m.name, num(m.assigned), num(m.norm), m.load_pct + "%", num(m.sessions_30d), num(m.sessions_total)])));
  // Partners by name (the label), patterns by their words, never by id.
  const groups = (head, name) => (rows) => table([head, t("partnerships"), t("active"), t("products"), t("sales")],
    rows.map((g) => [name(g), num(g.partnerships), num(g.active), num(g.products), rupiah(g.gross_sales)]));
  fill("partners", data.byPartner, groups(t("partner"), (g) => g.label));
  fill("patterns", data.byPattern, groups(t("pattern"), (g) => label(g.key)));
  const patterns = (byPattern) => Object.entries(byPattern).map(([p, n]) => `${label(p)} (${num(n)})`).join(", ") || "-";
  fill("compliance", data.compliance, (rows) => table(
    [t("partner"), t("sector"), t("activePartnerships"), t("activePatterns"), t("umkmPartnered"), t("products"), t("units"), t("sales")],
    rows.map((c) => [c.name, [c.sector, c.company_type].filter(Boolean).map(label).join(" · ") || "-",
      num(c.active_partnerships), patterns(c.active_by_pattern), num(c.umkm_partnered), num(c.products_listed),
      num(c.units_sold_to_date), rupiah(c.sales_to_date)])));
  fill("kecamatan", data.kecamatan, (rows) => table(
    [t("kecamatanCol"), t("kabupaten"), t("umkmPartnered"), t("activePartnerships"), t("partner")],
    rows.map((k) => [k.name, k.kabupaten_name, num(k.umkm_partnered), num(k.active_partnerships), k.partners.join(", ")])));
  fill("exports", data.totals, () => EXPORTS
    .map((n) => `${n}: <a href="/exports/${n}.xlsx">XLSX</a> · <a href="/exports/${n}.csv">CSV</a>`).join(" &nbsp;|&nbsp; "));
  fill("lag", data.lag, (rows) => table([t("topic"), t("partition"), t("behind")], rows.map((p) => [p.topic, num(p.partition), num(p.lag)])));
}

async function load() {
  const status = document.getElementById("status");
  const get = async (path) => {
    const r = await Login.api(path);
    if (r.status === 403) return null; // the role may not see it: its section stays hidden
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  };
  try {
    who = await Login.start();
    renderUser();
    const keys = Object.keys(SOURCES);
    const values = await Promise.all(keys.map((k) => get(SOURCES[k])));
    data = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
    render();
    const nothing = data.totals === null;
    status.dataset.state = nothing ? "forbidden" : "loaded";
    status.textContent = t(nothing ? "forbidden" : "loaded");
  } catch (err) {
    status.dataset.state = "failed";
    status.textContent = t("failed") + ": " + err.message;
  }
}

async function download(link) {
  // Exports need the bearer token too, so a link is fetched rather than followed.
  const status = document.getElementById("status");
  try {
    const r = await Login.api(link.getAttribute("href"));
    if (!r.ok) throw new Error(`${link.getAttribute("href")}: HTTP ${r.status}`);
    const url = URL.createObjectURL(await r.blob());
    const save = Object.assign(document.createElement("a"), { href: url, download: link.pathname.split("/").pop() });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (err) {
    status.textContent = t("failed") + ": " + err.message;
  }
}

document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "id" ? "en" : "id";
  render();
});
document.getElementById("logout").addEventListener("click", () => Login.logout());
document.getElementById("exports").addEventListener("click", (event) => {
  const link = event.target.closest("a");
  if (!link) return;
  event.preventDefault();
  download(link);
});
render();
load();
