// Search on top of Pagefind's components (pinned 1.6.0): what its box and results page
// do not do themselves.
//
// - Whole terms first. Pagefind ranks pages that share any word of the query, and shortens a
//   word that matches nothing until a prefix does. The first results are read before they
//   are shown: those titled with the query come first, then those holding it whole, then
//   those holding each of its Chinese words apart; the others are dropped, so a query whose
//   Chinese words are found together nowhere (天气预报) says 未找到. (Pagefind's own phrase search was tried: its
//   index cuts words differently from the browser, 分布式资源池化 is not found as 资源池化.)
// - Results at the section. Each result links to the section that holds the term (a heading
//   that names it first, else the one with most occurrences), with that section's excerpt;
//   its other sections follow as sub-results. Glossary entries are headings, so a term
//   found in the glossary opens at its entry.
// - Whole terms highlighted: the opened page marks 分布式锁, not 分布 / 式 / 锁.
// - The box: the engine loads when the pointer nears the box; focus shows the last results
//   again; 查看全部结果 (or Enter with no result chosen) opens the 搜索 page. `s` focuses the
//   box as the theme's own search does (`/` is the box's own shortcut).
// These use the components' instances (`__pagefind__` is the engine each one loads); the
// browser tests hold them to the pinned version.

const HAN = /\p{Script=Han}/u;
// Made at the first query: making a Chinese word segmenter loads its dictionary, some
// 20 ms of a page's load (80 on a slow phone) that a reader who does not search would pay.
let wordSegmenter = null;

// Terms to mark on the opened page: the query's words, a Chinese run kept whole.
// "Raft算法 选举" -> ["Raft", "算法", "选举"]; "分布式锁" -> ["分布式锁"].
function wholeTerms(query) {
  return query.trim().split(/\s+/).flatMap((chunk) => chunk.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []);
}

// The Chinese words a browser cuts the query into (as Pagefind cuts it): "天气预报" -> 天气, 预报.
function hanWords(query) {
  wordSegmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  return [...wordSegmenter.segment(query)].filter((s) => s.isWordLike && HAN.test(s.segment)).map((s) => s.segment);
}

const folded = (text) => text.replace(/\s+/g, "").toLowerCase();

function withHighlights(url, terms) {
  const [path, hash = ""] = url.split("#");
  const address = new URL(path, location.origin);
  address.searchParams.delete("highlight");
  for (const term of terms) address.searchParams.append("highlight", term);
  return address.pathname + address.search + (hash ? `#${hash}` : "");
}

// A page's sections, from its text as Pagefind stores it (`raw_content`: words split by
// zero-width spaces in Chinese, by spaces otherwise, so word i is location i): the text
// before the first heading, then each heading with an id up to the next.
function sectionsOf(page) {
  const raw = page.raw_content ?? "";
  const zws = raw.includes("\u200B");
  const words = zws ? raw.split("\u200B") : raw.split(/[^\S\uFEFF]+/);
  const headings = (page.anchors ?? []).filter((a) => /^h\d$/i.test(a.element) && a.id)
    .sort((a, b) => a.location - b.location);
  const starts = [{ id: "", text: page.meta?.title ?? "", location: 0 }, ...headings];
  return starts.map((heading, i) => ({
    id: heading.id, title: heading.text, words, joiner: zws ? "" : " ",
    start: heading.location, end: starts[i + 1]?.location ?? words.length,
  })).filter((section) => section.end > section.start);
}

// Where the whole query stands in a section: [first word, last word] of each occurrence.
function occurrences(section, query) {
  const wanted = folded(query);
  let text = "";
  const offsets = [];
  for (let i = section.start; i < section.end; i++) {
    offsets.push(text.length);
    text += folded(section.words[i]);
  }
  const wordAt = (offset) => {
    let i = 0;
    while (i + 1 < offsets.length && offsets[i + 1] <= offset) i++;
    return section.start + i;
  };
  const found = [];
  for (let at = text.indexOf(wanted); wanted && at >= 0; at = text.indexOf(wanted, at + wanted.length)) {
    found.push([wordAt(at), wordAt(at + wanted.length - 1)]);
  }
  return found;
}

// Some twenty words around an occurrence, the occurrence marked (the words are Pagefind's
// escaped text, as in its own excerpts).
function excerpt(section, [first, last]) {
  const from = Math.max(section.start, first - 10);
  const to = Math.min(section.end, last + 16);
  const shown = section.words.slice(from, to).map((word, i) =>
    (from + i >= first && from + i <= last ? `<mark>${word}</mark>` : word));
  return (from > section.start ? "…" : "") + shown.join(section.joiner).trim() + (to < section.end ? "…" : "");
}

// A result whose data opens at the section that treats the query: one whose heading names
// it, else the one holding it most often (ties to the earlier); its excerpt shows it, the
// other sections holding it follow. A page that holds only some of the query's words keeps
// Pagefind's best-weighted section, marked with Pagefind's words of two or more characters.
function atSection(result, query, loaded) {
  const load = result.data.bind(result);
  result.data = async () => {
    const page = loaded ?? await load();
    const base = page.url.split("#")[0];
    const holding = sectionsOf(page).map((section) => ({ section, found: occurrences(section, query) }))
      .filter(({ found }) => found.length);
    if (!holding.length) {
      const terms = new URL(page.url, location.origin).searchParams.getAll("highlight")
        .filter((t) => t.length > 1 || !HAN.test(t));
      const weight = (s) => s.weighted_locations.reduce((sum, l) => sum + (l.balanced_score ?? 1), 0);
      const sections = (page.sub_results ?? []).map((s) => ({ ...s, url: withHighlights(s.url, terms) }));
      if (!sections.length) return page;
      const best = sections.reduce((top, s) => (weight(s) > weight(top) ? s : top), sections[0]);
      return { ...page, url: best.url, meta: { ...page.meta, url: best.url }, excerpt: best.excerpt,
               sub_results: sections.filter((s) => s !== best && s.url.includes("#")) };
    }
    const named = holding.find(({ section }) => section.id && folded(section.title).includes(folded(query)));
    const ranked = [...holding].sort((a, b) => b.found.length - a.found.length);
    const best = named ?? ranked[0];
    const terms = wholeTerms(query);
    const link = ({ section }) => withHighlights(section.id ? `${base}#${encodeURIComponent(section.id)}` : base, terms);
    const url = link(best);
    const others = ranked.filter((entry) => entry !== best && entry.section.id).map((entry) => ({
      title: entry.section.title, url: link(entry), excerpt: excerpt(entry.section, entry.found[0]),
      locations: entry.found.map(([first]) => first), weighted_locations: [], anchor: null,
    }));
    return { ...page, url, meta: { ...page.meta, url }, excerpt: excerpt(best.section, best.found[0]), sub_results: others };
  };
  return result;
}

// How many of the first results are read whole before they are shown: the ones a reader sees.
const CHECKED = 10;

async function rankedSearch(search, term, options) {
  const query = term ?? "";
  const found = await search(term, options);
  if (!found?.results?.length || !query.trim() || /^\s*".*"\s*$/.test(query)) return found;
  const first = found.results.slice(0, CHECKED);
  const pages = await Promise.all(first.map((r) => r.data()));
  const words = hanWords(query).map(folded);
  const entries = first.map((result, i) => {
    const text = folded(pages[i].content ?? "");
    return { result, page: pages[i], whole: text.includes(folded(query)), all: words.every((w) => text.includes(w)),
             titled: folded(pages[i].meta?.title ?? "").includes(folded(query)) };
  });
  // A page without every Chinese word of the query matched on a shortened word or a
  // shared character (天气预报 -> 天气 only): not shown. If none of the first pages holds
  // them, the query is not on this site.
  const kept = entries.filter((e) => e.all);
  if (!kept.length) return { ...found, results: [], unfilteredResultCount: 0 };
  // A page titled with the query is about it (分布式资源池化 for 资源池化): it comes first.
  const ordered = [...kept.filter((e) => e.titled), ...kept.filter((e) => e.whole && !e.titled),
                   ...kept.filter((e) => !e.whole && !e.titled)];
  const rest = found.results.slice(CHECKED);
  return { ...found, results: [...ordered.map((e) => atSection(e.result, query, e.page)),
                               ...rest.map((r) => atSection(r, query))] };
}

function wrapEngine(engine) {
  if (!engine || engine.__distnotes__) return;
  engine.__distnotes__ = true;
  const search = engine.search.bind(engine);
  engine.search = (term, options) => rankedSearch(search, term, options);
}

// Each instance's engine is wrapped as it is set: searches typed while it is still
// loading its filters already use it.
function tune(instance) {
  if (instance.__distnotes__) return;
  instance.__distnotes__ = true;
  let engine = instance.__pagefind__;
  wrapEngine(engine);
  Object.defineProperty(instance, "__pagefind__", {
    get: () => engine,
    set: (value) => { wrapEngine(value); engine = value; },
  });
}

// The 搜索 page with a query's every result.
const searchPageFor = (query) =>
  `${document.querySelector("pagefind-config")?.getAttribute("base-url") ?? "/"}search/?q=${encodeURIComponent(query.trim())}`;

function tuneHeaderBox(box) {
  const input = box.querySelector("input");
  const dropdown = box.querySelector(".pf-searchbox-dropdown");
  if (!input || !dropdown || box.dataset.tuned) return;
  box.dataset.tuned = "true";
  const instance = window.PagefindComponents.getInstanceManager().getInstance(box.getAttribute("instance") || "default");
  // Loading starts before the first key: when the pointer reaches the header's search area
  // (focus loads it too, by Pagefind's own handler).
  box.closest(".site-search")?.addEventListener("pointerenter", () => instance.triggerLoad(), { once: true });
  // Coming back to the box shows the last results again.
  input.addEventListener("focus", () => {
    if (input.value.trim() && input.getAttribute("aria-expanded") !== "true") {
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  // Every result, on the 搜索 page: a link under the list, and Enter while no result is chosen.
  const all = document.createElement("a");
  all.className = "site-search-all";
  all.textContent = "查看全部结果";
  all.href = searchPageFor(input.value);
  input.addEventListener("input", () => { all.href = searchPageFor(input.value); });
  dropdown.insertBefore(all, dropdown.querySelector(".pf-searchbox-footer"));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing && input.value.trim() && !input.getAttribute("aria-activedescendant")) {
      event.preventDefault();
      location.href = searchPageFor(input.value);
    }
  });
}

// The 搜索 page: its own instance ("page"), its query in the address (?q=), kept there as
// the reader types so that the page can be shared or reloaded.
function startSearchPage() {
  const input = document.querySelector(".search-page pagefind-input input");
  if (!input || input.dataset.tuned) return;
  input.dataset.tuned = "true";
  const instance = window.PagefindComponents.getInstanceManager().getInstance("page");
  const query = new URLSearchParams(location.search).get("q") ?? "";
  if (query) instance.triggerSearch(query);
  input.addEventListener("input", () => {
    const address = new URL(location.href);
    if (input.value.trim()) address.searchParams.set("q", input.value.trim()); else address.searchParams.delete("q");
    history.replaceState(history.state, "", address);
  });
  if (!query) input.focus();
}

// `s` focuses the box, as in the theme: not while typing into a field, not with a modifier.
document.addEventListener("keydown", (event) => {
  if (event.key !== "s" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  const active = document.activeElement;
  if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT" ||
                 active.isContentEditable)) return;
  const box = document.querySelector("pagefind-searchbox input");
  if (!box) return;
  event.preventDefault();
  box.focus();
});

function start() {
  const manager = window.PagefindComponents?.getInstanceManager();
  if (!manager) return;
  for (const name of ["default", "page"]) tune(manager.getInstance(name));
  document.querySelectorAll("pagefind-searchbox").forEach(tuneHeaderBox);
  startSearchPage();
}

// Pagefind's script is deferred and this one is not: wait for the components, then run
// again on every page instant navigation swaps in (the theme's document$).
document.addEventListener("DOMContentLoaded", () => {
  start();
  if (window.document$) window.document$.subscribe(start);
});
