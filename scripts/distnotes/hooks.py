"""MkDocs hooks: the syllabus drives the nav, the area lesson lists and the home map.

Nothing here is kept by hand in a second place: a lecture page that tidy writes into
docs/lectures/ shows up in its area's nav section, lesson list and map count on the
next build.
"""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data
from pagefind.index import IndexConfig, PagefindIndex

from distnotes.glossary import Term, abbreviations, add_terms_to_segmenter, load_glossary, search_aliases
from distnotes.syllabus import UNSORTED, Area, Lesson, Syllabus, load_syllabus

ROOT = Path(__file__).resolve().parents[2]
MAP_MARKER = "<!-- map -->"
GLOSSARY_MARKER = "<!-- glossary -->"
GLOSSARY_PAGE = "glossary.md"
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
MERMAID_SITE_DIR = "assets/javascripts/vendor/mermaid"
MERMAID_FILES = ("mermaid.esm.min.mjs", "chunks/mermaid.esm.min")
# Not indexed: diagram source (the map would match every area name) and comment threads
# (carried by data-pagefind-ignore already; listed here too so no theme markup slips in).
SEARCH_EXCLUDE = ["pre.mermaid", "div.mermaid", "details.comments", ".lecture-audio", ".headerlink"]

_syllabus: Syllabus | None = None
_glossary: tuple[Term, ...] | None = None


def syllabus() -> Syllabus:
    global _syllabus
    if _syllabus is None:
        _syllabus = load_syllabus(ROOT / "syllabus.yml")
    return _syllabus


def glossary() -> tuple[Term, ...]:
    global _glossary
    if _glossary is None:
        _glossary = load_glossary(ROOT / "glossary.yml", syllabus())
        add_terms_to_segmenter(_glossary)
    return _glossary


def imported(docs: Path, lesson: Lesson) -> bool:
    return (docs / lesson.page).is_file()


def unsorted_pages(docs: Path) -> list[tuple[str, str, str]]:
    """(path, title, area) of lecture pages the syllabus does not list."""
    pages = []
    for path in sorted((docs / "lectures" / UNSORTED).glob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8"))
        relative = path.relative_to(docs).as_posix()
        pages.append((relative, str(meta.get("title", path.stem)), str(meta.get("area", UNSORTED))))
    return pages


def build_nav(docs: Path, data: Syllabus) -> list:
    """首页, 导读, 四横, 四纵, 拓展: each area's page first, then its imported lectures."""
    extra = unsorted_pages(docs)

    def section(area: Area) -> list:
        lectures = [{lesson.title: lesson.page} for lesson in data.lessons
                    if lesson.area == area.slug and imported(docs, lesson)]
        lectures += [{title: path} for path, title, slug in extra if slug == area.slug]
        return [area.page, *lectures]

    areas = data.areas.values()
    unplaced = [{title: path} for path, title, slug in extra if slug not in data.areas]
    return [
        {"首页": "index.md"},
        {"导读": section(data.areas["guide"])},
        {"四横": [{area.name: section(area)} for area in areas if area.kind == "layer"]},
        {"四纵": [{area.name: section(area)} for area in areas if area.kind == "line"]},
        {"拓展": section(data.areas["extras"]) + ([{"未归类": unplaced}] if unplaced else [])},
        {"术语表": GLOSSARY_PAGE},
    ]


def on_config(config):
    global _syllabus, _glossary
    _syllabus = _glossary = None  # `mkdocs serve` reloads: read the data files afresh
    config["nav"] = build_nav(Path(config["docs_dir"]), syllabus())
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


def map_diagram(docs: Path, data: Syllabus) -> str:
    """The 四纵四横 map as Mermaid: wide layers stacked bottom-up, and beside them the
    four lines as tall pillars (their names written top to bottom) that span every layer."""

    def counts(area: Area) -> str:
        lessons = data.lessons_in(area.slug)
        done = sum(imported(docs, lesson) for lesson in lessons)
        return f"{len(lessons)} 课 · 已导入 {done}"

    # Markdown strings: Material reads the diagram as text, so HTML such as <br> is lost.
    def layer(area: Area, node_id: str) -> str:
        return f'{node_id}["`**{area.name}**\n{counts(area)}`"]'

    def line(area: Area, node_id: str) -> str:
        name = "\n".join(area.short)
        gap = "\n\n" + "\n".join(textwrap.wrap(area.gap, 4)) if area.gap else ""
        return f'{node_id}("`**{name}**\n\n{counts(area).replace(" · ", chr(10))}{gap}`")'

    layers = [area for area in data.areas.values() if area.kind == "layer"]
    lines = [area for area in data.areas.values() if area.kind == "line"]
    ids = {area.slug: f"L{i}" for i, area in enumerate(layers, 1)}
    ids |= {area.slug: f"V{i}" for i, area in enumerate(lines, 1)}
    # Top to bottom, the two unlinked subgraphs share a rank and stand side by side; a
    # subgraph keeps its own direction only while no edge links it to the outside.
    out = ["flowchart TB", '  subgraph layers["四横（自底向上）"]', "    direction BT"]
    out += [f"    {layer(area, ids[area.slug])}" for area in layers]
    out.append("    " + " --> ".join(ids[area.slug] for area in layers))
    out += ["  end", '  subgraph lines["四纵（贯穿每一层）"]', "    direction LR"]
    out += [f"    {line(area, ids[area.slug])}" for area in lines]
    out.append("    " + " ~~~ ".join(ids[area.slug] for area in lines))  # invisible: one row
    out += ["  end"]
    out += [f'  click {ids[area.slug]} href "areas/{area.slug}/" "打开{area.name}"'
            for area in [*layers, *lines]]
    out += [
        "  classDef layer stroke-width:2px",
        "  classDef line stroke-width:2px,stroke-dasharray:6 3",
        "  classDef gap stroke-dasharray:2 4,opacity:0.75",
        f"  class {','.join(ids[a.slug] for a in layers)} layer",
        f"  class {','.join(ids[a.slug] for a in lines)} line",
    ]
    gaps = [ids[area.slug] for area in lines if area.gap]
    if gaps:
        out.append(f"  class {','.join(gaps)} gap")
    return "```mermaid\n" + "\n".join(out) + "\n```"


def lesson_item(docs: Path, lesson: Lesson, page_path: str) -> str:
    """A lesson as Markdown: linked if imported, marked 未导入 if not."""
    if imported(docs, lesson):
        return f"[{lesson.title}]({get_relative_url(lesson.page, page_path)})"
    return f'{lesson.title} <span class="lesson-pending">未导入</span>'


def lesson_list(docs: Path, data: Syllabus, area: Area, page_path: str) -> str:
    """Both courses' lessons of an area: imported ones linked, the others marked."""
    out = ["## 两门课中的相关课程", ""]
    for course in data.courses:
        lessons = [lesson for lesson in data.lessons_in(area.slug) if lesson.course == course]
        if not lessons:
            continue
        # Down-weighted in search: every area page repeats the course and lecturer names.
        out += [f'### 《{course.title}》（{course.author}，{course.year}） {{ data-pagefind-weight="0.2" }}', ""]
        for lesson in lessons:
            item = lesson_item(docs, lesson, page_path)
            if lesson.area != area.slug:
                item += f"（主属{data.areas[lesson.area].name}）"
            out.append(f"- {item}")
        out.append("")
    return "\n".join(out)


def term_list(terms: tuple[Term, ...], area: Area, page_path: str) -> str:
    """An area's key terms, each linked to its glossary entry."""
    link = get_relative_url(GLOSSARY_PAGE, page_path)
    items = [f"[{term.heading}]({link}#{term.id})" for term in terms if term.area == area.slug]
    return "## 本区术语\n\n" + "、".join(items) + "\n" if items else ""


def glossary_page(docs: Path, data: Syllabus, terms: tuple[Term, ...]) -> str:
    """Every term by area: 中文（English）, our definition, its area and its lessons."""
    out = []
    for area in data.areas.values():
        entries = [term for term in terms if term.area == area.slug]
        if not entries:
            continue
        out += [f"## {area.name}", ""]
        for term in entries:
            where = f"[{area.name}]({get_relative_url(area.page, GLOSSARY_PAGE)})"
            # Normal weight: Pagefind boosts headings, and the glossary defines a term in a
            # line where an area page treats it at length.
            out += [f'### {term.heading} {{ #{term.id} data-pagefind-weight="1" }}', ""]
            facts = ([f"缩写：{term.abbr}"] if term.abbr else []) + [f"地图位置：{where}"]
            out += [" · ".join(facts), "", term.definition, ""]
            if term.lessons:
                lessons = "；".join(lesson_item(docs, lesson, GLOSSARY_PAGE) for lesson in term.lessons)
                out += [f"相关课程：{lessons}", ""]
    return "\n".join(out)


def on_page_markdown(markdown: str, page, config, files: Files) -> str:
    # Every page gets the abbreviation tooltips (abbr extension) from the glossary.
    return _page_markdown(markdown, page) + "\n\n" + abbreviations(glossary()) + "\n"


def _page_markdown(markdown: str, page) -> str:
    docs, data = Path(page.file.src_dir), syllabus()
    path = page.file.src_uri
    if path == "index.md":
        return markdown.replace(MAP_MARKER, map_diagram(docs, data))
    if path == GLOSSARY_PAGE:
        return markdown.replace(GLOSSARY_MARKER, glossary_page(docs, data, glossary()))
    area_slug = page.meta.get("area_page")
    if area_slug:
        area = data.areas[area_slug]
        extra = [term_list(glossary(), area, path), lesson_list(docs, data, area, path)]
        return markdown.rstrip() + "\n\n" + "\n".join(part for part in extra if part) + "\n"
    if path.startswith("lectures/"):
        # The lecture header (overrides/main.html) links the page's map areas.
        slugs = [page.meta.get("area", UNSORTED), *page.meta.get("also", [])]
        page.meta["area_links"] = [
            (data.areas[slug].name, get_relative_url(data.areas[slug].page.replace("index.md", ""), page.url))
            for slug in slugs if slug in data.areas
        ] or [("未归类", None)]
    return markdown


async def _index(site_dir: str) -> None:
    # Leaving the context writes the index to output_path (else to ./pagefind).
    config = IndexConfig(exclude_selectors=SEARCH_EXCLUDE, force_language="zh",
                         output_path=str(Path(site_dir) / "pagefind"))
    async with PagefindIndex(config=config) as index:
        await index.add_directory(site_dir)


def on_post_build(config) -> None:
    """Index the built pages with Pagefind's extended build (Chinese segmentation)."""
    asyncio.run(_index(config["site_dir"]))


def on_page_content(html: str, page, config, files: Files) -> str:
    """Index-only aliases of the glossary terms on the page (see `search_aliases`), and
    on a lecture of its lecturer and course, so their names find their lectures first."""
    names = [term.zh for term in glossary()]
    text = BeautifulSoup(html, "html.parser").get_text(" ")
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
