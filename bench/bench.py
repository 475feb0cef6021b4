#!/usr/bin/env python3
"""Benchmark the site at several corpus sizes, beside a plain baseline, into a report.

    .venv/bin/python bench/bench.py [--sizes 40 400 1000] [--out bench/results.md]

For each size it makes a synthetic corpus from the raw lectures (distinct titles and
text, spread over the map) in a copy of the project and tidies it. Then it builds the
same pages twice, with this site's configuration and with the plain configuration
other course mirrors use (mkdocs-material's default search, Mermaid from the theme's
CDN default, no font settings; the same generated nav so the pages are the same), and
measures both in one run: build time, time for a one-lecture edit to show in
`mkdocs serve --dirty`, index size, bytes a reader transfers (gzip, as GitHub Pages
serves, images left out) and, in headless Chromium, map and search timings.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from baseline import BASELINE_CONFIG  # modules beside this file
from distnotes.cli import generate
from distnotes.model import Placement
from distnotes.project import find_root
from distnotes.render import render
from distnotes.syllabus import load_syllabus
from distnotes.tidy import decode, tidy
from lighthouse import RUNS, lighthouse_section

ROOT = find_root(Path(__file__).parent)
PROJECT_FILES = ["mkdocs.yml", "syllabus.yml", "glossary.yml", "docs", "diagrams", "overrides"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERY = "paxos"  # a term both search engines can answer
CJK_QUERY = "一致性哈希"
KB = 1024
# Budgets: checked here, not by timed unit tests, which are flaky on shared machines.
BUDGET_LECTURE_KB, BUDGET_FIRST_VISIT_INDEX_KB, BUDGET_QUERY_KB = 150, 50, 300
BUDGET_SEARCH_READY_MS, BUDGET_FIRST_RESULT_MS, BUDGET_REBUILD_S = 2000, 300, 3


@dataclass(frozen=True)
class Setup:
    """One way to build and search the same pages."""

    name: str
    config: str
    site_dir: str
    index_dir: str
    search_input: str
    search_result: str


OURS = Setup("this site", "mkdocs.yml", "site", "pagefind/", "pagefind-searchbox input",
             "a.pf-searchbox-result")
BASELINE = Setup("baseline", "mkdocs-baseline.yml", "site-baseline", "search/", "input.md-search__input",
                 ".md-search-result__item a")
INDEX_SUFFIXES = (".json", ".pf_meta", ".pf_index", ".pf_fragment")  # index data, not engine or UI
# What the baseline's theme fetches from unpkg to draw a diagram (refused offline here):
# Material loads mermaid@11's dist/mermaid.min.js; the npm package holds the same file.
BASELINE_MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"


@dataclass
class Figures:
    build_s: float = 0
    rebuild_s: float = 0
    index_kb: float = 0
    index_gzip_kb: float = 0
    home_kb: float = 0
    lecture_kb: float = 0
    first_visit_index_kb: float = 0
    engine_kb: float = 0
    query_kb: float = 0
    map_drawn_ms: float | None = None
    search_ready_ms: float | None = None
    first_result_ms: float | None = None
    cjk_found: bool = False
    outside: set[str] = field(default_factory=set)


@dataclass
class Row:
    lectures: int
    corpus_mb: float = 0
    tidy_s: float = 0
    ours: Figures = field(default_factory=Figures)
    baseline: Figures = field(default_factory=Figures)


def synthetic_corpus(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(file name, text) of `count` lectures: the raw lectures' paragraphs, reshuffled,
    under a title of their own and with a paragraph that names glossary terms."""
    rng = random.Random(seed)
    samples = [decode(path.read_bytes()) for path in sorted((ROOT / "raw").glob("*.txt"))]
    terms = [line.split("zh: ", 1)[1].split(",", 1)[0]
             for line in (ROOT / "glossary.yml").read_text(encoding="utf-8").splitlines() if "zh: " in line]
    corpus = []
    for number in range(count):
        sample = samples[number % len(samples)]
        body, _, thread = sample.partition("## 精选留言")
        paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
        rng.shuffle(paragraphs)
        chosen = rng.sample(terms, 3)
        lead = f"本讲讨论{chosen[0]}、{chosen[1]}和{chosen[2]}，这是合成语料第 {number} 讲（样本 {rng.random():.6f}）。"
        text = f"# 合成第 {number} 讲｜{chosen[0]}与{chosen[1]}\n\n{lead}\n\n" + "\n\n".join(paragraphs)
        if thread:
            text += "\n\n## 精选留言" + thread
        corpus.append((f"bench-{number:04d}.txt", text))
    return corpus


def make_project(work: Path, row: Row) -> Path:
    """A copy of the project whose docs hold the row's synthetic lectures, tidied."""
    project = work / f"site-{row.lectures}"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    areas = [a.slug for a in load_syllabus(ROOT / "syllabus.yml").areas.values() if a.on_map]
    corpus = synthetic_corpus(row.lectures)
    row.corpus_mb = sum(len(text.encode("utf-8")) for _, text in corpus) / 1e6
    out = project / "docs" / "lectures" / "unsorted"
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    pages = []
    for number, (name, text) in enumerate(corpus):
        lecture = tidy(text, name)
        place = Placement(title=lecture.title, area=areas[number % len(areas)], source=name)
        pages.append((out / name.replace(".txt", ".md"), render(lecture, place)))
    row.tidy_s = time.perf_counter() - start
    for path, page in pages:
        path.write_text(page, encoding="utf-8")
    generate(project, check=False)  # the nav, lists and map list the new lectures
    # The baseline builds the same pages in the same nav.
    ours = (project / OURS.config).read_text(encoding="utf-8")
    nav = ours[ours.index("# generated:begin nav"):]
    (project / BASELINE.config).write_text(BASELINE_CONFIG + nav, encoding="utf-8")
    return project


def mkdocs_env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}


def build(project: Path, setup: Setup, figures: Figures) -> Path:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--no-strict", "-f", setup.config],
                   cwd=project, env=mkdocs_env(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    figures.build_s = time.perf_counter() - start
    site = project / setup.site_dir
    index = [path for path in (site / setup.index_dir).rglob("*") if path.suffix in INDEX_SUFFIXES]
    figures.index_kb = sum(path.stat().st_size for path in index) / KB
    figures.index_gzip_kb = sum(gzipped(path) for path in index) / KB
    return site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_rebuild(project: Path, setup: Setup, figures: Figures) -> None:
    """Seconds from saving an edit to one lecture to `mkdocs serve --dirty` serving it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", setup.config,
         "-a", f"127.0.0.1:{port}"],
        cwd=project, env=mkdocs_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/lectures/unsorted/bench-0002/"
    try:
        deadline = time.monotonic() + 900
        while not fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"mkdocs serve ({setup.name}) did not come up")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        page = project / "docs" / "lectures" / "unsorted" / "bench-0002.md"
        marker = f"改动标记{time.time_ns()}"
        edited = page.read_text(encoding="utf-8").replace("## 我的笔记", f"{marker}\n\n## 我的笔记", 1)
        start = time.perf_counter()
        page.write_text(edited, encoding="utf-8")
        while marker not in fetch(url):
            if time.perf_counter() - start > 600:
                raise RuntimeError(f"the edit never showed ({setup.name})")
            time.sleep(0.05)
        figures.rebuild_s = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@functools.cache
def gzipped(path: Path) -> int:
    """Bytes on the wire with gzip (Pagefind's index files are gzip already: as they are)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return len(data)
    return len(gzip.compress(data, compresslevel=6))


def measure_browser(site: Path, setup: Setup, figures: Figures, browser) -> None:  # noqa: C901 - one visit after another, in the order the report reads
    # A server process of its own: served from a thread of this process, pages at times
    # stalled behind Playwright's event loop.
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    while not fetch(base):
        time.sleep(0.1)
    index_dir = setup.index_dir

    def transferred(urls) -> float:
        total = 0
        for url in urls:
            path = site / url.removeprefix(base).split("?")[0]
            path = path / "index.html" if path.is_dir() else path
            total += gzipped(path) if path.is_file() else 0
        return total / KB

    def is_index(url: str) -> bool:
        return url.removeprefix(base).startswith(index_dir) and url.endswith(INDEX_SUFFIXES)

    def visit(path: str, settle: bool = True):
        # Without service workers: ours precaches its shell and the search index after the
        # first load, which here competed with the page for the one local server (a lecture's
        # search box once never appeared within the timeout); what a worker holds is the
        # offline figures' business, not these timings.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")

        def route(route):
            if not route.request.url.startswith(base):
                figures.outside.add(route.request.url.split("/")[2])  # offline here: refused
                return route.abort()
            if route.request.resource_type in ("image", "media"):
                return route.abort()
            return route.continue_()

        context.route("**/*", route)
        page = context.new_page()
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url) if request.url.startswith(base) else None)
        page.goto(base + path, wait_until="commit" if not settle else "load")
        if settle:
            page.wait_for_load_state("networkidle")
        return urls, page

    def search(page, query: str) -> bool:
        box = page.locator(setup.search_input)
        box.fill("")
        box.press_sequentially(query)
        box.press("End")  # CJK text arrives without key events; Material reads keyup
        try:
            page.locator(setup.search_result).first.wait_for(timeout=5000)
            return True
        except Exception:
            return False

    # Timings on fresh visits, measured from navigation start (performance.now()).
    urls, page = visit("", settle=False)
    try:
        page.locator(".area-map-grid a.map-area").first.wait_for(timeout=15000)  # the map, links in the page
        figures.map_drawn_ms = page.evaluate("performance.now()")
    except Exception:
        figures.map_drawn_ms = None
    page.wait_for_load_state("networkidle")
    figures.home_kb = transferred(u for u in urls if not is_index(u))
    page.context.close()

    urls, page = visit("lectures/unsorted/bench-0001/", settle=False)
    page.locator(setup.search_input).click()
    if search(page, "raft"):
        figures.search_ready_ms = page.evaluate("performance.now()")
    page.context.close()

    urls, page = visit("lectures/unsorted/bench-0001/")
    figures.lecture_kb = transferred(u for u in urls if not is_index(u))
    figures.first_visit_index_kb = transferred(u for u in urls if is_index(u))
    page.locator(setup.search_input).click()
    search(page, "raft")
    page.wait_for_load_state("networkidle")
    figures.engine_kb = transferred(u for u in urls if u.removeprefix(base).startswith(index_dir)
                                    and "component-ui" not in u) - figures.first_visit_index_kb
    before = len(urls)
    start = time.perf_counter()
    box = page.locator(setup.search_input)
    box.fill("")
    box.press_sequentially(QUERY)
    last_key = time.perf_counter()
    if setup is OURS:
        answered = page.locator(f'{setup.search_result}[href*="highlight={QUERY}"]').first
    else:
        answered = page.locator(setup.search_result).filter(has_text="Paxos").first
    answered.wait_for()
    figures.first_result_ms = (time.perf_counter() - max(last_key, start)) * 1000
    page.wait_for_load_state("networkidle")
    figures.query_kb = transferred(u for u in urls[before:] if is_index(u))
    figures.cjk_found = search(page, CJK_QUERY)
    page.context.close()
    server.terminate()
    server.wait()


def ratio(ours: float | None, baseline: float | None) -> str:
    if ours is None or baseline is None:
        return "—"
    if baseline == 0:
        return "—" if ours == 0 else "∞"
    return f"{ours / baseline:.2f}×"


def number(value: float | None, unit: str, digits: int = 0) -> str:
    return "never" if value is None else f"{value:.{digits}f} {unit}"


def size_table(row: Row) -> list[str]:
    o, b = row.ours, row.baseline
    # What a first visit costs in all: the page, the index it downloads on opening, and
    # for the baseline's map the Mermaid it fetches from unpkg online (refused here).
    baseline_mermaid = gzipped(BASELINE_MERMAID) / KB if b.map_drawn_ms is None else 0
    figures = [
        ("full `mkdocs build`", o.build_s, b.build_s, "s", 1),
        ("one-lecture edit shown by `mkdocs serve --dirty`", o.rebuild_s, b.rebuild_s, "s", 2),
        ("search index on disk, raw", o.index_kb, b.index_kb, "KB", 0),
        ("search index on disk, gzip", o.index_gzip_kb, b.index_gzip_kb, "KB", 0),
        ("search index per lecture, gzip", o.index_gzip_kb / row.lectures, b.index_gzip_kb / row.lectures, "KB", 1),
        ("home page with the map, first visit (no index)", o.home_kb, b.home_kb, "KB", 0),
        ("lecture page, first visit (no index)", o.lecture_kb, b.lecture_kb, "KB", 0),
        ("search index downloaded by opening a page", o.first_visit_index_kb, b.first_visit_index_kb, "KB", 1),
        ("home page, first visit in all (index, and the baseline's Mermaid online, included)",
         o.home_kb + o.first_visit_index_kb, b.home_kb + b.first_visit_index_kb + baseline_mermaid, "KB", 0),
        ("lecture page, first visit in all (index included)",
         o.lecture_kb + o.first_visit_index_kb, b.lecture_kb + b.first_visit_index_kb, "KB", 0),
        ("search engine and index for a first query (once a visit)", o.engine_kb, b.engine_kb, "KB", 0),
        (f"search index downloaded by one more query (`{QUERY}`)", o.query_kb, b.query_kb, "KB", 0),
        ("navigation to the map drawn", o.map_drawn_ms, b.map_drawn_ms, "ms", 0),
        ("opening a page to a first query's first result (search ready)", o.search_ready_ms, b.search_ready_ms, "ms", 0),
        ("last keystroke to first result (engine loaded)", o.first_result_ms, b.first_result_ms, "ms", 0),
    ]
    lines = [f"### {row.lectures} lectures", "",
             f"Corpus: {row.corpus_mb:.1f} MB of scraped text, tidied in {row.tidy_s:.2f} s "
             f"({row.corpus_mb / row.tidy_s:.1f} MB/s).", "",
             "| figure | this site | baseline | ratio |", "|---|---|---|---|"]
    lines += [f"| {name} | {number(ours, unit, digits)} | {number(base, unit, digits)} | {ratio(ours, base)} |"
              for name, ours, base, unit, digits in figures]
    if baseline_mermaid:
        lines.append(f"| Mermaid the baseline fetches from unpkg.com to draw the map (online) | "
                     f"(in the home page rows) | {baseline_mermaid:.0f} KB | |")
    lines.append(f"| finds `{CJK_QUERY}` | {'yes' if o.cjk_found else 'no'} | {'yes' if b.cjk_found else 'no'} | |")
    outside = lambda f: ", ".join(sorted(f.outside)) or "none"  # noqa: E731
    lines.append(f"| third-party hosts requested | {outside(o)} | {outside(b)} | |")
    return lines + [""]


def budgets(rows: list[Row]) -> list[str]:
    checks: list[tuple[str, float | None, str, bool]] = []
    for row in rows:
        o, n = row.ours, row.lectures
        checks += [
            (f"lecture page ≤ {BUDGET_LECTURE_KB} KB gzip, no images or index ({n})", o.lecture_kb, "KB",
             o.lecture_kb <= BUDGET_LECTURE_KB),
            (f"index downloaded by a first visit ≤ {BUDGET_FIRST_VISIT_INDEX_KB} KB ({n})", o.first_visit_index_kb, "KB",
             o.first_visit_index_kb <= BUDGET_FIRST_VISIT_INDEX_KB),
        ]
        if n >= 1000:
            first_query = o.engine_kb + o.query_kb
            checks.append((f"one query ≤ {BUDGET_QUERY_KB} KB, engine included ({n})", first_query, "KB",
                           first_query <= BUDGET_QUERY_KB))
        if n == 400:
            checks += [
                (f"search ready ≤ {BUDGET_SEARCH_READY_MS} ms of opening a page ({n})", o.search_ready_ms, "ms",
                 o.search_ready_ms is not None and o.search_ready_ms <= BUDGET_SEARCH_READY_MS),
                (f"first result ≤ {BUDGET_FIRST_RESULT_MS} ms after the last keystroke ({n})", o.first_result_ms, "ms",
                 o.first_result_ms is not None and o.first_result_ms <= BUDGET_FIRST_RESULT_MS),
                (f"one-lecture change visible < {BUDGET_REBUILD_S} s ({n})", o.rebuild_s, "s",
                 o.rebuild_s < BUDGET_REBUILD_S),
            ]
    lines = ["## Budgets", "", "| budget | measured | met |", "|---|---|---|"]
    lines += [f"| {name} | {number(value, unit, 1 if unit == 's' else 0)} | {'yes' if ok else '**no**'} |"
              for name, value, unit, ok in checks]
    return lines + [""]


def chinese_font() -> str:
    """The font Chromium takes for Chinese text here (`dev.sh bench` installs Noto CJK)."""
    installed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False)
    if not installed.stdout.strip():
        return "none"
    taken = subprocess.run(["fc-match", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False)
    return taken.stdout.split(",")[0].strip()


def report(rows: list[Row], lighthouse: list[str]) -> str:
    head = [
        "# Benchmark", "",
        f"Made by `bench/bench.py` on {time.strftime('%Y-%m-%d')} on this project's machine "
        f"({os.cpu_count()} cores), both configurations in one run. Bytes are gzip as served "
        "(Pagefind's files are gzip already), images left out; page weights leave the search index "
        "out, which has its own rows. The baseline is mkdocs-material's plain configuration: its "
        "default search, Mermaid from the theme's CDN default and its default web fonts. This "
        "machine has no internet, so the baseline's CDN and font requests are refused: its area "
        "diagrams are never drawn here, and its pages would weigh more online. The home map is "
        "the same generated grid of links in both (no Mermaid). Chinese fonts installed, as on any "
        f"reader's phone: {chinese_font()}.", "",
    ]
    body = [line for row in rows for line in size_table(row)]
    return "\n".join(head + budgets(rows) + lighthouse + ["## Figures", ""] + body)


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 1000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--lighthouse-runs", type=int, default=RUNS, help="Lighthouse runs of each page (0: none)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="dist-notes-bench-") as work, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for count in args.sizes:
            row = Row(count)
            project = make_project(Path(work), row)
            for setup, figures in ((OURS, row.ours), (BASELINE, row.baseline)):
                site = build(project, setup, figures)
                measure_browser(site, setup, figures, browser)
                measure_rebuild(project, setup, figures)
                print(f"{count} lectures, {setup.name}: build {figures.build_s:.1f} s", file=sys.stderr)
            rows.append(row)
        browser.close()
    lighthouse = lighthouse_section(args.lighthouse_runs) if args.lighthouse_runs else []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(rows, lighthouse), encoding="utf-8")
    print(report(rows, lighthouse))
    return 0


if __name__ == "__main__":
    sys.exit(main())
