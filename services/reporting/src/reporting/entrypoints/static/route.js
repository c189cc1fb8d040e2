// Where the officer is in the drill-down, kept in the URL hash so a reload stays there:
// #region=32.16.05&cohort=cohort-…&sme=sme-… (province → kabupaten → kecamatan → cohort → SME).
"use strict";

const Route = (() => {
  const PROVINCE = "32";
  const LEVELS = ["province", "kabupaten", "kecamatan", "cohort", "sme"];

  /** The place the hash names; `home` (the user's region) when it names none. */
  function parse(home) {
    const q = new URLSearchParams(location.hash.replace(/^#/, ""));
    const top = home || PROVINCE;
    const asked = q.get("region") || "";
    // A region outside the user's own (an old link, another office's) opens their own instead.
    const region = /^\d{2}(\.\d{2}){0,2}$/.test(asked) && (asked === top || asked.startsWith(`${top}.`)) ? asked : top;
    return { region, cohort: q.get("cohort") || null, sme: q.get("sme") || null };
  }

  /** province, kabupaten, kecamatan, cohort or sme. */
  function level(place) {
    if (place.sme) return "sme";
    if (place.cohort) return "cohort";
    return LEVELS[place.region.split(".").length - 1];
  }

  function href(place) {
    const q = new URLSearchParams();
    q.set("region", place.region);
    if (place.cohort) q.set("cohort", place.cohort);
    if (place.sme) q.set("sme", place.sme);
    return "#" + q.toString();
  }

  /** The query filters of a place: its region and cohort (an SME is fetched by its id). */
  function filters(place) {
    const f = {};
    if (place.region !== PROVINCE) f.region = place.region;
    if (place.cohort) f.cohort_id = place.cohort;
    return f;
  }

  /** The places above `place`, from the top the user may see (`home`) down to it. */
  function trail(place, home) {
    const parts = place.region.split(".");
    const top = (home || PROVINCE).split(".").length;
    const steps = [];
    for (let n = top; n <= parts.length; n++) steps.push({ region: parts.slice(0, n).join("."), cohort: null, sme: null });
    if (place.cohort) steps.push({ region: place.region, cohort: place.cohort, sme: null });
    if (place.sme) steps.push({ ...place });
    return steps;
  }

  return { PROVINCE, parse, level, href, filters, trail };
})();
