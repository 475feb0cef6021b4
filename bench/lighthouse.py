#!/usr/bin/env python3
"""Lighthouse (pinned in package.json), mobile profile, on this site and on the plain
Material build of the same pages, both served with gzip under the Pages subpath.

    .venv/bin/python bench/lighthouse.py [--runs 7]   # prints the report's section

`bench/bench.py` calls `lighthouse_section()` for `bench/results.md`. These are benchmark
figures, not tests. On this 2-core machine one page's performance score moved from 55 to
96 between two runs of one benchmark (2026-12-02), and one unchanged build of an area page
from 85 to 98 within an hour (2026-12-06), so each page is run seven times and reported as
Lighthouse's own guidance reads variable runs: the median, with the range beside it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from baseline import BASELINE_CONFIG  # beside this file
from distnotes.project import find_root

ROOT = find_root(Path(__file__).parent)
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBPATH = "/dist-notes/"
RUNS = 7  # a page's runs: see the module's docstring
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The page a reader sees first, the heaviest area page (many diagrams and tables) and a
# lecture with its comment thread.
PAGES = {
    "home": "",
    "area (数据存储与管理)": "areas/data-storage/",
    "lecture (课程一开篇词, with its thread)": "lectures/nie-2019/00/",
}
# What GitHub Pages compresses; Pagefind's index files are gzip already and go as they are.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-encoded where GitHub Pages would encode them."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what Pages sends
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


@dataclass
class Run:
    scores: dict[str, int]
    tbt_ms: float
    lcp_ms: float
    transferred_kb: float


def build_pair(work: Path, base_url: str) -> dict[str, Path]:
    """This site and the plain Material build of the same pages, each under the subpath
    of its own served folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base_url + SUBPATH}
    sites = {}
    ours = work / "ours" / SUBPATH.strip("/")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-d", str(ours)],
                   cwd=ROOT, env=env, check=True)
    sites["this site"] = ours
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    baseline_config = ROOT / ".lighthouse-baseline.yml"  # beside docs/, as mkdocs needs; removed below
    baseline_config.write_text(BASELINE_CONFIG + config[config.index("# generated:begin nav"):], encoding="utf-8")
    baseline = work / "baseline" / SUBPATH.strip("/")
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--no-strict", "-f", str(baseline_config),
                        "-d", str(baseline)], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        baseline_config.unlink()
    sites["baseline"] = baseline
    return sites


def lighthouse(url: str, out: Path) -> Run:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                    "--disable-component-update --no-first-run"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, stderr=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return Run(
        scores={name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        transferred_kb=audits["total-byte-weight"]["numericValue"] / 1024,
    )


def measure(runs: int) -> dict[tuple[str, str], list[Run]]:
    results: dict[tuple[str, str], list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="dist-notes-lighthouse-") as folder:
        work = Path(folder)
        servers = {}
        for name in ("ours", "baseline"):
            (work / name).mkdir()
            servers[name] = ThreadingHTTPServer(
                ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(work / name)))
        # One origin each, so neither's cache or service worker meets the other's.
        urls = {name: f"http://127.0.0.1:{server.server_address[1]}" for name, server in servers.items()}
        ours_url, baseline_url = urls["ours"], urls["baseline"]
        sites = build_pair(work / "build", ours_url)
        shutil.move(sites["this site"], work / "ours" / SUBPATH.strip("/"))
        shutil.move(sites["baseline"], work / "baseline" / SUBPATH.strip("/"))
        for server in servers.values():
            threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for label, path in PAGES.items():
                for setup, base in (("this site", ours_url), ("baseline", baseline_url)):
                    results[(label, setup)] = [lighthouse(base + SUBPATH + path, work / f"report-{n}.json")
                                               for n in range(runs)]
                    print(f"lighthouse {label}, {setup}: "
                          f"{[r.scores['performance'] for r in results[(label, setup)]]}", file=sys.stderr)
        finally:
            for server in servers.values():
                server.shutdown()
    return results


def version() -> str:
    package = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))
    return package["version"]


def spread(values) -> str:
    """The median, and the range when the runs differ: `95 (91–98)`."""
    middle = statistics.median_low(values)
    return str(middle) if min(values) == max(values) else f"{middle} ({min(values)}–{max(values)})"


def lighthouse_section(runs: int = RUNS) -> list[str]:
    results = measure(runs)
    lines = [
        "## Lighthouse, mobile", "",
        f"Lighthouse {version()} (pinned in `package.json`), its default mobile profile (simulated slow 4G and "
        f"a 4× slower CPU), {runs} runs of each page (the median, then the range), both sites built from this repository's pages and served "
        f"with gzip under `{SUBPATH}` as GitHub Pages serves them. The baseline's area diagrams load Mermaid "
        "from a CDN, which this machine cannot reach: it draws none, which flatters its figures.", "",
        "| page | site | performance | accessibility | best practices | SEO | blocking time | largest paint "
        "| transferred |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (label, setup), page_runs in results.items():
        scores = [spread([run.scores[name] for run in page_runs]) for name in CATEGORIES]
        lines.append(
            f"| {label} | {setup} | {' | '.join(scores)} "
            f"| {spread([round(run.tbt_ms) for run in page_runs])} ms "
            f"| {spread([round(run.lcp_ms / 100) / 10 for run in page_runs])} s "
            f"| {spread([round(run.transferred_kb) for run in page_runs])} KB |")
    return lines + [""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    print("\n".join(lighthouse_section(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
