// Makes the site's service worker with Workbox: node build.mjs <site dir>
// (run by distnotes.site.offline after the search index, so the index's engine is listed).
// workbox-build copies its runtime into the site and fills our worker's precache list
// with every shell file and its revision: a new deploy replaces exactly what changed.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

// NODE_PATH (the project's node_modules) is honoured by require, not by import.
const require = createRequire(join(process.env.NODE_PATH, "noop.js"));
const { copyWorkboxLibraries, injectManifest } = require("workbox-build");

const site = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const runtime = await copyWorkboxLibraries(site); // e.g. "workbox-v7.4.1"
const source = join(mkdtempSync(join(tmpdir(), "distnotes-sw-")), "service-worker.js");
writeFileSync(source, readFileSync(join(here, "service-worker.js"), "utf-8").replaceAll("__WORKBOX__", runtime));

const { count, size, warnings } = await injectManifest({
  swSrc: source,
  swDest: join(site, "sw.js"),
  globDirectory: site,
  // The shell: the home page (the map), the offline page, styles, our scripts and the
  // theme's, the icons, and the search engine with its entry. Lecture pages, images
  // and the index's chunks are cached as a reader opens them, and so is Mermaid, which only
  // a diagram not drawn at build time (distnotes draw) needs.
  globPatterns: [
    "index.html",
    "offline/index.html",
    "404.html",
    "sitemap.xml",
    "manifest.webmanifest",
    "assets/stylesheets/**/*.css",
    "assets/javascripts/*.{js,mjs}",
    "assets/icons/*.png",
    "assets/logo.svg",
    // The engine and the box this site uses (not Pagefind's other UIs), with its entry.
    "pagefind/{pagefind,pagefind-worker,pagefind-highlight,pagefind-component-ui}.js",
    "pagefind/pagefind-component-ui.css",
    "pagefind/*.{json,pf_meta,pagefind}",
    // The whole index: search answers offline from the first visit on. (Hundreds of KB
    // for the courses; the benchmark's 1,000 synthetic lectures would make it MBs.)
    "pagefind/{index,fragment,filter}/*",
  ],
  globIgnores: ["**/*.map", `${runtime}/**`],
  // Names with a content hash need no revision of their own.
  dontCacheBustURLsMatching: /\.[0-9a-f]{8,}\./,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
for (const warning of warnings) console.warn(`workbox: ${warning}`);
console.log(`sw.js: ${count} files precached, ${(size / 1024).toFixed(0)} KB`);
