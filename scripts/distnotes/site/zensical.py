"""The same sources built with Zensical, Material for MkDocs' successor (beta).

Zensical reads mkdocs.yml and Python-Markdown, but runs no MkDocs hooks and knows no
mkdocs-mermaid2-plugin. Everything the site shows is already in the sources
(distnotes.generate), so only this build's own steps are redone around it:

- the config without hooks and plugins, with our module that hands the theme the site's
  own Mermaid (never a CDN) for a diagram not drawn yet (the fence, which puts in the
  drawings of distnotes.site.diagrams, is Python-Markdown's and works here as well);
- a docs tree with that Mermaid copied in (the MkDocs hook serves it from node_modules);
- after the build: the lecture pages through the sanitizer (figures from other hosts
  held), and the Pagefind index.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from distnotes.generate import load_project
from distnotes.project import mkdocs_setting

from .assets import mermaid_files
from .diagrams import drawn_live
from .offline import make_offline
from .sanitize import lecture_html
from .search import build_index

MERMAID_MODULE = "assets/javascripts/mermaid-global.mjs"


def config_for_zensical(mkdocs_yml: str, site_dir: Path, live_diagrams: bool) -> str:
    """mkdocs.yml as Zensical can read it: no hooks or plugins (top-level lists),
    Mermaid from the site if a diagram is still drawn live (the module is on every
    page: Zensical has no per-page scripts), and the site's path (from SITE_URL, as
    the MkDocs hook reads it) for the search box."""
    config = re.sub(r"^(plugins|hooks):\n(?:(?:[ \t]+.*)?\n)+", "", mkdocs_yml, flags=re.M)
    if live_diagrams:
        config = config.replace("extra_javascript:\n", f"extra_javascript:\n  - path: {MERMAID_MODULE}\n    type: module\n", 1)
    config += f"\nsite_dir: {site_dir}\n"
    # What the MkDocs hook sets in on_config: the site's path, for the search box.
    site_path = urlsplit(os.environ.get("SITE_URL", "/")).path or "/"
    return config.replace("\nextra:\n", f"\nextra:\n  site_path: {site_path}\n", 1)


def prepare(root: Path, work: Path) -> Path:
    """A complete source tree for Zensical in `work` (its site goes to work/site,
    since Zensical keeps a site inside its project); its config file."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(root / "docs", work / "docs")
    shutil.copytree(root / "overrides", work / "overrides", ignore=shutil.ignore_patterns("hooks"))
    for site_path, source in mermaid_files(root):
        target = work / "docs" / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    config = work / "mkdocs.yml"
    config.write_text(config_for_zensical((root / "mkdocs.yml").read_text(encoding="utf-8"), Path("site"),
                                          drawn_live(root)), encoding="utf-8")
    return config


def sanitize_built_lectures(site_dir: Path) -> int:
    """The article of every built lecture page through the sanitizer, its figures from
    other hosts held (what the MkDocs hook does before the theme wraps it); the number
    of pages."""
    pages = sorted((site_dir / "lectures").rglob("index.html"))
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is None:
            raise ValueError(f"{path}: no <article> to sanitize")
        clean = BeautifulSoup(lecture_html(article.decode_contents()), "html.parser")
        article.clear()
        article.append(clean)
        path.write_text(str(soup), encoding="utf-8")
    return len(pages)


WORK = ".zensical"  # in the project, ignored by git: the tree Zensical builds, and its site


def build(root: Path) -> Path:
    """Build the site with Zensical, sanitize it and index it; the site's folder."""
    config = prepare(root, root / WORK)
    site_dir = config.parent / "site"
    zensical = Path(sys.executable).with_name("zensical")
    subprocess.run([str(zensical), "build", "--clean", "-f", str(config)], check=True)
    lectures = sanitize_built_lectures(site_dir)
    pages = build_index(root, site_dir)
    site_path = urlsplit(os.environ.get("SITE_URL", "/")).path or "/"
    make_offline(load_project(root), site_dir, mkdocs_setting(root, "site_name"),
                 mkdocs_setting(root, "site_description"), site_path)
    print(f"{site_dir}: built with Zensical, {lectures} lecture pages sanitized, {pages} pages indexed")
    return site_dir
