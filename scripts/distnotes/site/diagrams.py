"""The notes' Mermaid diagrams, drawn once (`distnotes draw`) instead of on every visit.

Drawing a diagram in the reader's browser loads Mermaid and lays it out on the main
thread, on the first screen of most area pages (Lighthouse's phone profile measured
562-705 ms of blocking on an area page, bench/results.md of 2026-12-01). So
`distnotes draw` renders each fence of our own pages in Chromium, with the Mermaid
installed from package-lock.json, into `diagrams/<hash of its source>.svg`, and the
Markdown fence below puts that SVG into the page. The fence is a Python-Markdown
formatter, so MkDocs and Zensical both use it; a fence that has no drawing yet (one a
person has just written, while serving) stays `<pre class="mermaid">` and the theme
draws it live, as before. `distnotes draw --check` (no browser) fails when a drawing
is missing, stale or left over.

The drawings take their colours from the theme's `--md-mermaid-*` variables (STYLE,
compiled into each SVG after Mermaid's own rules, which it overrides), so one SVG
follows both palettes. Lecture pages are never drawn: their text is scraped.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path

from distnotes.project import find_root

DIAGRAMS_DIR = "diagrams"  # in the project: the drawings, committed like the tidied pages
SKIPPED = ("lectures/",)  # scraped pages: their fences stay text (and the sanitizer's)

# A fence of a page's Markdown, as superfences reads it; sample:
#   ```mermaid
#   flowchart LR
#     A --> B
#   ```
FENCE = re.compile(r"^(?P<indent>[ \t]*)```mermaid[ \t]*\n(?P<source>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)

# Colours from the theme's variables, so that a drawing follows the palette switch.
# Mermaid compiles these after its own rules under the drawing's id: same specificity,
# later, so they win; `!important` only where Mermaid writes inline styles.
STYLE = """
.node rect, .node polygon, .node circle, .node ellipse, .node path {
  fill: var(--md-mermaid-node-bg-color); stroke: var(--md-mermaid-node-fg-color); }
.label, .nodeLabel, .nodeLabel p, span { color: var(--md-mermaid-label-fg-color); fill: var(--md-mermaid-label-fg-color); }
.label, .nodeLabel, .edgeLabel, text { font-family: var(--md-mermaid-font-family); }
.flowchart-link, .edgePath .path { stroke: var(--md-mermaid-edge-color); }
.marker, marker path { fill: var(--md-mermaid-edge-color) !important; stroke: var(--md-mermaid-edge-color) !important; }
.edgeLabel, .edgeLabel p, .labelBkg { background-color: var(--md-mermaid-label-bg-color); color: var(--md-mermaid-edge-color); }
.edgeLabel rect { fill: var(--md-mermaid-label-bg-color); }
.actor { fill: var(--md-mermaid-sequence-actor-bg-color); stroke: var(--md-mermaid-sequence-actor-border-color); }
text.actor > tspan { fill: var(--md-mermaid-sequence-actor-fg-color); }
.actor-line { stroke: var(--md-mermaid-sequence-actor-line-color); }
.messageLine0, .messageLine1 { stroke: var(--md-mermaid-sequence-message-line-color); }
.messageText { fill: var(--md-mermaid-sequence-message-fg-color); stroke: none; }
[id$="-arrowhead"] path, [id$="-crosshead"] path, [id$="-filled-head"] path {
  fill: var(--md-mermaid-sequence-message-line-color); stroke: var(--md-mermaid-sequence-message-line-color); }
.note { fill: var(--md-mermaid-sequence-note-bg-color); stroke: var(--md-mermaid-sequence-note-border-color); }
.noteText, .noteText > tspan { fill: var(--md-mermaid-sequence-note-fg-color); stroke: none; }
.loopLine { stroke: var(--md-mermaid-sequence-loop-border-color); fill: var(--md-mermaid-sequence-loop-border-color); }
.labelBox { fill: var(--md-mermaid-sequence-label-bg-color); stroke: var(--md-mermaid-sequence-loop-border-color); }
.labelText, .labelText > tspan { fill: var(--md-mermaid-sequence-label-fg-color); stroke: none; }
.loopText, .loopText > tspan { fill: var(--md-mermaid-sequence-loop-fg-color); stroke: none; }
"""
# As Material configures Mermaid, so that a drawing has the sizes of the live one.
CONFIG = {"startOnLoad": False, "theme": "base", "themeCSS": STYLE,
          "fontFamily": "var(--md-mermaid-font-family)",
          "sequence": {"actorFontSize": "16px", "messageFontSize": "16px", "noteFontSize": "16px"}}
# The drawing page's font: the theme's text font stack (the theme's fonts are off), so
# that labels are measured with what a reader's browser picks.
FONT_STACK = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"


def diagram_key(source: str) -> str:
    """The drawing's name: a hash of the diagram's source, as the fence receives it."""
    return hashlib.sha256(source.strip().encode("utf-8")).hexdigest()[:16]


def drawn_with(root: Path) -> str:
    """What a drawing was made with: Mermaid's installed version and this module's
    style. A drawing made otherwise is stale."""
    package = root / "node_modules" / "mermaid" / "package.json"
    if not package.is_file():
        raise FileNotFoundError(f"{package} is missing: run the set-up (npm ci) first")
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    style = hashlib.sha256(json.dumps(CONFIG, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    return f"mermaid {version}; style {style}"


def diagram_sources(docs: Path, lectures: bool = False) -> dict[str, str]:
    """key -> source of every Mermaid fence in our own pages (and in the lectures too,
    if asked: they are never drawn)."""
    found: dict[str, str] = {}
    for page in sorted(docs.rglob("*.md")):
        if not lectures and page.relative_to(docs).as_posix().startswith(SKIPPED):
            continue
        for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
            source = "\n".join(line.removeprefix(fence["indent"]) for line in fence["source"].splitlines())
            found[diagram_key(source)] = source
    return found


def check(root: Path) -> list[str]:
    """Problems with the committed drawings: missing, stale (another Mermaid or style)
    or left over. Empty when every fence has its current drawing."""
    sources = diagram_sources(root / "docs")
    folder = root / DIAGRAMS_DIR
    made_with = drawn_with(root)
    problems = []
    for key in sources:
        path = folder / f"{key}.svg"
        if not path.is_file():
            problems.append(f"{path.relative_to(root)}: missing (run `distnotes draw`)")
        elif not _current(path, made_with):
            problems.append(f"{path.relative_to(root)}: not drawn with {made_with} (run `distnotes draw`)")
    for path in _left_over(folder, sources):
        problems.append(f"{path.relative_to(root)}: no page has its diagram any more (run `distnotes draw`)")
    return problems


def _current(path: Path, made_with: str) -> bool:
    """Whether a drawing exists and was made as `drawn_with` says it would be now."""
    return path.is_file() and f'data-drawn="{made_with}"' in path.read_text(encoding="utf-8")


def _left_over(folder: Path, sources: dict[str, str]) -> list[Path]:
    return [path for path in sorted(folder.glob("*.svg")) if path.stem not in sources] if folder.is_dir() else []


def drawn_live(root: Path) -> bool:
    """Whether some page has a diagram with no drawing, which the theme draws live."""
    return any(not (root / DIAGRAMS_DIR / f"{key}.svg").is_file()
               for key in diagram_sources(root / "docs", lectures=True))


# Runs in the drawing page: one render per diagram, under the id the SVG keeps.
_RENDER = """async ([config, diagrams]) => {
  mermaid.initialize(config);
  const out = {};
  for (const [key, source] of diagrams) out[key] = (await mermaid.render(`diagram-${key}`, source)).svg;
  return out;
}"""


def draw(root: Path, chromium: str = "/usr/bin/chromium", browser=None) -> tuple[list[Path], list[Path]]:
    """Draw every fence that lacks its current drawing, and remove drawings no page
    uses: (written, removed). Each file is written whole, then renamed into place.
    Chromium is launched from `chromium`, unless a Playwright `browser` is given."""
    sources = diagram_sources(root / "docs")
    folder = root / DIAGRAMS_DIR
    folder.mkdir(exist_ok=True)
    made_with = drawn_with(root)
    wanted = [(key, source) for key, source in sources.items()
              if not _current(folder / f"{key}.svg", made_with)]
    written = []
    if wanted:
        if browser is None:
            from playwright.sync_api import sync_playwright  # a maintainer's command: the browser only here

            with sync_playwright() as playwright:
                launched = playwright.chromium.launch(executable_path=chromium)
                svgs = _render(launched, root, wanted)
                launched.close()
        else:
            svgs = _render(browser, root, wanted)
        for key, svg in svgs.items():
            path = folder / f"{key}.svg"
            temporary = path.with_suffix(".svg.tmp")
            svg = _own_ids(svg, f"diagram-{key}").replace("<svg ", f'<svg data-drawn="{made_with}" ', 1)
            temporary.write_text(svg + "\n", encoding="utf-8")
            temporary.replace(path)
            written.append(path)
    removed = _left_over(folder, sources)
    for path in removed:
        path.unlink()
    return written, removed


def _render(browser, root: Path, wanted: list[tuple[str, str]]) -> dict[str, str]:
    page = browser.new_page()
    page.set_content(f"<!doctype html><html><head><style>:root {{ --md-mermaid-font-family: {FONT_STACK}; }}"
                     f"body {{ font-family: {FONT_STACK}; }}</style></head><body></body></html>")
    page.add_script_tag(path=str(root / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"))
    svgs = page.evaluate(_RENDER, [CONFIG, wanted])
    page.close()
    return svgs


# Mermaid's ids inside a drawing (`id="arrowhead"`, `id="flowchart-A-0"`) and the
# references to them (`url(#arrowhead)`, `href="#root-0"`): samples of what it matches.
_ID = re.compile(r'(\bid="|url\(#|href="#)(?!diagram-)([^")]+)')


def _own_ids(svg: str, prefix: str) -> str:
    """Every id of a drawing under its own prefix: the live drawings each sat in a
    shadow root of their own, while inlined ones share the page, two to a page."""
    return _ID.sub(lambda found: f"{found[1]}{prefix}-{found[2]}", svg)


# The drawing's natural width, as Mermaid writes it on the <svg>: `style="max-width: 787px;"`.
_WIDTH = re.compile(r'^<svg [^>]*?style="max-width: ([\d.]+)px;')


@cache
def _drawing(path: Path, mtime_ns: int) -> str:
    """A drawing's text, read once a build (and again once it changes)."""
    return path.read_text(encoding="utf-8").strip()


def fence_mermaid_custom(source, language, css_class, options, md, **kwargs) -> str:
    """The Mermaid fence: the diagram's drawing, in a figure, or else the source for
    the theme to draw live. (Named as mermaid2's formatter, which the plugin looks for
    to load Mermaid the way Material expects on pages that still need it.)"""
    try:
        path: Path | None = find_root() / DIAGRAMS_DIR / f"{diagram_key(source)}.svg"
    except FileNotFoundError:  # built from outside the project (`mkdocs build -f …`): drawn live
        path = None
    if path is not None and path.is_file():
        drawing = _drawing(path, path.stat().st_mtime_ns)
        width = _WIDTH.search(drawing)  # a phone shows it this wide at most, scrolling sideways (extra.css)
        style = f' style="--diagram-width: {width[1]}px"' if width else ""
        return f'<figure class="diagram"{style}>{drawing}</figure>'
    return f'<pre class="{css_class}"><code>{html.escape(source)}\n</code></pre>'
