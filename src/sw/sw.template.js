/*
 * pasid-sandbox service worker (hand-written; scripts/vite-precache.ts emits it as /sw.js with
 * the build's file list written into PRECACHE below). Full precache, no CDN: after the first visit
 * the app, its lazy chunks, the workers, the icons and the whole scenario library load with the
 * network off. Cache-first for everything precached; other requests go to the network.
 */
const PRECACHE = __PRECACHE__;
const CACHE = `pasid-sandbox-${PRECACHE.version}`;
const scope = self;

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.files.map((f) => new URL(f, scope.registration.scope).href)))
      .then(() => scope.skipWaiting())
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('pasid-sandbox-') && k !== CACHE).map((k) => caches.delete(k)))
      )
      .then(() => scope.clients.claim())
  );
});

scope.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== scope.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Navigations (any query, e.g. ?e2e or ?scenario=…) are the one page: index.html.
      if (req.mode === 'navigate') {
        const page = await cache.match(new URL('./', scope.registration.scope).href, { ignoreVary: true });
        if (page) return page;
      }
      // ignoreVary: servers send "Vary: Origin", and module scripts are requested with an Origin
      // header that the precache requests did not carry.
      const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate', ignoreVary: true });
      if (hit) return hit;
      return fetch(req);
    })()
  );
});
