{% autoescape off %}// The Volunteer Council's service worker (council/push/views/app.py writes CONFIG).
// Kept at install: the offline page and the static files. Kept as they are visited, network
// first: the volunteer's applications, calendar and tickets and the check-in desks; any other
// page falls back to the offline page while there is no connection. Only GET requests are
// answered here: a check-in posted offline fails as before and the desk keeps it on the
// device until the connection is back (council/desk.js).
"use strict";
const CONFIG = {{ config }};
const KEPT = CONFIG.pages.map((pattern) => new RegExp(pattern));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CONFIG.staticCache)
      .then((cache) => cache.addAll(CONFIG.precache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  const current = new Set([CONFIG.staticCache, CONFIG.pagesCache]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("council-") && !current.has(name))
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

function isKept(url) {
  return url.origin === self.location.origin && KEPT.some((pattern) => pattern.test(url.pathname));
}

// A page worth keeping: this site's, whole, not a redirect (to the sign-in page, say).
function keepable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

async function networkFirst(request) {
  const cache = await caches.open(CONFIG.pagesCache);
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request.url);
    if (kept) return kept;
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
}

async function offlinePage() {
  const kept = await caches.match(CONFIG.offline);
  return kept || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function staticFirst(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CONFIG.staticCache);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFirst(request));
  } else if (isKept(url)) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
  }
});

// The pages' script asks to keep pages the person may need offline (the tickets linked from
// their applications), and to forget every kept page once nobody is signed in.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    event.waitUntil(caches.open(CONFIG.pagesCache).then((cache) => Promise.all(
      data.urls.map((address) => new URL(address, self.location.origin))
        .filter((url) => isKept(url))
        .map((url) => fetch(url, { credentials: "same-origin" })
          .then((response) => keepable(response) ? cache.put(url.href, response) : null)
          .catch(() => null))
    )));
  } else if (data.type === "forget") {
    event.waitUntil(
      caches.delete(CONFIG.pagesCache)
        .then(() => caches.open(CONFIG.staticCache))
        .then((cache) => cache.add(CONFIG.offline))
        .catch(() => null)
    );
  }
});

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || "", {
    body: data.body || "",
    lang: data.lang || "",
    icon: CONFIG.icon,
    data: { url: data.url || "/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data.url || "/", self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
    const open = windows.find((client) => client.url === target);
    return open ? open.focus() : self.clients.openWindow(target);
  }));
});
// version {{ version }}
{% endautoescape %}
