/* NopSegments browser tracker: page views with UTM tags and referrer, session starts, engagement
   and exits (sendBeacon). Posts to the module's endpoint; the signed cookie says who the visitor is.
   Honours Do Not Track / Global Privacy Control and the "only after consent" mode.
   A checkout's email field (data-nopsegments-identify="email", or the host's data-identify-field selector) identifies the
   visitor once it holds an address, with the marketing-consent box beside it (data-nopsegments-consent, or data-consent-field).
   Configured by its <script> tag: data-endpoint, data-identify, data-identify-field, data-consent-field,
   data-consent ("track_all" | "after_consent"), data-dnt ("honour" | "ignore"). */
(() => {
  "use strict";
  const script = document.currentScript;
  const endpoint = (script && script.dataset.endpoint) || "/nopsegments/track";
  const identifyEndpoint = (script && script.dataset.identify) || "/nopsegments/identify";
  const emailField = (script && script.dataset.identifyField) || 'input[data-nopsegments-identify="email"]';
  const consentField = (script && script.dataset.consentField) || "input[data-nopsegments-consent]";
  const consentMode = (script && script.dataset.consent) || "track_all";
  const honourDnt = !script || script.dataset.dnt !== "ignore";
  const sessionMs = 30 * 60 * 1000;
  const lastSeenKey = "nopsegments.last_seen";

  const doNotTrack = () =>
    navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true;
  const consented = () => document.cookie.split("; ").includes("nopsegments.consent=granted");
  const allowed = () => !(honourDnt && doNotTrack()) && (consentMode !== "after_consent" || consented());

  const send = (events, beacon) => {
    if (!allowed() || events.length === 0) return;
    const body = JSON.stringify({ events });
    if (beacon && navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "application/json" }))) return;
    fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body, credentials: "same-origin", keepalive: true })
      .catch(() => { /* tracking never breaks the page */ });
  };

  const page = () => ({ url: location.href, path: location.pathname });
  const referrer = document.referrer || null;

  // A session starts after 30 minutes without activity, the same rule as the server's session cookie.
  const startPage = () => {
    const now = Date.now();
    let last = 0;
    try { last = Number(localStorage.getItem(lastSeenKey)) || 0; localStorage.setItem(lastSeenKey, String(now)); } catch { /* private mode */ }
    const events = [];
    if (now - last > sessionMs) events.push({ name: "session_started", properties: { url: location.href, referrer } });
    events.push({ name: "page_viewed", properties: { ...page(), title: document.title, referrer } });
    send(events, false);
  };

  let engagedMs = 0;
  let visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  let maxScroll = 0;
  let exited = false;
  const pause = () => { if (visibleSince !== null) { engagedMs += Date.now() - visibleSince; visibleSince = null; } };
  const exit = () => {
    pause();
    if (exited) return;
    exited = true;
    send([{ name: "page_exited", properties: { ...page(), engaged_seconds: Math.round(engagedMs / 100) / 10, scroll_depth: maxScroll } }], true);
  };

  addEventListener("scroll", () => {
    const root = document.documentElement;
    const depth = Math.round(100 * (root.scrollTop + innerHeight) / Math.max(root.scrollHeight, 1));
    maxScroll = Math.max(maxScroll, Math.min(100, depth));
  }, { passive: true });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") exit();
    else if (visibleSince === null) visibleSince = Date.now();
  });
  addEventListener("pagehide", exit);

  // Each new address (or consent) is sent once, when the field is left: a half-typed address is never sent. One post at
  // a time, in order: leaving the field and ticking the box straight after must not reach the store the other way round.
  let identified = "";
  let posting = Promise.resolve();
  const identify = () => {
    const field = document.querySelector(emailField);
    if (!field || !field.value || !field.checkValidity() || !allowed()) return;
    const box = document.querySelector(consentField);
    const body = JSON.stringify({ email: field.value.trim(), consent: !!(box && box.checked) });
    if (body === identified) return;
    identified = body;
    posting = posting.then(() => fetch(identifyEndpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body, credentials: "same-origin", keepalive: true }))
      .catch(() => { identified = ""; });
  };
  document.addEventListener("change", (e) => {
    if (e.target instanceof HTMLInputElement && (e.target.matches(emailField) || e.target.matches(consentField))) identify();
  });

  window.NopSegments = {
    track: (name, properties) => send([{ name, properties: properties || {} }], false),
    grantConsent: () => { document.cookie = "nopsegments.consent=granted; path=/; max-age=31536000; samesite=lax"; startPage(); },
    revokeConsent: () => { document.cookie = "nopsegments.consent=; path=/; max-age=0; samesite=lax"; },
  };
  startPage();
})();
