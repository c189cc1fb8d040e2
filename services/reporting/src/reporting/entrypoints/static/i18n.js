// The dashboard's words: Bahasa Indonesia first, English on the toggle (kept for the tab in
// sessionStorage). Codes of the contracts' vocabularies get their words from GET /labels.
"use strict";

const I18n = (() => {
  const KEY = "umkm-dashboard.lang";
  const TEXT = {
    id: {
      title: "Dasbor UMKM Juara Jawa Barat", toggle: "English", logout: "Keluar",
      loading: "Memuat data…", loaded: "Data dimuat", failed: "Gagal memuat data",
      forbidden: "Peran Anda tidak dapat melihat dasbor ini",
      dataAsOf: "Data per", lag: "Ketertinggalan proyeksi", events: "peristiwa", seconds: "detik",
      lagHigh: "Perhatian: data tertinggal dari sistem sumber; angka terbaru belum semuanya masuk.",
      lagUnknown: "tidak diketahui",
      province: "Provinsi", kabupaten: "Kabupaten/kota", kecamatan: "Kecamatan", cohort: "Angkatan", sme: "UMKM",
      registered: "UMKM terdaftar", enrolled: "Peserta angkatan", mentored: "Sudah didampingi",
      sessions: "Sesi pendampingan", graduated: "Lulus", naik: "Naik kelas skala usaha",
      mentorCount: "Pendamping", consents: "Persetujuan data ke Bank Jabar", milestones: "Capaian (milestone)",
      activePartnerships: "Kemitraan aktif", umkmPartnered: "UMKM bermitra", sales: "Penjualan kemitraan",
      target: "Target", progress: "Capaian target", of: "dari target", noTarget: "Target belum ditetapkan",
      noTargetHere: "Target ditetapkan per kabupaten/kota dan per angkatan, tidak pada tingkat ini.",
      target_kabupaten: "Target kabupaten/kota", target_province: "Jumlah target kabupaten/kota",
      target_cohort: "Target angkatan",
      whatIsWhat: "Lulus dan naik kelas skala usaha: apa bedanya?",
      explainGraduated: "Lulus: UMKM peserta angkatan yang memenuhi kebijakan kelulusan program — paling sedikit satu dimensi naik kelas (skala usaha, NIB, sertifikasi halal/PIRT/BPOM, pemasaran digital, akses pembiayaan, kesiapan ekspor, tambahan tenaga kerja, atau kemitraan ritel modern) dengan bukti di dalam masa angkatan.",
      explainNaik: "Naik kelas skala usaha: UMKM yang berpindah kelas usaha menurut PP 7/2021 (mikro → kecil → menengah) karena modal usaha atau hasil penjualan tahunannya. Ini satu dimensi saja, jadi angkanya biasanya lebih kecil dari jumlah lulus.",
      byDimension: "Kelulusan per dimensi", byMilestone: "Capaian per jenis", topics: "Sesi per topik",
      daily: "Perkembangan menurut waktu program (kumulatif)", cumRegistered: "Terdaftar",
      cumSessions: "Sesi", cumGraduated: "Lulus", programmeStart: "Mulai", programmeEnd: "Selesai",
      regionsKab: "Rekap per kabupaten/kota", regionsKec: "Rekap per kecamatan",
      cohorts: "Angkatan", mentors: "Pendamping", smes: "UMKM",
      patterns: "Kemitraan aktif per pola", compliance: "Kemitraan usaha besar/menengah dengan UMKM (Perbup 73/2020)",
      kecamatanCompliance: "UMKM bermitra per kecamatan",
      code: "Kode", name: "Nama", withdrawn: "Mengundurkan diri", dates: "Masa program", status: "Status",
      closed: "Ditutup", open: "Berjalan", assigned: "Dampingan", norm: "Norma", load: "Beban",
      sessions30: "Sesi 30 hari terakhir", sessions30Closed: "Sesi 30 hari terakhir angkatan (s.d. tanggal selesai)",
      sessionsTotal: "Total sesi", partner: "Mitra", pattern: "Pola", partnerships: "Kemitraan", active: "Aktif",
      products: "Produk", units: "Unit terjual", sector: "Sektor / jenis", activePatterns: "Pola kemitraan aktif",
      business: "Nama usaha", scale: "Skala usaha", mentor: "Pendamping", lastSession: "Sesi terakhir",
      graduatedOn: "Tanggal lulus", registeredOn: "Tanggal bergabung", kbli: "KBLI",
      date: "Tanggal", topic: "Topik", mode: "Cara", duration: "Durasi (menit)", milestone: "Capaian",
      dimension: "Dimensi", before: "Sebelum", after: "Sesudah", policy: "Kebijakan kelulusan",
      scaleHistory: "Riwayat skala usaha", smeSessions: "Sesi pendampingan", smeMilestones: "Capaian",
      smeGraduation: "Kelulusan", smePartnerships: "Kemitraan", notGraduated: "Belum lulus",
      export: "Unduh", empty: "Belum ada data", partition: "Partisi", behind: "Tertinggal",
      opsLag: "Operasional: ketertinggalan proyeksi", more: "dan lainnya; unduh untuk daftar lengkap",
      yes: "ya", no: "tidak", upTo: "s.d.", partnersCount: "mitra", summary: "Ringkasan tingkat ini —",
      admin_provinsi: "Admin provinsi", dinas_kabupaten: "Dinas kabupaten/kota", coordinator: "Koordinator",
      mentor_role: "Pendamping", partner_role: "Mitra", bank: "Bank", viewer: "Pemantau",
    },
    en: {
      title: "UMKM Juara West Java Dashboard", toggle: "Bahasa Indonesia", logout: "Log out",
      loading: "Loading data…", loaded: "Data loaded", failed: "Could not load data",
      forbidden: "Your role may not see this dashboard",
      dataAsOf: "Data as of", lag: "Projection lag", events: "events", seconds: "seconds",
      lagHigh: "Warning: the data lags behind the source systems; the latest figures are not all in yet.",
      lagUnknown: "unknown",
      province: "Province", kabupaten: "Regency/city", kecamatan: "District (kecamatan)", cohort: "Cohort", sme: "SME",
      registered: "SMEs registered", enrolled: "Enrolled in cohorts", mentored: "Mentored",
      sessions: "Mentoring sessions", graduated: "Graduated", naik: "Moved up a size class",
      mentorCount: "Mentors", consents: "Bank Jabar feed consents", milestones: "Milestones",
      activePartnerships: "Active partnerships", umkmPartnered: "SMEs partnered", sales: "Partnership sales",
      target: "Target", progress: "Progress to target", of: "of target", noTarget: "No target set",
      noTargetHere: "Targets are set per regency/city and per cohort, not at this level.",
      target_kabupaten: "Regency/city target", target_province: "Sum of the regency/city targets",
      target_cohort: "Cohort target",
      whatIsWhat: "Graduated and moved up a size class: what is the difference?",
      explainGraduated: "Graduated (lulus): a cohort's SME that met the programme's graduation policy — at least one naik-kelas dimension (size class, NIB licence, halal/PIRT/BPOM certification, digital onboarding, access to financing, export readiness, jobs added or a modern-retail partnership) with evidence dated inside the cohort.",
      explainNaik: "Moved up a size class (naik kelas skala usaha): an SME that moved to a higher PP 7/2021 class (micro → small → medium) by its business capital or annual sales. That is one dimension only, so the figure is usually smaller than the graduates.",
      byDimension: "Graduation by dimension", byMilestone: "Milestones by kind", topics: "Sessions by topic",
      daily: "Progress in programme time (cumulative)", cumRegistered: "Registered",
      cumSessions: "Sessions", cumGraduated: "Graduated", programmeStart: "Start", programmeEnd: "End",
      regionsKab: "By regency/city", regionsKec: "By district (kecamatan)",
      cohorts: "Cohorts", mentors: "Mentors", smes: "SMEs",
      patterns: "Active partnerships by pattern", compliance: "Large and medium enterprises partnering with UMKM (Perbup 73/2020)",
      kecamatanCompliance: "Partnered SMEs by kecamatan",
      code: "Code", name: "Name", withdrawn: "Withdrawn", dates: "Programme dates", status: "Status",
      closed: "Closed", open: "Running", assigned: "Assigned", norm: "Norm", load: "Load",
      sessions30: "Sessions in the last 30 days", sessions30Closed: "Sessions in the cohort's last 30 days (to its end date)",
      sessionsTotal: "Sessions in total", partner: "Partner", pattern: "Pattern", partnerships: "Partnerships", active: "Active",
      products: "Products", units: "Units sold", sector: "Sector / type", activePatterns: "Active partnership patterns",
      business: "Business name", scale: "Size class", mentor: "Mentor", lastSession: "Last session",
      graduatedOn: "Graduated on", registeredOn: "Joined on", kbli: "KBLI",
      date: "Date", topic: "Topic", mode: "Mode", duration: "Duration (minutes)", milestone: "Milestone",
      dimension: "Dimension", before: "Before", after: "After", policy: "Graduation policy",
      scaleHistory: "Size class history", smeSessions: "Mentoring sessions", smeMilestones: "Milestones",
      smeGraduation: "Graduation", smePartnerships: "Partnerships", notGraduated: "Not graduated yet",
      export: "Download", empty: "No data yet", partition: "Partition", behind: "Behind",
      opsLag: "Operations: projection lag", more: "and more; download for the full list",
      yes: "yes", no: "no", upTo: "to", partnersCount: "partners", summary: "This level in figures —",
      admin_provinsi: "Provincial admin", dinas_kabupaten: "Regency office", coordinator: "Coordinator",
      mentor_role: "Mentor", partner_role: "Partner", bank: "Bank", viewer: "Viewer",
    },
  };
  const MONTHS = {
    id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  };
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "en" || asked === "id") sessionStorage.setItem(KEY, asked); // a shared ?lang= link
  let lang = sessionStorage.getItem(KEY) === "en" ? "en" : "id";
  let labels = {}; // vocabulary → code → { id, en }, from GET /labels

  const t = (key) => TEXT[lang][key] || TEXT.id[key] || key;
  const words = (code) => String(code).replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());

  /** The words of a vocabulary's code; a code /labels does not know is spelt out, never shown raw. */
  function label(vocabulary, code) {
    if (code === null || code === undefined || code === "") return "-";
    const known = (labels[vocabulary] || {})[code] || Object.values(labels).map((v) => v[code]).find(Boolean);
    return (known && (known[lang] || known.id)) || TEXT[lang][code] || words(code);
  }

  /** `2022-06-20` → `20 Jun 2022` (programme dates are calendar days in West Java). */
  function day(iso) {
    if (!iso) return "-";
    const [y, m, d] = String(iso).slice(0, 10).split("-").map(Number);
    return m ? `${d} ${MONTHS[lang][m - 1]} ${y}` : String(iso);
  }

  function moment(iso) {
    if (!iso) return "-";
    const at = new Date(iso);
    const time = at.toLocaleTimeString(lang === "id" ? "id-ID" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta" });
    const date = at.toLocaleDateString("en-CA", { timeZone: "Asia/Jakarta" });
    return `${day(date)} ${time} WIB`;
  }

  return {
    t, label, day, moment,
    get lang() { return lang; },
    toggle() { lang = lang === "id" ? "en" : "id"; sessionStorage.setItem(KEY, lang); },
    setLabels(json) { labels = json || {}; },
    num: (n) => new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-US").format(n ?? 0),
    pct: (n) => new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-US", { maximumFractionDigits: 1 }).format(n ?? 0) + "%",
    rupiah: (n) => "Rp" + new Intl.NumberFormat("id-ID").format(n ?? 0),
  };
})();
