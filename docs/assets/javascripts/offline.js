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
