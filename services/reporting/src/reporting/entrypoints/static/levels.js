// What each level of the drill-down fetches, with its filters; a source the role may not
// read (403) comes back null and its section is left out.
"use strict";

const Levels = (() => {
  /** What one level fetches: name → [path, query]. */
  function plan(place) {
    const level = Route.level(place);
    if (level === "sme") return { sme: [`/smes/${encodeURIComponent(place.sme)}`] };
    const f = Route.filters(place); // region and cohort_id
    const p = { totals: ["/totals", f], daily: ["/totals/daily", f], cohorts: ["/cohorts", f], mentors: ["/mentors", f] };
    if (level === "province" || level === "kabupaten") {
      // One row per kabupaten of the province, or per kecamatan of the kabupaten.
      const kab = level === "kabupaten" ? { kabupaten_code: place.region } : {};
      Object.assign(p, { regions: ["/regions", f], compliance: ["/partnerships/compliance/partners", kab],
        kecamatan: ["/partnerships/compliance/kecamatan", kab] });
    } else {
      p.smes = ["/smes", { ...f, limit: 500 }]; // a kecamatan's or a cohort's SMEs, by name
    }
    return p;
  }

  /** Every source of a level (and how fresh the data is), fetched at once. */
  async function fetch(place) {
    const wanted = { ...plan(place), freshness: ["/freshness"], lag: ["/lag"] };
    const keys = Object.keys(wanted);
    const values = await Promise.all(keys.map((k) => Api.tolerant(wanted[k][0], wanted[k][1])));
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  }

  return { fetch };
})();
