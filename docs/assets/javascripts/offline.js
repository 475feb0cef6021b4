// Installs the site's service worker (sw.js at the site's root, made by Workbox at build
// time; `mkdocs serve` has none, and the registration then simply fails). On the first
// visit the worker starts after this page has loaded: the page and its images are fetched
// once more through it, so that the first page a reader opened opens offline too.
(() => {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  const manifest = document.querySelector('link[rel="manifest"]');
  if (!manifest) return;
  const root = new URL(".", manifest.href);
  const controlledAtLoad = Boolean(navigator.serviceWorker.controller);

  // Images hot-linked from a course's host are left alone here (a request to another host
  // that the page did not make); the worker keeps them once the reader shows them (course-media.js).
  const keepThisPage = () => {
    fetch(location.href, { credentials: "same-origin" }).catch(() => {});
    for (const entry of performance.getEntriesByType("resource")) {
      if (entry.initiatorType === "img" && new URL(entry.name).origin === location.origin) {
        fetch(entry.name).catch(() => {});
      }
    }
  };

  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
      .then(() => {
        if (controlledAtLoad) return;
        navigator.serviceWorker.addEventListener("controllerchange", keepThisPage, { once: true });
      })
      .catch(() => {}); // no worker here (a preview build): the site works as before
  });
})();

// 离线阅读 (offline-reading.js) has controls on the course tables and the offline page only:
// its script is fetched the first time such a page is shown, not with every page (2.3 KB
// gzip of a lecture page's 150 KB budget). Pages are shown through the theme's document$,
// which hands its latest page to a late subscriber, as the script is.
(() => {
  const controls = ".offline-course[data-course], ul.offline-cached";
  let requested = false;
  const load = () => {
    if (requested || !document.querySelector(controls)) return;
    requested = true;
    const script = document.createElement("script");
    script.src = new URL("assets/javascripts/offline-reading.js", document.querySelector('link[rel="manifest"]').href);
    document.head.append(script);
  };
  if (typeof document$ !== "undefined") document$.subscribe(load);
  else load();
})();
