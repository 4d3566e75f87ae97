// The phone app (council/push): registers the service worker that keeps the volunteer's
// pages and the check-in desks for offline use, tells it which tickets to keep (those linked
// from this page) or, once nobody is signed in, to forget the kept pages; and the "turn on
// notifications on this device" button. Without it (or without service workers) the site
// works as before, online.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  const signedIn = script.dataset.signedIn === "1";

  navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(() => null);
  navigator.serviceWorker.ready.then((registration) => {
    if (!registration.active) return;
    if (!signedIn) {
      registration.active.postMessage({ type: "forget" });
      return;
    }
    const urls = [...document.querySelectorAll("a[data-keep-offline], a[href*='/tickets/']")]
      .map((link) => link.href);
    if (urls.length && navigator.onLine) registration.active.postMessage({ type: "keep", urls: urls });
  });

  const box = document.querySelector("[data-push]");
  if (!box || !("PushManager" in window) || !("Notification" in window)) return;
  const on = box.querySelector("[data-push-on]");
  const off = box.querySelector("[data-push-off]");
  const status = box.querySelector("[data-push-status]");
  const csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;

  function keyBytes(base64) {
    const text = atob((base64 + "=".repeat((4 - base64.length % 4) % 4)).replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(text, (character) => character.charCodeAt(0));
  }
  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
  }
  async function post(url, fields) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    Object.keys(fields).forEach((name) => body.append(name, fields[name]));
    const response = await fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" });
    return response.json().catch(() => ({ ok: false }));
  }

  navigator.serviceWorker.ready.then(async (registration) => {
    box.hidden = false;
    const current = await registration.pushManager.getSubscription();
    show(Boolean(current) && Notification.permission === "granted");
    on.addEventListener("click", async () => {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") { status.textContent = box.dataset.textDenied; return; }
      try {
        const subscription = await registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key),
        });
        const keys = subscription.toJSON().keys || {};
        const answer = await post(box.dataset.subscribeUrl, { endpoint: subscription.endpoint, p256dh: keys.p256dh || "", auth: keys.auth || "" });
        status.textContent = answer.ok ? answer.message : box.dataset.textFailed;
        show(Boolean(answer.ok));
      } catch (error) {
        status.textContent = box.dataset.textFailed;
      }
    });
    off.addEventListener("click", async () => {
      const subscription = await registration.pushManager.getSubscription();
      if (subscription) {
        const answer = await post(box.dataset.unsubscribeUrl, { endpoint: subscription.endpoint });
        await subscription.unsubscribe();
        status.textContent = answer.message || "";
      }
      show(false);
    });
  });
})();
