// The site's service worker: Workbox's precaching, routing and strategies, configured
// here; build.mjs fills in the precache list and the folder of the runtime it copies.
// Routes are tried in the order they are registered.
importScripts("__WORKBOX__/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "__WORKBOX__/", debug: false });

const { cacheableResponse, core, expiration, precaching, routing, strategies } = workbox;
const here = new URL(self.registration.scope);

core.setCacheNameDetails({ prefix: "distnotes" });
self.skipWaiting();
core.clientsClaim();
precaching.cleanupOutdatedCaches();

// Whatever strategy missed, a copy in any cache will do: a course saved for offline
// reading (offline-reading.js) keeps its files in a cache of its own. Pagefind asks for
// its entry with a changing `?ts=`, hence ignoreSearch.
const fromAnyCache = {
  handlerDidError: async ({ request }) => (await caches.match(request, { ignoreSearch: true })) || undefined,
};
// A page neither cached nor reachable: a folder's page if it is in the shell (the home
// page is precached as index.html), else the offline page, marked 503 so that nothing
// takes it for the page asked for (a course being saved rejects it).
const shellOrOfflinePage = {
  handlerDidError: async ({ request }) => {
    const shell = await precaching.matchPrecache(new URL("index.html", request.url).href);
    if (shell) return shell;
    const page = await precaching.matchPrecache(new URL("offline/index.html", here).href);
    return page && new Response(await page.blob(), {
      status: 503, statusText: "Offline", headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  },
};
// One cache entry a URL whatever its query (`?highlight=` from search, `?ts=`).
const withoutQuery = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    url.search = "";
    return url.href;
  },
};
// Past the browser's HTTP cache (Pages sends max-age=600): online means the deployed page.
// A navigation keeps its own redirect mode: a followed redirect may not answer it.
const revalidated = {
  requestWillFetch: async ({ request }) => new Request(request.url, {
    cache: "no-cache", credentials: "same-origin", redirect: request.mode === "navigate" ? "manual" : "follow",
  }),
};
const isPage = ({ request, url }) =>
  url.origin === here.origin &&
  (request.mode === "navigate" || request.destination === "document" ||
   // instant navigation fetches pages with fetch(): no destination, but a page's URL
   url.pathname.endsWith("/") || url.pathname.endsWith(".html"));

// Pages, the home page included: the network first, so that a reader online never gets
// a stale page; the copy from the last visit when the network fails; else the shell's
// copy or the offline page.
routing.registerRoute(isPage, new strategies.NetworkFirst({
  cacheName: "distnotes-pages",
  plugins: [new cacheableResponse.CacheableResponsePlugin({ statuses: [200] }), withoutQuery, revalidated,
            fromAnyCache, shellOrOfflinePage],
}));

// The search engine's entry names the current index files: fresh when online.
routing.registerRoute(({ url }) => url.pathname.endsWith("/pagefind/pagefind-entry.json"),
  new strategies.NetworkFirst({ cacheName: "distnotes-search-entry", plugins: [withoutQuery, revalidated, fromAnyCache] }));

// The shell, revisioned: a deploy that changes a file replaces it, and only it.
precaching.precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^ts$/, /^utm_/] });

// Index chunks and the diagram renderer's chunks have content-hashed names: a cached copy
// is right. (Its entry module has none: it is in the shell, revisioned.)
routing.registerRoute(({ url }) => url.origin === here.origin &&
  (url.pathname.includes("/pagefind/") || url.pathname.includes("/assets/javascripts/vendor/")),
  new strategies.CacheFirst({
    cacheName: "distnotes-assets",
    plugins: [new expiration.ExpirationPlugin({ maxEntries: 2000, purgeOnQuotaError: true }), fromAnyCache],
  }));

// Images, the courses' hot-linked ones too (opaque answers, status 0) once a reader has shown them.
routing.registerRoute(({ request }) => request.destination === "image", new strategies.CacheFirst({
  cacheName: "distnotes-images",
  plugins: [new cacheableResponse.CacheableResponsePlugin({ statuses: [0, 200] }),
            // Opaque answers count for megabytes each against the quota: a few hundred at most.
            new expiration.ExpirationPlugin({ maxEntries: 300, purgeOnQuotaError: true }), fromAnyCache],
}));

// Anything else of ours (a style or script not in the shell): fresh when online.
// Other hosts' requests (a course's audio, say) are left to the browser.
routing.registerRoute(({ url }) => url.origin === here.origin,
  new strategies.NetworkFirst({ cacheName: "distnotes-other", plugins: [fromAnyCache] }));
