/**
 * Đôn đốc's service worker: it only makes the app installable and shows a Vietnamese page when a
 * page is opened without a connection. It keeps no personal data: the only things it stores are
 * the offline page and its icon (static, the same for everyone). Every other request goes to the
 * network untouched; pages, reports, evidence and exports are never cached (decision 016).
 */
const CACHE = 'dondoc-offline-v1';
const OFFLINE_URL = '/offline.html';
const PRECACHE = [OFFLINE_URL, '/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Downloads (exports, evidence) and other API answers go straight to the network, untouched.
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The page itself always comes from the network; only when there is none, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
    return;
  }
  if (url.origin === self.location.origin && PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
