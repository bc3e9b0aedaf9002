/* NopSegments offers: shows the top bars, pop-ups and zone offers the server decided for this visitor, when their trigger
   fires (arrival, a delay, a scroll depth, exit intent), and reports views, clicks and closes with the signed token each
   offer came with. Zones the page rendered as placeholders (cached pages) are filled here. The holdout's offers are
   reported as would-be views and never shown.
   Configured by its <script> tag: data-offers (endpoint), data-slots (pop-up/top-bar slots with live campaigns),
   data-page-type, data-category, data-css. */
(() => {
  "use strict";
  const script = document.currentScript;
  const endpoint = script.dataset.offers;
  const own = (script.dataset.slots || "").split(",").filter(Boolean);
  const css = script.dataset.css;

  const post = (action, token) =>
    fetch(`${endpoint}/${action}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }), credentials: "same-origin", keepalive: true })
      .then((r) => (r.ok ? r.json() : null)).catch(() => null);

  const styles = () => {
    if (!css || document.querySelector("link[data-nopsegments-css]")) return;
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: css });
    link.dataset.nopsegmentsCss = "";
    document.head.appendChild(link);
  };

  const wire = (box) => {
    const token = box.dataset.nopsegmentsOffer;
    box.addEventListener("click", (e) => {
      if (e.target.closest("[data-nopsegments-close]")) { post("closed", token); box.remove(); return; }
      if (e.target.closest("a[href]")) post("clicked", token);
    });
  };

  const place = (slot, html, holder) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    const box = template.content.firstElementChild;
    if (!box) return;
    if (holder) holder.replaceWith(box);
    else if (slot === "top_bar") document.body.prepend(box);
    else document.body.appendChild(box);
    wire(box);
  };

  const show = async (offer, holder) => {
    const answer = await post("viewed", offer.token);
    if (offer.holdout || !answer || !answer.html) { if (holder) holder.remove(); return; }
    styles();
    place(offer.slot, answer.html, holder);
  };

  // Exit intent: the pointer leaves through the top of the window on desktop; a fast scroll back up on touch screens.
  const onExitIntent = (fire) => {
    let lastY = scrollY, lastAt = Date.now();
    const done = () => { document.removeEventListener("mouseout", leave); removeEventListener("scroll", flick); fire(); };
    const leave = (e) => { if (!e.relatedTarget && e.clientY <= 0) done(); };
    const flick = () => {
      const now = Date.now(), up = lastY - scrollY;
      if (matchMedia("(pointer: coarse)").matches && up > innerHeight / 4 && now - lastAt < 400) done();
      [lastY, lastAt] = [scrollY, now];
    };
    document.addEventListener("mouseout", leave);
    addEventListener("scroll", flick, { passive: true });
  };

  const onScrollDepth = (percent, fire) => {
    const check = () => {
      const root = document.documentElement;
      if (100 * (root.scrollTop + innerHeight) / Math.max(root.scrollHeight, 1) >= percent) { removeEventListener("scroll", check); fire(); }
    };
    addEventListener("scroll", check, { passive: true });
    check();
  };

  const arm = (offer, holder) => {
    const fire = () => show(offer, holder);
    if (offer.trigger === "delay") setTimeout(fire, offer.value * 1000);
    else if (offer.trigger === "scroll") onScrollDepth(offer.value, fire);
    else if (offer.trigger === "exit_intent") onExitIntent(fire);
    else fire();
  };

  const start = async () => {
    // Offers the page rendered in place are on screen now; pending ones wait for their trigger.
    for (const box of document.querySelectorAll("[data-nopsegments-offer]:not([data-pending])")) { wire(box); post("viewed", box.dataset.nopsegmentsOffer); }
    for (const holder of document.querySelectorAll("[data-nopsegments-offer][data-pending]")) {
      arm({ token: holder.dataset.nopsegmentsOffer, slot: holder.dataset.slot, trigger: holder.dataset.trigger,
        value: Number(holder.dataset.triggerValue) || 0, holdout: holder.hasAttribute("data-holdout") }, holder);
    }
    const zones = new Map([...document.querySelectorAll("[data-nopsegments-zone]")].map((z) => [z.dataset.nopsegmentsZone, z]));
    const slots = [...own, ...zones.keys()];
    if (slots.length === 0) return;
    const query = new URLSearchParams({ slots: slots.join(","), pageType: script.dataset.pageType || "", category: script.dataset.category || "" });
    const first = zones.values().next().value;
    if (first) { query.set("pageType", first.dataset.pageType || query.get("pageType")); query.set("category", first.dataset.category || query.get("category")); }
    const offers = await fetch(`${endpoint}?${query}`, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : [])).catch(() => []);
    for (const offer of offers) arm(offer, zones.get(offer.slot) || null);
  };
  if (endpoint) start();
})();
