"""Helpers the test modules share (conftest.py only holds fixtures: two conftest
modules, here and in browser/, cannot both be imported by that name)."""

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from distnotes.project import find_root
from distnotes.render import render
from distnotes.syllabus import place
from distnotes.tidy import decode, mark_preview, tidy

ROOT = find_root(Path(__file__).parent)  # the checkout these tests are in
FIXTURES = ROOT / "tests" / "fixtures"
SUBPATH = "/dist-notes/"  # where GitHub Pages serves a project site


def tidy_page(path: Path, syllabus) -> str:
    """The page `distnotes tidy` writes for one scraped file (without a previous page)."""
    lecture = tidy(decode(path.read_bytes()), path.name)
    placement = place(lecture, syllabus, path.relative_to(ROOT).as_posix(), path.name)
    return render(mark_preview(lecture, placement.full_length), placement)


class PagesHandler(SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's 404.html with status 404, as on Pages."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUBPATH.strip("/") / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve_built(root, build):
    """A server for `root` whose site `build(site_url, site_dir)` makes under the subpath."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(root)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    build(base + SUBPATH, root / SUBPATH.strip("/"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, (base, base + SUBPATH, root / SUBPATH.strip("/"))


def project_site(work: Path, raw: dict[str, str] | Path, site_url: str, site_dir: Path, drawings: bool = True) -> None:
    """A copy of the project in `work` with these raw files (a folder, or name -> text
    added to the project's own), tidied and built under `site_url` into `site_dir`;
    without the diagrams' drawings if `drawings` is false (Mermaid draws them live)."""
    work.mkdir()
    for name in ("mkdocs.yml", "syllabus.yml", "glossary.yml"):
        shutil.copy(ROOT / name, work / name)
    shutil.copytree(ROOT / "overrides", work / "overrides")
    if drawings:
        shutil.copytree(ROOT / "diagrams", work / "diagrams")
    (work / "node_modules").symlink_to(ROOT / "node_modules")
    if isinstance(raw, Path):  # only these files: the project's own lectures are left out
        shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("lectures"))
        shutil.copytree(raw, work / "raw")
    else:
        shutil.copytree(ROOT / "docs", work / "docs")
        shutil.copytree(ROOT / "raw", work / "raw")
        for name, text in raw.items():
            (work / "raw" / name).write_text(text + "\n", encoding="utf-8")
    tidy = subprocess.run([sys.executable, "-m", "distnotes", "--root", str(work), "tidy"], capture_output=True, text=True)
    assert tidy.returncode == 0, tidy.stderr
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)], cwd=work,
                   env={**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}, check=True)


@contextlib.contextmanager
def served_project(root: Path, raw: dict[str, str] | Path, drawings: bool = True):
    """A project copy with these raw files (see `project_site`), built and served under
    the subpath while the block runs: (site URL, built folder)."""
    (root / "served").mkdir()
    httpd, (_, site, built) = serve_built(
        root / "served", lambda site_url, site_dir: project_site(root / "project", raw, site_url, site_dir, drawings))
    try:
        yield site, built
    finally:
        httpd.shutdown()


FLOWCHART = "flowchart LR\n  A[写入] --> B[复制]"  # a diagram of a note page in `diagram_project`


def diagram_project(root: Path) -> Path:
    """A project in `root` of one note page with two diagrams (one inside an
    admonition) and a lecture with one; Mermaid's package from the set-up."""
    for name in ("mkdocs.yml", "syllabus.yml"):
        shutil.copy(ROOT / name, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "docs" / "areas").mkdir(parents=True)
    (root / "docs" / "areas" / "index.md").write_text(
        f"# 区域\n\n```mermaid\n{FLOWCHART}\n```\n\n!!! note\n\n    ```mermaid\n    flowchart TB\n      C --> D\n    ```\n",
        encoding="utf-8")
    (root / "docs" / "lectures").mkdir()
    (root / "docs" / "lectures" / "00.md").write_text("```mermaid\nflowchart LR\n  X --> Y\n```\n", encoding="utf-8")
    return root
