// Dashboard login: OpenID Connect authorization code with PKCE (S256) on WebCrypto, by hand.
// The code comes back once as a query parameter, is exchanged at once and the URL cleaned;
// tokens stay in this tab's sessionStorage (never localStorage, never in a URL).
"use strict";

const Login = (() => {
  const SESSION = "umkm-dashboard.session";
  const PENDING = "umkm-dashboard.pending";
  const FRESH_MS = 15000; // a 401 this soon after logging in is a misconfiguration, not an expiry
  let provider = null; // { config, discovery } when the service names an issuer
  let session = null;
  let leaving = null;

  const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
  const claims = (jwt) => {
    // Read, not verified: the ID token came straight from the token endpoint (OIDC Core 3.1.3.7).
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  };
  const here = () => location.origin + location.pathname;
  const stored = (key) => { try { return JSON.parse(sessionStorage.getItem(key)); } catch { return null; } };
  const json = async (response, what) => {
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
    return response.json();
  };
  const away = (url) => { // navigation replaces the page: whatever awaits this never resumes
    location.assign(url);
    return new Promise(() => {});
  };

  function toLogin() {
    // Parallel requests may all be refused: the first starts the one login, the rest wait on it.
    leaving = leaving || redirect();
    return leaving;
  }

  async function redirect() {
    if (!crypto.subtle) throw new Error("login needs a secure context: open the dashboard on 127.0.0.1, localhost or https");
    const verifier = random();
    const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const pending = { state: random(), nonce: random(), verifier, redirectUri: here(), returnTo: location.pathname + location.search };
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
    const query = new URLSearchParams({
      response_type: "code", client_id: provider.config.client_id, redirect_uri: pending.redirectUri,
      scope: "openid", state: pending.state, nonce: pending.nonce,
      code_challenge: challenge, code_challenge_method: "S256",
    });
    return away(`${provider.discovery.authorization_endpoint}?${query}`);
  }

  async function exchange(answer) {
    const pending = stored(PENDING);
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, "", pending ? pending.returnTo : location.pathname);
    if (!pending) return null; // a stale or foreign callback URL: log in afresh
    const { config, discovery } = provider;
    if (answer.get("state") !== pending.state) throw new Error("the login answer does not match its request (state)");
    if (answer.has("error")) throw new Error(`login refused: ${answer.get("error")}`);
    if (answer.has("iss") && answer.get("iss") !== config.issuer) throw new Error("the login answer comes from another issuer");
    const form = new URLSearchParams({
      grant_type: "authorization_code", code: answer.get("code"), redirect_uri: pending.redirectUri,
      client_id: config.client_id, code_verifier: pending.verifier,
    });
    const tokens = await json(await fetch(discovery.token_endpoint, { method: "POST", body: form }), "token endpoint");
    const id = claims(tokens.id_token);
    const valid = id.iss === config.issuer && [].concat(id.aud).includes(config.client_id) &&
      (!id.azp || id.azp === config.client_id) && id.nonce === pending.nonce && id.exp * 1000 > Date.now();
    if (!valid) throw new Error("ID token refused (issuer, audience, nonce or expiry)");
    return {
      accessToken: tokens.access_token, idToken: tokens.id_token, at: Date.now(),
      user: { name: id.preferred_username || id.sub, roles: [].concat(id.roles || []), region: id.kabupaten_code || null },
    };
  }

  /** Config and the logged-in user ({ user: null } when the service runs open, dev only). */
  async function start() {
    const config = await json(await fetch("/dashboard/config"), "/dashboard/config");
    if (!config.issuer) return { config, user: null };
    const discovery = await json(await fetch(`${config.issuer}/.well-known/openid-configuration`), "discovery");
    if (discovery.issuer !== config.issuer) throw new Error("the discovery document names another issuer");
    provider = { config, discovery };
    const answer = new URLSearchParams(location.search);
    if (answer.has("code") || answer.has("error")) {
      session = await exchange(answer);
      if (session) sessionStorage.setItem(SESSION, JSON.stringify(session));
    } else {
      session = stored(SESSION);
    }
    if (!session) return toLogin();
    return { config, user: session.user };
  }

  /** GET `path` of this service with the bearer token; a 401 starts the login again. */
  async function api(path) {
    const response = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} });
    if (response.status !== 401 || !provider) return response;
    if (Date.now() - session.at < FRESH_MS) throw new Error(`${path}: a fresh token was refused (HTTP 401)`);
    sessionStorage.removeItem(SESSION);
    return toLogin();
  }

  /** End the session here and at the issuer, which sends the browser back to the dashboard. */
  function logout() {
    const query = new URLSearchParams({ client_id: provider.config.client_id, post_logout_redirect_uri: here() });
    if (session) query.set("id_token_hint", session.idToken);
    sessionStorage.removeItem(SESSION);
    session = null;
    away(`${provider.discovery.end_session_endpoint}?${query}`);
  }

  return { start, api, logout };
})();
