"""MkDocs hooks for how the site is delivered: Mermaid served by the site itself and
kept working through instant navigation, and the Pagefind search index.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from pagefind.index import IndexConfig, PagefindIndex

from distnotes.content import site_data
from distnotes.glossary import search_aliases

ROOT = Path(__file__).resolve().parents[2]
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
MERMAID_SITE_DIR = "assets/javascripts/vendor/mermaid"
MERMAID_FILES = ("mermaid.esm.min.mjs", "chunks/mermaid.esm.min")
# Not indexed: diagram source (the map would match every area name) and comment threads
# (carried by data-pagefind-ignore already; listed here too so no theme markup slips in).
SEARCH_EXCLUDE = ["pre.mermaid", "div.mermaid", "details.comments", ".lecture-audio", ".headerlink"]


_indexer: ThreadPoolExecutor | None = None  # set while `mkdocs serve` runs


def on_startup(command, dirty):
    global _indexer
    if command == "serve":
        _indexer = ThreadPoolExecutor(max_workers=1)  # one index at a time, in order


def on_config(config):
    # The search box lives in the header, which instant navigation keeps across pages:
    # it needs the site's absolute path, not a page-relative one.
    config["extra"]["site_path"] = urlsplit(config["site_url"] or "/").path or "/"
    return config


def on_files(files: Files, config) -> Files:
    """Serve Mermaid from the site itself, straight from the npm package (never committed)."""
    if not MERMAID_DIST.is_dir():
        raise FileNotFoundError(f"{MERMAID_DIST} is missing: run the set-up (npm ci) first")
    for name in MERMAID_FILES:
        source = MERMAID_DIST / name
        for path in [source] if source.is_file() else sorted(source.rglob("*.mjs")):
            relative = path.relative_to(MERMAID_DIST).as_posix()
            files.append(File.generated(config, f"{MERMAID_SITE_DIR}/{relative}", abs_src_path=str(path)))
    return files


async def _index(site_dir: str) -> None:
    # Leaving the context writes the index to output_path (else to ./pagefind).
    config = IndexConfig(exclude_selectors=SEARCH_EXCLUDE, force_language="zh",
                         output_path=str(Path(site_dir) / "pagefind"))
    async with PagefindIndex(config=config) as index:
        await index.add_directory(site_dir)


def on_post_build(config) -> None:
    """Index the built pages with Pagefind's extended build (Chinese segmentation).

    While serving, a rebuild that kept the previous index (`--dirty`) re-indexes in the
    background: the edited page shows at once and search catches up a moment later.
    """
    site_dir = config["site_dir"]
    if _indexer is not None and (Path(site_dir) / "pagefind").is_dir():
        _indexer.submit(asyncio.run, _index(site_dir))
    else:
        asyncio.run(_index(site_dir))


def on_page_content(html: str, page, config, files: Files) -> str:
    """Index-only aliases of the glossary terms on the page (see `search_aliases`), and
    on a lecture of its lecturer and course, so their names find their lectures first.
    Terms are looked for in the page's Markdown: parsing every page's HTML again cost a
    quarter of the build."""
    names = [term.zh for term in site_data(ROOT)[1]]
    text = page.markdown
    if page.file.src_uri.startswith("lectures/"):
        lecture = [str(page.meta.get(key, "")) for key in ("author", "course")]
        names += [name for name in lecture if name]
        text += " ".join(lecture)
    tokens = search_aliases(text, names)
    if not tokens:
        return html
    return html + f'\n<div class="search-aliases" hidden data-pagefind-weight="0.1">{" ".join(tokens)}</div>'


@event_priority(-100)  # after mermaid2 has added its script tag
def on_post_page(output: str, page, config) -> str:
    """Put mermaid2's loader where instant navigation runs it.

    Material re-runs only the scripts inside its container when it swaps pages, and waits
    for the last one's `load` before rendering; a script elsewhere in the body runs only
    on a full page load, so a reader who arrives on a lecture and then opens the map
    would make Material fetch Mermaid from a public CDN.
    """
    if "import mermaid from" not in output:
        return output
    soup = BeautifulSoup(output, "html.parser")
    container = soup.select_one("[data-md-component=container]")
    for script in soup.select("script[type=module]"):
        source = (script.string or "").split('"')
        if script.string and script.string.startswith("import mermaid from") and len(source) > 1:
            loader = soup.new_tag("script", attrs={"type": "module", "src": source[1]})
            script.decompose()
            container.append(loader)
    return str(soup)
