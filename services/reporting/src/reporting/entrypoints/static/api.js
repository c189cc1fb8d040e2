// The reporting query API as the logged-in user (Login.api adds the bearer token).
"use strict";

const Api = (() => {
  const withQuery = (path, params) => {
    const q = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v !== null && v !== undefined && v !== ""));
    return q.toString() ? `${path}?${q}` : path;
  };

  /** GET JSON; null when the role may not see it (403) or it is not there (404). */
  async function get(path, params) {
    const url = withQuery(path, params);
    const response = await Login.api(url);
    if (response.status === 403 || response.status === 404) return null;
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  /** GET JSON, or `fallback` when the server refuses the query (an older API without a filter). */
  async function tolerant(path, params, fallback) {
    try {
      return await get(path, params);
    } catch (err) {
      if (/HTTP 422/.test(err.message)) return fallback === undefined ? null : fallback;
      throw err;
    }
  }

  /** Fetch a file with the token (a link cannot carry it) and hand it to the browser to save. */
  async function download(path, params) {
    const url = withQuery(path, params);
    const response = await Login.api(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const disposition = response.headers.get("Content-Disposition") || "";
    const named = /filename="?([^";]+)"?/.exec(disposition);
    const blob = URL.createObjectURL(await response.blob());
    const save = Object.assign(document.createElement("a"), { href: blob, download: named ? named[1] : path.split("/").pop() });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(blob), 60000);
  }

  return { get, tolerant, download, withQuery };
})();
